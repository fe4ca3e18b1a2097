"""Where Counter's shipped files are: the package ``counter_resources`` (the folder resources/).

Counter is installed as files on disk — a wheel, an editable checkout or the one-folder frozen
build — so each folder is a real path, which reportlab, Qt's font database, Alembic and the .po
reader need.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

RESOURCES = "counter_resources"


def package_dir(package: str, *parts: str) -> Path:
    """The folder ``parts`` inside the installed package ``package``."""
    folder = files(package).joinpath(*parts)
    if not isinstance(folder, Path):
        raise RuntimeError(f"{package} is not installed as files on disk ({folder!r})")
    return folder


def resource_dir(*parts: str) -> Path:
    """The folder ``resources/<parts…>`` on disk."""
    return package_dir(RESOURCES, *parts)
