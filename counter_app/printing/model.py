"""What a printed form shows: plain values assembled from the store, ready to lay out.

The forms never query anything; ``counter_app.services.printdata`` fills these from a dossier
and its events, so every form can be built and tested from a value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

# Circular 03/2025/TT-VPCP is dated 15/9/2025; its forms apply from then (docs/legal.md). The
# station's setting ``forms_2025_from`` holds the day; this is its default.
FORMS_2025_FROM = date(2025, 9, 15)


class FormSet(StrEnum):
    """The regulation whose form models a dossier prints with."""

    TT01_2018 = "tt01_2018"  # Thông tư 01/2018/TT-VPCP, forms 01–06
    TT03_2025 = "tt03_2025"  # Thông tư 03/2025/TT-VPCP, forms 01–07


class FormKind(StrEnum):
    """Every document Counter prints."""

    SLIP = "slip"  # Giấy tiếp nhận hồ sơ và hẹn trả kết quả (01)
    SUPPLEMENT = "supplement"  # Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (02)
    REFUSAL = "refusal"  # Phiếu từ chối tiếp nhận giải quyết hồ sơ (03)
    APOLOGY = "apology"  # 04: 2018 Phiếu xin lỗi và hẹn lại …; 2025 Văn bản xin lỗi …
    STOP = "stop"  # 2025 only: Thông báo dừng giải quyết hồ sơ (05)
    CONTROL = "control"  # Phiếu kiểm soát quá trình giải quyết hồ sơ (2018: 05, 2025: 06)
    REGISTER = "register"  # Sổ theo dõi hồ sơ (2018: 06, 2025: 07), for a period
    RECEIPT = "receipt"  # results-return receipt with the fee paid


class Paper(StrEnum):
    """Paper the form is laid out for."""

    A4 = "a4"
    A5 = "a5"
    THERMAL_80MM = "80mm"  # receipt printers: 80 mm roll, 72 mm printable


def form_set_for(day: date, switch: date = FORMS_2025_FROM) -> FormSet:
    """The set in force on ``day`` (the applicant first came): 2025 forms from ``switch``."""
    return FormSet.TT03_2025 if day >= switch else FormSet.TT01_2018


@dataclass(frozen=True)
class AgencyHeader:
    """The left header block and the place printed before the date."""

    parent_name: str  # TÊN CƠ QUAN CHỦ QUẢN, e.g. "UBND TỈNH THANH HÓA" (may be "")
    agency_name: str  # e.g. "UBND PHƯỜNG QUẢNG HƯNG"
    unit_name: str  # "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ" / "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"
    place_name: str  # "<địa danh>, ngày … tháng … năm …"
    # the one-stop unit named in a sentence, e.g. "Trung tâm Phục vụ hành chính công phường X"
    centre_name: str = ""


@dataclass(frozen=True)
class PrintedDocument:
    """One line of a document list: name, form (Vietnamese label) and count."""

    name: str
    form_label: str  # "Bản chính", "Bản sao", "Bản sao có chứng thực", "Xuất trình bản chính"
    count: int


@dataclass(frozen=True)
class DossierSheet:
    """Everything about one dossier that any form may print."""

    form_set: FormSet
    header: AgencyHeader
    code: str
    procedure_code: str
    procedure_name: str
    field: str
    applicant_name: str
    id_number: str | None
    address: str | None
    phone: str | None
    email: str | None
    documents: tuple[PrintedDocument, ...]
    set_count: int  # Số lượng hồ sơ (bộ)
    time_limit_text: str  # "07 ngày làm việc", "Trong ngày", "01 giờ làm việc", "15 ngày"
    created_at: datetime
    received_at: datetime | None
    due_at: datetime | None
    return_place: str  # "Tại Bộ phận Tiếp nhận và Trả kết quả" or "Qua dịch vụ bưu chính: …"
    register_book: str  # Quyển số (the year of receipt, e.g. "2026")
    register_number: int | None  # Số thứ tự in the book; None for a dossier numbered before 0005
    clerk_name: str
    lookup_url: str | None  # the agency's lookup address with the code filled in, for the QR
    fee_text: str
    privacy_notice: str = ""  # the short notice of processing printed on the slip


@dataclass(frozen=True)
class SupplementSheet:
    """Form 02: what is missing, generated from the checklist verdict."""

    dossier: DossierSheet
    missing: tuple[PrintedDocument, ...]
    reason: str
    contact: str  # "<clerk name>, số điện thoại <phone>" for the guidance sentence
    number: str  # running number of the year with the kind's abbreviation, e.g. "15/HDHS"
    issued_at: datetime  # when the request was made (the date printed under the motto)


@dataclass(frozen=True)
class RefusalSheet:
    """Form 03: the refusal and its reasons."""

    dossier: DossierSheet
    reasons: str
    number: str
    issued_at: datetime


@dataclass(frozen=True)
class ApologySheet:
    """Form 04: the apology with its new date (signed by the head of the late agency)."""

    dossier: DossierSheet
    previous_due_at: datetime
    new_due_at: datetime
    reason: str
    signer_title: str  # e.g. "CHỦ TỊCH" / "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"
    signer_name: str
    number: str
    issued_at: datetime  # when the leader signed the apology


@dataclass(frozen=True)
class StopSheet:
    """Form 05 of 2025: notice that processing of the dossier stops."""

    dossier: DossierSheet
    reason: str
    stopped_at: datetime
    number: str
    signer_title: str
    signer_name: str


@dataclass(frozen=True)
class Handover:
    """One hand-over of the dossier, a row of the control sheet."""

    giver: str  # "Bộ phận Tiếp nhận và Trả kết quả"
    receiver: str  # "Công chức Tư pháp - Hộ tịch", "Ông/Bà <applicant>" …
    at: datetime
    result: str  # "Trước hạn" / "Đúng hạn" / "Quá hạn" / "" when not yet judged
    note: str


@dataclass(frozen=True)
class ControlSheet:
    """Form 05 (2018) / 06 (2025): the dossier's hand-overs from the event log."""

    dossier: DossierSheet
    handling_unit: str  # Cơ quan (bộ phận) giải quyết hồ sơ
    cooperating_units: str  # Cơ quan phối hợp giải quyết hồ sơ ("" if none)
    handovers: tuple[Handover, ...]


@dataclass(frozen=True)
class ReceiptSheet:
    """The results-return receipt: who took the result, the fee paid, the rating."""

    dossier: DossierSheet
    returned_at: datetime
    receiver_name: str
    receiver_id_number: str | None
    method: str  # "Tại quầy" / "Qua dịch vụ bưu chính"
    fee_paid: int  # whole đồng
    rating_label: str  # "Rất hài lòng" / "Hài lòng" / "Không hài lòng" / ""


@dataclass(frozen=True)
class RegisterRow:
    """One line of the register book (Sổ theo dõi hồ sơ)."""

    number: int | None  # as the slip prints it; None for a dossier received before numbering
    code: str
    procedure_name: str
    set_count: int
    applicant_name: str
    address_phone: str
    handling_unit: str
    received_at: datetime | None
    due_at: datetime | None
    transferred_at: datetime | None
    result_received_at: datetime | None
    returned_at: datetime | None
    return_method: str
    note: str


@dataclass(frozen=True)
class RegisterSheet:
    """Form 06 (2018) / 07 (2025) for a period."""

    form_set: FormSet
    header: AgencyHeader
    period_from: date
    period_to: date
    rows: tuple[RegisterRow, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class RecoverySheet:
    """The sheet the leader locks away: which store the recovery key opens, and the key."""

    agency_code: str  # "" before the station is initialised
    agency_name: str
    parent_name: str
    slot: int | None
    data_dir: str
    created_at: datetime
    recovery_key: str  # the 48 digits in eight groups
