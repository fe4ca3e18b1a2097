"""Small helpers for sync tests: a round that never sleeps, a received dossier."""

from __future__ import annotations

import random

from fastapi.testclient import TestClient

from counter_app.domain.lifecycle import EventType
from counter_app.services.steps import StepInput
from counter_app.station import Station
from counter_app.sync.backoff import Backoff
from counter_app.sync.round import RoundPolicy, RoundReport
from tests.factories import request, vn


def no_wait() -> RoundPolicy:
    """A round policy whose back-off does not sleep (the delays are still computed)."""
    return RoundPolicy(backoff=Backoff(rng=random.Random(7)), sleep=lambda _seconds: None)


def sync(station: Station, client: TestClient) -> RoundReport:
    """One round of ``station`` against the test server."""
    return station.sync_once(http=client, policy=no_wait())


def received(station: Station, *, hour: int = 9) -> str:
    """Receive one complete dossier on 10/3/2026 at ``hour``; return its code."""
    at = vn(2026, 3, 10, hour)
    return station.receive(request(received_at=at), actor="clerk", now=at).code


def transfer(station: Station, code: str, *, hour: int = 10) -> None:
    """Transfer ``code`` to the ward police."""
    data = StepInput(to="Công an phường")
    station.step(code, EventType.TRANSFERRED, data, actor="clerk", now=vn(2026, 3, 10, hour))
