"""Printing a dossier's form from the station: the spooler gets it and the log says so."""

from __future__ import annotations

import json

from counter_app.printing.model import FormKind, Paper
from counter_app.station import Station
from counter_app.ui.print_jobs import PrintRequest, print_form
from tests.conftest import store_connection
from tests.factories import request
from tests.ui.spooler import outputs, wait_for_output


def _printed(station: Station) -> list[dict[str, object]]:
    with store_connection(station.store.path) as connection:
        rows = connection.execute("SELECT payload FROM events WHERE type = 'printed'").fetchall()
    return [json.loads(row[0]) for row in rows]


def test_slip_reaches_the_spooler_and_is_logged(station: Station, cups_queue: str) -> None:
    code = station.receive(request(), actor="clerk").code
    for stale in outputs(code):  # codes repeat from one test store to the next
        stale.unlink()
    outcome = print_form(station, PrintRequest(FormKind.SLIP, code, Paper.A5), actor="clerk")
    assert outcome.ok, outcome.error
    assert outcome.printer == cups_queue
    document = wait_for_output(code, outcome.pages)  # cups-pdf names the file "slip_<code>-job_N"
    width_mm = document[0].get_width() * 25.4 / 72
    assert abs(width_mm - 148) < 1.5  # A5
    assert _printed(station) == [
        {
            "kind": "slip",
            "paper": "a5",
            "printer": cups_queue,
            "ok": True,
            "error": None,
            "copies": 1,
        }
    ]


def test_a_failed_print_is_logged_and_the_dossier_is_untouched(
    station: Station, cups_queue: str
) -> None:
    code = station.receive(request(), actor="clerk").code
    before = station.dossier(code)
    target = PrintRequest(FormKind.SLIP, code, printer="KhongCoMayIn")
    outcome = print_form(station, target, actor="clerk")
    assert not outcome.ok and outcome.error
    assert _printed(station)[0]["ok"] is False
    assert _printed(station)[0]["error"] == outcome.error
    after = station.dossier(code)
    assert (after.state, after.due_at, after.documents) == (
        before.state,
        before.due_at,
        before.documents,
    )
    assert station.verify().ok


def test_slips_follow_the_station_slip_format(station: Station, cups_queue: str) -> None:
    station.set_setting("slip_format", "80mm")
    code = station.receive(request(), actor="clerk").code
    for stale in outputs(code):
        stale.unlink()
    outcome = print_form(station, PrintRequest(FormKind.SLIP, code), actor="clerk")
    assert outcome.ok, outcome.error
    document = wait_for_output(code, outcome.pages)
    assert abs(document[0].get_width() * 25.4 / 72 - 80) < 1.5
    assert _printed(station)[0]["paper"] == "80mm"
