"""Cluster throughput on loopback: article pages/s with 1, 2 and 4 workers against one `crawl`, and the
ingester's articles/s into SQLite with story clustering (the single-writer ceiling).

The web is latency-bound, like the real one: SITES synthetic news sites, each on its own 127.0.0.N
address, answering every request after a fixed latency. Every configuration uses the same per-process
concurrency and the same per-site delay (DOWNLOAD_DELAY for `crawl`, the cluster's shared per-host slot
for workers). Pages/s is measured at the servers (first to last article request), so interpreter
start-up is not counted. The smallest gap between two requests to one site (robots.txt, the feed and
the articles alike, as the server saw them) is printed for every run: it must not be below the delay. Beside each
figure: the CPU seconds per article page of every process the run started (crawl or workers, with
their extraction processes; Redis and the sites excluded) and the load average when it ended.

Ingest alone: the stream is filled with ARTICLES entries (real extracted articles, made unique) and
one in-process Ingester drains it in batches; printed beside the bare library doing the write part
(sqlite-utils insert_all of the same rows in one transaction, no clustering, no stream).

    python benchmarks/cluster_benchmark.py [--sites 16] [--pages 10] [--latency 0.4] [--delay 0.5]
                                           [--concurrency 2] [--ingest 2000]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.loopback_site import Hit, LoopbackSite, write_sources  # noqa: E402
from tests.redis_server import RedisServer  # noqa: E402


def env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items()
            if not k.startswith("WIREWATCH_") and k.lower() not in ("http_proxy", "https_proxy")}


def cli(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "crawler.cli", *map(str, args)], cwd=ROOT, env=env(),
                          capture_output=True, text=True, check=True)


@dataclass(frozen=True)
class Gap:
    seconds: float
    before: Hit
    after: Hit

    def __str__(self) -> str:
        return (f"{self.seconds:.3f} s ({self.before.path} by {self.before.agent.rsplit(' ', 1)[-1]}, then "
                f"{self.after.path} by {self.after.agent.rsplit(' ', 1)[-1]})")


def measure(sites: list[LoopbackSite]) -> tuple[float, list[Gap]]:
    """(article pages/s over all sites, the gaps between two successive requests to one site)."""
    hits = sorted(h.at for s in sites for h in s.article_hits())
    first = len(hits) // 4  # steady state: the start-up of each process's extraction workers is left out
    rate = (len(hits) - 1 - first) / (hits[-1] - hits[first]) if len(hits) > first + 1 else 0.0
    gaps = []
    for s in sites:
        every = sorted(s.hits, key=lambda h: h.at)  # robots.txt, the feed and the articles
        gaps += [Gap(b.at - a.at, a, b) for a, b in zip(every, every[1:])]
    return rate, gaps


def children_cpu_s() -> float:
    """CPU seconds (user + system) of every child process this one has waited for, so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def figures(gaps: list[Gap], delay: float, cpu_s: float, pages: int) -> str:
    gap = min(gaps, key=lambda g: g.seconds) if gaps else None
    held = "held" if gap is None or gap.seconds >= delay else "NOT held"
    short = sum(g.seconds < delay for g in gaps)
    shorter = sum(g.seconds < delay - 0.01 for g in gaps)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (f"smallest same-site gap {gap} (delay {delay} s: {held}; {short} of {len(gaps)} gaps shorter, "
            f"{shorter} by more than 10 ms); "
            f"{cpu_s / max(pages, 1) * 1000:.0f} ms CPU/page; load average {load}")


def reset(sites: list[LoopbackSite]) -> None:
    for s in sites:
        s.hits.clear()


# The sites are on 127.0.0.N, which the egress rule refuses unless told; one extraction process per
# crawl or worker process, as each worker would have its own machine's cores (here all share two).
LOOPBACK = ("-s", "WIREWATCH_ALLOW_PRIVATE_ADDRESSES=True", "-s", "WIREWATCH_EXTRACT_WORKERS=1")


def run_crawl(sites: list[LoopbackSite], sources: Path, tmp: Path, delay: float, concurrency: int) -> None:
    cli("crawl", "--sources", sources, "--db", tmp / "crawl.db", "--no-translate", "-s", "AUTOTHROTTLE_ENABLED=False",
        "-s", "USER_AGENT=wirewatch-benchmark crawl",
        "-s", f"DOWNLOAD_DELAY={delay}", "-s", "RANDOMIZE_DOWNLOAD_DELAY=False",
        "-s", f"CONCURRENT_REQUESTS={concurrency}", "-s", f"CONCURRENT_REQUESTS_PER_DOMAIN={concurrency}",
        *LOOPBACK)


def run_cluster(n: int, sites: list[LoopbackSite], sources: Path, tmp: Path, redis: RedisServer, delay: float,
                concurrency: int) -> None:
    client = redis.client()
    client.flushall()
    total = sum(s.articles for s in sites)
    logs = [tmp / f"worker-{n}-{i}.log" for i in range(n)]
    procs = []
    for i, log in enumerate(logs):
        with log.open("w") as out:
            procs.append(subprocess.Popen(
                [sys.executable, "-m", "crawler.cli", "worker", "--redis", redis.url, "--sources", str(sources),
                 "--cache-db", str(tmp / f"worker-{i}.db"), "--no-translate", "-s", f"DOWNLOAD_DELAY={delay}",
                 "-s", f"USER_AGENT=wirewatch-benchmark worker-{i}",
                 "-s", f"CONCURRENT_REQUESTS={concurrency}", *LOOPBACK], cwd=ROOT, env=env(), stdout=out,
                stderr=subprocess.STDOUT))
    try:
        while client.hlen("wirewatch:workers") < n:
            if any(p.poll() is not None for p in procs):
                raise SystemExit(f"a worker exited: {logs[0].read_text()[-2000:]}")
            time.sleep(0.05)
        cli("cluster", "schedule", "--redis", redis.url, "--sources", sources)
        # Wait until every article was published (requests alone could still be in extraction).
        while sum(json.loads(v).get("published", 0) for v in client.hvals("wirewatch:workers")) < total:
            if any(p.poll() is not None for p in procs):
                raise SystemExit(f"a worker exited: {logs[0].read_text()[-2000:]}")
            time.sleep(0.1)
    finally:
        for p in procs:
            p.send_signal(signal.SIGTERM)
        for p in procs:
            p.wait(timeout=60)


def bench_ingest(redis: RedisServer, tmp: Path, n: int) -> None:
    """Articles/s one ingester stores (upsert, FTS, story clustering) against bare sqlite-utils inserts."""
    import sqlite_utils

    from crawler.cluster import keys
    from crawler.cluster.ingest import IngestOptions, Ingester

    client = redis.client()
    entries = [e for _, e in client.xrange(keys.STREAM)]
    sample = [e for e in entries if e[b"type"] == b"article"]
    starts = [e for e in entries if e[b"type"] == b"run" and json.loads(e[b"data"])["event"] == "start"]
    if not sample or not starts:
        raise SystemExit("no articles in the stream to copy for the ingest benchmark")
    client.flushall()
    client.xadd(keys.STREAM, starts[0])  # the outlets, as a worker announces them
    rows = []
    rng = random.Random(13)
    vocabulary = [f"{rng.choice('bcdfghklmnprstvz')}{rng.choice('aeiou')}{rng.choice('bcdfghklmnprstvz')}"
                  f"{rng.choice('aeiou')}{i}" for i in range(20000)]
    texts: list[str] = []
    for i in range(n):
        data = json.loads(sample[i % len(sample)][b"data"])
        row = data["row"]
        row["canonical_url"] = row["url"] = f"{row['canonical_url']}?copy={i}"
        # One article in three is a lightly edited copy of an earlier one (a wire story carried twice).
        if i % 3 == 2:
            words = texts[rng.randrange(len(texts))].split()
            words[rng.randrange(len(words))] = rng.choice(vocabulary)
            text = " ".join(words)
        else:
            text = " ".join(rng.choice(vocabulary) for _ in range(350))
        texts.append(text)
        row.update(text=text, title=" ".join(text.split()[:8]), content_hash=f"bench-{i}", language="en",
                   translation_status="original", title_en=None, text_en=None)
        rows.append(row)
        client.xadd(keys.STREAM, {"type": "article", "data": json.dumps({**data, "row": row, "run": ""})})
    import datasketch  # noqa: F401  (imported once per process; not the ingester's work)

    db = tmp / "ingest.db"
    ingester = Ingester(redis.client(), db, "bench", IngestOptions(batch_size=200, block_ms=50, until_idle_s=0))
    start = time.perf_counter()
    report = ingester.run()
    elapsed = time.perf_counter() - start
    assert report.new == n, report.line()
    bare_db = sqlite_utils.Database(tmp / "bare.db")
    start = time.perf_counter()
    with bare_db.conn:
        bare_db["articles"].insert_all(rows, pk="canonical_url")
    bare = time.perf_counter() - start
    print(f"ingest: {n / elapsed:.0f} articles/s (upsert + FTS + story clustering, batches of 200); "
          f"bare sqlite-utils insert_all: {n / bare:.0f} rows/s; ratio {bare / elapsed:.2f}")
    print(f"  one ingester: {n / elapsed * 86400 / 1e6:.1f} M articles/day; at 100 articles/outlet/day "
          f"that is {n / elapsed * 864:.0f} outlets")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sites", type=int, default=16)
    parser.add_argument("--pages", type=int, default=10, help="articles per site")
    parser.add_argument("--latency", type=float, default=0.4, help="seconds each answer takes")
    parser.add_argument("--delay", type=float, default=0.5, help="per-site delay (seconds)")
    parser.add_argument("--concurrency", type=int, default=2, help="requests in flight per process")
    parser.add_argument("--ingest", type=int, default=2000, help="articles for the ingest benchmark")
    parser.add_argument("--workers", default="1,2,4")
    parser.add_argument("--ingest-only", action="store_true", help="only the ingest benchmark")
    args = parser.parse_args()
    binary = shutil.which("redis-server")
    if binary is None:
        raise SystemExit("redis-server is not installed (apt-get install redis-server)")
    with tempfile.TemporaryDirectory(prefix="wirewatch-cluster-bench-") as name:
        tmp = Path(name)
        sites = [LoopbackSite(f"site{i}", f"127.0.0.{10 + i}", args.pages, latency_s=args.latency).start()
                 for i in range(args.sites)]
        redis = RedisServer(binary, tmp / "redis", persistent=False).start()
        try:
            sources = write_sources(tmp / "sources.toml", sites)
            total = args.sites * args.pages
            print(f"{args.sites} sites x {args.pages} articles, latency {args.latency} s, per-site delay "
                  f"{args.delay} s, {args.concurrency} requests in flight per process")
            if args.ingest_only:
                run_cluster(1, sites[:1], write_sources(tmp / "one.toml", sites[:1]), tmp, redis, 0, 4)
                bench_ingest(redis, tmp, args.ingest)
                return
            reset(sites)
            cpu = children_cpu_s()
            run_crawl(sites, sources, tmp, args.delay, args.concurrency)
            crawl_rate, crawl_gap = measure(sites)
            print(f"crawl (one process): {crawl_rate:.2f} pages/s; "
                  f"{figures(crawl_gap, args.delay, children_cpu_s() - cpu, total)}", flush=True)
            one = None
            for n in map(int, args.workers.split(",")):
                reset(sites)
                cpu = children_cpu_s()
                run_cluster(n, sites, sources, tmp, redis, args.delay, args.concurrency)
                rate, gap = measure(sites)
                assert sum(len(s.article_hits()) for s in sites) >= total
                one = one or rate
                print(f"{n} worker(s): {rate:.2f} pages/s = {rate / one:.2f}x one worker, "
                      f"{rate / crawl_rate:.2f}x crawl; "
                      f"{figures(gap, args.delay, children_cpu_s() - cpu, total)}", flush=True)
            bench_ingest(redis, tmp, args.ingest)
        finally:
            redis.stop()
            for s in sites:
                s.stop()


if __name__ == "__main__":
    main()
