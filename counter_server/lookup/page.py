"""``/tra-cuu``: the public lookup page, HTML rendered on the server, no script, no cookie.

``GET /tra-cuu?ma=CODE`` shows the code's facts (the slip's QR opens it); ``POST /tra-cuu``
with ``ma`` and ``so`` (the last 4 digits) adds the details that touch the person, so that the
digits never travel in an address, a history or an access log. ``lang=en`` switches to English.
Every lookup is counted and limited (``tallies``); over a quota the answer is 429 with
``Retry-After`` and a "try again later" page, as is a database that does not answer (503).
Nothing of the code or the person is logged.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as SQLAlchemyTimeoutError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import State

from counter_app.domain.calendar import VN_TZ
from counter_app.domain.catalogue import FORM_LABELS, DocumentForm
from counter_app.i18n import LANGUAGES, N_, SOURCE_LANGUAGE, translation
from counter_server import sync
from counter_server.db import Database
from counter_server.lookup import tallies
from counter_server.lookup.answer import Answer, Facts, look_up
from counter_server.lookup.status import EXPLANATIONS, LABELS, PERSONAL, Status

TEMPLATES = Path(__file__).resolve().parent / "templates"
MAX_FORM = 2048  # ma, so and lang fit many times over; a longer body is read as empty
BUSY_RETRY = 30  # seconds a citizen is asked to wait when the database does not answer
router = APIRouter(include_in_schema=False)


@router.get("/tra-cuu")
async def lookup(request: Request, ma: str = "", lang: str = "") -> HTMLResponse:
    """The form, or the facts of the code ``ma``."""
    return await _answer(request, code=ma, digits=None, lang=lang)


@router.post("/tra-cuu")
async def lookup_details(request: Request) -> HTMLResponse:
    """The facts of the code ``ma`` and, with the right last 4 digits ``so``, its details."""
    body = await request.body()
    form = {} if len(body) > MAX_FORM else dict(parse_qsl(body.decode("utf-8", "replace")))
    digits = "".join(form.get("so", "").split())
    return await _answer(request, code=form.get("ma", ""), digits=digits, lang=form.get("lang", ""))


async def _answer(request: Request, *, code: str, digits: str | None, lang: str) -> HTMLResponse:
    """The page: the database's part in one worker thread (one hop, not one per dependency)."""
    language = lang if lang in LANGUAGES else SOURCE_LANGUAGE
    if not code.strip():
        return render(language, answer=None)
    client = request.client.host if request.client else ""
    try:
        answer, refusal = await run_in_threadpool(
            _look_up_and_count, request.app.state, code, digits, client
        )
    except (OperationalError, SQLAlchemyTimeoutError):  # the database is down or overloaded
        return _come_back(language, tallies.Refusal(BUSY_RETRY, busy=True), 503)
    if refusal is not None:
        return _come_back(language, refusal, 429)
    return render(language, answer=answer)


def _come_back(language: str, refusal: tallies.Refusal, status: int) -> HTMLResponse:
    response = render(language, answer=None, refusal=refusal, status=status)
    response.headers["Retry-After"] = str(refusal.retry_after)
    return response


def _look_up_and_count(
    state: State, code: str, digits: str | None, client: str
) -> tuple[Answer, tallies.Refusal | None]:
    """Read what the page shows and count the lookup, in one transaction."""
    now = sync.utc_now()
    database: Database = state.database
    with database.sessions() as session:
        answer = look_up(session, typed=code, digits=digits, now=now)
        refusal = tallies.count(
            session,
            key=state.lookup_key,
            client=client,
            answer=answer,
            now=now,
            quotas=state.lookup_quotas,
        )
        session.commit()
    return answer, refusal


@dataclass(frozen=True)
class Stylesheet:
    """The page's CSS, inlined, and the Content-Security-Policy that allows only it."""

    text: str
    policy: str


@cache
def stylesheet() -> Stylesheet:
    """Read once: the file is part of the package."""
    text = (TEMPLATES / "lookup.css").read_text(encoding="utf-8").strip()
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    policy = (
        f"default-src 'none'; style-src 'sha256-{digest}'; form-action 'self'; "
        "base-uri 'none'; frame-ancestors 'none'"
    )
    return Stylesheet(text, policy)


@cache
def environment() -> Environment:
    """The templates, escaped as HTML; an unknown name in a template is an error, not blank."""
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


HEADERS = {
    "Cache-Control": "no-store",  # a status changes; details are the person's
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
}


def render(
    language: str,
    *,
    answer: Answer | None,
    refusal: tallies.Refusal | None = None,
    status: int = 200,
) -> HTMLResponse:
    """The page in ``language``."""
    words = Words(language)
    css = stylesheet()
    html = (
        environment()
        .get_template("lookup.html")
        .render(
            lang=language,
            css=css.text,
            answer=answer,
            refusal=refusal,
            typed="" if answer is None else answer.code,
            labels=LABELS,
            personal=PERSONAL,
            other_language=words.other(answer),
            **words.functions(),
        )
    )
    headers = HEADERS | {"Content-Security-Policy": css.policy}
    return HTMLResponse(html, status_code=status, headers=headers)


@dataclass(frozen=True)
class Link:
    """The switch to the other language."""

    code: str
    name: str
    href: str


class Words:
    """The page's words in one language: gettext for the templates, dates, waits, labels."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.catalogue = translation(language)

    def functions(self) -> Mapping[str, Callable[..., Any]]:
        """What the template calls."""
        return {
            "_": self.catalogue.gettext,
            "C_": self.catalogue.pgettext,
            "day": self.day,
            "moment": self.moment,
            "wait": self.wait,
            "form_label": self.form_label,
            "explanation": self.explanation,
        }

    def other(self, answer: Answer | None) -> Link:
        """A link to this page in the other language."""
        code = "en" if self.language == SOURCE_LANGUAGE else SOURCE_LANGUAGE
        query = {"ma": answer.code} if answer is not None else {}
        return Link(code, LANGUAGES[code], "/tra-cuu?" + urlencode(query | {"lang": code}))

    def day(self, moment: datetime) -> str:
        """``13/03/2026`` in Vietnam's time."""
        return f"{moment.astimezone(VN_TZ):%d/%m/%Y}"

    def moment(self, moment: datetime) -> str:
        """``16:30 ngày 13/03/2026`` in Vietnam's time."""
        local = moment.astimezone(VN_TZ)
        return self.catalogue.gettext(AT).format(time=f"{local:%H:%M}", day=f"{local:%d/%m/%Y}")

    def wait(self, seconds: int) -> str:
        """A wait in the largest whole unit a person reads: seconds, minutes or hours."""
        for unit, size in WAITS:
            if seconds < size * 60 or size == WAITS[-1][1]:
                return self.catalogue.gettext(unit).format(count=-(-seconds // size))
        raise AssertionError("the last unit takes any wait")

    def form_label(self, form: str) -> str:
        """How a document is handed over (original, copy…), as the catalogue names it."""
        try:
            return self.catalogue.gettext(FORM_LABELS[DocumentForm(form)])
        except ValueError:
            return form

    def explanation(self, facts: Facts) -> str:
        """One sentence on what the status means for the citizen."""
        if facts.waits_for_payment:
            sentence = WAITING_FOR_PAYMENT
        elif facts.status is Status.RESOLVED and facts.by_post:
            sentence = SENT_BY_POST
        elif facts.status is Status.OVERDUE and facts.apologised:
            sentence = APOLOGISED
        else:
            sentence = EXPLANATIONS[facts.status]
        return self.catalogue.gettext(sentence)


AT = N_("{time} ngày {day}")
WAITS = ((N_("{count} giây"), 1), (N_("{count} phút"), 60), (N_("{count} giờ"), 3600))
WAITING_FOR_PAYMENT = N_(
    "Hồ sơ đang chờ ông/bà thực hiện nghĩa vụ tài chính (nộp thuế, phí) theo thông báo."
)
SENT_BY_POST = N_("Kết quả đã có và sẽ được gửi qua dịch vụ bưu chính.")
APOLOGISED = N_(
    "Hồ sơ chậm so với ngày hẹn. Cơ quan giải quyết đã gửi văn bản xin lỗi và hẹn lại ngày "
    "trả kết quả."
)
