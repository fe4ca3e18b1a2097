from __future__ import annotations

import json
import stat
import unicodedata
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from counter_app.cli import main
from counter_app.station import Station
from tests.conftest import store_connection
from tests.factories import full_life


def run(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str]:
    status = main(["--data-dir", str(data_dir), "--actor", "clerk", *args])
    out, err = capsys.readouterr()
    return status, out + err


def text_of(path: Path) -> str:
    document = pdfium.PdfDocument(path.read_bytes())
    pages = [document[i].get_textpage().get_text_range() for i in range(len(document))]
    return unicodedata.normalize("NFC", "\n".join(pages))


def printed_events(data_dir: Path) -> list[dict[str, object]]:
    with store_connection(data_dir / "counter.sqlite3") as connection:
        rows = connection.execute("SELECT payload FROM events WHERE type = 'printed'").fetchall()
    return [json.loads(row[0]) for row in rows]


def test_every_kind_prints_to_pdf_and_is_logged(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    station = Station(data_dir)
    code = full_life(station)
    station.close()
    for kind in ("slip", "control", "receipt"):
        target = tmp_path / f"{kind}.pdf"
        status, out = run(capsys, data_dir, "print", kind, code, "-o", str(target))
        assert status == 0, out
        assert code in text_of(target)
    status, _ = run(
        capsys, data_dir, "print", "slip", code, "-o", str(tmp_path / "t.pdf"), "--format", "80mm"
    )
    assert status == 0
    assert [e["kind"] for e in printed_events(data_dir)] == ["slip", "control", "receipt", "slip"]
    assert all(e["ok"] for e in printed_events(data_dir))
    register = tmp_path / "register.pdf"
    status, _ = run(
        capsys,
        data_dir,
        "print",
        "register",
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-31",
        "-o",
        str(register),
    )
    assert status == 0 and code in text_of(register)
    # forms and the register name applicants: a file printed to is its owner's only, also when
    # it replaces one anybody could read
    assert stat.S_IMODE(register.stat().st_mode) == 0o600
    again = tmp_path / "again.pdf"
    again.write_bytes(b"")
    again.chmod(0o644)
    assert run(capsys, data_dir, "print", "slip", code, "-o", str(again))[0] == 0
    assert stat.S_IMODE(again.stat().st_mode) == 0o600 and code in text_of(again)
    assert not list(tmp_path.glob("*.partial"))


def test_refused_requests_write_nothing(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    station = Station(data_dir)
    code = full_life(station)
    station.close()
    target = tmp_path / "x.pdf"
    assert run(capsys, data_dir, "print", "stop", code, "-o", str(target))[0] == 1  # never stopped
    assert (
        run(capsys, data_dir, "print", "supplement", code, "-o", str(target), "--format", "80mm")[0]
        == 1
    )
    assert (
        run(capsys, data_dir, "print", "slip", "000.17.22.H56-260310-9999", "-o", str(target))[0]
        == 1
    )
    assert run(capsys, data_dir, "print", "register", "-o", str(target))[0] == 1
    assert not target.exists()
    assert printed_events(data_dir) == []
