"""A procedure's name for the public page: as published on the server, else as Counter ships it."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from functools import cache

from sqlalchemy.orm import Session

from counter_app.services.setup import DEFAULT_CATALOGUE
from counter_server import publications


def procedure_name(session: Session, code: str, at: datetime) -> str:
    """The name of the version of ``code`` in force at ``at``; the bundled catalogue's name when
    the province has published none (stations start from it); the code itself as a last resort."""
    version = publications.version_in_force(session, code, at)
    if version is not None and isinstance(version.spec.get("name"), str):
        return str(version.spec["name"])
    return bundled_names().get(code, code)


@cache
def bundled_names() -> Mapping[str, str]:
    """Code → name of the catalogue shipped with Counter (read once: the file never changes)."""
    document = json.loads(DEFAULT_CATALOGUE.read_text(encoding="utf-8"))
    return {item["code"]: item["name"] for item in document["procedures"]}
