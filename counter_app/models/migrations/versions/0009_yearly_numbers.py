"""Running numbers per year: the register book and the documents that carry a "Số:".

Each station keeps the last number it issued per series (register, forms 02–05) and year, in
its own block (``counter_app.domain.numbers``); the number is advanced in the transaction of the
event that records it. Events written before this revision carry no number.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "yearly_numbers",
        sa.Column("station_id", sa.String(length=36), nullable=False),
        sa.Column("series", sa.String(length=20), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["station_id"], ["stations.id"], name=op.f("fk_yearly_numbers_station_id_stations")
        ),
        sa.PrimaryKeyConstraint("station_id", "series", "year", name=op.f("pk_yearly_numbers")),
    )


def downgrade() -> None:
    op.drop_table("yearly_numbers")
