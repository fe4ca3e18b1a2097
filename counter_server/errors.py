"""The server's 4xx answers: one exception type, rendered as ``ErrorResponse`` JSON."""

from __future__ import annotations


class ApiError(Exception):
    """A refusal with an HTTP status, a machine-readable code and a sentence for a person."""

    def __init__(
        self,
        status: int,
        error: str,
        detail: str,
        *,
        expected_seq: int | None = None,
        minimum_version: str | None = None,
        retry_after: int | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.error = error
        self.detail = detail
        self.expected_seq = expected_seq
        self.minimum_version = minimum_version
        self.retry_after = retry_after  # seconds, sent as Retry-After (429, 503)


def unauthorised(detail: str) -> ApiError:
    """401: no usable token."""
    return ApiError(401, "unauthorised", detail)


def forbidden(detail: str) -> ApiError:
    """403: authenticated, but this is not the caller's to do."""
    return ApiError(403, "forbidden", detail)


def conflict(error: str, detail: str, *, expected_seq: int | None = None) -> ApiError:
    """409: the request contradicts what the server holds."""
    return ApiError(409, error, detail, expected_seq=expected_seq)
