"""The official calendar ships as data: overrides keep their document, confirmed years.

Days of the official decisions (and the worked Saturdays that earlier versions inserted as
``default`` overrides at ``init``) now come from ``resources/calendar``, so a station computes
the same due dates before and after ``init``; the ``default`` rows are dropped. A published or
local day may name the document it follows, and a year with no shipped decision may be marked
confirmed by the server or the administrator.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-10
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("calendar_overrides", sa.Column("document", sa.String(length=200), nullable=True))
    op.execute("DELETE FROM calendar_overrides WHERE source = 'default'")
    op.create_table(
        "calendar_years",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.Column("confirmed_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_calendar_years")),
    )


def downgrade() -> None:
    op.drop_table("calendar_years")
    with op.batch_alter_table("calendar_overrides", schema=None) as batch_op:
        batch_op.drop_column("document")
