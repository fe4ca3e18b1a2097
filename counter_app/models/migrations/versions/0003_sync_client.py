"""The sync client: its state, events set aside, dossier conflicts, events on hold, aliases.

Procedure versions stored before this revision got random ids; from now on a version's id is
derived from its code and content, so stations that import the same catalogue agree. Each old
version gets an alias under its derived id, so a dossier from another counter that names the
derived id finds the version stored here.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copy of counter_app.domain.catalogue.VERSION_NAMESPACE: this revision must not change.
VERSION_NAMESPACE = uuid.UUID("6f1c3f0e-8a57-5d8e-9b0a-3c1d2e4f5a60")


def upgrade() -> None:
    op.create_table(
        "sync_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("server_url", sa.String(length=500), nullable=False),
        sa.Column("acked_seq", sa.Integer(), nullable=False),
        sa.Column("sending_through_seq", sa.Integer(), nullable=False),
        sa.Column("pull_cursor", sa.Integer(), nullable=False),
        sa.Column("publication_cursor", sa.Integer(), nullable=False),
        sa.Column("last_attempt_at", sa.String(length=32), nullable=True),
        sa.Column("last_success_at", sa.String(length=32), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("last_error_class", sa.String(length=20), nullable=True),
        sa.Column("clock_offset_ms", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_state")),
    )
    op.create_table(
        "set_aside_events",
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("set_aside_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_set_aside_events_event_id_events")
        ),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_set_aside_events")),
    )
    op.create_table(
        "dossier_conflicts",
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("dossier_id", sa.String(length=36), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("flagged_at", sa.String(length=32), nullable=False),
        sa.Column("resolved_at", sa.String(length=32), nullable=True),
        sa.Column("resolved_by", sa.String(length=50), nullable=True),
        sa.ForeignKeyConstraint(
            ["dossier_id"], ["dossiers.id"], name=op.f("fk_dossier_conflicts_dossier_id_dossiers")
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_dossier_conflicts_event_id_events")
        ),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_dossier_conflicts")),
    )
    with op.batch_alter_table("dossier_conflicts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_dossier_conflicts_dossier_id"), ["dossier_id"], unique=False
        )
    op.create_table(
        "held_events",
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("server_seq", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.String(length=36), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("held_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_held_events")),
    )
    with op.batch_alter_table("held_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_held_events_dossier_id"), ["dossier_id"], unique=False)
    op.create_table(
        "procedure_aliases",
        sa.Column("foreign_id", sa.String(length=36), nullable=False),
        sa.Column("procedure_id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["procedure_id"],
            ["procedures.id"],
            name=op.f("fk_procedure_aliases_procedure_id_procedures"),
        ),
        sa.PrimaryKeyConstraint("foreign_id", name=op.f("pk_procedure_aliases")),
    )
    _seed()


def _seed() -> None:
    """The state row, and an alias under the derived id of every version stored so far."""
    connection = op.get_bind()
    connection.execute(
        sa.text(
            "INSERT INTO sync_state (id, server_url, acked_seq, sending_through_seq, "
            "pull_cursor, publication_cursor) VALUES (1, '', 0, 0, 0, 0)"
        )
    )
    rows = connection.execute(sa.text("SELECT id, code, content_hash FROM procedures")).all()
    aliases = [
        {"foreign_id": str(uuid.uuid5(VERSION_NAMESPACE, f"{code}\n{digest}")), "local": id_}
        for id_, code, digest in rows
    ]
    aliases = [alias for alias in aliases if alias["foreign_id"] != alias["local"]]
    if aliases:
        connection.execute(
            sa.text(
                "INSERT INTO procedure_aliases (foreign_id, procedure_id) VALUES (:foreign_id, :local)"
            ),
            aliases,
        )


def downgrade() -> None:
    op.drop_table("procedure_aliases")
    with op.batch_alter_table("held_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_held_events_dossier_id"))
    op.drop_table("held_events")
    with op.batch_alter_table("dossier_conflicts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dossier_conflicts_dossier_id"))
    op.drop_table("dossier_conflicts")
    op.drop_table("set_aside_events")
    op.drop_table("sync_state")
