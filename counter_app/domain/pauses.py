"""Lawful grounds for stopping a dossier's clock, and the check that a pause has one.

A pause ("tạm dừng") stops the processing time only on a ground the law gives: the applicant's
financial obligation, or a step whose time the procedure's own legal text excludes from the time
limit (verification, appraisal or inspection, consultation of another body, public posting).
The catalogue lists, per procedure, which grounds apply; a pause on any other ground, or on none,
is refused. A supplement asked for during processing is its own step
(``supplement_requested``), not a pause. The kind ``other`` of older versions is no ground:
existing events keep folding, and the pause audit reports them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from counter_app.domain.errors import InvalidInput
from counter_app.i18n import N_, _


class PauseGround(StrEnum):
    """A lawful ground for stopping the clock."""

    FINANCIAL_OBLIGATION = "financial_obligation"
    VERIFICATION = "verification"
    APPRAISAL = "appraisal"
    CONSULTATION = "consultation"
    PUBLIC_POSTING = "public_posting"


@dataclass(frozen=True)
class Ground:
    """What a ground is called and the legal basis a pause on it records."""

    label: str  # marked N_, translated when shown
    legal_basis: str  # recorded on the event as written (Vietnamese, as the texts are)


_PROCEDURE_TEXT = "văn bản quy phạm pháp luật quy định thủ tục loại trừ thời gian này khỏi thời hạn"
GROUNDS: Mapping[PauseGround, Ground] = MappingProxyType(
    {
        PauseGround.FINANCIAL_OBLIGATION: Ground(
            N_("Chờ thực hiện nghĩa vụ tài chính"),
            "Thời gian thực hiện nghĩa vụ tài chính không tính vào thời hạn giải quyết ("
            + _PROCEDURE_TEXT
            + "); trạng thái 6 «Chờ thực hiện nghĩa vụ tài chính» của Cổng Dịch vụ công quốc gia"
            " (NĐ 118/2025/NĐ-CP, TT 03/2025/TT-VPCP)",
        ),
        PauseGround.VERIFICATION: Ground(
            N_("Thẩm tra, xác minh theo quy định của thủ tục"),
            "Thời gian thẩm tra, xác minh theo " + _PROCEDURE_TEXT,
        ),
        PauseGround.APPRAISAL: Ground(
            N_("Thẩm định, giám định, kiểm tra thực tế theo quy định của thủ tục"),
            "Thời gian thẩm định, giám định, kiểm tra thực tế theo " + _PROCEDURE_TEXT,
        ),
        PauseGround.CONSULTATION: Ground(
            N_("Lấy ý kiến cơ quan, tổ chức khác theo quy định của thủ tục"),
            "Thời gian lấy ý kiến cơ quan, tổ chức có liên quan theo " + _PROCEDURE_TEXT,
        ),
        PauseGround.PUBLIC_POSTING: Ground(
            N_("Niêm yết, công khai theo quy định của thủ tục"),
            "Thời gian niêm yết, công khai theo " + _PROCEDURE_TEXT,
        ),
    }
)
GROUND_KEYS: tuple[str, ...] = tuple(ground.value for ground in PauseGround)
MAX_GROUNDS = len(GROUND_KEYS)


def ground_label(kind: str | None) -> str:
    """The translated name of a ground; older kinds (``other``) are shown as unlawful."""
    if kind in GROUND_KEYS:
        return _(GROUNDS[PauseGround(kind)].label)
    return _("Không có căn cứ hợp pháp ({kind})").format(kind=kind or "—")


def is_lawful(kind: str | None) -> bool:
    """Is ``kind`` one of the lawful grounds (an older ``other`` pause is not)?"""
    return kind in GROUND_KEYS


def _labels(kinds: Iterable[str]) -> str:
    return "; ".join(f"{kind} ({ground_label(kind)})" for kind in kinds) or _("không có")


def parse_grounds(values: Iterable[str]) -> tuple[str, ...]:
    """The grounds a catalogue entry lists, in declaration order; InvalidInput on an unknown."""
    given = [value.strip() for value in values if value.strip()]
    unknown = [value for value in given if value not in GROUND_KEYS]
    if unknown:
        raise InvalidInput(
            _("Căn cứ tạm dừng không có trong danh mục: {unknown}. Dùng: {known}.").format(
                unknown=", ".join(unknown[:5]), known=", ".join(GROUND_KEYS)
            ),
            field="pause_grounds",
        )
    return tuple(key for key in GROUND_KEYS if key in given)


def check_ground(kind: str | None, allowed: Iterable[str], procedure: str) -> PauseGround:
    """The ground of a pause on a procedure allowing ``allowed``; InvalidInput saying why not."""
    permitted = tuple(allowed)
    if not kind:
        raise InvalidInput(
            _(
                "Không được tạm dừng khi không có căn cứ: chọn một căn cứ pháp luật cho phép. "
                "Thủ tục {code} cho phép: {allowed}."
            ).format(code=procedure, allowed=_labels(permitted)),
            field="kind",
        )
    if kind not in GROUND_KEYS:
        raise InvalidInput(
            _("«{kind}» không phải căn cứ tạm dừng hợp pháp. Các căn cứ: {known}.").format(
                kind=kind[:40], known=", ".join(GROUND_KEYS)
            ),
            field="kind",
        )
    if kind not in permitted:
        raise InvalidInput(
            _(
                "Thủ tục {code} không cho phép tạm dừng vì «{ground}»: văn bản quy định thủ tục "
                "không loại thời gian này khỏi thời hạn. Thủ tục cho phép: {allowed}."
            ).format(code=procedure, ground=ground_label(kind), allowed=_labels(permitted)),
            field="kind",
        )
    return PauseGround(kind)
