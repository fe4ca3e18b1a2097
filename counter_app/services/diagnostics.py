"""What an administrator sends when something is wrong: the About facts and a diagnostics zip.

The zip holds the log files, the versions of Counter and its libraries, the station's settings
and the result of ``events verify`` — never the store, a backup or any citizen's data: the
verification names dossiers by code only, and settings hold no secrets (tokens and keys live
in the OS keyring), though any key that looks like one is left out all the same.
"""

from __future__ import annotations

import json
import platform
import sys
import zipfile
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from counter_app import __version__, logs

if TYPE_CHECKING:
    from counter_app.station import Station

LIBRARIES = ("PySide6-Essentials", "SQLAlchemy", "alembic", "reportlab", "holidays", "httpx")
_SECRET_WORDS = ("token", "password", "secret", "key")


@dataclass(frozen=True)
class AboutFacts:
    """What the About box shows and the diagnostics zip starts with."""

    version: str
    store_path: str
    schema_revision: str
    station: str
    log_path: str
    python: str
    system: str


def about(station: Station) -> AboutFacts:
    """The facts of this installation and station."""
    identity = station.identity
    where = (
        f"{identity.agency_code} {identity.agency_name}, slot {identity.slot} "
        f"({identity.station_id})"
        if identity is not None
        else "-"
    )
    return AboutFacts(
        version=__version__,
        store_path=str(station.path),
        schema_revision=station.schema_revision() or "-",
        station=where,
        log_path=str(logs.log_path()),
        python=sys.version.split()[0],
        system=platform.platform(),
    )


def library_versions() -> dict[str, str]:
    """The installed version of each library Counter relies on most."""
    versions = {}
    for name in LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "-"
    return versions


def public_settings(settings: dict[str, object]) -> dict[str, object]:
    """The settings without anything whose name says it is a secret."""
    return {k: v for k, v in settings.items() if not any(w in k for w in _SECRET_WORDS)}


def write_bundle(station: Station, target: Path, *, now: datetime | None = None) -> Path:
    """Write the diagnostics zip to ``target``; returns it."""
    facts = about(station)
    report = station.verify()
    verification = {
        "ok": report.ok,
        "events": report.events,
        "dossiers": report.dossiers,
        "chain_breaks": [f"{b.station_id} seq {b.seq}: {b.reason}" for b in report.chain_breaks],
        "mismatches": report.mismatches,
    }
    made = (now or datetime.now(UTC)).isoformat(timespec="seconds")
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("about.json", _json({"made": made, **asdict(facts)}))
        bundle.writestr("versions.json", _json(library_versions()))
        bundle.writestr("settings.json", _json(public_settings(station.settings())))
        bundle.writestr("verify.json", _json(verification))
        for log_file in sorted(logs.log_dir().glob("*.log*")):
            bundle.write(log_file, f"logs/{log_file.name}")
    return target


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, default=str)
