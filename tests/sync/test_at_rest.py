"""Shown by: after a reception, a print, a sync, backups and an export, someone who takes the PC
(or the USB stick) finds none of the applicant's name, ID number, phone or address in any file
Counter wrote: the store, its WAL, its backups (also the daily and weekly ones), the export, the
temporary folder."""

from __future__ import annotations

import json
import tempfile
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from counter_app.printing.forms import render
from counter_app.printing.model import FormKind, Paper
from counter_app.station import Station
from counter_app.store_file import STORE_FILENAME
from counter_app.ui import print_dispatch
from tests.conftest import store_connection
from tests.factories import (
    APPLICANT_ADDRESS,
    APPLICANT_ID,
    APPLICANT_NAME,
    APPLICANT_PHONE,
    request,
    vn,
)
from tests.sync.helpers import sync
from tests.ui.conftest import cups_queue
from tests.ui.spooler import job_name, wait_for_output

__all__ = ["cups_queue"]


def _forms(text: str) -> set[bytes]:
    """How ``text`` can sit in a file: composed or not, any case, folded, UTF-8 or UTF-16."""
    folded = (
        "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
        .replace("đ", "d")
        .replace("Đ", "D")
    )
    variants = {text, text.upper(), text.lower(), folded, folded.lower(), folded.upper()}
    variants |= {unicodedata.normalize("NFD", v) for v in list(variants)}
    return {v.encode(encoding) for v in variants for encoding in ("utf-8", "utf-16-le")}


PERSONAL = {
    name: _forms(value)
    for name, value in (
        ("name", APPLICANT_NAME),
        ("ID number", APPLICANT_ID),
        ("phone", APPLICANT_PHONE),
        ("address", APPLICANT_ADDRESS),
    )
}


def found_in(folders: list[Path]) -> list[str]:
    """Which personal field is found in which file under ``folders``."""
    found = []
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            data = path.read_bytes()
            found += [
                f"{field} in {path}"
                for field, forms in PERSONAL.items()
                if any(form in data for form in forms)
            ]
    return found


@pytest.fixture
def temp_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The process's temporary folder (TMPDIR: Python's and Qt's and CUPS's), for this test."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", None)
    yield folder


def test_no_personal_field_in_clear_after_reception_print_sync_backup_and_export(
    enrolled: Callable[[int], Station],
    client: TestClient,
    cups_queue: str,
    temp_folder: Path,
    tmp_path: Path,
) -> None:
    station = enrolled(1)
    at = vn(2026, 3, 10, 9)
    code = station.receive(request(received_at=at), actor="clerk", now=at).code
    slip = render(
        FormKind.SLIP, station.sheet(FormKind.SLIP, code, actor="clerk", via="gui"), paper=Paper.A5
    )
    job = job_name()
    outcome = print_dispatch.print_pdf(slip, printer_name=cups_queue, paper="a5", job_name=job)
    assert outcome.ok, outcome.error
    wait_for_output(job, 1).close()  # the paper: taken away by the printer's output tray
    sync(station, client)
    usb = tmp_path / "usb"
    usb.mkdir()
    station.backup(usb / "backup.sqlite3")
    station.set_setting("backup_folder", json.dumps(str(usb / "auto")))
    (usb / "auto").mkdir()
    assert station.auto_backup(vn(2026, 3, 10, 17, 30)) is not None  # the daily and weekly copies
    later = vn(2026, 3, 10, 10)
    station.receive(request(received_at=later), actor="clerk", now=later)  # waits to go up
    assert station.sync_export(usb / "carry.counter") >= 1
    assert station.dossier(code).applicant["name"] == APPLICANT_NAME  # it is all there
    wal = station.data_dir / f"{STORE_FILENAME}-wal"
    assert wal.exists() and wal.stat().st_size > 0
    folders = [station.data_dir, usb, temp_folder]
    assert found_in(folders) == []
    station.close()
    assert found_in(folders) == []
    clear = tmp_path / "clear"  # the same search finds every field in a clear copy
    clear.mkdir()
    connection = store_connection(station.path)
    connection.execute("ATTACH DATABASE ? AS clear KEY ''", (str(clear / "copy.sqlite3"),))
    connection.execute("SELECT sqlcipher_export('clear')")
    connection.close()
    assert {line.split(" in ")[0] for line in found_in([clear])} == set(PERSONAL)
