"""Alembic migrations of the central server's database, run from code by counter_server.db."""
