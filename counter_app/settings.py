"""Every station setting declared once, with its type and default (Qt-free).

Values live in the store's ``settings`` table; the GUI edits them through this registry.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from counter_app.domain.retention_rules import DEFAULT_RULES
from counter_app.i18n import N_


@dataclass(frozen=True)
class Option:
    """A declared setting."""

    key: str
    type: type
    default: Any
    label: str
    choices: tuple[Any, ...] = ()
    multiline: bool = False  # a text of several paragraphs


# The notice of processing (Luật 91/2025/QH15 Điều 4 khoản 1 điểm a: the right to know). Printed
# on the appointment slip (short) and shown at the first start for the agency to adapt (full).
NOTICE_SHORT = (
    "Thông tin cá nhân trong hồ sơ được cơ quan xử lý để giải quyết thủ tục hành chính theo "
    "Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15; được lưu theo thời hạn quy định và xóa khi "
    "hết thời hạn; mọi lần truy cập đều được ghi lại."
)
NOTICE_FULL = (
    "THÔNG BÁO VỀ XỬ LÝ DỮ LIỆU CÁ NHÂN\n\n"
    "1. Cơ quan xử lý: {agency}, tại Bộ phận Tiếp nhận và Trả kết quả (Trung tâm Phục vụ hành "
    "chính công).\n"
    "2. Mục đích: tiếp nhận, giải quyết và trả kết quả thủ tục hành chính ông/bà yêu cầu; "
    "thống kê, báo cáo theo quy định.\n"
    "3. Căn cứ: Điều 19 khoản 1 điểm c Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15 (xử lý để "
    "phục vụ hoạt động của cơ quan nhà nước theo quy định của pháp luật, không cần sự đồng ý) "
    "và Nghị định 118/2025/NĐ-CP về thực hiện thủ tục hành chính theo cơ chế một cửa.\n"
    "4. Dữ liệu được xử lý: họ và tên, số định danh cá nhân, ngày sinh, giới tính, địa chỉ, số "
    "điện thoại, thư điện tử; thành phần hồ sơ và quá trình giải quyết. Khi quét mã QR trên thẻ "
    "căn cước, chỉ giữ các thông tin hồ sơ cần; không chụp, không lưu ảnh thẻ.\n"
    "5. Nơi nhận: cơ quan có thẩm quyền giải quyết thủ tục và hệ thống thông tin giải quyết "
    "thủ tục hành chính của tỉnh.\n"
    "6. Thời hạn lưu: theo thời hạn bảo quản hồ sơ của từng lĩnh vực; hết thời hạn, thông tin "
    "cá nhân được xóa, chỉ giữ lại số liệu thống kê.\n"
    "7. Bảo vệ: dữ liệu được bảo vệ trên máy và khi truyền; mọi lần xem, in, tìm kiếm hồ sơ đều "
    "được ghi nhật ký; lãnh đạo kiểm tra được ai đã xem hồ sơ.\n"
    "8. Quyền của ông/bà (Điều 4 Luật 91/2025/QH15): được biết về việc xử lý; xem, yêu cầu chỉnh "
    "sửa, yêu cầu cung cấp dữ liệu của mình; khiếu nại, tố cáo, khởi kiện. Yêu cầu gửi tại Bộ "
    "phận Tiếp nhận và Trả kết quả."
)


OPTIONS: Mapping[str, Option] = {
    option.key: option
    for option in (
        Option(
            "working_sessions",
            list,
            [["07:30", "11:30"], ["13:30", "17:30"]],
            N_("Giờ làm việc (các buổi trong ngày)"),
        ),
        Option("cutoff", str, "15:00", N_("Giờ chốt nhận hồ sơ giải quyết trong ngày")),
        Option("lookup_url", str, "", N_("Địa chỉ tra cứu hồ sơ (mã QR), {code} là mã hồ sơ")),
        Option(
            "slip_format",
            str,
            "a4",
            N_("Khổ giấy in phiếu hẹn (a4, a5, 80mm)"),
            ("a4", "a5", "80mm"),
        ),
        Option("printer", str, "", N_("Máy in (để trống: máy in mặc định)")),
        Option("idle_lock_minutes", int, 10, N_("Khóa phiên sau số phút không thao tác")),
        Option("language", str, "vi", N_("Ngôn ngữ giao diện"), ("vi", "en")),
        Option("contact_warning_days", int, 3, N_("Cảnh báo khi quá số ngày chưa đồng bộ")),
        Option(
            "unit_name",
            str,
            "",
            N_("Tên bộ phận in trên giấy tờ (để trống: theo mẫu của thông tư áp dụng)"),
        ),
        Option("contact_phone", str, "", N_("Số điện thoại liên hệ in trên phiếu yêu cầu bổ sung")),
        Option(
            "signer_on_behalf",
            str,
            "TM. ỦY BAN NHÂN DÂN",
            N_("Dòng thay mặt tập thể trên chữ ký văn bản xin lỗi (để trống: không ghi)"),
        ),
        Option("leader_title", str, "CHỦ TỊCH", N_("Chức vụ người đứng đầu (ký văn bản xin lỗi)")),
        Option(
            "signer_deputy_title",
            str,
            "",
            N_("Chức vụ cấp phó ký thay, ví dụ PHÓ CHỦ TỊCH (để trống: người đứng đầu ký)"),
        ),
        Option("leader_name", str, "", N_("Họ tên người ký văn bản xin lỗi, thông báo dừng")),
        Option(
            "forms_2025_from",
            str,
            "2025-09-15",
            N_("Ngày bắt đầu dùng mẫu của Thông tư 03/2025/TT-VPCP (YYYY-MM-DD)"),
        ),
        Option(
            "document_symbol_agency",
            str,
            "",
            N_("Chữ viết tắt tên cơ quan sau số văn bản, ví dụ TTPVHCC (để trống: không ghi)"),
        ),
        Option("server_url", str, "", N_("Địa chỉ máy chủ đồng bộ (https://…)")),
        Option("ca_bundle", str, "", N_("Tệp chứng chỉ CA riêng của máy chủ (để trống: mặc định)")),
        Option("sync_interval_seconds", int, 300, N_("Đồng bộ tự động sau mỗi số giây")),
        Option(
            "backup_folder",
            str,
            "",
            N_("Thư mục sao lưu tự động (ổ USB hoặc ổ đĩa thứ hai; để trống: không sao lưu)"),
        ),
        Option("backup_time", str, "17:30", N_("Giờ sao lưu cuối ngày (giờ:phút)")),
        Option(
            "lan_port",
            int,
            8470,
            N_("Cổng trao đổi với các quầy trong trung tâm (0: không trao đổi)"),
        ),
        Option(
            "lan_peers",
            str,
            "",
            N_("Các quầy khác khi mạng chặn tự dò tìm (máy:cổng, cách nhau bởi dấu phẩy)"),
        ),
        Option(
            "lan_discovery",
            str,
            "on",
            N_("Tự dò tìm các quầy trong mạng nội bộ (mDNS)"),
            ("on", "off"),
        ),
        Option(
            "retention_years",
            dict,
            dict(DEFAULT_RULES),  # sources: domain/retention_rules.py, docs/legal.md
            N_(
                "Thời hạn lưu thông tin cá nhân (năm) sau khi hồ sơ kết thúc, theo lĩnh vực;"
                " «*»: lĩnh vực khác; 0: không xóa"
            ),
        ),
        Option(
            "privacy_notice_short",
            str,
            NOTICE_SHORT,
            N_("Thông báo xử lý dữ liệu in trên phiếu hẹn"),
        ),
        Option(
            "privacy_notice_url",
            str,
            "",
            N_("Nơi đọc thông báo đầy đủ (in trên phiếu hẹn; để trống: tại Bộ phận một cửa)"),
        ),
        Option(
            "privacy_notice",
            str,
            NOTICE_FULL,
            N_("Thông báo đầy đủ về xử lý dữ liệu cá nhân"),
            multiline=True,
        ),
    )
}


# The settings a printed form cannot do without: printing says which are empty before it prints,
# and the Settings screen shows them as missing.
NEEDED_BY_FORM: Mapping[str, tuple[str, ...]] = {
    "supplement": ("contact_phone",),
    "apology": ("leader_title", "leader_name"),
    "stop": ("leader_title", "leader_name"),
}
FORM_NAMES: Mapping[str, str] = {
    "supplement": N_("phiếu yêu cầu bổ sung (mẫu 02)"),
    "apology": N_("văn bản xin lỗi (mẫu 04)"),
    "stop": N_("thông báo dừng giải quyết (mẫu 05)"),
}


def missing_for(form: str, values: Mapping[str, Any]) -> tuple[str, ...]:
    """The settings form ``form`` needs that are empty in ``values``."""
    return tuple(key for key in NEEDED_BY_FORM.get(form, ()) if not str(values[key]).strip())


def forms_needing(key: str) -> tuple[str, ...]:
    """The forms that cannot be printed while setting ``key`` is empty."""
    return tuple(form for form, keys in NEEDED_BY_FORM.items() if key in keys)


def coerce(key: str, value: Any) -> Any:
    """Check ``value`` against the type and choices declared for ``key``; raise on mismatch."""
    option = OPTIONS[key]
    if not isinstance(value, option.type) or isinstance(value, bool) is not (option.type is bool):
        raise TypeError(f"setting {key} expects {option.type.__name__}")
    if option.choices and value not in option.choices:
        raise TypeError(f"setting {key} expects one of {option.choices}")
    return value
