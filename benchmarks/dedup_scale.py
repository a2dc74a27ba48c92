"""Dedup at scale: time per article as the store grows, peak memory, and datasketch's in-memory
MinHashLSH doing the same work as the reference; plus `wirewatch import` + `wirewatch dedup` end to end.

    python benchmarks/dedup_scale.py [--sizes 10000 100000 1000000] [--reference-max 100000] [--arabic 1.0]
                                     [--per-day 300] [--import-articles 30000] [--workdir DIR] [--skip-store]
                                     [--detect-language]

Synthetic articles (benchmarks/dedup_synthetic.py: Arabic-like by default, ``--arabic`` for a share of
English-like ones, 15% republished copies) are clustered batch by batch (2,000 articles, as
`wirewatch dedup` does) by the project's Clusterer into a SQLite store on disk. Publication dates advance by ``--per-day``
articles a day, 300 by default: about what an Arabic archive like SaudiNewsNet holds (some 30k articles
over months of publication dates), so 30k articles span 100 days. The store compares an article's terms
with three weekly periods of articles (its own and the two beside it), so how many articles a day are
published decides how many candidates each article has: at 2,000 a day (the generator's earlier pace)
every one of the first 42k articles is a terms candidate of all the others and the per-article cost
only levels off past that. The reference does the same work per article in
memory with datasketch alone: the same words, MinHash.update_batch (default SHA-1 hash) for the copy
and terms sets, MinHashLSH (42 bands x 3 rows) query on both, Jaccard with every candidate, insert.
Both run in this one process on the same batches, taking turns (which goes first alternates), after a
warm-up batch each, so the load on a shared machine weighs on both alike (Python's cyclic garbage
collector is paused during the store's turns: otherwise its full collections there scan the reference's
millions of objects, about 0.1 ms an article at 30k, a cost of sharing the process, not of the store,
and the reference pays its own collections as it would alone); wall and CPU time per article are measured over the last articles before each size (the marginal cost when the store holds that
many) and over the whole run, and the speed-up is datasketch's time over the store's. Peak memory is
the process's (both sides). Article generation and the articles table inserts are not timed (the
scratch store has no FTS triggers: this measures dedup, not search indexing).

The import benchmark writes ``--import-articles`` synthetic articles as JSON Lines and times the CLI in
fresh processes: ``import --no-dedup`` then ``dedup``, and ``import`` (clustering inline) then
``dedup --all``; it prints articles per second, stories found (and how many of the generator's copies
joined their original's story) and each command's peak memory.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Iterator

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from crawler.clustering import BULK_BATCH  # noqa: E402

BATCH = BULK_BATCH  # articles per batch: what `wirewatch dedup` clusters in one transaction


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def windows(sizes: list[int]) -> dict[int, int]:
    """The window of articles before each size over which the marginal cost is measured."""
    return {s: max(BATCH, min(10_000, s // 5) // BATCH * BATCH) for s in sizes}


class Clock:
    """One side's time per batch (wall and CPU), summed over the whole run and over the window
    before each measured size."""

    def __init__(self, sizes: list[int]) -> None:
        self.marks = windows(sizes)
        self.done, self.elapsed, self.elapsed_cpu = 0, 0.0, 0.0
        self.window_time = {s: 0.0 for s in sizes}
        self.window_cpu = {s: 0.0 for s in sizes}
        self.since_mark = [0, 0.0, 0.0]  # articles, wall and CPU seconds since :meth:`take_mark`

    @contextlib.contextmanager
    def batch(self, n: int) -> Iterator[None]:
        start, cpu = time.perf_counter(), time.process_time()
        yield
        spent, spent_cpu = time.perf_counter() - start, time.process_time() - cpu
        self.elapsed += spent
        self.elapsed_cpu += spent_cpu
        self.done += n
        self.since_mark[0] += n
        self.since_mark[1] += spent
        self.since_mark[2] += spent_cpu
        for size, width in self.marks.items():
            if size - width < self.done <= size:
                self.window_time[size] += spent
                self.window_cpu[size] += spent_cpu

    def take_mark(self) -> tuple[float, float] | None:
        """µs per article (wall, CPU) since the last call; None when no article was timed since."""
        count, wall, cpu = self.since_mark
        self.since_mark = [0, 0.0, 0.0]
        return (1e6 * wall / count, 1e6 * cpu / count) if count else None

    def at(self, size: int) -> dict[str, float]:
        """ms per article (wall, CPU) over the window before ``size`` and over the run so far."""
        width = self.marks[size]
        return {"window_ms": 1000 * self.window_time[size] / width, "window_cpu_ms": 1000 * self.window_cpu[size] / width,
                "cumulative_ms": 1000 * self.elapsed / self.done, "cumulative_cpu_ms": 1000 * self.elapsed_cpu / self.done}


def batches(count: int, arabic: float, per_day: int, seed: int = 42) -> Iterator[list[dict]]:
    from dedup_synthetic import Corpus

    batch: list[dict] = []
    for article in Corpus(seed=seed, arabic=arabic, per_day=per_day).articles(count):
        batch.append(article)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


# --- the project's store -----------------------------------------------------------------------


class StoreSide:
    """The project's Clusterer over a SQLite store on disk (the scratch store has no FTS triggers:
    this measures dedup, not search indexing). Inserting the articles is not timed."""

    def __init__(self, db_path: Path) -> None:
        import storage
        from crawler.clustering import Clusterer

        self.db_path = db_path
        self.db = storage.open_db(db_path)
        for trigger in ("articles_ai", "articles_au", "articles_ad"):
            self.db.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        with self.db.conn:
            self.db["sources"].insert_all([{"id": f"outlet-{i}", "name": f"Outlet {i}", "region": "other",
                                            "enabled": 0} for i in range(97)], pk="id")
        self.clusterer = Clusterer(self.db, batch_size=BATCH)
        self.copies_joined = self.copies = 0
        self.url_story: dict[str, int] = {}

    def insert(self, batch: list[dict]) -> list[int]:
        now = "2026-11-21T00:00:00+00:00"
        rows = [(a["url"], a["url"], a["outlet"], a["title"], a["text"], a["language"], a["published"], now, now,
                 str(hash(a["text"])), "ok") for a in batch]
        with self.db.conn:
            first = self.db.execute("SELECT coalesce(max(id), 0) + 1 FROM articles").fetchone()[0]
            self.db.conn.executemany("INSERT INTO articles (canonical_url, url, outlet, title, text, language, "
                                     "published, fetched, first_seen, content_hash, extraction_status) VALUES "
                                     "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        return list(range(first, first + len(batch)))

    def cluster(self, ids: list[int]) -> None:
        self.clusterer.cluster(ids)

    def check(self, batch: list[dict], ids: list[int]) -> None:
        """Count the generator's copies that joined their original's story (not timed)."""
        stories = dict(self.db.execute(f"SELECT id, story_id FROM articles WHERE id >= {ids[0]}").fetchall())
        for article, article_id in zip(batch, ids):
            self.url_story[article["url"]] = stories[article_id]
            if "copy_of" in article:
                self.copies += 1
                self.copies_joined += self.url_story.get(article["copy_of"]) == stories[article_id]

    def size_mb(self) -> float:
        return sum(p.stat().st_size for p in self.db_path.parent.glob(self.db_path.name + "*")) / 2**20


# --- the reference: datasketch alone, in memory ---------------------------------------------------


class ReferenceSide:
    """The same work per article with datasketch alone, in memory: the same words,
    MinHash.update_batch (default SHA-1 hash) for the copy and terms sets, MinHashLSH (42 bands x 3
    rows) query on both, Jaccard with every candidate, insert."""

    def __init__(self) -> None:
        from datasketch import LeanMinHash, MinHash, MinHashLSH

        from processing.dedup import DedupOptions

        self.options = options = DedupOptions()
        self.template = MinHash(num_perm=options.num_perm, seed=options.seed)
        self.copy_lsh = MinHashLSH(num_perm=options.num_perm, params=(options.bands, options.rows))
        self.terms_lsh = MinHashLSH(num_perm=options.num_perm, params=(options.bands, options.rows))
        self.signatures: dict[str, tuple[LeanMinHash, LeanMinHash]] = {}

    def cluster(self, batch: list[dict]) -> None:
        from datasketch import LeanMinHash, MinHash

        from processing.dedup import normalize, terms

        options, template, k = self.options, self.template, self.options.shingle_words
        for article in batch:
            text = normalize(article["text"])
            tokens = text.split()
            copy = MinHash(num_perm=options.num_perm, permutations=template.permutations, scheme=template.scheme)
            copy.update_batch([" ".join(tokens[i:i + k]).encode() for i in range(max(1, len(tokens) - k + 1))])
            term = MinHash(num_perm=options.num_perm, permutations=template.permutations, scheme=template.scheme)
            term.update_batch([t.encode() for t in set(terms(normalize(article["title"]) + " " + text,
                                                            normalized=True))])
            copy, term = LeanMinHash(copy), LeanMinHash(term)
            candidates = set(self.copy_lsh.query(copy)) | set(self.terms_lsh.query(term))
            best = max((copy.jaccard(self.signatures[c][0]) for c in candidates), default=0.0)
            linked = [c for c in candidates if term.jaccard(self.signatures[c][1]) >= options.related_threshold]
            assert best >= 0 and linked is not None
            self.copy_lsh.insert(article["url"], copy, check_duplication=False)
            self.terms_lsh.insert(article["url"], term, check_duplication=False)
            self.signatures[article["url"]] = (copy, term)


@contextlib.contextmanager
def gc_paused(pause: bool) -> Iterator[None]:
    """Python's cyclic garbage collector off while the store's turn runs (``pause``). The reference
    keeps millions of objects in memory; a full collection that falls in the store's turn scans them
    all (3.1 s charged to the store over 30k articles, about 0.1 ms an article, growing with the
    reference), which a `wirewatch dedup` process, holding nothing between batches, never pays."""
    if not pause:
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def run_side_by_side(sizes: list[int], reference_max: int, arabic: float, per_day: int,
                     workdir: Path) -> list[dict[str, Any]]:
    """Both sides in this process on the same batches, taking turns (the store first on even
    batches, the reference first on odd ones), after a warm-up batch each on other texts."""
    warm = next(batches(BATCH, arabic, per_day, seed=7))
    warm_store = StoreSide(workdir / "warm.db")
    warm_store.cluster(warm_store.insert(warm))
    ReferenceSide().cluster(warm)
    store, reference = StoreSide(workdir / "scale.db"), ReferenceSide()
    store_clock, reference_clock = Clock(sizes), Clock([s for s in sizes if s <= reference_max])
    rows = []
    tenth = max(BATCH, max(sizes) // 10 // BATCH * BATCH)
    print(f"  per tenth of the run ({tenth:,} articles), µs per article: store wall / CPU, datasketch wall / CPU, "
          f"load", flush=True)
    for number, batch in enumerate(batches(max(sizes), arabic, per_day)):
        ids = store.insert(batch)
        with_reference = store_clock.done < reference_max
        turns = [("store", store_clock), ("reference", reference_clock)][:2 if with_reference else 1]
        for side, clock in turns if number % 2 == 0 else turns[::-1]:
            with clock.batch(len(batch)), gc_paused(side == "store"):
                store.cluster(ids) if side == "store" else reference.cluster(batch)
        store.check(batch, ids)
        if store_clock.done % tenth == 0:
            ours_us, ref_us = store_clock.take_mark(), reference_clock.take_mark()
            ref_text = f"{ref_us[0]:>7.0f} / {ref_us[1]:<7.0f}" if ref_us else f"{'-':>17}"
            print(f"  tenth to {store_clock.done:>9,}: {ours_us[0]:>7.0f} / {ours_us[1]:<7.0f} {ref_text} "
                  f"{os.getloadavg()[0]:.1f}", flush=True)
        if store_clock.done in store_clock.marks:
            size = store_clock.done
            row = {"size": size, "store": store_clock.at(size), "load": os.getloadavg()[0],
                   "reference": reference_clock.at(size) if size in reference_clock.marks else None,
                   "peak_rss_mb": peak_rss_mb(), "db_mb": store.size_mb(), "copies_joined": store.copies_joined,
                   "copies": store.copies}
            rows.append(row)
            ours, ref = row["store"], row["reference"]
            line = (f"  {size:>9,} {ours['window_ms']:>8.3f} / {ours['window_cpu_ms']:.3f}")
            if ref:
                line += (f" {ref['window_ms']:>9.3f} / {ref['window_cpu_ms']:.3f} "
                         f"{ref['window_ms'] / ours['window_ms']:>6.2f}x {ref['window_cpu_ms'] / ours['window_cpu_ms']:>5.2f}x")
            else:
                line += f" {'not run':>17} {'-':>7} {'-':>6}"
            print(f"{line}  {ours['cumulative_ms']:>8.3f} / {ours['cumulative_cpu_ms']:.3f} {row['peak_rss_mb']:>9.0f} "
                  f"{row['db_mb']:>8.0f}  {row['copies_joined']}/{row['copies']}  {row['load']:.1f}", flush=True)
    return rows


# --- import + dedup through the CLI --------------------------------------------------------------


def timed(args: list[str], env: dict[str, str]) -> dict[str, Any]:
    """Run ``args`` in a fresh process; wall time, output and that process's peak memory."""
    wrapper = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); "
               "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(r.returncode)")
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", wrapper, *args], capture_output=True, text=True, env=env, cwd=ROOT)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{proc.stderr}")
    *_, rss = proc.stderr.strip().splitlines()
    return {"seconds": seconds, "stdout": proc.stdout.strip(), "peak_rss_mb": int(rss) / 1024}


def story_check(db: Path, truth: dict[str, str]) -> dict[str, int]:
    import sqlite3

    conn = sqlite3.connect(db)
    story = dict(conn.execute("SELECT url, story_id FROM articles").fetchall())
    stories, multi = conn.execute("SELECT count(*), sum(articles_count > 1) FROM stories").fetchone()
    conn.close()
    joined = sum(story[url] == story[original] for url, original in truth.items())
    return {"stories": stories, "multi": multi, "copies": len(truth), "copies_joined": joined}


def run_import(count: int, workdir: Path, per_day: int, with_language: bool = True) -> None:
    from dedup_synthetic import Corpus

    path = workdir / f"synthetic-{count}.jsonl"
    truth: dict[str, str] = {}
    with path.open("w", encoding="utf-8") as handle:
        for article in Corpus(per_day=per_day).articles(count):
            if "copy_of" in article:
                truth[article["url"]] = article["copy_of"]
            line = {k: v for k, v in article.items() if k != "copy_of" and (with_language or k != "language")}
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("WIREWATCH_")}
    cli = [sys.executable, "-m", "crawler.cli"]
    print(f"\n`wirewatch import` of {count} synthetic articles ({path.stat().st_size / 2**20:.0f} MiB JSON Lines, "
          f"{len(truth)} republished copies, language {'given' if with_language else 'detected'}), "
          f"this machine ({os.cpu_count()} cores):")
    print("  step                                   seconds  articles/s  peak MiB  result")
    plans = [("a", ["import", str(path), "--no-dedup"], "import --no-dedup"), ("a", ["dedup"], "then dedup"),
             ("b", ["import", str(path)], "import (dedup inline)"), ("b", ["dedup"], "then dedup (nothing new)"),
             ("b", ["dedup", "--all"], "then dedup --all")]
    for store, args, label in plans:
        db = workdir / f"import-{count}-{store}.db"
        if args[0] == "import":
            for old in workdir.glob(db.name + "*"):
                old.unlink()
        result = timed([*cli, *args, "--db", str(db)], env)
        line = result["stdout"].splitlines()
        check = story_check(db, truth) if args[0] == "dedup" or "--no-dedup" not in args else None
        outcome = (f"{check['stories']} stories ({check['multi']} with copies); {check['copies_joined']}/"
                   f"{check['copies']} copies joined their original" if check else line[0].split(": ", 2)[-1])
        print(f"  {label:<38} {result['seconds']:>7.1f} {count / result['seconds']:>11.0f} "
              f"{result['peak_rss_mb']:>9.0f}  {outcome}")


# --- orchestration -------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--reference-max", type=int, default=100_000,
                        help="Largest size for the in-memory reference (it keeps every band in RAM).")
    parser.add_argument("--import-articles", type=int, default=30_000, help="0 to skip the import benchmark.")
    parser.add_argument("--workdir", type=Path, help="Where the stores go (default: a temporary folder).")
    parser.add_argument("--skip-store", action="store_true", help="Only the import benchmark.")
    parser.add_argument("--detect-language", action="store_true",
                        help="Leave `language` out of the import file: every article goes through language detection.")
    parser.add_argument("--arabic", type=float, default=1.0,
                        help="Share of the synthetic articles in Arabic (the rest English-like); default all.")
    parser.add_argument("--per-day", type=int, default=300,
                        help="Articles published a day (publication dates of the synthetic feed).")
    args = parser.parse_args(argv)
    sizes = sorted(set(args.sizes))
    with tempfile.TemporaryDirectory(prefix="wirewatch-dedup-scale-", dir=args.workdir) as tmp:
        workdir = Path(tmp)
        if not args.skip_store:
            print(f"Dedup of synthetic articles ({args.arabic:.0%} Arabic, {args.per_day:,} a day), batches of {BATCH}, the store and "
                  f"datasketch in this process on the same batches, taking turns, warm; per article over the last "
                  f"articles before each size ({', '.join(f'{w:,} before {s:,}' for s, w in windows(sizes).items())}); "
                  f"speed-up = datasketch time / store time:")
            print(f"  {'articles':>9} {'store ms wall / CPU':>19} {'datasketch wall / CPU':>21} "
                  f"{'speed-up wall / CPU':>19}  {'store so far':>15} {'peak MiB':>9} {'disk MiB':>8}  copies joined  load")
            run_side_by_side(sizes, args.reference_max, args.arabic, args.per_day, workdir)
        if args.import_articles:
            run_import(args.import_articles, workdir, args.per_day, with_language=not args.detect_language)
    return 0


if __name__ == "__main__":
    sys.exit(main())
