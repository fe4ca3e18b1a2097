"""Catalogue documents that can be obtained from a database the state holds.

``procedure_documents.obtainable_from`` lists the data sources (``counter_app.domain
.data_sources``) a document can be taken from instead of paper; empty (NULL) for every
document stored before, whose content hash therefore stays the same.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("procedure_documents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("obtainable_from", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("procedure_documents", schema=None) as batch_op:
        batch_op.drop_column("obtainable_from")
