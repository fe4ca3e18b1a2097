"""The real-window suite: Counter on an X screen of 1366×768 with a window manager.

Needs Xvfb, openbox and xdotool (``scripts/bootstrap.sh`` installs them). Without them the
suite says so and is skipped, except under CI, where that fails (``tests.ci``). The screen
is ``:N`` from ``COUNTER_TEST_DISPLAY`` when set, else a free one Xvfb picks. Screenshots go
to ``COUNTER_SCREENSHOTS`` (a folder) when set, else to the test run's temporary folder.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend

from tests.ci import missing_part
from tests.desktop.driver import ROOT, App, Display, missing_tools

DEMO_PASSWORD = "demo-2026"
AGENCY_NOTICE = (
    "UBND phường Hạc Thành xử lý dữ liệu cá nhân trong hồ sơ để giải quyết thủ tục hành chính."
)
Launch = Callable[..., App]


@pytest.fixture(scope="session")
def display() -> Iterator[Display]:
    """The X screen, its window manager running."""
    missing = missing_tools()
    if missing:
        missing_part(f"the real-window suite needs {', '.join(missing)} (scripts/bootstrap.sh)")
    screen = Display(os.environ.get("COUNTER_TEST_DISPLAY") or None)
    yield screen
    screen.close()


@dataclass(frozen=True)
class Demo:
    """The demo station built once, and the recovery key its leader keeps."""

    folder: Path
    recovery_key: str


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory, secret_backend: KeyringBackend) -> Demo:
    """A demo station (``counter-app demo --no-window``), built once; its store's key is in the
    tests' Secret Service, as on a desktop, and its recovery key has been shown and kept."""
    folder = tmp_path_factory.mktemp("demo")
    subprocess.run(
        [sys.executable, "-m", "counter_app.cli", "--data-dir", str(folder), "demo", "--no-window"],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    shown = counter_app(folder, "recovery-key")
    found = re.search(r"\b\d{6}(?:-\d{6}){7}\b", shown)
    assert found is not None, shown
    return Demo(folder, found.group())


@pytest.fixture(scope="session")
def station_in_use(demo_template: Demo, tmp_path_factory: pytest.TempPathFactory) -> Demo:
    """The demo station as a centre has it after its first day: the administrator has adapted
    and saved the notice of processing, which a first start shows."""
    in_use = Demo(
        unlocked_copy(demo_template, tmp_path_factory.mktemp("in-use") / "demo"),
        demo_template.recovery_key,
    )
    counter_app(in_use.folder, "settings", "set", "privacy_notice", json.dumps(AGENCY_NOTICE))
    return in_use


@pytest.fixture
def demo_dir(station_in_use: Demo, tmp_path: Path) -> Path:
    """A private copy of the station in use."""
    return unlocked_copy(station_in_use, tmp_path / "demo")


@pytest.fixture
def first_start_dir(demo_template: Demo, tmp_path: Path) -> Path:
    """A private copy of the demo station as it is before its first start in the window."""
    return unlocked_copy(demo_template, tmp_path / "first-start")


def unlocked_copy(demo: Demo, target: Path) -> Path:
    """``demo`` copied to ``target`` and unlocked with its recovery key (a copy in another
    folder is another store to the keyring)."""
    shutil.copytree(demo.folder, target)
    counter_app(target, "unlock", "--recovery-key", demo.recovery_key)
    return target


@pytest.fixture(scope="session")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go."""
    chosen = os.environ.get("COUNTER_SCREENSHOTS")
    return Path(chosen) if chosen else tmp_path_factory.mktemp("screens")


@pytest.fixture
def launch(display: Display, demo_dir: Path, shots: Path) -> Iterator[Launch]:
    """Start counter-app on the demo copy and log in; the processes end with the test."""
    started: list[App] = []

    def start(
        user: str | None = "canbo",
        *,
        scale: float = 1.0,
        lang: str | None = None,
        data_dir: Path | None = None,
    ) -> App:
        app = App(display, data_dir or demo_dir, scale=scale, lang=lang, shots=shots)
        started.append(app)
        if user is not None:
            app.log_in(user, DEMO_PASSWORD)
        return app

    yield start
    for app in started:
        app.close()


def counter_app(data_dir: Path, *arguments: str) -> str:
    """Run a ``counter-app`` command on ``data_dir``; its output."""
    done = subprocess.run(
        [sys.executable, "-m", "counter_app.cli", "--data-dir", str(data_dir), *arguments],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout
