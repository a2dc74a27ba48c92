"""Cluster mode with a real redis-server, real workers and a real ingester (separate processes).

The sample web stored by schedule + 2 workers + ingest exactly as a single-machine crawl stores it;
and the faults: a worker killed with SIGKILL mid-crawl, the ingester killed mid-batch, Redis
restarted mid-run, two workers sharing one slow site's delay. No sleeps for timing: every wait is
for a condition (requests seen by the server, stream entries pending, rows in the store).
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

import pytest

import storage
from crawler.cluster import keys
from crawler.cluster.ingest import IngestReport
from crawler.sampleweb.server import SampleWeb
from tests.conftest import LOCAL, ROOT, Crawled, invoke_cli, run_cli
from tests.loopback_site import LoopbackSite, write_sources
from tests.redis_server import RedisServer, redis_binary

if TYPE_CHECKING:
    from crawler.cluster.host_queue import HostQueue

WAIT_S = 180  # generous: the condition ends the wait, a loaded CI machine can be slow
FAST = [*LOCAL, "-s", "DOWNLOAD_TIMEOUT=20"]


@pytest.fixture(scope="session")
def redis_program() -> str:
    return redis_binary()


@pytest.fixture(scope="module")
def module_redis(redis_program: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    server = RedisServer(redis_program, tmp_path_factory.mktemp("redis")).start()
    yield server
    server.stop()


@pytest.fixture
def redis_server(module_redis: RedisServer) -> RedisServer:
    """The module's redis-server (append-only file on), empty: one server start for the whole file."""
    if module_redis.proc is None or module_redis.proc.poll() is not None:
        module_redis.start()  # a test that stopped it failed before starting it again
    module_redis.client().flushall()
    return module_redis


def base_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("WIREWATCH_") and k.lower() not in ("http_proxy", "https_proxy")}
    env.update(extra or {})
    return env


def start(args: list[str | Path], log: Path, env: dict[str, str]) -> subprocess.Popen:
    """`wirewatch ARGS` as a background process (a worker or the ingester), output to ``log``."""
    with log.open("w") as out:
        return subprocess.Popen([sys.executable, "-m", "crawler.cli", *map(str, args)], cwd=ROOT, env=env,
                                stdout=out, stderr=subprocess.STDOUT)


def wait_until(condition: Callable[[], bool], what: str, procs: dict[str, subprocess.Popen] | None = None,
               logs: dict[str, Path] | None = None, timeout: float = WAIT_S) -> None:
    end = time.monotonic() + timeout
    while not condition():
        for name, proc in (procs or {}).items():
            if proc.poll() is not None:
                log = (logs or {}).get(name)
                raise AssertionError(f"{name} exited ({proc.returncode}) while waiting for {what}: "
                                     f"{log.read_text()[-3000:] if log else ''}")
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def finish(proc: subprocess.Popen, log: Path, timeout: float = WAIT_S) -> str:
    try:
        code = proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise AssertionError(f"did not finish: {log.read_text()[-3000:]}") from None
    text = log.read_text()
    assert code == 0, text[-3000:]
    return text


def store_rows(db: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def article_count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        return store_rows(db, "SELECT count(*) FROM articles")[0][0]
    except sqlite3.Error:
        return 0


def articles_of(db: Path) -> set[tuple]:
    return set(store_rows(db, "SELECT canonical_url, url, outlet, title, text, language, published, content_hash, "
                              "translation_status, extraction_status FROM articles"))


def stories_of(db: Path) -> set[tuple]:
    """Each story as (its canonical article's URL, the sorted URLs of its members)."""
    rows = store_rows(db, "SELECT s.id, c.canonical_url, a.canonical_url FROM stories s "
                          "JOIN articles c ON c.id = s.canonical_article_id "
                          "JOIN story_members m ON m.story_id = s.id JOIN articles a ON a.id = m.article_id")
    members: dict[int, tuple[str, list[str]]] = {}
    for story, canonical, member in rows:
        members.setdefault(story, (canonical, []))[1].append(member)
    return {(canonical, tuple(sorted(urls))) for canonical, urls in members.values()}


def check_store(db: Path) -> None:
    assert store_rows(db, "PRAGMA integrity_check") == [("ok",)]
    assert store_rows(db, "SELECT count(*) FROM articles_fts")[0][0] == article_count(db)
    assert store_rows(db, "SELECT count(*), count(DISTINCT canonical_url) FROM articles")[0] == (article_count(db),) * 2


def schedule_now(redis: RedisServer, sources: Path, db: Path | None = None) -> None:
    """`cluster schedule`, in this process (the CLI itself is run by the first test); a new store is
    created first, as the ingester creates it."""
    from crawler.cluster.connection import connect
    from crawler.cluster.schedule import schedule

    if db is not None and not db.exists():
        storage.open_db(db).close()

    assert schedule(connect(redis.url), sources, db).queued >= 1


def ingest_now(redis: RedisServer, db: Path, idle_s: float = 0.5) -> "IngestReport":
    """`ingest --until-idle`, in this process (the CLI itself is run by the first test)."""
    from crawler.cluster.connection import connect
    from crawler.cluster.ingest import IngestOptions, Ingester

    return Ingester(connect(redis.url), db, "test-ingest", IngestOptions(block_ms=200, until_idle_s=idle_s)).run()


def worker_args(redis: RedisServer, sources: Path, tmp: Path, name: str, *extra: str) -> list[str | Path]:
    return ["worker", "--redis", redis.url, "--sources", sources, "--cache-db", tmp / f"{name}.db",
            "--log-file", tmp / f"{name}.full.log", *extra]


def work_until_idle(redis: RedisServer, sources: Path, tmp: Path, name: str, env: dict[str, str]) -> str:
    """`wirewatch worker --until-idle 2` to the end; returns its output (a non-zero exit fails the test)."""
    log = tmp / f"{name}.log"
    return finish(start(worker_args(redis, sources, tmp, name, "--until-idle", "2", *FAST), log, env), log)


# --- the sample web, as the demo stores it --------------------------------------------------------------
def test_schedule_two_workers_ingest_store_the_sample_web_like_a_single_crawl(
        redis_server: RedisServer, sample_web: SampleWeb, sample_sources: Path, crawled: Crawled,
        tmp_path: Path) -> None:
    env = base_env(sample_web.environment())
    db = tmp_path / "cluster.db"
    ingest_now(redis_server, db, idle_s=0)  # README: `wirewatch ingest --db cluster.db --until-idle 0` creates it
    scheduled = run_cli("cluster", "schedule", "--redis", redis_server.url, "--sources", sample_sources, "--db", db,
                        env=env)
    assert scheduled.code == 0, scheduled.stderr
    assert "cycle 1: 8 discovery documents queued for 4 outlets" in scheduled.stdout
    logs = {f"w{i}": tmp_path / f"w{i}.log" for i in range(2)}
    workers = {name: start(worker_args(redis_server, sample_sources, tmp_path, name, "--until-idle", "2", *FAST),
                           log, env) for name, log in logs.items()}
    published = [finish(workers[name], log) for name, log in logs.items()]
    assert all("published" in text for text in published)
    ingested = run_cli("ingest", "--redis", redis_server.url, "--db", db, "--until-idle", "1", env=env)
    assert ingested.code == 0, ingested.stderr
    # Same articles (every column the crawl decides), same stories, as `wirewatch crawl` / `demo`.
    assert articles_of(db) == articles_of(crawled.db)
    assert stories_of(db) == stories_of(crawled.db)
    check_store(db)
    runs = store_rows(db, "SELECT status, sources_file, stats FROM crawl_runs ORDER BY id")
    assert len(runs) == 2 and all(status == "completed" for status, _, _ in runs)
    assert all("cluster worker" in source and json.loads(stats)["worker"] for _, source, stats in runs)
    status = run_cli("cluster", "status", "--redis", redis_server.url, "--json", env=env)
    figures = json.loads(status.stdout)
    assert (figures["requests_queued"], figures["pending"], figures["undelivered"]) == (0, 0, 0)
    assert figures["known"] >= article_count(db)

    # Next cycle: every article is known, every feed answers 304: nothing fetched, nothing stored twice.
    schedule_now(redis_server, sample_sources, db)
    assert "0 published" in work_until_idle(redis_server, sample_sources, tmp_path, "w2", env)
    assert ingest_now(redis_server, db).new == 0
    assert articles_of(db) == articles_of(crawled.db)


def test_redis_unreachable_is_one_line(tmp_path: Path) -> None:
    result = run_cli("cluster", "status", "--redis", "redis://127.0.0.1:9/0")
    assert result.code == 1
    assert result.stderr.strip().splitlines() == [
        "Error: Redis at redis://127.0.0.1:9/0 is unreachable (Error 111 connecting to 127.0.0.1:9. "
        "Connection refused.); start it or fix --redis"]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("url, why", [("redis://127.0.0.1:9/0?socket_timeout=abc",
                                      "Invalid value for 'socket_timeout' in connection URL."),
                                     ("redis://127.0.0.1:99999/0", "Port out of range 0-65535")])
def test_a_redis_url_redis_py_cannot_read_is_one_line(url: str, why: str) -> None:
    """redis-py's ValueError on reading the URL was a traceback."""
    result = invoke_cli("cluster", "status", "--redis", url)
    assert result.code == 1
    assert result.stderr.strip().splitlines() == [f"Error: --redis {url}: not a usable Redis URL ({why})"]


def test_worker_that_scrapy_could_not_start_exits_1(redis_server: RedisServer, tmp_path: Path) -> None:
    # Past the checks made before Scrapy (registry, cache db, Redis, settings: a path that cannot be imported
    # is refused there), a component that imports but cannot be built is Scrapy's traceback; the worker then
    # says it never crawled and exits 1, not 0.
    result = run_cli("worker", "--redis", redis_server.url, "--cache-db", tmp_path / "w.db", "--until-idle", "1",
                     "-s", 'EXTENSIONS={"json.JSONDecodeError": 1}', env=base_env())
    assert result.code == 1, result.stderr
    assert ("Error: the worker stopped before it started crawling; run again with -v to see why"
            in result.stderr.splitlines())


# --- the host queue, in this process ------------------------------------------------------------------
def host_queue_consumer(redis: RedisServer, delay_s: float) -> "HostQueue":
    """One worker's view of the shared host queue (its own Redis connection), as scrapy-redis opens it."""
    from scrapy import Spider
    from scrapy.settings import Settings

    from crawler.cluster.host_queue import HostQueue

    spider = Spider(name="news-cluster")
    spider.settings = Settings({"WIREWATCH_CLUSTER_DELAY": delay_s})
    return HostQueue(redis.client(), spider, keys.SCHEDULER_QUEUE)


def test_host_queue_serves_due_hosts_round_robin_once_per_delay_for_every_consumer(
        redis_server: RedisServer) -> None:
    from scrapy import Request

    from crawler.cluster.ratelimit import SLOT_META, HostRateLimit
    from crawler.cluster.status import status

    delay = 0.15
    first, second = host_queue_consumer(redis_server, delay), host_queue_consumer(redis_server, delay)
    for i in range(3):  # host a's requests all first: the queue still alternates the hosts
        first.push(Request(f"http://a.example/{i}", priority=i))
    for i in range(2):
        second.push(Request(f"http://b.example/{i}"))
    assert len(first) == len(second) == 5
    assert status(redis_server.client()).requests_queued == 5  # `cluster status` counts every host's requests

    popped: list[tuple[str, int]] = []  # (URL, the host's next-allowed time the pop set, ms on Redis's clock)
    consumers = [first, second]
    while len(popped) < 5:
        queue = consumers[len(popped) % 2]  # the two consumers take turns
        request = queue.pop()
        if request is None:
            assert queue.due_in_s is not None and 0 < queue.due_in_s <= delay
            time.sleep(queue.due_in_s)  # the queue's own answer: when the first host is due
            continue
        popped.append((request.url, request.meta[SLOT_META]))
    assert first.pop() is None and first.due_in_s is None and len(first) == 0
    # Round robin across hosts (highest priority first within a host), every host at most once per delay.
    assert [url for url, _ in popped] == ["http://a.example/2", "http://b.example/0", "http://a.example/1",
                                          "http://b.example/1", "http://a.example/0"]
    for host in ("a", "b"):
        slots = [slot for url, slot in popped if f"//{host}." in url]
        assert all(b - a >= delay * 1000 for a, b in zip(slots, slots[1:])), slots

    # ClusterPoliteness: a popped request's own claim lets it start; a request that did not come from
    # the queue (robots.txt) must wait for the host, and then the popped request's claim is overtaken.
    slow = host_queue_consumer(redis_server, 30.0)  # a delay no loaded machine runs past in this test
    limit = HostRateLimit(redis_server.client(), slow.keys)
    slow.push(Request("http://c.example/page"))
    request = slow.pop()
    assert request is not None and limit.claim("c.example", 30.0, request.meta[SLOT_META]) == 0
    assert 29 < limit.claim("c.example", 30.0) <= 30  # robots.txt: not due
    slow.push(Request("http://c.example/other"))
    assert slow.pop() is None and 29 < slow.due_in_s <= 30  # the queue holds the host's next request too
    redis_server.client().hset(keys.NEXT_ALLOWED, "c.example", 0)  # (time passes)
    assert limit.claim("c.example", 30.0) == 0  # robots.txt takes the slot
    assert limit.claim("c.example", 30.0, request.meta[SLOT_META]) > 29  # overtaken: the request waits
    assert slow.pop() is None and slow.due_in_s > 29  # and so does the queue
    first.clear()
    assert len(first) == 0 and not redis_server.client().keys(f"{first.key}*")


# --- faults ------------------------------------------------------------------------------------------
@pytest.fixture
def held_site() -> Iterator[LoopbackSite]:
    site = LoopbackSite("heldsite", "127.0.0.3", 6, hold=True).start()
    yield site
    site.stop()


def test_worker_killed_mid_crawl_loses_nothing_and_stores_nothing_twice(
        redis_server: RedisServer, held_site: LoopbackSite, tmp_path: Path) -> None:
    env = base_env()
    sources = write_sources(tmp_path / "sources.toml", [held_site])
    db = tmp_path / "store.db"
    schedule_now(redis_server, sources, db)
    log = tmp_path / "doomed.log"
    doomed = start(worker_args(redis_server, sources, tmp_path, "doomed", *FAST), log, env)
    # The worker took every article request off the shared queue: they are held at the site.
    wait_until(lambda: len(held_site.article_hits()) == held_site.articles, "the worker's article requests",
               {"worker": doomed}, {"worker": log})
    assert keys.queued_requests(redis_server.client(), "news-cluster") == 0
    doomed.send_signal(signal.SIGKILL)
    doomed.wait(timeout=WAIT_S)
    held_site.release()

    # The next cycle: the feed is read in full again (no validators were saved), the lost articles fetched.
    schedule_now(redis_server, sources, db)
    work_until_idle(redis_server, sources, tmp_path, "survivor", env)
    ingested = ingest_now(redis_server, db)
    assert {row[0] for row in store_rows(db, "SELECT canonical_url FROM articles")} == set(held_site.article_urls())
    assert (ingested.new, ingested.updated, ingested.unchanged) == (6, 0, 0)  # none twice, not even unchanged
    check_store(db)


def test_ingester_killed_mid_batch_claims_its_entries_and_stores_them_once(
        redis_server: RedisServer, tmp_path: Path) -> None:
    site = LoopbackSite("batchsite", "127.0.0.4", 8).start()
    try:
        env = base_env()
        sources = write_sources(tmp_path / "sources.toml", [site])
        db = tmp_path / "store.db"
        schedule_now(redis_server, sources, db)
        work_until_idle(redis_server, sources, tmp_path, "w", env)
    finally:
        site.stop()
    client = redis_server.client()
    entries = client.xlen(keys.STREAM)
    assert entries == 8 + 2  # the articles and the run's start and end

    # Hold the store's write lock: the ingester reads its batch, then waits on the lock, mid-batch.
    storage.open_db(db).close()
    blocker = sqlite3.connect(db, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    log = tmp_path / "ingest1.log"
    first = start(["ingest", "--redis", redis_server.url, "--db", db, "--batch-size", "100"], log, env)

    def pending() -> int:
        try:
            return int(client.xpending(keys.STREAM, keys.GROUP)["pending"])
        except Exception:  # the group does not exist yet
            return 0

    wait_until(lambda: pending() == entries, "the ingester's batch", {"ingest": first}, {"ingest": log})
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=WAIT_S)
    blocker.execute("ROLLBACK")
    blocker.close()

    second = ingest_now(redis_server, db)
    assert second.claimed == entries and (second.new, second.updated, second.unchanged) == (8, 0, 0)
    assert article_count(db) == 8
    check_store(db)
    assert client.xlen(keys.STREAM) == 0 and pending() == 0


def test_redis_restarted_mid_run_workers_and_ingester_reconnect_and_finish(
        redis_server: RedisServer, held_site: LoopbackSite, tmp_path: Path) -> None:
    env = base_env()
    sources = write_sources(tmp_path / "sources.toml", [held_site])
    db = tmp_path / "store.db"
    schedule_now(redis_server, sources, db)
    logs = {"worker": tmp_path / "w.log", "ingest": tmp_path / "ingest.log"}
    procs = {"worker": start(worker_args(redis_server, sources, tmp_path, "w", "--until-idle", "3", *FAST),
                             logs["worker"], env),
             "ingest": start(["ingest", "--redis", redis_server.url, "--db", db], logs["ingest"], env)}
    try:
        wait_until(lambda: len(held_site.article_hits()) == held_site.articles, "the worker's requests", procs, logs)
        redis_server.stop()  # with its append-only file on: what was written survives
        redis_server.start()
        held_site.release()
        wait_until(lambda: article_count(db) == held_site.articles, "every article stored", procs, logs)
        finish(procs["worker"], logs["worker"])
    finally:
        procs["ingest"].send_signal(signal.SIGTERM)
    assert "ingest stopped" in finish(procs["ingest"], logs["ingest"])
    check_store(db)
    assert {row[0] for row in store_rows(db, "SELECT canonical_url FROM articles")} == set(held_site.article_urls())


def test_redis_that_lost_its_data_is_rebuilt_by_the_next_schedule(redis_program: str, tmp_path: Path) -> None:
    """Persistence off: a restart empties Redis. The next `schedule` seeds the known URLs from the
    store; the feed is read in full (its validators went with Redis), nothing stored is fetched or
    stored again, and a story published since is fetched."""
    server = RedisServer(redis_program, tmp_path / "redis", persistent=False).start()
    site = LoopbackSite("volatile", "127.0.0.6", 4).start()
    try:
        env = base_env()
        sources = write_sources(tmp_path / "sources.toml", [site])
        db = tmp_path / "store.db"
        schedule_now(server, sources, db)
        work_until_idle(server, sources, tmp_path, "w1", env)
        assert ingest_now(server, db).new == 4
        server.stop()
        server.start()
        assert server.client().dbsize() == 0  # everything Redis knew is gone
        site.articles = 5  # one new story in the feed since
        from crawler.cluster.connection import connect
        from crawler.cluster.schedule import schedule

        assert schedule(connect(server.url), sources, db).seeded == 4
        work_until_idle(server, sources, tmp_path, "w2", env)
        report = ingest_now(server, db)
    finally:
        site.stop()
        server.stop()
    assert (report.new, report.updated, report.unchanged) == (1, 0, 0)
    assert sorted(h.path for h in site.article_hits()) == sorted(u.split(site.base, 1)[1] for u in site.article_urls())
    assert {row[0] for row in store_rows(db, "SELECT canonical_url FROM articles")} == set(site.article_urls())
    check_store(db)


def test_redis_seeded_from_another_store_is_seeded_again(redis_server: RedisServer, tmp_path: Path) -> None:
    """A Redis that kept its data (append-only file) while the cluster got a new store: the next
    `schedule` forgets the old store's known URLs, with a warning on stderr, instead of skipping every article."""
    from crawler.cluster.connection import connect
    from crawler.cluster.schedule import schedule

    site = LoopbackSite("reseeded", "127.0.0.7", 1).start()
    try:
        sources = write_sources(tmp_path / "sources.toml", [site])
    finally:
        site.stop()
    client = redis_server.client()
    for name in ("old.db", "new.db"):
        storage.open_db(tmp_path / name).close()  # as the ingester creates it
    assert schedule(connect(redis_server.url), sources, tmp_path / "old.db").seeded == 0
    client.sadd(keys.KNOWN, site.article_urls()[0])  # stored in the old store by its ingester
    assert schedule(connect(redis_server.url), sources, tmp_path / "old.db").seeded is None  # same store: kept
    assert client.sismember(keys.KNOWN, site.article_urls()[0])
    # A mistyped --db (#13): refused on one line before Redis is touched; nothing created, nothing forgotten.
    typo = invoke_cli("cluster", "schedule", "--redis", redis_server.url, "--sources", sources, "--db",
                      tmp_path / "typo.db")
    assert typo.code == 1 and typo.stderr.strip() == (
        f"Error: no database at {tmp_path / 'typo.db'}; the cluster's store is created by "
        f"`wirewatch ingest --db {tmp_path / 'typo.db'}`")
    assert not (tmp_path / "typo.db").exists() and client.sismember(keys.KNOWN, site.article_urls()[0])
    moved = invoke_cli("cluster", "schedule", "--redis", redis_server.url, "--sources", sources, "--db",
                       tmp_path / "new.db")
    assert moved.code == 0, moved.stderr
    assert moved.stderr.startswith("wirewatch: warning: Redis had been seeded from another store (")
    assert len(moved.stderr.strip().splitlines()) == 1
    assert client.scard(keys.KNOWN) == 0
    assert schedule(connect(redis_server.url), sources, tmp_path / "new.db").seeded is None


def test_two_workers_keep_one_slow_sites_delay_together(redis_server: RedisServer, tmp_path: Path) -> None:
    # Each answer takes longer than the delay: a worker (one request in flight) is still busy when the
    # site is next due, so the other one takes that slot: both workers fetch, one after the other.
    delay = 0.4
    site = LoopbackSite("slowsite", "127.0.0.5", 6, latency_s=0.5).start()
    try:
        env = base_env()
        sources = write_sources(tmp_path / "sources.toml", [site])
        polite = [*LOCAL, "-s", f"DOWNLOAD_DELAY={delay}", "-s", "CONCURRENT_REQUESTS=1"]
        client = redis_server.client()
        logs = {name: tmp_path / f"{name}.log" for name in ("a", "b")}
        procs = {name: start(worker_args(redis_server, sources, tmp_path, name, *polite,
                                         "-s", f"USER_AGENT=wirewatch-test-{name}"), log, env)
                 for name, log in logs.items()}
        try:
            wait_until(lambda: client.hlen(keys.WORKERS) == 2, "both workers' heartbeats", procs, logs)
            schedule_now(redis_server, sources)
            wait_until(lambda: len(site.article_hits()) == site.articles, "every article requested", procs, logs)
        finally:
            for proc in procs.values():
                proc.send_signal(signal.SIGTERM)
        for name, proc in procs.items():
            finish(proc, logs[name])
    finally:
        site.stop()
    hits = sorted(site.hits, key=lambda h: h.at)
    assert len([h for h in hits if h.path.startswith("/news/")]) == 6
    assert {h.agent for h in hits if h.path.startswith("/news/")} == {"wirewatch-test-a", "wirewatch-test-b"}
    gaps = [b.at - a.at for a, b in zip(hits, hits[1:])]
    trace = "; ".join(f"{b.at - hits[0].at:.3f} {b.path} {b.agent[-1]}" for b in hits)
    # Starts are claimed in Redis `delay` apart (the host queue hands a request out only when the site
    # is due; robots.txt claims the site like a request); at the server each start may shift by the time between the claim
    # and the request reaching it (tens of ms; much more when the machine is overloaded and a worker
    # waits for a CPU), which shortens one gap and lengthens the next. So the median gap and the whole
    # span are checked, not the smallest gap. Without the shared limit the two workers (whose own delay
    # is off in cluster mode) would start requests together: a median gap near 0.
    assert sorted(gaps)[len(gaps) // 2] >= delay * 0.9, trace
    assert hits[-1].at - hits[0].at >= (len(hits) - 1) * delay - 2 * delay * 0.5, trace


def test_stats_names_the_worker_of_each_cluster_run(tmp_path: Path) -> None:
    """README ("Cluster mode"): each worker run is named in `sources_file` and in `stats` (#13); a store
    with `crawl` runs only has no worker column."""
    from storage import runs

    db = tmp_path / "cluster.db"
    with storage.open_db(db) as database:
        runs.start(database, sources_file="sources.toml")
        run_id = runs.start(database, sources_file="cluster worker host-a:41: sources.toml")
        database["crawl_runs"].update(run_id, {"stats": json.dumps({"worker": "host-a:41"}), "status": "completed"})
    listed = invoke_cli("stats", "--db", db)
    assert listed.code == 0, listed.stderr
    header, _, cluster_run, crawl_run = listed.stdout.strip().splitlines()[-4:]
    assert header.split()[:4] == ["id", "started", "status", "worker"]
    assert "host-a:41" in cluster_run and "host-a:41" not in crawl_run


def test_schedule_counts_documents_a_stopped_worker_left_in_the_host_queue(redis_server: RedisServer,
                                                                          tmp_path: Path) -> None:
    """A document taken from the start list by a worker that stopped before fetching it waits in the
    host queue: the next `schedule` counts it as still queued and does not queue it twice (#13)."""
    from scrapy import Request

    from crawler import meta

    feeds = [f"https://x.example/{name}.xml" for name in ("a", "b", "c")]
    sources = tmp_path / "sources.toml"
    sources.write_text('[[outlet]]\nid = "x"\nname = "X"\ncountry = "GB"\nregion = "uk"\nlanguages = ["en"]\n'
                       'homepage = "https://x.example/"\nallowed_domains = ["x.example"]\n'
                       f"feeds = {json.dumps(feeds)}\n")
    db = tmp_path / "w.db"
    storage.open_db(db).close()
    args = ["cluster", "schedule", "--redis", redis_server.url, "--sources", sources, "--db", db]
    assert "3 discovery documents queued for 1 outlets (0 still queued from before)" in invoke_cli(*args).stdout
    client = redis_server.client()
    taken = json.loads(client.lpop(keys.DISCOVERY))  # a worker took one and queued its request, then stopped
    host_queue_consumer(redis_server, 0).push(Request(taken["url"], meta={meta.KIND: "feed", meta.OUTLET: "x"}))
    host_queue_consumer(redis_server, 0).push(Request("https://x.example/news/1", meta={meta.KIND: "article"}))
    again = invoke_cli(*args)
    assert again.code == 0, again.stderr
    assert "0 discovery documents queued for 1 outlets (3 still queued from before)" in again.stdout
    assert client.llen(keys.DISCOVERY) == 2
