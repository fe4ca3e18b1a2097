"""A hand-built March 2026 history whose figures are worked out by hand in ``expected``.

Đăng ký thường trú (RESIDENCE, lĩnh vực Cư trú) takes 7 working days; Đăng ký khai sinh (BIRTH,
Hộ tịch) is resolved the same day. Period: 1/3/2026 – 31/3/2026.
"""

from __future__ import annotations

from datetime import date

from counter_app.domain.lifecycle import EventType
from counter_app.services.step_types import StepInput
from counter_app.station import Station
from tests.factories import BIRTH, RESIDENCE, allow_pauses, full_life, request, vn

FIRST, LAST = date(2026, 3, 1), date(2026, 3, 31)
E = EventType


def _receive(station: Station, procedure: str, at: object, actor: str = "clerk", **kw: str) -> str:
    receipt = station.receive(request(procedure, received_at=at, **kw), actor=actor, now=at)  # type: ignore[arg-type]
    return receipt.code


def _step(station: Station, code: str, event: EventType, at: object, **kw: object) -> None:
    station.step(code, event, StepInput(**kw), actor="clerk", now=at)  # type: ignore[arg-type]


def build(station: Station) -> None:
    """Receive and process the dossiers A–K."""
    allow_pauses(station)  # RESIDENCE may be paused for verification (dossier D)
    # A: received 10/3 09:00, due 19/3 09:00, resolved 18/3 → EARLY; returned 19/3 at the
    #    counter, rated "satisfied".
    full_life(station)
    # B: received Mon 2/3 09:00, due 11/3 09:00; apology on 10/3 (new date 13/3); resolved
    #    12/3 10:00 → LATE against the original appointment, WITH apology.
    b = _receive(station, RESIDENCE, vn(2026, 3, 2, 9))
    _step(
        station,
        b,
        E.APOLOGISED,
        vn(2026, 3, 10, 9),
        reason="Chờ xác minh",
        new_due_at=vn(2026, 3, 13, 9),
    )
    _step(station, b, E.RESOLVED, vn(2026, 3, 12, 10), result="Xong")
    # C: BIRTH online 2/3 09:00 (due the same day), clerk "lan"; resolved 2/3 11:00 → ON TIME.
    c = _receive(station, BIRTH, vn(2026, 3, 2, 9), actor="lan", channel="online")
    _step(station, c, E.RESOLVED, vn(2026, 3, 2, 11), result="Xong")
    # D: by post, result by post; received 3/3 09:00, due 12/3 09:00; paused 4/3 09:00 → resumed
    #    6/3 09:00 (2 working days: due shifts to 16/3 09:00); resolved 13/3 10:00 → after the
    #    first due date but EARLY against the shifted one (13/3 is before 16/3). Returned 16/3 by
    #    post, rated "very_satisfied".
    d = _receive(station, RESIDENCE, vn(2026, 3, 3, 9), channel="post", return_method="post")
    _step(station, d, E.PAUSED, vn(2026, 3, 4, 9), kind="verification", reason="Xác minh")
    _step(station, d, E.RESUMED, vn(2026, 3, 6, 9))
    _step(station, d, E.RESOLVED, vn(2026, 3, 13, 10), result="Xong")
    _step(station, d, E.RETURNED, vn(2026, 3, 16, 9), method="post", rating="very_satisfied")
    # E: supplement loop: received 4/3, two supplement requests (5/3, 9/3) both answered,
    #    resolved 11/3 — long before the due date, yet LATE (more than one request), no apology.
    e = _receive(station, RESIDENCE, vn(2026, 3, 4, 9))
    entry = next(item for item in station.catalogue() if item.spec.code == RESIDENCE)
    key = entry.spec.documents[0].key
    for asked, brought in (
        (vn(2026, 3, 5, 9), vn(2026, 3, 6, 9)),
        (vn(2026, 3, 9, 9), vn(2026, 3, 10, 9)),
    ):
        _step(station, e, E.SUPPLEMENT_REQUESTED, asked, missing_keys=[key], reason="Thiếu")
        _step(station, e, E.SUPPLEMENT_RECEIVED, brought)
    _step(station, e, E.RESOLVED, vn(2026, 3, 11, 9), result="Xong")
    # F: CARRIED OVER: received Tue 24/2 09:00, due 5/3 09:00; resolved 5/3 08:00 → ON TIME.
    f = _receive(station, RESIDENCE, vn(2026, 2, 24, 9))
    _step(station, f, E.RESOLVED, vn(2026, 3, 5, 8), result="Xong")
    # G: received 5/3, WITHDRAWN 9/3.
    g = _receive(station, RESIDENCE, vn(2026, 3, 5, 9))
    _step(station, g, E.WITHDRAWN, vn(2026, 3, 9, 9), reason="Công dân rút")
    # H: REFUSED at the counter on 6/3 (never received).
    station.refuse(
        request(RESIDENCE), reasons="Không thuộc thẩm quyền", actor="clerk", now=vn(2026, 3, 6, 9)
    )
    # I: received 16/3, due 25/3, still open at 31/3 24:00 → IN PROGRESS, OVERDUE.
    _receive(station, RESIDENCE, vn(2026, 3, 16, 9))
    # J: received 30/3, due 8/4 → IN PROGRESS, NOT YET DUE.
    _receive(station, RESIDENCE, vn(2026, 3, 30, 9))
    # K: received 2/2 and resolved 5/2 (before the period) and L: received 1/4 → not counted.
    k = _receive(station, RESIDENCE, vn(2026, 2, 2, 9))
    _step(station, k, E.RESOLVED, vn(2026, 2, 5, 9), result="Xong")
    _receive(station, RESIDENCE, vn(2026, 4, 1, 9))


# new: A B C D E G I J = 8 (online C, post D, direct 6); carried over F; received 9
# resolved A B C D E F = 6: early A D, on time C F, late B (apology) E (none); rate 4/6
# in progress I (overdue) J (not due); withdrawn G; refused H; 9 = 6 + 2 + 1
# returned A (counter, satisfied), D (post, very satisfied); online ratio 1/8
# apologies issued in the period: B's letter of 10/3
EXPECTED = {
    "received": 9, "carried_over": 1, "new": 8, "new_online": 1, "new_direct": 6,
    "new_post": 1, "resolved": 6, "early": 2, "on_time": 2, "late": 2,
    "late_apologised": 1, "late_unapologised": 1, "pending": 2, "pending_not_due": 1,
    "pending_overdue": 1, "withdrawn": 1, "stopped": 0, "refused": 1, "returned": 2,
    "returned_post": 1, "very_satisfied": 1, "satisfied": 1, "dissatisfied": 0,
    "apologies": 1, "digitised": 0, "digitisation_recorded": 0,
}  # fmt: skip
# by field: Hộ tịch = C only; Cư trú = the rest
EXPECTED_CU_TRU = {"received": 8, "new": 7, "resolved": 5, "early": 2, "on_time": 1, "late": 2}

# ISO weeks of March 2026 (1/3 is a Sunday): W9 = 1/3 only, W10 2–8/3, W11 9–15/3, W12 16–22/3,
# W13 23–29/3, W14 = 30–31/3.
# accepted: B C D E G on 2–5/3 (W10), A 10/3 (W11), I 16/3 (W12), J 30/3 (W14); F is carried
#   over (no week), H was refused, K and L are outside → 0 5 1 1 0 1 (sum 8 = new)
# resolved: C 2/3, F 5/3 (W10); E 11/3, B 12/3, D 13/3 (W11); A 18/3 (W12) → 0 2 3 1 0 0 (sum 6)
EXPECTED_WEEKS = [
    (2026, 9, date(2026, 3, 1), date(2026, 3, 1), 0, 0),
    (2026, 10, date(2026, 3, 2), date(2026, 3, 8), 5, 2),
    (2026, 11, date(2026, 3, 9), date(2026, 3, 15), 1, 3),
    (2026, 12, date(2026, 3, 16), date(2026, 3, 22), 1, 1),
    (2026, 13, date(2026, 3, 23), date(2026, 3, 29), 0, 0),
    (2026, 14, date(2026, 3, 30), date(2026, 3, 31), 1, 0),
]
