"""Every official printed form as PDF bytes: one module per form, and ``render`` to pick one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from counter_app.domain.errors import InvalidInput
from counter_app.i18n import _
from counter_app.printing.forms.common import check_copies
from counter_app.printing.forms.control import render_control
from counter_app.printing.forms.letters import render_apology, render_stop
from counter_app.printing.forms.receipt import render_receipt
from counter_app.printing.forms.refusal import render_refusal
from counter_app.printing.forms.register import render_register
from counter_app.printing.forms.slip import render_slip
from counter_app.printing.forms.supplement import render_supplement
from counter_app.printing.model import (
    ApologySheet,
    ControlSheet,
    DossierSheet,
    FormKind,
    Paper,
    ReceiptSheet,
    RefusalSheet,
    RegisterSheet,
    StopSheet,
    SupplementSheet,
)

__all__ = ["PAPERS", "render"]

_Renderer = Callable[..., bytes]
_RENDERERS: dict[FormKind, tuple[type, _Renderer]] = {
    FormKind.SLIP: (DossierSheet, render_slip),
    FormKind.SUPPLEMENT: (SupplementSheet, render_supplement),
    FormKind.REFUSAL: (RefusalSheet, render_refusal),
    FormKind.APOLOGY: (ApologySheet, render_apology),
    FormKind.STOP: (StopSheet, render_stop),
    FormKind.CONTROL: (ControlSheet, render_control),
    FormKind.REGISTER: (RegisterSheet, render_register),
    FormKind.RECEIPT: (ReceiptSheet, render_receipt),
}
_ALL = frozenset(Paper)
_SHEETS = frozenset({Paper.A4, Paper.A5})
PAPERS: dict[FormKind, frozenset[Paper]] = {
    FormKind.SLIP: _ALL,
    FormKind.SUPPLEMENT: _ALL,
    FormKind.REFUSAL: _ALL,
    FormKind.APOLOGY: _SHEETS,
    FormKind.STOP: _SHEETS,
    FormKind.CONTROL: _SHEETS,
    FormKind.REGISTER: frozenset({Paper.A4}),
    FormKind.RECEIPT: _ALL,
}
_PAPER_NAMES = {Paper.A4: "A4", Paper.A5: "A5", Paper.THERMAL_80MM: "cuộn 80 mm"}


def render(kind: FormKind, sheet: object, *, paper: Paper = Paper.A4, copies: int = 1) -> bytes:
    """The PDF of form ``kind`` filled from ``sheet`` (the sheet class of that kind).

    ``copies`` copies follow one another, each from a new page; the slip labels them
    "Liên 1", "Liên 2". The register is always landscape A4.
    """
    expected, renderer = _RENDERERS[FormKind(kind)]
    if not isinstance(sheet, expected):
        raise TypeError(f"{kind} needs a {expected.__name__}, not {type(sheet).__name__}")
    check_copies(copies)
    if paper not in PAPERS[kind]:
        raise InvalidInput(
            _("Mẫu này không in được trên khổ {paper}.").format(paper=_PAPER_NAMES[paper]),
            field="paper",
        )
    result: Any = renderer(sheet, paper=paper, copies=copies)
    return bytes(result)
