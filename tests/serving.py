"""Test helper: `wirewatch serve` in its own process on a free port, as a user starts it."""

from __future__ import annotations

import contextlib
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Iterator, Sequence

from tests.conftest import ROOT


def free_port() -> int:
    """A port free now (another process may take it before it is used: prefer `serve --port 0`)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


SERVING = re.compile(r"^Serving .* at (http://127\.0\.0\.1:\d+)/", re.M)


def wait_for_base(proc: subprocess.Popen, log: Path, deadline: float = 60.0) -> str:
    """The base URL `serve --port 0` printed (the port it bound, so no other process can have it)."""
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        found = SERVING.search(log.read_text(errors="replace"))
        if found:
            return found.group(1)
        if proc.poll() is not None:
            raise AssertionError(f"serve exited with {proc.returncode}: {log.read_text(errors='replace')}")
        time.sleep(0.05)  # polling the condition itself, bounded by the deadline
    raise AssertionError(f"serve printed no URL within {deadline}s: {log.read_text(errors='replace')}")


def wait_for(url: str, proc: subprocess.Popen, log: Path, deadline: float = 60.0) -> None:
    """Poll until the server answers (bounded; fails if the process exits first)."""
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise AssertionError(f"serve exited with {proc.returncode}: {log.read_text(errors='replace')}")
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"{url} did not answer within {deadline}s")


@contextlib.contextmanager
def serving(db: Path, prefix: Sequence[str] = (), log_dir: Path | None = None) -> Iterator[str]:
    """Run `[PREFIX] python -m crawler.cli serve --db DB --port 0`; yield the database's URL; stop it afterwards.

    The server binds a free port itself and prints it, so no other process can take the port between
    choosing and binding it.
    """
    # Output goes to a file, never an unread pipe: a full pipe would block the server mid-test.
    log = (log_dir or db.parent) / f"serve-{db.stem}-{time.monotonic_ns()}.log"
    with log.open("w") as out:
        proc = subprocess.Popen([*prefix, sys.executable, "-m", "crawler.cli", "serve", "--db", str(db), "--port", "0"],
                                cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, text=True)
    try:
        base = wait_for_base(proc, log)
        wait_for(base + "/-/versions.json", proc, log)
        yield f"{base}/{db.stem}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
