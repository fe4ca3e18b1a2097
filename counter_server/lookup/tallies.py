"""Every lookup counted, and the rate limits read off the same counts.

The counts live in PostgreSQL (``lookup_tallies``), not in the process: one upsert per lookup
adds 1 to the period's row of every bucket the lookup falls in and returns the new totals, so
the limits hold across every worker and instance behind one database. Buckets: ``all`` per
minute (the whole server), ``ip:`` per minute (one caller), ``code:`` per Vietnamese day (digit
attempts on one code, so the 4 digits cannot be tried through). Callers and codes appear only
as keyed hashes (the key is a random value of the database), with the outcome counted — never
the code's owner.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import delete, func, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from counter_app.domain.calendar import VN_TZ
from counter_server.lookup.answer import Answer, Digits
from counter_server.models import LookupTally, ServerSecret

EVERYONE = "all"
PER_CLIENT_ENV = "COUNTER_LOOKUP_PER_CLIENT"
OVERALL_ENV = "COUNTER_LOOKUP_OVERALL"
DIGITS_ENV = "COUNTER_LOOKUP_DIGITS_PER_CODE"
MINUTE = timedelta(minutes=1)


@dataclass(frozen=True)
class Quotas:
    """How many lookups are answered before "try again later"."""

    per_client: int = 30  # per caller per minute: a citizen retyping a code never reaches it
    overall: int = 30_000  # per minute, everyone together: what the server answers in time
    digits_per_code: int = 10  # digit attempts per code per day: 4 digits stay out of reach

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] = os.environ) -> Quotas:
        """Quotas from the environment, the defaults where a variable is unset."""
        default = cls()
        return cls(
            per_client=int(environ.get(PER_CLIENT_ENV, default.per_client)),
            overall=int(environ.get(OVERALL_ENV, default.overall)),
            digits_per_code=int(environ.get(DIGITS_ENV, default.digits_per_code)),
        )


@dataclass(frozen=True)
class Refusal:
    """Over a quota: come back after ``retry_after`` seconds."""

    retry_after: int


def key_of(session: Session) -> bytes:
    """The database's random key for the tallies' hashes (made by its migration)."""
    value = session.scalar(select(ServerSecret.value).where(ServerSecret.name == "lookup"))
    assert value is not None, "the lookup key is made by migration 0006"
    return bytes.fromhex(value)


def hashed(key: bytes, prefix: str, value: str) -> str:
    """A bucket name for ``value`` that does not show it."""
    digest = hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest()[:24]
    return f"{prefix}:{digest}"


def count(
    session: Session, *, key: bytes, client: str, answer: Answer, now: datetime, quotas: Quotas
) -> Refusal | None:
    """Count this lookup in its buckets (committed by the caller); a refusal when over quota."""
    minute = now.astimezone(UTC).replace(second=0, microsecond=0)
    buckets = [(minute, EVERYONE), (minute, hashed(key, "ip", client))]
    if answer.digits is not Digits.NONE:
        buckets.append((_day_start(now), hashed(key, "code", answer.code)))
    buckets.sort()  # one lock order for every lookup: concurrent upserts never deadlock
    totals = _add(session, buckets, misses=int(answer.miss), failures=int(answer.digit_failure))
    limits = {EVERYONE: quotas.overall, "ip": quotas.per_client, "code": quotas.digits_per_code}
    waits = []
    for start, bucket in buckets:
        kind = bucket.split(":")[0]
        if totals[(start, bucket)] > limits[kind]:
            period = timedelta(days=1) if kind == "code" else MINUTE
            waits.append(_seconds_until(start + period, now))
    return Refusal(max(waits)) if waits else None


def _day_start(now: datetime) -> datetime:
    """Midnight in Vietnam of the day ``now`` falls in, in UTC."""
    return datetime.combine(now.astimezone(VN_TZ).date(), time.min, VN_TZ).astimezone(UTC)


def _seconds_until(moment: datetime, now: datetime) -> int:
    return max(1, math.ceil((moment - now).total_seconds()))


def _add(
    session: Session, buckets: Sequence[tuple[datetime, str]], *, misses: int, failures: int
) -> dict[tuple[datetime, str], int]:
    """Add one lookup to each bucket's row (made if new); their new lookup totals."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        # a tally lost in a crash costs nothing: do not wait for the disk on every lookup
        session.execute(text("SET LOCAL synchronous_commit TO OFF"))
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    rows = [
        {"period_start": start, "bucket": bucket, "lookups": 1, "misses": misses,
         "digit_failures": failures}
        for start, bucket in buckets
    ]  # fmt: skip
    values = insert(LookupTally).values(rows)
    table = LookupTally.__table__.c
    statement = values.on_conflict_do_update(
        index_elements=[table.period_start, table.bucket],
        set_={
            "lookups": table.lookups + values.excluded.lookups,
            "misses": table.misses + values.excluded.misses,
            "digit_failures": table.digit_failures + values.excluded.digit_failures,
        },
    ).returning(table.period_start, table.bucket, table.lookups)
    return {(start, bucket): lookups for start, bucket, lookups in session.execute(statement)}


@dataclass(frozen=True)
class CallerTally:
    """One caller (a hash) over the reported period."""

    bucket: str
    lookups: int
    misses: int
    digit_failures: int


@dataclass(frozen=True)
class Summary:
    """The lookups since a moment: totals, the busiest minute, the callers that missed most."""

    lookups: int
    misses: int
    digit_failures: int
    busiest_minute: tuple[datetime, int] | None
    callers: tuple[CallerTally, ...]


def summary(session: Session, *, since: datetime, top: int = 10) -> Summary:
    """What the tallies say since ``since``: the numbers to watch for guessing."""
    everyone = select(LookupTally).where(
        LookupTally.bucket == EVERYONE, LookupTally.period_start >= since
    )
    minutes = list(session.scalars(everyone))
    busiest = max(minutes, key=lambda row: row.lookups, default=None)
    per_caller = (
        select(
            LookupTally.bucket,
            func.sum(LookupTally.lookups),
            func.sum(LookupTally.misses),
            func.sum(LookupTally.digit_failures),
        )
        .where(LookupTally.bucket.startswith("ip:"), LookupTally.period_start >= since)
        .group_by(LookupTally.bucket)
        .order_by(func.sum(LookupTally.misses).desc(), LookupTally.bucket)
        .limit(top)
    )
    callers = tuple(CallerTally(*row) for row in session.execute(per_caller))
    return Summary(
        lookups=sum(row.lookups for row in minutes),
        misses=sum(row.misses for row in minutes),
        digit_failures=sum(row.digit_failures for row in minutes),
        busiest_minute=None if busiest is None else (busiest.period_start, busiest.lookups),
        callers=callers,
    )


def prune(session: Session, *, before: datetime) -> int:
    """Delete the tallies of periods that started before ``before``; return how many rows."""
    result = session.execute(delete(LookupTally).where(LookupTally.period_start < before))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
