"""Every form, read back as text: titles, numbers, fields in order, Vietnamese intact."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from counter_app.domain.errors import InvalidInput
from counter_app.printing.forms import render
from counter_app.printing.model import FormKind, FormSet, Paper
from counter_app.services.printdata import privacy_notice
from counter_app.settings import NOTICE_SHORT
from tests.printing import reading, samples

BOTH = [FormSet.TT01_2018, FormSet.TT03_2025]
TITLES = {
    FormKind.SLIP: "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
    FormKind.SUPPLEMENT: "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
    FormKind.REFUSAL: "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
    FormKind.CONTROL: "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
    FormKind.REGISTER: "SỔ THEO DÕI HỒ SƠ",
    FormKind.RECEIPT: "BIÊN NHẬN TRẢ KẾT QUẢ GIẢI QUYẾT HỒ SƠ",
    FormKind.STOP: "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ",
}
APOLOGY = {
    FormSet.TT01_2018: "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
    FormSet.TT03_2025: "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT",
}
NUMBERS = {
    FormSet.TT01_2018: {
        FormKind.SLIP: "Mẫu số 01",
        FormKind.SUPPLEMENT: "Mẫu số 02",
        FormKind.REFUSAL: "Mẫu số 03",
        FormKind.APOLOGY: "Mẫu số 04",
        FormKind.CONTROL: "Mẫu số 05",
        FormKind.REGISTER: "Mẫu số 06",
    },
    FormSet.TT03_2025: {
        FormKind.SLIP: "Mẫu số 01",
        FormKind.SUPPLEMENT: "Mẫu số 02",
        FormKind.REFUSAL: "Mẫu số 03",
        FormKind.APOLOGY: "Mẫu số 04",
        FormKind.STOP: "Mẫu số 05",
        FormKind.CONTROL: "Mẫu số 06",
        FormKind.REGISTER: "Mẫu số 07",
    },
}
MOTTO = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]


def sheet_for(kind: FormKind, form_set: FormSet) -> object:
    """The sample sheet of ``kind``."""
    builders = {
        FormKind.SLIP: lambda: samples.dossier(form_set),
        FormKind.SUPPLEMENT: lambda: samples.supplement(form_set),
        FormKind.REFUSAL: lambda: samples.refusal(form_set),
        FormKind.APOLOGY: lambda: samples.apology(form_set),
        FormKind.STOP: samples.stop,
        FormKind.CONTROL: lambda: samples.control(form_set),
        FormKind.REGISTER: lambda: samples.register(form_set, rows=3),
        FormKind.RECEIPT: lambda: samples.receipt(form_set),
    }
    return builders[kind]()


CASES = [
    (kind, form_set)
    for form_set in BOTH
    for kind in FormKind
    if kind is not FormKind.STOP or form_set is FormSet.TT03_2025
]


@pytest.mark.parametrize(("kind", "form_set"), CASES)
def test_every_form_renders_with_its_title_number_header_and_motto(
    kind: FormKind, form_set: FormSet
) -> None:
    text = reading.text(render(kind, sheet_for(kind, form_set)))
    title = APOLOGY[form_set] if kind is FormKind.APOLOGY else TITLES[kind]
    assert title in text
    number = NUMBERS[form_set].get(kind)
    if number is not None:
        assert number in text
    other = {n for k, n in NUMBERS[form_set].items() if k is not kind}
    assert not any(f"{n} " in f"{text} " for n in other - {number})
    assert reading.in_order(text, ["UBND TỈNH THANH HÓA", "UBND PHƯỜNG QUẢNG HƯNG", *MOTTO])


def test_slip_prints_every_field_of_form_01_in_order() -> None:
    sheet = samples.dossier()
    text = reading.text(render(FormKind.SLIP, sheet))
    assert reading.in_order(
        text,
        [
            "Quảng Hưng, ngày 15 tháng 10 năm 2025",
            "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
            "Mã hồ sơ: 000.17.22.H56-251015-0042",
            "Bộ phận Một cửa: Trung tâm Phục vụ hành chính công phường Quảng Hưng",
            "Tiếp nhận hồ sơ của: Nguyễn Thị Ngọc Hưởng",
            "Địa chỉ: Số 12, ngõ 34, đường Lê Lai, phường Quảng Hưng, tỉnh Thanh Hóa",
            "Số điện thoại: 0912345678; Email: huong.ntn@example.vn",
            "Nội dung yêu cầu giải quyết: Đăng ký thường trú",
            "1. Thành phần hồ sơ nộp gồm:",
            "STT Tên giấy tờ Loại Số lượng",
            "1 Tờ khai thay đổi thông tin cư trú (mẫu CT01) Bản chính 1",
            "2 Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp Bản sao có chứng thực 1",
            "4 Giấy khai sinh của trẻ em dưới 14 tuổi Bản sao 2",
            "2. Số lượng hồ sơ: 1 (bộ)",
            "3. Thời gian giải quyết hồ sơ theo quy định là: 07 ngày làm việc",
            "4. Thời gian nhận hồ sơ: 08 giờ 15 phút, ngày 15 tháng 10 năm 2025",
            "5. Thời gian trả kết quả giải quyết hồ sơ: 16 giờ 30 phút, ngày 24 tháng 10 năm 2025",
            "6. Đăng ký nhận kết quả tại: Trung tâm Phục vụ hành chính công phường Quảng Hưng",
            "Vào Sổ theo dõi hồ sơ, Quyển số: 2025, Số thứ tự: 42",
            "NGƯỜI NỘP HỒ SƠ (Ký và ghi rõ họ tên)",
            "NGƯỜI TIẾP NHẬN HỒ SƠ (Ký và ghi rõ họ tên)",
            "Nguyễn Thị Ngọc Hưởng Lê Văn Đạt",
            "Ghi chú:",
            "được lập thành 02 liên",
            "mang theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả này và Căn cước",
        ],
    )
    assert "Liên" not in text


def test_2018_slip_names_the_reception_unit() -> None:
    text = reading.text(render(FormKind.SLIP, samples.dossier(FormSet.TT01_2018)))
    assert "Bộ phận tiếp nhận và trả kết quả: UBND PHƯỜNG QUẢNG HƯNG" in text
    assert "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ" in text
    assert "4. Thời gian nhận hồ sơ: 14 giờ 05 phút, ngày 31 tháng 5 năm 2021" in text


@pytest.mark.parametrize("paper", list(Paper))
def test_two_copies_are_labelled_and_each_starts_a_page(paper: Paper) -> None:
    pdf = render(FormKind.SLIP, samples.dossier(), paper=paper, copies=2)
    pages = reading.page_texts(pdf)
    assert len(pages) == 2
    assert "(Liên 1: Lưu)" in pages[0]
    assert "(Liên 2: Giao người nộp)" in pages[1]
    for page in pages:
        assert samples.APPLICANT in page
        assert "Trang " not in page  # one page per copy: no page numbers


@pytest.mark.parametrize("paper", [Paper.A4, Paper.A5])
def test_long_slip_flows_onto_more_pages_losing_nothing(paper: Paper) -> None:
    sheet = samples.long_dossier()
    pdf = render(FormKind.SLIP, sheet, paper=paper)
    pages = reading.page_texts(pdf)
    assert len(pages) >= 2
    text = " ".join(pages)
    assert f"Địa chỉ: {samples.LONG_ADDRESS}" in text
    for index, document in enumerate(sheet.documents, start=1):
        assert f"{index} {document.name} {document.form_label} {document.count}" in text
    assert "Trang 1/" in pages[0]
    assert "NGƯỜI TIẾP NHẬN HỒ SƠ" in text
    assert text.count("STT Tên giấy tờ Loại Số lượng") == len(pages) - (
        0 if "STT" in pages[-1] else 1
    )


def test_a_slip_a_few_lines_too_long_still_takes_one_a4_sheet() -> None:
    fee = "Miễn lệ phí khi đăng ký đúng hạn (trong 60 ngày kể từ ngày sinh); quá hạn thu lệ phí"
    # every slip carries the notice of processing as shipped (Law 91/2025 Điều 4)
    notice = privacy_notice({"privacy_notice_short": NOTICE_SHORT, "privacy_notice_url": ""})
    sheet = replace(
        samples.dossier(documents=samples.MANY_DOCUMENTS[:8], fee_text=fee), privacy_notice=notice
    )
    pdf = render(FormKind.SLIP, sheet, paper=Paper.A4)
    assert reading.page_count(pdf) == 1  # at the usual 12 pt it ran onto a second sheet
    text = reading.text(pdf)
    assert all(document.name in text for document in sheet.documents)
    assert "91/2025/QH15" in text
    assert "NGƯỜI TIẾP NHẬN HỒ SƠ" in text and "Ghi chú" in text
    assert "Trang " not in text
    two = render(FormKind.SLIP, sheet, paper=Paper.A4, copies=2)
    assert reading.page_count(two) == 2  # one sheet per liên


def test_long_slip_on_the_roll_is_one_tall_page() -> None:
    sheet = samples.long_dossier()
    pdf = render(FormKind.SLIP, sheet, paper=Paper.THERMAL_80MM)
    assert reading.page_count(pdf) == 1
    text = reading.text(pdf)
    assert f"Địa chỉ: {samples.LONG_ADDRESS}" in text
    assert all(document.name in text for document in sheet.documents)
    image = reading.render(pdf, dpi=72)
    assert image.width == round(80 / 25.4 * 72)
    assert image.height > 3 * image.width


def test_two_long_copies_number_their_pages_per_copy() -> None:
    pdf = render(FormKind.SLIP, samples.long_dossier(), copies=2)
    pages = reading.page_texts(pdf)
    per_copy = len(pages) // 2
    assert per_copy >= 2
    assert "(Liên 1: Lưu)" in pages[0] and "(Liên 2: Giao người nộp)" in pages[per_copy]
    assert f"Trang 1/{per_copy}" in pages[0] and f"Trang 1/{per_copy}" in pages[per_copy]


def test_supplement_lists_what_is_missing_why_and_whom_to_ask() -> None:
    sheet = samples.supplement()
    text = reading.text(render(FormKind.SUPPLEMENT, sheet))
    assert reading.in_order(
        text,
        [
            "Số: 42/HDHS",
            "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
            "tiếp nhận hồ sơ/yêu cầu của Ông/Bà: Nguyễn Thị Ngọc Hưởng",
            "Nội dung yêu cầu giải quyết: Đăng ký thường trú",
            "Địa chỉ: Số 12, ngõ 34",
            "Số điện thoại: 0912345678",
            "Yêu cầu Ông/Bà hoàn thiện hồ sơ gồm những nội dung như sau:",
            "TT Thành phần hồ sơ Loại Số lượng",
            "1 Văn bản đồng ý cho đăng ký thường trú của chủ hộ Bản chính 1",
            "2 Hợp đồng thuê nhà có công chứng Bản sao có chứng thực 1",
            "Lý do: Hồ sơ chưa đầy đủ thành phần theo quy định.",
            "liên hệ với Lê Văn Đạt, số điện thoại 0237 3852 123 để được hướng dẫn./.",
            "NGƯỜI HƯỚNG DẪN (Ký và ghi rõ họ tên)",
            "Lê Văn Đạt",
        ],
    )


def test_refusal_gives_every_reason() -> None:
    text = reading.text(render(FormKind.REFUSAL, samples.refusal()))
    assert reading.in_order(
        text,
        [
            "Số: 7/TCHS",
            "tiếp nhận hồ sơ của: Nguyễn Thị Ngọc Hưởng",
            "Địa chỉ:",
            "Số điện thoại: 0912345678",
            "Email: huong.ntn@example.vn",
            "Nội dung yêu cầu giải quyết: Đăng ký thường trú",
            "thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:",
            "1. Thủ tục không thuộc thẩm quyền giải quyết của UBND phường Quảng Hưng.",
            "2. Đề nghị Ông/Bà liên hệ Công an tỉnh Thanh Hóa để được hướng dẫn.",
            "Xin thông báo cho Ông/Bà được biết và thực hiện./.",
            "NGƯỜI TIẾP NHẬN HỒ SƠ",
            "Lê Văn Đạt",
        ],
    )


@pytest.mark.parametrize("form_set", BOTH)
def test_apology_states_dates_reason_and_signer(form_set: FormSet) -> None:
    text = reading.text(render(FormKind.APOLOGY, samples.apology(form_set)))
    if form_set is FormSet.TT03_2025:
        received, old_due, new_due = "15/10/2025", "24 tháng 10 năm 2025", "29 tháng 10 năm 2025"
    else:
        received, old_due, new_due = "31/5/2021", "09 tháng 6 năm 2021", "14 tháng 6 năm 2021"
    assert reading.in_order(
        text,
        [
            "Số: 3/PXL",
            APOLOGY[form_set],
            "Kính gửi: Ông/Bà Nguyễn Thị Ngọc Hưởng",
            f"Ngày {received}, UBND PHƯỜNG QUẢNG HƯNG tiếp nhận",
            "thủ tục Đăng ký thường trú",
            "Mã hồ sơ:",
            f"ngày {old_due}",
            "Tuy nhiên đến nay",
            "Lý do: Cần xác minh thêm thông tin",
            f"ngày {new_due}",
            "Mong nhận được sự thông cảm",
            "Nơi nhận:",
            "KT. CHỦ TỊCH PHÓ CHỦ TỊCH",
            "Trần Quốc Vượng",
        ],
    )
    assert "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG" not in text  # signed by the agency itself


def test_stop_notice_exists_only_from_2025() -> None:
    text = reading.text(render(FormKind.STOP, samples.stop()))
    assert reading.in_order(
        text,
        [
            "Quảng Hưng, ngày 18 tháng 10 năm 2025",
            "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ",
            "Kính gửi: Ông/Bà Nguyễn Thị Ngọc Hưởng",
            "Mã hồ sơ: 000.17.22.H56-251015-0042",
            "dừng giải quyết hồ sơ nêu trên kể từ 09 giờ 40 phút, ngày 18 tháng 10 năm 2025",
            "Lý do: Công dân có văn bản đề nghị rút hồ sơ",
            "Nơi nhận:",
        ],
    )
    old = replace(samples.stop(), dossier=samples.dossier(FormSet.TT01_2018))
    with pytest.raises(InvalidInput, match="chỉ có từ Thông tư 03/2025"):
        render(FormKind.STOP, old)


@pytest.mark.parametrize("form_set", BOTH)
def test_control_sheet_has_one_block_per_handover(form_set: FormSet) -> None:
    sheet = samples.control(form_set)
    text = reading.text(render(FormKind.CONTROL, sheet))
    assert reading.in_order(
        text,
        [
            "Mã hồ sơ:",
            "Kèm theo hồ sơ của: Nguyễn Thị Ngọc Hưởng",
            "Ngày nhận:",
            "Ngày, giờ hẹn trả kết quả:",
            "Cơ quan (bộ phận) giải quyết hồ sơ: Công an phường Quảng Hưng",
            "Cơ quan phối hợp giải quyết hồ sơ: Công chức Địa chính - Xây dựng",
            "TÊN CƠ QUAN THỜI GIAN GIAO, NHẬN HỒ SƠ",
            "KẾT QUẢ GIẢI QUYẾT HỒ SƠ (Trước hạn/đúng hạn/quá hạn) GHI CHÚ",
            "1. Giao: Bộ phận Tiếp nhận và Trả kết quả 2. Nhận: Công an phường Quảng Hưng",
            "1. Giao: Công an phường Quảng Hưng",
            "Trước hạn Đã ký kết quả",
            "2. Nhận: Ông/Bà Nguyễn Thị Ngọc Hưởng",
        ],
    )
    assert text.count("Người giao Người nhận") == len(sheet.handovers)
    assert text.count(" giờ ") >= 2 + len(sheet.handovers)


def test_control_sheet_leaves_blank_blocks_for_the_pen() -> None:
    sheet = replace(samples.control(), handovers=samples.control().handovers[:1])
    text = reading.text(render(FormKind.CONTROL, sheet))
    assert text.count("Người giao Người nhận") == 3
    assert "…… giờ …… phút, ngày …… tháng …… năm ……" in text


@pytest.mark.parametrize("form_set", BOTH)
def test_register_runs_over_pages_with_header_rows_and_totals(form_set: FormSet) -> None:
    sheet = samples.register(form_set, rows=120)
    pdf = render(FormKind.REGISTER, sheet)
    pages = reading.page_texts(pdf)
    assert len(pages) >= 4
    for number, page in enumerate(pages, start=1):
        assert f"Trang {number}/{len(pages)}" in page
        assert "Mã hồ sơ Tên TTHC" in page
        assert "Ngày, tháng, năm" in page
    text = " ".join(pages)
    assert all(row.code in text for row in sheet.rows)
    returned = sum(1 for row in sheet.rows if row.returned_at is not None)
    assert returned == 80
    assert "Tổng số hồ sơ: 120; đã trả kết quả: 80; chưa trả kết quả: 40." in pages[-1]
    image = reading.render(pdf, dpi=72)
    assert image.width > image.height  # landscape


def test_register_columns_follow_the_book() -> None:
    text = reading.text(render(FormKind.REGISTER, samples.register(rows=1)))
    assert reading.in_order(
        text,
        [
            "Từ ngày 01/10/2025 đến ngày 14/11/2025",
            "STT Mã hồ sơ Tên TTHC Số lượng hồ sơ (bộ) Tên cá nhân, tổ chức",
            "Địa chỉ, số điện thoại Cơ quan chủ trì giải quyết Ngày, tháng, năm",
            "Phương thức nhận kết quả Ký nhận Ghi chú",
            "Nhận hồ sơ Hẹn trả kết quả Chuyển hồ sơ đến cơ quan giải quyết",
            "Nhận kết quả từ cơ quan giải quyết Trả kết quả",
            "1 000.17.22.H56-251001-0001 Đăng ký thường trú 1 Nguyễn Thị Ngọc Hưởng 1",
            "01/10/2025 10/10/2025 01/10/2025 06/10/2025 07/10/2025 Tại quầy",
            "Tổng số hồ sơ: 1; đã trả kết quả: 1; chưa trả kết quả: 0.",
        ],
    )


def test_empty_register_still_prints_its_totals() -> None:
    text = reading.text(render(FormKind.REGISTER, samples.register(rows=0)))
    assert "Tổng số hồ sơ: 0; đã trả kết quả: 0; chưa trả kết quả: 0." in text
    assert "Trang 1/1" in text


@pytest.mark.parametrize("paper", list(Paper))
def test_receipt_shows_fee_in_dong_and_rating(paper: Paper) -> None:
    text = reading.text(render(FormKind.RECEIPT, samples.receipt(), paper=paper))
    assert reading.in_order(
        text,
        [
            "Quảng Hưng, ngày 22 tháng 10 năm 2025",
            "BIÊN NHẬN TRẢ KẾT QUẢ GIẢI QUYẾT HỒ SƠ",
            "Mã hồ sơ: 000.17.22.H56-251015-0042",
            "Thủ tục hành chính: Đăng ký thường trú",
            "Người nộp hồ sơ: Nguyễn Thị Ngọc Hưởng",
            "Người nhận kết quả: Nguyễn Thị Ngọc Hưởng",
            "Số định danh cá nhân: 038190012345",
            "Thời gian trả kết quả: 10 giờ 05 phút, ngày 22 tháng 10 năm 2025",
            "Hình thức nhận kết quả: Tại quầy",
            "Phí, lệ phí đã nộp: 20.000 đồng",
            "Đánh giá mức độ hài lòng: Rất hài lòng",
            "NGƯỜI NHẬN KẾT QUẢ",
            "NGƯỜI TRẢ KẾT QUẢ",
        ],
    )
    assert "Mẫu số" not in text


def test_receipt_formats_large_fees_and_a_missing_rating() -> None:
    sheet = replace(samples.receipt(), fee_paid=1_250_000, rating_label="", receiver_id_number=None)
    text = reading.text(render(FormKind.RECEIPT, sheet))
    assert "Phí, lệ phí đã nộp: 1.250.000 đồng" in text
    assert "Đánh giá mức độ hài lòng: Chưa đánh giá" in text
    assert "Số định danh cá nhân" not in text


def test_times_are_printed_on_vietnam_wall_clock() -> None:
    sheet = samples.dossier(received_at=datetime(2025, 10, 15, 1, 15, tzinfo=UTC))
    text = reading.text(render(FormKind.SLIP, sheet))
    assert "4. Thời gian nhận hồ sơ: 08 giờ 15 phút, ngày 15 tháng 10 năm 2025" in text


def test_missing_values_print_dotted_blanks_and_markup_is_literal() -> None:
    sheet = samples.dossier(
        applicant_name="Công ty TNHH A & B <Việt Nam>",
        email=None,
        phone=None,
        due_at=None,
        id_number=None,
    )
    text = reading.text(render(FormKind.SLIP, sheet))
    assert "Tiếp nhận hồ sơ của: Công ty TNHH A & B <Việt Nam>" in text
    assert "Số điện thoại: ……………………; Email: ……………………" in text
    assert (
        "5. Thời gian trả kết quả giải quyết hồ sơ: …… giờ …… phút, ngày …… tháng …… năm ……" in text
    )
    assert "Số định danh cá nhân" not in text


def test_text_comes_back_with_every_diacritic() -> None:
    names = "Nguyễn Thị Ngọc Hưởng; Đặng Thùy Dương; Lưu Quỳnh Hương; Phạm Ỷ Lan; Vũ Ngọc Ẩn"
    text = reading.text(render(FormKind.SLIP, samples.dossier(applicant_name=names)))
    assert names in text
    assert "\ufffd" not in text


@pytest.mark.parametrize(("kind", "form_set"), CASES)
def test_output_is_byte_for_byte_repeatable(kind: FormKind, form_set: FormSet) -> None:
    sheet = sheet_for(kind, form_set)
    assert render(kind, sheet) == render(kind, sheet)


def test_wrong_paper_copies_or_sheet_are_refused() -> None:
    with pytest.raises(InvalidInput, match="A5"):
        render(FormKind.REGISTER, samples.register(rows=1), paper=Paper.A5)
    with pytest.raises(InvalidInput, match="80 mm"):
        render(FormKind.CONTROL, samples.control(), paper=Paper.THERMAL_80MM)
    with pytest.raises(InvalidInput, match="Số bản in"):
        render(FormKind.SLIP, samples.dossier(), copies=0)
    with pytest.raises(TypeError):
        render(FormKind.SLIP, samples.receipt())


def test_output_does_not_depend_on_what_was_printed_before() -> None:
    first = render(FormKind.SLIP, samples.dossier())
    render(FormKind.REGISTER, samples.register(rows=30))
    render(FormKind.SLIP, samples.long_dossier(), paper=Paper.THERMAL_80MM)
    assert render(FormKind.SLIP, samples.dossier()) == first


def test_letters_carry_their_issue_date_and_signer() -> None:
    apology = reading.text(render(FormKind.APOLOGY, samples.apology(FormSet.TT03_2025)))
    assert "Quảng Hưng, ngày 23 tháng 10 năm 2025" in apology
    stop = reading.text(render(FormKind.STOP, samples.stop()))
    assert "PHÓ CHỦ TỊCH" in stop and "Trần Quốc Vượng" in stop
