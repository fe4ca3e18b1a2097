"""The definitions of ``counter_app.domain.statistics`` on small hand-made event lists."""

from __future__ import annotations

from datetime import date

from counter_app.domain.statistics import Period, Step, Trail, build_report, contributions
from tests.factories import vn

MARCH = Period(date(2026, 3, 1), date(2026, 3, 31))


def _received(at: tuple[int, ...], due: tuple[int, ...]) -> Step:
    return Step("received", vn(*at), "clerk", due_at=vn(*due), received_at=vn(*at))


def test_guided_at_the_counter_counts_from_the_completed_dossier() -> None:
    # asked for a supplement before acceptance (not a processing request), completed on 2/3,
    # due 5/3, resolved 4/3 → new and early
    steps = [
        Step("supplement_requested", vn(2026, 2, 27, 9), "lan"),
        Step("supplement_received", vn(2026, 3, 2, 9), "binh", vn(2026, 3, 5, 9), vn(2026, 3, 2)),
        Step("resolved", vn(2026, 3, 4, 9), "binh"),
    ]
    clerk, names = contributions(steps, MARCH)
    assert clerk == "binh"
    assert names == ("received", "new", "new_direct", "resolved", "early")


def test_a_wait_still_open_at_the_period_end_stops_the_clock() -> None:
    # due 10/3 09:00, paused 9/3 09:00 and not resumed by 1/4 00:00: 22 days of wait still
    # running push the appointment past the period end → not yet due (not overdue)
    steps = [_received((2026, 3, 2, 9), (2026, 3, 10, 9)), Step("paused", vn(2026, 3, 9, 9))]
    assert contributions(steps, MARCH)[1][-2:] == ("pending", "pending_not_due")
    # without the pause it would be overdue
    assert contributions(steps[:1], MARCH)[1][-2:] == ("pending", "pending_overdue")


def test_a_shift_after_an_apology_moves_only_the_original_appointment() -> None:
    # due 10/3; apology on 9/3 (new date 13/3); paused 11/3 → resumed 12/3 with due 14/3
    # (13/3 + 1 day); the wait adds 1 day to the ORIGINAL appointment → 11/3 09:00;
    # resolved 12/3 → late, with apology
    steps = [
        _received((2026, 3, 2, 9), (2026, 3, 10, 9)),
        Step("apologised", vn(2026, 3, 9, 9), due_at=vn(2026, 3, 13, 9)),
        Step("paused", vn(2026, 3, 11, 9)),
        Step("resumed", vn(2026, 3, 12, 9), due_at=vn(2026, 3, 14, 9)),
        Step("resolved", vn(2026, 3, 12, 12)),
    ]
    assert contributions(steps, MARCH)[1][-3:] == ("resolved", "late", "late_apologised")


def test_resolved_on_the_appointment_day_after_the_hour_is_late() -> None:
    steps = [_received((2026, 3, 2, 9), (2026, 3, 10, 9)), Step("resolved", vn(2026, 3, 10, 10))]
    assert contributions(steps, MARCH)[1][-3:] == ("resolved", "late", "late_unapologised")


def test_ended_before_the_period_and_returned_in_it_only_counts_the_return() -> None:
    steps = [
        _received((2026, 2, 2, 9), (2026, 2, 11, 9)),
        Step("resolved", vn(2026, 2, 10, 9)),
        Step("returned", vn(2026, 3, 2, 9), method="post", rating="dissatisfied"),
    ]
    report = build_report([Trail("Cư trú", "x", "direct", "post", steps)], MARCH)
    totals = report.totals
    assert (totals.received, totals.returned_post, totals.dissatisfied) == (0, 1, 1)
    assert totals.on_time_rate is None and totals.online_ratio is None
