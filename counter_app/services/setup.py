"""First run of a station: its agency, its slot and the default catalogue."""

from __future__ import annotations

from sqlalchemy import Connection, select

from counter_app.domain.codes import validate_agency_code, validate_slot
from counter_app.domain.errors import InvalidInput
from counter_app.domain.events import GENESIS_HASH
from counter_app.domain.text import clean
from counter_app.i18n import _
from counter_app.models import Agency, Station
from counter_app.models.rows import driver
from counter_app.models.tables import AGENCIES, STATIONS
from counter_app.resources import resource_dir
from counter_app.services import first_reads
from counter_app.services.catalogue import ImportSummary, import_specs
from counter_app.services.catalogue_io import load_catalogue
from counter_app.services.context import StationIdentity
from counter_app.services.eventlog import new_id

DEFAULT_CATALOGUE = resource_dir("catalogue") / "procedures.json"


def initialise(
    db: Connection,
    *,
    agency_code: str,
    agency_name: str,
    slot: int,
    parent_name: str = "",
    place_name: str = "",
    station_name: str = "",
) -> StationIdentity:
    """Create the agency and the local station; refuse if the store already has one."""
    if db.execute(select(Station.id).where(Station.is_local.is_(True))).first() is not None:
        raise InvalidInput(_("Máy này đã được khởi tạo; không khởi tạo lại."), field="station")
    code = validate_agency_code(agency_code)
    identity = StationIdentity(
        station_id=new_id(),
        station_name=clean(
            station_name or _("Quầy {slot}").format(slot=slot), field="station_name", max_length=100
        ),
        slot=validate_slot(slot),
        agency_code=code,
        agency_name=clean(agency_name, field="agency_name", max_length=200, label=_("Tên cơ quan")),
        parent_name=clean(parent_name, field="parent_name", max_length=200, required=False),
        place_name=clean(place_name, field="place_name", max_length=100, required=False),
    )
    _insert_identity(db, identity)
    return identity


def _insert_identity(db: Connection, identity: StationIdentity) -> None:
    existing = db.execute(select(Agency.code).where(Agency.code == identity.agency_code)).first()
    if existing is None:
        db.execute(
            AGENCIES.insert(),
            {
                "code": identity.agency_code,
                "name": identity.agency_name,
                "parent_name": identity.parent_name,
                "place_name": identity.place_name,
            },
        )
    db.execute(
        STATIONS.insert(),
        {
            "id": identity.station_id,
            "agency_code": identity.agency_code,
            "name": identity.station_name,
            "slot": identity.slot,
            "is_local": True,
            "last_seq": 0,
            "last_hash": GENESIS_HASH,
            "last_hlc": 0,
        },
    )


def import_default_catalogue(db: Connection) -> ImportSummary:
    """Load the catalogue shipped with Counter (a seed; real agencies import their province's)."""
    return import_specs(db, load_catalogue(DEFAULT_CATALOGUE))


def update_agency(
    db: Connection, *, agency_name: str, parent_name: str = "", place_name: str = ""
) -> StationIdentity:
    """Rename the local station's agency (its code and the station's slot never change here)."""
    identity = load_identity(db)
    if identity is None:
        raise InvalidInput(_("Máy chưa được khởi tạo; hãy chạy «counter-app init»."))
    values = {
        "name": clean(agency_name, field="agency_name", max_length=200, label=_("Tên cơ quan")),
        "parent_name": clean(parent_name, field="parent_name", max_length=200, required=False),
        "place_name": clean(place_name, field="place_name", max_length=100, required=False),
    }
    db.execute(AGENCIES.update().where(AGENCIES.c.code == identity.agency_code).values(**values))
    updated = load_identity(db)
    assert updated is not None
    return updated


def load_identity(db: Connection) -> StationIdentity | None:
    """The local station and its agency, or None before ``init``."""
    return first_reads.load_identity(driver(db))
