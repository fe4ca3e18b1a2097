"""Finding the centre's other counters: DNS-SD over multicast DNS, and the ``lan_peers`` setting.

Each counter advertises ``_counter-lan._tcp`` with its agency, station id and slot in the TXT
record, and browses for the others of its agency. What mDNS says is only a hint: the address is
trusted once its TLS certificate proves a sibling's key (``trust``). Networks that drop
multicast list the counters in the ``lan_peers`` setting instead ("host:port, host:port").
"""

from __future__ import annotations

import logging
import socket
import threading
from collections.abc import Sequence

import ifaddr
from zeroconf import (
    InterfaceChoice,
    IPVersion,
    ServiceBrowser,
    ServiceInfo,
    ServiceListener,
    Zeroconf,
)

from counter_app.lan.wire import SERVICE_TYPE
from counter_app.services.context import StationIdentity

log = logging.getLogger(__name__)
LOOKUP_MS = 3000


def lan_addresses() -> list[str]:
    """This PC's IPv4 addresses other than loopback: where the other counters can reach it."""
    found = {
        ip.ip
        for adapter in ifaddr.get_adapters()
        for ip in adapter.ips
        if isinstance(ip.ip, str) and not ip.ip.startswith("127.")
    }
    return sorted(found)


class Discovery(ServiceListener):
    """This counter's advertisement and what it hears of its agency's others (station → address).

    The browser calls back on zeroconf's own thread; ``found`` hands a copy to any other.
    """

    def __init__(
        self, identity: StationIdentity, port: int | None, *, interfaces: Sequence[str] = ()
    ) -> None:
        self.identity, self.port = identity, port
        self.interfaces = list(interfaces)
        self._found: dict[str, str] = {}
        self._lock = threading.Lock()
        self._zeroconf: Zeroconf | None = None
        self._browser: ServiceBrowser | None = None
        self._info: ServiceInfo | None = None

    def start(self) -> Discovery:
        """Advertise (unless no port was given) and browse; OSError when the network has no
        multicast at all."""
        choice = self.interfaces or InterfaceChoice.All
        self._zeroconf = Zeroconf(interfaces=choice, ip_version=IPVersion.V4Only)
        self._browser = ServiceBrowser(self._zeroconf, SERVICE_TYPE, listener=self)
        if self.port is None:
            return self
        me = self.identity
        addresses = self.interfaces or lan_addresses()
        self._info = ServiceInfo(
            SERVICE_TYPE,
            f"counter-{me.slot}-{me.station_id[:8]}.{SERVICE_TYPE}",
            addresses=[socket.inet_aton(address) for address in addresses],
            port=self.port,
            properties={"agency": me.agency_code, "station": me.station_id, "slot": str(me.slot)},
        )
        self._zeroconf.register_service(self._info, allow_name_change=True)
        return self

    def found(self) -> dict[str, str]:
        """The agency's counters heard: station id → host:port."""
        with self._lock:
            return dict(self._found)

    def stop(self) -> None:
        """Withdraw the advertisement and stop listening."""
        if self._zeroconf is None:
            return
        if self._browser is not None:
            self._browser.cancel()
        if self._info is not None:
            self._zeroconf.unregister_service(self._info)
        self._zeroconf.close()
        self._zeroconf = None

    # -- the browser's callbacks (zeroconf's thread) -------------------------------------------

    def add_service(self, zc: Zeroconf, type_: str, name: str) -> None:
        """A counter appeared (or changed): keep it if it is of this agency."""
        info = zc.get_service_info(type_, name, timeout=LOOKUP_MS)
        if info is None or info.port is None:
            return
        properties = {
            key.decode(errors="replace"): (value or b"").decode(errors="replace")
            for key, value in info.properties.items()
        }
        station = properties.get("station", "")
        if properties.get("agency") != self.identity.agency_code or not station:
            return
        if station == self.identity.station_id or not info.parsed_addresses():
            return
        with self._lock:
            self._found[station] = f"{info.parsed_addresses()[0]}:{info.port}"

    update_service = add_service

    def remove_service(self, zc: Zeroconf, type_: str, name: str) -> None:
        """A counter withdrew: it is still tried at its last address by its worker."""
        log.debug("counter withdrawn from mDNS: %s", name)
