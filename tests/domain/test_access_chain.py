"""The access log's own hash chain (counter_app/domain/access.py; docs/legal.md, "Every view of
a citizen's data … is on an append-only, hash-chained access log"): each station numbers its
entries 1, 2, 3 …, each entry's hash is SHA-256 of the canonical JSON of its fields after the
word "access" (so it never passes for an event) and ends with the previous entry's hash; a
removed or edited entry breaks the chain, and every break names the station, the entry's seq
and what does not hold."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from counter_app.domain.access import AccessEntry, access_hash, verify_access_chain
from counter_app.domain.events import GENESIS_HASH, ChainBreak

STATION = "st-01"
T0 = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)


def _chain(count: int, start: int = 1, prev_hash: str = GENESIS_HASH) -> list[AccessEntry]:
    """``count`` entries of one station, seq ``start`` onwards, each linked to the one before."""
    entries: list[AccessEntry] = []
    for seq in range(start, start + count):
        entry = AccessEntry(
            id=f"a{seq}",
            station_id=STATION,
            seq=seq,
            actor="lan",
            at=T0 + timedelta(minutes=seq),
            kind="open",
            via="gui",
            dossier_ids=(f"d{seq}",),
            detail={"shown": seq},
            prev_hash=prev_hash,
        )
        entry = replace(entry, hash=access_hash(entry))
        entries.append(entry)
        prev_hash = entry.hash
    return entries


def test_an_entry_s_hash_is_sha256_of_its_fields_after_the_word_access() -> None:
    """The hash covers the word "access", then id, station, seq, actor, time, kind, via, the
    dossiers, the detail and the previous hash, as canonical JSON (sorted keys, no spaces)."""
    entry = AccessEntry(
        id="a1",
        station_id=STATION,
        seq=1,
        actor="lan",
        at=datetime(2026, 3, 10, 9, 0, tzinfo=UTC),
        kind="search",
        via="cli",
        dossier_ids=("d1", "d2"),
        detail={"shown": 2, "query": "name"},
    )
    body = (
        '["access","a1","st-01",1,"lan","2026-03-10T09:00:00+00:00","search","cli",'
        f'["d1","d2"],{{"query":"name","shown":2}},"{GENESIS_HASH}"]'
    )
    assert access_hash(entry) == hashlib.sha256(body.encode()).hexdigest()


def test_a_whole_chain_from_the_first_entry_holds() -> None:
    """Entries 1, 2, 3 from the genesis hash: nothing to report."""
    assert verify_access_chain(_chain(3)) == []


def test_a_removed_entry_breaks_the_seq_and_the_link() -> None:
    """Entry 2 taken out: entry 3 is not the expected seq 2, and its previous hash (entry 2's)
    does not link to entry 1's."""
    first, _second, third = _chain(3)
    assert verify_access_chain([first, third]) == [
        ChainBreak(STATION, 3, "expected seq 2"),
        ChainBreak(STATION, 3, "prev_hash does not link"),
    ]


def test_an_edited_entry_no_longer_matches_its_hash() -> None:
    """Entry 2's actor changed after it was written: its hash no longer matches its content."""
    first, second, third = _chain(3)
    edited = replace(second, actor="binh")
    assert verify_access_chain([first, edited, third]) == [
        ChainBreak(STATION, 2, "hash does not match content"),
    ]


def test_a_chain_is_checked_on_from_an_entry_already_verified() -> None:
    """Entries 3 and 4 after entry 2 (its seq and hash given) hold; the same entries after a
    different hash break at entry 3's link."""
    verified = _chain(2)
    rest = _chain(2, start=3, prev_hash=verified[-1].hash)
    assert verify_access_chain(rest, after_seq=2, after_hash=verified[-1].hash) == []
    assert verify_access_chain(rest, after_seq=2, after_hash=verified[0].hash) == [
        ChainBreak(STATION, 3, "prev_hash does not link"),
    ]
    assert verify_access_chain(rest, after_seq=1, after_hash=verified[-1].hash) == [
        ChainBreak(STATION, 3, "expected seq 2"),
    ]
