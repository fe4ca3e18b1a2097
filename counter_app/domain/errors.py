"""Errors a person can act on: each carries a sentence in Vietnamese saying what is wrong."""

from __future__ import annotations


class CounterError(Exception):
    """A refusal with a clear, translatable message; nothing was changed."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> tuple[type[CounterError], tuple[str], dict[str, str | None]]:
        """Pickled whole (an error raised in a worker process keeps its field too)."""
        return type(self), (self.message,), {"field": self.field}


class InvalidInput(CounterError):
    """A value typed, scanned or imported is not acceptable."""


class NotFound(CounterError):
    """The dossier, procedure or user asked for does not exist."""


class TransitionNotAllowed(CounterError):
    """The dossier's current state does not allow this step."""


class StoreError(CounterError):
    """The local store cannot be opened, upgraded or restored."""
