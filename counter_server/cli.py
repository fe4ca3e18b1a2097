"""What ``counter-app server …`` calls: serve, enrol a station, revoke a station."""

from __future__ import annotations

from counter_app.domain.codes import validate_agency_code, validate_slot
from counter_server import auth
from counter_server.db import Database, upgrade
from counter_server.sync import utc_now


def serve(host: str = "127.0.0.1", port: int = 8080, database_url: str = "") -> None:
    """Run the server with uvicorn (loopback unless told otherwise)."""
    import uvicorn

    from counter_server.app import create_app

    uvicorn.run(create_app(database_url or default_database_url()), host=host, port=port)


def default_database_url() -> str:
    """The embedded default: an SQLite file in the user's data folder."""
    from pathlib import Path

    import platformdirs

    folder = Path(platformdirs.user_data_dir("counter-server"))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'server.sqlite3'}"


def enrol(database_url: str, agency_code: str, agency_name: str, slot: int) -> str:
    """Create a one-time enrolment code for a station of the agency in ``slot``; print it."""
    agency_code, slot = validate_agency_code(agency_code), validate_slot(slot)
    database = _open(database_url)
    try:
        with database.sessions.begin() as session:
            code = auth.create_code(
                session=session,
                agency_code=agency_code,
                agency_name=agency_name,
                slot=slot,
                now=utc_now(),
            )
    finally:
        database.dispose()
    print(code)
    return code


def revoke(database_url: str, station_id: str) -> bool:
    """Refuse the station's token from now on; False (and a message) when it is unknown."""
    database = _open(database_url)
    try:
        with database.sessions.begin() as session:
            found = auth.revoke(session=session, station_id=station_id)
    finally:
        database.dispose()
    print(f"Station {station_id} revoked." if found else f"No station {station_id}.")
    return found


def _open(database_url: str) -> Database:
    """The database, migrated."""
    database = Database(database_url or default_database_url())
    upgrade(database.engine)
    return database
