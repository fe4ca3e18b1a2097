"""The public lookup page: agencies' address and phone, lookup tallies and the secret that keys
their hashes.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-20
"""

import secrets
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("agencies", schema=None) as batch_op:
        batch_op.add_column(sa.Column("address", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("phone", sa.String(length=40), nullable=True))
    op.create_table(
        "lookup_tallies",
        sa.Column("period_start", sa.String(length=32), nullable=False),
        sa.Column("bucket", sa.String(length=40), nullable=False),
        sa.Column("lookups", sa.Integer(), nullable=False),
        sa.Column("misses", sa.Integer(), nullable=False),
        sa.Column("digit_failures", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("period_start", "bucket", name=op.f("pk_lookup_tallies")),
    )
    secrets_table = op.create_table(
        "server_secrets",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("value", sa.String(length=128), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_server_secrets")),
    )
    op.bulk_insert(secrets_table, [{"name": "lookup", "value": secrets.token_hex(32)}])


def downgrade() -> None:
    op.drop_table("server_secrets")
    op.drop_table("lookup_tallies")
    with op.batch_alter_table("agencies", schema=None) as batch_op:
        batch_op.drop_column("phone")
        batch_op.drop_column("address")
