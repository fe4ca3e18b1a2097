"""Dossier conflicts, until a person marks them seen: events kept in the log that did not fit,
and the server's notices that another counter's event claimed one of our dossiers' codes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Connection, update

from counter_app.domain.errors import NotFound
from counter_app.i18n import _
from counter_app.models.base import to_utc_text
from counter_app.models.rows import driver
from counter_app.models.tables import CONFLICTS, NOTICES

if TYPE_CHECKING:  # pydantic stays out of the window's start-up
    from counter_app.sync.protocol import Notice

_NOTICE = (
    "INSERT INTO server_notices (event_id, dossier_id, reason, noticed_at) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (event_id) DO NOTHING"
)


def resolve(db: Connection, *, event_id: str, actor: str, now: datetime) -> None:
    """Mark the conflict of ``event_id`` resolved by ``actor``; the event stays in the log."""
    done = 0
    for table in (CONFLICTS, NOTICES):
        c = table.c
        done += db.execute(
            update(table)
            .where(c.event_id == event_id, c.resolved_at.is_(None))
            .values(resolved_at=now, resolved_by=actor[:50])
        ).rowcount
    if done == 0:
        raise NotFound(_("Không có xung đột chưa xử lý của sự kiện {id}.").format(id=event_id[:40]))


def record_notices(db: Connection, notices: Sequence[Notice], *, now: datetime) -> None:
    """Keep the server's notices (each once, also when a pull is repeated)."""
    rows = [(n.event_id, n.dossier_id, n.reason[:2000], to_utc_text(now)) for n in notices]
    if rows:
        driver(db).executemany(_NOTICE, rows)
