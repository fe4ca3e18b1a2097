"""The one façade through which the CLI and the GUI reach a station's data and rules.

It owns the store, builds the calendar and the catalogue cache once, and opens one write
transaction per use case: a use case returns only after its commit is durable.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from counter_app import store_cipher, store_file, store_keys
from counter_app.domain import recovery
from counter_app.domain.access import AccessKind
from counter_app.domain.errors import InvalidInput, NotFound, StoreError
from counter_app.i18n import _
from counter_app.later import LaterModule
from counter_app.services import first_reads
from counter_app.services.search_types import NO_FILTERS

if TYPE_CHECKING:  # the values' modules load with the screens, while the login is checked
    import sqlite3

    import httpx  # the network client loads only when a sync runs, not at start-up

    from counter_app.domain.calendar import CalendarOverride, WorkingCalendar
    from counter_app.domain.catalogue import ProcedureSpec
    from counter_app.domain.dossier import DossierFacts
    from counter_app.domain.events import EventRecord
    from counter_app.domain.lifecycle import EventType
    from counter_app.domain.pause_audit import PauseAudit
    from counter_app.lan.engine import PeerPull, PeerReport
    from counter_app.lan.service import LanService
    from counter_app.lan.wire import HeldChain
    from counter_app.models.database import Store
    from counter_app.printing.model import FormKind, RegisterSheet
    from counter_app.privacy import Privacy
    from counter_app.services import (
        auto_backup,
        board,
        calendar_admin,
        catalogue_changes,
        catalogue_preview,
        conflicts,
        decision_import,
        desk,
        eventlog,
        integrity,
        lan_store,
        printdata,
        reception,
        search,
        setup,
        steps,
        sync_report,
        users,
    )
    from counter_app.services import backup as backup_service
    from counter_app.services import catalogue as catalogue_service
    from counter_app.services.catalogue import ImportSummary
    from counter_app.services.catalogue_changes import DecisionChange
    from counter_app.services.catalogue_preview import FilePreview
    from counter_app.services.catalogue_types import CatalogueEntry
    from counter_app.services.context import StationContext, StationIdentity
    from counter_app.services.decision_import import DecisionSource
    from counter_app.services.desk_types import ApplicantHistory, CounterToday
    from counter_app.services.integrity import VerifyReport
    from counter_app.services.lan_types import PeerStatus
    from counter_app.services.reception_types import IntakeRequest, Receipt
    from counter_app.services.search_types import DossierSummary, SearchFilters
    from counter_app.services.step_types import PrintJob, StepInput
    from counter_app.services.sync_report import Reconciliation
    from counter_app.services.sync_types import SyncStatus
    from counter_app.services.user_types import UserInfo
    from counter_app.sync.engine import Enrolment
    from counter_app.sync.round import RoundPolicy, RoundReport
else:  # SQLAlchemy and the models load with the first of these used (on the database thread)
    auto_backup = LaterModule("counter_app.services.auto_backup")
    backup_service = LaterModule("counter_app.services.backup")
    board = LaterModule("counter_app.services.board")
    calendar_admin = LaterModule("counter_app.services.calendar_admin")
    catalogue_changes = LaterModule("counter_app.services.catalogue_changes")
    catalogue_preview = LaterModule("counter_app.services.catalogue_preview")
    catalogue_service = LaterModule("counter_app.services.catalogue")
    conflicts = LaterModule("counter_app.services.conflicts")
    decision_import = LaterModule("counter_app.services.decision_import")
    desk = LaterModule("counter_app.services.desk")
    eventlog = LaterModule("counter_app.services.eventlog")
    integrity = LaterModule("counter_app.services.integrity")
    lan_store = LaterModule("counter_app.services.lan_store")
    printdata = LaterModule("counter_app.services.printdata")
    reception = LaterModule("counter_app.services.reception")
    search = LaterModule("counter_app.services.search")
    setup = LaterModule("counter_app.services.setup")
    steps = LaterModule("counter_app.services.steps")
    sync_report = LaterModule("counter_app.services.sync_report")
    users = LaterModule("counter_app.services.users")

T = TypeVar("T")
DATA_DIR_ENV = "COUNTER_DATA_DIR"


def default_data_dir() -> Path:
    """``$COUNTER_DATA_DIR``, else on Windows the machine's data folder (one station per PC,
    whoever logs in: ``C:\\ProgramData\\Counter``), elsewhere the user's data folder."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    import platformdirs  # only when no folder was given

    if sys.platform == "win32":
        return Path(platformdirs.site_data_dir("Counter", appauthor=False))
    return Path(platformdirs.user_data_dir("counter", "Counter"))


def _today() -> date:
    """Today in Vietnam, the day a version in force is looked up for."""
    from counter_app.domain.calendar import VN_TZ

    return datetime.now(VN_TZ).date()


class Station:
    """A station's store with its rules; one per process."""

    def __init__(self, data_dir: Path, *, open_now: bool = True) -> None:
        """The station of ``data_dir``; its store is opened now (created, encrypted, upgraded or
        refused) unless ``open_now`` is False (unlocking or restoring a store this PC cannot
        open yet)."""
        self.data_dir = data_dir
        self.path = data_dir / store_file.STORE_FILENAME
        self._store: Store | None = None
        self._key: bytes | None = None
        self._opening = threading.Lock()
        self._context: StationContext | None = None
        self._current: dict[str, list[CatalogueEntry]] | None = None
        self._versions: dict[str, CatalogueEntry] = {}
        self._privacy: Privacy | None = None
        if not open_now:
            return
        key = store_keys.stored_key(self.path)
        if store_file.is_current(self.path, key):
            self._key = key
        else:  # created, encrypted, upgraded (after a backup) or refused now
            self._open()

    @property
    def privacy(self) -> Privacy:
        """Reads of citizens' data that go on the access log, and the log itself."""
        if self._privacy is None:
            from counter_app.privacy import Privacy

            self._privacy = Privacy(self)
        return self._privacy

    @property
    def store(self) -> Store:
        """The store, opened the full way (SQLAlchemy) on first use."""
        return self._store or self._open()

    def _open(self) -> Store:
        with self._opening:
            if self._store is None:
                from counter_app.models.database import Store

                self._store = Store(self.path)
                self._key = self._store.key
        return self._store

    def _first_read(self, read: Callable[[sqlite3.Connection], T]) -> T:
        """``read`` on a driver connection until the store has been opened the full way, then on
        its connection."""
        if self._store is not None:
            from counter_app.models.rows import driver

            with self._store.read() as db:
                return read(driver(db))
        conn = store_file.connect(self.path, self._key or self.store.key)
        try:
            return read(conn)
        finally:
            conn.close()

    def close(self) -> None:
        """Release the store."""
        if self._store is not None:
            self._store.close()

    # -- identity and rules, built once ------------------------------------------------------

    @property
    def identity(self) -> StationIdentity | None:
        """The local station, or None before ``init``."""
        return self._first_read(first_reads.load_identity)

    def schema_revision(self) -> str | None:
        """The schema revision the store holds."""
        return self._first_read(store_file.revision)

    def context(self) -> StationContext:
        """Identity, calendar and catalogue look-ups; built on first use and kept."""
        if self._context is None:
            identity = self.identity
            if identity is None:
                raise StoreError(_("Máy chưa được khởi tạo; hãy chạy «counter-app init»."))
            from counter_app.services.context import StationContext

            self._context = StationContext(
                identity=identity,
                calendar=self._build_calendar(),
                current_procedure=self._current_procedure,
                procedure_version=self._procedure_version,
                procedure_on=self._procedure_on,
            )
        return self._context

    def calendar(self) -> WorkingCalendar:
        """The working calendar: the same official days before ``init`` as after it."""
        return self.context().calendar if self.identity is not None else self._build_calendar()

    def _build_calendar(self) -> WorkingCalendar:
        with self.store.read() as db:
            overrides = calendar_admin.list_overrides(db)
            hours = calendar_admin.working_hours(calendar_admin.read_settings(db))
        from counter_app.domain.calendar import WorkingCalendar

        return WorkingCalendar(overrides, hours)

    # -- calendar and settings ---------------------------------------------------------------

    def overrides(self) -> list[CalendarOverride]:
        """The days published by the server or set by the administrator, with their source."""
        with self.store.read() as db:
            return calendar_admin.list_overrides(db)

    def set_override(
        self, *, day: date, kind: str, reason: str, document: str | None = None
    ) -> CalendarOverride:
        """Make ``day`` an extra day off or a make-up working day."""
        with self.store.write() as db:
            override = calendar_admin.set_override(
                db, day=day, kind=kind, reason=reason, document=document
            )
        self._context = None
        return override

    def confirm_calendar_year(self, year: int, note: str = "") -> None:
        """The administrator confirms a year that has no shipped decision."""
        with self.store.write() as db:
            calendar_admin.confirm_year(db, year=year, note=note)

    def calendar_years(self) -> dict[int, str]:
        """Years confirmed by the server or the administrator."""
        return self._first_read(first_reads.confirmed_calendar_years)

    def provisional_years(self, today: date) -> list[int]:
        """Years soon in use that have no official decision and no confirmation."""
        from counter_app.domain.official_calendar import provisional_years

        return provisional_years(self.calendar_years(), today)

    def remove_override(self, day: date) -> None:
        """Return ``day`` to what the official calendar says."""
        with self.store.write() as db:
            calendar_admin.remove_override(db, day=day)
        self._context = None

    def settings(self) -> dict[str, Any]:
        """Every station setting with its current value."""
        return self._first_read(first_reads.read_settings)

    def notice_pending(self) -> bool:
        """True until an administrator has saved the notice of processing (the first run)."""
        return not self._first_read(lambda conn: first_reads.is_stored(conn, "privacy_notice"))

    def set_setting(self, key: str, text: str) -> Any:
        """Change one setting (checked against its declaration)."""
        with self.store.write() as db:
            value = calendar_admin.write_setting(db, key=key, text=text)
        self._context = None
        return value

    def set_settings(
        self, texts: dict[str, str], *, agency: dict[str, str] | None = None
    ) -> dict[str, Any]:
        """Change several settings (and the agency's names) in one transaction: all or none."""
        with self.store.write() as db:
            values = {
                key: calendar_admin.write_setting(db, key=key, text=text)
                for key, text in texts.items()
            }
            if agency is not None:
                setup.update_agency(db, **agency)
        self._context = None
        return values

    def _all_versions(self) -> dict[str, list[CatalogueEntry]]:
        if self._current is None:
            from counter_app.services.catalogue_types import by_code

            with self.store.read() as db:
                self._current = by_code(catalogue_service.load_entries(db, current_only=False))
        return self._current

    def _current_procedure(self, code: str) -> CatalogueEntry:
        return self._procedure_on(code, _today())

    def _procedure_on(self, code: str, day: date) -> CatalogueEntry:
        from counter_app.services.catalogue_types import in_force

        entry = in_force(self._all_versions().get(code.strip(), ()), day)
        if entry is None:
            raise NotFound(
                _("Không có thủ tục mã {code} trong danh mục.").format(code=code.strip()[:40]),
                field="procedure",
            )
        return entry

    def _procedure_version(self, procedure_id: str) -> CatalogueEntry:
        if procedure_id not in self._versions:
            with self.store.read() as db:
                self._versions[procedure_id] = catalogue_service.load_entry(db, procedure_id)
        return self._versions[procedure_id]

    # -- users -------------------------------------------------------------------------------

    def has_users(self) -> bool:
        """True once at least one user can log in."""
        return self._first_read(first_reads.has_users)

    def create_user(self, *, username: str, full_name: str, role: str, password: str) -> UserInfo:
        """Add a user (argon2 hash of the password)."""
        with self.store.write() as db:
            return users.create_user(
                db, username=username, full_name=full_name, role=role, password=password
            )

    def users(self) -> list[UserInfo]:
        """Every user of the station, by username."""
        with self.store.read() as db:
            return users.list_users(db)

    def reset_password(self, username: str, password: str) -> UserInfo:
        """Give a user a new password."""
        with self.store.write() as db:
            return users.reset_password(db, username=username, password=password)

    def set_user_active(self, username: str, active: bool) -> UserInfo:
        """Deactivate (or reactivate) a user; the last administrator stays active."""
        with self.store.write() as db:
            return users.set_active(db, username=username, active=active)

    def update_agency(
        self, *, agency_name: str, parent_name: str, place_name: str
    ) -> StationIdentity:
        """Rename the agency as printed on forms (code and slot stay)."""
        with self.store.write() as db:
            identity = setup.update_agency(
                db, agency_name=agency_name, parent_name=parent_name, place_name=place_name
            )
        self._context = None
        return identity

    def authenticate(self, username: str, password: str) -> UserInfo:
        """The active user with this name and password, or InvalidInput."""
        return self._first_read(
            lambda conn: first_reads.authenticate(conn, username=username, password=password)
        )

    # -- set-up and catalogue -----------------------------------------------------------------

    def initialise(
        self, *, agency_code: str, agency_name: str, slot: int, **names: str
    ) -> StationIdentity:
        """Create the agency and local station and (if empty) load the bundled catalogue."""
        with self.store.write() as db:
            identity = setup.initialise(
                db, agency_code=agency_code, agency_name=agency_name, slot=slot, **names
            )
            if not catalogue_service.load_entries(db):
                setup.import_default_catalogue(db)
        self._context = None
        return identity

    def import_catalogue(self, specs: Sequence[ProcedureSpec]) -> ImportSummary:
        """Store new versions of new or changed procedures (all or nothing)."""
        with self.store.write() as db:
            summary = catalogue_service.import_specs(db, specs)
        self._current = None
        return summary

    def preview_catalogue(self, specs: Sequence[ProcedureSpec]) -> ImportSummary:
        """What an import would change."""
        with self.store.read() as db:
            return catalogue_service.preview_import(db, specs)

    def preview_catalogue_file(self, path: Path) -> FilePreview:
        """Read a catalogue file in full and say, per procedure, what importing it would do."""
        with self.store.read() as db:
            return catalogue_preview.preview_file(db, path)

    def preview_catalogue_specs(self, file: str, specs: Sequence[ProcedureSpec]) -> FilePreview:
        """Say, per procedure already read from ``file``, what importing it would do."""
        with self.store.read() as db:
            return catalogue_preview.preview_specs(db, file, specs)

    def preview_decision(
        self, source: DecisionSource, *, number: str = "", effective: date | None = None
    ) -> FilePreview:
        """What a province's decision (already read) would change; nothing is written.

        ``number`` and ``effective`` stand for what the file does not say (or says wrongly).
        """
        with self.store.read() as db:
            return decision_import.preview_decision(db, source, number=number, effective=effective)

    def decision_changes(self, number: str) -> list[DecisionChange]:
        """What decision ``number`` changed: its versions, each against the one before."""
        with self.store.read() as db:
            return catalogue_changes.decision_changes(db, number)

    def confirm_time_limit(
        self, code: str, *, amount: int, unit: str, same_day: bool, leader: str
    ) -> ImportSummary:
        """A leader confirms a procedure's time limit: a new version naming the leader."""
        with self.store.write() as db:
            summary = catalogue_changes.confirm_time_limit(
                db,
                code=code,
                amount=amount,
                unit=unit,
                same_day=same_day,
                leader=leader,
                now=datetime.now(UTC),
            )
        self._current = None
        return summary

    def offered_catalogue(self, day: date | None = None) -> list[CatalogueEntry]:
        """The version of each procedure in force on ``day`` (today), by code."""
        from counter_app.services.catalogue_types import in_force

        when = day or _today()
        found = (in_force(versions, when) for versions in self._all_versions().values())
        return sorted((e for e in found if e is not None), key=lambda e: e.spec.code)

    def catalogue(self, *, current_only: bool = True) -> list[CatalogueEntry]:
        """The stored procedures."""
        with self.store.read() as db:
            return catalogue_service.load_entries(db, current_only=current_only)

    # -- dossiers --------------------------------------------------------------------------------

    def receive(
        self, request: IntakeRequest, *, actor: str, now: datetime | None = None
    ) -> Receipt:
        """Accept or guide a dossier; durable when this returns."""
        ctx = self.context()
        with self.store.write() as db:
            return reception.receive(db, ctx=ctx, request=request, actor=actor, now=now)

    def receive_many(self, requests: Sequence[IntakeRequest], *, actor: str) -> list[Receipt]:
        """Receive several dossiers in one transaction: all of them or none."""
        ctx = self.context()
        with self.store.write() as db:
            return [
                reception.receive(db, ctx=ctx, request=request, actor=actor) for request in requests
            ]

    def refuse(
        self,
        request: IntakeRequest,
        *,
        reasons: str,
        actor: str,
        now: datetime | None = None,
    ) -> Receipt:
        """Record a refusal with its reasons."""
        ctx = self.context()
        with self.store.write() as db:
            return reception.refuse(
                db, ctx=ctx, request=request, reasons=reasons, actor=actor, now=now
            )

    def refuse_many(
        self, requests: Sequence[IntakeRequest], *, reasons: str, actor: str
    ) -> list[Receipt]:
        """Refuse several dossiers with the same reasons in one transaction: all or none."""
        ctx = self.context()
        with self.store.write() as db:
            return [
                reception.refuse(db, ctx=ctx, request=request, reasons=reasons, actor=actor)
                for request in requests
            ]

    def preview_due(self, procedure_code: str, received_at: datetime) -> datetime:
        """The appointment for a dossier received at ``received_at``."""
        return reception.preview_due(self.context(), procedure_code, received_at)

    def step(
        self,
        code: str,
        event: EventType,
        data: StepInput,
        *,
        actor: str,
        now: datetime | None = None,
    ) -> DossierFacts:
        """Record a lifecycle step on a dossier."""
        ctx = self.context()
        with self.store.write() as db:
            return steps.take_step(
                db, ctx=ctx, code=code, event=event, data=data, actor=actor, now=now
            )

    def dossier(self, code: str) -> DossierFacts:
        """A dossier's facts, folded from its events."""
        with self.store.read() as db:
            return steps.load_facts(db, code)

    def events(self, dossier_id: str) -> list[EventRecord]:
        """A dossier's events in causal order."""
        with self.store.read() as db:
            return eventlog.load_events(db, dossier_id)

    def search(
        self,
        query: str,
        *,
        limit: int = 50,
        filters: SearchFilters = NO_FILTERS,
    ) -> list[DossierSummary]:
        """Dossiers by code, ID number, phone or folded name, narrowed by ``filters``."""
        with self.store.read() as db:
            return search.search(db, query, limit=limit, filters=filters)

    def fields(self) -> list[str]:
        """The catalogue's fields (lĩnh vực), for search filters."""
        with self.store.read() as db:
            return search.fields(db)

    def applicant_history(self, id_number: str) -> ApplicantHistory | None:
        """What the station knows of an ID number: latest contact details, open dossiers."""
        with self.store.read() as db:
            return desk.applicant_history(db, id_number)

    def recent_procedures(self, limit: int = 8) -> list[str]:
        """The procedures this counter received last, the latest first."""
        station_id = self.context().identity.station_id
        with self.store.read() as db:
            return desk.recent_procedures(db, station_id, limit=limit)

    def counter_today(self, now: datetime | None = None) -> CounterToday:
        """This counter's day: received, returned, appointments still waiting."""
        station_id = self.context().identity.station_id
        with self.store.read() as db:
            return desk.counter_today(db, station_id, now or datetime.now(UTC))

    def board_counts(self, now: datetime | None = None) -> dict[str, int]:
        """Open, due today and late dossiers."""
        moment = now or datetime.now(UTC)
        with self.store.read() as db:
            return board.board_counts(db, calendar=self.calendar(), now=moment)

    # -- printing ---------------------------------------------------------------------------------

    def sheet(self, kind: FormKind, code: str, *, actor: str, via: str) -> object:
        """The values form ``kind`` prints for dossier ``code`` (the print is a view on the
        access log: the form carries the applicant's data)."""
        from counter_app.printing.model import FormKind

        build = {
            FormKind.SLIP: printdata.dossier_sheet,
            FormKind.SUPPLEMENT: printdata.supplement_sheet,
            FormKind.REFUSAL: printdata.refusal_sheet,
            FormKind.APOLOGY: printdata.apology_sheet,
            FormKind.STOP: printdata.stop_sheet,
            FormKind.CONTROL: printdata.control_sheet,
            FormKind.RECEIPT: printdata.receipt_sheet,
        }.get(kind)
        if build is None:
            raise InvalidInput(_("Sổ theo dõi hồ sơ được in theo kỳ, không theo mã hồ sơ."))
        ctx = self.context()
        with self.store.write() as db:
            facts = steps.load_facts(db, code)
            sheet = build(db, ctx=ctx, code=code, clerk=users.display_name(db, actor))
            self.privacy.record_in(
                db, AccessKind.PRINT, actor=actor, via=via, dossier_ids=[facts.id],
                detail={"form": kind.value},
            )  # fmt: skip
        return sheet

    def register_sheet(
        self, period_from: date, period_to: date, *, actor: str, via: str
    ) -> RegisterSheet:
        """The register book for a period (a view of every dossier it lists, on the log)."""
        ctx = self.context()
        with self.store.write() as db:
            sheet = printdata.register_sheet(
                db, ctx=ctx, period_from=period_from, period_to=period_to
            )
            ids = printdata.register_ids(db, period_from, period_to)
            detail = {"from": period_from.isoformat(), "to": period_to.isoformat()}
            self.privacy.record_in(
                db, AccessKind.REGISTER, actor=actor, via=via, dossier_ids=ids, detail=detail
            )
        return sheet

    def pause_audit(self, first: date, last: date, now: datetime | None = None) -> PauseAudit:
        """Every pause begun in the period, its ground and duration, and the gaming patterns."""
        from counter_app.services.pause_audit import pause_audit

        ctx = self.context()
        with self.store.read() as db:
            return pause_audit(db, ctx=ctx, first=first, last=last, now=now)

    def record_print(self, code: str, job: PrintJob, *, actor: str) -> DossierFacts:
        """Log a print attempt (what, which printer, success or the error) on the dossier."""
        ctx = self.context()
        with self.store.write() as db:
            return steps.record_print(db, ctx=ctx, code=code, job=job, actor=actor)

    # -- integrity and backups -------------------------------------------------------------------

    def verify(self) -> VerifyReport:
        """Recompute the chains and the projection from events."""
        with self.store.read() as db:
            return integrity.verify(db)

    def backup(self, target: Path) -> Path:
        """A consistent copy of the store (encrypted with its key)."""
        return backup_service.backup(self.store.path, target)

    def auto_backup(self, now: datetime | None = None) -> Path | None:
        """Today's backup into the chosen folder, rotated (7 daily, 4 weekly); None when no
        folder is chosen."""
        folder = str(self.settings()["backup_folder"])
        if not folder:
            return None
        return auto_backup.write_backup(self.store.path, Path(folder), now or datetime.now(UTC))

    def backup_warning(self, now: datetime | None = None) -> str | None:
        """What the status bar says about backups, or None when the last one is fresh."""
        state = auto_backup.backup_state(str(self.settings()["backup_folder"]))
        return state.warning(now or datetime.now(UTC), self.calendar())

    def restore(self, source: Path, *, recovery_key: str | None = None) -> Path | None:
        """Replace the store with a backup of this station; return where the old store went.

        With ``recovery_key``, on a PC whose store holds no station yet (or none at all), the
        backup is another PC's, opened with that station's recovery key, and this PC keeps its
        key from now on.
        """
        if recovery_key is not None and not self._has_own_station():
            key = recovery.store_key(recovery.parse(recovery_key))
            self._forget_store()
            aside = backup_service.restore_elsewhere(source, self.path, key=key)
            self._open()
            return aside
        identity = self.identity
        self.store.close()
        aside = backup_service.restore(
            source,
            self.store.path,
            local_station_id=None if identity is None else identity.station_id,
            key=self.store.key,
        )
        self._forget_rules()
        return aside

    def _has_own_station(self) -> bool:
        """True when this PC opens its store and it holds an initialised station."""
        if not self.path.exists():
            return False
        try:
            return self.identity is not None
        except store_keys.StoreLocked:
            return False

    def _forget_store(self) -> None:
        """Close the store and forget what was read from it (it is about to be replaced)."""
        self.close()
        self._store, self._key = None, None
        self._forget_rules()

    def _forget_rules(self) -> None:
        self._context = None
        self._current = None
        self._versions.clear()

    # -- the store's key -----------------------------------------------------------------------

    def unlock(self, recovery_key: str) -> None:
        """Open a store this PC holds no key for (copied, restored, or the keyring was reset)
        with its recovery key; the PC keeps the key from now on."""
        if not self.path.is_file():
            raise StoreError(_("Không có dữ liệu tại {path} để mở khóa.").format(path=self.path))
        key = recovery.store_key(recovery.parse(recovery_key))
        try:
            store_cipher.connect(self.path, key).close()
        except store_cipher.CannotDecrypt:
            raise InvalidInput(
                _(
                    "Khóa khôi phục này không mở được dữ liệu {path}: hãy kiểm tra lại từng nhóm "
                    "chữ số (hoặc đây là dữ liệu của máy khác, hay tệp đã hỏng)."
                ).format(path=self.path),
                field="recovery_key",
            ) from None
        self._forget_store()
        store_keys.adopt(self.path, key)
        store_keys.recovery_shown(self.path)  # whoever typed it holds the sheet
        self._open()

    def pending_recovery_key(self) -> str | None:
        """The store's recovery key while it has not been shown once (then None for ever)."""
        return store_keys.pending_recovery(self.path)

    def recovery_key_shown(self) -> None:
        """The recovery key has been shown and printed: the PC forgets it."""
        store_keys.recovery_shown(self.path)

    def recovery_sheet(self, recovery_key: str, *, now: datetime | None = None) -> bytes:
        """The PDF of the sheet that carries ``recovery_key`` for the leader to lock away."""
        from counter_app.printing.forms.recovery import render_recovery_sheet
        from counter_app.printing.model import RecoverySheet

        identity = self.identity
        return render_recovery_sheet(
            RecoverySheet(
                agency_code=identity.agency_code if identity else "",
                agency_name=identity.agency_name if identity else "",
                parent_name=identity.parent_name if identity else "",
                slot=identity.slot if identity else None,
                data_dir=str(self.data_dir.resolve()),
                created_at=now or datetime.now(UTC),
                recovery_key=recovery_key,
            )
        )

    # -- sync with the central server ----------------------------------------------------------

    def enrol(
        self, url: str, code: str, *, ca_bundle: str = "", http: httpx.Client | None = None
    ) -> Enrolment:
        """Enrol with the server: token and signing key into the keyring, URL into settings."""
        from counter_app.sync import engine

        return engine.enrol(
            self.store, self.context().identity, url=url, code=code, ca_bundle=ca_bundle, http=http
        )

    def sync_once(
        self, *, http: httpx.Client | None = None, policy: RoundPolicy | None = None
    ) -> RoundReport:
        """One round with the server; raises SyncError (recorded) when it fails."""
        from counter_app.sync import engine

        report = engine.run_round(self.store, self.context().identity, http=http, policy=policy)
        if report.publications:
            self._context = None  # a published calendar or catalogue changes the rules
            self._current = None
        return report

    def sync_status(self) -> SyncStatus:
        """The status bar's value."""
        with self.store.read() as db:
            return sync_report.sync_status(db)

    def sync_reconciliation(self, now: datetime | None = None) -> Reconciliation:
        """The end-of-day picture per counter (``sync status``)."""
        moment = now or datetime.now(UTC)
        with self.store.read() as db:
            days = int(calendar_admin.read_settings(db)["contact_warning_days"])
            return sync_report.reconciliation(db, now=moment, warning_days=days)

    def resolve_conflict(self, event_id: str, *, actor: str) -> None:
        """A person has dealt with a conflicting event: it leaves the list, stays in the log."""
        with self.store.write() as db:
            conflicts.resolve(db, event_id=event_id, actor=actor, now=datetime.now(UTC))

    def sync_export(self, target: Path) -> int:
        """Seal every unacknowledged event into ``target`` for hand carrying."""
        from counter_app.sync import engine

        return engine.export(self.store, self.context().identity, target)

    # -- the other counters of the centre, on its local network -----------------------------------

    def lan_service(
        self,
        *,
        port: int | None = None,
        interfaces: Sequence[str] = (),
        on_applied: Callable[[int], None] | None = None,
    ) -> LanService:
        """This counter's service on the centre's network, from the settings (not started)."""
        from counter_app.lan import engine

        return engine.service(
            self.store,
            self.context().identity,
            port=port,
            interfaces=interfaces,
            on_applied=on_applied,
        )

    def lan_peers(self, now: datetime | None = None) -> list[PeerStatus]:
        """The agency's other counters: where and when each was last heard, what came from it."""
        with self.store.read() as db:
            return lan_store.peer_statuses(db, now=now or datetime.now(UTC))

    def lan_pull(self, *, listen: float = 2.0, interfaces: Sequence[str] = ()) -> list[PeerPull]:
        """Everything the counters in reach hold now (a sync round without the server)."""
        from counter_app.lan import engine

        return engine.pull_from_peers(
            self.store, self.context().identity, listen=listen, interfaces=interfaces
        )

    def lan_status(self, *, probe: bool = True) -> tuple[list[HeldChain], list[PeerReport]]:
        """What this counter holds, and each sibling's state (asked now unless ``probe`` off)."""
        from counter_app.lan import engine

        return engine.status(self.store, self.context().identity, probe=probe)
