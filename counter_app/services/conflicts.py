"""Dossier conflicts: events kept in the log that did not fit, until a person marks them seen."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, update

from counter_app.domain.errors import NotFound
from counter_app.i18n import _
from counter_app.models.tables import CONFLICTS


def resolve(db: Connection, *, event_id: str, actor: str, now: datetime) -> None:
    """Mark the conflict of ``event_id`` resolved by ``actor``; the event stays in the log."""
    c = CONFLICTS.c
    done = db.execute(
        update(CONFLICTS)
        .where(c.event_id == event_id, c.resolved_at.is_(None))
        .values(resolved_at=now, resolved_by=actor[:50])
    )
    if done.rowcount == 0:
        raise NotFound(_("Không có xung đột chưa xử lý của sự kiện {id}.").format(id=event_id[:40]))
