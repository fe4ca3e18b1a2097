"""The exchange between the counters of one centre: siblings' keys, peers, provenance, refusals.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "lan_siblings",
        sa.Column("station_id", sa.String(length=36), nullable=False),
        sa.Column("slot", sa.Integer(), nullable=False),
        sa.Column("public_key", sa.String(length=44), nullable=False),
        sa.Column("learned_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("station_id", name=op.f("pk_lan_siblings")),
    )
    op.create_table(
        "lan_peers",
        sa.Column("station_id", sa.String(length=36), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("cursor", sa.Integer(), nullable=False),
        sa.Column("cursor_event_id", sa.String(length=36), nullable=True),
        sa.Column("received", sa.Integer(), nullable=False),
        sa.Column("last_heard_at", sa.String(length=32), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("station_id", name=op.f("pk_lan_peers")),
    )
    op.create_table(
        "lan_received",
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("from_station", sa.String(length=36), nullable=False),
        sa.Column("received_at", sa.String(length=32), nullable=False),
        sa.Column("signature", sa.String(length=86), nullable=True),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_lan_received")),
    )
    op.create_table(
        "lan_refused",
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("from_station", sa.String(length=36), nullable=False),
        sa.Column("author", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("refused_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("event_id", "from_station", name=op.f("pk_lan_refused")),
    )


def downgrade() -> None:
    op.drop_table("lan_refused")
    op.drop_table("lan_received")
    op.drop_table("lan_peers")
    op.drop_table("lan_siblings")
