"""Alembic environment: always run from code with a connection handed in by the store."""

from __future__ import annotations

from alembic import context

from counter_app.models import Base
from counter_app.models.schema_filters import include_object


def run_migrations() -> None:
    """Migrate on the connection given in ``config.attributes['connection']``."""
    connection = context.config.attributes["connection"]
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
