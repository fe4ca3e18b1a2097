"""Indexes for period statistics: dossiers ended and returned, by time.

Both are partial (only rows that have ended, or been returned): a dossier being received has
neither time, so receiving one never writes to these indexes.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("dossiers", schema=None) as batch_op:
        batch_op.create_index(
            "ix_dossiers_ended_received",
            ["ended_at", "received_at"],
            unique=False,
            sqlite_where=sa.text("ended_at IS NOT NULL"),
        )
        batch_op.create_index(
            "ix_dossiers_returned_at",
            ["returned_at"],
            unique=False,
            sqlite_where=sa.text("returned_at IS NOT NULL"),
        )


def downgrade() -> None:
    with op.batch_alter_table("dossiers", schema=None) as batch_op:
        batch_op.drop_index("ix_dossiers_returned_at")
        batch_op.drop_index("ix_dossiers_ended_received")
