"""What a decision changed, read back from the stored versions; a leader's confirmed limit.

Every version records the decision that made it, so a decision's report is its versions set
against the version each one followed. A time limit the catalogue does not know (0 days, not
same-day, unverified) blocks appointments until a leader confirms it: the confirmation is a new
version whose source names the leader and the day.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Connection

from counter_app.domain.catalogue import SOURCE_KEYS, parse_time_unit
from counter_app.domain.errors import InvalidInput, NotFound
from counter_app.domain.text import clean
from counter_app.i18n import _
from counter_app.services.catalogue import ImportSummary, import_specs, load_entries
from counter_app.services.catalogue_preview import Change, changed_fields
from counter_app.services.catalogue_types import CatalogueEntry, by_code

_TIME_FIELDS = ("time_amount", "time_unit", "same_day_cutoff")


@dataclass(frozen=True)
class DecisionChange:
    """One version a decision made, and what it changed."""

    code: str
    name: str
    version: int
    change: Change
    effective_from: date | None
    fields: tuple[str, ...] = ()


def decision_changes(db: Connection, number: str) -> list[DecisionChange]:
    """Every version made by decision ``number``, each against the version before it."""
    wanted = number.strip()
    changes: list[DecisionChange] = []
    for versions in by_code(load_entries(db, current_only=False)).values():
        for before, entry in zip([None, *versions[:-1]], versions, strict=True):
            if entry.spec.decision == wanted:
                changes.append(_change(before, entry))
    if not changes:
        raise NotFound(
            _("Không có phiên bản thủ tục nào của quyết định {number}.").format(number=wanted[:60]),
            field="decision",
        )
    return sorted(changes, key=lambda change: change.code)


def _change(before: CatalogueEntry | None, entry: CatalogueEntry) -> DecisionChange:
    spec = entry.spec
    if before is None:
        kind: Change = "added"
        fields: tuple[str, ...] = ()
    elif spec.status == "abolished" and before.spec.status != "abolished":
        kind, fields = "abolished", ()
    else:
        fields = changed_fields(before.spec, spec)
        kind = "changed" if fields else "unchanged"
    return DecisionChange(spec.code, spec.name, entry.version, kind, spec.effective_from, fields)


def confirm_time_limit(
    db: Connection,
    *,
    code: str,
    amount: int,
    unit: str,
    same_day: bool,
    leader: str,
    now: datetime,
) -> ImportSummary:
    """Store a new version of ``code`` whose time limit a leader confirmed (source: the leader)."""
    current = {entry.spec.code: entry for entry in load_entries(db)}.get(code.strip())
    if current is None:
        raise NotFound(
            _("Không có thủ tục mã {code} trong danh mục.").format(code=code.strip()[:40]),
            field="procedure",
        )
    who = clean(leader, field="leader", max_length=100)
    if not 0 <= amount <= 365 or (amount == 0 and not same_day):
        raise InvalidInput(
            _("Thời hạn phải từ 1 đến 365, hoặc 0 khi giải quyết trong ngày."), field="amount"
        )
    spec = current.spec
    sources = dict(spec.sources)
    # stored in the catalogue, so always in Vietnamese (like the decisions' own texts)
    sources["processing_time"] = f"Lãnh đạo {who} xác nhận ngày {now.strftime('%d/%m/%Y')}"
    confirmed = dataclasses.replace(
        spec,
        time_amount=amount,
        time_unit=parse_time_unit(unit),
        same_day_cutoff=same_day,
        unconfirmed=tuple(name for name in spec.unconfirmed if name not in _TIME_FIELDS),
        sources=tuple((key, sources[key]) for key in SOURCE_KEYS if key in sources),
    )
    return import_specs(db, [confirmed], now=now)
