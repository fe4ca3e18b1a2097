"""The models' tables as typed Core ``Table`` objects, for services that write with Core."""

from __future__ import annotations

from typing import cast

from sqlalchemy import Table

from counter_app.models.access import AccessChain, AccessDossierRow, AccessEntryRow
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
    ServerNotice,
    SetAsideEvent,
    SyncState,
)

AGENCIES = cast(Table, Agency.__table__)
STATIONS = cast(Table, Station.__table__)
SETTINGS = cast(Table, Setting.__table__)
CALENDAR_OVERRIDES = cast(Table, CalendarOverrideRow.__table__)
CALENDAR_YEARS = cast(Table, CalendarYear.__table__)
SEQUENCE_SLOTS = cast(Table, SequenceSlot.__table__)
YEARLY_NUMBERS = cast(Table, YearlyNumber.__table__)
PROCEDURES = cast(Table, Procedure.__table__)
PROCEDURE_DOCUMENTS = cast(Table, ProcedureDocument.__table__)
DOSSIERS = cast(Table, Dossier.__table__)
DOSSIER_DOCUMENTS = cast(Table, DossierDocument.__table__)
EVENTS = cast(Table, Event.__table__)
USERS = cast(Table, User.__table__)
SYNC_STATE = cast(Table, SyncState.__table__)
SET_ASIDE = cast(Table, SetAsideEvent.__table__)
CONFLICTS = cast(Table, DossierConflict.__table__)
NOTICES = cast(Table, ServerNotice.__table__)
HELD_EVENTS = cast(Table, HeldEvent.__table__)
PROCEDURE_ALIASES = cast(Table, ProcedureAlias.__table__)
LAN_SIBLINGS = cast(Table, LanSibling.__table__)
LAN_PEERS = cast(Table, LanPeer.__table__)
LAN_RECEIVED = cast(Table, LanReceived.__table__)
LAN_REFUSED = cast(Table, LanRefused.__table__)
ACCESS_LOG = cast(Table, AccessEntryRow.__table__)
ACCESS_DOSSIERS = cast(Table, AccessDossierRow.__table__)
ACCESS_CHAIN = cast(Table, AccessChain.__table__)
