"""Initial schema of the station store, with the full-text index of applicant names.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FTS_STATEMENTS = (
    # External-content FTS5 over the folded applicant name; rowid is the dossier's rowid.
    "CREATE VIRTUAL TABLE dossier_name_fts USING fts5("
    "applicant_folded, content='dossiers', content_rowid='rowid', tokenize='unicode61')",
    "CREATE TRIGGER dossiers_fts_insert AFTER INSERT ON dossiers BEGIN "
    "INSERT INTO dossier_name_fts(rowid, applicant_folded) VALUES (new.rowid, new.applicant_folded); END",
    "CREATE TRIGGER dossiers_fts_delete AFTER DELETE ON dossiers BEGIN "
    "INSERT INTO dossier_name_fts(dossier_name_fts, rowid, applicant_folded) "
    "VALUES ('delete', old.rowid, old.applicant_folded); END",
    "CREATE TRIGGER dossiers_fts_update AFTER UPDATE OF applicant_folded ON dossiers BEGIN "
    "INSERT INTO dossier_name_fts(dossier_name_fts, rowid, applicant_folded) "
    "VALUES ('delete', old.rowid, old.applicant_folded); "
    "INSERT INTO dossier_name_fts(rowid, applicant_folded) VALUES (new.rowid, new.applicant_folded); END",
)


def upgrade() -> None:
    op.create_table(
        "agencies",
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("parent_name", sa.String(length=200), nullable=False),
        sa.Column("place_name", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_agencies")),
    )
    op.create_table(
        "calendar_overrides",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_calendar_overrides")),
    )
    op.create_table(
        "procedures",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("is_current", sa.Boolean(), nullable=False),
        sa.Column("name", sa.String(length=500), nullable=False),
        sa.Column("name_folded", sa.String(length=500), nullable=False),
        sa.Column("field", sa.String(length=200), nullable=False),
        sa.Column("level", sa.String(length=10), nullable=False),
        sa.Column("time_amount", sa.Integer(), nullable=False),
        sa.Column("time_unit", sa.String(length=20), nullable=False),
        sa.Column("same_day_cutoff", sa.Boolean(), nullable=False),
        sa.Column("fee_amount", sa.Integer(), nullable=True),
        sa.Column("fee_text", sa.Text(), nullable=False),
        sa.Column("legal_basis", sa.Text(), nullable=False),
        sa.Column("decision", sa.String(length=500), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("unconfirmed", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("imported_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_procedures")),
        sa.UniqueConstraint("code", "version", name=op.f("uq_procedures_code")),
    )
    with op.batch_alter_table("procedures", schema=None) as batch_op:
        batch_op.create_index("ix_procedures_current_code", ["is_current", "code"], unique=False)

    op.create_table(
        "settings",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_settings")),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("username", sa.String(length=50), nullable=False),
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("username", name=op.f("uq_users_username")),
    )
    op.create_table(
        "procedure_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("procedure_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=500), nullable=False),
        sa.Column("form", sa.String(length=20), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("mandatory", sa.Boolean(), nullable=False),
        sa.Column("condition", sa.String(length=500), nullable=True),
        sa.Column("unconfirmed", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["procedure_id"],
            ["procedures.id"],
            name=op.f("fk_procedure_documents_procedure_id_procedures"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_procedure_documents")),
        sa.UniqueConstraint(
            "procedure_id", "key", name=op.f("uq_procedure_documents_procedure_id")
        ),
    )
    op.create_table(
        "stations",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("agency_code", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("slot", sa.Integer(), nullable=False),
        sa.Column("is_local", sa.Boolean(), nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.Column("last_hash", sa.String(length=64), nullable=False),
        sa.Column("last_hlc", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_code"], ["agencies.code"], name=op.f("fk_stations_agency_code_agencies")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stations")),
    )
    op.create_table(
        "dossiers",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("station_id", sa.String(length=36), nullable=False),
        sa.Column("procedure_id", sa.String(length=36), nullable=False),
        sa.Column("procedure_code", sa.String(length=40), nullable=False),
        sa.Column("applicant_name", sa.String(length=200), nullable=False),
        sa.Column("applicant_folded", sa.String(length=200), nullable=False),
        sa.Column("id_number", sa.String(length=12), nullable=True),
        sa.Column("dob", sa.String(length=10), nullable=True),
        sa.Column("sex", sa.String(length=10), nullable=True),
        sa.Column("address", sa.String(length=500), nullable=True),
        sa.Column("phone", sa.String(length=15), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("return_method", sa.String(length=10), nullable=False),
        sa.Column("state", sa.String(length=30), nullable=False),
        sa.Column("portal_status", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("received_at", sa.String(length=32), nullable=True),
        sa.Column("due_at", sa.String(length=32), nullable=True),
        sa.Column("original_due_at", sa.String(length=32), nullable=True),
        sa.Column("ended_at", sa.String(length=32), nullable=True),
        sa.Column("returned_at", sa.String(length=32), nullable=True),
        sa.Column("pause_kind", sa.String(length=30), nullable=True),
        sa.Column("paused_at", sa.String(length=32), nullable=True),
        sa.Column("apology_count", sa.Integer(), nullable=False),
        sa.Column("supplement_count", sa.Integer(), nullable=False),
        sa.Column("fee_paid", sa.Integer(), nullable=True),
        sa.Column("rating", sa.String(length=20), nullable=True),
        sa.Column("last_hlc", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["procedure_id"], ["procedures.id"], name=op.f("fk_dossiers_procedure_id_procedures")
        ),
        sa.ForeignKeyConstraint(
            ["station_id"], ["stations.id"], name=op.f("fk_dossiers_station_id_stations")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dossiers")),
        sa.UniqueConstraint("code", name=op.f("uq_dossiers_code")),
    )
    with op.batch_alter_table("dossiers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dossiers_id_number"), ["id_number"], unique=False)
        batch_op.create_index(batch_op.f("ix_dossiers_phone"), ["phone"], unique=False)
        batch_op.create_index("ix_dossiers_received_at", ["received_at"], unique=False)
        batch_op.create_index("ix_dossiers_state_due", ["state", "due_at"], unique=False)

    op.create_table(
        "sequence_slots",
        sa.Column("station_id", sa.String(length=36), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["station_id"], ["stations.id"], name=op.f("fk_sequence_slots_station_id_stations")
        ),
        sa.PrimaryKeyConstraint("station_id", "day", name=op.f("pk_sequence_slots")),
    )
    op.create_table(
        "dossier_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=20), nullable=True),
        sa.Column("name", sa.String(length=500), nullable=False),
        sa.Column("form", sa.String(length=20), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("extra", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["dossier_id"], ["dossiers.id"], name=op.f("fk_dossier_documents_dossier_id_dossiers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dossier_documents")),
    )
    with op.batch_alter_table("dossier_documents", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_dossier_documents_dossier_id"), ["dossier_id"], unique=False
        )

    op.create_table(
        "events",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("dossier_id", sa.String(length=36), nullable=False),
        sa.Column("station_id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(length=30), nullable=False),
        sa.Column("actor", sa.String(length=50), nullable=False),
        sa.Column("wall_clock", sa.String(length=32), nullable=False),
        sa.Column("hlc", sa.Integer(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["dossier_id"], ["dossiers.id"], name=op.f("fk_events_dossier_id_dossiers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
        sa.UniqueConstraint("station_id", "seq", name=op.f("uq_events_station_id")),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_events_dossier_id"), ["dossier_id"], unique=False)

    for statement in FTS_STATEMENTS:
        op.execute(statement)


def downgrade() -> None:
    for name in ("dossiers_fts_insert", "dossiers_fts_delete", "dossiers_fts_update"):
        op.execute(f"DROP TRIGGER {name}")
    op.execute("DROP TABLE dossier_name_fts")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_events_dossier_id"))

    op.drop_table("events")
    with op.batch_alter_table("dossier_documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dossier_documents_dossier_id"))

    op.drop_table("dossier_documents")
    op.drop_table("sequence_slots")
    with op.batch_alter_table("dossiers", schema=None) as batch_op:
        batch_op.drop_index("ix_dossiers_state_due")
        batch_op.drop_index("ix_dossiers_received_at")
        batch_op.drop_index(batch_op.f("ix_dossiers_phone"))
        batch_op.drop_index(batch_op.f("ix_dossiers_id_number"))

    op.drop_table("dossiers")
    op.drop_table("stations")
    op.drop_table("procedure_documents")
    op.drop_table("users")
    op.drop_table("settings")
    with op.batch_alter_table("procedures", schema=None) as batch_op:
        batch_op.drop_index("ix_procedures_current_code")

    op.drop_table("procedures")
    op.drop_table("calendar_overrides")
    op.drop_table("agencies")
