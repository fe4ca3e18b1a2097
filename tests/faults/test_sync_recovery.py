"""Recovery and refusals through the fault proxy, with the station's real sync client.

A station restored from yesterday's backup takes its events back over a lossy link without a
duplicate; a revoked token is refused with a reason the station keeps; a station of another
agency neither reads nor writes this agency's dossiers.
"""

from __future__ import annotations

import io
import uuid
from contextlib import redirect_stdout
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from counter_app.domain.events import GENESIS_HASH, EventRecord, event_hash
from counter_app.domain.lifecycle import State
from counter_app.sync import credentials
from counter_app.sync.client import ServerApi
from counter_app.sync.errors import ErrorKind, SyncError
from counter_server.cli import revoke
from tests.faults.conftest import PartyMaker
from tests.faults.ledger import assert_exactly_once, assert_stations_agree, held
from tests.faults.proxy import Fault, FaultProxy
from tests.faults.server import ServerProcess
from tests.faults.stations import Party, make_party, new_agency


def test_a_station_restored_from_yesterday_resyncs_without_duplicates(
    parties: PartyMaker, proxy: FaultProxy, backend_url: str, tmp_path: Path
) -> None:
    party = parties(1)
    party.work(3)
    party.sync()
    party.station.backup(tmp_path / "yesterday.sqlite3")
    party.work(4)  # today's work reaches the server, then the PC's disk dies
    party.sync()
    party.station.restore(tmp_path / "yesterday.sqlite3")
    party.work(1)  # received before the restored station next syncs
    proxy.schedule(Fault("lose_response"), Fault("duplicate"), Fault("cut_response", at=100))
    reports = party.sync()  # takes back today's events over GET /v1/own, rechains the new one
    assert sum(report.restored for report in reports) == 6  # 4 received, 2 transferred
    assert sum(report.rechained for report in reports) == 2  # the new one, and its transfer
    assert_exactly_once(backend_url, party.agency, [party])
    assert_stations_agree([party], party.codes)
    assert len(set(party.codes)) == 8


def test_a_revoked_token_is_refused_with_a_clear_reason(
    parties: PartyMaker, backend_url: str
) -> None:
    party = parties(1)
    party.work(1)
    with redirect_stdout(io.StringIO()):
        assert revoke(backend_url, party.station_id)
    with pytest.raises(SyncError) as refused:
        party.sync()
    assert (refused.value.kind, refused.value.status) == (ErrorKind.CREDENTIALS, 401)
    status = party.station.sync_status()
    assert status.last_error_class == "credentials" and "revoked" in (status.last_error or "")
    assert status.waiting == 1 and held(backend_url, party.agency) == []


def test_a_station_of_another_agency_neither_reads_nor_writes_these_dossiers(
    parties: PartyMaker, server: ServerProcess, proxy: FaultProxy, backend_url: str, tmp_path: Path
) -> None:
    ours = [parties(1), parties(2)]
    for party in ours:
        party.work(2)
        party.sync()
    stranger = _stranger(tmp_path, server, proxy, backend_url)
    try:
        stranger.work(1)
        stranger.sync()  # reads: nothing of ours comes down
        assert sorted(stranger.store_codes()) == stranger.codes
        target = ours[0].station.dossier(ours[0].codes[0])
        answer = ServerApi(stranger.http, _token(stranger)).push([_forged(stranger, target.id)])
        [refused] = answer.rejected  # writes: held in its chain, quarantined, never applied
        assert "cơ quan khác" in refused.reason
    finally:
        stranger.http.close()
        stranger.station.close()
    for party in ours:
        party.sync()
    assert_stations_agree(ours, [code for party in ours for code in party.codes])
    assert ours[1].station.dossier(ours[0].codes[0]).state is State.RECEIVED


def _stranger(tmp_path: Path, server: ServerProcess, proxy: FaultProxy, backend_url: str) -> Party:
    """A station of a new agency on the same server and proxy."""
    folder = tmp_path / "stranger"
    folder.mkdir()
    return make_party(
        folder,
        agency=new_agency(),
        slot=1,
        server_url=server.url,
        database_url=backend_url,
        proxy_url=proxy.url,
    )


def _token(party: Party) -> str:
    """The stranger's token, from the keyring its enrolment filled."""
    return credentials.token(party.station_id)


def _forged(party: Party, dossier_id: str) -> EventRecord:
    """A transfer of someone else's dossier, next in the stranger's own chain."""
    [*_, last] = party.own_events()
    record = EventRecord(
        id=str(uuid.uuid4()),
        dossier_id=dossier_id,
        station_id=party.station_id,
        seq=last.seq + 1,
        type="transferred",
        actor="ke-la",
        wall_clock=datetime(2026, 3, 10, 3, 0, tzinfo=UTC),
        hlc=last.hlc + 1,
        payload={"to": "Phòng khác", "note": None},
        prev_hash=last.hash or GENESIS_HASH,
    )
    return replace(record, hash=event_hash(record))
