"""Opening the SQLite store: WAL, a busy timeout, and the schema brought up to date."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import sqlite_utils

from storage import schema
from storage.errors import DatabaseMissing, DatabaseUnavailable

logger = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 30_000


def open_db(path: str | Path, *, create: bool = True, migrate: bool = True) -> sqlite_utils.Database:
    """Open (and by default create and migrate) the store at ``path``.

    Raises :class:`DatabaseMissing` when ``create`` is false and there is no file, and
    :class:`DatabaseUnavailable` when the path cannot hold a SQLite database.
    """
    path = Path(path)
    if path.is_dir():
        raise DatabaseUnavailable(f"database path {path} is a directory, not a file")
    if not path.exists():
        if not create:
            raise DatabaseMissing(f"no database at {path}; run `wirewatch crawl` or `wirewatch demo` first")
        if not path.parent.is_dir():
            raise DatabaseUnavailable(f"cannot create database {path}: folder {path.parent} does not exist")
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db = sqlite_utils.Database(conn)
        db.enable_wal()
        conn.execute("PRAGMA foreign_keys = ON")
        if migrate:
            schema.migrate(db)
    except sqlite3.DatabaseError as exc:
        raise DatabaseUnavailable(f"cannot use database {path}: {exc}") from exc
    return db


def open_readonly(path: str | Path) -> sqlite_utils.Database:
    """Open an existing store for reading only (stats, exports). Never creates or migrates."""
    path = Path(path)
    if path.is_dir():
        raise DatabaseUnavailable(f"database path {path} is a directory, not a file")
    if not path.exists():
        raise DatabaseMissing(f"no database at {path}; run `wirewatch crawl` or `wirewatch demo` first")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        raise DatabaseUnavailable(f"cannot read database {path}: {exc}") from exc
    db = sqlite_utils.Database(conn)
    schema.check_readable(db, path)
    return db
