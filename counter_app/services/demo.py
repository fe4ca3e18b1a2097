"""A demo station: realistic dossiers across every state, some of them late.

The history is planned as a timeline and replayed through the real use cases in time order, so
the demo store is exactly what a month at a ward counter would leave behind.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta

from counter_app.domain.calendar import VN_TZ, WorkingCalendar
from counter_app.domain.catalogue import time_limit_missing
from counter_app.domain.cccd import Sex
from counter_app.domain.lifecycle import EventType
from counter_app.services.applicant import Applicant
from counter_app.services.catalogue_types import CatalogueEntry
from counter_app.services.reception import all_required, processing_time
from counter_app.services.reception_types import IntakeRequest, Receipt
from counter_app.services.step_types import StepInput
from counter_app.station import Station

# Repeated entries follow how common each name is (Nguyễn, Văn and Thị above all).
FAMILY = (
    ("Nguyễn",) * 8
    + ("Trần", "Lê") * 3
    + ("Phạm", "Hoàng") * 2
    + ("Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý")
)
MIDDLE_MALE = ("Văn",) * 5 + ("Hữu", "Đức", "Minh", "Quốc", "Thanh", "Công", "Xuân")
MIDDLE_FEMALE = ("Thị",) * 5 + ("Ngọc", "Thu", "Minh", "Thanh", "Bích", "Kim", "Mỹ")
GIVEN_MALE = (
    "An", "Bình", "Dũng", "Đức", "Hải", "Hùng", "Khánh", "Long",
    "Nam", "Phong", "Phúc", "Quân", "Sơn", "Trung", "Tuấn", "Việt",
)  # fmt: skip
GIVEN_FEMALE = (
    "Châu", "Giang", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh",
    "Mai", "Ngân", "Nhung", "Quỳnh", "Tâm", "Thảo", "Trang", "Yến",
)  # fmt: skip
STREETS = (
    "Lê Lai",
    "Trần Phú",
    "Nguyễn Trãi",
    "Bà Triệu",
    "Hàm Nghi",
    "Lý Thường Kiệt",
    "Phan Chu Trinh",
    "Quang Trung",
)
DEPARTMENTS = (
    "Công chức Tư pháp - Hộ tịch",
    "Công an phường",
    "Công chức Văn hóa - Xã hội",
    "Công chức Địa chính",
)

PLACE = "phường Hạc Thành, tỉnh Thanh Hóa"
Step = Callable[[datetime], object]


@dataclass(order=True)
class _Planned:
    at: datetime
    order: int
    run: Step


class DemoPlanner:
    """Plans ``count`` dossiers over the working days before ``today`` and replays them."""

    def __init__(self, station: Station, *, count: int, now: datetime, seed: int = 2026) -> None:
        self.station = station
        self.count = count
        self.now = now
        self.today = now.astimezone(VN_TZ).date()
        self.rng = random.Random(seed)
        self.calendar: WorkingCalendar = station.context().calendar
        self.procedures = [
            e
            for e in station.offered_catalogue(self.today)
            if e.spec.status == "active" and not time_limit_missing(e.spec)
        ]
        self.plan: list[_Planned] = []
        self.codes: dict[int, str] = {}

    def run(self) -> int:
        """Plan and replay; return the number of dossiers created."""
        days = self._working_days(30)
        for index in range(self.count):
            self._plan_dossier(index, self.rng.choice(days))
        for item in sorted(self.plan):
            item.run(item.at)
        return len(self.codes)

    def _working_days(self, n: int) -> list[date]:
        days: list[date] = []
        day = self.today
        while len(days) < n:
            day -= timedelta(days=1)
            if self.calendar.is_working_day(day):
                days.append(day)
        return days

    def _moment(self, day: date) -> datetime:
        minutes = self.rng.choice((self.rng.randint(0, 239), self.rng.randint(360, 599)))
        return datetime(day.year, day.month, day.day, 7, 30, tzinfo=VN_TZ) + timedelta(
            minutes=minutes
        )

    def _add(self, at: datetime, step: Step) -> None:
        if at >= self.now:
            return  # has not happened yet
        self.plan.append(_Planned(at.astimezone(UTC), len(self.plan), step))

    def _plan_dossier(self, index: int, day: date) -> None:
        entry = self.rng.choice(self.procedures)
        received = self._moment(day)
        request = self._request(entry)
        roll = self.rng.random()
        if roll < 0.04:
            self._add(received, lambda at: self._refuse(index, request, at))
            return
        if roll < 0.10:
            request = self._incomplete(request, entry)
        self._add(received, lambda at: self._receive(index, request, at))
        if roll >= 0.10:
            self._plan_progress(index, entry, received)

    def _plan_progress(self, index: int, entry: CatalogueEntry, received: datetime) -> None:
        due = self.calendar.due_at(received, processing_time(entry))
        transfer = received + timedelta(hours=1)
        self._add(
            transfer,
            self._step(index, EventType.TRANSFERRED, StepInput(to=self.rng.choice(DEPARTMENTS))),
        )
        start = transfer + timedelta(hours=2)
        self._add(start, self._step(index, EventType.PROCESSING_STARTED, StepInput()))
        fate = self.rng.random()
        if fate < 0.06:
            return  # waiting on another agency: open, and late once its due date passes
        late = fate < 0.18
        span = (due - received) * (
            self.rng.uniform(1.05, 1.6) if late else self.rng.uniform(0.3, 0.95)
        )
        resolved = self.calendar.start_of_work(received + max(span, timedelta(hours=4)))
        if resolved >= self.now:
            return  # still in progress (late if its due date has passed)
        self._add(
            resolved,
            self._step(index, EventType.RESOLVED, StepInput(result="Đã có kết quả giải quyết")),
        )
        returned = self.calendar.start_of_work(resolved + timedelta(hours=self.rng.randint(2, 40)))
        if self.rng.random() < 0.8:
            rating = self.rng.choice(
                ("very_satisfied", "very_satisfied", "satisfied", "dissatisfied")
            )
            data = StepInput(fee_paid=entry.spec.fee_amount or 0, rating=rating)
            self._add(returned, self._step(index, EventType.RETURNED, data))

    def _step(self, index: int, event: EventType, data: StepInput) -> Step:
        def run(at: datetime) -> object:
            return self.station.step(self.codes[index], event, data, actor="demo", now=at)

        return run

    def _receive(self, index: int, request: IntakeRequest, at: datetime) -> Receipt:
        receipt = self.station.receive(request, actor="demo", now=at)
        self.codes[index] = receipt.code
        return receipt

    def _refuse(self, index: int, request: IntakeRequest, at: datetime) -> Receipt:
        reasons = "Thủ tục không thuộc thẩm quyền giải quyết của UBND phường."
        receipt = self.station.refuse(request, reasons=reasons, actor="demo", now=at)
        self.codes[index] = receipt.code
        return receipt

    def _incomplete(self, request: IntakeRequest, entry: CatalogueEntry) -> IntakeRequest:
        """Every demanded document but the first paper one: form 02 never asks for a document
        the state's data can give."""
        handed = all_required(entry.spec.documents)
        obtainable = {d.key for d in entry.spec.documents if d.obtainable_from}
        first = next((i for i, d in enumerate(handed) if d.key not in obtainable), 0)
        return replace(request, documents=handed[:first] + handed[first + 1 :])

    def _request(self, entry: CatalogueEntry) -> IntakeRequest:
        return IntakeRequest(
            procedure_code=entry.spec.code,
            applicant=self._person(),
            channel=self.rng.choice(("direct",) * 6 + ("online", "online", "post")),
            return_method=self.rng.choice(("counter",) * 5 + ("post",)),
        )

    def _person(self) -> Applicant:
        rng = self.rng
        sex = rng.choice((Sex.MALE, Sex.FEMALE))
        male = sex is Sex.MALE
        name = " ".join(
            (
                rng.choice(FAMILY),
                rng.choice(MIDDLE_MALE if male else MIDDLE_FEMALE),
                rng.choice(GIVEN_MALE if male else GIVEN_FEMALE),
            )
        )
        born = date(rng.randint(1950, 2005), rng.randint(1, 12), rng.randint(1, 28))
        century = (born.year // 100 - 19) * 2 + (0 if male else 1)
        number = f"038{century}{born.year % 100:02d}{rng.randint(0, 999999):06d}"
        return Applicant(
            name=name,
            id_number=number,
            dob=born,
            sex=sex,
            address=f"Số {rng.randint(1, 200)}, đường {rng.choice(STREETS)}, {PLACE}",
            phone=f"09{rng.randint(10_000_000, 99_999_999)}",
            email=None,
        )
