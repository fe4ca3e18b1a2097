"""Counter: the one-stop reception counter of a Vietnamese commune or ward."""

__version__ = "0.1.0"
