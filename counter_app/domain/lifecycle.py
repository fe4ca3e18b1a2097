"""The dossier state machine (DESIGN.md §4) and its mapping to the national portal's codes.

Every change to a dossier is an event; the event type decides the next state. A step that the
current state does not allow is refused with a clear message, and nothing is written.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import IntEnum, StrEnum

from counter_app.domain.errors import TransitionNotAllowed
from counter_app.i18n import C_, N_, NC_, _


class State(StrEnum):
    """Where a dossier stands."""

    PENDING_SUPPLEMENT = "pending_supplement"  # guided once at the counter, not yet received
    RECEIVED = "received"
    REFUSED = "refused"
    TRANSFERRED = "transferred"
    IN_PROGRESS = "in_progress"
    SUPPLEMENT_REQUESTED = "supplement_requested"  # asked by the processing officer
    PAUSED = "paused"
    WITHDRAWN = "withdrawn"
    STOPPED = "stopped"
    RESOLVED = "resolved"
    RETURNED = "returned"


class EventType(StrEnum):
    """What happened to a dossier."""

    RECEIVED = "received"
    SUPPLEMENT_REQUESTED = "supplement_requested"
    SUPPLEMENT_RECEIVED = "supplement_received"
    REFUSED = "refused"
    TRANSFERRED = "transferred"
    PROCESSING_STARTED = "processing_started"
    PAUSED = "paused"
    RESUMED = "resumed"
    RESOLVED = "resolved"
    RETURNED = "returned"
    WITHDRAWN = "withdrawn"
    STOPPED = "stopped"
    APOLOGISED = "apologised"
    CORRECTED = "corrected"
    PRINTED = "printed"
    ERASED = "erased"  # personal fields erased (retention) or a card's kept text removed


class PortalStatus(IntEnum):
    """TrangThaiHoSo of the national public-service portal (domain.md §2.4)."""

    NEW = 1
    RECEIVED = 2
    NOT_RECEIVED = 3
    IN_PROGRESS = 4
    SUPPLEMENT_REQUESTED = 5
    FINANCIAL_OBLIGATION = 6
    WITHDRAWAL_REQUESTED = 7
    STOPPED = 8
    RESOLVED = 9
    RESULT_RETURNED = 10


S = State
_BEFORE_RESOLVED = frozenset(
    {S.RECEIVED, S.TRANSFERRED, S.IN_PROGRESS, S.PAUSED, S.SUPPLEMENT_REQUESTED}
)
_WORKING = frozenset({S.RECEIVED, S.TRANSFERRED, S.IN_PROGRESS})
_ANY = frozenset(State)

# event -> (states it may follow (None: it creates the dossier), resulting state (None: unchanged))
TRANSITIONS: Mapping[EventType, tuple[frozenset[State | None], State | None]] = {
    EventType.RECEIVED: (frozenset({None}), S.RECEIVED),
    EventType.SUPPLEMENT_REQUESTED: (frozenset({None}) | _WORKING, None),
    EventType.SUPPLEMENT_RECEIVED: (
        frozenset({S.PENDING_SUPPLEMENT, S.SUPPLEMENT_REQUESTED}),
        None,
    ),
    EventType.REFUSED: (frozenset({None, S.PENDING_SUPPLEMENT}), S.REFUSED),
    EventType.TRANSFERRED: (_WORKING, S.TRANSFERRED),
    EventType.PROCESSING_STARTED: (frozenset({S.RECEIVED, S.TRANSFERRED}), S.IN_PROGRESS),
    EventType.PAUSED: (_WORKING, S.PAUSED),
    EventType.RESUMED: (frozenset({S.PAUSED}), S.IN_PROGRESS),
    EventType.RESOLVED: (_WORKING, S.RESOLVED),
    EventType.RETURNED: (frozenset({S.RESOLVED}), S.RETURNED),
    EventType.WITHDRAWN: (_BEFORE_RESOLVED | {S.PENDING_SUPPLEMENT}, S.WITHDRAWN),
    EventType.STOPPED: (_BEFORE_RESOLVED, S.STOPPED),
    EventType.APOLOGISED: (_BEFORE_RESOLVED, None),
    EventType.CORRECTED: (_ANY, None),
    EventType.PRINTED: (_ANY, None),
    EventType.ERASED: (_ANY, None),
}

STATE_LABELS: Mapping[State, str] = {
    S.PENDING_SUPPLEMENT: N_("Chờ bổ sung hồ sơ"),
    S.RECEIVED: N_("Đã tiếp nhận"),
    S.REFUSED: N_("Từ chối tiếp nhận"),
    S.TRANSFERRED: N_("Đã chuyển xử lý"),
    S.IN_PROGRESS: N_("Đang xử lý"),
    S.SUPPLEMENT_REQUESTED: N_("Yêu cầu bổ sung"),
    S.PAUSED: N_("Tạm dừng"),
    S.WITHDRAWN: N_("Công dân rút hồ sơ"),
    S.STOPPED: N_("Dừng xử lý"),
    S.RESOLVED: N_("Đã có kết quả"),
    S.RETURNED: N_("Đã trả kết quả"),
}

EVENT_LABELS: Mapping[EventType, str] = {
    EventType.RECEIVED: NC_("event", "Tiếp nhận hồ sơ"),
    EventType.SUPPLEMENT_REQUESTED: NC_("event", "Yêu cầu bổ sung, hoàn thiện hồ sơ"),
    EventType.SUPPLEMENT_RECEIVED: NC_("event", "Nhận hồ sơ bổ sung"),
    EventType.REFUSED: NC_("event", "Từ chối tiếp nhận"),
    EventType.TRANSFERRED: NC_("event", "Chuyển xử lý"),
    EventType.PROCESSING_STARTED: NC_("event", "Bắt đầu xử lý"),
    EventType.PAUSED: NC_("event", "Tạm dừng"),
    EventType.RESUMED: NC_("event", "Tiếp tục xử lý"),
    EventType.RESOLVED: NC_("event", "Đã có kết quả"),
    EventType.RETURNED: NC_("event", "Trả kết quả"),
    EventType.WITHDRAWN: NC_("event", "Công dân rút hồ sơ"),
    EventType.STOPPED: NC_("event", "Dừng xử lý"),
    EventType.APOLOGISED: NC_("event", "Xin lỗi và hẹn lại ngày trả"),
    EventType.CORRECTED: NC_("event", "Sửa thông tin"),
    EventType.PRINTED: NC_("event", "In giấy tờ"),
    EventType.ERASED: NC_("event", "Xóa dữ liệu cá nhân"),
}


def event_label(event: EventType) -> str:
    """The name of a step in the current language (a state may share its Vietnamese word)."""
    return C_("event", EVENT_LABELS[event])


OPEN_STATES = _BEFORE_RESOLVED
CLOCK_STOPPED_STATES = frozenset({S.SUPPLEMENT_REQUESTED, S.PAUSED})
FINANCIAL_OBLIGATION = "financial_obligation"


def next_state(current: State | None, event: EventType) -> State:
    """The state after ``event``; raise TransitionNotAllowed when ``current`` forbids it."""
    sources, target = TRANSITIONS[event]
    if current not in sources:
        raise TransitionNotAllowed(_not_allowed_message(current, event), field="event")
    if target is not None:
        return target
    return _implicit_target(current, event)


def _implicit_target(current: State | None, event: EventType) -> State:
    if event is EventType.SUPPLEMENT_REQUESTED:
        return S.PENDING_SUPPLEMENT if current is None else S.SUPPLEMENT_REQUESTED
    if event is EventType.SUPPLEMENT_RECEIVED:
        return S.RECEIVED if current is S.PENDING_SUPPLEMENT else S.IN_PROGRESS
    assert current is not None  # only creating events have no current state
    return current


def _not_allowed_message(current: State | None, event: EventType) -> str:
    step = event_label(event)
    if current is None:
        return _("Không thể «{step}» khi hồ sơ chưa được tạo.").format(step=step)
    return _("Không thể «{step}» khi hồ sơ đang ở trạng thái «{state}».").format(
        step=step, state=_(STATE_LABELS[current])
    )


def allowed_events(current: State | None) -> list[EventType]:
    """Every event the state machine accepts now, in declaration order."""
    return [event for event, (sources, _target) in TRANSITIONS.items() if current in sources]


def portal_status(state: State, pause_kind: str | None = None) -> PortalStatus:
    """The national portal's TrangThaiHoSo for a state."""
    if state is S.PAUSED:
        if pause_kind == FINANCIAL_OBLIGATION:
            return PortalStatus.FINANCIAL_OBLIGATION
        return PortalStatus.IN_PROGRESS
    return _PORTAL[state]


_PORTAL: Mapping[State, PortalStatus] = {
    S.PENDING_SUPPLEMENT: PortalStatus.SUPPLEMENT_REQUESTED,
    S.RECEIVED: PortalStatus.RECEIVED,
    S.REFUSED: PortalStatus.NOT_RECEIVED,
    S.TRANSFERRED: PortalStatus.IN_PROGRESS,
    S.IN_PROGRESS: PortalStatus.IN_PROGRESS,
    S.SUPPLEMENT_REQUESTED: PortalStatus.SUPPLEMENT_REQUESTED,
    S.WITHDRAWN: PortalStatus.WITHDRAWAL_REQUESTED,
    S.STOPPED: PortalStatus.STOPPED,
    S.RESOLVED: PortalStatus.RESOLVED,
    S.RETURNED: PortalStatus.RESULT_RETURNED,
}
