"""Every endpoint of the OpenAPI schema under generated requests, with each kind of token.

schemathesis makes requests from the app's own schema, valid ones and ones that break it (wrong
types, numbers out of range, odd text, parts missing or added), and sends them to the app on a
real database (SQLite and PostgreSQL): without a token, with the token it made up, and with a
real token of each kind, a station's, a back-office officer's and an administrator's, on a
database where that station has pushed dossiers and a catalogue is published. Whatever the
request, the answer is no 5xx, and every 4xx is JSON in the documented shape
``{"error", "detail"}``. It takes about 2 minutes of CPU."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings, strategies
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.openapi import from_asgi

from tests.server.factories import (
    admin_headers,
    body,
    enrolled,
    officer_headers,
    publish_bundled_catalogue,
)

TOKEN_KINDS = ["none", "made_up", "station", "officer", "admin"]
EXAMPLES = 30  # per operation and token kind, valid and invalid: ~2,700 requests per database


@dataclass(frozen=True)
class Tokens:
    """A real token of each kind, on the database the schema's app serves."""

    station: str
    officer: str
    admin: str

    def header(self, kind: str) -> str | None:
        """The Authorization value for ``kind``; None to send none."""
        return {"station": self.station, "officer": self.officer, "admin": self.admin}.get(kind)


@pytest.fixture
def tokens(client: TestClient, database_url: str) -> Tokens:
    """A station that has pushed a few dossiers, an officer of its agency and an administrator,
    with the bundled catalogue published: the generated requests meet data, not only 404s."""
    station = enrolled(client, database_url)
    answer = client.post("/v1/push", json=body(station.next_events(5)), headers=station.headers)
    assert answer.status_code == 200, answer.text
    admin = admin_headers(database_url)["Authorization"]
    publish_bundled_catalogue(client, {"Authorization": admin})
    officer = officer_headers(database_url)["Authorization"]
    return Tokens(station.headers["Authorization"], officer, admin)


@pytest.fixture(params=TOKEN_KINDS)
def kind(request: pytest.FixtureRequest) -> str:
    """Which Authorization the generated requests carry."""
    return str(request.param)


def documented_error_shape(
    _context: object, response: schemathesis.Response, _case: object
) -> None:
    """A 4xx is JSON with ``error`` and ``detail``."""
    if 400 <= response.status_code < 500:
        answer = response.json()
        assert isinstance(answer, dict), response.text
        assert set(answer) >= {"error", "detail"}, response.text


def with_token(case: schemathesis.Case, kind: str, tokens: Tokens) -> None:
    """Set the case's Authorization for ``kind``: none, the one generated, or a real token."""
    generated = {k: v for k, v in (case.headers or {}).items() if k.lower() == "authorization"}
    headers = {k: v for k, v in (case.headers or {}).items() if k.lower() != "authorization"}
    if kind == "made_up":
        headers |= generated
    if (token := tokens.header(kind)) is not None:
        headers["Authorization"] = token
    case.headers = headers


def test_no_request_gets_a_server_error(app: FastAPI, tokens: Tokens, kind: str) -> None:
    schema = from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 18  # every route of the API, none lost from the schema
    checks: list[Callable[..., object]] = [not_a_server_error, documented_error_shape]
    for operation in operations:
        made = [operation.as_strategy(generation_mode=mode) for mode in GenerationMode]

        @given(case=strategies.one_of(made))
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def answered_without_5xx(case: schemathesis.Case) -> None:
            with_token(case, kind, tokens)
            case.call_and_validate(checks=checks)

        answered_without_5xx()
