"""Where uploaded files live: a small store behind a Protocol, with a local-disk implementation.

Keys are made by the store (``2026/12/04/<32 hex>.pdf``: the UTC day and a random name), never
taken from the client, and every key handed back is checked against that exact shape, so a
crafted key cannot reach outside the store's root. The database keeps the key; the store keeps
only bytes.
"""

from __future__ import annotations

import os
import re
import secrets
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from flask import Flask, current_app

EXTENSION_RE = re.compile(r"[a-z0-9]{1,8}", re.ASCII)
KEY_RE = re.compile(r"[0-9]{4}/[0-9]{2}/[0-9]{2}/[0-9a-f]{32}\.[a-z0-9]{1,8}", re.ASCII)
DIR_MODE = 0o700


class FileStore(Protocol):
    def save(self, data: bytes, extension: str) -> str:
        """Store ``data`` under a new server-generated key and return the key."""
        ...

    def open(self, key: str) -> bytes:
        """The stored bytes; FileNotFoundError if the key holds nothing."""
        ...

    def delete(self, key: str) -> None:
        """Remove the file; a key that holds nothing is fine (deletes can be retried)."""
        ...

    def exists(self, key: str) -> bool: ...


class LocalFileStore:
    """Files under ``root`` (made on the first save, so merely building an app touches no disk).

    Writes are atomic (a temporary file in the target folder, then ``os.replace``): a reader
    never sees half a file, and a crash leaves at most a hidden ``.tmp`` file. Only the server's
    user can read what residents uploaded (folders 0700, files 0600).
    """

    def __init__(self, root: Path) -> None:
        self.root = root

    def save(self, data: bytes, extension: str) -> str:
        if not EXTENSION_RE.fullmatch(extension):
            raise ValueError(f"extension must be 1-8 lower-case letters or digits, not {extension!r}")
        key = f"{datetime.now(UTC):%Y/%m/%d}/{secrets.token_hex(16)}.{extension}"
        path = self._path(key)
        self._make_dirs(key)
        fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")  # mode 0600
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temp_name, path)
        except BaseException:
            Path(temp_name).unlink(missing_ok=True)
            raise
        _fsync_dir(path.parent)  # the rename itself survives a crash only once its folder is synced
        return key

    def open(self, key: str) -> bytes:
        return self._path(key).read_bytes()

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def _path(self, key: str) -> Path:
        """The file of ``key``; ValueError for anything but a key this store could have made."""
        if not KEY_RE.fullmatch(key):
            raise ValueError("not a file store key")
        return self.root / key

    def _make_dirs(self, key: str) -> None:
        """The root and the key's day folders, each 0700. One level at a time: os.makedirs would give
        the intermediate folders the umask's mode, not ours."""
        self.root.parent.mkdir(parents=True, exist_ok=True)
        levels = [self.root]
        for part in key.split("/")[:-1]:
            levels.append(levels[-1] / part)
        for level in levels:
            level.mkdir(mode=DIR_MODE, exist_ok=True)  # the umask can only narrow it


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def init_app(app: Flask) -> None:
    app.extensions["palmgov.storage"] = LocalFileStore(Path(app.config["UPLOAD_DIR"]))


def file_store() -> FileStore:
    """The current app's file store."""
    return current_app.extensions["palmgov.storage"]
