"""Minimum data: from a card scan the store keeps only what the dossier uses."""

from __future__ import annotations

import hashlib

from counter_app.services.applicant import from_qr_text
from counter_app.station import Station
from tests.conftest import every_row
from tests.factories import RESIDENCE, request, vn

# a fictitious card: its old CMND number and issue date are on the card, not in any dossier
OLD_ID = "381234567"
ISSUED = "01032022"
QR = f"079193004321|{OLD_ID}|PHẠM THỊ HỒNG NHUNG|14021993|Nữ|Số 7 ngõ Thử, Quảng Hưng|{ISSUED}"


def dump(station: Station) -> str:
    """Every row of the store as text."""
    return every_row(station.store.path)


def test_a_scanned_card_leaves_its_fields_and_a_digest_never_its_text(station: Station) -> None:
    at = vn(2026, 3, 10, 9)
    scanned = request(RESIDENCE, applicant=from_qr_text(QR), scan_raw=QR, received_at=at)
    code = station.receive(scanned, actor="clerk", now=at).code
    facts = station.dossier(code)
    assert facts.applicant["id_number"] == "079193004321"
    assert facts.applicant["dob"] == "1993-02-14"
    created = station.events(facts.id)[0]
    assert created.personal is not None  # beside the event, erasable (domain.personal)
    assert created.personal["scan_sha256"] == hashlib.sha256(QR.encode("utf-8")).hexdigest()
    assert "scan_raw" not in created.payload["dossier"]
    stored = dump(station)
    assert OLD_ID not in stored and ISSUED not in stored and QR not in stored


def test_a_typed_applicant_has_no_scan_digest(station: Station) -> None:
    code = station.receive(request(RESIDENCE), actor="clerk").code
    facts = station.dossier(code)
    created = station.events(facts.id)[0]
    assert created.personal is not None and created.personal["scan_sha256"] is None
