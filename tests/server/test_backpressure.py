"""Under more requests than it can work at once, the server answers 429 or 503 with Retry-After.

Before, requests held a database connection while they waited for a worker thread: 60
concurrent requests with one token exhausted the pool and came back as 500s after 30 s, and
another station's request timed out. Now each process admits a bounded number of requests to
work (as many as its database connections), queues a bounded number for a few seconds, and
refuses the rest with 503; one caller may have only a few requests in flight (429). The real
server runs in a process of its own (uvicorn), on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Iterator

import httpx
import pytest

from counter_server.admission import PER_CALLER
from tests.faults.server import ServerProcess
from tests.server.factories import StationChain, body, enrolled_many

SMALL = ["--db-connections", "4"]


@pytest.fixture
def server(database_url: str) -> Iterator[ServerProcess]:
    """The server in a process, with 4 database connections (so 4 requests work at once)."""
    with ServerProcess(database_url, options=SMALL) as running:
        yield running


def stations(server: ServerProcess, database_url: str, count: int) -> list[StationChain]:
    """``count`` stations enrolled on the running server, ten to an agency (slots 0–9)."""
    places = [(f"000.17.{30 + n // 10}.H56", n % 10) for n in range(count)]
    with httpx.Client(base_url=server.url) as http:
        return enrolled_many(http, database_url, places)


def check_refusal(answer: httpx.Response) -> None:
    """A refusal under load is a 429 or 503 in the documented shape, with Retry-After."""
    assert answer.status_code in (429, 503), answer.text
    assert int(answer.headers["Retry-After"]) >= 1
    assert answer.json()["error"] in ("too_many_requests", "busy")


async def _flood(url: str, headers: dict[str, str], count: int) -> list[httpx.Response]:
    limits = httpx.Limits(max_connections=count)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=60) as http:
        return list(
            await asyncio.gather(*(http.get("/v1/status", headers=headers) for _ in range(count)))
        )


def test_one_station_flooding_gets_429s_and_another_is_still_served(
    server: ServerProcess, database_url: str
) -> None:
    flooder, other = stations(server, database_url, 2)
    began = time.monotonic()
    answers: list[httpx.Response] = []

    async def both() -> list[float]:
        flood = asyncio.create_task(_flood(server.url, flooder.headers, 100))
        waits = []
        async with httpx.AsyncClient(base_url=server.url, timeout=60) as http:
            for _ in range(5):
                sent = time.monotonic()
                answer = await http.get("/v1/status", headers=other.headers)
                assert answer.status_code == 200, answer.text
                waits.append(time.monotonic() - sent)
        answers.extend(await flood)
        return waits

    waits = asyncio.run(both())
    statuses = Counter(answer.status_code for answer in answers)
    assert set(statuses) <= {200, 429}, statuses
    assert statuses[200] >= PER_CALLER and statuses[429] > 0
    for answer in answers:
        if answer.status_code != 200:
            check_refusal(answer)
    assert max(waits) < 5.0, waits  # the other station is not starved
    assert time.monotonic() - began < 30.0


async def _push_all(url: str, chains: list[StationChain], batches: int) -> list[httpx.Response]:
    """Every station pushes its batches one after another, all stations at once; a refusal is
    retried after its Retry-After, as the station's client does."""
    answers: list[httpx.Response] = []
    limits = httpx.Limits(max_connections=len(chains))
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=60) as http:

        async def station(chain: StationChain) -> None:
            for _ in range(batches):
                batch = body(chain.next_events(10))
                while True:
                    answer = await http.post("/v1/push", json=batch, headers=chain.headers)
                    answers.append(answer)
                    if answer.status_code == 200:
                        break
                    check_refusal(answer)
                    await asyncio.sleep(float(answer.headers["Retry-After"]))

        await asyncio.gather(*(station(chain) for chain in chains))
    return answers


def test_many_stations_pushing_at_once_lose_nothing_and_never_see_a_500(
    server: ServerProcess, database_url: str
) -> None:
    chains = stations(server, database_url, 60)
    answers = asyncio.run(_push_all(server.url, chains, batches=3))
    statuses = Counter(answer.status_code for answer in answers)
    assert set(statuses) <= {200, 429, 503}, statuses
    assert statuses[503] > 0  # it was overloaded, and said so
    with httpx.Client(base_url=server.url) as http:
        for chain in chains:
            held = http.get("/v1/status", headers=chain.headers).json()["held_through_seq"]
            assert held == 30
            own = http.get("/v1/own", headers=chain.headers).json()["events"]
            assert [event["id"] for event in own] == [event.id for event in chain.events]
