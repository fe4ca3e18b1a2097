"""Province-wide publications: catalogue files and calendar days, in commit order.

Publishing locks the ``publications`` row of ``sequences`` before numbering (the same idea as
the agency lock of pushes), so commit order is ``pub_seq`` order and a station pulling after its
publication cursor never skips one that committed late. A catalogue is validated with the
station's own reader before it is stored, in the canonical form every station imports; each new
or changed procedure also becomes a new server-side version for the back office and reports.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from counter_app.domain.calendar import VN_TZ, CalendarOverride, OverrideKind, WorkingCalendar
from counter_app.domain.catalogue import ProcedureSpec
from counter_app.domain.catalogue_file import catalogue_document, decision_block, read_catalogue
from counter_app.domain.catalogue_reading import procedure_from_mapping, procedure_to_mapping
from counter_app.domain.decision_plan import DecisionPlan, plan_decision
from counter_app.sync import protocol
from counter_server.models import CalendarDay, NamedCounter, ProcedureVersion, Publication

if TYPE_CHECKING:  # a decision's file is read by the command that publishes it
    from counter_app.services.decision_import import DecisionSource

PUBLICATIONS = "publications"
MAX_PUBLICATIONS_PER_PULL = 20
_KINDS = {"off": OverrideKind.DAY_OFF, "working": OverrideKind.WORKING_DAY}


class CalendarBody(BaseModel):
    """A calendar publication: days set, days removed."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    days: list[protocol.CalendarDay] = Field(default_factory=list, max_length=1000)
    removed: list[protocol.IsoDate] = Field(default_factory=list, max_length=1000)
    # years whose calendar (with these days) is official although Counter ships no decision
    years: list[int] = Field(default_factory=list, max_length=20)

    @field_validator("days")
    @classmethod
    def _every_day_has_its_source(
        cls, days: list[protocol.CalendarDay]
    ) -> list[protocol.CalendarDay]:
        lacking = [day.day.isoformat() for day in days if not day.document]
        if lacking:
            raise ValueError(
                "every day needs its source: the document (number and date) that set it; "
                f"missing for {', '.join(lacking[:10])}"
            )
        return days

    @field_validator("years")
    @classmethod
    def _plausible_years(cls, years: list[int]) -> list[int]:
        if any(not 2000 <= year <= 2100 for year in years):
            raise ValueError("years must be between 2000 and 2100")
        return years


def next_number(session: Session, name: str) -> int:
    """Lock the named counter for the rest of the transaction and take its next value."""
    value = session.execute(
        update(NamedCounter)
        .where(NamedCounter.name == name)
        .values(last_value=NamedCounter.last_value + 1)
        .returning(NamedCounter.last_value)
    ).scalar_one()
    return int(value)


def publish_catalogue(
    session: Session, document: object, *, file: str, now: datetime
) -> Publication:
    """Validate a catalogue document (CatalogueProblem on any fault) and publish it.

    A province's decision travels as such a document with its ``decision`` block; its versions
    carry the day they take effect, which stations and the server's reports both honour.
    """
    specs = read_catalogue(document, file)
    source = document.get("source", file) if isinstance(document, dict) else file
    body = catalogue_document(specs, str(source), decision_block(document))
    publication = _publish(session, "catalogue", body, now)
    for spec in specs:
        _add_version(session, spec, publication)
    return publication


def plan_against_published(
    session: Session, source: DecisionSource, *, number: str = "", effective: date | None = None
) -> DecisionPlan:
    """A province's decision read against the newest published versions, row by row.

    CatalogueProblem when any row is refused (as at a station); nothing is published then.
    """
    decision = source.decision.given(number=number, effective=effective)
    return plan_decision(source.reading, decision, latest_specs(session))


def decision_document(plan: DecisionPlan) -> dict[str, object]:
    """The catalogue document a decision's plan publishes (rows set aside are left out)."""
    decision = plan.decision
    block = {
        "number": decision.number,
        "effective_from": decision.effective_from.isoformat() if decision.effective_from else "",
        "signed_on": decision.signed_on.isoformat() if decision.signed_on else "",
        "title": decision.title,
    }
    return catalogue_document(list(plan.specs), decision.label(), block)


def publish_calendar(session: Session, body: CalendarBody, *, now: datetime) -> Publication:
    """Publish calendar days (set and removed) and keep the server's calendar in step."""
    publication = _publish(session, "calendar", body.model_dump(mode="json"), now)
    for day in body.days:
        session.merge(
            CalendarDay(
                day=day.day.isoformat(),
                kind=day.kind,
                reason=day.reason,
                document=day.document,
                pub_seq=publication.pub_seq,
            )
        )
    removed = [day.isoformat() for day in body.removed]
    session.execute(delete(CalendarDay).where(CalendarDay.day.in_(removed)))
    return publication


def publish_release(session: Session, body: protocol.ReleaseBody, *, now: datetime) -> Publication:
    """Announce a version of Counter (and the day from which stations must run it)."""
    return _publish(session, "release", body.model_dump(mode="json"), now)


def minimum_client_version(session: Session, today: date) -> str | None:
    """The newest version announced as required on or before ``today``; None if none is."""
    required = [
        protocol.ReleaseBody.model_validate(body)
        for body in session.scalars(select(Publication.body).where(Publication.kind == "release"))
    ]
    due = [r.version for r in required if r.required_from is not None and r.required_from <= today]
    return max(due, key=protocol.version_key, default=None)


def _publish(session: Session, kind: str, body: dict[str, Any], now: datetime) -> Publication:
    publication = Publication(
        pub_seq=next_number(session, PUBLICATIONS), kind=kind, published_at=now, body=body
    )
    session.add(publication)
    session.flush()
    return publication


def _add_version(session: Session, spec: ProcedureSpec, publication: Publication) -> None:
    """A new version of the procedure when its content changed."""
    latest = session.scalar(
        select(ProcedureVersion)
        .where(ProcedureVersion.code == spec.code)
        .order_by(ProcedureVersion.version.desc())
        .limit(1)
    )
    if latest is not None and latest.content_hash == spec.content_hash():
        return
    session.add(
        ProcedureVersion(
            code=spec.code,
            version=1 if latest is None else latest.version + 1,
            content_hash=spec.content_hash(),
            spec=procedure_to_mapping(spec),
            pub_seq=publication.pub_seq,
            published_at=publication.published_at,
        )
    )


def after(
    session: Session, cursor: int, limit: int, *, releases: bool = True
) -> list[protocol.Publication]:
    """Publications with ``pub_seq > cursor``, in order (without releases unless ``releases``)."""
    query = select(Publication).where(Publication.pub_seq > cursor)
    if not releases:
        query = query.where(Publication.kind != "release")
    rows = session.scalars(query.order_by(Publication.pub_seq).limit(limit))
    return [
        protocol.Publication.model_validate(
            {"pub_seq": row.pub_seq, "kind": row.kind, "published_at": row.published_at}
            | {"body": row.body}
        )
        for row in rows
    ]


def last_number(session: Session) -> int:
    """The highest pub_seq committed so far."""
    return int(session.scalar(select(func.coalesce(func.max(Publication.pub_seq), 0))) or 0)


def working_calendar(session: Session) -> WorkingCalendar:
    """The official calendar corrected by every published day."""
    overrides = [
        CalendarOverride(
            date.fromisoformat(row.day), _KINDS[row.kind], row.reason, "published", row.document
        )
        for row in session.scalars(select(CalendarDay))
    ]
    return WorkingCalendar(overrides)


def version_in_force(session: Session, code: str, at: datetime) -> ProcedureVersion | None:
    """The version of ``code`` in force at ``at``, else its first version.

    Of the versions published by then, the one that took effect last on or before that day (a
    version without a day applies from its publication), as the station picks it.
    """
    ordered = select(ProcedureVersion).where(ProcedureVersion.code == code)
    versions = session.scalars(ordered.order_by(ProcedureVersion.version)).all()  # one query
    day = at.astimezone(VN_TZ).date()
    started = [v for v in versions if v.published_at <= at and (_effective(v) or date.min) <= day]
    if started:
        return max(started, key=lambda v: (_effective(v) or date.min, v.version))
    return versions[0] if versions else None


def _effective(version: ProcedureVersion) -> date | None:
    """The day a stored version takes effect (its spec's ``effective_from``), if any."""
    text = version.spec.get("effective_from")
    return date.fromisoformat(text) if isinstance(text, str) else None


def latest_specs(session: Session) -> dict[str, ProcedureSpec]:
    """The newest published version of every procedure, as specs (what a decision amends)."""
    newest: dict[str, ProcedureVersion] = {}
    for row in session.scalars(select(ProcedureVersion).order_by(ProcedureVersion.version)):
        newest[row.code] = row
    return {code: spec_of(row) for code, row in newest.items()}


def spec_of(version: ProcedureVersion) -> ProcedureSpec:
    """The spec stored with a version."""
    return procedure_from_mapping(version.spec, where=f"{version.code} v{version.version}")


def current_labels(session: Session) -> dict[str, tuple[str, str]]:
    """Per procedure code, the report label ("code — name") and field of its newest version."""
    rows: Sequence[ProcedureVersion] = session.scalars(
        select(ProcedureVersion).order_by(ProcedureVersion.code, ProcedureVersion.version)
    ).all()
    return {row.code: (f"{row.code} — {row.spec['name']}", str(row.spec["field"])) for row in rows}
