"""SQLAlchemy models of the station's store; importing this registers every table."""

from counter_app.models.access import AccessChain, AccessDossierRow, AccessEntryRow
from counter_app.models.base import Base
from counter_app.models.catalogue import Procedure, ProcedureDocument
from counter_app.models.dossier import Dossier, DossierDocument, Event
from counter_app.models.lan import LanPeer, LanReceived, LanRefused, LanSibling
from counter_app.models.station import (
    Agency,
    CalendarOverrideRow,
    CalendarYear,
    SequenceSlot,
    Setting,
    Station,
    User,
    YearlyNumber,
)
from counter_app.models.sync import (
    DossierConflict,
    HeldEvent,
    ProcedureAlias,
    SetAsideEvent,
    SyncState,
)

__all__ = [
    "AccessChain",
    "AccessDossierRow",
    "AccessEntryRow",
    "Agency",
    "Base",
    "CalendarOverrideRow",
    "CalendarYear",
    "Dossier",
    "DossierConflict",
    "DossierDocument",
    "Event",
    "HeldEvent",
    "LanPeer",
    "LanReceived",
    "LanRefused",
    "LanSibling",
    "Procedure",
    "ProcedureAlias",
    "ProcedureDocument",
    "SequenceSlot",
    "SetAsideEvent",
    "Setting",
    "Station",
    "SyncState",
    "User",
    "YearlyNumber",
]
