"""Test helper: `wirewatch serve` in its own process on a free port, as a user starts it."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Iterator

from tests.conftest import ROOT


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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
def serving(db: Path) -> Iterator[str]:
    """Run `python -m crawler.cli serve --db DB`; yield the database's URL; stop it afterwards."""
    port = free_port()
    # Output goes to a file, never an unread pipe: a full pipe would block the server mid-test.
    log = db.parent / f"serve-{port}.log"
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "crawler.cli", "serve", "--db", str(db), "--port", str(port)],
                                cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/-/versions.json", proc, log)
        yield f"{base}/{db.stem}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
