"""Naming a database a document can be obtained from (README "Catalogue files",
``obtainable_from``: its key or its Vietnamese name, any diacritics; docs/legal.md "Papers the
state already holds"), and writing them back into an XLSX cell (separated by "; ")."""

from __future__ import annotations

import pytest

from counter_app.domain.data_sources import parse_source, sources_text
from counter_app.domain.errors import InvalidInput

KNOWN = "csdl_dan_cu, vneid, csdl_ho_tich, csdl_dat_dai"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("  csdl_dat_dai ", "csdl_dat_dai"),
        ("CSDL_HO_TICH", "csdl_ho_tich"),
        ("Cơ sở dữ liệu quốc gia về dân cư", "csdl_dan_cu"),
        ("co so du lieu quoc gia ve dan cu", "csdl_dan_cu"),
        ("Tài khoản định danh điện tử mức độ 2 (VNeID)", "vneid"),
        ("Xác thực qua VNeID", "vneid"),
        ("Khai thác dữ liệu: Cơ sở dữ liệu hộ tịch điện tử", "csdl_ho_tich"),
    ],
)
def test_a_source_is_named_by_its_key_name_or_printed_words(text: str, key: str) -> None:
    assert parse_source(text) == key


def test_an_unknown_source_is_named_trimmed_and_the_known_keys_listed() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_source("  sổ hộ khẩu  ")
    assert caught.value.message == f"Nguồn dữ liệu «sổ hộ khẩu» không có; dùng {KNOWN}."
    assert caught.value.field == "source"


def test_an_unknown_source_is_shown_in_at_most_sixty_characters() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_source(" " + "x" * 59 + "yz")
    assert caught.value.message == f"Nguồn dữ liệu «{'x' * 59}y» không có; dùng {KNOWN}."


def test_sources_are_written_into_a_cell_separated_by_semicolons() -> None:
    assert sources_text(["csdl_dan_cu", "vneid"]) == "csdl_dan_cu; vneid"
    assert sources_text([]) == ""
