"""What ``counter-app server …`` calls: serve, enrol, rekey, revoke, credentials, agencies'
contacts, publish, import, quarantine review, the lookup page's tallies.

Refusals are raised as ``InvalidInput`` (English: the CLI's technical errors), so the command
exits 1 with the reason and nothing is written.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import TypeVar

from pydantic import ValidationError
from sqlalchemy.orm import Session

from counter_app.domain.codes import validate_agency_code, validate_slot
from counter_app.domain.decision_plan import DecisionPlan
from counter_app.domain.errors import InvalidInput
from counter_app.sync.protocol import ReleaseBody
from counter_server import (
    agencies,
    auth,
    credentials,
    imports,
    publications,
    quarantine,
    transfer_key,
)
from counter_server.db import Database, upgrade
from counter_server.errors import ApiError
from counter_server.lookup import tallies
from counter_server.models import Publication
from counter_server.publications import CalendarBody
from counter_server.settings import KEEP_ALIVE, ServerSettings
from counter_server.sync import utc_now

T = TypeVar("T")
MAX_FILE = 64 * 1024 * 1024


def serve(
    host: str = "127.0.0.1",
    port: int = 8080,
    settings: ServerSettings | None = None,
    *,
    certfile: str = "",
    keyfile: str = "",
    log_level: str = "info",
) -> None:
    """Run the server with uvicorn: migrated once first, then its worker processes (loopback
    unless told otherwise; HTTPS with ``certfile`` and ``keyfile``)."""
    import uvicorn

    settings = settings or ServerSettings(default_database_url())
    _check_tls_files(certfile, keyfile)
    with _database(settings.database_url):
        pass  # migrated here, once, before the workers start
    os.environ.update(settings.environment())  # what each worker's app_from_env reads
    uvicorn.run(
        "counter_server.app:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=settings.processes,
        http="counter_server.transport:TimedH11Protocol",
        timeout_keep_alive=int(KEEP_ALIVE),
        log_level=log_level,
        ssl_certfile=certfile or None,
        ssl_keyfile=keyfile or None,
    )


def _check_tls_files(certfile: str, keyfile: str) -> None:
    """HTTPS needs both files, readable (else plain HTTP, for loopback or behind a proxy)."""
    if not certfile and not keyfile:
        return
    if not (certfile and keyfile):
        raise InvalidInput("--certfile and --keyfile go together")
    for path in (certfile, keyfile):
        try:
            Path(path).read_bytes()
        except OSError as error:
            raise InvalidInput(f"cannot read {path}: {error.strerror}") from None


def default_database_url() -> str:
    """The embedded default: an SQLite file in the user's data folder."""
    import platformdirs

    folder = Path(platformdirs.user_data_dir("counter-server"))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'server.sqlite3'}"


def enrol(
    database_url: str, agency_code: str, agency_name: str, slot: int, parent: str | None = None
) -> str:
    """Create a one-time enrolment code for a station of the agency in ``slot``; print it."""
    agency_code, slot = validate_agency_code(agency_code), validate_slot(slot)
    parent = None if parent is None else validate_agency_code(parent)
    code = _in_transaction(
        database_url,
        lambda session: auth.create_code(
            session=session,
            agency_code=agency_code,
            agency_name=agency_name,
            slot=slot,
            now=utc_now(),
            parent_code=parent,
        ),
    )
    print(code)
    return code


def rekey(database_url: str, station_id: str) -> str:
    """Print a one-time code that gives the enrolled station a new token (only it can use it)."""
    code = _in_transaction(
        database_url,
        lambda session: auth.create_rekey_code(
            session=session, station_id=station_id, now=utc_now()
        ),
    )
    print(code)
    return code


def revoke(database_url: str, station_id: str) -> bool:
    """Refuse the station's token from now on; False (and a message) when it is unknown."""
    found = _in_transaction(
        database_url, lambda session: auth.revoke(session=session, station_id=station_id)
    )
    print(f"Station {station_id} revoked." if found else f"No station {station_id}.")
    return found


def officer(database_url: str, agency_code: str, name: str) -> str:
    """Create a back-office token for the agency; print it (it is shown only this once)."""
    agency_code = validate_agency_code(agency_code)
    if not name.strip():
        raise InvalidInput("the officer needs a name")
    officer_id, token = _in_transaction(
        database_url,
        lambda session: credentials.create_officer(
            session=session, agency_code=agency_code, name=name.strip()[:100], now=utc_now()
        ),
    )
    print(token)
    print(
        f"officer {officer_id} (revoke with: server revoke-officer {officer_id})", file=sys.stderr
    )
    return token


def revoke_officer(database_url: str, officer_id: str) -> bool:
    """Refuse an officer's token from now on; False when unknown."""
    found = _in_transaction(
        database_url,
        lambda session: credentials.revoke_officer(session=session, officer_id=officer_id),
    )
    print(f"Officer {officer_id} revoked." if found else f"No officer {officer_id}.")
    return found


def admin_token(database_url: str, label: str) -> str:
    """Create an administrator token; print it (it is shown only this once)."""
    token = _in_transaction(
        database_url,
        lambda session: credentials.create_admin_token(
            session=session, label=label[:100], now=utc_now()
        ),
    )
    print(token)
    return token


def revoke_admin(database_url: str, label: str) -> int:
    """Refuse the administrator tokens made with ``label``; return how many."""
    count = _in_transaction(
        database_url,
        lambda session: credentials.revoke_admin_tokens(session=session, label=label),
    )
    print(f"{count} administrator token(s) labelled {label!r} revoked.")
    return count


def set_parent(database_url: str, agency_code: str, parent: str | None) -> None:
    """Place an agency under the province (None: at the top of the tree)."""
    agency_code = validate_agency_code(agency_code)
    parent = None if parent is None else validate_agency_code(parent)
    _in_transaction(
        database_url,
        lambda session: agencies.set_parent(session, agencies.known(session, agency_code), parent),
    )
    print(f"{agency_code} now lies under {parent or 'nothing (top level)'}.")


def agency(
    database_url: str,
    agency_code: str,
    name: str | None = None,
    address: str | None = None,
    phone: str | None = None,
) -> str:
    """Set (when given) and print what the lookup page shows of an enrolled agency's centre."""
    agency_code = validate_agency_code(agency_code)

    def change(session: Session) -> str:
        row = agencies.set_contacts(
            agencies.known(session, agency_code), name=name, address=address, phone=phone
        )
        return f"{row.code}  {row.name}\naddress: {row.address or '-'}\nphone: {row.phone or '-'}"

    shown = _in_transaction(database_url, change)
    print(shown)
    return shown


def lookups(database_url: str, hours: int = 24, prune_days: int | None = None) -> tallies.Summary:
    """Print the public lookup page's tallies over the last ``hours`` (deleting first those
    older than ``prune_days``): totals, the busiest minute, the callers that missed most."""
    if hours < 1 or (prune_days is not None and prune_days < 1):
        raise InvalidInput("--hours and --prune-days take a whole number of at least 1")
    now = utc_now()

    def read(session: Session) -> tuple[int | None, tallies.Summary]:
        pruned = None
        if prune_days is not None:
            pruned = tallies.prune(session, before=now - timedelta(days=prune_days))
        return pruned, tallies.summary(session, since=now - timedelta(hours=hours))

    pruned, summary = _in_transaction(database_url, read)
    if pruned is not None:
        print(f"{pruned} tally row(s) older than {prune_days} days deleted.")
    print(
        f"Last {hours} h: {summary.lookups} lookups, {summary.misses} of codes with nothing "
        f"to show, {summary.digit_failures} failed digit attempts."
    )
    if summary.busiest_minute is not None:
        start, count = summary.busiest_minute
        print(f"Busiest minute: {start:%Y-%m-%d %H:%M} UTC, {count} lookups.")
    for caller in summary.callers:
        print(
            f"{caller.bucket}  {caller.lookups} lookups  {caller.misses} misses  "
            f"{caller.digit_failures} failed digits"
        )
    return summary


def publish_catalogue(
    database_url: str, path: Path, decision: str = "", effective: date | None = None
) -> int:
    """Publish a catalogue JSON file, or a province's decision (.docx, .xlsx annex), to every
    station; return its pub_seq. A decision is read against the newest published versions."""
    from counter_app.services.decision_files import is_decision_workbook

    suffix = path.suffix.lower()
    read: list[DecisionPlan] = []  # the decision's rows as read, for the summary
    if suffix == ".docx" or (suffix == ".xlsx" and is_decision_workbook(path)):
        from counter_app.services.decision_import import read_decision

        source = read_decision(path)

        def publish(session: Session) -> Publication:
            read[:] = [
                publications.plan_against_published(
                    session, source, number=decision, effective=effective
                )
            ]
            document = publications.decision_document(read[0])
            return publications.publish_catalogue(session, document, file=path.name, now=utc_now())

    else:
        document = _json_file(path)

        def publish(session: Session) -> Publication:
            return publications.publish_catalogue(session, document, file=path.name, now=utc_now())

    row = _in_transaction(database_url, publish)
    if read:
        _print_decision_rows(read[0])
    print(f"Catalogue published as publication {row.pub_seq}.")
    return row.pub_seq


def _print_decision_rows(plan: DecisionPlan) -> None:
    """Each row of a published decision that was set aside, left a cell unread or gave a pause
    ground, with what was done (the rest are published as read)."""
    for change in plan.changes:
        if not change.notes and not change.grounds:
            continue
        print(f"  {change.change:<10} {change.code:<12} {change.name}")
        for ground in change.grounds:
            print(f"      pause ground {ground.ground}: «{ground.phrase}» ({ground.column})")
        for note in change.notes:
            print(f"      ! {note}")


def publish_calendar(database_url: str, path: Path) -> int:
    """Publish a calendar JSON file (``{"days": […], "removed": […]}``); return its pub_seq."""
    try:
        body = CalendarBody.model_validate(_json_file(path))
    except ValidationError as error:
        raise InvalidInput(f"{path.name}: not a calendar file: {error}") from None
    row = _in_transaction(
        database_url, lambda session: publications.publish_calendar(session, body, now=utc_now())
    )
    print(f"Calendar published as publication {row.pub_seq}.")
    return row.pub_seq


def publish_release(database_url: str, version: str, required_from: str | None, note: str) -> int:
    """Announce a Counter version (required from a day, if given); return its pub_seq."""
    try:
        body = ReleaseBody.model_validate(
            {"version": version, "required_from": required_from, "note": note}
        )
    except ValidationError as error:
        raise InvalidInput(f"not a release: {error}") from None
    row = _in_transaction(
        database_url, lambda session: publications.publish_release(session, body, now=utc_now())
    )
    required = f", required from {body.required_from}" if body.required_from else ""
    print(f"Counter {body.version} announced as publication {row.pub_seq}{required}.")
    return row.pub_seq


def import_file(database_url: str, path: Path) -> int:
    """Import a hand-carried transfer file; return how many events were new."""
    data = _read(path)
    transfer = transfer_key.load()
    result = _in_transaction(
        database_url,
        lambda session: imports.import_file(session, data, now=utc_now(), server_key=transfer),
    )
    print(
        f"Station {result.station_id}: {result.events_in_file} events in the file, "
        f"{result.stored} new, held through seq {result.held_through_seq}, "
        f"{result.rejected} set aside."
    )
    return result.stored


def list_quarantine(database_url: str, agency: str | None, state: quarantine.Listing) -> int:
    """Print the quarantined links (open: not yet reviewed), newest first; return how many."""
    rows = _in_transaction(
        database_url,
        lambda session: quarantine.listed(session, agency=agency, state=state, limit=1000),
    )
    for row in rows:
        line = f"{row.id}  {row.agency_code}  station {row.station_id} seq {row.seq}  {row.type}"
        print(f"{line}: {row.reason}")
        if row.reviewed_at is not None:
            print(
                f"    reviewed {row.reviewed_at:%Y-%m-%d %H:%M} by {row.reviewed_by}: "
                f"{row.review_note}"
            )
    print(f"{len(rows)} quarantined link(s) ({state}).", file=sys.stderr)
    return len(rows)


def review_quarantined(database_url: str, event_id: str, note: str, by: str) -> None:
    """Record what was done about a quarantined link; it stays held, off the open list."""
    _in_transaction(
        database_url,
        lambda session: quarantine.review(session, event_id, by=by, note=note, now=utc_now()),
    )
    print(f"Event {event_id} reviewed by {by}.")


def _read(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_FILE:
            raise InvalidInput(f"{path.name} is larger than {MAX_FILE} bytes.")
        return path.read_bytes()
    except OSError as error:
        raise InvalidInput(f"cannot read {path}: {error.strerror}") from None


def _json_file(path: Path) -> object:
    try:
        return json.loads(_read(path).decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InvalidInput(f"{path.name} is not UTF-8 JSON: {error}") from None


def _in_transaction(database_url: str, work: Callable[[Session], T]) -> T:
    """Run ``work`` in one committed transaction; an API refusal becomes InvalidInput."""
    with _database(database_url) as database:
        try:
            with database.sessions.begin() as session:
                return work(session)
        except ApiError as error:
            raise InvalidInput(error.detail) from None


@contextmanager
def _database(database_url: str) -> Iterator[Database]:
    """The database, migrated, disposed afterwards."""
    database = Database(database_url or default_database_url())
    try:
        upgrade(database.engine)
        yield database
    finally:
        database.dispose()
