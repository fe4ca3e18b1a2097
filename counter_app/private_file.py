"""Files Counter writes that only their owner may read: the recovery sheet, sealed exports, and
the forms, register books and reports a person writes to a file (they name citizens).

Mode 0600 is what a POSIX system enforces; on Windows a file takes its folder's access list
(the user's own folders are private to the user).
"""

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
    try:
        replace_private(target, data)
    except OSError as error:
        raise InvalidInput(
            _("Không ghi được tệp {path}: {reason}").format(path=target, reason=error.strerror)
        ) from None


def replace_private(target: Path, data: bytes) -> None:
    """Write ``target`` with mode 0600 through a ``.partial`` file made durable and renamed over
    it, so that a failed write never leaves half a file under the name (a file already there is
    replaced); OSError as the system gives it."""
    partial = target.with_name(target.name + ".partial")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_MODE)
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
