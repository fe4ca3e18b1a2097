"""Alembic environment: always run from code with a connection handed in by ``db.upgrade``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import text

from counter_server.models import Base

# Any constant: serialises migrations when several workers start against one PostgreSQL.
_MIGRATION_LOCK = 7_231_004


def run_migrations() -> None:
    """Migrate on the connection given in ``config.attributes['connection']``."""
    connection = context.config.attributes["connection"]
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
