"""The server's dossier projection: each applied event folded with the station's own rules.

An event is judged by folding the dossier's applied events and the new one in causal (HLC)
order with ``counter_app.domain.dossier``, exactly as a station does. An event that does not fit
(a step the state forbids, a payload the fold cannot read, a clock outside the window around
the server's: ``domain.events.clock_fault``, a code another dossier of the agency holds) is held
in the chain but quarantined: not applied here and not handed on in pulls, and the dossier
counts it as a conflict (for a code clash: the dossier that keeps the code, whose station is
told in its pulls).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.domain.codes import CODE_RE
from counter_app.domain.dossier import DossierFacts, fold
from counter_app.domain.errors import CounterError
from counter_app.domain.events import EventRecord, clock_fault
from counter_app.domain.text import fold as fold_text
from counter_app.i18n import _
from counter_server.models import Dossier, Event, Station

_UNREADABLE = (CounterError, ValueError, KeyError, TypeError, AttributeError)


def record_of(row: Event) -> EventRecord:
    """The domain record of a stored event."""
    return EventRecord(
        id=row.id,
        dossier_id=row.dossier_id,
        station_id=row.station_id,
        seq=row.seq,
        type=row.type,
        actor=row.actor,
        wall_clock=datetime.fromisoformat(row.wall_clock),
        hlc=row.hlc,
        payload=row.payload,
        prev_hash=row.prev_hash,
        hash=row.hash,
        personal=row.personal,
    )


def causal(records: Iterable[EventRecord]) -> list[EventRecord]:
    """Events in the order every side folds them: HLC, then station, then seq."""
    return sorted(records, key=lambda record: (record.hlc, record.station_id, record.seq))


def applied_events(session: Session, *, agency: str, dossier_ids: Sequence[str]) -> list[Event]:
    """The applied (not quarantined) events of these dossiers in the agency, causal order."""
    return list(
        session.scalars(
            select(Event)
            .where(
                Event.dossier_id.in_(list(dossier_ids)),
                Event.agency_code == agency,
                Event.quarantine.is_(None),
            )
            .order_by(Event.hlc, Event.station_id, Event.seq)
        )
    )


@dataclass
class Judge:
    """Decides, for one agency within one push transaction, which events apply."""

    session: Session
    agency: str
    now: datetime  # the server's clock: the window an event's clocks must lie in
    owners: dict[str, str] = field(default_factory=dict)
    histories: dict[str, list[EventRecord]] = field(default_factory=dict)
    rows: dict[str, Dossier] = field(default_factory=dict)
    # event id → (station, dossier) holding the code the event claimed: told in their pulls
    clashes: dict[str, tuple[str | None, str]] = field(default_factory=dict)
    # code → a dossier of the agency holding it, for the codes read by ``load_codes``
    holders: dict[str, Dossier] = field(default_factory=dict)
    looked_up: set[str] = field(default_factory=set)

    def load(self, dossier_ids: Iterable[str]) -> None:
        """Read the rows, owners and applied histories of these dossiers once for the batch."""
        ids = sorted(set(dossier_ids) - set(self.owners))
        for dossier in self.session.scalars(select(Dossier).where(Dossier.id.in_(ids))):
            self.owners[dossier.id] = dossier.agency_code
            if dossier.agency_code == self.agency:
                self.rows[dossier.id] = dossier
        own = [dossier_id for dossier_id in ids if self.owners.get(dossier_id) == self.agency]
        for row in applied_events(self.session, agency=self.agency, dossier_ids=own):
            self.histories.setdefault(row.dossier_id, []).append(record_of(row))

    def load_codes(self, payloads: Iterable[dict[str, Any]]) -> None:
        """Read once for the batch which dossiers of the agency hold the codes these payloads
        give: a query per new dossier, each flushing the ones before, made a push of 100
        take seconds."""
        codes = {code for payload in payloads if (code := _given_code(payload))}
        codes -= self.looked_up
        if not codes:
            return
        query = select(Dossier).where(
            Dossier.agency_code == self.agency, Dossier.code.in_(sorted(codes))
        )
        for row in self.session.scalars(query):
            self.holders.setdefault(str(row.code), row)
        self.looked_up |= codes

    def facts(self, dossier_id: str) -> DossierFacts | None:
        """The dossier as the applied events make it (None when unknown here)."""
        if self.owners.get(dossier_id) != self.agency:
            return None
        return fold(self.histories.get(dossier_id, []))

    def judge(self, record: EventRecord) -> str | None:
        """None when ``record`` applies (the projection is updated); else why not."""
        reason = self._foreign(record)
        if reason is not None:
            return reason
        reason = clock_fault(record, self.now)
        if reason is not None:
            self._count_conflict(record.dossier_id)
            return reason
        history = causal([*self.histories.get(record.dossier_id, []), record])
        try:
            facts = fold(history)
        except _UNREADABLE as error:
            self._count_conflict(record.dossier_id)
            return str(error) if isinstance(error, CounterError) else _unreadable(record, error)
        assert facts is not None
        holder = self._code_holder(facts)
        if holder is not None:
            holder.conflicts += 1  # the officers see it on the dossier that keeps the code
            self.clashes[record.id] = (holder.station_id, holder.id)
            return _(
                "Mã hồ sơ {code} đã thuộc một hồ sơ khác của cơ quan (quầy {slot}); sự kiện "
                "không được áp dụng."
            ).format(code=facts.code, slot=slot_of(self.session, holder.station_id))
        self.histories[record.dossier_id] = history
        self._project(facts)
        return None

    def _code_holder(self, facts: DossierFacts) -> Dossier | None:
        """Another dossier of the agency that holds the code ``facts`` gives its dossier.

        Pushes of one agency are ordered by its row lock, so what this reads is every dossier
        committed before, whichever server process projected it.
        """
        row = self._row(facts.id)
        if not facts.code or (row is not None and row.code == facts.code):
            return None
        if facts.code in self.looked_up:
            holder = self.holders.get(facts.code)
            if holder is None or (holder.id != facts.id and holder.code == facts.code):
                return holder
        return self.session.scalar(
            select(Dossier)
            .where(
                Dossier.agency_code == self.agency,
                Dossier.code == facts.code,
                Dossier.id != facts.id,
            )
            .limit(1)
        )

    def _foreign(self, record: EventRecord) -> str | None:
        """Why the event touches another agency's dossier, if it does."""
        code = dossier_code(record)
        owner = self.owners.get(record.dossier_id)
        foreign_code = (
            code is not None and CODE_RE.match(code) and not code.startswith(self.agency + "-")
        )
        if foreign_code or (owner is not None and owner != self.agency):
            shown = code or record.dossier_id
            return _("Hồ sơ {code} thuộc cơ quan khác; sự kiện không được áp dụng.").format(
                code=shown
            )
        return None

    def _count_conflict(self, dossier_id: str) -> None:
        dossier = self._row(dossier_id)
        if dossier is not None:
            dossier.conflicts += 1

    def _row(self, dossier_id: str) -> Dossier | None:
        if self.owners.get(dossier_id) != self.agency:
            return None
        if dossier_id not in self.rows:
            row = self.session.get(Dossier, dossier_id)
            assert row is not None
            self.rows[dossier_id] = row
        return self.rows[dossier_id]

    def _project(self, facts: DossierFacts) -> None:
        dossier = self._row(facts.id)
        if dossier is None:
            dossier = Dossier(id=facts.id, agency_code=self.agency, conflicts=0)
            self.session.add(dossier)
            self.owners[facts.id] = self.agency
            self.rows[facts.id] = dossier
        project(dossier, facts)
        if facts.code:
            holder = self.holders.get(facts.code)
            if holder is None or holder.code != facts.code:  # none, or it gave the code up
                self.holders[facts.code] = dossier


def slot_of(session: Session, station_id: str | None) -> str:
    """The slot a station's dossier codes come from, as a person names the counter."""
    station = None if station_id is None else session.get(Station, station_id)
    return "?" if station is None else str(station.slot)


def project(dossier: Dossier, facts: DossierFacts) -> None:
    """Copy the fold's listing fields onto the projection row."""
    name = facts.applicant.get("name")
    dossier.code = facts.code
    dossier.state = facts.state.value
    dossier.procedure_code = facts.procedure_code
    dossier.applicant_name = name
    dossier.applicant_folded = fold_text(name or "")
    dossier.channel = facts.channel
    dossier.return_method = facts.return_method
    dossier.received_at = facts.received_at
    dossier.due_at = facts.due_at
    dossier.station_id = facts.station_id
    dossier.last_hlc = facts.last_hlc


def dossier_code(record: EventRecord) -> str | None:
    """The dossier code an event's payload names, if any."""
    dossier = record.payload.get("dossier")
    code = dossier.get("code") if isinstance(dossier, dict) else None
    return code.strip().upper() if isinstance(code, str) else None


def _given_code(payload: dict[str, Any]) -> str | None:
    """The code a payload gives its dossier, as the fold reads it."""
    dossier = payload.get("dossier")
    code = dossier.get("code") if isinstance(dossier, dict) else None
    return code if isinstance(code, str) and code else None


def _unreadable(record: EventRecord, error: Exception) -> str:
    return _("Sự kiện «{type}» không đọc được ({error}); không được áp dụng.").format(
        type=record.type[:40], error=f"{type(error).__name__}: {error}"[:200]
    )
