"""How a failed exchange with the server is classified (no network code, so the window's
status bar can name a failure without loading the HTTP client)."""

from __future__ import annotations

from enum import StrEnum


class ErrorKind(StrEnum):
    """What the station does about a failure."""

    RETRY = "retry"
    CREDENTIALS = "credentials"
    REJECT = "reject"


class SyncError(Exception):
    """A failed exchange with the server, classified."""

    def __init__(
        self,
        kind: ErrorKind,
        detail: str,
        *,
        status: int | None = None,
        code: str = "",
        expected_seq: int | None = None,
        minimum_version: str = "",
        retry_after: float | None = None,
    ) -> None:
        super().__init__(detail)
        self.kind = kind
        self.detail = detail
        self.status = status
        self.code = code
        self.expected_seq = expected_seq
        self.minimum_version = minimum_version  # with client_too_old
        self.retry_after = retry_after  # seconds the server asked to wait (429, 503)
