"""The wire protocol between a station and the central server (pydantic models, Qt-free).

Both sides use these models, so a field added here is added to both. Events travel with every
field the station's hash covers; ``wall_clock`` is sent as ISO 8601 text with its offset, exactly as
``EventRecord.wall_clock.isoformat()`` gives it, so the hash can be checked on arrival.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, BaseModel, BeforeValidator, ConfigDict, Field

from counter_app.domain.access import AccessEntry
from counter_app.domain.events import EventRecord

# Every request a station makes names the Counter it runs; a server may refuse one too old (426).
VERSION_HEADER = "X-Counter-Version"
CLIENT_TOO_OLD = "client_too_old"
VERSION_PATTERN = r"^\d{1,4}(\.\d{1,4}){0,3}$"
UUID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
HASH_PATTERN = r"^[0-9a-f]{64}$"
MAX_BATCH = 1000
MAX_PULL = 1000

Uuid = Annotated[str, Field(pattern=UUID_PATTERN, description="Lower-case hyphenated UUID")]
Hash = Annotated[str, Field(pattern=HASH_PATTERN, description="SHA-256, lower-case hex")]
Signature = Annotated[
    str,
    Field(pattern=r"^[A-Za-z0-9_-]{86}$", description="Ed25519, URL-safe base64 without padding"),
]
_NUMBER = re.compile(r"\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*")


def iso_text_only(value: object) -> object:
    """Refuse a number where a date or time is expected: pydantic would read ``0.5`` or ``0``
    as a Unix timestamp, and a typo would become a date in 1970."""
    if isinstance(value, int | float) or (isinstance(value, str) and _NUMBER.fullmatch(value)):
        raise ValueError("a date or time is written in ISO 8601, not as a number")
    return value


IsoDatetime = Annotated[AwareDatetime, BeforeValidator(iso_text_only)]
IsoDate = Annotated[date, BeforeValidator(iso_text_only)]


def version_key(text: str) -> tuple[int, ...]:
    """``"0.10.2"`` → ``(0, 10, 2)``, for comparing versions; anything unreadable is ``()``."""
    parts = text.strip().split(".")
    return tuple(int(part) for part in parts) if all(p.isdigit() for p in parts) else ()


class _Strict(BaseModel):
    """Unknown fields are refused, so a typo is an error and not silently dropped."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class WireEvent(_Strict):
    """One event as it travels; the same fields as ``EventRecord``."""

    id: Uuid
    dossier_id: Uuid
    station_id: Annotated[str, Field(min_length=1, max_length=36)]
    seq: Annotated[int, Field(ge=1, strict=True)]
    type: Annotated[str, Field(min_length=1, max_length=40)]
    actor: Annotated[str, Field(max_length=100)]
    wall_clock: IsoDatetime
    hlc: Annotated[int, Field(ge=0, lt=2**63, strict=True)]
    payload: dict[str, Any] = Field(default_factory=dict)
    prev_hash: Hash
    hash: Hash
    # the citizen's fields outside the hash, checked against the payload's commitment
    # (``counter_app.domain.personal``); absent from earlier stations and once erased
    personal: dict[str, Any] | None = None

    def to_record(self) -> EventRecord:
        """The domain record, ready for ``event_hash``/``verify_chain``."""
        return EventRecord(**self.model_dump(include=set(WireEvent.model_fields)))

    @classmethod
    def from_record(cls, record: EventRecord) -> WireEvent:
        """The wire form of a domain record."""
        fields = {name: getattr(record, name) for name in cls.model_fields}
        fields["payload"] = dict(record.payload)
        fields["personal"] = None if record.personal is None else dict(record.personal)
        return cls(**fields)


class PulledEvent(WireEvent):
    """An event as the server hands it down, with its place in the agency's order."""

    server_seq: Annotated[int, Field(ge=1)]


class EnrolRequest(_Strict):
    """A station asks for its token with the one-time code an administrator gave it.

    ``public_key`` is the station's Ed25519 public key (raw 32 bytes, URL-safe base64 without
    padding); the server keeps it to check the signature of files carried by hand.
    """

    code: Annotated[str, Field(min_length=4, max_length=64)]
    station_id: Annotated[str, Field(min_length=1, max_length=36)]
    public_key: Annotated[str | None, Field(min_length=43, max_length=44)] = None


class EnrolResponse(_Strict):
    """What an enrolled station keeps: its token (in the keyring), agency and slot, and the
    server's X25519 public key that its hand-carried files are encrypted to."""

    token: str
    agency_code: str
    slot: int
    transfer_key: Annotated[str | None, Field(min_length=43, max_length=44)] = None


class TransferKey(_Strict):
    """``GET /v1/transfer-key``: the server's X25519 public key (URL-safe base64, no padding),
    for a station enrolled before the server gave it at enrolment."""

    transfer_key: Annotated[str, Field(min_length=43, max_length=44)]


class PushRequest(_Strict):
    """A batch of the caller's own events, in ``seq`` order."""

    events: Annotated[list[WireEvent], Field(min_length=1, max_length=MAX_BATCH)]


class RelayRequest(_Strict):
    """A batch of another counter's events, in its ``seq`` order, each with its author's
    signature (``counter_app.sync.signing``): a counter carries up only what its author
    signed."""

    events: Annotated[list[WireEvent], Field(min_length=1, max_length=MAX_BATCH)]
    signatures: Annotated[list[Signature], Field(min_length=1, max_length=MAX_BATCH)]


class RejectedEvent(_Strict):
    """An event the server keeps in the chain but will not apply or hand on (a person decides).

    A link of the chain is never refused for what it says, only for how it links: refusing it
    would block every later event of the station.
    """

    id: Uuid
    seq: int
    reason: str


class PushResponse(_Strict):
    """What the server holds of the caller's chain: every event up to this seq."""

    held_through_seq: int
    rejected: list[RejectedEvent] = Field(default_factory=list)


class StationStatus(_Strict):
    """``GET /v1/status``: how far the server holds the caller's chain, and its clock.

    A station asks first in each round, so events the server already holds (carried by hand,
    or pushed by a round whose answer was lost) are not sent again.
    """

    held_through_seq: int
    held_hash: Hash
    server_time: datetime


class SiblingStation(_Strict):
    """A counter of the caller's agency as the server knows it (``GET /v1/siblings``).

    ``public_key`` is the Ed25519 key it sent at enrolment: the counters of one centre trust
    each other on the local network by these keys only. ``held_seq``/``held_hash`` say how far
    the server holds its chain, so a counter carrying its events up sends only what is missing.
    """

    station_id: Annotated[str, Field(min_length=1, max_length=36)]
    slot: int
    public_key: Annotated[str, Field(min_length=43, max_length=44)]
    held_seq: int
    held_hash: Hash


class SiblingsResponse(_Strict):
    """The enrolled, not revoked counters of the caller's agency that sent a public key."""

    stations: list[SiblingStation]
    server_time: datetime


class QuarantinedOwnResponse(_Strict):
    """``GET /v1/own/quarantined?after=N``: the caller's own links after seq N that the server
    holds but set aside, with the reason (also those another counter carried up for it)."""

    events: list[RejectedEvent]


class OwnEventsResponse(_Strict):
    """``GET /v1/own?after=N``: the caller's own events the server holds after seq N.

    A station restored from an old backup takes back what it had sent since, before it writes
    anything new, so its chain continues where the server's copy ends.
    """

    events: list[WireEvent]
    held_through_seq: int


class Publication(_Strict):
    """Something the province publishes to every station below it.

    ``kind`` "catalogue": ``body`` is a catalogue file's JSON (``counter-catalogue/1``), imported
    as new versions of the procedures that changed. ``kind`` "calendar": ``body`` is
    ``{"days": [{"day": "2027-02-05", "kind": "off"|"working", "reason": "…"}],
    "removed": ["2027-02-06", …]}``. ``kind`` "release": ``body`` is a ``ReleaseBody`` (a new
    version of Counter, and the day from which the server requires it); it is sent only to
    stations that name their version, the ones that know the kind. Stations apply publications in
    ``pub_seq`` order, each once.
    """

    pub_seq: Annotated[int, Field(ge=1)]
    kind: Literal["catalogue", "calendar", "release"]
    published_at: AwareDatetime
    body: dict[str, Any]


class Notice(_Strict):
    """The server tells a station about one of its dossiers: another counter's link claimed the
    dossier's code for a different dossier and is held on the server (a person decides)."""

    event_id: Uuid
    dossier_id: Uuid
    server_seq: Annotated[int, Field(ge=1)]
    reason: str


class PullResponse(_Strict):
    """Events of the caller's agency that it did not author, after its cursor.

    Publications after ``publications_after`` come with them (catalogue versions, calendar days),
    and notices about the caller's dossiers in the same stretch of the agency's order.
    """

    events: list[PulledEvent]
    notices: list[Notice] = Field(default_factory=list)
    next_cursor: int
    publications: list[Publication] = Field(default_factory=list)
    next_publication_cursor: int = 0
    server_time: datetime


class ReleaseBody(_Strict):
    """A release publication: version X is available, and required from day D if D is set."""

    version: Annotated[str, Field(pattern=VERSION_PATTERN)]
    required_from: date | None = None
    note: Annotated[str, Field(max_length=500)] = ""


class CalendarDay(_Strict):
    """One day of a published calendar."""

    day: IsoDate
    kind: Literal["off", "working"]
    reason: Annotated[str, Field(min_length=1, max_length=200)]
    # the decision the day follows; the server requires it, older publications lack it
    document: Annotated[str, Field(min_length=1, max_length=200)] | None = None


class TransferFile(_Strict):
    """Everything a station had not seen acknowledged, carried by hand (``sync export``).

    On disk it is sealed by ``counter_app.sync.transfer``: gzip, a SHA-256 of the content and the
    station's Ed25519 signature. The server imports it as it would a push: idempotent by event id.
    """

    format: Literal["counter-transfer/1"] = "counter-transfer/1"
    station_id: Annotated[str, Field(min_length=1, max_length=36)]
    agency_code: Annotated[str, Field(min_length=1, max_length=20)]
    created_at: IsoDatetime
    events: Annotated[list[WireEvent], Field(min_length=1)]


class WireAccessEntry(_Strict):
    """One access-log entry as it travels; the same fields as ``AccessEntry``.

    ``at`` goes as ISO 8601 text with its offset, as ``AccessEntry.at.isoformat()`` gives it,
    so the hash can be checked on arrival.
    """

    id: Uuid
    station_id: Annotated[str, Field(min_length=1, max_length=36)]
    seq: Annotated[int, Field(ge=1)]
    actor: Annotated[str, Field(max_length=100)]
    at: AwareDatetime
    kind: Annotated[str, Field(min_length=1, max_length=20)]
    via: Annotated[str, Field(min_length=1, max_length=10)]
    dossier_ids: Annotated[list[Uuid], Field(max_length=MAX_PULL)] = Field(default_factory=list)
    detail: dict[str, Any] = Field(default_factory=dict)
    prev_hash: Hash
    hash: Hash

    def to_entry(self) -> AccessEntry:
        """The domain entry, ready for ``access_hash``."""
        fields = self.model_dump(include=set(WireAccessEntry.model_fields))
        return AccessEntry(**fields | {"dossier_ids": tuple(self.dossier_ids)})

    @classmethod
    def from_entry(cls, entry: AccessEntry) -> WireAccessEntry:
        """The wire form of a domain entry."""
        fields = {name: getattr(entry, name) for name in cls.model_fields}
        return cls(
            **fields | {"dossier_ids": list(entry.dossier_ids), "detail": dict(entry.detail)}
        )


class AccessPushRequest(_Strict):
    """A batch of the caller's own access-log entries, in ``seq`` order."""

    entries: Annotated[list[WireAccessEntry], Field(min_length=1, max_length=MAX_BATCH)]


class AccessHead(_Strict):
    """``GET /v1/access/head`` and the answer to a push: how far the server holds the caller's
    access chain. A station restored from an old backup continues after it."""

    held_through_seq: int
    held_hash: Hash


class ErrorResponse(_Strict):
    """Every 4xx answer: a machine-readable code and a sentence for a person."""

    error: str
    detail: str
    expected_seq: int | None = None
    minimum_version: str | None = None  # with client_too_old: the oldest Counter accepted
    errors: list[dict[str, Any]] = Field(default_factory=list)
