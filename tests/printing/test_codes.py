"""Barcodes and QR codes read back from pages rendered at 200 dpi."""

from __future__ import annotations

import pytest
from reportlab.lib.units import mm

from counter_app.domain.errors import InvalidInput
from counter_app.printing.barcode import (
    MINIMUM_MODULE,
    QUIET_MODULES,
    bar_runs,
    module_width,
    modules,
)
from counter_app.printing.forms import render
from counter_app.printing.model import FormKind, FormSet, Paper
from tests.printing import reading, samples


def test_module_pattern_is_code128_with_stop_pattern() -> None:
    pattern = modules(samples.CODE_2025)
    assert set(pattern) == {"0", "1"}
    assert pattern.startswith("11010")  # every Code 128 start symbol begins 11010
    assert pattern.endswith("1100011101011")  # the stop pattern
    assert sum(width for _start, width in bar_runs(pattern)) == pattern.count("1")


def test_module_width_prefers_whole_pixels_and_never_goes_under_minimum_on_the_roll() -> None:
    count = len(modules(samples.CODE_2025))
    assert module_width(samples.CODE_2025, 175 * mm) == pytest.approx(0.381 * mm)
    assert module_width(samples.CODE_2025, 90 * mm) == pytest.approx(0.254 * mm)
    roll = module_width(samples.CODE_2025, 72 * mm)
    assert roll >= MINIMUM_MODULE
    assert roll * count <= 72 * mm
    assert (count + 2 * QUIET_MODULES) * module_width(samples.CODE_2025, 175 * mm) <= 175 * mm


def test_code_that_code128_cannot_carry_is_refused() -> None:
    with pytest.raises(InvalidInput):
        modules("MÃ-HỒ-SƠ")


@pytest.mark.parametrize("paper", list(Paper))
def test_slip_barcode_and_qr_decode_at_200_dpi(paper: Paper) -> None:
    sheet = samples.dossier()
    found = reading.codes(render(FormKind.SLIP, sheet, paper=paper))
    assert found["Code128"] == [sheet.code]
    assert found["QRCode"] == [sheet.lookup_url]


def test_2018_slip_barcode_decodes() -> None:
    sheet = samples.dossier(FormSet.TT01_2018)
    assert reading.codes(render(FormKind.SLIP, sheet))["Code128"] == [samples.CODE_2018]


def test_slip_without_lookup_address_has_no_qr() -> None:
    found = reading.codes(render(FormKind.SLIP, samples.dossier(lookup_url=None)))
    assert found == {"Code128": [samples.CODE_2025]}


@pytest.mark.parametrize("paper", [Paper.A4, Paper.A5])
def test_supplement_barcode_decodes(paper: Paper) -> None:
    pdf = render(FormKind.SUPPLEMENT, samples.supplement(), paper=paper)
    assert reading.codes(pdf)["Code128"] == [samples.CODE_2025]


@pytest.mark.parametrize("paper", list(Paper))
def test_long_slip_barcode_still_decodes(paper: Paper) -> None:
    pdf = render(FormKind.SLIP, samples.long_dossier(), paper=paper)
    assert reading.codes(pdf, 0)["Code128"] == [samples.CODE_2025]
