"""The running numbers an event takes when it is written at this station.

A refusal, a supplement request, an apology and a stop notice take the next number of their
kind in the year they are issued; a dossier accepted at the counter takes the next number of the
register book in the year it was received. Each is stored in the event's payload (so it is in
the dossier's timeline, syncs with it and is printed as recorded) and advanced in the event's own
transaction. The form set a dossier prints with is decided here too, from the day the applicant
first came.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection

from counter_app.domain.calendar import VN_TZ
from counter_app.domain.codes import CODE_RE, parse_code
from counter_app.domain.dossier import DossierFacts
from counter_app.domain.lifecycle import EventType, State
from counter_app.domain.numbers import IssuedNumber, Series, number_text
from counter_app.printing.model import FormSet, form_set_for
from counter_app.services.calendar_admin import read_settings
from counter_app.services.context import StationContext
from counter_app.services.sequence import issue_yearly

DOCUMENT_SERIES: Mapping[EventType, Series] = {
    EventType.SUPPLEMENT_REQUESTED: Series.SUPPLEMENT,
    EventType.REFUSED: Series.REFUSAL,
    EventType.APOLOGISED: Series.APOLOGY,
    EventType.STOPPED: Series.STOP,
}


def first_came(code: str, *moments: datetime | None) -> date:
    """The day the applicant first came: the day in the dossier's code (its receipt day, also
    for a dossier guided or refused at the counter), else the earliest of ``moments``."""
    if CODE_RE.match(code):
        return parse_code(code).day
    return min(moment.astimezone(VN_TZ).date() for moment in moments if moment is not None)


def dossier_form_set(facts: DossierFacts, settings: Mapping[str, Any]) -> FormSet:
    """The form set the dossier prints with, by the day its applicant first came."""
    day = first_came(facts.code, facts.received_at, facts.created_at)
    return form_set_for(day, forms_2025_from(settings))


def forms_2025_from(settings: Mapping[str, Any]) -> date:
    """The first day the Circular 03/2025 forms apply (setting ``forms_2025_from``)."""
    return date.fromisoformat(settings["forms_2025_from"])


def numbered(
    db: Connection,
    ctx: StationContext,
    event: EventType,
    *,
    facts: DossierFacts | None,
    payload: Mapping[str, Any],
    at: datetime,
) -> dict[str, Any]:
    """``payload`` with the numbers ``event`` takes (``facts``: the dossier before it)."""
    result = dict(payload)
    series = DOCUMENT_SERIES.get(event)
    if series is not None and _prints(db, series, facts):
        settings = read_settings(db)
        year = at.astimezone(VN_TZ).year
        issued = _issue(db, ctx, series, year, str(settings["document_symbol_agency"]))
        result["number"] = issued.payload()
    received = payload.get("received_at")
    if received is not None and _accepts(event, facts):
        year = datetime.fromisoformat(received).astimezone(VN_TZ).year
        result["register"] = _issue(db, ctx, Series.REGISTER, year, "").payload()
    return result


def _accepts(event: EventType, facts: DossierFacts | None) -> bool:
    """True when ``event`` makes the dossier received (at the counter, or completed there)."""
    if event is EventType.RECEIVED:
        return True
    return (
        event is EventType.SUPPLEMENT_RECEIVED
        and facts is not None
        and facts.state is State.PENDING_SUPPLEMENT
    )


def _prints(db: Connection, series: Series, facts: DossierFacts | None) -> bool:
    """False for a stop under the 2018 forms, which have no stop notice to number."""
    if series is not Series.STOP or facts is None:
        return True
    return dossier_form_set(facts, read_settings(db)) is FormSet.TT03_2025


def _issue(
    db: Connection, ctx: StationContext, series: Series, year: int, agency_symbol: str
) -> IssuedNumber:
    identity = ctx.identity
    value = issue_yearly(
        db, station_id=identity.station_id, slot=identity.slot, series=series, year=year
    )
    return IssuedNumber(series, year, value, number_text(value, series, agency_symbol))
