"""Where each procedure version comes from, and the day it takes effect.

A province's decision (Quyết định công bố danh mục TTHC) has a number and an effective date,
and publishes the place where a procedure is done: each version now keeps its place, the day
it takes effect (empty: always) and, per value, the text it was read from.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Plain ADD/DROP COLUMN: a batch copy of the table would trip the documents' foreign key.


def upgrade() -> None:
    op.add_column("procedures", sa.Column("place", sa.Text(), nullable=False, server_default=""))
    op.add_column("procedures", sa.Column("effective_from", sa.Date(), nullable=True))
    op.add_column(
        "procedures", sa.Column("sources", sa.Text(), nullable=False, server_default="{}")
    )


def downgrade() -> None:
    for name in ("sources", "effective_from", "place"):
        op.drop_column("procedures", name)
