"""Re-key codes name their station; code clashes are told to the station holding the code.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("enrolment_codes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("station_id", sa.String(length=36), nullable=True))
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("notify_station", sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column("notify_dossier", sa.String(length=36), nullable=True))
        batch_op.create_index(
            "ix_events_notify_station", ["notify_station", "server_seq"], unique=False
        )
    with op.batch_alter_table("dossiers", schema=None) as batch_op:
        batch_op.create_index(
            "ix_dossiers_agency_dossier_code", ["agency_code", "code"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("dossiers", schema=None) as batch_op:
        batch_op.drop_index("ix_dossiers_agency_dossier_code")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index("ix_events_notify_station")
        batch_op.drop_column("notify_dossier")
        batch_op.drop_column("notify_station")
    with op.batch_alter_table("enrolment_codes", schema=None) as batch_op:
        batch_op.drop_column("station_id")
