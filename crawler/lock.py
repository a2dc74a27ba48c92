"""One crawl at a time per database: an advisory lock on ``<db>.lock``, released by the kernel if the process dies."""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path
from typing import Iterator


class CrawlLocked(Exception):
    """Another crawl holds the database's lock."""


def lock_path(db: Path) -> Path:
    return db.with_name(db.name + ".lock")


@contextlib.contextmanager
def crawl_lock(db: Path) -> Iterator[Path]:
    """Hold the crawl lock of ``db`` for the duration, or raise :class:`CrawlLocked` at once."""
    path = lock_path(db)
    handle = open(path, "a+", encoding="utf-8")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            raise CrawlLocked(f"another crawl is running on {db} (pid {holder}, lock {path})") from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        yield path
    finally:
        handle.close()
