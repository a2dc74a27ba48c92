"""Opening the SQLite store: WAL, a busy timeout, and the schema brought up to date."""

from __future__ import annotations

import errno
import logging
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import sqlite_utils

from storage import schema
from storage.errors import DatabaseMissing, DatabaseUnavailable

logger = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 30_000
# What a user can still do with a store this process cannot write (see :func:`read_access`).
READ_ONLY_HINT = "stats, health, export, serve and watch list/hits only read it"


def open_db(path: str | Path, *, create: bool = True, migrate: bool = True) -> sqlite_utils.Database:
    """Open (and by default create and migrate) the store at ``path``.

    Raises :class:`DatabaseMissing` when ``create`` is false and there is no file, and
    :class:`DatabaseUnavailable` when the path cannot hold a SQLite database or is another program's
    SQLite database (tables, none of them ``schema_migrations``): Wirewatch adds its tables only to an
    empty file or its own store (see :func:`storage.schema.check_readable`).
    """
    path = Path(path)
    _check_kind(path)
    if not path.exists():
        if not create:
            raise DatabaseMissing(f"no database at {path}; run `wirewatch crawl` or `wirewatch demo` first")
        if not path.parent.is_dir():
            raise DatabaseUnavailable(f"cannot create database {path}: folder {path.parent} does not exist")
    elif not os.access(path, os.W_OK):
        # SQLite would open it read-only without a word, and the first write would fail mid-command.
        raise DatabaseUnavailable(f"cannot write database {path}: the file is read-only ({READ_ONLY_HINT})")
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db = sqlite_utils.Database(conn)
        # The schema is checked before any PRAGMA that writes the file (journal_mode=WAL does): another
        # program's SQLite file is refused byte for byte as it was.
        if db.table_names():
            try:
                schema.check_readable(db, path)
            except DatabaseUnavailable:
                conn.close()
                raise
        db.enable_wal()
        conn.execute("PRAGMA foreign_keys = ON")
        if migrate:
            schema.migrate(db)
    except sqlite3.DatabaseError as exc:
        folder = path.resolve().parent
        if _is_readonly_error(exc) and not os.access(folder, os.W_OK):
            raise DatabaseUnavailable(f"cannot write database {path}: its folder {folder} is not writable (SQLite "
                                      f"keeps {path.name}-wal and {path.name}-shm beside it; {READ_ONLY_HINT})") from exc
        raise DatabaseUnavailable(f"cannot use database {path}: {exc}") from exc
    return db


def remove_db(path: str | Path) -> None:
    """Delete the store at ``path`` with its ``-wal`` and ``-shm`` files (for a store the same command
    created and left empty). Close every connection to it first. Missing files are no error."""
    path = Path(path)
    for name in (path.name, f"{path.name}-wal", f"{path.name}-shm", f"{path.name}-journal"):
        (path.parent / name).unlink(missing_ok=True)


def _check_kind(path: Path) -> None:
    """Raise :class:`DatabaseUnavailable` when ``path`` exists and is not a regular file: a directory, or a
    FIFO, device or socket (SQLite's open of a FIFO with no writer blocked for ever; ``/dev/null`` gave
    "disk I/O error"); or when it is a symbolic link that loops (a RuntimeError traceback) or points into a
    folder that does not exist (it was said to be "not writable"). ``stat`` only: nothing is opened."""
    if path.is_symlink() and not path.exists():  # a link SQLite cannot follow to a file it may create
        try:
            os.stat(path)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise DatabaseUnavailable(f"database path {path} is a symbolic link that loops; give the "
                                          "store's file") from None
        target = Path(os.path.join(os.path.dirname(path), os.readlink(path)))
        if not target.parent.is_dir():
            raise DatabaseUnavailable(f"database path {path} is a symbolic link to {target}, whose folder "
                                      f"{target.parent} does not exist") from None
    if path.is_dir():
        raise DatabaseUnavailable(f"database path {path} is a directory, not a file")
    if path.exists() and not path.is_file():
        raise DatabaseUnavailable(f"database path {path} is not a regular file (a FIFO, a device or a socket); "
                                  "give the store's file")


@dataclass(frozen=True)
class ReadAccess:
    """How a store is opened for reading: its SQLite URI, and whether it is taken as immutable.

    ``immutable`` is true only when ``mode=ro`` cannot open the file (SQLite needs to create or write the
    ``-shm`` file of a WAL database) and its folder is not writable by this process: nothing that runs as
    this user can be writing it (an analyst's copy, a mounted backup). ``reason`` says so, for the user.
    """

    path: Path
    uri: str
    immutable: bool
    reason: str = ""


def _uri(path: Path, query: str) -> str:
    return f"file:{quote(str(path.resolve()))}?{query}"


def _probe(uri: str) -> None:
    conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        conn.close()


def read_access(path: str | Path) -> ReadAccess:
    """Decide how to open the existing store at ``path`` read-only (see :class:`ReadAccess`).

    Raises :class:`DatabaseMissing` when there is no file and :class:`DatabaseUnavailable` when it is a
    folder or cannot be read as SQLite either way. Rule (SQLite's URI docs): ``immutable=1`` skips all
    locking and change detection, so it is used only when the folder is read-only to us.
    """
    path = Path(path)
    _check_kind(path)
    if not path.exists():
        raise DatabaseMissing(f"no database at {path}; run `wirewatch crawl` or `wirewatch demo` first")
    uri = _uri(path, "mode=ro")
    try:
        _probe(uri)
        return ReadAccess(path, uri, immutable=False)
    except sqlite3.DatabaseError as exc:
        if os.access(path.resolve().parent, os.W_OK) or not _is_readonly_error(exc):
            raise DatabaseUnavailable(f"cannot read database {path}: {exc}") from exc
        first = exc
    uri = _uri(path, "immutable=1")
    try:
        _probe(uri)
    except sqlite3.DatabaseError as exc:
        raise DatabaseUnavailable(f"cannot read database {path}: {first}; as immutable: {exc}") from exc
    return ReadAccess(path, uri, immutable=True,
                      reason=f"{path}: its folder is not writable, so it is read as a fixed copy (immutable)")


def _is_readonly_error(exc: sqlite3.DatabaseError) -> bool:
    text = str(exc)
    return "readonly" in text or "unable to open" in text


def open_readonly(path: str | Path, access: ReadAccess | None = None) -> sqlite_utils.Database:
    """Open an existing store for reading only (stats, exports). Never creates, writes or migrates.

    ``access`` (from :func:`read_access`) saves deciding again; errors as :func:`read_access`.
    """
    access = access or read_access(path)
    try:
        conn = sqlite3.connect(access.uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        raise DatabaseUnavailable(f"cannot read database {path}: {exc}") from exc
    db = sqlite_utils.Database(conn)
    schema.check_readable(db, Path(path))
    return db
