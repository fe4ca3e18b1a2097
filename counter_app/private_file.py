"""Files Counter writes that only their owner may read: the recovery sheet, sealed exports."""

from __future__ import annotations

import os
from pathlib import Path

from counter_app.domain.errors import InvalidInput
from counter_app.i18n import _

PRIVATE_MODE = 0o600


def write_private(target: Path, data: bytes) -> None:
    """Write the new file ``target`` with mode 0600 (its owner only), all of it or nothing,
    also on a USB stick pulled out mid-write; an existing file is refused, never replaced."""
    if target.exists():
        raise InvalidInput(_("Tệp {path} đã tồn tại; hãy chọn tên khác.").format(path=target))
    partial = target.with_name(target.name + ".partial")
    try:
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_MODE)
    except OSError as error:
        raise InvalidInput(
            _("Không ghi được tệp {path}: {reason}").format(path=target, reason=error.strerror)
        ) from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            os.chmod(partial, PRIVATE_MODE)  # a partial file left by a crash keeps its mode
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        partial.replace(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
