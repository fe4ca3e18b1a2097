"""The sync corner shows the centre's counters in reach and when each was last heard; the window
runs the exchange in the background."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot

from counter_app.i18n import set_language
from counter_app.ui.lan_status import LanCorner, peers_text, peers_tooltip
from counter_app.ui.operations import Operations
from tests.lan.conftest import Counter, wait_until
from tests.lan.test_exchange import holds
from tests.sync.helpers import received


@pytest.fixture
def ops(qtbot: QtBot) -> Iterator[Operations]:
    """The window's background pools, drained at the end."""
    operations = Operations()
    yield operations
    operations.wait(10_000)


def test_the_corner_names_the_counters_in_reach_and_runs_the_exchange(
    qtbot: QtBot, ops: Operations, centre: Callable[[int], list[Counter]]
) -> None:
    first, second = centre(2)
    first.start()
    second.configure()
    corner = LanCorner(second.station, ops)
    qtbot.addWidget(corner)
    try:
        qtbot.waitUntil(lambda: corner.text().startswith("Quầy trong mạng: 1 ("), timeout=30_000)
        assert re.fullmatch(r"Quầy trong mạng: 1 \(\d\d:\d\d\)", corner.text())
        assert corner.toolTip().startswith("Quầy 1: trong mạng, nghe lần cuối ")
        code = received(first.station)  # the window's exchange takes it in the background
        wait_until(lambda: holds(second, code))
        first.stop()
        peers = second.station.lan_peers()
        set_language("en")
        assert re.fullmatch(r"Counters in reach: 1 \(\d\d:\d\d\)", peers_text(peers))
        assert peers_tooltip(peers).startswith("Counter 1: in reach, last heard ")
    finally:
        set_language("vi")
        corner.stop()
