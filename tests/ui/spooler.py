"""The real CUPS queue the print tests use (created by scripts/cups_setup.sh).

Under CI a missing CUPS fails the tests that need it; elsewhere they skip with the reason.
"""

from __future__ import annotations

import os
import subprocess
import time
import uuid
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest

from tests.ci import missing_part

QUEUE = os.environ.get("COUNTER_CUPS_QUEUE", "CounterPDF")
OUT_DIR = Path(os.environ.get("COUNTER_CUPS_PDF_OUT", "/var/spool/cups-pdf/counter"))
OUTPUT_TIMEOUT = 90.0


def unavailable(reason: str) -> None:
    """Fail under CI (CUPS is part of the CI machine), skip elsewhere."""
    missing_part(f"{reason}; run `sudo bash scripts/cups_setup.sh` to print for real")


def run_cups(*args: str) -> subprocess.CompletedProcess[str]:
    """A CUPS command, its messages in English whatever the machine's locale."""
    env = {**os.environ, "LC_ALL": "C"}
    return subprocess.run(args, capture_output=True, text=True, check=False, timeout=30, env=env)


def set_queue(*commands: str) -> None:
    """Run cupsenable/cupsdisable/cupsaccept/cupsreject on the queue."""
    for command in commands:
        result = run_cups(command, QUEUE)
        assert result.returncode == 0, (
            f"{command} {QUEUE}: {result.stderr.strip()} (the test user must be root or in "
            "the lpadmin group: scripts/cups_setup.sh adds it)"
        )


def job_name() -> str:
    """A job title no other test uses (cups-pdf names its file after it)."""
    return f"countertest{uuid.uuid4().hex[:12]}"


def outputs(job: str) -> list[Path]:
    """The files cups-pdf wrote for ``job``."""
    return sorted(OUT_DIR.glob(f"*{job}*.pdf"))


def wait_for_output(job: str, pages: int) -> Any:
    """The PDF cups-pdf wrote for ``job``, once complete (an open pypdfium2 document)."""
    deadline = time.monotonic() + OUTPUT_TIMEOUT
    while time.monotonic() < deadline:
        for path in outputs(job):
            try:
                document = pdfium.PdfDocument(path.read_bytes())
            except Exception:  # still being written
                continue
            if len(document) == pages:
                path.unlink(missing_ok=True)  # read into memory: keep the folder small
                return document
            document.close()
        time.sleep(0.25)
    jobs = run_cups("lpstat", "-W", "all", "-o", QUEUE).stdout
    pytest.fail(f"no {pages}-page output for {job} in {OUT_DIR} after {OUTPUT_TIMEOUT}s: {jobs}")


def job_ids() -> set[str]:
    """Every job CUPS remembers for the queue, pending or done ("CounterPDF-12", …)."""
    listing = run_cups("lpstat", "-W", "all", "-o", QUEUE).stdout
    return {line.split()[0] for line in listing.splitlines() if line.startswith(f"{QUEUE}-")}


def assert_no_job(job: str, jobs_before: set[str]) -> None:
    """Nothing for ``job`` was queued or written."""
    time.sleep(1.0)
    assert job_ids() - jobs_before == set()
    assert outputs(job) == []
