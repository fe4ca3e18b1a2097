from __future__ import annotations

import time
import uuid

from counter_app.services.eventlog import new_id


def test_ids_are_version_7_and_grow_with_time() -> None:
    first = new_id()
    time.sleep(0.002)
    second = new_id()
    assert uuid.UUID(first).version == 7
    assert uuid.UUID(first).variant == uuid.RFC_4122
    assert first < second
    assert len({new_id() for _ in range(10_000)}) == 10_000
