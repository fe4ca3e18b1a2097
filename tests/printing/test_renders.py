"""PNG renders of every form for a person to look at (run with ``-s`` to see the folder)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from counter_app.printing.forms import PAPERS, render
from counter_app.printing.model import FormKind, FormSet, Paper
from tests.printing import samples
from tests.printing.test_forms import CASES, sheet_for

PREVIEW_DPI = 100


def every_form() -> Iterator[tuple[str, bytes]]:
    """(file stem, PDF) of every form on every paper it supports, plus the hard cases."""
    for kind, form_set in CASES:
        for paper in sorted(PAPERS[kind]):
            sheet = sheet_for(kind, form_set)
            if kind is FormKind.REGISTER:
                sheet = samples.register(form_set, rows=40)
            yield f"{form_set.value}-{kind.value}-{paper.value}", render(kind, sheet, paper=paper)
    for paper in Paper:
        long_sheet = samples.long_dossier()
        yield f"long-slip-{paper.value}", render(FormKind.SLIP, long_sheet, paper=paper)
        two = samples.dossier(FormSet.TT01_2018)
        yield f"two-copies-slip-{paper.value}", render(FormKind.SLIP, two, paper=paper, copies=2)


@pytest.fixture(scope="session")
def render_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding one PNG per page of every form."""
    folder = tmp_path_factory.mktemp("form-renders")
    for stem, pdf in every_form():
        for index, page in enumerate(pdfium.PdfDocument(pdf), start=1):
            image = page.render(scale=PREVIEW_DPI / 72).to_pil()
            image.save(folder / f"{stem}-p{index}.png")
    print(f"\nPNG renders of every form: {folder}")
    return folder


def test_every_page_of_every_form_is_rendered(render_dir: Path) -> None:
    files = sorted(render_dir.glob("*.png"))
    stems = {path.name.rsplit("-p", 1)[0] for path in files}
    assert len(stems) == sum(1 for _ in every_form())
    for path in files:
        assert path.stat().st_size > 5_000  # not blank
