"""Running numbers per year (Nghị định 30/2020 Phụ lục I) and the register book's numbers.

Expected values come from the rules: a number per kind per year per agency, a zero before
numbers below 10, the kind's abbreviation after a slash; slot ``s`` issues from
``s × block + 1`` (10,000 for documents, 100,000 for the register); the slip and the register
print the same number; dates with a zero only before days 1–9 and months 1–2.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from counter_app.domain.errors import InvalidInput
from counter_app.domain.lifecycle import EventType
from counter_app.printing.forms import render
from counter_app.printing.model import FormKind, FormSet
from counter_app.services.step_types import StepInput
from counter_app.station import Station
from tests.conftest import AGENCY_CODE, PRINT_SETTINGS
from tests.factories import add_test_procedures, request, vn
from tests.printing.reading import text

REASONS = "Hồ sơ không thuộc thẩm quyền giải quyết của Ủy ban nhân dân phường."


@pytest.fixture
def first_station(tmp_path: Path) -> Iterator[Station]:
    """A station in slot 0, the first counter of its agency, with the tests' procedures."""
    station = Station(tmp_path / "slot0")
    station.initialise(
        agency_code=AGENCY_CODE,
        agency_name="UBND phường Quảng Hưng",
        parent_name="UBND tỉnh Thanh Hóa",
        place_name="Quảng Hưng",
        slot=0,
    )
    add_test_procedures(station)
    for key, value in PRINT_SETTINGS.items():
        station.set_setting(key, value)
    yield station
    station.close()


def refuse(station: Station, *parts: int) -> str:
    at = vn(*parts)
    return station.refuse(request(received_at=at), reasons=REASONS, actor="clerk", now=at).code


def printed(station: Station, kind: FormKind, code: str) -> str:
    return text(render(kind, station.sheet(kind, code, actor="clerk", via="gui")))


def test_three_refusals_of_a_year_print_01_02_03(first_station: Station) -> None:
    codes = [refuse(first_station, 2026, 3, day, 9) for day in (10, 11, 12)]
    texts = [printed(first_station, FormKind.REFUSAL, code) for code in codes]
    for expected, found in zip(("Số: 01/TC", "Số: 02/TC", "Số: 03/TC"), texts, strict=True):
        assert expected in found


def test_numbers_run_per_kind_and_start_again_each_year(first_station: Station) -> None:
    refuse(first_station, 2026, 12, 30, 9)
    guided = first_station.receive(
        request(documents=[], received_at=vn(2026, 12, 31, 9)),
        actor="clerk",
        now=vn(2026, 12, 31, 9),
    )
    next_year = refuse(first_station, 2027, 1, 4, 9)
    assert guided.number == "01/HDHS"  # form 02 counts apart from form 03
    assert "Số: 01/TC" in printed(first_station, FormKind.REFUSAL, next_year)


def test_a_second_counter_numbers_from_its_own_block(station: Station) -> None:
    # the shared template station sits in slot 1: its documents start at 10,001
    code = refuse(station, 2026, 3, 10, 9)
    assert "Số: 10001/TC" in printed(station, FormKind.REFUSAL, code)


def test_the_agency_abbreviation_follows_the_kind_when_set(first_station: Station) -> None:
    first_station.set_setting("document_symbol_agency", "TTPVHCC")
    code = refuse(first_station, 2026, 3, 10, 9)
    assert "Số: 01/TC-TTPVHCC" in printed(first_station, FormKind.REFUSAL, code)


def test_apology_and_stop_take_their_own_numbers(first_station: Station) -> None:
    at = vn(2026, 3, 10, 9)
    code = first_station.receive(request(received_at=at), actor="clerk", now=at).code
    apology = StepInput(reason="Cần xác minh thêm.", new_due_at=vn(2026, 3, 30, 9))
    first_station.step(code, EventType.APOLOGISED, apology, actor="leader", now=vn(2026, 3, 18, 9))
    first_station.step(
        code, EventType.STOPPED, StepInput(reason="Người nộp đề nghị dừng."), actor="leader"
    )
    assert "Số: 01/PXL" in printed(first_station, FormKind.APOLOGY, code)
    assert "Số: 01/TB" in printed(first_station, FormKind.STOP, code)


def test_slip_and_register_print_the_same_number(first_station: Station) -> None:
    first = vn(2026, 3, 10, 9)
    refuse(first_station, 2026, 3, 10, 8)  # refused and guided dossiers are not in the book
    first_station.receive(request(documents=[], received_at=first), actor="clerk", now=first)
    codes = [
        first_station.receive(request(received_at=vn(2026, 3, d, 9)), actor="c", now=first).code
        for d in (10, 11)
    ]
    slip = printed(first_station, FormKind.SLIP, codes[1])
    assert "Vào Sổ theo dõi hồ sơ, Quyển số: 2026, Số thứ tự: 2" in slip
    register = first_station.register_sheet(
        vn(2026, 3, 1).date(), vn(2026, 3, 31).date(), actor="lanhdao", via="gui"
    )
    assert [(row.code, row.number) for row in register.rows] == [(codes[0], 1), (codes[1], 2)]
    again = first_station.register_sheet(
        vn(2026, 3, 11).date(), vn(2026, 3, 31).date(), actor="lanhdao", via="gui"
    )
    assert [row.number for row in again.rows] == [2]  # not 1 again on a later print


def test_a_guided_dossier_enters_the_book_when_completed(first_station: Station) -> None:
    at = vn(2026, 3, 10, 9)
    receipt = first_station.receive(request(documents=[]), actor="clerk", now=at)
    brought = StepInput(documents=[_handed(s) for s in receipt.missing])
    facts = first_station.step(receipt.code, EventType.SUPPLEMENT_RECEIVED, brought, actor="c")
    assert facts.register_number == 1
    assert "Số thứ tự: 1" in printed(first_station, FormKind.SLIP, receipt.code)


def test_numbers_given_before_a_restore_are_not_given_again(
    first_station: Station, tmp_path: Path
) -> None:
    refuse(first_station, 2026, 3, 10, 9)
    backup = first_station.backup(tmp_path / "yesterday.sqlite3")
    refuse(first_station, 2026, 3, 11, 9)  # 02/TC, handed to a citizen after the backup
    first_station.restore(backup)
    code = refuse(first_station, 2026, 3, 12, 9)
    assert "Số: 03/TC" in printed(first_station, FormKind.REFUSAL, code)


def test_a_refusal_that_fails_takes_no_number(first_station: Station) -> None:
    with pytest.raises(InvalidInput):
        first_station.refuse(request(), reasons="   ", actor="clerk")
    code = refuse(first_station, 2026, 3, 10, 9)
    assert "Số: 01/TC" in printed(first_station, FormKind.REFUSAL, code)


def test_dates_are_written_as_decree_30_writes_them(first_station: Station) -> None:
    code = refuse(first_station, 2026, 2, 5, 9)
    assert "Quảng Hưng, ngày 05 tháng 02 năm 2026" in printed(first_station, FormKind.REFUSAL, code)
    code = refuse(first_station, 2026, 11, 12, 9)
    assert "Quảng Hưng, ngày 12 tháng 11 năm 2026" in printed(first_station, FormKind.REFUSAL, code)
    code = refuse(first_station, 2026, 5, 31, 9)
    assert "Quảng Hưng, ngày 31 tháng 5 năm 2026" in printed(first_station, FormKind.REFUSAL, code)


def test_a_guided_dossier_of_june_2025_prints_the_2018_set(first_station: Station) -> None:
    came = vn(2025, 6, 15, 9)
    receipt = first_station.receive(request(documents=[], received_at=came), actor="c", now=came)
    brought = StepInput(documents=[_handed(s) for s in receipt.missing])
    later = vn(2025, 10, 1, 9)  # completed after the 2025 forms apply: still the 2018 set
    first_station.step(receipt.code, EventType.SUPPLEMENT_RECEIVED, brought, actor="c", now=later)
    for kind in (FormKind.SUPPLEMENT, FormKind.SLIP):
        sheet = first_station.sheet(kind, receipt.code, actor="clerk", via="gui")
        dossier = getattr(sheet, "dossier", sheet)
        assert dossier.form_set is FormSet.TT01_2018
    form_02 = printed(first_station, FormKind.SUPPLEMENT, receipt.code)
    assert "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ" in form_02  # the 2018 unit, not the 2025 centre
    assert "TRUNG TÂM PHỤC VỤ" not in form_02


def test_the_2025_forms_start_on_the_day_the_setting_names(first_station: Station) -> None:
    august = refuse(first_station, 2025, 8, 20, 9)  # before 15/9/2025, the default
    sheet = first_station.sheet(FormKind.REFUSAL, august, actor="clerk", via="gui")
    assert sheet.dossier.form_set is FormSet.TT01_2018
    first_station.set_setting("forms_2025_from", "2025-07-01")
    sheet = first_station.sheet(FormKind.REFUSAL, august, actor="clerk", via="gui")
    assert sheet.dossier.form_set is FormSet.TT03_2025
    with pytest.raises(InvalidInput, match="YYYY-MM-DD"):
        first_station.set_setting("forms_2025_from", "15/9/2025")


def _handed(shortfall: object) -> object:
    from counter_app.domain.checklist import HandedDocument

    document = shortfall.document  # type: ignore[attr-defined]
    return HandedDocument(document.key, document.name, document.form, document.count)
