"""The appointment slip carries the short notice of processing and where to read the full one."""

from __future__ import annotations

from counter_app.domain.access import Via
from counter_app.printing.forms import render
from counter_app.printing.model import FormKind, Paper
from counter_app.station import Station
from tests.factories import request
from tests.printing import reading


def test_the_slip_prints_the_notice_and_where_to_read_it(station: Station) -> None:
    code = station.receive(request(), actor="canbo").code
    slip = station.sheet(FormKind.SLIP, code, actor="canbo", via=Via.GUI)
    text = reading.text(render(FormKind.SLIP, slip, paper=Paper.A4))
    assert "Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15" in text
    assert "Thông báo đầy đủ: Bộ phận Tiếp nhận và Trả kết quả." in text
    station.set_setting("privacy_notice_url", '"https://quanghung.example.vn/ddcn"')
    station.set_setting(
        "privacy_notice_short", '"Thông tin của ông/bà chỉ dùng để giải quyết hồ sơ."'
    )
    slip = station.sheet(FormKind.SLIP, code, actor="canbo", via=Via.GUI)
    for paper in (Paper.A4, Paper.THERMAL_80MM):
        text = reading.text(render(FormKind.SLIP, slip, paper=paper))
        assert reading.in_order(
            text,
            [
                "Thông tin của ông/bà chỉ dùng để giải quyết hồ sơ.",
                "Thông báo đầy đủ: https://quanghung.example.vn/ddcn.",
            ],
        )
    station.set_setting("privacy_notice_short", '""')
    slip = station.sheet(FormKind.SLIP, code, actor="canbo", via=Via.GUI)
    assert "Thông báo đầy đủ" not in reading.text(render(FormKind.SLIP, slip, paper=Paper.A4))
