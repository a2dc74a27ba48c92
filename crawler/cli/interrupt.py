"""Ctrl-C before a command has started: one line, never a traceback.

From the moment the CLI starts (:func:`install`, called first thing by ``crawler/cli/__init__.py`` when it is
the program, and by :meth:`crawler.cli.LazyGroup.main`) until a command's own code runs
(:func:`command_started`, called by :func:`crawler.cli.common.user_errors`), SIGINT prints one line and ends
the process: Python printed a ``KeyboardInterrupt`` traceback from deep inside an import, or click its
``Aborted!``, for a crawl that had not begun. A ``crawl`` says what it says when interrupted before it
recorded a run, and exits 0 as it does then; any other command says nothing was done, exit 1 (click's
status for an interrupted command). From :func:`command_started` on, SIGINT is Python's KeyboardInterrupt
again, which each command handles (the crawl records its run ``interrupted``).

Not covered: the interpreter's own start-up before Wirewatch's first import (about 30 ms, most of it
``site``), where Python itself reports the interrupt.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from types import FrameType
from typing import Any

CRAWL_LINE = "wirewatch: interrupted before the crawl started a run; nothing was crawled or recorded"
OTHER_LINE = "wirewatch: interrupted before the command started; nothing was done"


def _before_start(signum: int, frame: FrameType | None) -> None:
    """SIGINT handler until a command starts: the line, then exit at once (no cleanup is owed: nothing has
    been opened; ``os._exit`` also spares the traceback of an import it would otherwise interrupt)."""
    crawl = len(sys.argv) > 1 and sys.argv[1] == "crawl"
    fd, line, status = (1, CRAWL_LINE, 0) if crawl else (2, OTHER_LINE, 1)
    try:
        os.write(fd, (line + "\n").encode())
    finally:
        os._exit(status)


def install() -> Any:
    """Handle SIGINT with :func:`_before_start` (main thread only; elsewhere nothing changes). Returns the
    handler it replaced, for :func:`restore`, or None when it changed nothing."""
    if threading.current_thread() is not threading.main_thread():
        return None
    previous = signal.getsignal(signal.SIGINT)
    if previous == signal.SIG_IGN:  # started in the background by a shell without job control: keep it so
        return None
    signal.signal(signal.SIGINT, _before_start)
    return previous


def command_started() -> None:
    """The command's own code starts: SIGINT raises KeyboardInterrupt again (if :func:`install` set it)."""
    if threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGINT) is _before_start:
        signal.signal(signal.SIGINT, signal.default_int_handler)


def restore(previous: Any) -> None:
    """Put back the handler :func:`install` replaced (a CLI run inside a longer-lived process, e.g. tests)."""
    if previous is not None and threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, previous)
