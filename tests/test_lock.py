"""A second `wirewatch crawl` on the same database exits 0 at once while the first one runs."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import storage
from crawler.lock import CrawlLocked, crawl_lock
from storage import runs
from tests.conftest import run_cli


REGISTRY = """[[outlet]]
id = "x"
name = "X"
country = "GB"
region = "uk"
languages = ["en"]
homepage = "http://127.0.0.1:9/"
allowed_domains = ["127.0.0.1"]
feeds = ["http://127.0.0.1:9/rss"]
"""


def test_second_crawl_exits_zero_with_a_message(tmp_path: Path) -> None:
    db, registry = tmp_path / "w.db", tmp_path / "sources.toml"
    registry.write_text(REGISTRY, encoding="utf-8")
    with crawl_lock(db):  # as a running crawl holds it
        result = run_cli("crawl", "--db", db, "--sources", tmp_path / "missing.toml")
        assert result.code == 1  # the registry is checked first: a broken setup still says so
        result = run_cli("crawl", "--db", db, "--sources", registry)
    assert result.code == 0, result.stderr
    assert "another crawl is running on" in result.stdout and "nothing to do" in result.stdout
    assert sqlite3.connect(db).execute("SELECT count(*) FROM crawl_runs").fetchone()[0] == 0


def test_lock_is_exclusive_and_released(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    with crawl_lock(db):
        with pytest.raises(CrawlLocked, match="another crawl is running"):
            with crawl_lock(db):
                pass
    with crawl_lock(db):  # free again
        pass


def test_a_run_left_running_by_a_dead_crawl_is_marked_abandoned_by_the_next(tmp_path: Path) -> None:
    db, registry = tmp_path / "w.db", tmp_path / "sources.toml"
    registry.write_text(REGISTRY, encoding="utf-8")
    store = storage.open_db(db)
    dead = runs.start(store, sources_file=str(registry))  # what a crawl killed mid-run leaves behind
    store.close()
    with crawl_lock(db):  # while a crawl holds the lock, its row is left alone
        assert run_cli("crawl", "--db", db, "--sources", registry).code == 0
    assert sqlite3.connect(db).execute("SELECT status FROM crawl_runs").fetchall() == [("running",)]
    log = tmp_path / "crawl.log"
    result = run_cli("crawl", "--db", db, "--sources", registry, "--log-file", log)
    assert result.code == 0, result.stderr
    rows = sqlite3.connect(db).execute("SELECT id, status, finish_reason IS NOT NULL, finished IS NOT NULL "
                                       "FROM crawl_runs ORDER BY id").fetchall()
    assert rows == [(dead, "abandoned", 1, 1), (dead + 1, "completed", 1, 1)]
    assert f"crawl runs {dead} never finished (killed?); marked abandoned" in log.read_text(encoding="utf-8")
