"""The databases a document can be obtained from, as a catalogue names them (README "Catalogue":
sources ``csdl_dan_cu``, ``vneid``, ``csdl_ho_tich``, ``csdl_dat_dai``; in XLSX the cell "Khai
thác từ CSDL" lists them separated by ";", "," or line breaks, by key or Vietnamese name)."""

from __future__ import annotations

import pytest

from counter_app.domain.data_sources import parse_sources, printed_label
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


def test_form_01_states_how_a_document_was_obtained() -> None:
    # README "receive input": form 01 lists an obtained document as "Khai thác dữ liệu: …" or
    # "Xác thực qua VNeID"; a document obtained from no source it knows, without a name.
    assert printed_label("vneid") == "Xác thực qua VNeID"
    assert printed_label("csdl_ho_tich") == "Khai thác dữ liệu: Cơ sở dữ liệu hộ tịch điện tử"
    assert printed_label(None) == "Khai thác dữ liệu điện tử"
    assert printed_label("so_ho_khau") == "Khai thác dữ liệu điện tử"
