"""Three stations of one agency, each offline with its own store, never issue the same code."""

from __future__ import annotations

import threading
from pathlib import Path

from counter_app.station import Station
from tests.conftest import AGENCY_CODE
from tests.factories import add_test_procedures, request, vn


def _station(folder: Path, slot: int) -> Station:
    station = Station(folder)
    station.initialise(agency_code=AGENCY_CODE, agency_name="UBND phường Quảng Hưng", slot=slot)
    add_test_procedures(station)
    return station


def test_three_offline_stations_issue_disjoint_codes(tmp_path: Path) -> None:
    stations = [_station(tmp_path / f"s{slot}", slot) for slot in (0, 1, 2)]
    at = vn(2026, 3, 10, 9, 0)
    codes: list[str] = []
    lock = threading.Lock()

    def work(station: Station) -> None:
        for _ in range(40):
            code = station.receive(request(received_at=at), actor="c", now=at).code
            with lock:
                codes.append(code)

    threads = [threading.Thread(target=work, args=(station,)) for station in stations]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for station in stations:
        station.close()
    assert len(codes) == 120
    assert len(set(codes)) == 120
    assert all(code.startswith(f"{AGENCY_CODE}-260310-") for code in codes)
