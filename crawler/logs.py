"""Logging for the CLI: quiet console for cron, full detail in --log-file or with --verbose.

Console verbosity: 0 (default) errors only; 1 (``-v``) Wirewatch's own progress (INFO from our
modules) plus warnings from anything; 2 (``-vv``) also the INFO of Scrapy and Twisted (settings
dumps, enabled middlewares, periodic stats). ``--log-file`` always gets everything at INFO.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import sys
from pathlib import Path
from typing import Any

from crawler import userfiles

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class LogFileError(Exception):
    """The ``--log-file`` cannot be opened for appending (a missing folder, a directory, no permission)."""


class _DropDuplicateFailures(logging.Filter):
    """Scrapy logs a failed download at ERROR (retry give-up, robots.txt fetch, with a traceback)
    or WARNING (a response over DOWNLOAD_MAXSIZE) before our errback logs the same failure once,
    on one line, with its reason."""

    DUPLICATES = (
        ("scrapy.downloadermiddlewares.retry", "Gave up retrying"),
        ("scrapy.downloadermiddlewares.robotstxt", "Error downloading"),
        ("scrapy.core.downloader.handlers.http11", "Expected to receive"),
        ("scrapy.core.downloader.handlers.http11", "Received"),
    )

    def filter(self, record: logging.LogRecord) -> bool:
        return not any(record.name == name and str(record.msg).startswith(prefix)
                       for name, prefix in self.DUPLICATES)


# Loggers whose INFO is internals, shown on the console only at -vv.
INTERNALS = ("scrapy", "twisted", "py.warnings", "filelock", "asyncio")


class _OnlyOwnInfo(logging.Filter):
    """Below WARNING, keep records of Wirewatch's own modules only (``-v``). Python warnings raised in
    libraries (``py.warnings``: a deprecation in Scrapy or a dependency, for developers, not operators)
    are Scrapy-level detail too: ``-vv`` and the log file."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name == "py.warnings":
            return False
        return record.levelno >= logging.WARNING or not record.name.startswith(INTERNALS)


class ConsoleHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Console log lines, with a one-line status (the crawl's progress line) kept below them on a terminal."""

    CLEAR = "\r\x1b[K"  # carriage return, erase to end of line (ECMA-48 EL)

    def __init__(self) -> None:
        super().__init__()
        self.status = ""

    def is_terminal(self) -> bool:
        isatty = getattr(self.stream, "isatty", None)
        return bool(isatty and isatty())

    def set_status(self, text: str) -> None:
        """Show ``text`` as the status line (empty: erase it). Does nothing unless the console is a terminal."""
        if not self.is_terminal():
            return
        with self.lock or _NO_LOCK:
            self.status = text
            self.stream.write(self.CLEAR + text)
            self.stream.flush()

    def finish_status(self, text: str) -> None:
        """Leave ``text`` as the last status, on its own line; log lines follow below it."""
        if not self.is_terminal():
            return
        with self.lock or _NO_LOCK:
            self.status = ""
            self.stream.write(self.CLEAR + text + "\n")
            self.stream.flush()

    def emit(self, record: logging.LogRecord) -> None:
        if self.status:
            self.stream.write(self.CLEAR)
        super().emit(record)
        if self.status:
            self.stream.write(self.status)
            self.stream.flush()


_NO_LOCK = contextlib.nullcontext()


def console_handler() -> ConsoleHandler | None:
    """The console handler :func:`configure` installed, if any (the progress line draws through it)."""
    return next((h for h in logging.getLogger().handlers if isinstance(h, ConsoleHandler)), None)


def configure(verbose: bool | int = False, log_file: Path | None = None) -> None:
    """Set up the root logger for a CLI command; ``verbose`` is the number of ``-v`` given (a flag is 1).

    Raises :class:`LogFileError` when ``log_file`` cannot be opened; nothing is changed then. Its folder
    must exist: it is not created (a typo in the path should not scatter folders).
    """
    file_handler = open_log_file(log_file) if log_file is not None else None
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    root.setLevel(logging.INFO)
    console = ConsoleHandler()
    console.setLevel(logging.INFO if verbose else logging.ERROR)
    if int(verbose) == 1:
        console.addFilter(_OnlyOwnInfo())
    handlers: list[logging.Handler] = [console]
    if file_handler is not None:
        handlers.append(file_handler)
    for handler in handlers:
        handler.setFormatter(logging.Formatter(FORMAT))
        handler.addFilter(_DropDuplicateFailures())
        root.addHandler(handler)


class LogFileHandler(logging.FileHandler):
    """A FileHandler whose first failed write (a full disk, an I/O error) is one line on stderr, after which
    its records are dropped: logging's default printed a ``--- Logging error ---`` traceback for every
    record, hundreds a crawl, on a full disk (``--log-file /dev/full``). The command goes on: its summary
    line and the store do not depend on the log."""

    failed = False

    def __init__(self, path: Path, fd: int | None = None) -> None:
        self._fd = fd  # a FIFO's descriptor, already open (see open_log_file)
        super().__init__(path, encoding="utf-8")

    def _open(self) -> Any:
        if self._fd is None:
            return super()._open()
        fd, self._fd = self._fd, None
        return os.fdopen(fd, "a", encoding="utf-8")

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 (logging's name)
        self._failed(sys.exc_info()[1])

    def close(self) -> None:
        try:
            super().close()  # flushes what is buffered
        except OSError as exc:
            self._failed(exc)

    def _failed(self, error: BaseException | None) -> None:
        if self.failed:
            return
        self.failed = True
        reason = (getattr(error, "strerror", None) or str(error) or type(error).__name__).lower()
        with contextlib.suppress(OSError):
            sys.stderr.write(f"wirewatch: cannot write the log file {self.baseFilename}: {reason}; "
                             "its further lines are dropped\n")
            sys.stderr.flush()

    def emit(self, record: logging.LogRecord) -> None:
        if not self.failed:
            super().emit(record)


def open_log_file(path: Path) -> logging.FileHandler:
    """A handler appending to ``path``; :class:`LogFileError` naming the file and the reason when it cannot.
    A FIFO is used only when a process reads it (opening one for writing waits for a reader: a crawl hung
    before it started)."""
    try:
        fd = None
        if userfiles.special_kind(path) == "a FIFO (named pipe)":
            try:  # without a reader this fails at once (ENXIO) where a blocking open waits for one
                fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
            except OSError as exc:
                if exc.errno == errno.ENXIO:
                    raise LogFileError(f"cannot write the log file {path}: it is a FIFO (named pipe) that no "
                                       "process is reading") from None
                raise
            os.set_blocking(fd, True)  # then written as a file: a slow reader slows the log, loses nothing
        return LogFileHandler(path, fd)
    except OSError as exc:
        raise LogFileError(f"cannot write the log file {path}: {_reason(path, exc)}") from None


def _reason(path: Path, exc: OSError) -> str:
    """Why ``path`` could not be opened, from the OSError's own errno text (permission denied, read-only
    file system, not a directory, ...): a folder is said to be missing only when it is."""
    if isinstance(exc, IsADirectoryError):
        return "it is a directory; give a file name"
    if isinstance(exc, FileNotFoundError) and not path.parent.is_dir():
        return f"its folder {path.parent} does not exist (create it first)"
    reason = (exc.strerror or str(exc)).lower()
    if isinstance(exc, NotADirectoryError):
        above = next((p for p in path.parents if p.exists()), None)
        if above is not None and not above.is_dir():
            reason += f" ({above} is a file)"
    return reason
