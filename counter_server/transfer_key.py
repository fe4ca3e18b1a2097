"""The server's X25519 key pair that stations encrypt their hand-carried files to.

The private half is a PEM file (PKCS#8), never in the database, so that a copy of the database or
of its backups does not open a lost USB stick. Like a TLS private key it is read from the file
named by ``$COUNTER_SERVER_TRANSFER_KEY`` (every worker behind the load balancer is given the same
file, mode 0600, readable by the service account only), else ``transfer-key.pem`` in the server's
data folder, made there with mode 0600 on first use. Stations learn the public half when they
enrol and in every status answer.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    load_pem_private_key,
)

from counter_app.domain.errors import InvalidInput

KEY_ENV = "COUNTER_SERVER_TRANSFER_KEY"
FILENAME = "transfer-key.pem"


def key_path() -> Path:
    """Where the private key is read from (and made, the first time)."""
    configured = os.environ.get(KEY_ENV)
    if configured:
        return Path(configured).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("counter-server")) / FILENAME


def load(path: Path | None = None) -> X25519PrivateKey:
    """The server's private transfer key from ``path`` (default :func:`key_path`), made and
    written there with mode 0600 when the file does not exist yet."""
    path = path or key_path()
    if not path.exists():
        _create(path)
    try:
        key = load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as error:
        raise InvalidInput(f"{path}: not a readable X25519 private key ({error})") from None
    if not isinstance(key, X25519PrivateKey):
        raise InvalidInput(f"{path}: the transfer key must be an X25519 key")
    return key


def _create(path: Path) -> None:
    """Write a new key, unless another worker has just done so (the first one wins)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    pem = X25519PrivateKey.generate().private_bytes(
        Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()
    )
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(pem)
        handle.flush()
        os.fsync(handle.fileno())
    try:
        with contextlib.suppress(FileExistsError):  # another worker made it first: keep theirs
            os.link(partial, path)
    finally:
        partial.unlink()
