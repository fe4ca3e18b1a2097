"""An access-log entry as the leader's screens show it: plain values (no SQLAlchemy, no Qt)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class AccessView:
    """One view of citizens' data, with the names a person reads."""

    at: datetime
    actor: str
    actor_name: str  # the user's full name (the login name when not a user of this station)
    station: str  # the counter's name
    kind: str  # ``domain.access.AccessKind``
    via: str  # ``domain.access.Via``
    detail: Mapping[str, Any] = field(default_factory=dict)
    codes: tuple[str, ...] = ()  # the dossiers shown (their codes)
    dossier_count: int = 0
