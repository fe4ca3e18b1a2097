"""Exclusions written as the bulleted lines of a decision's annex keep their clause as written.

A clause that names its step before "không tính" is the ground's source as a whole (docs/legal.md,
"Pauses of the processing time": "also when the exclusion follows the step"); the dash or colon
that opens or closes a line is layout, not part of the clause, and the clause's own letters all
stay, its first included ("Xác minh …").
"""

from __future__ import annotations

from counter_app.domain.pause_phrases import GroundPhrase, read_pause_phrases


def test_a_bulleted_exclusion_is_its_clause_without_the_dash() -> None:
    """ "- Thời gian niêm yết … không tính …" on its own line gives public posting."""
    text = (
        "15 ngày làm việc\n"
        "- Thời gian niêm yết công khai không tính vào thời hạn giải quyết:\n"
        "– Xác minh nhân thân không tính vào thời hạn giải quyết"
    )
    reading = read_pause_phrases(text)
    assert reading.grounds == (
        GroundPhrase(
            "public_posting", "Thời gian niêm yết công khai không tính vào thời hạn giải quyết"
        ),
        GroundPhrase("verification", "Xác minh nhân thân không tính vào thời hạn giải quyết"),
    )
    assert reading.unmatched == ()
