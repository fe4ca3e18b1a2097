"""The server's public key that this station encrypts its hand-carried files to.

Given at enrolment (or fetched once by a station enrolled before), kept with the sync state;
empty until known, and ``sync export`` refuses to write a file until then.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("sync_state", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "server_transfer_key", sa.String(length=44), nullable=False, server_default=""
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("sync_state", schema=None) as batch_op:
        batch_op.drop_column("server_transfer_key")
