"""What the province publishes, applied at the station once each, in order.

A catalogue publication stores new versions of the procedures it changes (the same import as a
file); a calendar publication sets or removes days marked ``published`` (with the document each
follows) and may confirm whole years; a release announcement is kept (the newest one) for the
status bar to show. The caller advances the publication cursor in the same transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, delete, select
from sqlalchemy.dialects.sqlite import insert

from counter_app.domain.calendar import OverrideKind
from counter_app.domain.catalogue_file import read_catalogue
from counter_app.models.tables import CALENDAR_OVERRIDES, SETTINGS
from counter_app.services.calendar_admin import confirm_year
from counter_app.services.catalogue import import_specs
from counter_app.sync.protocol import CalendarDay, Publication, ReleaseBody, version_key

ANNOUNCED_RELEASE = "announced_release"  # a settings row outside the declared options

_KINDS = {"off": OverrideKind.DAY_OFF.value, "working": OverrideKind.WORKING_DAY.value}


def apply_publications(db: Connection, publications: Sequence[Publication]) -> int:
    """Apply each publication in ``pub_seq`` order; return how many were applied."""
    for publication in sorted(publications, key=lambda item: item.pub_seq):
        if publication.kind == "catalogue":
            source = f"publication {publication.pub_seq}"
            import_specs(db, read_catalogue(publication.body, source))
        elif publication.kind == "release":
            remember_release(db, ReleaseBody.model_validate(publication.body))
        else:
            apply_calendar(db, publication.body)
    return len(publications)


def apply_calendar(db: Connection, body: dict[str, Any]) -> None:
    """Set the published days, remove the withdrawn ones, record the confirmed years."""
    days = [CalendarDay.model_validate(item) for item in body.get("days", [])]
    removed = [date.fromisoformat(str(item)) for item in body.get("removed", [])]
    if removed:
        table = CALENDAR_OVERRIDES
        db.execute(delete(table).where(table.c.day.in_(removed)))
    for day in days:
        values = {
            "kind": _KINDS[day.kind],
            "reason": day.reason,
            "source": "published",
            "document": day.document,
        }
        statement = insert(CALENDAR_OVERRIDES).values(day=day.day, **values)
        db.execute(statement.on_conflict_do_update(index_elements=["day"], set_=values))
    for year in body.get("years", []):
        confirm_year(db, year=int(year), source="published")


def announced_release(db: Connection) -> ReleaseBody | None:
    """The newest release the server announced, if any."""
    stored = db.execute(
        select(SETTINGS.c.value).where(SETTINGS.c.key == ANNOUNCED_RELEASE)
    ).scalar_one_or_none()
    return None if stored is None else ReleaseBody.model_validate(stored)


def remember_release(db: Connection, release: ReleaseBody) -> None:
    """Keep ``release`` unless a newer one is already kept."""
    known = announced_release(db)
    if known is not None and version_key(known.version) > version_key(release.version):
        return
    value = release.model_dump(mode="json")
    statement = insert(SETTINGS).values(key=ANNOUNCED_RELEASE, value=value)
    db.execute(statement.on_conflict_do_update(index_elements=["key"], set_={"value": value}))
