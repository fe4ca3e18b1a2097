"""A dossier coming back with its supplement: what Reception needs to continue it.

Either it was guided at the counter ("waiting for a supplement": form 02 listed what was
missing), or the processing officer asked for documents later. When the citizen returns,
Reception shows it again with the applicant and the documents already handed, and only the
missing (or requested) ones left to tick; accepting records ``supplement_received`` — which
starts the processing clock, or moves the due date by the time waited — and prints form 01.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from counter_app.domain.access import Via
from counter_app.domain.catalogue import RequiredDocument
from counter_app.domain.checklist import HandedDocument, check
from counter_app.domain.dossier import DossierFacts
from counter_app.domain.lifecycle import EventType, State
from counter_app.services.catalogue_types import CatalogueEntry
from counter_app.services.reception_types import Receipt
from counter_app.station import Station

SEX_INDEX = {"male": 1, "female": 2}
WAITING = frozenset({State.PENDING_SUPPLEMENT, State.SUPPLEMENT_REQUESTED})


@dataclass(frozen=True)
class GuidedDossier:
    """A dossier waiting at the counter for its supplement, with the version it was checked on."""

    facts: DossierFacts
    entry: CatalogueEntry
    requested: frozenset[str] = frozenset()  # what the processing officer asked for, if it was

    @property
    def handed_keys(self) -> frozenset[str]:
        """Catalogue documents handed over at the first visit."""
        return frozenset(str(doc["key"]) for doc in self.facts.documents if doc.get("key"))

    def tickable(self, key: str) -> bool:
        """True for a document still to be brought."""
        if self.facts.state is State.SUPPLEMENT_REQUESTED:
            return key in self.requested
        return key not in self.handed_keys

    def still_missing(self, ticked: Sequence[int]) -> list[str]:
        """The names of what is still missing once the ``ticked`` rows are brought."""
        documents = self.entry.spec.documents
        if self.facts.state is State.SUPPLEMENT_REQUESTED:
            chosen = {documents[row].key for row in ticked}
            return [d.name for d in documents if d.key in self.requested - chosen]
        handed = [_handed(d) for d in documents if d.key in self.handed_keys]
        verdict = check(documents, handed + brought(self, ticked), applicable=self.facts.applicable)
        return [item.document.name for item in verdict.missing]

    def applicant_texts(self) -> dict[str, str]:
        """The recorded applicant as the Reception fields show it."""
        person = self.facts.applicant
        texts = {key: value or "" for key, value in person.items()}
        if person.get("dob"):
            texts["dob"] = date.fromisoformat(str(person["dob"])).strftime("%d/%m/%Y")
        return texts


def load_guided(station: Station, code: str, *, actor: str) -> GuidedDossier | None:
    """The dossier ``code`` if it waits for a supplement, else None (worker thread).

    Only a dossier shown here (its applicant fills the Reception form) is a view on the access
    log; any other goes to the dossier screen, which logs its own."""
    facts = station.dossier(code)
    if facts.state not in WAITING:
        return None
    read = station.privacy.open_dossier(code, actor=actor, via=Via.GUI)
    facts, events = read.facts, read.events
    entry = station.context().procedure_version(facts.procedure_id)
    if facts.state is State.PENDING_SUPPLEMENT:
        return GuidedDossier(facts, entry)
    asked = [e for e in events if e.type == EventType.SUPPLEMENT_REQUESTED.value][-1]
    return GuidedDossier(facts, entry, frozenset(m["key"] for m in asked.payload["missing"]))


def brought(guided: GuidedDossier, ticked: Sequence[int]) -> list[HandedDocument]:
    """The documents of the ticked checklist rows that are still to be brought."""
    documents = guided.entry.spec.documents
    return [_handed(doc) for doc in (documents[row] for row in ticked) if guided.tickable(doc.key)]


def _handed(doc: RequiredDocument) -> HandedDocument:
    return HandedDocument(doc.key, doc.name, doc.form, doc.count)


def receipt_of(facts: DossierFacts) -> Receipt:
    """The step's outcome in the shape Reception reports every saved dossier."""
    return Receipt(facts.id, facts.code, facts.state, facts.due_at)
