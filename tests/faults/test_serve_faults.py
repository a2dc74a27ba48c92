"""`wirewatch serve` on a live store facing hostile queries: bounded memory, one line per failed
request, never blocked by its own output, responsive while slow queries run, no absolute paths."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Iterator

import pytest

import storage
from crawler.importer import Importer
from tests.conftest import ROOT
from tests.serving import free_port, wait_for

SLOW = "with recursive r(i) as (select 1 union all select i + 1 from r) select count(*) from r"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, subprocess.Popen, Path]]:
    tmp = tmp_path_factory.mktemp("serve-faults")
    db, lines = tmp / "live.db", tmp / "in.jsonl"
    lines.write_text("\n".join(json.dumps({
        "url": f"http://fault.test/news/{n}", "outlet": "fault-gazette", "language": "en", "title": f"Story {n}",
        "text": "The harbour authority confirmed the new berth.\n\nIt opens next spring."}) for n in range(3)),
        encoding="utf-8")
    store = storage.open_db(db)
    Importer(store, dedup=False).run(lines)
    store.close()
    port = free_port()
    # stdout and stderr on pipes nobody reads until the end: a server that blocks on them stops answering.
    proc = subprocess.Popen([sys.executable, "-m", "crawler.cli", "serve", "--db", str(db), "--port", str(port)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/-/versions.json", proc, tmp / "none.log")
        yield base, proc, db
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def query(base: str, sql: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(f"{base}/live.json?sql={urllib.parse.quote(sql)}", timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def peak_rss_mb(proc: subprocess.Popen) -> float:
    status = Path(f"/proc/{proc.pid}/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:"))) / 1024


def test_one_query_cannot_make_or_hold_a_huge_result(server: tuple[str, subprocess.Popen, Path]) -> None:
    base, proc, _ = server
    status, body = query(base, "select zeroblob(300000000)")
    assert status == 400 and body["error"] == "string or blob too big"
    rows = "with recursive r(i) as (select 1 union all select i + 1 from r where i < 200) select zeroblob(1000000) from r"
    status, body = query(base, rows)
    assert status == 400 and body["error"].startswith("query result larger than 32 MB")
    assert peak_rss_mb(proc) < 250  # one 300 MB blob alone would exceed it


def test_many_404s_on_an_unread_pipe_are_all_answered(server: tuple[str, subprocess.Popen, Path]) -> None:
    base, _, _ = server
    for n in range(40):
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(f"{base}/no-such-database-{n}", timeout=10)
        assert missing.value.code == 404


def test_the_article_page_answers_while_six_slow_queries_run(server: tuple[str, subprocess.Popen, Path]) -> None:
    base, _, _ = server
    finished: list[int] = []
    slow = [threading.Thread(target=lambda: finished.append(query(base, SLOW)[0])) for _ in range(6)]
    for thread in slow:
        thread.start()
    with urllib.request.urlopen(f"{base}/live/articles/1", timeout=30) as response:
        assert response.status == 200
        assert finished == []  # answered while every slow query was still running
    for thread in slow:
        thread.join()
    assert finished == [400] * 6  # each stopped at the time limit


def test_databases_json_hides_the_store_path(server: tuple[str, subprocess.Popen, Path]) -> None:
    base, _, db = server
    with urllib.request.urlopen(f"{base}/-/databases.json", timeout=10) as response:
        text = response.read().decode()
    assert str(db.parent) not in text and json.loads(text)[0]["path"] == "live.db"


def test_failed_requests_are_logged_one_line_each_without_sql(server: tuple[str, subprocess.Popen, Path]) -> None:
    base, proc, _ = server
    query(base, "select * from no_such_table where note = 'private words'")
    proc.terminate()
    _, err = proc.communicate(timeout=10)
    log = err.decode()
    assert "Traceback" not in log and "╭" not in log and "private words" not in log
    assert len([line for line in log.splitlines() if "-> 404:" in line]) == 40
    assert log.count("SQL query failed: string or blob too big\n") == 1
    assert "SQL query failed: no such table: no_such_table" in log
