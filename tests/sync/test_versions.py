"""Versions: every request names the station's Counter; the province announces a release, and
from its day on the server refuses an older Counter — with a clear message, nothing lost."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from counter_app import __version__
from counter_app.cli import main
from counter_app.station import Station
from counter_app.sync import credentials
from counter_app.sync.errors import ErrorKind, SyncError
from counter_app.sync.protocol import CLIENT_TOO_OLD, VERSION_HEADER, version_key
from counter_app.ui.sync_status import outcome_of, release_message
from tests.server.factories import admin_headers
from tests.sync.helpers import received, sync

NEWER = ".".join(str(part + 1) for part in version_key(__version__))  # 0.1.0 → 1.2.1
TODAY = datetime.now(UTC).date()


def _announce(client: TestClient, database_url: str, **body: object) -> None:
    answer = client.post("/v1/admin/release", json=body, headers=admin_headers(database_url))
    assert answer.status_code == 200, answer.text


def test_versions_compare_part_by_part() -> None:
    assert version_key("0.10.0") > version_key("0.9.12") > version_key("0.9")
    assert version_key("1.2.1") > version_key("0.1.0")
    assert version_key("abc") == () < version_key("0")


def test_every_station_request_names_the_running_counter(
    enrolled: Callable[[int], Station], client: TestClient
) -> None:
    station = enrolled(1)
    seen: list[str | None] = []
    client.event_hooks["request"].append(lambda sent: seen.append(sent.headers.get(VERSION_HEADER)))
    received(station)
    sync(station, client)
    assert len(seen) >= 3 and set(seen) == {__version__}  # status, push, pull


def test_an_announced_release_reaches_the_station_and_is_shown(
    enrolled: Callable[[int], Station], client: TestClient, database_url: str
) -> None:
    station = enrolled(1)
    day = TODAY + timedelta(days=30)
    _announce(client, database_url, version=NEWER, required_from=day.isoformat(), note="Sửa lỗi")
    sync(station, client)  # not yet required: the round goes through
    release = station.sync_status().release
    assert release is not None
    assert (release.version, release.required_from, release.note) == (NEWER, day, "Sửa lỗi")
    assert release_message(release) == (
        f"Đã có Counter {NEWER}, bắt buộc từ ngày {day:%d/%m/%Y}; hãy nhờ cán bộ quản trị cài đặt."
    )


def test_an_older_release_than_the_running_one_is_not_shown(
    enrolled: Callable[[int], Station], client: TestClient, database_url: str
) -> None:
    station = enrolled(1)
    _announce(client, database_url, version="0.0.1")
    sync(station, client)
    assert station.sync_status().release is None


def test_a_station_too_old_is_refused_and_keeps_what_it_saved(
    enrolled: Callable[[int], Station], client: TestClient, database_url: str
) -> None:
    station = enrolled(1)
    _announce(client, database_url, version=NEWER, required_from=TODAY.isoformat())
    code = received(station)
    with pytest.raises(SyncError) as refused:
        sync(station, client)
    assert (refused.value.kind, refused.value.code) == (ErrorKind.REJECT, CLIENT_TOO_OLD)
    assert refused.value.minimum_version == NEWER
    assert station.sync_status().waiting >= 1  # the dossier waits to go up
    assert station.dossier(code).code == code
    outcome = outcome_of(refused.value)
    assert outcome.refused_as_too_old
    assert outcome.problem == (
        f"Máy chủ chỉ nhận Counter {NEWER} trở lên; hãy nhờ cán bộ quản trị cài bản mới. "
        "Dữ liệu trên máy này vẫn giữ nguyên và sẽ được gửi lên sau khi cập nhật."
    )


def test_a_request_without_a_version_is_refused_once_one_is_required(
    client: TestClient, database_url: str
) -> None:
    _announce(client, database_url, version="0.0.1", required_from="2020-01-01")
    answer = client.get("/v1/time")
    assert answer.status_code == 426
    assert answer.json()["error"] == CLIENT_TOO_OLD
    assert answer.json()["minimum_version"] == "0.0.1"
    assert client.get("/v1/time", headers={VERSION_HEADER: "0.0.1"}).status_code == 200


def test_releases_go_only_to_stations_that_name_their_version(
    client: TestClient, database_url: str, enrolled: Callable[[int], Station]
) -> None:
    station = enrolled(1)
    _announce(client, database_url, version=NEWER)
    token = credentials.token(station.context().identity.station_id)
    headers = {"Authorization": f"Bearer {token}"}  # a Counter from before versions: no header
    old = client.get("/v1/pull", headers=headers).json()
    new = client.get("/v1/pull", headers={**headers, VERSION_HEADER: __version__}).json()
    assert [p["kind"] for p in old["publications"]] == []
    assert [p["kind"] for p in new["publications"]] == ["release"]


def test_the_cli_announces_a_release(database_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["server", "--database-url", database_url, "publish-release", "9.0",
                   "--required-from", "2027-01-15", "--note", "Bản mới"])  # fmt: skip
    assert status == 0
    assert "Counter 9.0 announced as publication" in capsys.readouterr().out
    assert main(["server", "--database-url", database_url, "publish-release", "nine"]) == 1


def test_a_required_day_in_the_future_refuses_nobody_yet(
    client: TestClient, database_url: str
) -> None:
    later = date.today() + timedelta(days=2)
    _announce(client, database_url, version="99.0", required_from=later.isoformat())
    assert client.get("/v1/time", headers={VERSION_HEADER: __version__}).status_code == 200
