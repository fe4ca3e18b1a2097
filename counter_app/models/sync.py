"""What the sync client keeps: its state, events set aside, conflicts, the server's notices and
events on hold."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from counter_app.models.base import Base, JsonText, UtcDateTime


class SyncState(Base):
    """The one row saying how far this station is with the central server."""

    __tablename__ = "sync_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)  # always 1
    server_url: Mapped[str] = mapped_column(String(500), default="")
    # The server holds this station's chain through this seq: the outbox is everything after.
    acked_seq: Mapped[int] = mapped_column(Integer, default=0)
    # While a batch is on its way, the last seq it carries (0 when nothing is being sent).
    sending_through_seq: Mapped[int] = mapped_column(Integer, default=0)
    pull_cursor: Mapped[int] = mapped_column(Integer, default=0)
    publication_cursor: Mapped[int] = mapped_column(Integer, default=0)
    last_attempt_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_success_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    last_error_class: Mapped[str | None] = mapped_column(String(20))
    # server clock minus station clock, measured at the last contact
    clock_offset_ms: Mapped[int | None] = mapped_column(Integer)
    # the server's X25519 public key: hand-carried files are encrypted to it ("" until known)
    server_transfer_key: Mapped[str] = mapped_column(String(44), default="", server_default="")


class SetAsideEvent(Base):
    """An own event the server refused to apply: kept in the chain, shown with its reason."""

    __tablename__ = "set_aside_events"

    event_id: Mapped[str] = mapped_column(ForeignKey("events.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    set_aside_at: Mapped[datetime] = mapped_column(UtcDateTime)


class DossierConflict(Base):
    """An event kept in the log that does not fit its dossier's state; a person resolves it."""

    __tablename__ = "dossier_conflicts"

    event_id: Mapped[str] = mapped_column(ForeignKey("events.id"), primary_key=True)
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossiers.id"), index=True)
    reason: Mapped[str] = mapped_column(Text)
    flagged_at: Mapped[datetime] = mapped_column(UtcDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    resolved_by: Mapped[str | None] = mapped_column(String(50))


class ServerNotice(Base):
    """What the server told about one of this station's dossiers: another counter's event
    claimed its code and is held there. Shown with the conflicts until a person marks it seen."""

    __tablename__ = "server_notices"

    event_id: Mapped[str] = mapped_column(String(36), primary_key=True)  # the held event
    dossier_id: Mapped[str] = mapped_column(String(36), index=True)
    reason: Mapped[str] = mapped_column(Text)
    noticed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    resolved_by: Mapped[str | None] = mapped_column(String(50))


class HeldEvent(Base):
    """A pulled event that cannot be applied yet (e.g. its procedure version is not here)."""

    __tablename__ = "held_events"

    event_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    server_seq: Mapped[int] = mapped_column(Integer)
    dossier_id: Mapped[str] = mapped_column(String(36), index=True)
    body: Mapped[Any] = mapped_column(JsonText)
    reason: Mapped[str] = mapped_column(Text)
    held_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ProcedureAlias(Base):
    """Another station's id for a procedure version this station stores under its own id."""

    __tablename__ = "procedure_aliases"

    foreign_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    procedure_id: Mapped[str] = mapped_column(ForeignKey("procedures.id"))
