"""Reading dossiers to receive from JSON (``counter-app receive FILE.json``).

Format (one object, or a list of them)::

    {"applicant": {"name", "id_number", "dob", "sex", "address", "phone", "email"}
        | "scan": "<raw CCCD QR text>",
     "procedure": "1.001193",
     "documents": "all" | [{"document": "<key or name>", "form": "ban_chinh", "count": 1,
                             "extra": false}
                            | {"document": "…", "form": "du_lieu_dien_tu",
                               "source": "csdl_dan_cu"}],
     "applicable": ["d3"], "channel": "direct|online|post", "return_method": "counter|post",
     "received_at": "2026-02-13T10:00+07:00", "note": "…", "digitised": true}
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from counter_app.domain.calendar import VN_TZ
from counter_app.domain.catalogue import DocumentForm, RequiredDocument, parse_form
from counter_app.domain.checklist import HandedDocument
from counter_app.domain.data_sources import parse_source
from counter_app.domain.errors import InvalidInput
from counter_app.domain.text import clean, fold
from counter_app.i18n import _
from counter_app.services import applicant as applicant_service
from counter_app.services.context import StationContext
from counter_app.services.reception_types import IntakeRequest

MAX_DOCUMENTS = 200
_APPLICANT_KEYS = {"name", "id_number", "dob", "sex", "address", "phone", "email"}


def parse_requests(data: Any, *, ctx: StationContext) -> list[IntakeRequest]:
    """One request per object in ``data``; raise InvalidInput naming the item and field."""
    items = data if isinstance(data, list) else [data]
    if not items:
        raise InvalidInput(_("Tệp không có hồ sơ nào."))
    requests = []
    for index, item in enumerate(items, start=1):
        try:
            requests.append(parse_request(item, ctx=ctx))
        except InvalidInput as error:
            where = _("hồ sơ thứ {n}").format(n=index)
            raise InvalidInput(f"{where}: {error.message}", field=error.field) from error
    return requests


def parse_request(item: Any, *, ctx: StationContext) -> IntakeRequest:
    """One dossier to receive, checked against the catalogue in force on its day of receipt."""
    if not isinstance(item, Mapping):
        raise InvalidInput(_("Mỗi hồ sơ phải là một đối tượng JSON."))
    received_at = _received_at(item.get("received_at"))
    day = (received_at or datetime.now(UTC)).astimezone(ctx.calendar.tz).date()
    entry = ctx.procedure(_required(item, "procedure"), day)
    scan = item.get("scan")
    given = item.get("applicant")
    contact: Mapping[str, Any] = given if isinstance(given, Mapping) else {}
    if scan is not None:
        person = applicant_service.from_qr_text(
            _string(scan, "scan"), phone=contact.get("phone"), email=contact.get("email")
        )
    else:
        person = applicant_service.validate(_applicant_input(item.get("applicant")))
    return IntakeRequest(
        procedure_code=entry.spec.code,
        applicant=person,
        documents=_documents(item.get("documents", "all"), entry.spec.documents),
        applicable=tuple(_strings(item.get("applicable", []), "applicable")),
        channel=_text(item, "channel") or "direct",
        return_method=_text(item, "return_method") or "counter",
        received_at=received_at,
        scan_raw=scan,
        note=_text(item, "note"),
        digitised=_flag(item, "digitised"),
    )


def _applicant_input(value: Any) -> applicant_service.ApplicantInput:
    if not isinstance(value, Mapping):
        raise InvalidInput(
            _("Thiếu thông tin người nộp (applicant) hoặc mã QR (scan)."), field="applicant"
        )
    unknown = set(value) - _APPLICANT_KEYS
    if unknown:
        raise InvalidInput(
            _("Trường không được hỗ trợ trong applicant: {names}.").format(
                names=", ".join(sorted(unknown))[:100]
            ),
            field="applicant",
        )
    fields = {key: _string(value[key], key) for key in value if value[key] is not None}
    if not fields.get("name"):
        raise InvalidInput(_("Thiếu họ tên người nộp hồ sơ."), field="name")
    return applicant_service.ApplicantInput(**fields)


def _documents(value: Any, required: Sequence[RequiredDocument]) -> list[HandedDocument] | None:
    if value == "all":
        return None
    if not isinstance(value, list) or len(value) > MAX_DOCUMENTS:
        raise InvalidInput(
            _('«documents» phải là "all" hoặc một danh sách giấy tờ.'), field="documents"
        )
    return [_document(item, required) for item in value]


def _document(item: Any, required: Sequence[RequiredDocument]) -> HandedDocument:
    if not isinstance(item, Mapping):
        raise InvalidInput(_("Mỗi giấy tờ phải là một đối tượng JSON."), field="documents")
    name = clean(_string(item.get("document", ""), "document"), field="document", max_length=500)
    count = item.get("count", 1)
    if not isinstance(count, int) or isinstance(count, bool) or not 1 <= count <= 1000:
        raise InvalidInput(
            _("Số lượng giấy tờ «{name}» phải là số nguyên dương.").format(name=name[:60]),
            field="count",
        )
    match = _catalogue_document(name, required)
    if match is None and not item.get("extra", False):
        raise InvalidInput(
            _(
                "Giấy tờ «{name}» không có trong danh mục của thủ tục; "
                'nếu là giấy tờ thêm, đánh dấu "extra": true.'
            ).format(name=name[:60]),
            field="documents",
        )
    form = (
        parse_form(_string(item["form"], "form"))
        if "form" in item
        else (match.form if match is not None else parse_form("ban_sao"))
    )
    source = _source(item, form, name)
    if match is None:
        return HandedDocument(None, name, form, count, source)
    return HandedDocument(match.key, match.name, form, count, source)


def _source(item: Mapping[str, Any], form: DocumentForm, name: str) -> str | None:
    """The database a document was obtained from: required with ``du_lieu_dien_tu`` only."""
    if form is not DocumentForm.ELECTRONIC:
        if "source" in item:
            raise InvalidInput(
                _('Giấy tờ «{name}»: «source» chỉ dùng với "form": "du_lieu_dien_tu".').format(
                    name=name[:60]
                ),
                field="source",
            )
        return None
    if "source" not in item:
        raise InvalidInput(
            _('Giấy tờ «{name}» khai thác dữ liệu cần «source», ví dụ "csdl_dan_cu".').format(
                name=name[:60]
            ),
            field="source",
        )
    return parse_source(_string(item["source"], "source"))


def _catalogue_document(name: str, required: Sequence[RequiredDocument]) -> RequiredDocument | None:
    folded = fold(name)
    for document in required:
        if name == document.key or folded == fold(document.name):
            return document
    return None


def _received_at(value: Any) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(_string(value, "received_at"))
    except ValueError:
        raise InvalidInput(
            _("«received_at» phải là thời điểm dạng ISO, ví dụ 2026-02-13T10:00+07:00."),
            field="received_at",
        ) from None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=VN_TZ)


def _text(item: Mapping[str, Any], key: str) -> str | None:
    value = item.get(key)
    return None if value is None else _string(value, key)


def _required(item: Mapping[str, Any], key: str) -> str:
    value = _text(item, key)
    if value is None:
        raise InvalidInput(_("Thiếu trường «{key}».").format(key=key), field=key)
    return value


def _string(value: Any, key: str) -> str:
    if not isinstance(value, str):
        raise InvalidInput(_("Trường «{key}» phải là chuỗi ký tự.").format(key=key), field=key)
    return value


def _strings(value: Any, key: str) -> list[str]:
    if not isinstance(value, list):
        raise InvalidInput(_("Trường «{key}» phải là một danh sách.").format(key=key), field=key)
    return [_string(item, key) for item in value]


def _flag(item: Mapping[str, Any], key: str) -> bool | None:
    value = item.get(key)
    if value is not None and not isinstance(value, bool):
        raise InvalidInput(_("Trường «{key}» phải là true hoặc false.").format(key=key), field=key)
    return value
