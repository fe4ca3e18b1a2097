"""The dossier's life written out by hand, as the oracle for the state machine's tests.

Read from Nghị định 61/2018/NĐ-CP art. 15–20 and Nghị định 118/2025/NĐ-CP (the one-stop steps:
receive or guide once or refuse at the counter; transfer; process; ask for a supplement; pause
for a lawful ground; resolve; return; withdrawal before the result; stop), DESIGN.md §4 and the
portal's TrangThaiHoSo codes (domain.md §2.4). Each row is one state; each entry an event it
allows and the state it leads to. Every pair not written here is forbidden. Nothing in this file
is computed from ``counter_app.domain.lifecycle``: it is the independent answer.
"""

from __future__ import annotations

# "new" is a dossier that does not exist yet; "same" means the event leaves the state as it is.
NEW = "new"
SAME = "same"

# The steps of an open dossier before its result: sent on, worked on, asked to complete,
# paused for a lawful ground, resolved, withdrawn by the citizen, stopped, apologised for late.
_OPEN_WORKING = {
    "supplement_requested": "supplement_requested",
    "transferred": "transferred",
    "paused": "paused",
    "resolved": "resolved",
    "withdrawn": "withdrawn",
    "stopped": "stopped",
    "apologised": SAME,
    "corrected": SAME,
    "printed": SAME,
    "erased": SAME,
}
# A closed dossier is only corrected (a field diff), reprinted, or has its personal fields
# erased once its retention period is over (Luật 91/2025/QH15 Điều 14: a data step, not a
# procedure's: the state stays).
_CLOSED = {"corrected": SAME, "printed": SAME, "erased": SAME}

LAWFUL: dict[str, dict[str, str]] = {
    NEW: {
        "received": "received",  # accepted complete (Mẫu 01)
        "supplement_requested": "pending_supplement",  # guided once in writing (Mẫu 02)
        "refused": "refused",  # refused with reasons (Mẫu 03)
    },
    "pending_supplement": {
        "supplement_received": "received",  # the citizen came back with the papers
        "refused": "refused",
        "withdrawn": "withdrawn",
        "corrected": SAME,
        "printed": SAME,
        "erased": SAME,
    },
    "received": {**_OPEN_WORKING, "processing_started": "in_progress"},
    "transferred": {**_OPEN_WORKING, "processing_started": "in_progress"},
    "in_progress": dict(_OPEN_WORKING),
    "supplement_requested": {
        "supplement_received": "in_progress",  # the clock runs again
        "withdrawn": "withdrawn",
        "stopped": "stopped",
        "apologised": SAME,
        "corrected": SAME,
        "printed": SAME,
        "erased": SAME,
    },
    "paused": {
        "resumed": "in_progress",
        "withdrawn": "withdrawn",
        "stopped": "stopped",
        "apologised": SAME,
        "corrected": SAME,
        "printed": SAME,
        "erased": SAME,
    },
    "resolved": {"returned": "returned", **_CLOSED},  # no withdrawal or stop once resolved
    "returned": dict(_CLOSED),
    "refused": dict(_CLOSED),
    "withdrawn": dict(_CLOSED),
    "stopped": dict(_CLOSED),
}

EVENTS = (
    "received",
    "supplement_requested",
    "supplement_received",
    "refused",
    "transferred",
    "processing_started",
    "paused",
    "resumed",
    "resolved",
    "returned",
    "withdrawn",
    "stopped",
    "apologised",
    "corrected",
    "printed",
    "erased",
)

# TrangThaiHoSo of the national portal for each state (domain.md §2.4); a pause for a financial
# obligation is 6, any other lawful pause stays 4 (in progress).
PORTAL = {
    "pending_supplement": 5,
    "received": 2,
    "refused": 3,
    "transferred": 4,
    "in_progress": 4,
    "supplement_requested": 5,
    "paused": 4,
    "withdrawn": 7,
    "stopped": 8,
    "resolved": 9,
    "returned": 10,
}
PAUSED_FOR_FINANCIAL_OBLIGATION = 6


def target(state: str | None, event: str) -> str | None:
    """The state after ``event`` from ``state`` (None: a new dossier); None when forbidden."""
    row = LAWFUL[state or NEW]
    if event not in row:
        return None
    after = row[event]
    return state if after == SAME else after
