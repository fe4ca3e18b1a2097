"""Codes are guessable, so lookups are limited and counted: per caller, overall, per code's
digits; the counts live in the database, so two server instances share them."""

from __future__ import annotations

import io
from contextlib import redirect_stdout
from datetime import UTC, datetime, timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from counter_server import cli, sync
from counter_server.app import create_app
from counter_server.cli import enrol, lookups
from counter_server.db import Database
from counter_server.lookup.tallies import SHARES, Quotas
from counter_server.models import LookupTally
from tests.lookup.pages import details, look, main_text
from tests.server.factories import AGENCY

NOW = datetime(2026, 12, 7, 3, 0, 30, tzinfo=UTC)  # 10:00:30 in Vietnam, half a minute in
CODE = f"{AGENCY}-261207-1001"  # never received: any caller gets "not yet updated"


@pytest.fixture(autouse=True)
def clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """The server's clock stopped at NOW: every lookup of a test falls in one minute."""
    monkeypatch.setattr(sync, "utc_now", lambda: NOW)
    monkeypatch.setattr(cli, "utc_now", lambda: NOW)  # what ``server lookups`` reports from


def caller(app: FastAPI, address: str) -> TestClient:
    """A client whose requests come from ``address``."""
    return TestClient(app, client=(address, 50000))


def with_quotas(app: FastAPI, database_url: str, **quotas: int) -> FastAPI:
    """The app with an enrolled agency and the given quotas."""
    with redirect_stdout(io.StringIO()):
        enrol(database_url, AGENCY, "UBND phường Quảng Hưng", 1)
    app.state.lookup_quotas = Quotas(**({"per_client": 1000, "overall": 1000} | quotas))
    return app


def test_one_caller_is_held_to_its_quota_and_told_when_to_come_back(
    app: FastAPI, database_url: str
) -> None:
    with_quotas(app, database_url, per_client=5)
    guesser, neighbour = caller(app, "198.51.100.7"), caller(app, "198.51.100.8")
    answers = [look(guesser, CODE).status_code for _ in range(5)]
    refused = look(guesser, CODE)
    assert answers == [200] * 5
    assert refused.status_code == 429
    assert refused.headers["Retry-After"] == "30"  # the minute's end
    text = main_text(refused.text)
    assert text == (
        "Vui lòng thử lại sau Có quá nhiều lượt tra cứu trong thời gian ngắn. "
        "Vui lòng thử lại sau 30 giây."
    )
    assert CODE not in refused.text  # the refusal says nothing of the code
    assert look(neighbour, CODE).status_code == 200
    assert details(guesser, CODE, "1234").status_code == 429  # the form counts as a lookup


def test_the_quota_holds_across_two_server_instances(app: FastAPI, database_url: str) -> None:
    with_quotas(app, database_url, per_client=6)
    other = create_app(database_url)  # a second instance on the same database
    other.state.lookup_quotas = app.state.lookup_quotas
    try:
        first, second = caller(app, "203.0.113.9"), caller(other, "203.0.113.9")
        answers = [look(client, CODE).status_code for client in (first, second) * 4]
    finally:
        other.state.database.dispose()
    assert answers == [200] * 6 + [429] * 2


def test_everyone_together_is_held_to_the_overall_quota(app: FastAPI, database_url: str) -> None:
    with_quotas(app, database_url, overall=SHARES * 2)  # two lookups a share
    answers = [look(caller(app, f"192.0.2.{n}"), CODE).status_code for n in range(1, 121)]
    served = answers.count(200)
    assert served <= SHARES * 2  # never more than the overall quota …
    assert served >= SHARES  # … and most of it, whichever shares 120 callers fall in
    assert answers.count(429) == 120 - served


def test_digits_are_limited_per_code_whoever_types_them(app: FastAPI, database_url: str) -> None:
    with_quotas(app, database_url, digits_per_code=3)
    tries = [details(caller(app, f"192.0.2.{n}"), CODE, f"{n:04d}") for n in range(1, 6)]
    assert [answer.status_code for answer in tries] == [200, 200, 200, 429, 429]
    assert tries[-1].headers["Retry-After"] == str(14 * 3600 - 30)  # midnight in Vietnam
    assert look(caller(app, "192.0.2.9"), CODE).status_code == 200  # reading stays open
    other = f"{AGENCY}-261207-1002"
    assert details(caller(app, "192.0.2.9"), other, "1234").status_code == 200


def test_every_lookup_is_counted_without_the_code_or_the_caller(
    app: FastAPI, database_url: str
) -> None:
    with_quotas(app, database_url)
    client = caller(app, "198.51.100.77")
    look(client, CODE)
    look(client, "KHÔNG-PHẢI-MÃ")
    details(client, CODE, "0042")
    look(client, "")  # the empty form is not a lookup
    with app.state.database.sessions() as session:
        rows = list(session.scalars(select(LookupTally)))
    everyone = [row for row in rows if row.bucket.startswith("all:")]
    assert [(r.lookups, r.misses, r.digit_failures) for r in everyone] == [(3, 3, 1)]
    stored = " ".join(f"{row.bucket} {row.period_start}" for row in rows)
    assert CODE not in stored and "198.51.100.77" not in stored and "0042" not in stored
    report = io.StringIO()
    with redirect_stdout(report):
        summary = lookups(database_url, 1)
    assert (summary.lookups, summary.misses, summary.digit_failures) == (3, 3, 1)
    assert (
        "3 lookups, 3 of codes with nothing to show, 1 failed digit attempts" in report.getvalue()
    )
    assert summary.callers[0].lookups == 3 and summary.callers[0].bucket.startswith("ip:")


def test_old_tallies_are_pruned(app: FastAPI, database_url: str) -> None:
    with_quotas(app, database_url)
    look(caller(app, "198.51.100.5"), CODE)
    with app.state.database.sessions.begin() as session:
        for row in session.scalars(select(LookupTally)):
            row.period_start -= timedelta(days=40)
    with redirect_stdout(io.StringIO()):
        summary = lookups(database_url, 24, prune_days=30)
    with app.state.database.sessions() as session:
        assert session.scalars(select(LookupTally)).all() == []
    assert summary.lookups == 0


def test_a_database_that_does_not_answer_gets_a_come_back_later_page(
    app: FastAPI, database_url: str
) -> None:
    with_quotas(app, database_url)
    served = app.state.database
    app.state.database = Database("postgresql+psycopg://nobody:x@127.0.0.1:9/none")  # refused
    try:
        answer = look(caller(app, "198.51.100.9"), CODE)
    finally:
        app.state.database.dispose()
        app.state.database = served
    assert answer.status_code == 503
    assert answer.headers["Retry-After"] == "30"
    assert main_text(answer.text).endswith("Hệ thống đang bận. Vui lòng thử lại sau 30 giây.")
