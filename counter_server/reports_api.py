"""``/v1/reports/period`` and ``/v1/reports/pauses``: the provinces' period report and the
pause audit across stations and agencies.

An officer reads their own agency (alone or with the agencies below it); an administrator any
agency. JSON has the station's ``report --format json`` shape; XLSX is the station's workbook.
"""

from __future__ import annotations

from io import BytesIO
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Response
from openpyxl import Workbook

from counter_app.domain.statistics import Period
from counter_app.reports import report_json
from counter_app.reports.pauses import add_sheet, audit_json
from counter_app.reports.xlsx import xlsx_bytes
from counter_app.sync.protocol import IsoDate
from counter_server import auth, credentials, pause_reports, reports, sync
from counter_server.deps import ERRORS, AuthHeader, SessionDep
from counter_server.errors import ApiError, forbidden

router = APIRouter(prefix="/v1/reports", responses=ERRORS)  # type: ignore[arg-type]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_DAYS = 3 * 366


@router.get("/period", response_model=None, responses={200: {"content": {XLSX: {}}}})
def period_report(
    *,
    session: SessionDep,
    period_from: Annotated[IsoDate, Query(alias="from")],
    period_to: Annotated[IsoDate, Query(alias="to")],
    agency: Annotated[str, Query(min_length=1, max_length=20)],
    scope: Literal["agency", "subtree"] = "agency",
    field: Annotated[str | None, Query(max_length=200)] = None,
    format: Literal["json", "xlsx"] = "json",
    authorization: AuthHeader = None,
) -> Response | dict[str, Any]:
    """Received, resolved early/on time/late, in progress, … for the period, by field."""
    _check_reader(session, authorization, agency)
    if period_to < period_from or (period_to - period_from).days > MAX_DAYS:
        raise ApiError(422, "bad_period", "'to' must be on or after 'from', at most 3 years on.")
    report = reports.period_report(
        session,
        period=Period(period_from, period_to),
        agency=agency,
        subtree=scope == "subtree",
        field=field,
    )
    if format == "xlsx":
        name = f"bao-cao-{agency}-{period_from}-{period_to}.xlsx"
        headers = {"Content-Disposition": f'attachment; filename="{name}"'}
        return Response(xlsx_bytes(report), media_type=XLSX, headers=headers)
    return report_json(report)


@router.get("/pauses", response_model=None, responses={200: {"content": {XLSX: {}}}})
def pause_report(
    *,
    session: SessionDep,
    period_from: Annotated[IsoDate, Query(alias="from")],
    period_to: Annotated[IsoDate, Query(alias="to")],
    agency: Annotated[str, Query(min_length=1, max_length=20)],
    scope: Literal["agency", "subtree"] = "agency",
    format: Literal["json", "xlsx"] = "json",
    authorization: AuthHeader = None,
) -> Response | dict[str, Any]:
    """The pause audit: every pause begun in the period, by clerk, procedure and ground, with
    the patterns that signal gaming (the station's ``pause_audit`` section)."""
    _check_reader(session, authorization, agency)
    if period_to < period_from or (period_to - period_from).days > MAX_DAYS:
        raise ApiError(422, "bad_period", "'to' must be on or after 'from', at most 3 years on.")
    audit = pause_reports.pause_audit(
        session,
        first=period_from,
        last=period_to,
        agency=agency,
        subtree=scope == "subtree",
        now=sync.utc_now(),
    )
    if format == "xlsx":
        book = Workbook()
        book.remove(book.active)
        add_sheet(book, audit)
        buffer = BytesIO()
        book.save(buffer)
        name = f"tam-dung-{agency}-{period_from}-{period_to}.xlsx"
        headers = {"Content-Disposition": f'attachment; filename="{name}"'}
        return Response(buffer.getvalue(), media_type=XLSX, headers=headers)
    return audit_json(audit)


def _check_reader(session: SessionDep, authorization: str | None, agency: str) -> None:
    """An administrator reads any agency; an officer only their own (and what lies below it)."""
    token_hash = auth.digest(auth.bearer(authorization))
    if credentials.admin_token_hash_valid(session, token_hash):
        return
    officer = credentials.officer_for_token(session=session, authorization=authorization)
    if officer.agency_code != agency:
        raise forbidden("A back-office token reads only its own agency's report.")
