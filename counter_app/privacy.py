"""The station façade's part for citizens' personal data: views on the access log.

Every read that shows a citizen's data to a person goes through here: the data is read and the
view appended to the station's access chain in one write transaction, so nothing is shown that
is not on record (a view that cannot be logged fails like the read would). The leader reads the
log back per dossier ("Ai đã xem hồ sơ này") and per clerk over a period.

The citizen's rights live here too: everything held about one person in one file, the notice
of processing, and the erasure of personal fields past their retention period. This module
loads with its first use (``Station.privacy``), never at start-up.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from counter_app.domain.access import AccessKind, search_detail
from counter_app.domain.calendar import VN_TZ
from counter_app.domain.dossier import DossierFacts
from counter_app.domain.errors import InvalidInput, NotFound
from counter_app.domain.events import ChainBreak, EventRecord
from counter_app.domain.personal import SCOPE_PERSONAL, SCOPE_SCAN
from counter_app.domain.text import clean
from counter_app.i18n import _
from counter_app.models.rows import driver
from counter_app.services import (
    access_log,
    calendar_admin,
    erasure,
    eventlog,
    retention,
    search,
    steps,
    subject_export,
)
from counter_app.services.access_types import AccessView
from counter_app.services.retention import DueErasure
from counter_app.services.search_types import NO_FILTERS, DossierSummary, SearchFilters

if TYPE_CHECKING:
    from counter_app.models.database import Store
    from counter_app.station import Station


@dataclass(frozen=True)
class RetentionPlan:
    """What erasure would do (or did): dossiers past retention, dossiers with a card's text."""

    dossiers: tuple[DueErasure, ...]
    scans: int


@dataclass(frozen=True)
class DossierRead:
    """A dossier shown to a person: its facts and its events."""

    facts: DossierFacts
    events: tuple[EventRecord, ...]


class Privacy:
    """``station.privacy``: reads that are logged, and the log itself."""

    def __init__(self, station: Station) -> None:
        self._station = station

    def open_dossier(self, code: str, *, actor: str, via: str) -> DossierRead:
        """A dossier's facts and events, the view on the access log."""
        with self._station.store.write() as db:
            facts = steps.load_facts(db, code)
            events = tuple(eventlog.load_events(db, facts.id))
            self.record_in(db, AccessKind.OPEN, actor=actor, via=via, dossier_ids=[facts.id])
        return DossierRead(facts, events)

    def search(
        self,
        query: str,
        *,
        actor: str,
        via: str,
        limit: int = 50,
        filters: SearchFilters = NO_FILTERS,
    ) -> list[DossierSummary]:
        """Dossiers by code, ID number, phone or name; the result's dossiers and the kind of
        query (never its text) on the access log."""
        with self._station.store.write() as db:
            found = search.search(db, query, limit=limit, filters=filters)
            if found:
                detail = search_detail(query, _filter_names(filters), len(found))
                ids = [summary.dossier_id for summary in found]
                self.record_in(
                    db, AccessKind.SEARCH, actor=actor, via=via, dossier_ids=ids, detail=detail
                )
        return found

    def record(
        self,
        kind: str,
        *,
        actor: str,
        via: str,
        dossier_ids: Sequence[str] = (),
        detail: Mapping[str, Any] | None = None,
    ) -> None:
        """Log a view made outside these reads (a work list, a register, an export)."""
        with self._station.store.write() as db:
            self.record_in(db, kind, actor=actor, via=via, dossier_ids=dossier_ids, detail=detail)

    def record_in(
        self,
        db: Any,
        kind: str,
        *,
        actor: str,
        via: str,
        dossier_ids: Sequence[str] = (),
        detail: Mapping[str, Any] | None = None,
    ) -> None:
        """Log a view inside the caller's write transaction (the one that read the data)."""
        access_log.record(
            db,
            station_id=self._station.context().identity.station_id,
            actor=actor,
            kind=kind,
            via=via,
            dossier_ids=dossier_ids,
            detail=detail,
        )

    def views_of(self, code: str) -> list[AccessView]:
        """Who saw this dossier, newest first."""
        with self._station.store.read() as db:
            facts = steps.load_facts(db, code)
            return access_log.views_of(db, facts.id)

    def views_by(self, actor: str | None, first: date, last: date) -> list[AccessView]:
        """What ``actor`` (None: anyone) saw from ``first`` to ``last`` (Vietnam days), newest
        first."""
        since = datetime.combine(first, time(), tzinfo=VN_TZ)
        until = datetime.combine(last + timedelta(days=1), time(), tzinfo=VN_TZ)
        with self._station.store.read() as db:
            return access_log.views_by(db, actor=actor, since=since, until=until)

    def verify(self) -> list[ChainBreak]:
        """Check the access chains held here."""
        with self._station.store.read() as db:
            return access_log.verify(db)

    # -- the citizen's rights ------------------------------------------------------------------

    def subject_export(
        self, id_number: str, target: Path, *, actor: str, via: str, now: datetime | None = None
    ) -> int:
        """Write everything held about the person with ``id_number`` to ``target`` (JSON, mode
        0600; an existing file is not overwritten); the export is on the access log. Returns
        how many dossiers it holds."""
        moment = now or datetime.now(UTC)
        identity = self._station.context().identity
        with self._station.store.write() as db:
            ids = subject_export.dossier_ids(db, id_number)
            if not ids:
                raise NotFound(_("Không có hồ sơ nào của người có số định danh này."))
            data = subject_export.document(db, identity=identity, id_number=id_number, now=moment)
            self.record_in(db, AccessKind.SUBJECT_EXPORT, actor=actor, via=via, dossier_ids=ids)
            _write_private(target, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return len(ids)

    def retention_due(self, now: datetime | None = None) -> RetentionPlan:
        """Closed dossiers past their retention, and dossiers still holding a card's text."""
        moment = now or datetime.now(UTC)
        with self._station.store.read() as db:
            rules = calendar_admin.read_settings(db)["retention_years"]
            return RetentionPlan(
                tuple(retention.due(db, rules=rules, now=moment)), len(retention.legacy_scans(db))
            )

    def erase_due(self, *, actor: str, decision: str, now: datetime | None = None) -> RetentionPlan:
        """Erase what ``retention_due`` lists, under ``decision`` (the leader's decision to
        destroy records past their retention), then purge the store's free space of it."""
        decision = clean(decision, field="decision", max_length=300)
        moment = now or datetime.now(UTC)
        ctx = self._station.context()
        with self._station.store.write() as db:
            driver(db).execute("PRAGMA secure_delete = ON")  # freed space is overwritten
            rules = calendar_admin.read_settings(db)["retention_years"]
            plan = RetentionPlan(
                tuple(retention.due(db, rules=rules, now=moment)), len(retention.legacy_scans(db))
            )
            for item in plan.dossiers:
                rule = {"field": item.field, "years": item.years}
                detail = {"rule": rule, "decision": decision}
                erasure.erase(
                    db, ctx=ctx, dossier_id=item.dossier_id, scope=SCOPE_PERSONAL, actor=actor,
                    detail=detail, now=moment,
                )  # fmt: skip
            for dossier_id in retention.legacy_scans(db):
                erasure.erase(
                    db, ctx=ctx, dossier_id=dossier_id, scope=SCOPE_SCAN, actor=actor,
                    detail={"rule": "minimum_data"}, now=moment,
                )  # fmt: skip
        purge(self._station.store)
        return plan


def _filter_names(filters: SearchFilters) -> list[str]:
    """The filters a search used, by name (their values are not personal, but not needed)."""
    used = {
        "state": filters.state,
        "field": filters.field,
        "received_from": filters.received_from,
        "received_to": filters.received_to,
    }
    return [name for name, value in used.items() if value is not None]


def _write_private(target: Path, text: str) -> None:
    """A new file only its owner reads (0600); an existing one is never overwritten."""
    try:
        descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise InvalidInput(_("Tệp {path} đã có; hãy chọn tên khác.").format(path=target)) from None
    except OSError as error:
        raise InvalidInput(
            _("Không ghi được tệp {path} ({reason}).").format(path=target, reason=error.strerror)
        ) from None
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(text)


def purge(store: Store) -> None:
    """Leave no copy of erased values in the store's files: the name index merged (its old
    segments dropped), the WAL written back and emptied."""
    with store.write() as db:
        driver(db).execute("PRAGMA secure_delete = ON")
        driver(db).execute("INSERT INTO dossier_name_fts(dossier_name_fts) VALUES ('optimize')")
    with store.engine.connect() as connection:
        driver(connection).execute("PRAGMA wal_checkpoint(TRUNCATE)")
