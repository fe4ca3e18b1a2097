"""What the public page says about a typed code.

Anyone holding a code sees the code's own facts: the procedure, the plain status, the dates,
where the result is collected, and the centre's address and phone — never a name, ID number,
address or phone of the applicant. What touches the person (the documents still missing, the
reasons given, who collected the result) is shown only to whoever types the last 4 digits of
the applicant's ID number or phone. A code the server does not hold but that its agency could
have issued by now is "not yet updated", so that a slip printed before its dossier was synced
works once it is; the digits of such a code are checked against nothing, in the same time and
with the same answer as wrong digits.
"""

from __future__ import annotations

import hmac
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import and_, bindparam, select
from sqlalchemy.orm import Session

from counter_app.domain import personal
from counter_app.domain.calendar import VN_TZ
from counter_app.domain.codes import CODE_RE, SLOT_SIZE, DossierCode, parse_code
from counter_app.domain.dossier import DossierFacts, fold_kept
from counter_app.domain.errors import InvalidInput
from counter_app.domain.events import EventRecord
from counter_app.domain.lifecycle import EventType, State
from counter_server.lookup.procedures import procedure_name
from counter_server.lookup.status import Status, status_of, waits_for_payment
from counter_server.models import Agency, Dossier, Event
from counter_server.projection import record_of

DIGITS = 4
_DIGITS_RE = re.compile(r"^[0-9]{4}$")
_UNMATCHABLE = b"\xff" * DIGITS  # compared when a secret is missing: never equal to digits


class Kind(StrEnum):
    """What a typed code turned out to be."""

    MALFORMED = "malformed"  # not in the shape <agency>-<yyMMdd>-<nnnn>
    UNKNOWN = "unknown"  # no agency of this server could have issued it
    PENDING = "pending"  # could have been issued, not (yet) held: synced later, or never
    FOUND = "found"


class Digits(StrEnum):
    """What came of the digits typed for the details."""

    NONE = "none"  # none typed
    BAD_FORMAT = "bad_format"  # not 4 digits
    REFUSED = "refused"  # wrong, or a code without details: one answer for both
    SHOWN = "shown"


@dataclass(frozen=True)
class Centre:
    """The commune centre that holds the dossier, as a citizen reaches it."""

    name: str
    address: str | None
    phone: str | None


@dataclass(frozen=True)
class Facts:
    """The code's own facts: nothing here names the applicant."""

    procedure: str
    status: Status
    received_at: datetime | None
    due_at: datetime | None
    apologised: bool  # due_at is then the date the apology letter set
    by_post: bool
    waits_for_payment: bool


@dataclass(frozen=True)
class Missing:
    """A document the centre asked for, as its request listed it."""

    name: str
    form: str
    count: int


@dataclass(frozen=True)
class Details:
    """What touches the person, shown after the digits."""

    missing: tuple[Missing, ...] = ()
    reason: str | None = None
    collector: str | None = None  # None: the applicant collected it
    returned_at: datetime | None = None


@dataclass(frozen=True)
class Answer:
    """The page's content for one lookup."""

    code: str
    kind: Kind
    centre: Centre | None = None
    facts: Facts | None = None
    digits: Digits = Digits.NONE
    details: Details | None = None

    @property
    def miss(self) -> bool:
        """Nothing to show for this code (counted: many misses from one caller is guessing)."""
        return self.kind is not Kind.FOUND

    @property
    def digit_failure(self) -> bool:
        """Digits typed that opened nothing."""
        return self.digits in (Digits.REFUSED, Digits.BAD_FORMAT)


def normalise(typed: str) -> str:
    """The code as typed or scanned, without spaces, in capitals (at most 40 characters)."""
    return "".join(typed.split()).upper()[:40]


def look_up(session: Session, *, typed: str, digits: str | None, now: datetime) -> Answer:
    """What the page shows for ``typed`` (and the digits, if any) at ``now``."""
    text = normalise(typed)
    code = _parsed(text)
    if code is None:
        return Answer(text, Kind.MALFORMED, digits=_unheld(digits))
    found = _agency_and_events(session, code.agency, text)
    if found is None:
        return Answer(text, Kind.UNKNOWN, digits=_unheld(digits))
    agency, records = found
    centre = Centre(agency.name, agency.address, agency.phone)
    facts = fold_kept(records).facts
    if facts is None:
        kind = Kind.PENDING if could_be_issued(code, now) else Kind.UNKNOWN
        return Answer(text, kind, centre, digits=_unheld(digits))
    answer = Answer(text, Kind.FOUND, centre, public_facts(session, facts, now))
    if digits is None:
        return answer
    if not _DIGITS_RE.match(digits):
        return Answer(text, Kind.FOUND, centre, answer.facts, Digits.BAD_FORMAT)
    if not matches(facts.applicant, digits):
        return Answer(text, Kind.FOUND, centre, answer.facts, Digits.REFUSED)
    return Answer(text, Kind.FOUND, centre, answer.facts, Digits.SHOWN, details(facts, records))


def _parsed(text: str) -> DossierCode | None:
    if CODE_RE.match(text) is None:
        return None
    try:
        return parse_code(text)
    except InvalidInput:  # a day that does not exist (31 February)
        return None


def could_be_issued(code: DossierCode, now: datetime) -> bool:
    """A code its agency could have issued by ``now``: not dated ahead, and a number some slot
    issues (slot ``s`` issues ``s*1000+1`` … ``s*1000+999``; no slot issues a round thousand)."""
    return code.day <= now.astimezone(VN_TZ).date() and code.sequence % SLOT_SIZE != 0


def _agency_and_events(
    session: Session, agency_code: str, text: str
) -> tuple[Agency, list[EventRecord]] | None:
    """The agency (None: this server does not serve it) and the applied events of its dossier
    ``text`` in causal order (none: not held here), in one round trip to the database."""
    rows = session.execute(_AGENCY_AND_EVENTS, {"agency": agency_code, "code": text}).all()
    if not rows:
        return None
    return rows[0][0], [record_of(event) for _agency, event in rows if event is not None]


# Built once: building a statement costs more than running it on a held dossier.
_DOSSIER = (
    select(Dossier.id)
    .where(Dossier.code == bindparam("code"), Dossier.agency_code == bindparam("agency"))
    .limit(1)
    .scalar_subquery()
)
_AGENCY_AND_EVENTS = (
    select(Agency, Event)
    .outerjoin(
        Event,
        and_(
            Event.dossier_id == _DOSSIER,
            Event.agency_code == Agency.code,
            Event.quarantine.is_(None),
        ),
    )
    .where(Agency.code == bindparam("agency"))
    .order_by(Event.hlc, Event.station_id, Event.seq)
)


def public_facts(session: Session, facts: DossierFacts, now: datetime) -> Facts:
    """The facts of the code anyone holding it may read."""
    return Facts(
        procedure=procedure_name(
            session, facts.procedure_code, facts.received_at or facts.created_at
        ),
        status=status_of(facts, now),
        received_at=facts.received_at,
        due_at=facts.due_at,
        apologised=facts.apology_count > 0,
        by_post=facts.return_method == "post",
        waits_for_payment=waits_for_payment(facts),
    )


def _unheld(digits: str | None) -> Digits:
    """Digits typed for a code with nothing behind it: compared as wrong digits are."""
    if digits is None:
        return Digits.NONE
    if not _DIGITS_RE.match(digits):
        return Digits.BAD_FORMAT
    matches({}, digits)  # the same work as a real comparison, and the same answer
    return Digits.REFUSED


def matches(applicant: Mapping[str, str | None], typed: str) -> bool:
    """Whether ``typed`` is the last 4 digits of the ID number or of the phone.

    Both comparisons always run, in constant time, whatever the first one found.
    """
    wanted = typed.encode("ascii")
    secrets = (_tail(applicant.get("id_number")), _tail(applicant.get("phone")))
    hits = [hmac.compare_digest(wanted, secret) for secret in secrets]
    return hits[0] | hits[1]


def _tail(value: str | None) -> bytes:
    digits = "".join(ch for ch in value or "" if ch.isascii() and ch.isdigit())
    return digits[-DIGITS:].encode("ascii") if len(digits) >= DIGITS else _UNMATCHABLE


def details(facts: DossierFacts, records: Sequence[EventRecord]) -> Details:
    """What touches the person: the last request's missing documents and reason, the reason of
    a refusal, stop or withdrawal, who collected the result."""
    latest = {record.type: record for record in records}  # causal order: the last wins
    last = {kind: record.payload for kind, record in latest.items()}
    if facts.state in (State.PENDING_SUPPLEMENT, State.SUPPLEMENT_REQUESTED):
        payload = last.get(EventType.SUPPLEMENT_REQUESTED.value, {})
        return Details(missing=_missing(payload.get("missing", ())), reason=payload.get("reason"))
    if facts.state in _REASONED:
        payload = last.get(_REASONED[facts.state].value, {})
        return Details(reason=payload.get("reasons") or payload.get("reason"))
    if facts.state is State.RETURNED:
        returned = latest.get(EventType.RETURNED.value)
        collector = personal.field(returned, "receiver_name") if returned is not None else None
        return Details(collector=collector, returned_at=facts.returned_at)
    return Details()


_REASONED = {
    State.REFUSED: EventType.REFUSED,
    State.STOPPED: EventType.STOPPED,
    State.WITHDRAWN: EventType.WITHDRAWN,
}


def _missing(items: Any) -> tuple[Missing, ...]:
    return tuple(
        Missing(str(item.get("name", "")), str(item.get("form", "")), int(item.get("count", 1)))
        for item in items
        if isinstance(item, dict)
    )
