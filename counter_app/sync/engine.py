"""The station's sync use cases: enrol, one round, export for hand carrying.

Each takes the station's store and identity, and the ``httpx.Client`` to use (built from the
settings when none is given), so tests hand in FastAPI's TestClient or a client through a proxy.
"""

from __future__ import annotations

import ipaddress
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from counter_app.domain.errors import InvalidInput
from counter_app.i18n import _
from counter_app.models.database import Store
from counter_app.private_file import write_private
from counter_app.services import lan_store, outbox
from counter_app.services.calendar_admin import read_settings
from counter_app.services.context import StationIdentity
from counter_app.sync import client, credentials
from counter_app.sync.errors import SyncError
from counter_app.sync.protocol import EnrolRequest, TransferFile, WireEvent
from counter_app.sync.round import RoundPolicy, RoundReport, SyncRound
from counter_app.sync.transfer import encrypt_for_server, public_key_text, seal

_SETTING = (
    "INSERT INTO settings (key, value) VALUES (?, ?) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
)


@dataclass(frozen=True)
class Enrolment:
    """What enrolment gave the station."""

    server_url: str
    agency_code: str
    slot: int


def http_for(settings: dict[str, Any]) -> httpx.Client:
    """A client for the configured server; refuse when none is configured."""
    url = str(settings.get("server_url", ""))
    if not url:
        raise InvalidInput(_("Chưa đặt địa chỉ máy chủ; hãy chạy «counter-app enrol»."))
    url = check_url(url)  # also one saved before plain http was refused
    ca_bundle = str(settings.get("ca_bundle", ""))
    _check_ca_bundle(ca_bundle)
    return client.make_http(url, ca_bundle=ca_bundle)


def _check_ca_bundle(ca_bundle: str) -> None:
    if ca_bundle and not Path(ca_bundle).is_file():
        raise InvalidInput(_("Không tìm thấy tệp chứng chỉ {path}.").format(path=ca_bundle))


def check_url(url: str) -> str:
    """The server address, refused unless it is https (plain http only to this very PC: a
    server on loopback, or a reverse proxy beside the station that speaks TLS onwards)."""
    cleaned = url.strip().rstrip("/")
    try:
        parts = urlsplit(cleaned)
        host = parts.hostname or ""
    except ValueError:
        parts, host = urlsplit(""), ""
    plain_ok = parts.scheme == "http" and _loopback(host)
    if len(cleaned) > 500 or not host or not (parts.scheme == "https" or plain_ok):
        raise InvalidInput(_("Địa chỉ máy chủ phải bắt đầu bằng https://."), field="url")
    return cleaned


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def enrol(
    store: Store,
    identity: StationIdentity,
    *,
    url: str,
    code: str,
    ca_bundle: str = "",
    http: httpx.Client | None = None,
) -> Enrolment:
    """Trade the one-time code for a token; keep it in the keyring and the URL in settings,
    and, unless the agency set one, make the slips' QR open the server's lookup page."""
    url = check_url(url)
    _check_ca_bundle(ca_bundle)
    credentials.backend()  # refuse before the one-time code is spent
    key = Ed25519PrivateKey.generate()
    request = EnrolRequest(
        code=code.strip(), station_id=identity.station_id, public_key=public_key_text(key)
    )
    own_http = http is None
    http = http or client.make_http(url, ca_bundle=ca_bundle)
    try:
        answer = client.enrol(http, request)
        _check_answer(identity, answer.agency_code, answer.slot)
        credentials.save(identity.station_id, answer.token, key)
        with store.write() as db:
            outbox.save_state(db, server_url=url, server_transfer_key=answer.transfer_key or "")
            for name, value in (("server_url", url), ("ca_bundle", ca_bundle)):
                db.exec_driver_sql(_SETTING, (name, json.dumps(value)))
            if not read_settings(db)["lookup_url"]:  # an address the agency chose stays
                db.exec_driver_sql(_SETTING, ("lookup_url", json.dumps(lookup_url(url))))
        _learn_siblings(store, identity, client.ServerApi(http, answer.token))
    finally:
        if own_http:
            http.close()
    return Enrolment(url, answer.agency_code, answer.slot)


def lookup_url(server_url: str) -> str:
    """The server's public lookup page for a slip's QR, ``{code}`` standing for the code."""
    return f"{server_url}/tra-cuu?ma={{code}}"


def _learn_siblings(store: Store, identity: StationIdentity, api: client.ServerApi) -> None:
    """The agency's other counters and their keys, so the new counter joins the centre's
    network at once (the next round would teach it too)."""
    try:
        siblings = api.siblings()
    except SyncError:
        return
    with store.write() as db:
        lan_store.save_siblings(
            db, siblings.stations, own_id=identity.station_id, now=datetime.now(UTC)
        )


def _check_answer(identity: StationIdentity, agency_code: str, slot: int) -> None:
    if agency_code != identity.agency_code or slot != identity.slot:
        raise InvalidInput(
            _(
                "Mã đăng ký dành cho cơ quan {agency}, quầy {slot}; máy này là {mine}, quầy "
                "{my_slot}. Hãy xin quản trị viên mã đúng."
            ).format(
                agency=agency_code, slot=slot, mine=identity.agency_code, my_slot=identity.slot
            )
        )


def run_round(
    store: Store,
    identity: StationIdentity,
    *,
    http: httpx.Client | None = None,
    policy: RoundPolicy | None = None,
) -> RoundReport:
    """One round with the server (status, push, pull)."""
    token = credentials.token(identity.station_id)
    with store.read() as db:
        settings = read_settings(db)
    own_http = http is None
    http = http or http_for(settings)
    try:
        api = client.ServerApi(http, token)
        sync = SyncRound(
            store,
            api,
            station_id=identity.station_id,
            agency_code=identity.agency_code,
            policy=policy,
        )
        return sync.run()
    finally:
        if own_http:
            http.close()


def export(store: Store, identity: StationIdentity, target: Path) -> int:
    """Write every unacknowledged event, signed and encrypted to the server's key, to
    ``target`` (mode 0600); return how many."""
    key = credentials.private_key(identity.station_id)
    with store.read() as db:
        state = outbox.load_state(db)
        events = outbox.pending(
            db, station_id=identity.station_id, after=state.acked_seq, limit=10**9
        )
    if not events:
        raise InvalidInput(_("Không có sự kiện nào chờ gửi; không cần xuất tệp."))
    if not state.server_transfer_key:
        raise InvalidInput(
            _(
                "Máy chưa có khóa công khai của máy chủ để mã hóa tệp mang tay; hãy đồng bộ một "
                "lần khi có mạng (counter-app sync) rồi xuất lại. Tệp không được ghi."
            )
        )
    transfer = TransferFile(
        station_id=identity.station_id,
        agency_code=identity.agency_code,
        created_at=datetime.now(UTC),
        events=[WireEvent.from_record(event) for event in events],
    )
    write_private(target, encrypt_for_server(seal(transfer, key), state.server_transfer_key))
    return len(events)
