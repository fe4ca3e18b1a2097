"""The databases a document can be obtained from, as a catalogue names them (README "Catalogue":
sources ``csdl_dan_cu``, ``vneid``, ``csdl_ho_tich``, ``csdl_dat_dai``; in XLSX the cell "Khai
thác từ CSDL" lists them separated by ";", "," or line breaks, by key or Vietnamese name)."""

from __future__ import annotations

import pytest

from counter_app.domain.data_sources import parse_sources
from counter_app.domain.errors import InvalidInput


def test_a_cell_lists_sources_by_key_or_name_with_any_separator() -> None:
    cell = "csdl_dan_cu; VNeID ,\nCơ sở dữ liệu hộ tịch điện tử,co so du lieu quoc gia ve dat dai"
    assert parse_sources(cell) == ("csdl_dan_cu", "vneid", "csdl_ho_tich", "csdl_dat_dai")


def test_an_empty_cell_or_bare_separators_give_no_source() -> None:
    assert parse_sources("") == ()
    assert parse_sources(" ; ,\n ") == ()


def test_an_unknown_source_is_refused_by_name() -> None:
    with pytest.raises(InvalidInput) as raised:
        parse_sources("vneid; sổ hộ khẩu")
    assert raised.value.message == (
        "Nguồn dữ liệu «sổ hộ khẩu» không có; dùng csdl_dan_cu, vneid, csdl_ho_tich, csdl_dat_dai."
    )
