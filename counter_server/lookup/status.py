"""A dossier's state as a citizen reads it: a handful of plain statuses, lateness included."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from enum import StrEnum

from counter_app.domain.dossier import DossierFacts
from counter_app.domain.lifecycle import FINANCIAL_OBLIGATION, State
from counter_app.i18n import N_, NC_


class Status(StrEnum):
    """What the page tells about a dossier."""

    RECEIVED = "received"
    IN_PROGRESS = "in_progress"
    SUPPLEMENT = "supplement"
    RESOLVED = "resolved"
    RETURNED = "returned"
    OVERDUE = "overdue"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"
    STOPPED = "stopped"


LABELS: Mapping[Status, str] = {
    Status.RECEIVED: NC_("lookup", "Đã tiếp nhận"),
    Status.IN_PROGRESS: NC_("lookup", "Đang giải quyết"),
    Status.SUPPLEMENT: NC_("lookup", "Cần bổ sung hồ sơ"),
    Status.RESOLVED: NC_("lookup", "Đã có kết quả — mời đến nhận"),
    Status.RETURNED: NC_("lookup", "Đã trả kết quả"),
    Status.OVERDUE: NC_("lookup", "Quá hạn"),
    Status.REFUSED: NC_("lookup", "Không tiếp nhận hồ sơ"),
    Status.WITHDRAWN: NC_("lookup", "Đã rút hồ sơ"),
    Status.STOPPED: NC_("lookup", "Dừng giải quyết"),
}

EXPLANATIONS: Mapping[Status, str] = {
    Status.RECEIVED: N_("Hồ sơ đã được tiếp nhận và sẽ được chuyển đến nơi giải quyết."),
    Status.IN_PROGRESS: N_("Hồ sơ đang được giải quyết."),
    Status.SUPPLEMENT: N_(
        "Hồ sơ cần bổ sung giấy tờ. Nhập 4 số cuối bên dưới để xem cần bổ sung gì, "
        "hoặc liên hệ nơi đã nộp hồ sơ."
    ),
    Status.RESOLVED: N_("Mời ông/bà mang giấy hẹn và giấy tờ tùy thân đến nhận kết quả."),
    Status.RETURNED: N_("Kết quả đã được trả."),
    Status.OVERDUE: N_(
        "Hồ sơ đã quá ngày hẹn trả. Cơ quan giải quyết sẽ gửi văn bản xin lỗi và hẹn lại "
        "ngày trả kết quả."
    ),
    Status.REFUSED: N_("Hồ sơ không được tiếp nhận giải quyết."),
    Status.WITHDRAWN: N_("Hồ sơ đã được rút theo đề nghị của người nộp."),
    Status.STOPPED: N_("Việc giải quyết hồ sơ đã dừng."),
}

_PLAIN: Mapping[State, Status] = {
    State.PENDING_SUPPLEMENT: Status.SUPPLEMENT,
    State.SUPPLEMENT_REQUESTED: Status.SUPPLEMENT,
    State.RECEIVED: Status.RECEIVED,
    State.TRANSFERRED: Status.IN_PROGRESS,
    State.IN_PROGRESS: Status.IN_PROGRESS,
    State.PAUSED: Status.IN_PROGRESS,
    State.RESOLVED: Status.RESOLVED,
    State.RETURNED: Status.RETURNED,
    State.REFUSED: Status.REFUSED,
    State.WITHDRAWN: Status.WITHDRAWN,
    State.STOPPED: Status.STOPPED,
}
# The clock runs in these; waiting for the citizen (supplement) or a lawful pause stops it.
_CLOCK_RUNNING = frozenset({State.RECEIVED, State.TRANSFERRED, State.IN_PROGRESS})


def status_of(facts: DossierFacts, now: datetime) -> Status:
    """The plain status; a running dossier past its date, or with an apology letter, is late."""
    if facts.state in _CLOCK_RUNNING:
        past_due = facts.due_at is not None and now > facts.due_at
        if past_due or facts.apology_count > 0:
            return Status.OVERDUE
    return _PLAIN[facts.state]


def waits_for_payment(facts: DossierFacts) -> bool:
    """Paused until the citizen meets a financial obligation (tax, fee) they were told of."""
    return facts.state is State.PAUSED and facts.pause_kind == FINANCIAL_OBLIGATION


# Statuses with details that touch the person, shown after the last 4 digits.
PERSONAL = frozenset(
    {Status.SUPPLEMENT, Status.RETURNED, Status.REFUSED, Status.WITHDRAWN, Status.STOPPED}
)
