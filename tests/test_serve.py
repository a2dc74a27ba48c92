"""`wirewatch serve` answers over real HTTP with the articles table and full-text search."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Iterator

import pytest

from tests.conftest import ROOT, Crawled


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, proc: subprocess.Popen, deadline: float = 60.0) -> None:
    """Poll until the server answers (bounded; fails if the process exits first)."""
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise AssertionError(f"serve exited with {proc.returncode}: {proc.stderr.read()}")
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"{url} did not answer within {deadline}s")


@pytest.fixture(scope="module")
def served(crawled: Crawled) -> Iterator[str]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "crawler.cli", "serve", "--db", str(crawled.db),
                             "--port", str(port)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/-/versions.json", proc)
        yield f"{base}/{Path(crawled.db).stem}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


def test_articles_table_is_served(served: str, crawled: Crawled) -> None:
    import sqlite3

    stored = sqlite3.connect(crawled.db).execute("SELECT count(*) FROM articles").fetchone()[0]
    data = get_json(served + "/articles.json?_shape=objects&_size=max")
    assert len(data["rows"]) == stored > 0


def test_full_text_search(served: str) -> None:
    data = get_json(served + "/articles.json?_shape=objects&_search=sanctions")
    assert data["rows"], "search for 'sanctions' found nothing"
    assert all("sanction" in (r["title"] + r["text"]).lower() for r in data["rows"])
    none = get_json(served + "/articles.json?_shape=objects&_search=zebrafishwordnotthere")
    assert none["rows"] == []


def test_arabic_search(served: str) -> None:
    data = get_json(served + "/articles.json?_shape=objects&_search=" + urllib.parse.quote("معرض"))
    assert data["rows"] and all(r["language"] == "ar" for r in data["rows"])


def test_serve_is_read_only(served: str) -> None:
    request = urllib.request.Request(served + "/-/query", data=b"sql=DELETE+FROM+articles", method="POST")
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(request, timeout=10)
