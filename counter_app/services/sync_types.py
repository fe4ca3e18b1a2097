"""The status bar's sync value as plain data (no SQLAlchemy), safe to hand to the GUI thread."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

SKEW_WARNING = timedelta(minutes=5)


@dataclass(frozen=True)
class ReleaseNotice:
    """A newer Counter the server announced: its version, from when it is required, a note."""

    version: str
    required_from: date | None
    note: str


@dataclass(frozen=True)
class SyncStatus:
    """The status bar's value: plain data, safe to hand to the GUI thread."""

    enrolled: bool
    online: bool
    waiting: int
    sending: int
    set_aside: int
    conflicts: int
    last_success_at: datetime | None
    last_error: str | None
    last_error_class: str | None
    clock_offset: timedelta | None
    release: ReleaseNotice | None = None  # only when newer than the Counter running here

    @property
    def skew_warning(self) -> bool:
        """True when the station's clock is more than five minutes off the server's."""
        return self.clock_offset is not None and abs(self.clock_offset) > SKEW_WARNING
