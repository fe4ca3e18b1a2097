"""The ``lan_peers`` setting: the counters to ask when the network drops multicast."""

from __future__ import annotations

from counter_app.domain.errors import InvalidInput
from counter_app.i18n import _


def parse_peers(text: str) -> list[str]:
    """``"10.0.0.2:8470, quay3.local:8470"`` → the addresses; InvalidInput for a bad one."""
    addresses = []
    for part in text.replace(";", ",").replace(" ", ",").split(","):
        host, colon, port = part.strip().rpartition(":")
        if not part.strip():
            continue
        if not colon or not host or not port.isdigit() or not 0 < int(port) < 65536:
            raise InvalidInput(
                _("Địa chỉ «{part}» phải có dạng máy:cổng, ví dụ 192.168.1.12:8470.").format(
                    part=part.strip()[:60]
                ),
                field="lan_peers",
            )
        addresses.append(f"{host}:{int(port)}")
    return addresses
