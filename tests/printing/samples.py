"""Sample sheets for the printing tests: Vietnamese names, long addresses, many documents."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

from counter_app.domain.calendar import VN_TZ
from counter_app.printing.model import (
    AgencyHeader,
    ApologySheet,
    ControlSheet,
    DossierSheet,
    FormSet,
    Handover,
    PrintedDocument,
    ReceiptSheet,
    RefusalSheet,
    RegisterRow,
    RegisterSheet,
    StopSheet,
    SupplementSheet,
)

CODE_2018 = "000.17.22.H56-210531-0001"
CODE_2025 = "000.17.22.H56-251015-0042"
APPLICANT = "Nguyễn Thị Ngọc Hưởng"
ADDRESS = "Số 12, ngõ 34, đường Lê Lai, phường Quảng Hưng, tỉnh Thanh Hóa"
LOOKUP = "https://dichvucong.thanhhoa.gov.vn/tra-cuu?ma=" + CODE_2025
LONG_ADDRESS = (
    "Thôn Đông Hưng Thịnh, xóm Ruộng Trũng, số nhà 1234 ngách 56/78 hẻm 9 đường Nguyễn Trường Tộ "
    "kéo dài, khu dân cư Bắc Cầu Hạc Mới, gần chợ Đầu Mối Nông Sản Quảng Hưng và trường Tiểu học "
    "Quảng Hưng, phường Quảng Hưng, tỉnh Thanh Hóa (cũ: xã Quảng Hưng, thành phố Thanh Hóa), "
    "Việt Nam – địa chỉ liên hệ 1"
)
assert len(LONG_ADDRESS) == 300


def vn(*parts: int) -> datetime:
    """A moment on Vietnam's wall clock."""
    return datetime(*parts, tzinfo=VN_TZ)  # type: ignore[misc]


HEADER = AgencyHeader(
    parent_name="UBND TỈNH THANH HÓA",
    agency_name="UBND PHƯỜNG QUẢNG HƯNG",
    unit_name="BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ",
    place_name="Quảng Hưng",
    centre_name="Bộ phận Tiếp nhận và Trả kết quả - UBND phường Quảng Hưng",
)
HEADER_2025 = replace(
    HEADER,
    unit_name="TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
    centre_name="Trung tâm Phục vụ hành chính công phường Quảng Hưng",
)

DOCUMENTS = (
    PrintedDocument("Tờ khai thay đổi thông tin cư trú (mẫu CT01)", "Bản chính", 1),
    PrintedDocument("Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp", "Bản sao có chứng thực", 1),
    PrintedDocument("Văn bản đồng ý cho đăng ký thường trú của chủ hộ", "Bản chính", 1),
    PrintedDocument("Giấy khai sinh của trẻ em dưới 14 tuổi", "Bản sao", 2),
)
MANY_DOCUMENTS = tuple(
    PrintedDocument(
        f"Giấy tờ chứng minh số {i:02d} – hồ sơ đất đai ở thửa {100 + i}", "Bản sao", i % 3 + 1
    )
    for i in range(1, 26)
)


def dossier(form_set: FormSet = FormSet.TT03_2025, **overrides: object) -> DossierSheet:
    """A received dossier of Nguyễn Thị Ngọc Hưởng (registration of permanent residence)."""
    is_2025 = form_set is FormSet.TT03_2025
    code = CODE_2025 if is_2025 else CODE_2018
    received = vn(2025, 10, 15, 8, 15) if is_2025 else vn(2021, 5, 31, 14, 5)
    values: dict[str, object] = {
        "form_set": form_set,
        "header": HEADER_2025 if is_2025 else HEADER,
        "code": code,
        "procedure_code": "1.004222",
        "procedure_name": "Đăng ký thường trú",
        "field": "Đăng ký, quản lý cư trú",
        "applicant_name": APPLICANT,
        "id_number": "038190012345",
        "address": ADDRESS,
        "phone": "0912345678",
        "email": "huong.ntn@example.vn",
        "documents": DOCUMENTS,
        "set_count": 1,
        "time_limit_text": "07 ngày làm việc",
        "created_at": received - timedelta(minutes=10),
        "received_at": received,
        "due_at": received.replace(hour=16, minute=30) + timedelta(days=9),
        "return_place": (HEADER_2025 if is_2025 else HEADER).centre_name,
        "register_book": str(received.year),
        "register_number": 42,
        "clerk_name": "Lê Văn Đạt",
        "lookup_url": LOOKUP
        if is_2025
        else "https://dichvucong.thanhhoa.gov.vn/tra-cuu?ma=" + code,
        "fee_text": "Miễn lệ phí",
    }
    values.update(overrides)
    return DossierSheet(**values)  # type: ignore[arg-type]


def long_dossier(form_set: FormSet = FormSet.TT03_2025) -> DossierSheet:
    """A 300-character address and 25 documents."""
    return dossier(form_set, address=LONG_ADDRESS, documents=MANY_DOCUMENTS)


def supplement(form_set: FormSet = FormSet.TT03_2025) -> SupplementSheet:
    """Two documents missing."""
    return SupplementSheet(
        dossier=dossier(form_set),
        missing=(
            PrintedDocument("Văn bản đồng ý cho đăng ký thường trú của chủ hộ", "Bản chính", 1),
            PrintedDocument("Hợp đồng thuê nhà có công chứng", "Bản sao có chứng thực", 1),
        ),
        reason="Hồ sơ chưa đầy đủ thành phần theo quy định.",
        contact="Lê Văn Đạt, số điện thoại 0237 3852 123",
        number="42/HDHS",
        issued_at=vn(2025, 10, 15, 8, 20),
    )


def refusal(form_set: FormSet = FormSet.TT03_2025) -> RefusalSheet:
    """Not within the commune's competence."""
    return RefusalSheet(
        dossier=dossier(form_set, received_at=None, due_at=None),
        reasons=(
            "1. Thủ tục không thuộc thẩm quyền giải quyết của UBND phường Quảng Hưng.\n"
            "2. Đề nghị Ông/Bà liên hệ Công an tỉnh Thanh Hóa để được hướng dẫn."
        ),
        number="7/TCHS",
        issued_at=vn(2025, 10, 15, 8, 20),
    )


def apology(form_set: FormSet = FormSet.TT03_2025) -> ApologySheet:
    """Late by five days, signed by the vice-chairman."""
    base = dossier(form_set)
    assert base.due_at is not None
    return ApologySheet(
        dossier=base,
        previous_due_at=base.due_at,
        new_due_at=base.due_at + timedelta(days=5),
        reason="Cần xác minh thêm thông tin về chỗ ở hợp pháp tại địa phương khác.",
        signer_title="KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
        signer_name="Trần Quốc Vượng",
        number="3/PXL",
        issued_at=vn(2025, 10, 23, 15, 0),
    )


def stop() -> StopSheet:
    """The citizen withdrew the dossier."""
    return StopSheet(
        dossier=dossier(FormSet.TT03_2025),
        reason="Công dân có văn bản đề nghị rút hồ sơ ngày 18/10/2025.",
        stopped_at=vn(2025, 10, 18, 9, 40),
        number="5/TB-DGQ",
        signer_title="KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
        signer_name="Trần Quốc Vượng",
    )


def control(form_set: FormSet = FormSet.TT03_2025) -> ControlSheet:
    """Three hand-overs of the dossier."""
    base = dossier(form_set)
    assert base.received_at is not None
    at = base.received_at
    return ControlSheet(
        dossier=base,
        handling_unit="Công an phường Quảng Hưng",
        cooperating_units="Công chức Địa chính - Xây dựng",
        handovers=(
            Handover(
                "Bộ phận Tiếp nhận và Trả kết quả",
                "Công an phường Quảng Hưng",
                at + timedelta(hours=1),
                "",
                "",
            ),
            Handover(
                "Công an phường Quảng Hưng",
                "Bộ phận Tiếp nhận và Trả kết quả",
                at + timedelta(days=6),
                "Trước hạn",
                "Đã ký kết quả",
            ),
            Handover(
                "Bộ phận Tiếp nhận và Trả kết quả",
                f"Ông/Bà {APPLICANT}",
                at + timedelta(days=7),
                "Trước hạn",
                "",
            ),
        ),
    )


def receipt(form_set: FormSet = FormSet.TT03_2025) -> ReceiptSheet:
    """Result collected by the applicant, fee 20.000 đồng."""
    return ReceiptSheet(
        dossier=dossier(form_set),
        returned_at=vn(2025, 10, 22, 10, 5)
        if form_set is FormSet.TT03_2025
        else vn(2021, 6, 8, 10, 5),
        receiver_name=APPLICANT,
        receiver_id_number="038190012345",
        method="Tại quầy",
        fee_paid=20000,
        rating_label="Rất hài lòng",
    )


def register(form_set: FormSet = FormSet.TT03_2025, rows: int = 120) -> RegisterSheet:
    """``rows`` dossiers; every third one not yet returned."""
    start = date(2025, 10, 1) if form_set is FormSet.TT03_2025 else date(2021, 5, 1)
    first = datetime(start.year, start.month, start.day, 8, 0, tzinfo=VN_TZ)
    lines = []
    for n in range(1, rows + 1):
        received = first + timedelta(hours=3 * n)
        returned = None if n % 3 == 0 else received + timedelta(days=6)
        lines.append(
            RegisterRow(
                number=n,
                code=f"000.17.22.H56-{received:%y%m%d}-{n:04d}",
                procedure_name="Đăng ký thường trú" if n % 2 else "Đăng ký khai sinh",
                set_count=1,
                applicant_name=f"{APPLICANT} {n}"
                if n % 5
                else "Công ty TNHH Thương mại Dịch vụ Hưng Thịnh",
                address_phone=f"{ADDRESS}; 09123456{n % 100:02d}",
                handling_unit="Công an phường Quảng Hưng",
                received_at=received,
                due_at=received + timedelta(days=9),
                transferred_at=received + timedelta(hours=2),
                result_received_at=None if returned is None else returned - timedelta(days=1),
                returned_at=returned,
                return_method="Tại quầy" if n % 4 else "Bưu chính",
                note="",
            )
        )
    return RegisterSheet(
        form_set=form_set,
        header=HEADER_2025 if form_set is FormSet.TT03_2025 else HEADER,
        period_from=start,
        period_to=start + timedelta(days=44),
        rows=tuple(lines),
    )
