"""The citizen's lookup page under load: loopback, PostgreSQL, the server as deployed.

Usage: python bench/lookup.py [--rate 200] [--seconds 30] [--codes 1000] [--callers 1000]
       [--workers 2]

1. A station's ``--codes`` dossiers with their lifecycles (bench/seed.py) are pushed to a server
   on a PostgreSQL schema of its own (``COUNTER_TEST_DATABASE_URL``), run by uvicorn with
   ``--workers`` processes and the default quotas (30 lookups a caller a minute).
2. Open loop, after two seconds of lookups not timed (a server in service is warm):
   ``--rate`` lookups a second for ``--seconds`` (``GET /tra-cuu?ma=…``, as the QR
   opens it), each of a code drawn from the held ones and from one of ``--callers`` phones
   (``X-Forwarded-For``, as a reverse proxy on loopback reports them). A request's time counts
   from when it was due, so a request that waited for a free connection counts its wait.
   Baseline: ``GET /v1/time`` (no database) at the same rate, in the same run.
3. Quota: one phone sends 100 lookups back to back; the quota's worth are answered, the rest
   are 429 with ``Retry-After``, none is a 5xx.
4. Digits: a wrong-digit POST on a held code against one on a code never issued, alternately.
Targets: p99 < 50 ms at 200 lookups/s; 0 × 5xx.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import random
import statistics
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
from seed import AGENCY, store_with  # noqa: E402
from stats import percentile, summary  # noqa: E402
from sync_link import enrolled_token, own_events  # noqa: E402
from sync_load import migrated, pg_schema  # noqa: E402

from counter_app.sync.protocol import PushRequest, WireEvent  # noqa: E402
from counter_server.lookup.tallies import Quotas  # noqa: E402
from tests.faults.server import ServerProcess  # noqa: E402

CONNECTIONS = 64
WARM_UP_S = 2.0
UNMATCHED = "Không xem được chi tiết: mã hồ sơ hoặc 4 số cuối chưa đúng."


@dataclass
class Run:
    """What an open-loop run saw."""

    seconds: list[float] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    late_sends: int = 0


def push(server_url: str, token: str, events: Sequence[WireEvent], batch: int = 500) -> None:
    """The station's chain up to the server, gzipped, in batches."""
    headers = {"Authorization": f"Bearer {token}", "Content-Encoding": "gzip"}
    headers["Content-Type"] = "application/json"
    with httpx.Client(base_url=server_url, timeout=300) as http:
        for start in range(0, len(events), batch):
            body = PushRequest(events=events[start : start + batch]).model_dump_json().encode()
            http.post("/v1/push", content=gzip.compress(body), headers=headers).raise_for_status()


def held_codes(events: Sequence[WireEvent]) -> list[str]:
    """The dossier codes the chain created."""
    return [
        e.payload["dossier"]["code"] for e in events if isinstance(e.payload.get("dossier"), dict)
    ]


def request_bytes(path: str, caller: str) -> bytes:
    """One HTTP/1.1 GET kept alive, as a phone's browser sends it through the proxy."""
    return (f"GET {path} HTTP/1.1\r\nHost: bench\r\nX-Forwarded-For: {caller}\r\n"
            "Accept: text/html\r\n\r\n").encode()  # fmt: skip


async def answer(reader: asyncio.StreamReader) -> int:
    """Read one response (Content-Length framed); its status."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    length = next(
        int(v) for k, _, v in (x.partition(": ") for x in lines) if k.lower() == "content-length"
    )
    await reader.readexactly(length)
    return int(lines[0].split()[1])


async def open_loop(port: int, requests: Sequence[bytes], rate: float) -> Run:
    """Send ``requests`` at ``rate`` a second over kept-alive connections; time each from when
    it was due."""
    run = Run()
    idle: asyncio.Queue[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = asyncio.Queue()
    for _ in range(CONNECTIONS):
        idle.put_nowait(await asyncio.open_connection("127.0.0.1", port))

    async def one(data: bytes, due: float) -> None:
        reader, writer = await idle.get()
        if time.perf_counter() - due > 0.005:
            run.late_sends += 1
        writer.write(data)
        run.statuses[await answer(reader)] += 1
        run.seconds.append(time.perf_counter() - due)
        idle.put_nowait((reader, writer))

    start, tasks = time.perf_counter() + 0.1, []
    for index, data in enumerate(requests):
        due = start + index / rate
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        tasks.append(asyncio.create_task(one(data, due)))
    await asyncio.gather(*tasks)
    while not idle.empty():
        idle.get_nowait()[1].close()
    return run


def load(port: int, codes: Sequence[str], args: argparse.Namespace) -> None:
    """Lookups at the rate against the time probe at the same rate."""
    rng = random.Random(18)
    total = int(args.rate * args.seconds)
    callers = [f"10.{n // 250}.{n % 250}.1" for n in range(args.callers)]
    lookups = [
        request_bytes(f"/tra-cuu?ma={rng.choice(codes)}", rng.choice(callers)) for _ in range(total)
    ]
    probes = [request_bytes("/v1/time", rng.choice(callers)) for _ in range(total)]
    # a server in service is warm: its workers' connections to PostgreSQL open, the page's
    # template and statements built; two seconds of lookups from other callers first, not timed
    warm = int(args.rate * WARM_UP_S)
    asyncio.run(open_loop(port, [request_bytes(f"/tra-cuu?ma={rng.choice(codes)}",
                                               f"192.168.{n // 250}.{n % 250}")
                                 for n in range(warm)], args.rate))  # fmt: skip
    looked = asyncio.run(open_loop(port, lookups, args.rate))
    timed = asyncio.run(open_loop(port, probes, args.rate))
    errors = sum(n for status, n in looked.statuses.items() if status >= 500)
    print(f"load: {total} lookups at {args.rate:.0f}/s over {len(codes)} codes from "
          f"{args.callers} callers, {args.workers} workers; statuses {dict(looked.statuses)}, "
          f"{errors} × 5xx, {looked.late_sends} sent late")  # fmt: skip
    print("  " + summary("lookup (GET /tra-cuu?ma=)", looked.seconds))
    print("  " + summary("baseline (GET /v1/time)", timed.seconds))
    p99 = percentile(looked.seconds, 0.99) * 1000
    ratio = statistics.median(looked.seconds) / statistics.median(timed.seconds)
    verdict = "met" if p99 < 50 and errors == 0 else "NOT met"
    print(f"  p99 {p99:.1f} ms (target < 50 ms: {verdict}); median ratio lookup/time {ratio:.1f}x")


def quota(server_url: str, code: str, per_client: int) -> None:
    """One phone, 100 lookups back to back."""
    with httpx.Client(base_url=server_url, headers={"X-Forwarded-For": "192.0.2.1"}) as http:
        answers = [http.get("/tra-cuu", params={"ma": code}) for _ in range(100)]
    statuses = Counter(a.status_code for a in answers)
    waits = sorted({a.headers.get("Retry-After") for a in answers if a.status_code == 429})
    held = statuses[200] == per_client and statuses[429] == 100 - per_client
    print(f"quota: one phone, 100 lookups back to back: {dict(statuses)} (quota {per_client}/min: "
          f"{'held' if held else 'NOT held'}), Retry-After {', '.join(w or '-' for w in waits)} s, "
          f"{sum(n for s, n in statuses.items() if s >= 500)} × 5xx")  # fmt: skip


def digits(server_url: str, codes: Sequence[str], rounds: int = 200) -> None:
    """Wrong digits on a held code and on a plausible code never issued (slot 9 has no
    station), alternately, each code tried once (a code takes 5 attempts a day)."""
    times: dict[str, list[float]] = {"held": [], "never": []}
    with httpx.Client(base_url=server_url) as http:
        for n, held in enumerate(codes[2 : 2 + rounds]):
            for kind, code in (("held", held), ("never", f"{held[:-4]}9{n % 999 + 1:03d}")):
                phone = {"X-Forwarded-For": f"172.16.{n // 250}.{n % 250}"}
                began = time.perf_counter()
                reply = http.post("/tra-cuu", data={"ma": code, "so": "0000"}, headers=phone)
                times[kind].append(time.perf_counter() - began)
                assert reply.status_code == 200 and UNMATCHED in reply.text, reply.status_code
    print("digits: wrong digits, one answer either way (sequential, one request at a time)")
    print("  " + summary("on a held code", times["held"]))
    print("  " + summary("on a code never issued", times["never"]))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rate", type=float, default=200)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--codes", type=int, default=1000)
    parser.add_argument("--callers", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    station_id, events = own_events(store_with(args.codes, lifecycle=True))
    codes = held_codes(events)
    with pg_schema() as url:
        migrated(url)
        with ServerProcess(url, workers=args.workers) as server:
            push(server.url, enrolled_token(server.url, url, station_id, AGENCY), events)
            load(server.port, codes, args)
            quota(server.url, codes[0], Quotas().per_client)
            digits(server.url, codes)


if __name__ == "__main__":
    main()
