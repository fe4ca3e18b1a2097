"""Tables of the central server: agencies, stations, credentials, dossiers, events, publications,
and the public lookup's tallies."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, ForeignKey, Index, Integer, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from counter_app.domain.events import GENESIS_HASH
from counter_app.models.base import NAMING_CONVENTION, UtcDateTime

COUNTER = "counter"
BACK_OFFICE = "back_office"


class Base(DeclarativeBase):
    """Base of every table on the central server."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Agency(Base):
    """An agency (commune, ward, provincial department); its row is the push lock."""

    __tablename__ = "agencies"

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    # The last server_seq handed out in this agency; only moved while the row is locked.
    last_server_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    # The province above, for totals over a subtree; None at the top.
    parent_code: Mapped[str | None] = mapped_column(String(20), default=None, index=True)
    # Where a citizen reaches the centre: shown on the public lookup page (``server agency``).
    address: Mapped[str | None] = mapped_column(String(300), default=None)
    phone: Mapped[str | None] = mapped_column(String(40), default=None)


class Station(Base):
    """An enrolled counter PC, or an agency's back office; only token hashes are kept."""

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
    held_hlc: Mapped[int] = mapped_column(BigInteger, default=0)
    # Ed25519 public key sent at enrolment: checks files carried by hand.
    public_key: Mapped[str | None] = mapped_column(String(44), default=None)
    kind: Mapped[str] = mapped_column(String(12), default=COUNTER)


class EnrolmentCode(Base):
    """A one-time code an administrator hands to a station; kept only as a hash."""

    __tablename__ = "enrolment_codes"

    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    agency_code: Mapped[str] = mapped_column(ForeignKey("agencies.code"))
    slot: Mapped[int] = mapped_column(Integer)
    # A re-key code names the enrolled station it gives a new token to; None: a new station.
    station_id: Mapped[str | None] = mapped_column(String(36), default=None)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)
    used_by: Mapped[str | None] = mapped_column(String(36), default=None)


class Officer(Base):
    """A back-office credential of one agency's department."""

    __tablename__ = "officers"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    agency_code: Mapped[str] = mapped_column(ForeignKey("agencies.code"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class AdminToken(Base):
    """An administrator's credential: publications and imports."""

    __tablename__ = "admin_tokens"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    label: Mapped[str] = mapped_column(String(100))
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Dossier(Base):
    """The server's projection of a dossier: its agency, and a fold of its applied events."""

    __tablename__ = "dossiers"
    __table_args__ = (
        Index("ix_dossiers_agency_state", "agency_code", "state"),
        Index("ix_dossiers_agency_due", "agency_code", "due_at"),
        Index("ix_dossiers_agency_dossier_code", "agency_code", "code"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    agency_code: Mapped[str] = mapped_column(ForeignKey("agencies.code"), index=True)
    code: Mapped[str | None] = mapped_column(String(40), default=None)
    state: Mapped[str | None] = mapped_column(String(30), default=None)
    procedure_code: Mapped[str | None] = mapped_column(String(40), default=None)
    applicant_name: Mapped[str | None] = mapped_column(String(200), default=None)
    applicant_folded: Mapped[str | None] = mapped_column(String(200), default=None)
    channel: Mapped[str | None] = mapped_column(String(20), default=None)
    return_method: Mapped[str | None] = mapped_column(String(20), default=None)
    received_at: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)
    due_at: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)
    station_id: Mapped[str | None] = mapped_column(String(36), default=None)
    last_hlc: Mapped[int] = mapped_column(BigInteger, default=0)
    conflicts: Mapped[int] = mapped_column(Integer, default=0)


MAX_SEQ = 2**31 - 1  # the largest seq ``events.seq`` (INTEGER) holds


class Event(Base):
    """One station event as pushed, with its place in the agency's commit order."""

    __tablename__ = "events"
    __table_args__ = (
        Index("uq_events_station_seq", "station_id", "seq", unique=True),
        Index("uq_events_agency_server_seq", "agency_code", "server_seq", unique=True),
        Index("ix_events_notify_station", "notify_station", "server_seq"),
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
    # the citizen's fields outside the hash (``counter_app.domain.personal``); NULL once erased
    personal: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    agency_code: Mapped[str] = mapped_column(ForeignKey("agencies.code"))
    server_seq: Mapped[int] = mapped_column(BigInteger)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # Why the link is held but not applied nor handed on; None for an applied event.
    quarantine: Mapped[str | None] = mapped_column(String(500), default=None)
    # An administrator's review of a quarantined link: it stays held, off the open list.
    reviewed_at: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)
    reviewed_by: Mapped[str | None] = mapped_column(String(100), default=None)
    review_note: Mapped[str | None] = mapped_column(String(500), default=None)
    # A quarantined link that claims another dossier's code: the station holding that dossier,
    # told in its pulls (``PullResponse.notices``), and the dossier.
    notify_station: Mapped[str | None] = mapped_column(String(36), default=None)
    notify_dossier: Mapped[str | None] = mapped_column(String(36), default=None)
    # Another counter of the agency that carried the link up for its author (``/v1/relay``);
    # None when the author pushed it itself (or a file carried by hand brought it).
    carried_by: Mapped[str | None] = mapped_column(String(36), default=None)


class NamedCounter(Base):
    """A named counter whose row is locked while numbers are handed out (publications)."""

    __tablename__ = "sequences"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    last_value: Mapped[int] = mapped_column(BigInteger, default=0)


class Publication(Base):
    """A catalogue file or calendar days published to every station, in commit order."""

    __tablename__ = "publications"

    pub_seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    kind: Mapped[str] = mapped_column(String(20))
    published_at: Mapped[datetime] = mapped_column(UtcDateTime)
    body: Mapped[dict[str, Any]] = mapped_column(JSON)


class ProcedureVersion(Base):
    """One published version of a procedure: the back office's and the reports' catalogue."""

    __tablename__ = "procedure_versions"
    __table_args__ = (Index("uq_procedure_versions_code_version", "code", "version", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    code: Mapped[str] = mapped_column(String(40))
    version: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64))
    spec: Mapped[dict[str, Any]] = mapped_column(JSON)
    pub_seq: Mapped[int] = mapped_column(BigInteger)
    published_at: Mapped[datetime] = mapped_column(UtcDateTime)


class CalendarDay(Base):
    """A published extra day off or make-up working day."""

    __tablename__ = "calendar_days"

    day: Mapped[str] = mapped_column(String(10), primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    reason: Mapped[str] = mapped_column(String(200))
    document: Mapped[str | None] = mapped_column(String(200), nullable=True)
    pub_seq: Mapped[int] = mapped_column(BigInteger)


class LookupTally(Base):
    """Lookups of the public page in one period and bucket: the rate limits and the abuse report.

    A bucket is ``all`` (every lookup), ``ip:`` and a keyed hash of the caller's address, or
    ``code:`` and a keyed hash of a dossier code tried with digits; nothing names a person.
    """

    __tablename__ = "lookup_tallies"

    period_start: Mapped[datetime] = mapped_column(UtcDateTime, primary_key=True)
    bucket: Mapped[str] = mapped_column(String(40), primary_key=True)
    lookups: Mapped[int] = mapped_column(Integer, default=0)
    misses: Mapped[int] = mapped_column(Integer, default=0)  # codes with nothing to show
    digit_failures: Mapped[int] = mapped_column(Integer, default=0)


class ServerSecret(Base):
    """A random value made when the schema was created (the key of the lookup tallies' hashes)."""

    __tablename__ = "server_secrets"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(128))


class AccessEntry(Base):
    """One view of citizens' data: a station's (pushed) or the back office's (written here)."""

    __tablename__ = "access_log"
    __table_args__ = (
        Index("uq_access_log_station_seq", "station_id", "seq", unique=True),
        Index("ix_access_log_agency_at", "agency_code", "at"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    station_id: Mapped[str] = mapped_column(String(36))
    agency_code: Mapped[str] = mapped_column(ForeignKey("agencies.code"))
    seq: Mapped[int] = mapped_column(Integer)
    actor: Mapped[str] = mapped_column(String(100))
    # The ISO text exactly as hashed, offset included.
    at: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(20))
    via: Mapped[str] = mapped_column(String(10))
    dossier_ids: Mapped[list[str]] = mapped_column(JSON)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)


class AccessDossier(Base):
    """A dossier an access-log entry showed: who saw one dossier is one index range."""

    __tablename__ = "access_log_dossiers"

    dossier_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    entry_id: Mapped[str] = mapped_column(ForeignKey("access_log.id"), primary_key=True)


class AccessHead(Base):
    """How far the server holds a station's access chain; its row is that chain's lock."""

    __tablename__ = "access_heads"

    station_id: Mapped[str] = mapped_column(ForeignKey("stations.id"), primary_key=True)
    held_seq: Mapped[int] = mapped_column(Integer, default=0)
    held_hash: Mapped[str] = mapped_column(String(64), default=GENESIS_HASH)
