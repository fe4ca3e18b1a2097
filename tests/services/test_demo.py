from __future__ import annotations

from datetime import datetime
from pathlib import Path

from counter_app.commands.setup import DEMO_AGENCY
from counter_app.domain.calendar import VN_TZ
from counter_app.domain.lifecycle import State
from counter_app.services.demo import DemoPlanner
from counter_app.station import Station


def test_demo_station_has_dossiers_in_many_states_and_verifies(tmp_path: Path) -> None:
    station = Station(tmp_path)
    station.initialise(**DEMO_AGENCY)  # type: ignore[arg-type]
    now = datetime(2026, 3, 20, 10, 0, tzinfo=VN_TZ)
    created = DemoPlanner(station, count=120, now=now).run()
    assert created == 120
    with station.store.read() as db:
        states = {row[0] for row in db.exec_driver_sql("SELECT DISTINCT state FROM dossiers")}
    assert {State.IN_PROGRESS.value, State.RETURNED.value, State.PENDING_SUPPLEMENT.value} <= states
    assert station.board_counts(now)["late"] > 0
    assert station.verify().ok
    station.close()
