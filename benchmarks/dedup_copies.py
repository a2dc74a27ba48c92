"""Many copies of one story arriving at once: time, peak memory and candidates compared.

    python benchmarks/dedup_copies.py [--copies 1000 3000 10000] [--batch N] [--memory-limit-mb 4096]
                                      [--workdir DIR]

One synthetic Arabic article (benchmarks/dedup_synthetic.py) and ``copies - 1`` republications of it
(each a copy as the generator makes them: new headline, boilerplate added, last paragraph cut, a few
words changed), all published the same day, inserted into a fresh store and clustered by the
project's Clusterer: in one batch by default (what `wirewatch import` or `wirewatch dedup` does with
a batch at least that large), or ``--batch`` articles at a time (``--batch 8``: the crawl's store
writer, a few articles per call). Every size runs in a fresh process, so the peak memory (ru_maxrss)
is that size's; the process's memory before clustering (the store, the articles, the libraries) is
printed beside it. A process that goes past ``--memory-limit-mb`` of address space stops with
MemoryError and is reported as such. Not a timed test: it prints figures, with the load average.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def rss_mb() -> float:
    """The process's resident memory now (Linux /proc), MiB."""
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def one_story(copies: int, seed: int = 42) -> list[dict]:
    """An Arabic article and ``copies - 1`` copies of it, published the same day."""
    from dedup_synthetic import Corpus

    corpus = Corpus(seed=seed, arabic=1.0)
    original = next(corpus.articles(1))
    return [original] + [corpus._copy(original, i, original["published"]) for i in range(1, copies)]


def run_one(copies: int, batch: int, workdir: Path) -> dict:
    """Cluster one story's ``copies`` in a fresh store; the figures as a dict."""
    from dedup_scale import StoreSide

    store = StoreSide(workdir / f"copies-{copies}.db")
    articles = one_story(copies)
    ids = store.insert(articles)
    store.clusterer.batch_size = batch
    before = rss_mb()
    start, cpu = time.perf_counter(), time.process_time()
    report = store.clusterer.cluster(ids)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
    stories = store.db.execute("SELECT count(DISTINCT story_id), max(n) FROM (SELECT story_id, count(*) AS n "
                               "FROM articles GROUP BY story_id)").fetchone()
    return {"copies": copies, "batch": batch, "seconds": seconds, "cpu_seconds": cpu_seconds,
            "rss_before_mb": before, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "stories": stories[0], "largest_story": stories[1], "compared": report.compared,
            "load": os.getloadavg()[0]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, nargs="+", default=[1_000, 3_000, 10_000])
    parser.add_argument("--batch", type=int, default=0, help="Articles per Clusterer batch (default: all in one).")
    parser.add_argument("--memory-limit-mb", type=int, default=4_096,
                        help="Address space limit of each size's process (0: none).")
    parser.add_argument("--workdir", type=Path, help="Where the stores go (default: a temporary folder).")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # the child process: one size
    args = parser.parse_args(argv)
    if args.one:
        if args.memory_limit_mb:
            limit = args.memory_limit_mb * 2**20
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        try:
            print(json.dumps(run_one(args.one, args.batch or args.one, args.workdir)))
        except MemoryError:
            print(json.dumps({"copies": args.one, "error": f"MemoryError past {args.memory_limit_mb} MiB"}))
        return 0
    print(f"Copies of one story clustered {'in one batch' if not args.batch else f'{args.batch} at a time'}, "
          f"each size in a fresh process ({os.cpu_count()} cores):")
    print(f"  {'copies':>7} {'seconds':>8} {'CPU s':>7} {'peak MiB':>9} {'before':>7} {'stories':>8} "
          f"{'largest':>8} {'compared/article':>17}  load")
    with tempfile.TemporaryDirectory(prefix="wirewatch-dedup-copies-", dir=args.workdir) as tmp:
        for copies in args.copies:
            proc = subprocess.run([sys.executable, __file__, "--one", str(copies), "--batch", str(args.batch),
                                   "--memory-limit-mb", str(args.memory_limit_mb), "--workdir", tmp],
                                  capture_output=True, text=True, cwd=ROOT)
            lines = proc.stdout.strip().splitlines()
            if proc.returncode != 0 or not lines:
                print(f"  {copies:>7} failed (exit {proc.returncode}): {proc.stderr.strip().splitlines()[-1:]}")
                continue
            row = json.loads(lines[-1])
            if "error" in row:
                print(f"  {copies:>7} {row['error']}  {os.getloadavg()[0]:.1f}")
                continue
            print(f"  {copies:>7} {row['seconds']:>8.2f} {row['cpu_seconds']:>7.2f} {row['peak_rss_mb']:>9.0f} "
                  f"{row['rss_before_mb']:>7.0f} {row['stories']:>8} {row['largest_story']:>8} "
                  f"{row['compared'] / copies:>17.1f}  {row['load']:.1f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
