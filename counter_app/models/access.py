"""The access log: one chained entry per view of citizens' data, and the dossiers it showed."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from counter_app.models.base import Base, JsonText, UtcDateTime


class AccessEntryRow(Base):
    """One view (``domain.access.AccessEntry``), chained per station like the events."""

    __tablename__ = "access_log"
    __table_args__ = (
        UniqueConstraint("station_id", "seq"),
        Index("ix_access_log_actor_at", "actor", "at"),  # one clerk over a period
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    station_id: Mapped[str] = mapped_column(String(36))
    seq: Mapped[int] = mapped_column(Integer)
    actor: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    kind: Mapped[str] = mapped_column(String(20))
    via: Mapped[str] = mapped_column(String(10))
    dossier_ids: Mapped[Any] = mapped_column(JsonText)
    detail: Mapped[Any] = mapped_column(JsonText)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AccessDossierRow(Base):
    """A dossier an entry showed: who saw this dossier is one index range."""

    __tablename__ = "access_log_dossiers"

    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossiers.id"), primary_key=True)
    entry_id: Mapped[str] = mapped_column(ForeignKey("access_log.id"), primary_key=True)


class AccessChain(Base):
    """The head of this station's access chain and how far the server holds it.

    ``base_seq``/``base_hash``: where the local chain continues the server's copy after a
    restore from an old backup (the entries between are held by the server only).
    """

    __tablename__ = "access_chain"

    station_id: Mapped[str] = mapped_column(ForeignKey("stations.id"), primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer, default=0)
    last_hash: Mapped[str] = mapped_column(String(64))
    acked_seq: Mapped[int] = mapped_column(Integer, default=0)
    base_seq: Mapped[int] = mapped_column(Integer, default=0)
    base_hash: Mapped[str] = mapped_column(String(64))
