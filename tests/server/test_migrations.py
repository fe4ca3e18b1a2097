"""The migrations build exactly the models' schema, and running them twice is harmless."""

from __future__ import annotations

from alembic import command

from counter_server.db import Database, alembic_config, upgrade


def test_upgrade_to_head_matches_models(database_url: str) -> None:
    database = Database(database_url)
    upgrade(database.engine)
    upgrade(database.engine)
    config = alembic_config()
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.check(config)  # raises when the models and the migrated schema differ
    database.dispose()
