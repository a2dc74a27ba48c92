"""The hard wall-clock limit of one crawl (``WIREWATCH_MAX_RUN_SECONDS``).

Two stages, so that nothing can keep a crawl (and its lock) alive:

1. At the limit (counted from the run's start), :class:`crawler.extensions.run_deadline.RunDeadline`
   closes the spider with reason ``timed_out``; the run recorder stores the run as ``timed_out``.
2. If the process is still running ``grace_seconds(limit)`` later (a reactor blocked, a
   connection that never closes), its :class:`Watchdog`, a thread of its own, marks the run
   ``timed_out`` in the store, logs it on one line (an error: cron sees it), and ends the process (``os._exit``), which
   releases the crawl lock (an flock, released by the kernel).
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path
from typing import Callable

import storage
from storage import runs

logger = logging.getLogger(__name__)

TIMED_OUT = "timed_out"
EXIT_STATUS = 1


def grace_seconds(limit: float) -> float:
    """Seconds between the spider's close at ``limit`` and the process's hard exit: a quarter of
    the limit, at most one minute."""
    return min(60.0, limit / 4)


class Watchdog:
    """Call ``expire`` on a thread of its own after ``seconds`` unless stopped first; a context manager."""

    def __init__(self, seconds: float, expire: Callable[[], None]) -> None:
        self.timer = threading.Timer(seconds, expire)
        self.timer.daemon = True

    def __enter__(self) -> "Watchdog":
        self.timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.timer.cancel()


def hard_stop(db_path: Path, run_id: int | None, limit: float) -> None:
    """Mark ``run_id`` (if still running) ``timed_out``, report on stderr, and end the process."""
    message = f"crawl still running {limit + grace_seconds(limit):g} s after its run started (WIREWATCH_MAX_RUN_SECONDS={limit:g})"
    try:
        if run_id is not None:
            db = storage.open_db(db_path)
            try:
                runs.mark_timed_out(db, run_id, f"hard limit: {message}")
            finally:
                db.close()
    except Exception as exc:  # noqa: BLE001 (the process ends whatever happens here)
        logger.error("could not record run %s as timed_out: %s", run_id, exc)
    logger.error("run %s timed_out: %s; stopped, lock released", run_id if run_id is not None else "?", message)
    logging.shutdown()
    os._exit(EXIT_STATUS)
