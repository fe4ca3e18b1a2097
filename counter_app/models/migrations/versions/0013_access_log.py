"""The access log: every view of citizens' data, chained per station, with its dossiers.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "access_log",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("station_id", sa.String(36), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("via", sa.String(10), nullable=False),
        sa.Column("dossier_ids", sa.Text(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_access_log"),
        sa.UniqueConstraint("station_id", "seq", name="uq_access_log_station_id"),
    )
    op.create_index("ix_access_log_actor_at", "access_log", ["actor", "at"])
    op.create_index("ix_access_log_at", "access_log", ["at"])
    op.create_table(
        "access_log_dossiers",
        sa.Column("dossier_id", sa.String(36), nullable=False),
        sa.Column("entry_id", sa.String(36), nullable=False),
        sa.ForeignKeyConstraint(
            ["dossier_id"], ["dossiers.id"], name="fk_access_log_dossiers_dossier_id_dossiers"
        ),
        sa.ForeignKeyConstraint(
            ["entry_id"], ["access_log.id"], name="fk_access_log_dossiers_entry_id_access_log"
        ),
        sa.PrimaryKeyConstraint("dossier_id", "entry_id", name="pk_access_log_dossiers"),
    )
    op.create_table(
        "access_chain",
        sa.Column("station_id", sa.String(36), nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.Column("last_hash", sa.String(64), nullable=False),
        sa.Column("acked_seq", sa.Integer(), nullable=False),
        sa.Column("base_seq", sa.Integer(), nullable=False),
        sa.Column("base_hash", sa.String(64), nullable=False),
        sa.ForeignKeyConstraint(
            ["station_id"], ["stations.id"], name="fk_access_chain_station_id_stations"
        ),
        sa.PrimaryKeyConstraint("station_id", name="pk_access_chain"),
    )


def downgrade() -> None:
    op.drop_table("access_chain")
    op.drop_table("access_log_dossiers")
    op.drop_index("ix_access_log_at", table_name="access_log")
    op.drop_index("ix_access_log_actor_at", table_name="access_log")
    op.drop_table("access_log")
