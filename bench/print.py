"""Building the appointment slip (form 01 with barcode and QR) as PDF bytes.

Usage: python bench/print.py [--runs 200] [--warmup 20] [--spool 30]
Prints the median, p95 and p99 of one build of the A4 slip and of the 80 mm roll slip,
after warm-up (fonts registered, labels loaded): as a reprint (barcode and QR patterns cached)
and as the first print of a new dossier (both encoded). Target: A4 slip under 25 ms median.

Then, with a CUPS queue (scripts/cups_setup.sh), the time from the clerk's "accept" to the job
handed to the spooler: receive the dossier (durable commit), build its slip, paint it onto the
station's printer through Qt, log the print. Target: under 300 ms.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from stats import summary

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.factories

from counter_app.printing.barcode import modules
from counter_app.printing.forms import render
from counter_app.printing.model import (
    AgencyHeader,
    DossierSheet,
    FormKind,
    FormSet,
    Paper,
    PrintedDocument,
)
from counter_app.printing.qr import qr_matrix

CODE = "000.17.22.H56-251015-0042"


def slip() -> DossierSheet:
    """A typical dossier: four documents, a lookup address."""
    received = datetime(2025, 10, 15, 8, 15, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    return DossierSheet(
        form_set=FormSet.TT03_2025,
        header=AgencyHeader(
            "UBND TỈNH THANH HÓA",
            "UBND PHƯỜNG QUẢNG HƯNG",
            "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
            "Quảng Hưng",
        ),
        code=CODE,
        procedure_code="1.004873",
        procedure_name="Đăng ký thường trú",
        field="Đăng ký, quản lý cư trú",
        applicant_name="Nguyễn Thị Ngọc Hưởng",
        id_number="038190012345",
        address="Số 12, ngõ 34, đường Lê Lai, phường Quảng Hưng, tỉnh Thanh Hóa",
        phone="0912345678",
        email=None,
        documents=(
            PrintedDocument("Tờ khai thay đổi thông tin cư trú (mẫu CT01)", "Bản chính", 1),
            PrintedDocument("Giấy tờ chứng minh chỗ ở hợp pháp", "Bản sao có chứng thực", 1),
            PrintedDocument("Văn bản đồng ý cho đăng ký thường trú", "Bản chính", 1),
            PrintedDocument("Giấy khai sinh của trẻ em dưới 14 tuổi", "Bản sao", 2),
        ),
        set_count=1,
        time_limit_text="07 ngày làm việc",
        created_at=received,
        received_at=received,
        due_at=received + timedelta(days=9, hours=8),
        return_place="Bộ phận Tiếp nhận và Trả kết quả - UBND phường Quảng Hưng",
        register_book="2025",
        register_number=42,
        clerk_name="Lê Văn Đạt",
        lookup_url=f"https://dichvucong.thanhhoa.gov.vn/tra-cuu?ma={CODE}",
        fee_text="Miễn lệ phí",
    )


def timed(paper: Paper, runs: int, warmup: int, *, fresh: bool = False) -> list[float]:
    """Seconds per build of the slip on ``paper``; ``fresh``: the barcode and QR are
    encoded anew each time, as for the first print of a new dossier."""
    sheet = slip()
    for _ in range(warmup):
        render(FormKind.SLIP, sheet, paper=paper)
    samples = []
    for _ in range(runs):
        if fresh:
            modules.cache_clear()
            qr_matrix.cache_clear()
        began = time.perf_counter()
        render(FormKind.SLIP, sheet, paper=paper)
        samples.append(time.perf_counter() - began)
    return samples


def accept_to_spooler(runs: int) -> list[float] | None:
    """Seconds from accept to the slip handed to the default printer; None without a printer."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from counter_app.station import Station
    from counter_app.ui.print_dispatch import default_printer
    from counter_app.ui.print_jobs import PrintRequest, print_form
    from tests.factories import request

    app = QApplication.instance() or QApplication([])
    if default_printer() is None:
        return None
    import keys

    keys.start()  # the station's store keeps its key there
    with tempfile.TemporaryDirectory() as folder:
        station = Station(Path(folder))
        station.initialise(agency_code="000.17.22.H56", agency_name="UBND phường", slot=0)
        samples = []
        for index in range(runs + 3):
            began = time.perf_counter()
            code = station.receive(request(), actor="bench").code
            outcome = print_form(station, PrintRequest(FormKind.SLIP, code), actor="bench")
            if index >= 3:  # the first prints load reportlab, fonts and the print plugin
                samples.append(time.perf_counter() - began)
            assert outcome.ok, outcome.error
        station.close()
    app.processEvents()
    return samples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--spool", type=int, default=30, help="accept-to-spooler runs")
    args = parser.parse_args()
    runs, warmup = args.runs, args.warmup
    print(summary("slip A4, reprint", timed(Paper.A4, runs, warmup)))
    print(summary("slip A4, new dossier", timed(Paper.A4, runs, warmup, fresh=True)))
    print(summary("slip 80 mm roll, reprint", timed(Paper.THERMAL_80MM, runs, warmup)))
    print(summary("slip 80 mm, new dossier", timed(Paper.THERMAL_80MM, runs, warmup, fresh=True)))
    spooled = accept_to_spooler(args.spool)
    if spooled is None:
        print("accept to spooler: no printer (run scripts/cups_setup.sh)")
    else:
        print(summary("accept to spooler (A4 slip)", spooled))


if __name__ == "__main__":
    main()
