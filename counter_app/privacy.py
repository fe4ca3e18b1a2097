"""The station façade's part for citizens' personal data: views on the access log.

Every read that shows a citizen's data to a person goes through here: the data is read and the
view appended to the station's access chain in one write transaction, so nothing is shown that
is not on record (a view that cannot be logged fails like the read would). The leader reads the
log back per dossier ("Ai đã xem hồ sơ này") and per clerk over a period.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from counter_app.domain.access import AccessKind, search_detail
from counter_app.domain.calendar import VN_TZ
from counter_app.later import LaterModule
from counter_app.services.search_types import NO_FILTERS

if TYPE_CHECKING:
    from counter_app.domain.dossier import DossierFacts
    from counter_app.domain.events import ChainBreak, EventRecord
    from counter_app.services import access_log, eventlog, search, steps
    from counter_app.services.access_types import AccessView
    from counter_app.services.search_types import DossierSummary, SearchFilters
    from counter_app.station import Station
else:  # SQLAlchemy and the models load with the first use, on the database thread
    access_log = LaterModule("counter_app.services.access_log")
    eventlog = LaterModule("counter_app.services.eventlog")
    search = LaterModule("counter_app.services.search")
    steps = LaterModule("counter_app.services.steps")


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


def _filter_names(filters: SearchFilters) -> list[str]:
    """The filters a search used, by name (their values are not personal, but not needed)."""
    used = {
        "state": filters.state,
        "field": filters.field,
        "received_from": filters.received_from,
        "received_to": filters.received_to,
    }
    return [name for name, value in used.items() if value is not None]
