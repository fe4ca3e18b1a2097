"""The access log: stations' views of citizens' data and the back office's reads.

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
        "access_log",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("station_id", sa.String(length=36), nullable=False),
        sa.Column("agency_code", sa.String(length=20), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("at", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("via", sa.String(length=10), nullable=False),
        sa.Column("dossier_ids", sa.JSON(), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("received_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_code"], ["agencies.code"], name=op.f("fk_access_log_agency_code_agencies")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_access_log")),
    )
    with op.batch_alter_table("access_log", schema=None) as batch_op:
        batch_op.create_index("uq_access_log_station_seq", ["station_id", "seq"], unique=True)
        batch_op.create_index("ix_access_log_agency_at", ["agency_code", "at"])
    op.create_table(
        "access_log_dossiers",
        sa.Column("dossier_id", sa.String(length=36), nullable=False),
        sa.Column("entry_id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"], ["access_log.id"], name=op.f("fk_access_log_dossiers_entry_id_access_log")
        ),
        sa.PrimaryKeyConstraint("dossier_id", "entry_id", name=op.f("pk_access_log_dossiers")),
    )
    op.create_table(
        "access_heads",
        sa.Column("station_id", sa.String(length=36), nullable=False),
        sa.Column("held_seq", sa.Integer(), nullable=False),
        sa.Column("held_hash", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["station_id"], ["stations.id"], name=op.f("fk_access_heads_station_id_stations")
        ),
        sa.PrimaryKeyConstraint("station_id", name=op.f("pk_access_heads")),
    )


def downgrade() -> None:
    op.drop_table("access_heads")
    op.drop_table("access_log_dossiers")
    with op.batch_alter_table("access_log", schema=None) as batch_op:
        batch_op.drop_index("ix_access_log_agency_at")
        batch_op.drop_index("uq_access_log_station_seq")
    op.drop_table("access_log")
