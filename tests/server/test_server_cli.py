from __future__ import annotations

from pathlib import Path

import pytest

from counter_app.cli import main


def test_enrol_prints_a_one_time_code_and_revoke_reports_unknown_stations(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
    assert (
        main(["server", "--database-url", url, "enrol", "000.17.22.H56", "UBND phường", "1"]) == 0
    )
    code = capsys.readouterr().out.strip()
    assert len(code) >= 8
    assert main(["server", "--database-url", url, "revoke", "no-such-station"]) == 1
    assert main(["server", "--database-url", url, "enrol", "17.22.H56", "x", "1"]) == 1
    assert "000.00.00.H00" in capsys.readouterr().err
