"""The smoke path of an installed Counter: the wheel's ``counter-app``, or the frozen program.

    python scripts/smoke.py PROGRAM [--work DIR] [--no-window]

Runs, each in a fresh data folder under DIR: ``--version``; ``init``; ``receive`` of one
dossier; ``print slip`` to PDF; ``report``; a refused ``receive`` in Vietnamese and with
``--lang en``; ``self-check`` (the shipped files, migrations, holiday names, barcode tables, and
a report split into shares in worker processes); then the window, offscreen, until the log file
says the login is on screen. Exit 0 when every step did what it should; else the first failure.
Standard library only, so it runs on any Python beside the program (the Windows CI runner's too).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

AGENCY = ("--agency-code", "000.17.22.H56", "--agency-name", "UBND phường Thử Nghiệm")
DOSSIER = {
    "applicant": {
        "name": "Người Thử Nghiệm",
        "id_number": "001090000001",
        "dob": "1990-05-17",
        "sex": "Nam",
        "address": "Số 1 đường Thử Nghiệm",
        "phone": "0900000001",
    },
    "procedure": "1.004873",
    "documents": "all",
    "channel": "direct",
    "return_method": "counter",
    "digitised": True,
}
VIETNAM_UTC_OFFSET_S = 7 * 3600  # the station's days are Vietnam's
WINDOW_TIMEOUT_S = 60.0
LOGIN_ON_SCREEN = "login window on screen"


class SmokeFailure(Exception):
    """A step did not do what it should."""


class Program:
    """The program under test, run on one data folder, with its log in the work folder."""

    def __init__(self, command: list[str], work: Path) -> None:
        self.command = command
        self.data = work / "data"
        self.logs = work / "logs"
        self.env = {
            **os.environ,
            "COUNTER_LOG_DIR": str(self.logs),
            "QT_QPA_PLATFORM": "offscreen",
            "PYTHONUTF8": "1",
        }
        self.env.pop("COUNTER_LANG", None)

    def run(self, *args: str, expect: int = 0) -> str:
        """Run one command; its standard output (and error) as text."""
        argv = [*self.command, "--data-dir", str(self.data), *args]
        done = subprocess.run(
            argv,
            check=False,
            env=self.env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=300,
        )
        if done.returncode != expect:
            raise SmokeFailure(
                f"{' '.join(args)}: exit {done.returncode}, expected {expect}\n"
                f"{done.stdout}\n{done.stderr}"
            )
        return done.stdout + done.stderr


def check(condition: bool, what: str) -> None:
    """Fail the smoke with ``what`` unless ``condition``."""
    if not condition:
        raise SmokeFailure(what)


def commands(program: Program, work: Path) -> None:
    """Every command-line step of the smoke path."""
    version = program.run("--version")
    check(version.startswith("counter-app "), f"--version printed {version!r}")
    program.run("init", *AGENCY, "--slot", "0")
    request = work / "dossier.json"
    request.write_text(json.dumps(DOSSIER, ensure_ascii=False), encoding="utf-8")
    receipt = json.loads(program.run("receive", str(request), "--json"))
    check(receipt["accepted"] and receipt["code"].startswith("000.17.22.H56-"), str(receipt))
    slip = work / "slip.pdf"
    program.run("print", "slip", receipt["code"], "-o", str(slip))
    check(slip.read_bytes()[:5] == b"%PDF-" and slip.stat().st_size > 5000, "slip is no PDF")
    today = time.strftime("%Y-%m-%d", time.gmtime(time.time() + VIETNAM_UTC_OFFSET_S))
    report = json.loads(program.run("report", "--from", "2020-01-01", "--to", today))
    check(report["totals"]["received"] == 1, f"report counted {report['totals']}")
    wrong = work / "wrong.json"
    wrong.write_text(json.dumps({**DOSSIER, "procedure": "9.999999"}), encoding="utf-8")
    check("Không có thủ tục" in program.run("receive", str(wrong), expect=1), "no Vietnamese")
    english = program.run("--lang", "en", "receive", str(wrong), expect=1)
    check("There is no procedure" in english, f"--lang en said {english!r}")
    checked = program.run("self-check")
    check("report in shares" in checked and "FAIL" not in checked, checked)


def window(program: Program) -> float:
    """Start the window offscreen; seconds until its log says the login is on screen."""
    started = time.monotonic()
    argv = [*program.command, "--data-dir", str(program.data)]
    process = subprocess.Popen(argv, env=program.env)
    log = program.logs / "counter.log"
    try:
        while time.monotonic() - started < WINDOW_TIMEOUT_S:
            if log.is_file() and LOGIN_ON_SCREEN in log.read_text(encoding="utf-8"):
                return time.monotonic() - started
            if process.poll() is not None:
                raise SmokeFailure(f"the window ended with exit {process.returncode}")
            time.sleep(0.2)
        raise SmokeFailure(f"no login on screen within {WINDOW_TIMEOUT_S:.0f} s")
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def main(argv: list[str] | None = None) -> int:
    """Run the smoke path; 0 when it passed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("program", nargs="+", help="the program (and its leading arguments)")
    parser.add_argument("--work", type=Path, help="work folder (default: a new temporary one)")
    parser.add_argument("--no-window", action="store_true", help="skip the window step")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="counter-smoke-"))
    program = Program(args.program, work)
    try:
        commands(program, work)
        if not args.no_window:
            print(f"smoke: login on screen after {window(program):.1f} s")
    except SmokeFailure as failure:
        print(f"smoke FAILED: {failure}", file=sys.stderr)
        return 1
    print(f"smoke passed: {' '.join(args.program)} (work folder {work})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
