"""`wirewatch serve`'s own output never blocks it, and says one line per failed request.

A server whose stdout or stderr is a pipe nobody reads (a service manager, ``serve | head``) would
stop answering once the pipe is full: every write blocks the event loop. :func:`never_block` makes
both non-blocking and drops what does not fit (counted in ``dropped``), routes warnings through one
logging handler, and turns Datasette's multi-line SQL error report (``ERROR: conn=..., sql = ...,
params = ...: message``, the full SQL of each failed query) into one line without the SQL.
"""

from __future__ import annotations

import logging
import os
import re
import sys

logger = logging.getLogger(__name__)

_SQL_ERROR = re.compile(r"^ERROR: conn=.*?, sql = .*, params = (?:None|\{.*?\}|\[.*?\]|\(.*?\)): (.*)$", re.DOTALL)


class NonBlockingStream:
    """A text stream on a non-blocking file descriptor: what the reader has no room for is dropped."""

    encoding = "utf-8"
    errors = "replace"

    def __init__(self, fd: int, *, sql_errors_as_lines: bool = False) -> None:
        self.fd = fd
        self.sql_errors_as_lines = sql_errors_as_lines
        self.dropped = 0  # writes (or parts) dropped because the reader did not keep up
        os.set_blocking(fd, False)

    def write(self, text: str) -> int:
        if self.sql_errors_as_lines:
            match = _SQL_ERROR.match(text)
            if match is not None:
                text = f"SQL query failed: {match.group(1).strip().splitlines()[0][:200]}\n" if match.group(1).strip() \
                    else "SQL query failed\n"
        data = text.encode(self.encoding, self.errors)
        while data:
            try:
                written = os.write(self.fd, data)
            except BlockingIOError:
                self.dropped += 1
                break
            except OSError:  # the reader went away: nothing to say it to
                self.dropped += 1
                break
            data = data[written:]
        return len(text)

    def flush(self) -> None:
        return None

    def fileno(self) -> int:
        return self.fd

    def isatty(self) -> bool:
        return os.isatty(self.fd)

    def writable(self) -> bool:
        return True


def never_block(level: int = logging.WARNING) -> None:
    """Make this process's stdout and stderr non-blocking streams and log (``level`` and up) to stderr."""
    sys.stdout = NonBlockingStream(sys.stdout.fileno())  # type: ignore[assignment]
    sys.stderr = NonBlockingStream(sys.stderr.fileno(), sql_errors_as_lines=True)  # type: ignore[assignment]
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(level)
    logging.raiseExceptions = False  # a failed log write never prints a traceback of its own

