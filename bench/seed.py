"""Build (once, then reuse) a station store holding N realistic dossiers for the benchmarks.

Rows are produced with the real fold, projection and hash chain, and inserted in bulk, so the
store is exactly what the services would have written (``events verify`` passes on it). The store
is encrypted as every store is; its key is in the benches' keyring (``keys.py``), and each run's
working copy is given the same key.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import sys
import time
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import keys  # first: it puts this checkout's counter_app on the path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
keys.start()

from counter_app import store_cipher, store_keys  # noqa: E402
from counter_app.domain.calendar import VN_TZ  # noqa: E402
from counter_app.domain.catalogue import time_limit_missing  # noqa: E402
from counter_app.domain.dossier import apply  # noqa: E402
from counter_app.domain.events import EventRecord, HybridClock, event_hash  # noqa: E402
from counter_app.domain.trails import payload_texts  # noqa: E402
from counter_app.models.base import to_utc_text  # noqa: E402
from counter_app.models.database import BACKUP_DIRNAME  # noqa: E402
from counter_app.services.demo import FAMILY, GIVEN_FEMALE, GIVEN_MALE, MIDDLE_FEMALE, MIDDLE_MALE  # noqa: E402
from counter_app.services.eventlog import (  # noqa: E402
    STEP_FIELDS,
    document_rows,
    new_id,
    projection_row,
)
from counter_app.services.reception import (  # noqa: E402
    all_required,
    documents_payload,
    processing_time,
)
from counter_app.station import Station  # noqa: E402
from counter_app.store_file import STORE_FILENAME  # noqa: E402

CACHE = ROOT / "bench" / ".cache"
AGENCY = "000.00.22.H56"
PER_DAY = 700


def store_with(count: int, *, lifecycle: bool = False) -> Path:
    """A data folder (a fresh copy) whose store holds ``count`` dossiers.

    With ``lifecycle`` the dossiers also live on (transferred, resolved — some late, some after
    an apology —, returned by post or at the counter, rated); that store is cached separately.
    """
    name = f"life-{count}" if lifecycle else str(count)
    source = CACHE / f"store-{name}"
    if not source.exists():
        building = CACHE / f"building-{name}"
        _build(building, count, lifecycle=lifecycle)
        key = store_keys.require_key(building / STORE_FILENAME)
        building.rename(source)  # only a complete store is ever reused
        store_keys.adopt(source / STORE_FILENAME, key)
    _upgrade_in_place(source)
    target = CACHE / f"work-{name}"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target)
    key = store_keys.require_key(source / STORE_FILENAME)
    store_keys.adopt(target / STORE_FILENAME, key)
    return target


def sampled_dossiers(folder: Path, count: int) -> list[tuple[str, str, str]]:
    """``count`` dossiers of the store in ``folder`` drawn at random: code, ID number, name."""
    path = folder / STORE_FILENAME
    connection = store_cipher.connect(path, store_keys.require_key(path))
    try:
        return connection.execute(
            "SELECT code, id_number, applicant_name FROM dossiers ORDER BY random() LIMIT ?",
            (count,),
        ).fetchall()
    finally:
        connection.close()


def _upgrade_in_place(folder: Path) -> None:
    """Bring a cached store built by an older schema to the current one, once, without a backup
    (it can be rebuilt), so that every run does not migrate its own copy."""
    station = Station(folder)  # a clear store of an earlier Counter is encrypted here
    station.recovery_key_shown()
    station.close()
    shutil.rmtree(folder / BACKUP_DIRNAME, ignore_errors=True)


def _build(folder: Path, count: int, *, lifecycle: bool = False) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    started = time.perf_counter()
    station = Station(folder)
    station.initialise(agency_code=AGENCY, agency_name="Phường Hạc Thành", slot=0)
    station.recovery_key_shown()  # a bench store: nobody keeps its sheet
    identity = station.context().identity
    # a counter cannot receive a procedure whose time limit nobody filled in
    entries = [
        e
        for e in station.catalogue()
        if e.spec.status == "active" and not time_limit_missing(e.spec)
    ]
    calendar = station.context().calendar
    station.close()
    rng = random.Random(7)
    path = folder / STORE_FILENAME
    connection = store_cipher.connect(path, store_keys.require_key(path))
    connection.execute("PRAGMA synchronous=OFF")
    clock, previous, seq = HybridClock(), "0" * 64, 0
    day = _first_day(calendar, count)
    made = 0
    while made < count:
        if not calendar.is_working_day(day):
            day += timedelta(days=1)
            continue
        batch = min(PER_DAY, count - made)
        dossiers, documents, events = [], [], []
        for number in range(1, batch + 1):
            entry = rng.choice(entries)
            at = datetime(day.year, day.month, day.day, 7, 30, tzinfo=VN_TZ) + timedelta(
                seconds=number * 40
            )
            seq += 1
            record = _event(
                rng,
                entry,
                station_id=identity.station_id,
                day=day,
                number=number,
                at=at,
                seq=seq,
                previous=previous,
                clock=clock,
                calendar=calendar,
                lifecycle=lifecycle,
            )
            previous = record.hash
            facts = apply(None, record)
            documents += document_rows(facts.id, facts.documents, start=0)
            events.append(record)
            if lifecycle:
                for later in _life(rng, facts, seq=seq, previous=previous, clock=clock):
                    facts = apply(facts, later)
                    events.append(later)
                    seq, previous = later.seq, later.hash
            dossiers.append(projection_row(facts))
        _insert(connection, dossiers, documents, events)
        connection.execute(
            "INSERT INTO sequence_slots (station_id, day, last_number) VALUES (?, ?, ?)",
            (identity.station_id, day.isoformat(), batch),
        )
        made += batch
        day += timedelta(days=1)
        print(f"\rseeded {made}/{count} dossiers", end="", file=sys.stderr)
    connection.execute(
        "UPDATE stations SET last_seq=?, last_hash=?, last_hlc=? WHERE id=?",
        (seq, previous, clock.tick(datetime.now(UTC)), identity.station_id),
    )
    connection.commit()
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    print(f"\nbuilt in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def _first_day(calendar: object, count: int) -> date:
    """The working day from which ``count`` dossiers at PER_DAY a day end yesterday."""
    days_needed = -(-count // PER_DAY)
    day = datetime.now(VN_TZ).date()
    while days_needed:
        day -= timedelta(days=1)
        days_needed -= calendar.is_working_day(day)  # type: ignore[attr-defined]
    return day


def _event(  # type: ignore[no-untyped-def]
    rng, entry, *, station_id, day, number, at, seq, previous, clock, calendar, lifecycle=False
) -> EventRecord:
    sex_male = rng.random() < 0.5
    name = " ".join(
        (
            rng.choice(FAMILY),
            rng.choice(MIDDLE_MALE if sex_male else MIDDLE_FEMALE),
            rng.choice(GIVEN_MALE if sex_male else GIVEN_FEMALE),
        )
    )
    born = rng.randint(1950, 2005)
    digit = (born // 100 - 19) * 2 + (0 if sex_male else 1)
    dossier = {
        "code": f"{AGENCY}-{day:%y%m%d}-{number:04d}",
        "procedure_id": entry.id,
        "procedure_code": entry.spec.code,
        "procedure_version": entry.version,
        "applicant": {
            "name": name,
            "id_number": f"038{digit}{born % 100:02d}{rng.randint(0, 999999):06d}",
            "dob": f"{born}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
            "sex": "male" if sex_male else "female",
            "address": f"Số {rng.randint(1, 300)}, phường Hạc Thành, tỉnh Thanh Hóa",
            "phone": f"09{rng.randint(10_000_000, 99_999_999)}",
            "email": None,
        },
        "documents": documents_payload(all_required(entry.spec.documents)),
        "channel": _pick(rng, CHANNELS) if lifecycle else "direct",
        "return_method": ("post" if rng.random() < 0.1 else "counter") if lifecycle else "counter",
        "scan_sha256": None,
        "note": None,
    }
    due = calendar.due_at(at, processing_time(entry))
    wall = at.astimezone(UTC)
    record = EventRecord(
        id=new_id(),
        dossier_id=new_id(),
        station_id=station_id,
        seq=seq,
        type="received",
        actor="seed",
        wall_clock=wall,
        hlc=clock.tick(wall),
        payload={"dossier": dossier, "received_at": at.isoformat(), "due_at": due.isoformat()},
        prev_hash=previous,
    )
    return replace(record, hash=event_hash(record))


CHANNELS = (("online", 0.3), ("post", 0.05), ("direct", 0.65))
RATINGS = (("very_satisfied", 0.3), ("satisfied", 0.5), ("dissatisfied", 0.05), (None, 0.15))


def _pick(rng: random.Random, choices: tuple[tuple[object, float], ...]) -> object:
    roll, total = rng.random(), 0.0
    for value, weight in choices:
        total += weight
        if roll < total:
            return value
    return choices[-1][0]


def _life(rng, facts, *, seq, previous, clock):  # type: ignore[no-untyped-def]
    """Later events of a dossier: transfer, (apology), resolution (8 % late), return."""
    due, received = facts.due_at, facts.received_at
    now = datetime.now(UTC)
    steps: list[tuple[str, datetime, dict]] = [  # type: ignore[type-arg]
        ("transferred", received + timedelta(hours=1), {"to": "Phòng chuyên môn", "note": None})
    ]
    late = rng.random() < 0.08
    if late and rng.random() < 0.4:
        new_due = due + timedelta(days=3)
        steps.append(
            (
                "apologised",
                due - timedelta(days=1),
                {
                    "new_due_at": new_due.isoformat(),
                    "previous_due_at": due.isoformat(),
                    "reason": "Cần xác minh thêm",
                },
            )
        )
    span = (due - received).total_seconds()
    if late:
        resolved = due + timedelta(hours=rng.randint(1, 72))
    else:
        resolved = received + timedelta(seconds=span * rng.uniform(0.3, 0.999))
    steps.append(("resolved", resolved, {"result": "Đã có kết quả"}))
    method = facts.return_method
    steps.append(
        (
            "returned",
            resolved + timedelta(hours=rng.randint(2, 60)),
            {
                "method": method,
                "receiver_name": None,
                "receiver_id_number": None,
                "fee_paid": 0,
                "rating": _pick(rng, RATINGS),
            },
        )
    )
    made = []
    for kind, at, payload in steps:
        if at > now:
            break
        wall = at.astimezone(UTC)
        seq += 1
        record = EventRecord(
            id=new_id(),
            dossier_id=facts.id,
            station_id=facts.station_id,
            seq=seq,
            type=kind,
            actor="seed",
            wall_clock=wall,
            hlc=clock.tick(wall),
            payload=payload,
            prev_hash=previous,
        )
        record = replace(record, hash=event_hash(record))
        previous = record.hash
        made.append(record)
    return made


def _insert(connection: sqlite3.Connection, dossiers: list, documents: list, events: list) -> None:  # type: ignore[type-arg]
    import json

    def value(item: object) -> object:
        return to_utc_text(item) if isinstance(item, datetime) else item

    columns = list(dossiers[0])
    connection.executemany(
        f"INSERT INTO dossiers ({','.join(columns)}) VALUES ({','.join('?' * len(columns))})",
        [[value(row[c]) for c in columns] for row in dossiers],
    )
    if documents:
        doc_columns = list(documents[0])
        connection.executemany(
            f"INSERT INTO dossier_documents ({','.join(doc_columns)}) "
            f"VALUES ({','.join('?' * len(doc_columns))})",
            [[row[c] for c in doc_columns] for row in documents],
        )
    connection.executemany(
        "INSERT INTO events (id, dossier_id, station_id, seq, type, actor, wall_clock, hlc, "
        f"payload, prev_hash, hash, {','.join(STEP_FIELDS)}) "
        f"VALUES ({','.join('?' * (11 + len(STEP_FIELDS)))})",
        [
            (
                e.id,
                e.dossier_id,
                e.station_id,
                e.seq,
                e.type,
                e.actor,
                to_utc_text(e.wall_clock),
                e.hlc,
                json.dumps(e.payload, ensure_ascii=False),
                e.prev_hash,
                e.hash,
                *payload_texts(e.type, e.payload),
            )
            for e in events
        ],
    )
    connection.commit()
