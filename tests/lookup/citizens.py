"""A fictitious applicant and a station's dossiers in every state the lookup page tells apart.

The dossiers are made by a real station's own services (receive, refuse, steps) and synced to
the server, so the page reads the payloads a counter really writes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from counter_app.domain.lifecycle import EventType
from counter_app.services.reception_types import IntakeRequest
from counter_app.services.step_types import StepInput
from counter_app.station import Station
from counter_server.lookup.status import Status
from tests.factories import RESIDENCE, TEST_PROCEDURES, applicant, request
from tests.server.factories import admin_headers

# Nobody: an ID number and a phone kept for these tests, and a name that says what it is.
NAME = "Hoàng Thị Tra Cứu"
ID_NUMBER = "001190077771"
PHONE = "0987650042"
ADDRESS = "Số 1 ngõ Thử Nghiệm, phường Quảng Hưng"
ID_DIGITS, PHONE_DIGITS = ID_NUMBER[-4:], PHONE[-4:]
COLLECTOR = "Phạm Văn Nhận Thay"
PERSONAL = (NAME, ID_NUMBER, PHONE, ADDRESS, COLLECTOR)
MISSING = "Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp"  # d2 of 1.004222, a copy
REASONS = {
    Status.SUPPLEMENT: "Bản sao hợp đồng thuê nhà bị mờ",
    Status.REFUSED: "Thủ tục không thuộc thẩm quyền của phường",
    Status.WITHDRAWN: "Người nộp xin rút để nộp lại sau",
    Status.STOPPED: "Người nộp không bổ sung trong thời hạn",
}


def publish_procedures(http: Any, database_url: str) -> None:
    """The province publishes the tests' residence procedure (not in the starter set), as it
    publishes its catalogue: the server then knows its name."""
    document = json.loads(TEST_PROCEDURES.read_text(encoding="utf-8"))
    answer = http.post("/v1/admin/catalogue", json=document, headers=admin_headers(database_url))
    assert answer.status_code == 200, answer.text


def citizen_request(received_at: datetime, **overrides: object) -> IntakeRequest:
    """The fictitious applicant's residence registration, received at ``received_at``."""
    person = applicant(name=NAME, id_number=ID_NUMBER, phone=PHONE, address=ADDRESS)
    return request(RESIDENCE, applicant=person, received_at=received_at, **overrides)


@dataclass(frozen=True)
class Seeded:
    """The codes of the dossiers made, by what the page should say of them."""

    codes: Mapping[str, str]

    def __getitem__(self, name: str) -> str:
        return self.codes[name]


def every_state(station: Station, now: datetime | None = None) -> Seeded:
    """One dossier per status (two for late: with and without an apology, two for a result
    ready: counter and post); names: the Status values plus ``overdue_apologised``, ``by_post``."""
    now = now or datetime.now(UTC)
    codes = {
        Status.RECEIVED.value: _received(station, now),
        Status.IN_PROGRESS.value: _stepped(station, now, (EventType.TRANSFERRED, _TO)),
        Status.SUPPLEMENT.value: _stepped(
            station,
            now,
            (EventType.TRANSFERRED, _TO),
            (
                EventType.SUPPLEMENT_REQUESTED,
                StepInput(missing_keys=("d2",), reason=REASONS[Status.SUPPLEMENT]),
            ),
        ),
        Status.RESOLVED.value: _stepped(station, now, (EventType.RESOLVED, _RESULT)),
        "by_post": _stepped(station, now, (EventType.RESOLVED, _RESULT), post=True),
        Status.RETURNED.value: _stepped(
            station,
            now,
            (EventType.RESOLVED, _RESULT),
            (EventType.RETURNED, StepInput(receiver_name=COLLECTOR, fee_paid=0)),
        ),
        Status.OVERDUE.value: _stepped(
            station, now - timedelta(days=30), (EventType.TRANSFERRED, _TO)
        ),
        Status.REFUSED.value: station.refuse(
            citizen_request(now), reasons=REASONS[Status.REFUSED], actor="clerk", now=now
        ).code,
        Status.WITHDRAWN.value: _stepped(
            station, now, (EventType.WITHDRAWN, StepInput(reason=REASONS[Status.WITHDRAWN]))
        ),
        Status.STOPPED.value: _stepped(
            station, now, (EventType.STOPPED, StepInput(reason=REASONS[Status.STOPPED]))
        ),
    }
    late = _stepped(station, now - timedelta(days=30), (EventType.TRANSFERRED, _TO))
    station.step(
        late,
        EventType.APOLOGISED,
        StepInput(new_due_at=NEW_DATE, reason="Chờ xác minh của Công an tỉnh"),
        actor="leader",
        now=now,
    )
    codes["overdue_apologised"] = late
    return Seeded(codes)


NEW_DATE = datetime(2027, 6, 15, 9, 0, tzinfo=UTC)  # 16:00 on 15/06/2027 in Vietnam
_TO = StepInput(to="Công an phường")
_RESULT = StepInput(result="Đã đăng ký thường trú")


def _received(station: Station, at: datetime, *, post: bool = False) -> str:
    method = {"return_method": "post"} if post else {}
    return station.receive(citizen_request(at, **method), actor="clerk", now=at).code


def _stepped(
    station: Station, at: datetime, *steps: tuple[EventType, StepInput], post: bool = False
) -> str:
    code = _received(station, at, post=post)
    for minutes, (event, data) in enumerate(steps, start=1):
        station.step(code, event, data, actor="clerk", now=at + timedelta(minutes=minutes))
    return code
