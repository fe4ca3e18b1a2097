"""The fault proxy itself, against a small real HTTP server: each fault does what it says."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest

from tests.faults.echo import EchoServer
from tests.faults.proxy import Fault, FaultProxy, Link

BODY = b"x" * 5000


@pytest.fixture
def echo() -> Iterator[EchoServer]:
    """A real HTTP server that counts what it answered."""
    server = EchoServer()
    yield server
    server.close()


@pytest.fixture
def proxy(echo: EchoServer) -> Iterator[FaultProxy]:
    """A proxy in front of the echo server, with a clean link."""
    with FaultProxy("127.0.0.1", echo.port) as running:
        yield running


@pytest.fixture
def http(proxy: FaultProxy) -> Iterator[httpx.Client]:
    """A client that talks to the echo server only through the proxy."""
    with httpx.Client(base_url=proxy.url, timeout=5) as client:
        yield client


def test_requests_pass_on_one_connection_and_bytes_are_counted(
    proxy: FaultProxy, http: httpx.Client, echo: EchoServer
) -> None:
    answers = [http.post("/echo", content=BODY).json() for _ in range(3)]
    assert [answer["n"] for answer in answers] == [1, 2, 3]
    assert echo.bodies == [BODY] * 3
    traffic = proxy.traffic
    assert (traffic.connections, traffic.requests, traffic.cuts) == (1, 3, 0)
    assert 3 * len(BODY) < traffic.up < 3 * (len(BODY) + 400)
    assert 0 < traffic.down < 3 * 400


def test_chunked_responses_pass_whole(http: httpx.Client) -> None:
    assert http.get("/chunked").content == b"first,second,third"
    assert http.get("/chunked").content == b"first,second,third"


def test_a_response_without_length_runs_until_the_server_closes(
    proxy: FaultProxy, http: httpx.Client
) -> None:
    assert http.get("/until-close").content == b"no length given"
    assert http.get("/until-close").content == b"no length given"
    assert proxy.traffic.connections == 2


def test_latency_is_added_each_way(proxy: FaultProxy, http: httpx.Client) -> None:
    proxy.link = Link(latency_up=0.15, latency_down=0.1)
    began = time.monotonic()
    http.post("/echo", content=b"hello")
    # the connection's handshake (one round trip) and the exchange (another)
    assert time.monotonic() - began >= 2 * 0.25


def test_bandwidth_is_capped(proxy: FaultProxy, http: httpx.Client) -> None:
    proxy.link = Link(bandwidth=40_000)
    began = time.monotonic()
    assert http.post("/echo", content=b"y" * 20_000).json()["size"] == 20_000
    assert time.monotonic() - began >= 0.4


def test_a_cut_mid_request_never_reaches_the_server_whole(
    proxy: FaultProxy, http: httpx.Client, echo: EchoServer
) -> None:
    proxy.schedule(Fault("cut_request", at=1000))
    with pytest.raises(httpx.TransportError):
        http.post("/echo", content=BODY)
    assert echo.bodies == []
    assert proxy.traffic.up == 1000
    assert http.post("/echo", content=BODY).json()["n"] == 1  # the link healed


def test_a_cut_mid_response_comes_after_the_server_answered(
    proxy: FaultProxy, http: httpx.Client, echo: EchoServer
) -> None:
    proxy.schedule(Fault("cut_response", at=30))
    with pytest.raises(httpx.TransportError):
        http.post("/echo", content=BODY)
    assert echo.bodies == [BODY]
    assert proxy.traffic.down == 30


def test_a_lost_response_leaves_the_request_done(
    proxy: FaultProxy, http: httpx.Client, echo: EchoServer
) -> None:
    proxy.schedule(Fault("lose_response"))
    with pytest.raises(httpx.TransportError):
        http.post("/echo", content=BODY)
    assert echo.bodies == [BODY]
    assert (proxy.traffic.lost, proxy.traffic.down) == (1, 0)


def test_a_duplicated_request_reaches_the_server_twice_and_the_client_once(
    proxy: FaultProxy, http: httpx.Client, echo: EchoServer
) -> None:
    proxy.schedule(Fault("duplicate"))
    assert http.post("/echo", content=BODY).json()["n"] == 2
    assert echo.bodies == [BODY, BODY]
    assert http.post("/echo", content=b"next").json()["n"] == 3


def test_link_down_refuses_connections_for_a_while(
    proxy: FaultProxy, http: httpx.Client, echo: EchoServer
) -> None:
    proxy.schedule(Fault("link_down", seconds=0.5))
    with pytest.raises(httpx.TransportError):
        http.post("/echo", content=BODY)
    with pytest.raises(httpx.ConnectError):
        httpx.post(f"{proxy.url}/echo", content=BODY, timeout=5)
    time.sleep(0.7)
    assert http.post("/echo", content=BODY).json()["n"] == 1
    assert echo.bodies == [BODY]


def test_the_link_cuts_every_so_many_bytes(
    proxy: FaultProxy, http: httpx.Client, echo: EchoServer
) -> None:
    proxy.link = Link(cut_every=12_000, seed=3)
    outcomes = []
    for _ in range(10):
        try:
            http.post("/echo", content=BODY)
            outcomes.append("ok")
        except httpx.TransportError:
            outcomes.append("cut")
    # 10 requests of ~5.1 kB each way is ~51 kB: four or five cuts at 9–15 kB apart
    assert 3 <= outcomes.count("cut") <= 6
    assert proxy.traffic.cuts == outcomes.count("cut")


def test_the_faults_apply_in_order_then_stop(
    proxy: FaultProxy, http: httpx.Client, echo: EchoServer
) -> None:
    proxy.schedule(Fault("lose_response"), Fault("pass"), Fault("cut_request", at=10))
    outcomes = []
    for _ in range(5):
        try:
            http.post("/echo", content=b"z" * 100)
            outcomes.append("ok")
        except httpx.TransportError:
            outcomes.append("failed")
    assert outcomes == ["failed", "ok", "failed", "ok", "ok"]
    assert len(echo.bodies) == 4 and proxy.pending() == 0
