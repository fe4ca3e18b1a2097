"""A guided dossier coming back with its supplement: what Reception needs to continue it.

The dossier was saved at the counter as "waiting for a supplement" (form 02 listed what was
missing). When the citizen returns, Reception shows it again with the applicant and the
documents already handed, and only the missing ones left to tick; accepting records
``supplement_received``, which starts the processing clock, and prints form 01.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from counter_app.domain.checklist import HandedDocument
from counter_app.domain.dossier import DossierFacts
from counter_app.domain.lifecycle import State
from counter_app.services.catalogue import CatalogueEntry
from counter_app.services.reception import Receipt
from counter_app.station import Station

SEX_INDEX = {"male": 1, "female": 2}


@dataclass(frozen=True)
class GuidedDossier:
    """A dossier waiting at the counter for its supplement, with the version it was checked on."""

    facts: DossierFacts
    entry: CatalogueEntry

    @property
    def handed_keys(self) -> frozenset[str]:
        """Catalogue documents handed over at the first visit."""
        return frozenset(str(doc["key"]) for doc in self.facts.documents if doc.get("key"))

    def applicant_texts(self) -> dict[str, str]:
        """The recorded applicant as the Reception fields show it."""
        person = self.facts.applicant
        texts = {key: value or "" for key, value in person.items()}
        if person.get("dob"):
            texts["dob"] = date.fromisoformat(str(person["dob"])).strftime("%d/%m/%Y")
        return texts


def load_guided(station: Station, code: str) -> GuidedDossier | None:
    """The dossier ``code`` if it waits for its supplement at the counter, else None (worker)."""
    facts = station.dossier(code)
    if facts.state is not State.PENDING_SUPPLEMENT:
        return None
    return GuidedDossier(facts, station.context().procedure_version(facts.procedure_id))


def brought(guided: GuidedDossier, ticked: Sequence[int]) -> list[HandedDocument]:
    """The documents of the ticked checklist rows that were not handed at the first visit."""
    documents = guided.entry.spec.documents
    return [
        HandedDocument(doc.key, doc.name, doc.form, doc.count)
        for doc in (documents[row] for row in ticked)
        if doc.key not in guided.handed_keys
    ]


def receipt_of(facts: DossierFacts) -> Receipt:
    """The step's outcome in the shape Reception reports every saved dossier."""
    return Receipt(facts.id, facts.code, facts.state, facts.due_at)
