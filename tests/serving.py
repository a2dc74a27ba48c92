"""Test helper: `wirewatch serve` in its own process on a free port, as a user starts it."""

from __future__ import annotations

import contextlib
import subprocess
import sys
from pathlib import Path
from typing import Iterator

from tests.conftest import ROOT
from tests.test_serve import free_port, wait_for


@contextlib.contextmanager
def serving(db: Path) -> Iterator[str]:
    """Run `python -m crawler.cli serve --db DB`; yield the database's URL; stop it afterwards."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "crawler.cli", "serve", "--db", str(db), "--port", str(port)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/-/versions.json", proc)
        yield f"{base}/{db.stem}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        proc.stdout.close()
        proc.stderr.close()
