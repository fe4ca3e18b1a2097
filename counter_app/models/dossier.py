"""Dossiers (a projection of their events), documents received and the event log."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from counter_app.models.base import Base, JsonText, UtcDateTime

# the covering index's columns after dossier_id, in the order the statistics pass reads them
STEP_COLUMNS = (
    "hlc",
    "type",
    "wall_clock",
    "actor",
    "due_at",
    "received_at",
    "return_method",
    "rating",
    "digitised",
)


class Dossier(Base):
    """The current facts of a dossier: always equal to a fold of its events."""

    __tablename__ = "dossiers"
    __table_args__ = (
        Index("ix_dossiers_state_due", "state", "due_at"),
        Index("ix_dossiers_received_at", "received_at"),
        # partial: a dossier being received has no end or return yet, so intake skips them
        Index(
            "ix_dossiers_ended_received",
            "ended_at",
            "received_at",
            sqlite_where=text("ended_at IS NOT NULL"),
        ),
        Index(
            "ix_dossiers_returned_at", "returned_at", sqlite_where=text("returned_at IS NOT NULL")
        ),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    station_id: Mapped[str] = mapped_column(ForeignKey("stations.id"))
    procedure_id: Mapped[str] = mapped_column(ForeignKey("procedures.id"))
    procedure_code: Mapped[str] = mapped_column(String(40))
    applicant_name: Mapped[str] = mapped_column(String(200))
    applicant_folded: Mapped[str] = mapped_column(String(200))
    id_number: Mapped[str | None] = mapped_column(String(12), index=True)
    dob: Mapped[str | None] = mapped_column(String(10))
    sex: Mapped[str | None] = mapped_column(String(10))
    address: Mapped[str | None] = mapped_column(String(500))
    phone: Mapped[str | None] = mapped_column(String(15), index=True)
    email: Mapped[str | None] = mapped_column(String(254))
    channel: Mapped[str] = mapped_column(String(10))
    return_method: Mapped[str] = mapped_column(String(10))
    state: Mapped[str] = mapped_column(String(30))
    portal_status: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    received_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    due_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    original_due_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    returned_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    pause_kind: Mapped[str | None] = mapped_column(String(30))
    paused_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    apology_count: Mapped[int] = mapped_column(Integer, default=0)
    supplement_count: Mapped[int] = mapped_column(Integer, default=0)
    fee_paid: Mapped[int | None] = mapped_column(Integer)
    rating: Mapped[str | None] = mapped_column(String(20))
    last_hlc: Mapped[int] = mapped_column(Integer, default=0)


class DossierDocument(Base):
    """A document handed over with a dossier; ``extra`` ones are outside the catalogue."""

    __tablename__ = "dossier_documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossiers.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    key: Mapped[str | None] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(500))
    form: Mapped[str] = mapped_column(String(20))
    count: Mapped[int] = mapped_column(Integer)
    extra: Mapped[bool] = mapped_column(Boolean, default=False)


class Event(Base):
    """One append-only event; hash-chained per station."""

    __tablename__ = "events"
    __table_args__ = (
        UniqueConstraint("station_id", "seq"),
        # a dossier's events in causal order with everything the period statistics read: the
        # statistics pass never visits the table (nor parses a payload)
        Index("ix_events_dossier_steps", "dossier_id", *STEP_COLUMNS),
        # partial: the pause audit finds the dossiers paused in a period without a scan
        Index(
            "ix_events_paused_at",
            "wall_clock",
            "dossier_id",
            sqlite_where=text("type = 'paused'"),
        ),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossiers.id"))
    station_id: Mapped[str] = mapped_column(String(36))
    seq: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(30))
    actor: Mapped[str] = mapped_column(String(50))
    wall_clock: Mapped[datetime] = mapped_column(UtcDateTime)
    hlc: Mapped[int] = mapped_column(Integer)
    payload: Mapped[Any] = mapped_column(JsonText)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    # the citizen's fields, outside the hash (``domain.personal``); NULL once erased
    personal: Mapped[Any | None] = mapped_column(JsonText)
    # copies of the payload fields the statistics read (``domain.trails.payload_texts``),
    # written with the event; the payload stays the record and ``events verify`` checks them
    due_at: Mapped[str | None] = mapped_column(String(40))
    received_at: Mapped[str | None] = mapped_column(String(40))
    return_method: Mapped[str | None] = mapped_column(String(20))
    rating: Mapped[str | None] = mapped_column(String(20))
    digitised: Mapped[bool | None] = mapped_column(Boolean)
