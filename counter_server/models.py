"""Tables of the central server: agencies, stations, enrolment codes, dossiers and events."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, ForeignKey, Index, Integer, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from counter_app.domain.events import GENESIS_HASH
from counter_app.models.base import NAMING_CONVENTION, UtcDateTime


class Base(DeclarativeBase):
    """Base of every table on the central server."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Agency(Base):
    """An agency (commune, ward, district department); its row is the push lock."""

    __tablename__ = "agencies"

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    # The last server_seq handed out in this agency; only moved while the row is locked.
    last_server_seq: Mapped[int] = mapped_column(BigInteger, default=0)


class Station(Base):
    """An enrolled counter PC; only the SHA-256 of its bearer token is kept."""

    __tablename__ = "stations"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    agency_code: Mapped[str] = mapped_column(ForeignKey("agencies.code"), index=True)
    slot: Mapped[int] = mapped_column(Integer)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    enrolled_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # Head of the chain the server holds for this station.
    held_seq: Mapped[int] = mapped_column(Integer, default=0)
    held_hash: Mapped[str] = mapped_column(String(64), default=GENESIS_HASH)


class EnrolmentCode(Base):
    """A one-time code an administrator hands to a station; kept only as a hash."""

    __tablename__ = "enrolment_codes"

    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    agency_code: Mapped[str] = mapped_column(ForeignKey("agencies.code"))
    slot: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)
    used_by: Mapped[str | None] = mapped_column(String(36), default=None)


class Dossier(Base):
    """Which agency a dossier belongs to, recorded from the first event that names it."""

    __tablename__ = "dossiers"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    agency_code: Mapped[str] = mapped_column(ForeignKey("agencies.code"), index=True)
    code: Mapped[str | None] = mapped_column(String(40), default=None)


class Event(Base):
    """One station event as pushed, with its place in the agency's commit order."""

    __tablename__ = "events"
    __table_args__ = (
        Index("uq_events_station_seq", "station_id", "seq", unique=True),
        Index("uq_events_agency_server_seq", "agency_code", "server_seq", unique=True),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    station_id: Mapped[str] = mapped_column(ForeignKey("stations.id"))
    seq: Mapped[int] = mapped_column(Integer)
    dossier_id: Mapped[str] = mapped_column(String(36), index=True)
    type: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str] = mapped_column(String(100))
    # The ISO text exactly as hashed, offset included.
    wall_clock: Mapped[str] = mapped_column(String(40))
    hlc: Mapped[int] = mapped_column(BigInteger)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    agency_code: Mapped[str] = mapped_column(ForeignKey("agencies.code"))
    server_seq: Mapped[int] = mapped_column(BigInteger)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
