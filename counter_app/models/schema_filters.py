"""What schema comparison (``alembic check``, autogenerate) must leave alone."""

from __future__ import annotations

FTS_TABLE_PREFIX = "dossier_name_fts"


def include_object(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    """Leave the full-text index (a virtual table created by hand) out of comparisons."""
    return not (type_ == "table" and name is not None and name.startswith(FTS_TABLE_PREFIX))
