"""A crawl never hangs and never holds its lock for ever: the hard limit stops a stuck crawl, records
its run ``timed_out`` and frees the lock; stale locks are broken; `health --check` flags the store."""

from __future__ import annotations

import fcntl
import logging
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crawler.lock import CrawlLocked, crawl_lock, lock_path
from crawler.runner import INTERRUPT_GRACE_SECONDS
from tests.conftest import ROOT, invoke_cli
from tests.faults.conftest import FAST, crawl, registry
from tests.faults.faultweb import FaultWeb


def test_a_stuck_crawl_stops_at_the_limit_records_timed_out_and_frees_the_lock(web: FaultWeb, tmp_path: Path) -> None:
    web.route("http://stuck.test/robots.txt", status=404)
    web.route("http://stuck.test/feed.xml", hang=True)  # answers nothing, for ever
    sources = registry(tmp_path / "sources.toml", {"id": "stuck", "host": "stuck.test",
                                                   "feeds": ["http://stuck.test/feed.xml"]})
    db = tmp_path / "stuck.db"
    started = time.monotonic()
    result = crawl(web, sources, db, "-s", "WIREWATCH_MAX_RUN_SECONDS=4", "-s", "DOWNLOAD_TIMEOUT=600", timeout=90)
    assert time.monotonic() - started < 60  # not the 600 s download timeout
    status, reason = sqlite3.connect(db).execute("SELECT status, finish_reason FROM crawl_runs").fetchone()
    assert status == "timed_out", (result.stdout, result.stderr)
    assert "timed_out" in (result.stdout + result.stderr)
    with crawl_lock(db):  # released
        pass
    check = invoke_cli("health", "--db", db, "--check")
    assert check.code == 3 and "stale: the latest crawl run (1) ended timed_out" in check.stdout


def test_an_ftp_child_in_a_sitemap_index_no_longer_hangs_the_crawl(web: FaultWeb, tmp_path: Path) -> None:
    web.route("http://ftp-index.test/robots.txt", status=404)
    web.route("http://ftp-index.test/index.xml", content_type="application/xml", body=(
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap>'
        f"<loc>ftp://127.0.0.1:{web.canary_port}/news.xml</loc></sitemap></sitemapindex>").encode())
    sources = registry(tmp_path / "sources.toml", {"id": "ftp-index", "host": "ftp-index.test",
                                                   "sitemaps": ["http://ftp-index.test/index.xml"]})
    result = crawl(web, sources, tmp_path / "w.db", timeout=90)
    assert result.code == 0 and "completed" in result.stdout and "bad_scheme 1" in result.stdout, result.stderr


def _hold(db: Path, content: str) -> object:
    """Hold ``db``'s lock from another open file, as a leftover process would, with ``content`` in it."""
    handle = open(lock_path(db), "w", encoding="utf-8")
    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    handle.write(content)
    handle.flush()
    return handle


def test_a_lock_whose_holder_is_gone_is_broken_with_a_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    db = tmp_path / "w.db"
    # An extraction worker left by a killed crawl keeps the file open; the pid written in it is gone.
    gone = 2 ** 22 + 12345
    held = _hold(db, f"{gone} {int(time.time())}")
    with caplog.at_level(logging.WARNING, logger="crawler.lock"), crawl_lock(db):
        assert f"its holder (pid {gone}) is gone" in caplog.text
    held.close()  # type: ignore[attr-defined]


def test_a_lock_older_than_the_limit_is_broken_and_a_young_one_is_respected(tmp_path: Path,
                                                                             caplog: pytest.LogCaptureFixture) -> None:
    db = tmp_path / "w.db"
    held = _hold(db, f"{os.getpid()} {int(time.time())}")
    with pytest.raises(CrawlLocked, match="another crawl is running"):
        with crawl_lock(db, max_age=3600):
            pass
    held.close()  # type: ignore[attr-defined]
    held = _hold(db, f"{os.getpid()} {int(time.time()) - 7200}")
    with caplog.at_level(logging.WARNING, logger="crawler.lock"), crawl_lock(db, max_age=3600):
        assert "longer than a crawl may run (3600 s)" in caplog.text
    held.close()  # type: ignore[attr-defined]


def test_health_check_flags_a_store_whose_last_run_is_old(tmp_path: Path) -> None:
    import storage
    from storage import runs

    db = tmp_path / "w.db"
    store = storage.open_db(db)
    run = runs.start(store, sources_file="x")
    runs.finish(store, run, runs.RunCounts(), status="completed", finish_reason="finished")
    with store.conn:
        store.execute("UPDATE crawl_runs SET started = '2026-01-01T00:00:00+00:00'")
    store.close()
    result = invoke_cli("health", "--db", db, "--check")
    assert result.code == 3 and f"stale: the latest crawl run ({run}, completed) started" in result.stdout


def test_ctrl_c_while_the_workers_start_ends_the_crawl_its_workers_and_its_lock(tmp_path: Path) -> None:
    """Ctrl-C to the process group (as a terminal sends it) while the extraction worker is still warming
    up used to hang the crawl for ever (a thread waiting for the worker kept the process alive)."""
    sources = registry(tmp_path / "sources.toml", {"id": "quiet", "host": "quiet.test",
                                                   "feeds": ["http://quiet.test/feed.xml"]})
    db, started = tmp_path / "int.db", tmp_path / "warm-up-started"
    env = dict(os.environ, WIREWATCH_TEST_WARM_UP_FILE=str(started),
               PYTHONPATH=os.pathsep.join([str(Path(__file__).parents[2]), os.environ.get("PYTHONPATH", "")]))
    crawl_process = subprocess.Popen(
        [sys.executable, "-m", "tests.faults.blocking_warm_up", "crawl", "--sources", str(sources), "--db", str(db),
         "--no-translate", "-s", "WIREWATCH_EXTRACT_WORKERS=1"],
        env=env, cwd=tmp_path, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not started.exists() or not started.read_text():  # the worker is in its warm-up
            assert crawl_process.poll() is None and time.monotonic() < deadline, crawl_process.communicate()
            time.sleep(0.05)
        worker = int(started.read_text())
        os.killpg(crawl_process.pid, signal.SIGINT)
        out, err = crawl_process.communicate(timeout=20)  # it hung for ever
    finally:
        if crawl_process.poll() is None:
            os.killpg(crawl_process.pid, signal.SIGKILL)
            crawl_process.communicate()
    assert crawl_process.returncode == 0, (out, err)
    assert "interrupted before the crawl started a run" in out and "Traceback" not in err, (out, err)
    with pytest.raises(ProcessLookupError):
        os.kill(worker, 0)  # the worker ended with the crawl
    assert sqlite3.connect(db).execute("SELECT count(*) FROM crawl_runs").fetchone() == (0,)
    with crawl_lock(db):  # released
        pass


@pytest.mark.parametrize("signals", [1, 2])
def test_ctrl_c_with_a_request_that_never_ends_stops_at_once_and_records_interrupted(web: FaultWeb, tmp_path: Path,
                                                                                     signals: int) -> None:
    """One Ctrl-C waited for every request in flight (DOWNLOAD_TIMEOUT x tries: a minute by default, here
    it would be ten), so users pressed it twice, which stopped the reactor at once and left the run
    `running` ("run 1 running", then `abandoned`). Now the graceful stop has a few seconds, and either way
    the run is recorded `interrupted`."""
    host = f"never-{signals}.test"  # the fault server is shared: its own hits
    web.route(f"http://{host}/robots.txt", status=404)
    web.route(f"http://{host}/feed.xml", hang=True)
    sources = registry(tmp_path / "sources.toml", {"id": "never", "host": host, "feeds": [f"http://{host}/feed.xml"]})
    db, log = tmp_path / "never.db", tmp_path / "never.log"
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("WIREWATCH_")}, **web.environment()}
    crawl_process = subprocess.Popen(
        [sys.executable, "-m", "crawler.cli", "crawl", "--sources", str(sources), "--db", str(db), "--log-file",
         str(log), *FAST, "-s", "DOWNLOAD_TIMEOUT=300"],
        env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while "/feed.xml" not in web.hits_on(host):  # the feed's request is in flight, for ever
            assert crawl_process.poll() is None and time.monotonic() < deadline, crawl_process.communicate()
            time.sleep(0.05)
        crawl_process.send_signal(signal.SIGINT)
        if signals == 2:
            while "shutting down gracefully" not in (log.read_text() if log.exists() else ""):
                assert crawl_process.poll() is None and time.monotonic() < deadline, crawl_process.communicate()
                time.sleep(0.05)
            crawl_process.send_signal(signal.SIGINT)
        stopped = time.monotonic()
        out, err = crawl_process.communicate(timeout=60)
    finally:
        if crawl_process.poll() is None:
            crawl_process.kill()
            crawl_process.communicate()
    assert time.monotonic() - stopped < INTERRUPT_GRACE_SECONDS + 20  # not the 600 s of two 300 s timeouts
    assert crawl_process.returncode == 0, (out, err)
    assert out.startswith("wirewatch: run 1 interrupted:") and "Traceback" not in err, (out, err)
    assert sqlite3.connect(db).execute("SELECT status FROM crawl_runs").fetchall() == [("interrupted",)]
    with crawl_lock(db):  # released
        pass
