"""Statistics fields as columns of the event row, in a covering index by dossier.

The period report read five payload fields of every event of its dossiers with JSON functions
(each one parses the payload again) and visited the table for every event. The fields are now
copied into the row when the event is written and kept in one index by dossier and causal order,
so the report reads that index alone. The index replaces the plain one on ``dossier_id``.
Existing events are filled in from their payloads, with the rules of
``counter_app.domain.trails.payload_texts`` (only text values count, true/false for the mark).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# frozen copies of the rules at this revision: later code changes must not change what it wrote
_STEP_INDEX_COLUMNS = [
    "dossier_id",
    "hlc",
    "type",
    "wall_clock",
    "actor",
    "due_at",
    "received_at",
    "return_method",
    "rating",
    "digitised",
]


def _text(path: str) -> str:
    return f"CASE WHEN json_type(payload, '{path}') = 'text' THEN payload ->> '{path}' END"


_BACKFILL = f"""
    UPDATE events SET
        due_at = CASE type
            WHEN 'apologised' THEN {_text("$.new_due_at")}
            WHEN 'received' THEN {_text("$.due_at")}
            WHEN 'supplement_received' THEN {_text("$.due_at")}
            WHEN 'resumed' THEN {_text("$.due_at")} END,
        received_at = CASE WHEN type IN ('received', 'supplement_received')
            THEN {_text("$.received_at")} END,
        return_method = CASE type WHEN 'returned' THEN {_text("$.method")} END,
        rating = CASE type WHEN 'returned' THEN {_text("$.rating")} END,
        digitised = CASE WHEN type IN ('received', 'supplement_requested')
            AND json_type(payload, '$.dossier.digitised') IN ('true', 'false')
            THEN payload ->> '$.dossier.digitised' END
    WHERE type IN ('received', 'supplement_received', 'supplement_requested', 'apologised',
                   'resumed', 'returned')
"""


def upgrade() -> None:
    op.add_column("events", sa.Column("due_at", sa.String(length=40), nullable=True))
    op.add_column("events", sa.Column("received_at", sa.String(length=40), nullable=True))
    op.add_column("events", sa.Column("return_method", sa.String(length=20), nullable=True))
    op.add_column("events", sa.Column("rating", sa.String(length=20), nullable=True))
    op.add_column("events", sa.Column("digitised", sa.Boolean(), nullable=True))
    op.execute(_BACKFILL)
    op.drop_index("ix_events_dossier_id", table_name="events")
    op.create_index("ix_events_dossier_steps", "events", _STEP_INDEX_COLUMNS, unique=False)


def downgrade() -> None:
    op.drop_index("ix_events_dossier_steps", table_name="events")
    op.create_index("ix_events_dossier_id", "events", ["dossier_id"], unique=False)
    with op.batch_alter_table("events", schema=None) as batch_op:
        for name in ("digitised", "rating", "return_method", "received_at", "due_at"):
            batch_op.drop_column(name)
