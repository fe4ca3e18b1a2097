"""Agencies, stations, users, settings, calendar overrides, sequence slots and yearly numbers."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from counter_app.models.base import Base, JsonText, UtcDateTime


class Agency(Base):
    """The commune or ward receiving dossiers; its code is configured, never derived."""

    __tablename__ = "agencies"

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    parent_name: Mapped[str] = mapped_column(String(200), default="")
    place_name: Mapped[str] = mapped_column(String(100), default="")


class Station(Base):
    """One counter PC; ``is_local`` marks the one this store belongs to."""

    __tablename__ = "stations"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    agency_code: Mapped[str] = mapped_column(ForeignKey("agencies.code"))
    name: Mapped[str] = mapped_column(String(100))
    slot: Mapped[int] = mapped_column(Integer)
    is_local: Mapped[bool] = mapped_column(Boolean, default=False)
    last_seq: Mapped[int] = mapped_column(Integer, default=0)
    last_hash: Mapped[str] = mapped_column(String(64))
    last_hlc: Mapped[int] = mapped_column(Integer, default=0)


class User(Base):
    """A person who logs in at this station."""

    __tablename__ = "users"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    username: Mapped[str] = mapped_column(String(50), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Setting(Base):
    """One station setting, declared with its type and default in ``counter_app.settings``."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[Any] = mapped_column(JsonText)


class CalendarOverrideRow(Base):
    """An extra day off or a make-up working day, published by the server or set locally."""

    __tablename__ = "calendar_overrides"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(20), default="local")
    document: Mapped[str | None] = mapped_column(String(200), nullable=True)


class CalendarYear(Base):
    """A year whose calendar was confirmed (published by the server or by the admin) although
    no official decision for it ships with Counter."""

    __tablename__ = "calendar_years"

    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(String(200), default="")
    confirmed_at: Mapped[datetime] = mapped_column(UtcDateTime)


class SequenceSlot(Base):
    """The last daily number a station issued on a day; advanced in the dossier's transaction."""

    __tablename__ = "sequence_slots"

    station_id: Mapped[str] = mapped_column(ForeignKey("stations.id"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    last_number: Mapped[int] = mapped_column(Integer)


class YearlyNumber(Base):
    """The last number a station issued in a series (register, form 02–05) in a year."""

    __tablename__ = "yearly_numbers"

    station_id: Mapped[str] = mapped_column(ForeignKey("stations.id"), primary_key=True)
    series: Mapped[str] = mapped_column(String(20), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_number: Mapped[int] = mapped_column(Integer)
