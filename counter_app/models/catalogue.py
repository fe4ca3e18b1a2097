"""Versioned procedures and their required documents."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from counter_app.models.base import Base, JsonText, UtcDateTime


class Procedure(Base):
    """One version of an administrative procedure (TTHC); dossiers point at the version used."""

    __tablename__ = "procedures"
    __table_args__ = (
        UniqueConstraint("code", "version"),
        Index("ix_procedures_current_code", "is_current", "code"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    code: Mapped[str] = mapped_column(String(40))
    version: Mapped[int] = mapped_column(Integer)
    is_current: Mapped[bool] = mapped_column(Boolean, default=True)
    name: Mapped[str] = mapped_column(String(500))
    name_folded: Mapped[str] = mapped_column(String(500))
    field: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(10))
    time_amount: Mapped[int] = mapped_column(Integer)
    time_unit: Mapped[str] = mapped_column(String(20))
    same_day_cutoff: Mapped[bool] = mapped_column(Boolean)
    fee_amount: Mapped[int | None] = mapped_column(Integer)
    fee_text: Mapped[str] = mapped_column(Text)
    legal_basis: Mapped[str] = mapped_column(Text)
    decision: Mapped[str] = mapped_column(String(500))
    status: Mapped[str] = mapped_column(String(20))
    unconfirmed: Mapped[Any] = mapped_column(JsonText)
    pause_grounds: Mapped[Any] = mapped_column(JsonText, default=list, server_default="[]")
    content_hash: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[datetime] = mapped_column(UtcDateTime)
    place: Mapped[str] = mapped_column(Text, default="", server_default="")
    effective_from: Mapped[date | None] = mapped_column(Date)
    sources: Mapped[Any] = mapped_column(JsonText, default=dict, server_default="{}")

    documents: Mapped[list[ProcedureDocument]] = relationship(
        order_by="ProcedureDocument.position", cascade="all, delete-orphan"
    )


class ProcedureDocument(Base):
    """A document the procedure asks for (thành phần hồ sơ)."""

    __tablename__ = "procedure_documents"
    __table_args__ = (UniqueConstraint("procedure_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    procedure_id: Mapped[str] = mapped_column(ForeignKey("procedures.id"))
    position: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(500))
    form: Mapped[str] = mapped_column(String(20))
    count: Mapped[int] = mapped_column(Integer)
    mandatory: Mapped[bool] = mapped_column(Boolean)
    condition: Mapped[str | None] = mapped_column(String(500))
    unconfirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    # data sources the document can be obtained from instead of paper (None: none)
    obtainable_from: Mapped[Any] = mapped_column(JsonText, nullable=True)
