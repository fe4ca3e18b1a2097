"""What one dossier adds to a period's report, worked out from README "Statistics" (Decision
766/QĐ-TTg): the period runs from 00:00 of its first day (inside) to 24:00 of its last (outside),
Vietnam time; received = carried over (accepted before, open at the period start) + new (by
channel, with the digitisation mark); refusals, returns (by post, with the rating) and apology
letters count as events in the period; the appointment moves by the time a supplement wait or a
pause lasted, and a wait still open at the period end stops the clock until then; early means
ended on a day before the appointment's day, Vietnam days."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from counter_app.domain.calendar import VN_TZ
from counter_app.domain.statistics import Period, Step, contributions

MARCH = Period(date(2026, 3, 1), date(2026, 3, 31))
START = datetime(2026, 3, 1, tzinfo=VN_TZ)
RECEIVED = datetime(2026, 3, 10, 9, 0, tzinfo=VN_TZ)
DUE = datetime(2026, 3, 19, 9, 0, tzinfo=VN_TZ)
SECOND = timedelta(seconds=1)


def _received(at: datetime = RECEIVED, due: datetime = DUE, digitised: bool | None = None) -> Step:
    return Step("received", at, "lan", due_at=due, received_at=at, digitised=digitised)


def _names(*steps: Step, channel: str = "direct") -> tuple[str, ...]:
    return contributions(list(steps), MARCH, channel)[1]


def test_a_new_dossier_still_open_and_not_yet_due_counts_exactly_so() -> None:
    april = datetime(2026, 4, 8, 9, 0, tzinfo=VN_TZ)
    assert _names(_received(due=april, digitised=True)) == (
        "received",
        "new",
        "new_direct",
        "digitisation_recorded",
        "digitised",
        "pending",
        "pending_not_due",
    )
    assert _names(_received(digitised=False), channel="post")[:4] == (
        "received",
        "new",
        "new_post",
        "digitisation_recorded",
    )
    assert "digitisation_recorded" not in _names(_received())


def test_the_digitisation_mark_is_the_creating_events_a_later_event_keeps_it() -> None:
    steps = (_received(digitised=True), Step("processing_started", RECEIVED + SECOND))
    assert "digitised" in _names(*steps)


def test_a_dossier_accepted_exactly_at_the_period_start_is_new_one_second_before_carried_over() -> (
    None
):
    assert "new" in _names(_received(at=START))
    carried = _names(_received(at=START - SECOND))
    assert carried[:2] == ("received", "carried_over")
    assert "new" not in carried


def test_a_dossier_ended_before_the_period_does_not_count_ended_at_its_start_does() -> None:
    received = _received(at=datetime(2026, 2, 20, 9, 0, tzinfo=VN_TZ))
    assert _names(received, Step("resolved", START - SECOND)) == ()
    assert _names(received, Step("resolved", START)) == (
        "received",
        "carried_over",
        "resolved",
        "early",
    )


def test_a_refusal_counts_with_its_clerk_and_nothing_else() -> None:
    assert contributions([Step("refused", RECEIVED, "mai")], MARCH) == ("mai", ("refused",))
    assert contributions([Step("refused", START - SECOND, "mai")], MARCH) == ("mai", ())
    assert contributions([Step("refused", START, "mai")], MARCH) == ("mai", ("refused",))
    assert contributions([], MARCH) == ("", ())


def test_returns_and_apologies_count_from_the_period_start_and_add_up() -> None:
    received = _received(at=datetime(2026, 2, 2, 9, 0, tzinfo=VN_TZ))
    due = datetime(2026, 2, 10, 9, 0, tzinfo=VN_TZ)
    received = received._replace(due_at=due)
    apologised = Step("apologised", START, due_at=START + timedelta(days=5))
    resolved = Step("resolved", START + timedelta(days=1))
    returned = Step("returned", START + timedelta(days=2), method="post", rating="satisfied")
    assert _names(received, apologised, resolved, returned) == (
        "apologies",
        "returned",
        "returned_post",
        "satisfied",
        "received",
        "carried_over",
        "resolved",
        "late",
        "late_apologised",
    )
    before = Step("apologised", START - SECOND, due_at=START + timedelta(days=5))
    returned_before = returned._replace(at=START - SECOND)
    assert "apologies" not in _names(received, before, resolved)
    assert "returned" not in _names(
        received, before, resolved._replace(at=START - 2 * SECOND), returned_before
    )


def _wait(kind: str, end_kind: str, asked: datetime, answered: datetime) -> list[Step]:
    return [Step(kind, asked), Step(end_kind, answered, due_at=DUE + (answered - asked))]


def test_the_appointment_moves_by_a_supplement_wait_or_a_pause() -> None:
    asked, answered = (
        datetime(2026, 3, 12, 9, 0, tzinfo=VN_TZ),
        datetime(2026, 3, 14, 9, 0, tzinfo=VN_TZ),
    )
    # moved to 09:00 on 21/3; resolved at 08:00 that day: on time (late without the move)
    resolved = Step("resolved", DUE + timedelta(days=2, hours=-1))
    for kind, end_kind in (("supplement_requested", "supplement_received"), ("paused", "resumed")):
        names = _names(_received(), *_wait(kind, end_kind, asked, answered), resolved)
        assert names[-2:] == ("resolved", "on_time"), kind


def test_after_a_wait_an_open_dossier_is_judged_on_the_moved_appointment() -> None:
    asked = datetime(2026, 3, 12, 9, 0, tzinfo=VN_TZ)
    answered = datetime(2026, 3, 20, 9, 0, tzinfo=VN_TZ)  # appointment moves to 27/3
    names = _names(
        _received(), *_wait("supplement_requested", "supplement_received", asked, answered)
    )
    assert names[-2:] == ("pending", "pending_overdue")  # 27/3 < 24:00 on 31/3


def test_a_wait_still_open_at_the_period_end_stops_the_clock_until_then() -> None:
    asked = datetime(2026, 3, 18, 9, 0, tzinfo=VN_TZ)  # a day before the appointment
    for kind in ("supplement_requested", "paused"):
        names = _names(_received(), Step(kind, asked))
        assert names[-2:] == ("pending", "pending_not_due"), kind


def test_early_and_on_time_are_judged_on_vietnam_days() -> None:
    # 06:30 on 19/3 in Vietnam is still 18/3 in UTC: the appointment's day, so on time.
    at = datetime(2026, 3, 18, 23, 30, tzinfo=UTC)
    assert _names(_received(), Step("resolved", at))[-2:] == ("resolved", "on_time")
    # Appointment 06:00 on 19/3 in Vietnam (18/3 in UTC); resolved 10:00 on 18/3: a day before.
    early_due = datetime(2026, 3, 19, 6, 0, tzinfo=VN_TZ)
    resolved = Step("resolved", datetime(2026, 3, 18, 10, 0, tzinfo=VN_TZ))
    assert _names(_received(due=early_due), resolved)[-2:] == ("resolved", "early")


def test_a_return_at_the_period_start_counts_with_its_method_and_rating() -> None:
    received = _received(at=datetime(2026, 2, 2, 9, 0, tzinfo=VN_TZ))
    resolved = Step("resolved", datetime(2026, 2, 5, 9, 0, tzinfo=VN_TZ))
    for method, rating, expected in (
        ("post", "very_satisfied", ("returned", "returned_post", "very_satisfied")),
        ("counter", "dissatisfied", ("returned", "dissatisfied")),
        ("counter", None, ("returned",)),
    ):
        returned = Step("returned", START, method=method, rating=rating)
        assert _names(received, resolved, returned) == expected


def test_the_resolution_is_preferred_to_a_later_withdrawal() -> None:
    names = _names(_received(), Step("resolved", DUE), Step("withdrawn", DUE + SECOND))
    assert names[-2:] == ("resolved", "on_time")


def test_a_dossier_without_an_appointment_survives_a_wait() -> None:
    asked = datetime(2026, 3, 12, 9, 0, tzinfo=VN_TZ)
    answered = Step("supplement_received", asked + timedelta(days=1), due_at=DUE)
    names = _names(_received(due=None), Step("supplement_requested", asked), answered)  # type: ignore[arg-type]
    assert names[-2:] == ("pending", "pending_not_due")


def test_a_channel_not_counted_apart_counts_as_direct_and_no_digitisation_is_not_digitised() -> (
    None
):
    names = _names(_received(digitised=False), channel="kiosk")
    assert names[:4] == ("received", "new", "new_direct", "digitisation_recorded")
    assert "digitised" not in names
