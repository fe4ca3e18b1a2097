"""The embedded font and the JSON label sets."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from reportlab.pdfbase.ttfonts import TTFont

from counter_app.domain.errors import InvalidInput
from counter_app.printing.fonts import FONT_DIR
from counter_app.printing.labels import FORMS_DIR, load_labels, load_labels_file
from counter_app.printing.model import FormKind, FormSet
from tests.printing import samples

VIETNAMESE = (
    "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăĐđĨĩŨũƠơƯư"
    "ẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợ"
    "ỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ–“”…"
)
FACES = ("Regular", "Bold", "Italic", "BoldItalic")


@pytest.mark.parametrize("face", FACES)
def test_every_face_has_every_vietnamese_letter(face: str) -> None:
    font = TTFont(f"check-{face}", str(FONT_DIR / f"LiberationSerif-{face}.ttf"))
    wanted = set(VIETNAMESE + samples.APPLICANT + samples.LONG_ADDRESS)
    missing = sorted(c for c in wanted if not c.isspace() and ord(c) not in font.face.charToGlyph)
    assert missing == []


def test_font_licence_ships_with_the_fonts() -> None:
    licence = (FONT_DIR / "LICENSE-LiberationSerif.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    assert "Reserved Font Name Liberation" in licence


@pytest.mark.parametrize(
    ("form_set", "numbers"),
    [
        (
            FormSet.TT01_2018,
            {
                FormKind.SLIP: "Mẫu số 01",
                FormKind.SUPPLEMENT: "Mẫu số 02",
                FormKind.REFUSAL: "Mẫu số 03",
                FormKind.APOLOGY: "Mẫu số 04",
                FormKind.CONTROL: "Mẫu số 05",
                FormKind.REGISTER: "Mẫu số 06",
            },
        ),
        (
            FormSet.TT03_2025,
            {
                FormKind.SLIP: "Mẫu số 01",
                FormKind.SUPPLEMENT: "Mẫu số 02",
                FormKind.REFUSAL: "Mẫu số 03",
                FormKind.APOLOGY: "Mẫu số 04",
                FormKind.STOP: "Mẫu số 05",
                FormKind.CONTROL: "Mẫu số 06",
                FormKind.REGISTER: "Mẫu số 07",
            },
        ),
    ],
)
def test_bundled_sets_number_their_forms(form_set: FormSet, numbers: dict[FormKind, str]) -> None:
    labels = load_labels(form_set)
    assert labels.form_set is form_set
    assert {kind: labels.form(kind).number for kind in numbers} == numbers
    assert (FormKind.STOP in labels.forms) is (form_set is FormSet.TT03_2025)


def test_2018_set_has_no_stop_notice() -> None:
    with pytest.raises(InvalidInput):
        load_labels(FormSet.TT01_2018).form(FormKind.STOP)


def _broken(tmp_path: Path, change: Any) -> Path:
    raw = json.loads((FORMS_DIR / "tt03_2025.json").read_text(encoding="utf-8"))
    change(raw)
    path = tmp_path / "tt03_2025.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    return path


def _drop_title(raw: dict[str, Any]) -> None:
    del raw["forms"]["slip"]["title"]


def _number_title(raw: dict[str, Any]) -> None:
    raw["forms"]["supplement"]["title"] = 2


def _unknown_placeholder(raw: dict[str, Any]) -> None:
    raw["forms"]["slip"]["text"]["address"] = "Địa chỉ: {adress}"


def _unbalanced(raw: dict[str, Any]) -> None:
    raw["common"]["date"] = "ngày {day tháng {month}"


def _typo_key(raw: dict[str, Any]) -> None:
    raw["forms"]["refusal"]["text"]["clossing"] = "…"


def _short_columns(raw: dict[str, Any]) -> None:
    raw["forms"]["register"]["columns"] = raw["forms"]["register"]["columns"][:-1]


def _bad_signer(raw: dict[str, Any]) -> None:
    raw["forms"]["slip"]["signatures"][0]["name"] = "boss"


def _no_stop(raw: dict[str, Any]) -> None:
    del raw["forms"]["stop"]


@pytest.mark.parametrize(
    ("change", "key"),
    [
        (_drop_title, "forms.slip.title"),
        (_number_title, "forms.supplement.title"),
        (_unknown_placeholder, "forms.slip.text.address"),
        (_unbalanced, "common.date"),
        (_typo_key, "forms.refusal.text.clossing"),
        (_short_columns, "forms.register.columns"),
        (_bad_signer, "forms.slip.signatures[0].name"),
        (_no_stop, "forms.stop"),
    ],
)
def test_broken_label_file_is_refused_naming_file_and_key(
    tmp_path: Path, change: Any, key: str
) -> None:
    path = _broken(tmp_path, change)
    with pytest.raises(InvalidInput) as caught:
        load_labels_file(path)
    assert "tt03_2025.json" in caught.value.message
    assert key in caught.value.message
    assert caught.value.field == key


def test_label_file_that_is_not_json_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "tt01_2018.json"
    path.write_text('{"set": "tt01_2018", ', encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"tt01_2018\.json"):
        load_labels_file(path)


def test_broken_file_in_a_labels_folder_is_refused(tmp_path: Path) -> None:
    _broken(tmp_path, _drop_title)
    with pytest.raises(InvalidInput, match=r"forms\.slip\.title"):
        load_labels(FormSet.TT03_2025, tmp_path)


def test_label_file_of_the_wrong_set_is_refused(tmp_path: Path) -> None:
    source = (FORMS_DIR / "tt01_2018.json").read_text(encoding="utf-8")
    (tmp_path / "tt03_2025.json").write_text(source, encoding="utf-8")
    with pytest.raises(InvalidInput, match="set"):
        load_labels(FormSet.TT03_2025, tmp_path)
