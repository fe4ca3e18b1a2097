"""Calendar files are UTF-8 whatever the machine's own encoding.

A ``counter-calendar/1`` file names its days in Vietnamese ("Tết Dương lịch"); the station may
run on a Windows set to Vietnamese, whose default text encoding is Windows-1258, not UTF-8
(README "Calendar"; resources/calendar/*.json are written in UTF-8).
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from counter_app.domain.official_calendar import read_calendar_file

DOCUMENT = {
    "format": "counter-calendar/1",
    "year": 2026,
    "days": [
        {
            "day": "2026-01-01",
            "kind": "off",
            "name": "Tết Dương lịch",
            "document": "Bộ luật Lao động 45/2019/QH14, Điều 112",
            "issued": "2019-11-20",
        }
    ],
}


def test_a_calendar_file_is_read_as_utf8_on_a_vietnamese_windows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the system's default encoding Windows-1258, the names still read as written."""
    path = tmp_path / "2026.json"
    path.write_text(json.dumps(DOCUMENT, ensure_ascii=False), encoding="utf-8")
    real = io.text_encoding

    def windows_1258(encoding: str | None, stacklevel: int = 2) -> str:
        return real(encoding) if encoding is not None else "cp1258"

    monkeypatch.setattr(io, "text_encoding", windows_1258)
    year, days = read_calendar_file(path)
    assert year == 2026
    assert [(day.name, day.document) for day in days] == [
        ("Tết Dương lịch", "Bộ luật Lao động 45/2019/QH14, Điều 112")
    ]
