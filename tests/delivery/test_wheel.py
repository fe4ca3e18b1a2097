"""Counter as a user gets it from the wheel: built from the sdist, installed in a clean venv.

``python -m build`` makes the sdist, then the wheel from the unpacked sdist, so both are shown
to carry every file; the wheel goes into a new virtual environment with its dependencies only,
and scripts/smoke.py runs its ``counter-app`` through init, receive, print slip, report, the
English messages, the self-check and the window offscreen up to the login. About two minutes
with a warm pip cache (installing PySide6 into the new environment is most of it).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend

ROOT = Path(__file__).resolve().parents[2]
SKIPPED = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", "demo-data", "bench", ".*cache"
)


def _shipped(tree: Path) -> set[str]:
    """The files of the packages and resources in ``tree``, as paths inside the install."""
    names = {f"counter_resources/{p.relative_to(tree / 'resources').as_posix()}"
             for p in (tree / "resources").rglob("*") if p.is_file()}  # fmt: skip
    for package in ("counter_app", "counter_server"):
        names |= {p.relative_to(tree).as_posix() for p in (tree / package).rglob("*")
                  if p.is_file() and p.suffix in (".py", ".mako", ".html", ".css")}  # fmt: skip
    return {name for name in names if "__pycache__" not in name}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The sdist and the wheel, built from a copy of the checkout."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    shutil.copytree(ROOT, source, ignore=SKIPPED)
    subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(work / "dist"), str(source)],
        check=True, capture_output=True,
    )  # fmt: skip
    return next((work / "dist").glob("*.tar.gz")), next((work / "dist").glob("*.whl"))


def test_the_wheel_and_the_sdist_carry_every_module_and_resource(
    built: tuple[Path, Path],
) -> None:
    sdist, wheel = built
    expected = _shipped(ROOT)
    assert "counter_resources/fonts/LiberationSerif-Regular.ttf" in expected
    assert "counter_app/models/migrations/versions/0001_initial_schema.py" in expected
    assert "counter_server/lookup/templates/lookup.html" in expected  # the citizen's page
    with zipfile.ZipFile(wheel) as archive:
        assert expected <= set(archive.namelist())
        entry_points = archive.read(
            next(n for n in archive.namelist() if n.endswith("entry_points.txt"))
        ).decode()
    assert "[gui_scripts]\ncounter = counter_app.cli:main" in entry_points
    assert "[console_scripts]\ncounter-app = counter_app.cli:main" in entry_points
    with tarfile.open(sdist) as archive:
        top = archive.getnames()[0].split("/")[0]
        in_sdist = {name.removeprefix(f"{top}/") for name in archive.getnames()}
    assert {f"resources/{name.removeprefix('counter_resources/')}" for name in expected
            if name.startswith("counter_resources/")} <= in_sdist  # fmt: skip


def test_the_installed_wheel_runs_the_smoke_path(
    built: tuple[Path, Path], tmp_path: Path, secret_backend: KeyringBackend
) -> None:
    """The smoke path's processes keep the store's key in the Secret Service a desktop session
    has (here the tests' private one, whose bus address they inherit)."""
    _sdist, wheel = built
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    bin_dir = venv / ("Scripts" if sys.platform == "win32" else "bin")
    subprocess.run(
        [str(bin_dir / "python"), "-m", "pip", "install", "-q", str(wheel)],
        check=True, capture_output=True,
    )  # fmt: skip
    assert (bin_dir / "counter").is_file()  # the windowed entry beside the command
    smoke = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "smoke.py"), str(bin_dir / "counter-app"),
         "--work", str(tmp_path / "smoke")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert smoke.returncode == 0, smoke.stdout + smoke.stderr
    assert "login on screen" in smoke.stdout


def test_no_module_finds_shipped_files_relative_to_its_own_source() -> None:
    """Installed from a wheel, resources/ is the package counter_resources, not a folder above
    the code: ``counter_app.resources.resource_dir`` is the one way to it."""
    offenders = [
        path.relative_to(ROOT).as_posix()
        for package in ("counter_app", "counter_server")
        for path in (ROOT / package).rglob("*.py")
        if "__file__" in (text := path.read_text(encoding="utf-8")) and '"resources"' in text
    ]
    assert offenders == []
