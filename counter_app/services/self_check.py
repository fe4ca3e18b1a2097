"""``counter-app self-check``: is everything an installed Counter needs there and working?

For whoever installs Counter (and for the frozen build's CI): the shipped files, the schema
migrations, the holiday names, the barcode tables, the worker processes the statistics use, and
— on an initialised station — a report split into shares in those workers equal to one pass.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from counter_app.station import Station

SAMPLE_CODE = "000.17.22.H56-260310-1001"


@dataclass(frozen=True)
class Check:
    """One thing checked: its name, whether it holds, and what was found."""

    name: str
    ok: bool
    detail: str


def run_checks(station: Station | None) -> list[Check]:
    """Every check, each caught on its own so one fault does not hide the others."""
    checks: list[tuple[str, Callable[[], str]]] = [
        ("fonts", _fonts),
        ("form labels", _forms),
        ("catalogue", _catalogue),
        ("english", _english),
        ("migrations", _migrations),
        ("holidays", _holidays),
        ("barcode", _barcode),
        ("worker processes", _workers),
    ]
    if station is not None and station.identity is not None:
        checks.append(("report in shares", lambda: _shares(station)))
    return [_checked(name, check) for name, check in checks]


def _checked(name: str, check: Callable[[], str]) -> Check:
    try:
        return Check(name, True, check())
    except Exception as error:  # every fault is a finding to report
        return Check(name, False, f"{type(error).__name__}: {error}")


def _fonts() -> str:
    from counter_app.printing.fonts import FAMILY, ensure_fonts

    ensure_fonts()
    return FAMILY


def _forms() -> str:
    from counter_app.printing.labels import load_labels
    from counter_app.printing.model import FormSet

    return ", ".join(load_labels(form_set).circular for form_set in FormSet)


def _catalogue() -> str:
    from counter_app.services.catalogue_io import load_catalogue
    from counter_app.services.setup import DEFAULT_CATALOGUE

    return f"{len(load_catalogue(DEFAULT_CATALOGUE))} procedures"


def _english() -> str:
    from counter_app.i18n import _, current_language, set_language

    before = current_language()
    set_language("en")
    try:
        translated = _("Tiếp nhận")
    finally:
        set_language(before)
    if translated == "Tiếp nhận":
        raise LookupError("the English catalogue translates nothing")
    return translated


def _migrations() -> str:
    from counter_app.store_file import shipped_head

    head = shipped_head()
    if head is None:
        raise LookupError("no single head among the shipped migrations")
    return head


def _holidays() -> str:
    import holidays

    names = holidays.country_holidays("VN", years=2026, language="vi").values()
    if not any("Tết" in name for name in names):
        raise LookupError("no Vietnamese holiday names")
    return f"{len(names)} days in 2026"


def _barcode() -> str:
    from counter_app.printing.barcode import modules

    return f"{len(modules(SAMPLE_CODE))} modules"


def _workers() -> str:
    from counter_app.services.statistics import worker_pid

    pid = worker_pid()
    if pid == os.getpid():
        raise OSError("the worker ran in this process")
    return f"pid {pid}"


def _shares(station: Station) -> str:
    from counter_app.services.statistics import period_report

    first, last = date(2020, 1, 1), date.today()
    whole = period_report(station, first, last, shares=1)
    shared = period_report(station, first, last, shares=2)
    if shared != whole:
        raise ArithmeticError("two shares do not add up to one pass")
    return f"{whole.totals.received} received"
