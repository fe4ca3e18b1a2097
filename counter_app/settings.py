"""Every station setting declared once, with its type and default (Qt-free).

Values live in the store's ``settings`` table; the GUI edits them through this registry.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from counter_app.i18n import N_


@dataclass(frozen=True)
class Option:
    """A declared setting."""

    key: str
    type: type
    default: Any
    label: str
    choices: tuple[Any, ...] = ()


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
