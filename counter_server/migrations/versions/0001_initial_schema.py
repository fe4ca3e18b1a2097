"""Initial schema of the central server.

Revision ID: 0001
Revises:
Create Date: 2026-11-22 04:58:55.785567
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "agencies",
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("last_server_seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_agencies")),
    )
    op.create_table(
        "dossiers",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("agency_code", sa.String(length=20), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=True),
        sa.ForeignKeyConstraint(
            ["agency_code"], ["agencies.code"], name=op.f("fk_dossiers_agency_code_agencies")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dossiers")),
    )
    with op.batch_alter_table("dossiers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dossiers_agency_code"), ["agency_code"], unique=False)

    op.create_table(
        "enrolment_codes",
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("agency_code", sa.String(length=20), nullable=False),
        sa.Column("slot", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("expires_at", sa.String(length=32), nullable=False),
        sa.Column("used_at", sa.String(length=32), nullable=True),
        sa.Column("used_by", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["agency_code"], ["agencies.code"], name=op.f("fk_enrolment_codes_agency_code_agencies")
        ),
        sa.PrimaryKeyConstraint("code_hash", name=op.f("pk_enrolment_codes")),
    )
    op.create_table(
        "stations",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("agency_code", sa.String(length=20), nullable=False),
        sa.Column("slot", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("revoked", sa.Boolean(), nullable=False),
        sa.Column("enrolled_at", sa.String(length=32), nullable=False),
        sa.Column("held_seq", sa.Integer(), nullable=False),
        sa.Column("held_hash", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_code"], ["agencies.code"], name=op.f("fk_stations_agency_code_agencies")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stations")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_stations_token_hash")),
    )
    with op.batch_alter_table("stations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_stations_agency_code"), ["agency_code"], unique=False)

    op.create_table(
        "events",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("station_id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.String(length=36), nullable=False),
        sa.Column("type", sa.String(length=40), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("wall_clock", sa.String(length=40), nullable=False),
        sa.Column("hlc", sa.BigInteger(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("agency_code", sa.String(length=20), nullable=False),
        sa.Column("server_seq", sa.BigInteger(), nullable=False),
        sa.Column("received_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_code"], ["agencies.code"], name=op.f("fk_events_agency_code_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["station_id"], ["stations.id"], name=op.f("fk_events_station_id_stations")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_events_dossier_id"), ["dossier_id"], unique=False)
        batch_op.create_index(
            "uq_events_agency_server_seq", ["agency_code", "server_seq"], unique=True
        )
        batch_op.create_index("uq_events_station_seq", ["station_id", "seq"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index("uq_events_station_seq")
        batch_op.drop_index("uq_events_agency_server_seq")
        batch_op.drop_index(batch_op.f("ix_events_dossier_id"))

    op.drop_table("events")
    with op.batch_alter_table("stations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stations_agency_code"))

    op.drop_table("stations")
    op.drop_table("enrolment_codes")
    with op.batch_alter_table("dossiers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dossiers_agency_code"))

    op.drop_table("dossiers")
    op.drop_table("agencies")
