"""A correction is a field diff (DESIGN.md §3: "corrected (field diff)"): each field it names takes
its new value — the applicant's fields, the channel and the way the result is returned — and a
name the dossier does not have as a field changes nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from counter_app.domain.dossier import fold
from counter_app.domain.events import EventRecord

T0 = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)
APPLICANT = {"name": "Nguyễn Văn Thử", "phone": "0900000000", "address": "Thôn Mẫu"}


def _event(seq: int, type_: str, payload: dict[str, object]) -> EventRecord:
    return EventRecord(
        id=f"e{seq}",
        dossier_id="d",
        station_id="s",
        seq=seq,
        type=type_,
        actor="clerk",
        wall_clock=T0 + timedelta(minutes=seq),
        hlc=seq,
        payload=payload,
    )


RECEIVED = _event(
    1,
    "received",
    {
        "dossier": {
            "code": "000.17.22.H56-260310-1001",
            "procedure_id": "p",
            "procedure_code": "1.004873",
            "applicant": APPLICANT,
            "channel": "direct",
            "return_method": "counter",
            "documents": [],
        },
        "due_at": "2026-03-13T09:00:00+07:00",
        "received_at": "2026-03-10T09:00:00+07:00",
    },
)


def test_each_field_a_correction_names_takes_its_new_value() -> None:
    changes = {
        "name": ["Nguyễn Văn Thử", "Nguyễn Văn Thứ"],
        "channel": ["direct", "post"],
        "return_method": ["counter", "post"],
    }
    facts = fold([RECEIVED, _event(2, "corrected", {"changes": changes, "reason": "gõ nhầm"})])
    assert facts is not None
    assert facts.applicant["name"] == "Nguyễn Văn Thứ"
    assert (facts.channel, facts.return_method) == ("post", "post")
    assert facts.applicant["phone"] == "0900000000"


def test_a_name_that_is_no_field_changes_nothing() -> None:
    changes = {"state": ["received", "resolved"], "code": ["x", "y"]}
    before = fold([RECEIVED])
    after = fold([RECEIVED, _event(2, "corrected", {"changes": changes, "reason": "thử"})])
    assert before is not None and after is not None
    assert (after.state, after.code, after.channel, after.return_method) == (
        before.state,
        before.code,
        "direct",
        "counter",
    )
    assert after.applicant == before.applicant
