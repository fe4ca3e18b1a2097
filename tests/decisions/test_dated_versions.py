"""A decision applied with its effective day; a limit nobody filled in; what a decision changed.

The decision (shape of Hòa Bình's QĐ 1096/QĐ-UBND, see test_decision_import) takes effect on
Wednesday 4/3/2026: it abolishes "Thôi làm hòa giải viên" (2.000930) and sets the marital-status
certificate (1.004873) to 05 working days instead of 03. Due dates are counted by hand: 08:00
of a working day plus N working days is 08:00 N working days later (no holiday in March 2026).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from counter_app.cli import main
from counter_app.domain.errors import InvalidInput
from counter_app.services.decision_import import read_decision
from counter_app.station import Station
from tests.decisions.build import decision_docx
from tests.decisions.test_decision_import import CENTRE, HEAD
from tests.factories import request, vn

MARITAL, MEDIATOR, ROVING_DEATH = "1.004873", "2.000930", "1.000419"


def march_decision(path: Path) -> Path:
    amended = [
        HEAD,
        [
            "1",
            MARITAL,
            "Cấp Giấy xác nhận tình trạng hôn nhân",
            "05 ngày làm việc",
            CENTRE,
            "Miễn lệ phí",
            "Luật Hộ tịch năm 2014",
        ],
    ]
    abolished = [
        ["STT", "Mã TTHC", "Tên thủ tục hành chính", "Tên VBQPPL quy định việc bãi bỏ"],
        ["1", MEDIATOR, "Thôi làm hòa giải viên", "Luật Hòa giải ở cơ sở"],
    ]
    return decision_docx(
        path,
        number="9100/QĐ-UBND",
        place_and_day="Tỉnh Mẫu, ngày 20 tháng 02 năm 2026",
        effect="Quyết định này có hiệu lực thi hành kể từ ngày 04 tháng 3 năm 2026.",
        parts=[
            ("A. DANH MỤC THỦ TỤC HÀNH CHÍNH ĐƯỢC SỬA ĐỔI, BỔ SUNG", amended, []),
            ("B. DANH MỤC THỦ TỤC HÀNH CHÍNH BỊ BÃI BỎ", abolished, []),
        ],
    )


def _version(station: Station, code: str) -> int:
    """The catalogue version a dossier was received under."""
    procedure_id = station.dossier(code).procedure_id
    return next(e.version for e in station.catalogue(current_only=False) if e.id == procedure_id)


@pytest.fixture
def decided(station: Station, tmp_path: Path) -> Station:
    """The station after importing the March decision (on 25/2, before it takes effect)."""
    source = read_decision(march_decision(tmp_path / "qd-9100.docx"))
    station.import_catalogue(station.preview_decision(source).specs)
    return station


def test_a_dossier_received_the_day_before_keeps_the_old_version(decided: Station) -> None:
    before = decided.receive(
        request(MARITAL, received_at=vn(2026, 3, 3, 8)), actor="clerk", now=vn(2026, 3, 3, 8)
    )
    assert before.due_at == vn(2026, 3, 6, 8)  # 03 working days: the version before
    assert _version(decided, before.code) == 1
    mediator = decided.receive(
        request(MEDIATOR, received_at=vn(2026, 3, 3, 9)), actor="clerk", now=vn(2026, 3, 3, 9)
    )
    assert mediator.code  # still offered the day before it is abolished


def test_the_day_after_the_abolished_one_is_not_offered_and_the_new_limit_counts(
    decided: Station,
) -> None:
    after = decided.receive(
        request(MARITAL, received_at=vn(2026, 3, 5, 8)), actor="clerk", now=vn(2026, 3, 5, 8)
    )
    assert after.due_at == vn(2026, 3, 12, 8)  # 05 working days, Sat 7 and Sun 8 skipped
    assert _version(decided, after.code) == 2
    with pytest.raises(InvalidInput, match=r"bãi bỏ từ ngày 04/03/2026 \(Quyết định 9100/QĐ-UBND"):
        decided.receive(
            request(MEDIATOR, received_at=vn(2026, 3, 5, 9)), actor="clerk", now=vn(2026, 3, 5, 9)
        )
    offered = {e.spec.code: e.spec.status for e in decided.offered_catalogue(date(2026, 3, 5))}
    assert offered[MEDIATOR] == "abolished"
    assert {e.spec.code: e.spec.status for e in decided.offered_catalogue(date(2026, 3, 3))}[
        MEDIATOR
    ] == "active"


def test_a_report_lists_what_the_decision_changed(decided: Station) -> None:
    changes = {c.code: c for c in decided.decision_changes("9100/QĐ-UBND")}
    assert set(changes) == {MARITAL, MEDIATOR}
    assert changes[MEDIATOR].change == "abolished"
    assert changes[MARITAL].change == "changed"
    assert {"time_amount", "fee_amount", "legal_basis"} <= set(changes[MARITAL].fields)
    assert changes[MARITAL].effective_from == date(2026, 3, 4)


def test_the_report_and_the_list_on_a_day_from_the_command_line(
    decided: Station, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    decided.close()
    assert main(["--data-dir", str(data_dir), "catalogue", "decision", "9100/QĐ-UBND"]) == 0
    out = capsys.readouterr().out
    assert "abolished  2.000930" in out and "from 2026-03-04" in out
    assert (
        main(["--data-dir", str(data_dir), "catalogue", "list", "--on", "2026-03-03", "--json"])
        == 0
    )
    before = {p["code"]: p for p in json.loads(capsys.readouterr().out)}
    assert before[MARITAL]["version"] == 1 and before[MEDIATOR]["status"] == "active"
    assert (
        main(["--data-dir", str(data_dir), "catalogue", "list", "--on", "2026-03-05", "--json"])
        == 0
    )
    after = {p["code"]: p for p in json.loads(capsys.readouterr().out)}
    assert after[MARITAL]["version"] == 2 and after[MEDIATOR]["status"] == "abolished"
    assert after[MARITAL]["source"] == "9100/QĐ-UBND"


def test_a_missing_limit_gives_no_appointment_until_a_leader_confirms_it(
    station: Station,
) -> None:
    """1.000419 ships as 0 days, not same-day, unverified: a value nobody filled in."""
    at = vn(2026, 3, 10, 9)
    with pytest.raises(InvalidInput, match="chưa có thời hạn giải quyết"):
        station.receive(request(ROVING_DEATH, received_at=at), actor="clerk", now=at)
    with pytest.raises(InvalidInput, match="chưa có thời hạn giải quyết"):
        station.preview_due(ROVING_DEATH, at)
    station.confirm_time_limit(
        ROVING_DEATH, amount=5, unit="working_days", same_day=False, leader="Lê Văn Lãnh Đạo"
    )
    receipt = station.receive(request(ROVING_DEATH, received_at=at), actor="clerk", now=at)
    assert receipt.due_at == vn(2026, 3, 17, 9)
    spec = next(e.spec for e in station.catalogue() if e.spec.code == ROVING_DEATH)
    assert "time_amount" not in spec.unconfirmed
    assert dict(spec.sources)["processing_time"].startswith("Lãnh đạo Lê Văn Lãnh Đạo xác nhận")


def test_a_confirmation_of_zero_days_must_say_same_day(station: Station) -> None:
    with pytest.raises(InvalidInput, match="0 khi giải quyết trong ngày"):
        station.confirm_time_limit(
            ROVING_DEATH, amount=0, unit="working_days", same_day=False, leader="Lãnh đạo"
        )
