"""What the exchange with the other counters of the centre keeps: whom to trust, where each
peer's events were read up to, where each event came from, and what was refused."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from counter_app.models.base import Base, UtcDateTime


class LanSibling(Base):
    """Another enrolled counter of this agency and its public key, as the server published it."""

    __tablename__ = "lan_siblings"

    station_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    slot: Mapped[int] = mapped_column(Integer)
    public_key: Mapped[str] = mapped_column(String(44))
    learned_at: Mapped[datetime] = mapped_column(UtcDateTime)


class LanPeer(Base):
    """A counter heard on the local network: where it was, how far its events were read."""

    __tablename__ = "lan_peers"

    station_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    address: Mapped[str] = mapped_column(String(200))
    # the peer's own order of its store (``PulledEvent.server_seq`` of its answers) and the
    # event at that place: a store restored from a backup renumbers, and the id tells
    cursor: Mapped[int] = mapped_column(Integer, default=0)
    cursor_event_id: Mapped[str | None] = mapped_column(String(36))
    received: Mapped[int] = mapped_column(Integer, default=0)
    last_heard_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)


class LanReceived(Base):
    """Which counter handed on an event stored here: a counter carries up to the server only
    the events their own author handed it, with the author's signature."""

    __tablename__ = "lan_received"

    event_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    from_station: Mapped[str] = mapped_column(String(36))
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    signature: Mapped[str | None] = mapped_column(String(86))


class LanRefused(Base):
    """An event a peer handed on that failed the checks (hash, chain, another copy held)."""

    __tablename__ = "lan_refused"

    event_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    from_station: Mapped[str] = mapped_column(String(36), primary_key=True)
    author: Mapped[str] = mapped_column(String(36))
    seq: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    refused_at: Mapped[datetime] = mapped_column(UtcDateTime)
