"""One crawl at a time per database: an advisory lock on ``<db>.lock``, released by the kernel if the process dies.

The file holds the holder's pid and start time (``<pid> <unix seconds>``). A lock that is held
although its holder is gone (an extraction worker left behind by a killed crawl keeps the file
open), or that is older than ``max_age`` seconds (the crawl's hard limit has passed, so it is
stuck), is broken with a warning: the stale file is set aside and a new one locked.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import time
from pathlib import Path
from typing import IO, Iterator

logger = logging.getLogger(__name__)


class CrawlLocked(Exception):
    """Another crawl holds the database's lock."""


def lock_path(db: Path) -> Path:
    return db.with_name(db.name + ".lock")


@contextlib.contextmanager
def crawl_lock(db: Path, max_age: float | None = None) -> Iterator[Path]:
    """Hold the crawl lock of ``db`` for the duration, or raise :class:`CrawlLocked` at once.

    ``max_age``: seconds after which a held lock is taken as stuck and broken (None: never)."""
    path = lock_path(db)
    handle = _acquire(path, db, max_age)
    try:
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()} {int(time.time())}")
        handle.flush()
        yield path
    finally:
        handle.close()


def _acquire(path: Path, db: Path, max_age: float | None) -> IO[str]:
    handle = open(path, "a+", encoding="utf-8")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return handle
    except BlockingIOError:
        handle.seek(0)
        holder = handle.read().strip()
        handle.close()
    pid, started = _parse(holder)
    stale = _stale_reason(pid, started, max_age)
    if stale is None:
        raise CrawlLocked(f"another crawl is running on {db} (pid {pid or 'unknown'}, lock {path})")
    logger.warning("crawl lock %s broken: %s", path, stale)
    aside = path.with_name(f"{path.name}.stale-{os.getpid()}")
    os.replace(path, aside)
    aside.unlink(missing_ok=True)
    handle = open(path, "a+", encoding="utf-8")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:  # another crawl broke it first and runs now
        handle.close()
        raise CrawlLocked(f"another crawl is running on {db} (lock {path} was just taken over)") from None
    return handle


def _parse(holder: str) -> tuple[int | None, float | None]:
    parts = holder.split()
    try:
        return int(parts[0]), float(parts[1]) if len(parts) > 1 else None
    except (IndexError, ValueError):
        return None, None


def _stale_reason(pid: int | None, started: float | None, max_age: float | None) -> str | None:
    if pid is not None and not _alive(pid):
        return f"its holder (pid {pid}) is gone"
    if max_age is not None and started is not None and time.time() - started > max_age:
        return (f"held by pid {pid} for {time.time() - started:.0f} s, longer than a crawl may run "
                f"({max_age:.0f} s)")
    return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
