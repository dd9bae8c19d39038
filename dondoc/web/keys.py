"""The key that signs session cookies: never a value anyone else knows.

A configured key (DONDOC_SECRET_KEY) must be long and must not be the value earlier
releases shipped as a default. Without one, a key of this install's own is made on first
start and kept in the data folder (`secret_key`, mode 0600); every server process of the
install reads the same file. A production setting (DONDOC_ENV=production) refuses to start
without a configured key, as its servers may not share a data folder.

The cookie itself holds only a random session id and the CSRF token (the login lives on the
server, see services/sessions.py): a stolen key alone opens no session.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

from dondoc.config import Settings
from dondoc.errors import DondocError, ErrorCode
from dondoc.store.files import sync_folder, writing

KEY_FILE = "secret_key"
MIN_KEY_LENGTH = 32
# the default of releases before 2026-12: published, so refused wherever it is found
KNOWN_KEYS = frozenset({"dev-only-secret-change-me"})


def session_key(settings: Settings) -> str:
    if settings.secret_key:
        return _checked(settings.secret_key, "DONDOC_SECRET_KEY")
    if settings.env == "production":
        raise DondocError(
            ErrorCode.RULE_VIOLATED,
            detail="DONDOC_ENV=production needs DONDOC_SECRET_KEY (a random value of 32 characters or more)",
        )
    with writing("the install's secret key"):  # a read-only folder without a key yet
        key = _install_key(settings.data_dir)
    return _checked(key, str(settings.data_dir / KEY_FILE))


def _checked(key: str, where: str) -> str:
    key = key.strip()
    if key in KNOWN_KEYS or len(key) < MIN_KEY_LENGTH:
        raise DondocError(
            ErrorCode.RULE_VIOLATED,
            detail=f"the secret key in {where} is a published or short value: "
            f"use a random value of {MIN_KEY_LENGTH} characters or more",
        )
    return key


def _install_key(folder: Path) -> str:
    path = folder / KEY_FILE
    if path.exists():
        return path.read_text(encoding="ascii")
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    # written whole under a temporary name, then linked into place: of several processes
    # starting at once, one key wins and every process reads that one
    tmp = folder / f".{KEY_FILE}-{os.getpid()}-{secrets.token_hex(4)}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(secrets.token_urlsafe(48))
            fh.flush()
            os.fsync(fh.fileno())
        with contextlib.suppress(FileExistsError):  # another process's key won
            os.link(tmp, path)
        sync_folder(folder)
    finally:
        tmp.unlink(missing_ok=True)
    return path.read_text(encoding="ascii")
