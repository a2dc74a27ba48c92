"""How long another writer waits while lsh_pending is merged into lsh_bands.

    python benchmarks/dedup_merge.py [--stored 4000000] [--pending 1000000] [--chunk-keys 20000 ...]
                                     [--workdir DIR]

A scratch store gets ``--stored`` random copy band keys in lsh_bands (42 an article) and ``--pending``
more in lsh_pending (one row of 42 keys an article, as the clustering writes them); then, for each
``--chunk-keys`` (0: the whole merge in one transaction, as before #15), a copy of it is merged by the
project's Clusterer while a writer on another connection commits a small transaction (BEGIN IMMEDIATE,
one row, COMMIT) every 20 ms, as the crawl's store writer commits its batches. Printed: the merge's
time, its chunks, the longest time between two chunks' commits (a chunk and its own wait for the
lock), and the writer's longest and median wait for the lock (what a crawl writing into the store
meanwhile waits), with the load average.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

BANDS = 42


def build(path: Path, stored: int, pending: int, seed: int = 7) -> None:
    """The scratch store: random copy keys of ``stored // 42`` articles in lsh_bands (sorted, as a
    merge leaves them) and of ``pending // 42`` more in lsh_pending."""
    import storage
    from processing.band_index import keys_blob

    db = storage.open_db(path)
    db.close()
    rng = np.random.default_rng(seed)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    articles = stored // BANDS
    for start in range(0, articles, 20_000):
        ids = np.arange(start, min(start + 20_000, articles), dtype=np.int64) + 1
        keys = rng.integers(-2**63, 2**63 - 1, (len(ids), BANDS), dtype=np.int64)
        conn.executemany("INSERT OR IGNORE INTO lsh_bands (band_key, article_id) VALUES (?, ?)",
                         zip(keys.ravel().tolist(), np.repeat(ids, BANDS).tolist()))
    first = articles + 1
    keys = rng.integers(-2**63, 2**63 - 1, (pending // BANDS, BANDS), dtype=np.int64)
    conn.executemany("INSERT INTO lsh_pending (article_id, band_keys) VALUES (?, ?)",
                     ((first + i, keys_blob(k)) for i, k in enumerate(keys)))
    conn.execute("INSERT OR REPLACE INTO dedup_state (key, value) VALUES ('lsh_merged_rows', ?)", [str(stored)])
    conn.execute("COMMIT")
    conn.close()


def measure(path: Path, chunk_keys: int) -> dict[str, float]:
    """Merge ``path``'s lsh_pending while another connection keeps committing; the figures."""
    import storage
    from crawler.clustering import Clusterer

    done, waits = threading.Event(), []

    def writer() -> None:
        conn = sqlite3.connect(path, timeout=60, isolation_level=None)
        n = 0
        while not done.is_set():
            start = time.perf_counter()
            conn.execute("BEGIN IMMEDIATE")
            waits.append(time.perf_counter() - start)
            conn.execute("INSERT OR REPLACE INTO dedup_state (key, value) VALUES ('bench_writer', ?)", [str(n)])
            conn.execute("COMMIT")
            n += 1
            done.wait(0.02)
        conn.close()

    db = storage.open_db(path)
    clusterer = Clusterer(db)
    chunks: list[float] = []
    last = [time.perf_counter()]

    def after_chunk(moved: int) -> None:
        now = time.perf_counter()
        chunks.append(now - last[0])
        last[0] = now

    thread = threading.Thread(target=writer)
    thread.start()
    start = time.perf_counter()
    moved = clusterer.merge(chunk_keys or 2**62, after_chunk)
    seconds = time.perf_counter() - start
    done.set()
    thread.join()
    db.close()
    return {"seconds": seconds, "moved": moved, "chunks": len(chunks), "longest_chunk": max(chunks),
            "writer_max": max(waits), "writer_median": statistics.median(waits), "commits": len(waits),
            "load": os.getloadavg()[0]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stored", type=int, default=4_000_000, help="Copy keys in lsh_bands.")
    parser.add_argument("--pending", type=int, default=1_000_000, help="Copy keys in lsh_pending.")
    parser.add_argument("--chunk-keys", type=int, nargs="+", default=[0, 20_000],
                        help="Keys a merge transaction (0: all in one).")
    parser.add_argument("--workdir", type=Path, help="Where the stores go (default: a temporary folder).")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="wirewatch-dedup-merge-", dir=args.workdir) as tmp:
        base = Path(tmp) / "base.db"
        start = time.perf_counter()
        build(base, args.stored, args.pending)
        print(f"Store: {args.stored:,} keys in lsh_bands, {args.pending:,} pending, built in "
              f"{time.perf_counter() - start:.0f} s; a writer commits one row at a time during each merge:")
        print(f"  {'keys a chunk':>12} {'merge s':>8} {'chunks':>7} {'longest chunk ms':>17} "
              f"{'writer waits max / median ms':>29} {'commits':>8}  load")
        for chunk in args.chunk_keys:
            path = Path(tmp) / f"merge-{chunk}.db"
            shutil.copyfile(base, path)
            row = measure(path, chunk)
            print(f"  {chunk or 'all':>12} {row['seconds']:>8.2f} {row['chunks']:>7} {1000 * row['longest_chunk']:>17.0f} "
                  f"{1000 * row['writer_max']:>17.0f} / {1000 * row['writer_median']:<9.1f} {row['commits']:>8}  "
                  f"{row['load']:.1f}", flush=True)
            path.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
