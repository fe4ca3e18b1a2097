from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from counter_app import store_file, store_keys
from counter_app.domain.errors import StoreError
from counter_app.models import Base, database
from counter_app.models.database import create_sqlite_engine, head_revision, open_store
from counter_app.models.schema_filters import include_object
from counter_app.station import Station
from counter_app.store_file import STORE_FILENAME
from tests.conftest import store_connection


def test_empty_file_upgrades_to_head_and_matches_the_models(tmp_path: Path) -> None:
    engine, _key = open_store(tmp_path / "new.sqlite3")
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"include_object": include_object, "render_as_batch": True}
        )
        assert context.get_current_revision() == head_revision()
        assert compare_metadata(context, Base.metadata) == []
    engine.dispose()


def test_store_uses_wal_and_foreign_keys(tmp_path: Path) -> None:
    engine, _key = open_store(tmp_path / "s.sqlite3")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    engine.dispose()


def test_newer_schema_is_refused_and_left_untouched(data_dir: Path) -> None:
    path = data_dir / STORE_FILENAME
    with store_connection(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.close()
    before = path.read_bytes()
    with pytest.raises(StoreError) as raised:
        Station(data_dir)
    assert "mới hơn" in raised.value.message
    assert path.read_bytes() == before


def test_garbage_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / STORE_FILENAME).write_bytes(b"not a database" * 100)
    with pytest.raises(StoreError):
        Station(tmp_path)


def test_upgrade_backs_up_first_and_keeps_the_data(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    migrations = tmp_path / "migrations"
    shutil.copytree(
        database.MIGRATIONS_DIR, migrations, ignore=shutil.ignore_patterns("__pycache__")
    )
    head = head_revision()  # the store in data_dir is at the head this Counter ships
    (migrations / "versions" / "9999_test_column.py").write_text(
        '"""Add a column."""\n'
        "import sqlalchemy as sa\nfrom alembic import op\n\n"
        f"revision = '9999'\ndown_revision = '{head}'\n"
        "branch_labels = None\ndepends_on = None\n\n\n"
        "def upgrade() -> None:\n"
        "    with op.batch_alter_table('agencies') as batch:\n"
        "        batch.add_column(sa.Column('note', sa.String(50), nullable=True))\n\n\n"
        "def downgrade() -> None:\n"
        "    with op.batch_alter_table('agencies') as batch:\n"
        "        batch.drop_column('note')\n"
    )
    monkeypatch.setattr(database, "MIGRATIONS_DIR", migrations)
    engine, key = open_store(data_dir / STORE_FILENAME)
    with engine.connect() as connection:
        assert (
            connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == "9999"
        )
        assert connection.exec_driver_sql("SELECT count(*) FROM procedures").scalar() > 0
    engine.dispose()
    backups = list((data_dir / database.BACKUP_DIRNAME).glob(f"*before-{head}*"))
    assert len(backups) == 1
    engine = create_sqlite_engine(backups[0], key)
    with engine.connect() as connection:
        assert (
            connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == head
        )
    engine.dispose()


def _downgrade_one(path: Path) -> str:
    """Take the store at ``path`` one revision back; return that revision."""
    from alembic import command
    from alembic.script import ScriptDirectory

    previous = ScriptDirectory.from_config(database.alembic_config()).get_revision("head")
    assert previous is not None and isinstance(previous.down_revision, str)
    engine = create_sqlite_engine(path, store_keys.require_key(path))
    with engine.begin() as connection:
        config = database.alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, previous.down_revision)
    engine.dispose()
    return previous.down_revision


def test_a_store_behind_the_head_is_upgraded_when_the_station_opens(data_dir: Path) -> None:
    path = data_dir / STORE_FILENAME
    older = _downgrade_one(path)
    key = store_keys.require_key(path)
    assert not store_file.is_current(path, key)
    station = Station(data_dir)  # before any read or write, not on first use
    assert station.identity is not None
    station.close()
    assert store_file.is_current(path, key)
    assert len(list((data_dir / database.BACKUP_DIRNAME).glob(f"*before-{older}*"))) == 1


def test_a_current_store_is_recognised_without_sqlalchemy(data_dir: Path, tmp_path: Path) -> None:
    key = store_keys.require_key(data_dir / STORE_FILENAME)
    assert store_file.is_current(data_dir / STORE_FILENAME, key)
    assert not store_file.is_current(data_dir / STORE_FILENAME, bytes(32))
    assert not store_file.is_current(data_dir / STORE_FILENAME, None)
    assert not store_file.is_current(tmp_path / "missing.sqlite3", key)
    (tmp_path / "garbage.sqlite3").write_bytes(b"not a database" * 100)
    assert not store_file.is_current(tmp_path / "garbage.sqlite3", key)
    assert not (tmp_path / "missing.sqlite3").exists()
