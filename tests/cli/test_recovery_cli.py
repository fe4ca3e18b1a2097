"""The recovery key from the command line: shown once at ``init`` with its sheet, asked for by
``unlock`` and ``restore --recovery-key`` on a PC that holds no key for the store."""

from __future__ import annotations

import json
import re
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from counter_app import store_keys
from counter_app.cli import main
from counter_app.store_file import STORE_FILENAME
from tests.conftest import RECOVERY_KEYS, MemoryVault

KEY = re.compile(r"\b\d{6}(?:-\d{6}){7}\b")
INIT = ("init", "--agency-code", "000.17.22.H56", "--agency-name", "UBND phường Quảng Hưng")


def run(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str, str]:
    status = main(["--data-dir", str(data_dir), "--actor", "tester", *args])
    out, err = capsys.readouterr()
    return status, out, err


def pdf_text(path: Path) -> str:
    document = pdfium.PdfDocument(path.read_bytes())
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


@pytest.fixture
def other_pc(store_vault: MemoryVault) -> Iterator[MemoryVault]:
    """Another PC's keyring, holding none of this one's keys."""
    vault = MemoryVault()
    store_keys.use_vault(vault)
    yield vault
    store_keys.use_vault(store_vault)


def test_init_shows_the_recovery_key_once_and_writes_its_sheet(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    sheet = tmp_path / "sheet.pdf"
    status, out, err = run(
        capsys, tmp_path / "data", *INIT, "--slot", "2", "--recovery-sheet", str(sheet)
    )
    assert status == 0, err
    keys = KEY.findall(out)
    assert len(keys) == 1
    assert stat.S_IMODE(sheet.stat().st_mode) == 0o600
    text = pdf_text(sheet)
    assert "PHIẾU KHÓA KHÔI PHỤC DỮ LIỆU" in text and "000.17.22.H56" in text
    assert "".join(keys[0].split("-")) in re.sub(r"\D", "", text)
    status, out, err = run(capsys, tmp_path / "data", "recovery-key")
    assert status == 1 and not KEY.search(out + err)
    assert "đã được hiển thị một lần" in err
    status, _out, err = run(capsys, tmp_path / "data", "catalogue", "list")
    assert status == 0 and "recovery-key" not in err  # nothing left to remind of


def test_until_it_is_shown_every_command_reminds_and_recovery_key_shows_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, out, err = run(capsys, tmp_path / "data", "catalogue", "list", "--json")
    assert status == 0 and json.loads(out) == []  # a new store, not initialised yet
    assert "recovery-key" in err and not KEY.search(out + err)
    status, out, _err = run(capsys, tmp_path / "data", "recovery-key")
    assert status == 0 and len(KEY.findall(out)) == 1
    assert run(capsys, tmp_path / "data", "recovery-key")[0] == 1
    status, out, _err = run(capsys, tmp_path / "data", *INIT, "--slot", "3", "--json")
    assert status == 0 and "recovery_key" not in json.loads(out)


def test_a_copied_store_is_refused_then_unlocked_with_its_recovery_key(
    capsys: pytest.CaptureFixture[str], template_dir: Path, tmp_path: Path, other_pc: MemoryVault
) -> None:
    copied = tmp_path / "copied"
    copied.mkdir()
    shutil.copy2(template_dir / STORE_FILENAME, copied / STORE_FILENAME)
    status, _out, err = run(capsys, copied, "catalogue", "list")
    assert status == 1 and "Traceback" not in err
    assert "khóa khôi phục" in err and "counter-app unlock" in err
    status, _out, err = run(capsys, copied, "unlock", "--recovery-key", "000000-000011")
    assert status == 1 and "48 chữ số" in err
    key = RECOVERY_KEYS[template_dir]
    status, out, err = run(capsys, copied, "unlock", "--recovery-key", key.replace("-", " "))
    assert status == 0, err
    status, out, _err = run(capsys, copied, "catalogue", "list", "--json")
    assert status == 0 and json.loads(out)


def test_restore_on_a_new_pc_takes_the_recovery_key(
    capsys: pytest.CaptureFixture[str],
    template_dir: Path,
    data_dir: Path,
    tmp_path: Path,
    store_vault: MemoryVault,
) -> None:
    file = tmp_path / "d.json"
    file.write_text(
        json.dumps({"applicant": {"name": "Vũ Thu Hà"}, "procedure": "1.004222"}),
        encoding="utf-8",
    )
    code = json.loads(run(capsys, data_dir, "receive", str(file), "--json")[1])["code"]
    backup = tmp_path / "usb" / "backup.sqlite3"
    backup.parent.mkdir()
    assert run(capsys, data_dir, "backup", str(backup))[0] == 0
    new_pc = tmp_path / "new-pc"
    store_keys.use_vault(MemoryVault())  # the new PC's keyring knows nothing of the old one
    try:
        status, _out, err = run(capsys, new_pc, "restore", str(backup))
        assert status == 1 and "khóa khôi phục" in err
        key = RECOVERY_KEYS[template_dir]  # data_dir is a copy of the template's store
        status, _out, err = run(capsys, new_pc, "restore", str(backup), "--recovery-key", key)
        assert status == 0, err
        status, out, _err = run(capsys, new_pc, "dossier", "show", code)
        assert status == 0 and "Vũ Thu Hà" in out
    finally:
        store_keys.use_vault(store_vault)
