"""A procedure version lists the lawful grounds on which its clock may be stopped.

Versions stored before have none: no pause is lawful on them until the province's catalogue
(or the administrator's import) lists the grounds their legal texts give. A small partial index
finds the pauses of a period for the pause audit.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-10
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # a plain ADD COLUMN: rebuilding the table in batch mode would break the documents' keys
    op.add_column(
        "procedures", sa.Column("pause_grounds", sa.Text(), nullable=False, server_default="[]")
    )
    op.create_index(
        "ix_events_paused_at",
        "events",
        ["wall_clock", "dossier_id"],
        unique=False,
        sqlite_where=sa.text("type = 'paused'"),
    )


def downgrade() -> None:
    op.drop_index("ix_events_paused_at", table_name="events")
    op.drop_column("procedures", "pause_grounds")  # SQLite 3.35+ drops a column in place
