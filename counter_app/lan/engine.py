"""The centre's network as use cases: the background service, a pull from every counter in
reach (``sync`` without the server), and what each counter holds (``lan status``)."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from counter_app.lan.client import PeerApi
from counter_app.lan.discovery import Discovery
from counter_app.lan.exchange import SiblingKeys, drain
from counter_app.lan.peers_setting import parse_peers
from counter_app.lan.service import LanService, LanSettings
from counter_app.lan.wire import HeldChain
from counter_app.models.database import Store
from counter_app.services import lan_store
from counter_app.services.calendar_admin import read_settings
from counter_app.services.context import StationIdentity
from counter_app.services.lan_types import PeerStatus
from counter_app.sync import credentials
from counter_app.sync.errors import SyncError

LISTEN_SECONDS = 2.0  # how long ``sync`` listens for counters announcing themselves


def settings_of(store: Store, *, port: int | None = None) -> LanSettings:
    """The LAN settings as stored (``port`` overrides the stored one)."""
    with store.read() as db:
        values = read_settings(db)
    return LanSettings(
        port=int(values["lan_port"]) if port is None else port,
        peers=parse_peers(str(values["lan_peers"])),
        discovery=values["lan_discovery"] == "on",
    )


def service(
    store: Store,
    identity: StationIdentity,
    *,
    port: int | None = None,
    interfaces: Sequence[str] = (),
    on_applied: Callable[[int], None] | None = None,
) -> LanService:
    """The counter's service on the centre's network, configured from its settings (not
    started); the station key comes from the keyring (NotEnrolled without one)."""
    settings = settings_of(store, port=port)
    settings = LanSettings(settings.port, settings.peers, settings.discovery, tuple(interfaces))
    key = credentials.private_key(identity.station_id)
    return LanService(store, identity, key, settings, on_applied=on_applied)


@dataclass(frozen=True)
class PeerPull:
    """What ``sync`` took from one counter of the centre (or why it could not)."""

    station_id: str | None
    address: str
    slot: int | None = None
    applied: int = 0
    on_hold: int = 0
    refused: int = 0
    error: str | None = None


def pull_from_peers(
    store: Store,
    identity: StationIdentity,
    *,
    listen: float = LISTEN_SECONDS,
    interfaces: Sequence[str] = (),
) -> list[PeerPull]:
    """Everything the counters in reach hold now: those heard before, those in the setting,
    and those announcing themselves within ``listen`` seconds."""
    keys = SiblingKeys(store)
    known = keys()
    key = credentials.private_key(identity.station_id)
    results: list[PeerPull] = []
    done: set[str] = set()
    for address in _addresses(store, identity, listen=listen, interfaces=interfaces):
        api = PeerApi(address, me=identity.station_id, key=key, keys=keys)
        try:
            hello = api.hello()
            if hello.station_id in done:
                continue
            done.add(hello.station_id)
            got = drain(store, identity, api, known)
        except SyncError as error:
            results.append(PeerPull(api.station_id, address, error=error.detail))
            continue
        finally:
            api.close()
        slot = hello.slot
        results.append(
            PeerPull(hello.station_id, address, slot, got.applied, got.on_hold, got.refused)
        )
    return results


def _addresses(
    store: Store, identity: StationIdentity, *, listen: float, interfaces: Sequence[str]
) -> list[str]:
    settings = settings_of(store)
    with store.read() as db:
        heard = [row.address for row in lan_store.peers(db)]
    found: list[str] = []
    if settings.discovery and listen > 0:
        try:
            browser = Discovery(identity, None, interfaces=interfaces).start()
        except OSError:
            browser = None
        if browser is not None:
            time.sleep(listen)
            found = list(browser.found().values())
            browser.stop()
    return list(dict.fromkeys([*found, *heard, *settings.peers]))


@dataclass(frozen=True)
class PeerReport:
    """One counter for ``lan status``: as stored, and what it answered now."""

    status: PeerStatus
    answered: bool = False
    holds: list[HeldChain] = field(default_factory=list)
    error: str | None = None


def status(
    store: Store, identity: StationIdentity, *, probe: bool = True
) -> tuple[list[HeldChain], list[PeerReport]]:
    """What this counter holds, and each sibling: last heard, and (asked now) what it holds."""
    now = datetime.now(UTC)
    with store.read() as db:
        mine = [
            HeldChain(station_id=h.station_id, events=h.events, last_seq=h.last_seq)
            for h in lan_store.holdings(db)
        ]
        peers = lan_store.peer_statuses(db, now=now)
    if not probe:
        return mine, [PeerReport(peer) for peer in peers]
    keys = SiblingKeys(store)
    key = credentials.private_key(identity.station_id)
    return mine, [_probe(peer, identity, key, keys) for peer in peers]


def _probe(
    peer: PeerStatus, identity: StationIdentity, key: Ed25519PrivateKey, keys: SiblingKeys
) -> PeerReport:
    if peer.address is None or peer.slot is None:
        return PeerReport(peer)
    api = PeerApi(
        peer.address,
        me=identity.station_id,
        key=key,
        keys=keys,
        expected=peer.station_id,
        timeout=5.0,
    )
    try:
        return PeerReport(peer, answered=True, holds=list(api.holdings().chains))
    except SyncError as error:
        return PeerReport(peer, error=error.detail)
    finally:
        api.close()
