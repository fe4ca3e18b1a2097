"""Catalogue files: the shipped catalogue, JSON/XLSX round trips, and every kind of broken file."""

from __future__ import annotations

import json
import tempfile
import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from counter_app.domain.catalogue import (
    UNCONFIRMED_GROUPS,
    DocumentForm,
    ProcedureSpec,
)
from counter_app.domain.catalogue_reading import (
    CatalogueProblem,
    Problem,
    procedure_from_mapping,
)
from counter_app.domain.data_sources import SOURCES
from counter_app.domain.errors import InvalidInput
from counter_app.services.catalogue_io import FORMAT, MAX_BYTES, dump_catalogue, load_catalogue
from counter_app.services.catalogue_xlsx import DOCUMENT_COLUMNS, PROCEDURE_COLUMNS

SHIPPED = Path(__file__).resolve().parents[2] / "resources" / "catalogue" / "procedures.json"

HEAD = [column.label for column in PROCEDURE_COLUMNS]
PART = [column.label for column in DOCUMENT_COLUMNS]
HEAD_ROW = [
    "1.001193",
    "Đăng ký khai sinh",
    "Hộ tịch",
    "Xã",
    0,
    "ngày làm việc",
    "Có",
    0,
    "Miễn lệ phí",
    "Luật Hộ tịch năm 2014",
    "",
    "Đang áp dụng",
    "Phí",
    "verification; financial_obligation",
    "",
    "",
    "",
]
PART_ROWS = [
    ["1.001193", "d1", "Tờ khai đăng ký khai sinh", "Bản chính", 1, "x", None, None],
    ["1.001193", "d2", "Giấy tờ tùy thân", "Xuất trình bản chính", 1, "Có", None, "Có"],
]


def _procedure(code: str = "1.001193", **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "code": code,
        "name": "Đăng ký khai sinh",
        "field": "Hộ tịch",
        "level": "xa",
        "processing_time": {"amount": 0, "unit": "working_days"},
        "same_day_cutoff": True,
        "fee": {"amount": 0, "text": "Miễn lệ phí nếu đăng ký đúng hạn"},
        "legal_basis": "Luật Hộ tịch năm 2014",
        "decision": "",
        "status": "active",
        "documents": [
            {
                "key": "d1",
                "name": "Tờ khai đăng ký khai sinh theo mẫu",
                "form": "ban_chinh",
                "count": 1,
                "mandatory": True,
                "condition": None,
                "unconfirmed": False,
            }
        ],
        "unconfirmed": [],
    }
    data.update(changes)
    return data


def _json_file(tmp_path: Path, procedures: Sequence[object], **top: object) -> Path:
    path = tmp_path / "procedures.json"
    document = {"format": FORMAT, "source": "test", "procedures": list(procedures), **top}
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def _xlsx_file(
    tmp_path: Path,
    heads: Sequence[Sequence[object]] = (HEAD_ROW,),
    parts: Sequence[Sequence[object]] = PART_ROWS,
    *,
    head_header: Sequence[object] = HEAD,
    part_header: Sequence[object] = PART,
    titles: tuple[str, str] = ("ThuTuc", "ThanhPhan"),
) -> Path:
    workbook = Workbook()
    first = workbook.active
    first.title = titles[0]
    for row in [head_header, *heads]:
        first.append(list(row))
    second = workbook.create_sheet(titles[1])
    for row in [part_header, *parts]:
        second.append(list(row))
    path = tmp_path / "procedures.xlsx"
    workbook.save(path)
    return path


def _problems(path: Path) -> tuple[Problem, ...]:
    with pytest.raises(CatalogueProblem) as caught:
        load_catalogue(path)
    assert isinstance(caught.value, InvalidInput)
    for problem in caught.value.problems:
        assert problem.file == path.name
        assert problem.message
    return caught.value.problems


def _only(path: Path) -> Problem:
    problems = _problems(path)
    assert len(problems) == 1, problems
    return problems[0]


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


# -- the shipped catalogue ------------------------------------------------------------------------


def test_shipped_catalogue_loads_with_unique_codes() -> None:
    specs = load_catalogue(SHIPPED)
    assert len(specs) >= 100
    codes = [spec.code for spec in specs]
    assert len(codes) == len(set(codes))
    # commune procedures, and the land office's ones the commune centre receives
    assert {spec.level for spec in specs} == {"xa", "tinh"}
    assert {"1.001193", "1.000894", "2.000815", "2.000884", "1.013978", "1.013225"} <= set(codes)
    fields = {spec.field for spec in specs}
    assert {"Hộ tịch", "Chứng thực", "Bảo trợ xã hội", "Nuôi con nuôi", "Người có công"} <= fields
    assert {"Đất đai", "Xây dựng", "Hòa giải ở cơ sở", "Giáo dục", "Giảm nghèo"} <= fields
    assert "Cư trú" not in fields  # the commune police registers residence
    assert all(dict(spec.sources).get("listing") for spec in specs)


def test_shipped_catalogue_keeps_every_unconfirmed_mark() -> None:
    raw = json.loads(SHIPPED.read_text(encoding="utf-8"))
    specs = load_catalogue(SHIPPED)
    assert "thay" in raw["source"]
    marks = 0
    for item, spec in zip(raw["procedures"], specs, strict=True):
        assert spec.code == item["code"]
        for group in item["unconfirmed"]:
            assert set(UNCONFIRMED_GROUPS[group]) <= set(spec.unconfirmed)
            marks += 1
        assert len(spec.unconfirmed) == sum(len(UNCONFIRMED_GROUPS[g]) for g in item["unconfirmed"])
        for raw_document, document in zip(item["documents"], spec.documents, strict=True):
            assert document.unconfirmed is raw_document["unconfirmed"]
            marks += document.unconfirmed
    assert marks > 0
    birth = next(spec for spec in specs if spec.code == "1.001193")
    assert birth.same_day_cutoff
    assert "time_amount" not in birth.unconfirmed


def test_shipped_catalogue_strings_are_all_nfc() -> None:
    raw = json.loads(SHIPPED.read_text(encoding="utf-8"))
    assert all(unicodedata.is_normalized("NFC", text) for text in _strings(raw))
    for spec in load_catalogue(SHIPPED):
        texts = [spec.name, spec.field, spec.fee_text, spec.legal_basis, spec.decision]
        texts += [d.name for d in spec.documents] + [d.condition or "" for d in spec.documents]
        assert all(unicodedata.is_normalized("NFC", text) for text in texts)


def test_shipped_catalogue_documents_are_sound() -> None:
    for spec in load_catalogue(SHIPPED):
        assert spec.documents, spec.code
        assert any(d.mandatory for d in spec.documents), spec.code
        for document in spec.documents:
            assert document.mandatory == (document.condition is None), spec.code


def test_shipped_pause_grounds_are_only_those_a_read_text_gives() -> None:
    # Đồng Nai's 2025 land list gives 1.012786 "Không quá 10 ngày làm việc (không tính thời gian
    # niêm yết/đăng tin)"; no other text read for the starter set excludes a step's time.
    specs = {spec.code: spec for spec in load_catalogue(SHIPPED)}
    grounds = {code: spec.pause_grounds for code, spec in specs.items() if spec.pause_grounds}
    assert grounds == {"1.012786": ("public_posting",)}
    source = dict(specs["1.012786"].sources)["pause_grounds"]
    assert "không tính thời gian niêm yết/đăng tin" in source and "Đồng Nai" in source


# -- round trips ---------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".json", ".xlsx"])
def test_shipped_catalogue_round_trips(tmp_path: Path, suffix: str) -> None:
    specs = load_catalogue(SHIPPED)
    path = tmp_path / f"out{suffix}"
    dump_catalogue(specs, path)
    assert load_catalogue(path) == specs


def _tricky() -> ProcedureSpec:
    data = _procedure(
        "2.000815.000.00.00.H55",
        name="=SUM(A1) — «thủ tục» 'thử' 100%",
        field="Chứng thực",
        level="tinh",
        processing_time={"amount": 365, "unit": "calendar_days"},
        same_day_cutoff=False,
        fee={"amount": None, "text": "Dòng một\nDòng hai: 2.000 đồng/trang"},
        legal_basis="",
        decision="Quyết định số 1/QĐ-UBND",
        status="abolished",
        unconfirmed=["processing_time", "fee", "legal_basis", "same_day_cutoff", "documents"],
    )
    data["documents"] = [
        {
            "key": "GT-01",
            "name": "0123",
            "form": "ban_chung_thuc",
            "count": 999,
            "mandatory": False,
            "condition": "+ nếu có\n= trường hợp khác",
            "unconfirmed": True,
            "obtainable_from": ["vneid", "csdl_dan_cu"],
        },
        {
            "key": "7",
            "name": "TRUE",
            "form": "ban_sao",
            "count": 1,
            "mandatory": True,
            "condition": None,
            "unconfirmed": False,
        },
    ]
    return procedure_from_mapping(data, where="test")


@pytest.mark.parametrize("suffix", [".json", ".xlsx"])
def test_unusual_values_round_trip(tmp_path: Path, suffix: str) -> None:
    specs = [_tricky(), procedure_from_mapping(_procedure(), where="test")]
    path = tmp_path / f"out{suffix}"
    dump_catalogue(specs, path)
    loaded = load_catalogue(path)
    assert loaded == specs
    assert [s.content_hash() for s in loaded] == [s.content_hash() for s in specs]


@pytest.mark.parametrize("suffix", [".json", ".xlsx"])
def test_empty_catalogue_round_trips(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"out{suffix}"
    dump_catalogue([], path)
    assert load_catalogue(path) == []


_TEXT = st.text(
    st.characters(exclude_categories=("Cc", "Cs", "Cn")) | st.sampled_from(list(" \n=đĐ'\"")),
    min_size=1,
    max_size=25,
)


@st.composite
def _random_spec(draw: st.DrawFn) -> ProcedureSpec:
    count = draw(st.integers(1, 3))
    explicit = draw(st.booleans())
    documents = [
        {
            "key": f"k{i}" if explicit else None,
            "name": draw(_TEXT),
            "form": draw(
                st.sampled_from([f.value for f in DocumentForm if f != "du_lieu_dien_tu"])
            ),
            "count": draw(st.integers(1, 999)),
            "mandatory": draw(st.booleans()),
            "condition": draw(st.none() | _TEXT),
            "unconfirmed": draw(st.booleans()),
            "obtainable_from": draw(st.lists(st.sampled_from(list(SOURCES)), unique=True)),
        }
        for i in range(count)
    ]
    data = {
        "code": draw(st.from_regex(r"[0-9]\.[0-9]{6}(\.[0-9A-Z]{1,4}){0,2}", fullmatch=True)),
        "name": draw(_TEXT),
        "field": draw(_TEXT),
        "level": draw(st.sampled_from(["xa", "tinh"])),
        "processing_time": {
            "amount": draw(st.integers(0, 365)),
            "unit": draw(st.sampled_from(["working_days", "working_hours", "calendar_days"])),
        },
        "same_day_cutoff": draw(st.booleans()),
        "fee": {"amount": draw(st.none() | st.integers(0, 10**9)), "text": draw(_TEXT)},
        "legal_basis": draw(_TEXT),
        "decision": draw(_TEXT),
        "status": draw(st.sampled_from(["active", "abolished"])),
        "documents": documents,
        "unconfirmed": draw(st.lists(st.sampled_from(list(UNCONFIRMED_GROUPS)), unique=True)),
    }
    try:
        return procedure_from_mapping(data, where="generated")
    except CatalogueProblem:
        reject()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_random_spec(), max_size=3, unique_by=lambda spec: spec.code))
def test_any_valid_catalogue_round_trips_through_both_formats(specs: list[ProcedureSpec]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        for suffix in (".json", ".xlsx"):
            path = Path(folder) / f"catalogue{suffix}"
            dump_catalogue(specs, path)
            assert load_catalogue(path) == specs


def test_dump_refuses_what_load_would_refuse(tmp_path: Path) -> None:
    spec = procedure_from_mapping(_procedure(), where="test")
    with pytest.raises(CatalogueProblem):
        dump_catalogue([spec, spec], tmp_path / "dup.json")
    with pytest.raises(InvalidInput):
        dump_catalogue([spec], tmp_path / "out.csv")
    assert not list(tmp_path.iterdir())


# -- broken JSON ---------------------------------------------------------------------------------


def test_invalid_json_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text(
        '{\n  "format": "counter-catalogue/1",\n  "procedures": [\n    {"code": }\n', "utf-8"
    )
    problem = _only(path)
    assert problem.row == 4
    assert "dòng 4, cột" in problem.message


def test_wrong_format_marker(tmp_path: Path) -> None:
    problem = _only(_json_file(tmp_path, [_procedure()], format="counter-catalogue/2"))
    assert (problem.row, problem.field) == (None, "format")
    assert "counter-catalogue/2" in problem.message


@pytest.mark.parametrize("document", [[], "text", 3, {"procedures": {}}])
def test_wrong_top_level_shape(tmp_path: Path, document: object) -> None:
    path = tmp_path / "shape.json"
    path.write_text(json.dumps(document), "utf-8")
    assert _problems(path)


def test_missing_field(tmp_path: Path) -> None:
    data = _procedure()
    del data["name"]
    problem = _only(_json_file(tmp_path, [_procedure("1.000001"), data]))
    assert (problem.row, problem.field, problem.code) == (2, "name", "1.001193")


def test_negative_count(tmp_path: Path) -> None:
    data = _procedure()
    data["documents"][0]["count"] = -2
    problem = _only(_json_file(tmp_path, [data]))
    assert (problem.row, problem.field) == (1, "documents[1].count")
    assert str(problem).startswith("procedures.json, thủ tục 1 (1.001193), trường")


def test_unknown_unit(tmp_path: Path) -> None:
    data = _procedure(processing_time={"amount": 2, "unit": "tuần"})
    problem = _only(_json_file(tmp_path, [data]))
    assert (problem.row, problem.field) == (1, "processing_time.unit")


def test_unknown_document_form(tmp_path: Path) -> None:
    data = _procedure()
    data["documents"][0]["form"] = "ban_nhap"
    problem = _only(_json_file(tmp_path, [data]))
    assert (problem.row, problem.field) == (1, "documents[1].form")


def test_a_document_is_obtainable_only_from_known_sources(tmp_path: Path) -> None:
    data = _procedure()
    data["documents"][0]["obtainable_from"] = ["csdl_dan_cu", "mang_xa_hoi"]
    problem = _only(_json_file(tmp_path, [data]))
    assert (problem.row, problem.field) == (1, "documents[1].obtainable_from")
    assert "mang_xa_hoi" in problem.message


def test_data_from_a_database_is_a_mark_not_a_catalogue_form(tmp_path: Path) -> None:
    data = _procedure()
    data["documents"][0]["form"] = "du_lieu_dien_tu"
    problem = _only(_json_file(tmp_path, [data]))
    assert (problem.row, problem.field) == (1, "documents[1].form")
    assert "obtainable_from" in problem.message


def test_xlsx_reads_the_sources_column(tmp_path: Path) -> None:
    specs = [procedure_from_mapping(_procedure(), where="test")]
    path = tmp_path / "out.xlsx"
    dump_catalogue(specs, path)
    workbook = load_workbook(path)
    sheet = workbook["ThanhPhan"]
    header = [cell.value for cell in sheet[1]]
    column = header.index("Khai thác từ CSDL") + 1
    sheet.cell(row=2, column=column, value="Cơ sở dữ liệu quốc gia về dân cư; vneid")
    workbook.save(path)
    (loaded,) = load_catalogue(path)
    assert loaded.documents[0].obtainable_from == ("csdl_dan_cu", "vneid")


def test_duplicate_code(tmp_path: Path) -> None:
    path = _json_file(tmp_path, [_procedure(), _procedure("1.000002"), _procedure()])
    problem = _only(path)
    assert (problem.row, problem.field) == (3, "code")
    assert "1" in problem.message


def test_bad_code_shape(tmp_path: Path) -> None:
    problem = _only(_json_file(tmp_path, [_procedure("1.01193")]))
    assert (problem.row, problem.field) == (1, "code")


def test_ten_kilobyte_name(tmp_path: Path) -> None:
    problem = _only(_json_file(tmp_path, [_procedure(name="Đ" * 10_240)]))
    assert (problem.row, problem.field) == (1, "name")


def test_every_problem_in_a_json_file_is_reported(tmp_path: Path) -> None:
    bad_count = _procedure("1.000003")
    bad_count["documents"][0]["count"] = 0
    procedures = [
        _procedure("1.000001", name=""),
        _procedure("x"),
        bad_count,
        _procedure("1.000001"),
        "not an object",
    ]
    problems = _problems(_json_file(tmp_path, procedures))
    assert {(p.row, p.field) for p in problems} == {
        (1, "name"),
        (2, "code"),
        (3, "documents[1].count"),
        (4, "code"),
        (5, None),
    }
    with pytest.raises(CatalogueProblem) as caught:
        load_catalogue(_json_file(tmp_path, procedures))
    assert "(và 2 lỗi khác)" in caught.value.message


def test_unknown_suffix_missing_file_and_oversized_file(tmp_path: Path) -> None:
    text = tmp_path / "procedures.csv"
    text.write_text("code,name\n", "utf-8")
    assert _only(text).row is None
    assert _only(tmp_path / "absent.json")
    assert _only(tmp_path)
    big = tmp_path / "big.json"
    with big.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    assert "20 MB" in _only(big).message


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin.json"
    path.write_bytes('{"format": "Đ"}'.encode("utf-16"))
    assert _only(path)


# -- XLSX -----------------------------------------------------------------------------------------


def test_xlsx_in_the_provinces_way_is_read(tmp_path: Path) -> None:
    (spec,) = load_catalogue(_xlsx_file(tmp_path))
    assert spec.code == "1.001193"
    assert (spec.level, spec.time_unit, spec.same_day_cutoff) == ("xa", "working_days", True)
    assert spec.unconfirmed == ("fee_amount", "fee_text")
    assert spec.pause_grounds == ("financial_obligation", "verification")
    assert [d.form for d in spec.documents] == [DocumentForm.ORIGINAL, DocumentForm.PRESENT]
    assert [d.unconfirmed for d in spec.documents] == [False, True]
    assert spec.documents[0].mandatory


def test_xlsx_headers_any_order_title_row_extra_columns_and_empty_rows(tmp_path: Path) -> None:
    order = list(reversed(range(len(HEAD))))
    head_header = ["STT", *[HEAD[i].upper() for i in order]]
    head = ["1", *[HEAD_ROW[i] for i in order]]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Thủ tục"
    sheet.append(["DANH MỤC THỦ TỤC HÀNH CHÍNH CẤP XÃ"])
    sheet.append(head_header)
    sheet.append([])
    sheet.append(head)
    sheet.append(["2", None, "  "])
    parts = workbook.create_sheet("ThanhPhan")
    parts.append(["ma tthc", "ten giay to", "loai", "so luong", "bat buoc"])
    parts.append([1.001193, "Tờ khai", "ban sao chung thuc", "2", "TRUE"])
    parts.append([None, None, None, None, None])
    parts.append(["1.001193", "Giấy ủy quyền", "Bản chính", 1.0, 0])
    path = tmp_path / "order.xlsx"
    workbook.save(path)
    (spec,) = load_catalogue(path)
    assert spec.code == "1.001193"
    first, second = spec.documents
    assert (first.key, first.form, first.count, first.mandatory) == (
        "d1",
        DocumentForm.CERTIFIED_COPY,
        2,
        True,
    )
    assert (second.key, second.count, second.mandatory) == ("d2", 1, False)


def test_xlsx_missing_sheet(tmp_path: Path) -> None:
    path = _xlsx_file(tmp_path, titles=("ThuTuc", "Sheet2"))
    problem = _only(path)
    assert (problem.sheet, problem.row, problem.field) == ("ThanhPhan", None, None)


def test_xlsx_missing_header_column(tmp_path: Path) -> None:
    header = [label if label != "Số lượng" else "SL" for label in PART]
    problem = _only(_xlsx_file(tmp_path, part_header=header))
    assert (problem.sheet, problem.row, problem.field) == ("ThanhPhan", 1, "Số lượng")


def test_xlsx_without_header_row(tmp_path: Path) -> None:
    problems = _problems(_xlsx_file(tmp_path, head_header=HEAD_ROW))
    assert [(p.sheet, p.row) for p in problems] == [("ThuTuc", None)]


def test_xlsx_repeated_header_column(tmp_path: Path) -> None:
    problem = _only(_xlsx_file(tmp_path, head_header=[*HEAD, "Cấp"]))
    assert (problem.sheet, problem.row, problem.field) == ("ThuTuc", 1, "Cấp")


def test_xlsx_document_row_for_unknown_procedure(tmp_path: Path) -> None:
    parts = [*PART_ROWS, ["1.999999", "d1", "Tờ khai", "Bản chính", 1, "Có", None, None]]
    problem = _only(_xlsx_file(tmp_path, parts=parts))
    assert (problem.sheet, problem.row, problem.field) == ("ThanhPhan", 4, "code")
    assert "1.999999" in problem.message


def test_xlsx_non_numeric_count(tmp_path: Path) -> None:
    parts = [PART_ROWS[0], ["1.001193", "d2", "Giấy tờ", "Bản sao", "hai", "Có", None, None]]
    problem = _only(_xlsx_file(tmp_path, parts=parts))
    assert (problem.sheet, problem.row, problem.field, problem.code) == (
        "ThanhPhan",
        3,
        "count",
        "1.001193",
    )
    assert str(problem) == (
        "procedures.xlsx, trang 'ThanhPhan', dòng 3 (1.001193), trường 'count': "
        "Số lượng phải là số nguyên dương."
    )


def test_xlsx_procedure_without_documents(tmp_path: Path) -> None:
    problem = _only(_xlsx_file(tmp_path, parts=[]))
    assert (problem.sheet, problem.row, problem.field) == ("ThuTuc", 2, "documents")


def test_every_problem_in_an_xlsx_file_is_reported(tmp_path: Path) -> None:
    second = list(HEAD_ROW)
    second[0], second[4], second[5] = "1.000002", "ba", "tuần"
    third = list(HEAD_ROW)
    third[1] = "x" * 10_000
    parts = [
        *PART_ROWS,
        ["1.000002", "d1", "Tờ khai", "Bản nháp", 0, "có lẽ", None, None],
        ["", "d1", "Tờ khai", "Bản chính", 1, "Có", None, None],
    ]
    problems = _problems(_xlsx_file(tmp_path, heads=[HEAD_ROW, second, third], parts=parts))
    assert {(p.sheet, p.row, p.field) for p in problems} == {
        ("ThuTuc", 3, "processing_time.amount"),
        ("ThuTuc", 3, "processing_time.unit"),
        ("ThuTuc", 4, "code"),
        ("ThuTuc", 4, "name"),
        ("ThanhPhan", 4, "form"),
        ("ThanhPhan", 4, "count"),
        ("ThanhPhan", 4, "mandatory"),
        ("ThanhPhan", 5, "code"),
    }


def test_xlsx_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "fake.xlsx"
    path.write_text("not a zip", "utf-8")
    assert _only(path)


def test_dumped_xlsx_is_readable_by_people(tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    dump_catalogue([_tricky()], path)
    workbook = load_workbook(path)
    heads, parts = workbook["ThuTuc"], workbook["ThanhPhan"]
    assert [cell.value for cell in heads[1]] == HEAD
    assert [cell.value for cell in parts[1]] == PART
    row = {label: cell.value for label, cell in zip(HEAD, heads[2], strict=True)}
    assert row["Cấp"] == "Tỉnh"
    assert row["Đơn vị thời hạn"] == "ngày"
    assert row["Hạn 15 giờ"] == "Không"
    assert row["Tên thủ tục"] == "=SUM(A1) — «thủ tục» 'thử' 100%"
    assert heads["B2"].data_type == "s"
    assert parts["D2"].value == "Bản sao có chứng thực"
