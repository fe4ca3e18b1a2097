"""Shared fixtures: a migrated, initialised station store built once and copied per test."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from counter_app.i18n import LANGUAGE_ENV, set_language
from counter_app.logs import LOG_DIR_ENV
from counter_app.station import Station
from counter_app.store_file import STORE_FILENAME
from tests.ci import pytest_runtest_makereport
from tests.factories import add_test_procedures

__all__ = ["pytest_runtest_makereport"]  # under CI a skip fails (tests/ci.py)

AGENCY_CODE = "000.17.22.H56"
PRINT_SETTINGS = {"contact_phone": "0237 3852 111", "leader_name": "Lê Văn Tâm"}
# the commands and windows the tests start write their log here, not in the user's log folder
os.environ.setdefault(LOG_DIR_ENV, tempfile.mkdtemp(prefix="counter-test-logs-"))


@pytest.fixture(scope="session")
def template_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with an initialised station (slot 1), the bundled catalogue and the
    tests' own procedures."""
    folder = tmp_path_factory.mktemp("template")
    station = Station(folder)
    station.initialise(
        agency_code=AGENCY_CODE,
        agency_name="UBND phường Quảng Hưng",
        parent_name="UBND tỉnh Thanh Hóa",
        place_name="Quảng Hưng",
        slot=1,
    )
    add_test_procedures(station)
    for key, value in PRINT_SETTINGS.items():  # what forms 02, 04 and 05 cannot do without
        station.set_setting(key, value)
    station.close()
    return folder


@pytest.fixture
def data_dir(template_dir: Path, tmp_path: Path) -> Path:
    """A private copy of the template store."""
    target = tmp_path / "data"
    target.mkdir()
    shutil.copy2(template_dir / STORE_FILENAME, target / STORE_FILENAME)
    return target


@pytest.fixture
def station(data_dir: Path) -> Iterator[Station]:
    """An open station on a private copy of the template store."""
    opened = Station(data_dir)
    yield opened
    opened.close()


@pytest.fixture(autouse=True)
def vietnamese(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test starts and ends in Vietnamese, whatever language the shell asks for."""
    monkeypatch.delenv(LANGUAGE_ENV, raising=False)
    set_language("vi")
    yield
    set_language("vi")
