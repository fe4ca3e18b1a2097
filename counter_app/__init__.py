"""Counter: the one-stop reception counter of a Vietnamese commune, ward or district."""

__version__ = "0.1.0"
