"""Alembic migrations of the station's store, run from code by counter_app.models.database."""
