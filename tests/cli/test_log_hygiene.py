"""The station's log holds no citizen's data: the CLI's whole flow with every logger at DEBUG.

A fictitious citizen's card is scanned, her dossier shown, searched by name and by ID number,
printed and corrected, and then a step fails inside the database (a trigger standing in for a
broken disk) so that a traceback is logged; SQLAlchemy logs every statement meanwhile. The log
file is then searched for every way her data could be written.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from counter_app.cli import main
from counter_app.domain.text import fold
from tests.conftest import store_connection

QR = (
    "079193004321|381234567|PHẠM THỊ HỒNG NHUNG|14021993|Nữ"
    "|Số 7 ngõ Thử Nghiệm, phường Quảng Hưng|01032022"
)
CITIZEN = (
    "PHẠM THỊ HỒNG NHUNG",
    "Phạm Thị Hồng Nhung",
    "079193004321",
    "381234567",
    "Số 7 ngõ Thử Nghiệm",
    "0987001122",
    "0987 001 122",
    "0911223344",
)


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    """Every record of every logger, DEBUG and up, written to a file as a deployment would."""
    path = tmp_path / "station.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    engine = logging.getLogger("sqlalchemy.engine")
    levels = (root.level, engine.level)
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    engine.setLevel(logging.INFO)  # every statement, as echo=True would show it
    yield path
    root.removeHandler(handler)
    handler.close()
    root.setLevel(levels[0])
    engine.setLevel(levels[1])


def run(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), "--actor", "canbo", *args])


def test_a_cli_flow_with_a_failure_logs_no_citizen_data(
    data_dir: Path, tmp_path: Path, log_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    intake = tmp_path / "d.json"
    intake.write_text(
        json.dumps(
            {"scan": QR, "procedure": "1.004222", "applicant": {"phone": "0987 001 122"}},
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    assert run(data_dir, "receive", str(intake), "--json") == 0
    code = json.loads(capsys.readouterr().out)["code"]
    assert run(data_dir, "dossier", "show", code) == 0
    for query in ("pham thi hong nhung", "079193004321", "0987001122"):
        assert run(data_dir, "search", query) == 0
    assert run(data_dir, "print", "slip", code, "-o", str(tmp_path / "slip.pdf")) == 0
    assert run(data_dir, "transition", code, "corrected", "--set", "phone=0911223344",
               "--reason", "Đổi số") == 0  # fmt: skip
    with store_connection(data_dir / "counter.sqlite3") as store:
        store.execute(
            "CREATE TRIGGER boom BEFORE INSERT ON events BEGIN SELECT * FROM storage_failed; END"
        )
    assert run(data_dir, "transition", code, "transferred", "--to", "Công an phường") == 1
    assert "internal failure (OperationalError)" in capsys.readouterr().err
    log = log_file.read_text(encoding="utf-8")

    assert "OperationalError (message withheld" in log  # the failure is on record …
    assert "applicant_name=?" in log  # … and so is every statement, without its values
    assert "[SQL parameters hidden due to hide_parameters=True]" in log
    forms = {form for value in CITIZEN for form in (value, fold(value))}
    leaked = sorted(form for form in forms if form in log)
    assert not leaked, f"the station's log names the citizen: {leaked}"
