"""Every lookup counted, and the rate limits read off the same counts.

The counts live in PostgreSQL (``lookup_tallies``), not in the process: one upsert per lookup
adds 1 to the period's row of every bucket the lookup falls in and returns the new totals, so
the limits hold across every worker and instance behind one database. Buckets: ``all:0`` …
``all:15`` per minute (the whole server, in 16 shares picked by the caller's hash, each held to
a 16th of the overall quota: one row that every lookup locked would make them wait in turn),
``ip:`` per minute (one caller), ``code:`` per Vietnamese day (digit attempts on one code, so
the 4 digits cannot be tried through). Callers and codes appear only as keyed hashes (the key
is a random value of the database), with the outcome counted — never the code's owner.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from functools import cache

from sqlalchemy import delete, func, select, text
from sqlalchemy.orm import Session

from counter_app.domain.calendar import VN_TZ
from counter_app.models.base import to_utc_text
from counter_server.lookup.answer import Answer, Digits
from counter_server.models import LookupTally, ServerSecret

EVERYONE = "all"
PER_CLIENT_ENV = "COUNTER_LOOKUP_PER_CLIENT"
OVERALL_ENV = "COUNTER_LOOKUP_OVERALL"
DIGITS_ENV = "COUNTER_LOOKUP_DIGITS_PER_CODE"
MINUTE = timedelta(minutes=1)
SHARES = 16


@dataclass(frozen=True)
class Quotas:
    """How many lookups are answered before "try again later"."""

    per_client: int = 30  # per caller per minute: a citizen retyping a code never reaches it
    overall: int = 30_000  # per minute, everyone together: what the server answers in time
    digits_per_code: int = 5  # digit attempts per code per day: 4 digits stay out of reach

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
    """Over a quota (or ``busy``: the database did not answer): come back after ``retry_after``
    seconds."""

    retry_after: int
    busy: bool = False


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
    caller = hashed(key, "ip", client)
    buckets = [(minute, f"{EVERYONE}:{int(caller[-4:], 16) % SHARES}"), (minute, caller)]
    if answer.digits is not Digits.NONE:
        buckets.append((_day_start(now), hashed(key, "code", answer.code)))
    buckets.sort()  # one lock order for every lookup: concurrent upserts never deadlock
    totals = _add(session, buckets, misses=int(answer.miss), failures=int(answer.digit_failure))
    limits = {
        EVERYONE: -(-quotas.overall // SHARES),
        "ip": quotas.per_client,
        "code": quotas.digits_per_code,
    }
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
    """Add one lookup to each bucket's row (made if new); their new lookup totals.

    Written as SQL text, the same for PostgreSQL and SQLite: SQLAlchemy would compile a
    multi-row upsert anew for every lookup.
    """
    if session.get_bind().dialect.name == "postgresql":
        # a tally lost in a crash costs nothing: do not wait for the disk on every lookup
        session.execute(text("SET LOCAL synchronous_commit TO OFF"))
    params: dict[str, object] = {"misses": misses, "failures": failures}
    for index, (start, bucket) in enumerate(buckets):
        params[f"start{index}"], params[f"bucket{index}"] = to_utc_text(start), bucket
    rows = session.execute(text(_upsert(len(buckets))), params)
    totals = {(start_text, bucket): int(lookups) for start_text, bucket, lookups in rows}
    return {(start, bucket): totals[(to_utc_text(start), bucket)] for start, bucket in buckets}


@cache
def _upsert(count: int) -> str:
    """The upsert of ``count`` bucket rows, returning their totals."""
    values = ", ".join(f"(:start{n}, :bucket{n}, 1, :misses, :failures)" for n in range(count))
    return (
        "INSERT INTO lookup_tallies (period_start, bucket, lookups, misses, digit_failures) "
        f"VALUES {values} ON CONFLICT (period_start, bucket) DO UPDATE SET "
        "lookups = lookup_tallies.lookups + excluded.lookups, "
        "misses = lookup_tallies.misses + excluded.misses, "
        "digit_failures = lookup_tallies.digit_failures + excluded.digit_failures "
        "RETURNING period_start, bucket, lookups"
    )


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
    per_minute = (
        select(
            LookupTally.period_start,
            func.sum(LookupTally.lookups),
            func.sum(LookupTally.misses),
            func.sum(LookupTally.digit_failures),
        )
        .where(LookupTally.bucket.startswith(f"{EVERYONE}:"), LookupTally.period_start >= since)
        .group_by(LookupTally.period_start)
    )
    minutes = [(start, int(a), int(b), int(c)) for start, a, b, c in session.execute(per_minute)]
    busiest = max(minutes, key=lambda row: row[1], default=None)
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
    callers = tuple(
        CallerTally(b, int(n), int(m), int(f)) for b, n, m, f in session.execute(per_caller)
    )
    return Summary(
        lookups=sum(row[1] for row in minutes),
        misses=sum(row[2] for row in minutes),
        digit_failures=sum(row[3] for row in minutes),
        busiest_minute=None if busiest is None else (busiest[0], busiest[1]),
        callers=callers,
    )


def prune(session: Session, *, before: datetime) -> int:
    """Delete the tallies of periods that started before ``before``; return how many rows."""
    result = session.execute(delete(LookupTally).where(LookupTally.period_start < before))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
