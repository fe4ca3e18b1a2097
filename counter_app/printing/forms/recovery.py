"""Phiếu khóa khôi phục dữ liệu: the recovery key of a station's encrypted store, printed once
for the leader to lock away (Counter's own sheet, not a form of the circulars)."""

from __future__ import annotations

from reportlab.lib.enums import TA_CENTER  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import Flowable, Spacer  # type: ignore[import-untyped]

from counter_app.domain.calendar import VN_TZ
from counter_app.printing import layout
from counter_app.printing.fonts import BOLD
from counter_app.printing.forms.document import build_pdf
from counter_app.printing.model import Paper, RecoverySheet

TITLE = "PHIẾU KHÓA KHÔI PHỤC DỮ LIỆU"
_INSTRUCTIONS = (
    "Dữ liệu của máy tiếp nhận (kho dữ liệu và các bản sao lưu) được mã hóa. Khóa mã hóa "
    "được giữ trong kho khóa bí mật của hệ điều hành trên máy này; khóa khôi phục dưới đây là "
    "cách duy nhất khác để mở dữ liệu.",
    "Cần đến khóa khôi phục khi: máy hỏng và khôi phục bản sao lưu sang máy mới "
    "(counter-app restore TỆP --recovery-key …); dữ liệu được chép sang máy hoặc thư mục khác; "
    "kho khóa bí mật của máy bị xóa (counter-app unlock, hoặc nhập vào cửa sổ Counter khi được "
    "hỏi).",
    "Cất phiếu này trong tủ có khóa, tách khỏi máy tính; không chụp ảnh, không lưu thành tệp "
    "trên máy. Ai có phiếu này cùng một bản sao dữ liệu thì đọc được dữ liệu cá nhân của công "
    "dân: mất phiếu phải báo ngay cho lãnh đạo.",
)


def render_recovery_sheet(sheet: RecoverySheet) -> bytes:
    """The A4 sheet as PDF bytes."""
    page = layout.page_for(Paper.A4)
    styles = layout.styles_for(page.size, page.leading)
    story: list[Flowable] = []
    if sheet.parent_name:
        story.append(layout.para(layout.text(sheet.parent_name), styles.head))
    if sheet.agency_name:
        story.append(layout.para(layout.text(sheet.agency_name), styles.head_bold))
    story.extend(layout.title(TITLE, page))
    for label, value in _facts(sheet):
        story.append(layout.field(f"{label}: {{value}}", {"value": value}, page))
    story.append(Spacer(1, 6 * mm))
    story.append(layout.para(layout.text("Khóa khôi phục (48 chữ số):"), styles.body))
    story.append(_key_paragraph(sheet.recovery_key, page.size))
    story.append(Spacer(1, 6 * mm))
    story.extend(layout.para(layout.text(line), styles.body) for line in _INSTRUCTIONS)
    story.append(
        layout.signatures(
            [
                layout.Signer("NGƯỜI LẬP PHIẾU", "(Ký, ghi rõ họ tên)", ""),
                layout.Signer("LÃNH ĐẠO NHẬN GIỮ", "(Ký, ghi rõ họ tên, ngày nhận)", ""),
            ],
            page,
        )
    )
    return build_pdf([story], page, title_text=TITLE, page_label="")


def _facts(sheet: RecoverySheet) -> list[tuple[str, str]]:
    facts = []
    if sheet.agency_code:
        facts.append(("Mã cơ quan", sheet.agency_code))
    if sheet.slot is not None:
        facts.append(("Quầy (khe số)", str(sheet.slot)))
    facts.append(("Thư mục dữ liệu trên máy", sheet.data_dir))
    created = sheet.created_at.astimezone(VN_TZ)
    facts.append(("Lập lúc", f"{created:%H:%M} ngày {created:%d/%m/%Y}"))
    return facts


def _key_paragraph(key: str, size: float) -> Flowable:
    """The key large and bold, two lines of four groups, so that it is read back digit by
    digit without a wrap in the middle of a group."""
    groups = key.split("-")
    lines = ["  –  ".join(groups[:4]), "  –  ".join(groups[4:])]
    style = ParagraphStyle(
        "counter-recovery-key",
        fontName=BOLD,
        fontSize=size * 1.6,
        leading=size * 2.4,
        alignment=TA_CENTER,
    )
    return layout.para("<br/>".join(layout.text(line) for line in lines), style)
