"""The back office as a party of the fault tests: an officer stepping dossiers through the proxy."""

from __future__ import annotations

import io
import json
import time
from contextlib import redirect_stderr, redirect_stdout
from typing import Any

import httpx

from counter_server.cli import admin_token, officer
from tests.server.factories import CATALOGUE

PATIENCE = 30.0  # seconds the office may keep failing before the test gives up
# the next step for each state: the processing department's whole path to a result
NEXT: dict[str, dict[str, Any]] = {
    "received": {"event": "transferred", "to": "Phòng Tư pháp"},
    "transferred": {"event": "processing_started"},
    "in_progress": {"event": "resolved", "result": "Đã cấp giấy khai sinh"},
}


def publish_catalogue(server_url: str, database_url: str) -> None:
    """Publish the bundled catalogue, which the office needs to judge steps (not via the proxy)."""
    with redirect_stdout(io.StringIO()):
        token = admin_token(database_url, "fault tests")
    document = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    headers = {"Authorization": f"Bearer {token}"}
    httpx.post(f"{server_url}/v1/admin/catalogue", json=document, headers=headers, timeout=30)


class Office:
    """An officer of ``agency`` whose requests go through the proxy at ``proxy_url``."""

    def __init__(self, proxy_url: str, database_url: str, agency: str) -> None:
        with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
            token = officer(database_url, agency, "Phòng Tư pháp")
        self.http = httpx.Client(base_url=proxy_url, timeout=httpx.Timeout(5.0))
        self.http.headers["Authorization"] = f"Bearer {token}"
        self.resolved: list[str] = []

    def resolve(self, codes: list[str]) -> None:
        """Take each dossier through transferred, processing_started and resolved."""
        for code in codes:
            self._resolve(code)
            self.resolved.append(code)

    def _resolve(self, code: str) -> None:
        """Step by step from the state the server reports, so a lost answer is never resent."""
        deadline = time.monotonic() + PATIENCE
        while (state := self._state(code, deadline)) != "resolved":
            self._request("POST", f"/v1/office/dossiers/{code}/steps", deadline, json=NEXT[state])

    def _state(self, code: str, deadline: float) -> str:
        while (answer := self._request("GET", f"/v1/office/dossiers/{code}", deadline)) is None:
            pass
        return str(answer.json()["state"])

    def _request(
        self, method: str, path: str, deadline: float, **kwargs: Any
    ) -> httpx.Response | None:
        """The answer; None when the link or the server failed it or the step already landed."""
        if time.monotonic() > deadline:
            raise AssertionError(f"{method} {path} kept failing for {PATIENCE:.0f} s")
        try:
            answer = self.http.request(method, path, **kwargs)
        except httpx.TransportError:
            return None
        if answer.status_code >= 500 or answer.status_code == 409:
            return None  # 409: the step landed before its answer was lost, or a concurrent push
        assert answer.status_code == 200, answer.text
        return answer
