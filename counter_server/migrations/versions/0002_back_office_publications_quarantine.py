"""Back office, publications, quarantined links, the dossier projection, agency tree.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01 18:20:04.604709
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "admin_tokens",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("revoked", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_admin_tokens")),
    )
    op.create_table(
        "calendar_days",
        sa.Column("day", sa.String(length=10), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("pub_seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_calendar_days")),
    )
    op.create_table(
        "procedure_versions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("spec", sa.JSON(), nullable=False),
        sa.Column("pub_seq", sa.BigInteger(), nullable=False),
        sa.Column("published_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_procedure_versions")),
    )
    with op.batch_alter_table("procedure_versions", schema=None) as batch_op:
        batch_op.create_index(
            "uq_procedure_versions_code_version", ["code", "version"], unique=True
        )

    op.create_table(
        "publications",
        sa.Column("pub_seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("published_at", sa.String(length=32), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("pub_seq", name=op.f("pk_publications")),
    )
    op.create_table(
        "sequences",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("last_value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_sequences")),
    )
    # The province-wide publication counter; its row is the publish lock.
    op.execute("INSERT INTO sequences (name, last_value) VALUES ('publications', 0)")
    op.create_table(
        "officers",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("agency_code", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("revoked", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_code"], ["agencies.code"], name=op.f("fk_officers_agency_code_agencies")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_officers")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_officers_token_hash")),
    )
    with op.batch_alter_table("officers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_officers_agency_code"), ["agency_code"], unique=False)

    with op.batch_alter_table("agencies", schema=None) as batch_op:
        batch_op.add_column(sa.Column("parent_code", sa.String(length=20), nullable=True))
        batch_op.create_index(batch_op.f("ix_agencies_parent_code"), ["parent_code"], unique=False)

    with op.batch_alter_table("dossiers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("state", sa.String(length=30), nullable=True))
        batch_op.add_column(sa.Column("procedure_code", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("applicant_name", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("applicant_folded", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("channel", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("return_method", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("received_at", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("due_at", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("station_id", sa.String(length=36), nullable=True))
        batch_op.add_column(
            sa.Column("last_hlc", sa.BigInteger(), nullable=False, server_default="0")
        )
        batch_op.add_column(
            sa.Column("conflicts", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.create_index("ix_dossiers_agency_due", ["agency_code", "due_at"], unique=False)
        batch_op.create_index("ix_dossiers_agency_state", ["agency_code", "state"], unique=False)

    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("quarantine", sa.String(length=500), nullable=True))

    with op.batch_alter_table("stations", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("held_hlc", sa.BigInteger(), nullable=False, server_default="0")
        )
        batch_op.add_column(sa.Column("public_key", sa.String(length=44), nullable=True))
        batch_op.add_column(
            sa.Column("kind", sa.String(length=12), nullable=False, server_default="counter")
        )


def downgrade() -> None:
    with op.batch_alter_table("stations", schema=None) as batch_op:
        batch_op.drop_column("kind")
        batch_op.drop_column("public_key")
        batch_op.drop_column("held_hlc")

    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_column("quarantine")

    with op.batch_alter_table("dossiers", schema=None) as batch_op:
        batch_op.drop_index("ix_dossiers_agency_state")
        batch_op.drop_index("ix_dossiers_agency_due")
        batch_op.drop_column("conflicts")
        batch_op.drop_column("last_hlc")
        batch_op.drop_column("station_id")
        batch_op.drop_column("due_at")
        batch_op.drop_column("received_at")
        batch_op.drop_column("return_method")
        batch_op.drop_column("channel")
        batch_op.drop_column("applicant_folded")
        batch_op.drop_column("applicant_name")
        batch_op.drop_column("procedure_code")
        batch_op.drop_column("state")

    with op.batch_alter_table("agencies", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agencies_parent_code"))
        batch_op.drop_column("parent_code")

    with op.batch_alter_table("officers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_officers_agency_code"))

    op.drop_table("officers")
    op.drop_table("sequences")
    op.drop_table("publications")
    with op.batch_alter_table("procedure_versions", schema=None) as batch_op:
        batch_op.drop_index("uq_procedure_versions_code_version")

    op.drop_table("procedure_versions")
    op.drop_table("calendar_days")
    op.drop_table("admin_tokens")
