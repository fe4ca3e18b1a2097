"""The server's notices about this station's dossiers (another counter claimed one's code).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "server_notices",
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("dossier_id", sa.String(length=36), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("noticed_at", sa.String(length=32), nullable=False),
        sa.Column("resolved_at", sa.String(length=32), nullable=True),
        sa.Column("resolved_by", sa.String(length=50), nullable=True),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_server_notices")),
    )
    with op.batch_alter_table("server_notices", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_server_notices_dossier_id"), ["dossier_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("server_notices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_server_notices_dossier_id"))
    op.drop_table("server_notices")
