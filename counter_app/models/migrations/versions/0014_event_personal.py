"""Citizens' fields beside their event, outside its hash, so that they can be erased.

Events written from now on keep the applicant's fields (and a dossier's note, a returned
result's receiver) in ``personal`` and only a commitment to them in the hashed payload
(``counter_app.domain.personal``). Earlier events keep theirs in the payload until they are
erased by redaction.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("events", sa.Column("personal", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_column("personal")
