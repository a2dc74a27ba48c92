"""Dedup at scale: time per article as the store grows, peak memory, and datasketch's in-memory
MinHashLSH doing the same work as the reference; plus `wirewatch import` + `wirewatch dedup` end to end.

    python benchmarks/dedup_scale.py [--sizes 10000 100000 1000000] [--reference-max 100000]
                                     [--import-articles 30000] [--workdir DIR] [--skip-store] [--detect-language]

Synthetic articles (benchmarks/dedup_synthetic.py: English- and Arabic-like, 15% republished copies,
2,000 a day) are clustered batch by batch (500 articles) by the project's Clusterer into a SQLite store
on disk; the time per article is measured over the last articles before each size (the marginal cost
when the store holds that many) and over the whole run. The reference does the same work per article
in memory with datasketch alone: the same words, MinHash.update_batch (default SHA-1 hash) for the copy
and terms sets, MinHashLSH (42 bands x 3 rows) query on both, Jaccard with every candidate, insert.
Each side runs in its own process; peak memory is that process's maximum resident set size. Article
generation and the articles table inserts are not timed (the scratch store has no FTS triggers: this
measures dedup, not search indexing).

The import benchmark writes ``--import-articles`` synthetic articles as JSON Lines and times the CLI in
fresh processes: ``import --no-dedup`` then ``dedup``, and ``import`` (clustering inline) then
``dedup --all``; it prints articles per second, stories found (and how many of the generator's copies
joined their original's story) and each command's peak memory.
"""

from __future__ import annotations

import argparse
import contextlib
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

BATCH = 500


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def windows(sizes: list[int]) -> dict[int, int]:
    """The window of articles before each size over which the marginal cost is measured."""
    return {s: max(BATCH, min(5_000, s // 10) // BATCH * BATCH) for s in sizes}


class Clock:
    """Time per batch, summed over the whole run and over the window before each measured size."""

    def __init__(self, sizes: list[int]) -> None:
        self.marks = windows(sizes)
        self.done, self.elapsed = 0, 0.0
        self.window_time = {s: 0.0 for s in sizes}
        self.window_cpu = {s: 0.0 for s in sizes}

    @contextlib.contextmanager
    def batch(self, n: int) -> Iterator[None]:
        start, cpu = time.perf_counter(), time.process_time()
        yield
        spent, spent_cpu = time.perf_counter() - start, time.process_time() - cpu
        self.elapsed += spent
        self.done += n
        for size, width in self.marks.items():
            if size - width < self.done <= size:
                self.window_time[size] += spent
                self.window_cpu[size] += spent_cpu

    def report(self) -> dict[str, Any] | None:
        """The figures at a measured size, or None between sizes."""
        if self.done not in self.marks:
            return None
        width = self.marks[self.done]
        return {"size": self.done, "window": width, "window_ms": 1000 * self.window_time[self.done] / width,
                "window_cpu_ms": 1000 * self.window_cpu[self.done] / width,
                "cumulative_ms": 1000 * self.elapsed / self.done, "peak_rss_mb": peak_rss_mb()}


def batches(count: int) -> Iterator[list[dict]]:
    from dedup_synthetic import Corpus

    batch: list[dict] = []
    for article in Corpus().articles(count):
        batch.append(article)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


# --- the project's store -----------------------------------------------------------------------


def run_store(sizes: list[int], db_path: Path) -> None:
    import storage
    from crawler.clustering import Clusterer

    db = storage.open_db(db_path)
    for trigger in ("articles_ai", "articles_au", "articles_ad"):
        db.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    with db.conn:
        db["sources"].insert_all([{"id": f"outlet-{i}", "name": f"Outlet {i}", "region": "other", "enabled": 0}
                                  for i in range(97)], pk="id")
    clusterer = Clusterer(db, batch_size=BATCH)
    clock, copies_joined, copies = Clock(sizes), 0, 0
    url_story: dict[str, int] = {}
    for batch in batches(max(sizes)):
        now = "2026-11-21T00:00:00+00:00"
        rows = [(a["url"], a["url"], a["outlet"], a["title"], a["text"], a["language"], a["published"], now, now,
                 str(hash(a["text"])), "ok") for a in batch]
        with db.conn:
            first = db.execute("SELECT coalesce(max(id), 0) + 1 FROM articles").fetchone()[0]
            db.conn.executemany("INSERT INTO articles (canonical_url, url, outlet, title, text, language, published, "
                                "fetched, first_seen, content_hash, extraction_status) VALUES "
                                "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        ids = list(range(first, first + len(batch)))
        with clock.batch(len(batch)):
            clusterer.cluster(ids)
        stories = dict(db.execute(f"SELECT id, story_id FROM articles WHERE id >= {first}").fetchall())
        for article, article_id in zip(batch, ids):
            url_story[article["url"]] = stories[article_id]
            if "copy_of" in article:
                copies += 1
                copies_joined += url_story.get(article["copy_of"]) == stories[article_id]
        figures = clock.report()
        if figures is not None:
            size_mb = sum(p.stat().st_size for p in db_path.parent.glob(db_path.name + "*")) / 2**20
            print(json.dumps({"side": "store", **figures, "db_mb": size_mb, "copies_joined": copies_joined,
                              "copies": copies}), flush=True)


# --- the reference: datasketch alone, in memory ---------------------------------------------------


def run_reference(sizes: list[int]) -> None:
    from datasketch import LeanMinHash, MinHash, MinHashLSH

    from processing.dedup import DedupOptions, normalize, terms

    options = DedupOptions()
    template = MinHash(num_perm=options.num_perm, seed=options.seed)
    copy_lsh = MinHashLSH(num_perm=options.num_perm, params=(options.bands, options.rows))
    terms_lsh = MinHashLSH(num_perm=options.num_perm, params=(options.bands, options.rows))
    signatures: dict[str, tuple[LeanMinHash, LeanMinHash]] = {}
    clock = Clock(sizes)
    k = options.shingle_words
    for batch in batches(max(sizes)):
        with clock.batch(len(batch)):
            for article in batch:
                text = normalize(article["text"])
                tokens = text.split()
                copy = MinHash(num_perm=options.num_perm, permutations=template.permutations, scheme=template.scheme)
                copy.update_batch([" ".join(tokens[i:i + k]).encode() for i in range(max(1, len(tokens) - k + 1))])
                term = MinHash(num_perm=options.num_perm, permutations=template.permutations, scheme=template.scheme)
                term.update_batch([t.encode() for t in set(terms(normalize(article["title"]) + " " + text,
                                                                normalized=True))])
                copy, term = LeanMinHash(copy), LeanMinHash(term)
                candidates = set(copy_lsh.query(copy)) | set(terms_lsh.query(term))
                best = max((copy.jaccard(signatures[c][0]) for c in candidates), default=0.0)
                linked = [c for c in candidates if term.jaccard(signatures[c][1]) >= options.related_threshold]
                assert best >= 0 and linked is not None
                copy_lsh.insert(article["url"], copy, check_duplication=False)
                terms_lsh.insert(article["url"], term, check_duplication=False)
                signatures[article["url"]] = (copy, term)
        figures = clock.report()
        if figures is not None:
            print(json.dumps({"side": "reference", **figures}), flush=True)


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


def run_import(count: int, workdir: Path, with_language: bool = True) -> None:
    from dedup_synthetic import Corpus

    path = workdir / f"synthetic-{count}.jsonl"
    truth: dict[str, str] = {}
    with path.open("w", encoding="utf-8") as handle:
        for article in Corpus().articles(count):
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


def child(side: str, sizes: list[int], db: Path | None) -> list[dict[str, Any]]:
    args = [sys.executable, __file__, f"_{side}", "--sizes", *map(str, sizes)] + (["--db", str(db)] if db else [])
    rows = []
    with subprocess.Popen(args, stdout=subprocess.PIPE, text=True, cwd=ROOT) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            row = json.loads(line)
            rows.append(row)
            print(f"  [{side}] {row['size']:>9,} articles: {row['window_ms']:.3f} ms/article at this size "
                  f"(CPU {row['window_cpu_ms']:.3f}), "
                  f"{row['cumulative_ms']:.3f} ms/article so far, peak {row['peak_rss_mb']:.0f} MiB"
                  + (f", store {row['db_mb']:.0f} MiB" if "db_mb" in row else ""), flush=True)
    if proc.returncode:
        raise SystemExit(f"{side} run failed")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", nargs="?", default="all", choices=["all", "_store", "_reference"],
                        help=argparse.SUPPRESS)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--reference-max", type=int, default=100_000,
                        help="Largest size for the in-memory reference (it keeps every band in RAM).")
    parser.add_argument("--import-articles", type=int, default=30_000, help="0 to skip the import benchmark.")
    parser.add_argument("--workdir", type=Path, help="Where the stores go (default: a temporary folder).")
    parser.add_argument("--skip-store", action="store_true", help="Only the import benchmark.")
    parser.add_argument("--detect-language", action="store_true",
                        help="Leave `language` out of the import file: every article goes through language detection.")
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    sizes = sorted(set(args.sizes))
    if args.mode == "_store":
        run_store(sizes, args.db)
        return 0
    if args.mode == "_reference":
        run_reference(sizes)
        return 0
    with tempfile.TemporaryDirectory(prefix="wirewatch-dedup-scale-", dir=args.workdir) as tmp:
        workdir = Path(tmp)
        if not args.skip_store:
            print(f"Insert-and-query per article, batches of {BATCH}; marginal cost over the last articles "
                  f"before each size ({', '.join(f'{w:,} before {s:,}' for s, w in windows(sizes).items())}):")
            store = child("store", sizes, workdir / "scale.db")
            reference_sizes = [s for s in sizes if s <= args.reference_max]
            reference = child("reference", reference_sizes, None) if reference_sizes else []
            print("\n  Per article at each size (wall ms / CPU ms); ratio = store / datasketch, CPU time:")
            print("   articles      store wall/CPU  datasketch wall/CPU  ratio  store peak MiB  reference peak MiB"
                  "  store on disk MiB  copies joined")
            by_size = {r["size"]: r for r in reference}
            for row in store:
                ref = by_size.get(row["size"])
                ratio = f"{row['window_cpu_ms'] / ref['window_cpu_ms']:.2f}" if ref else "-"
                ref_ms = f"{ref['window_ms']:.3f} / {ref['window_cpu_ms']:.3f}" if ref else "not run"
                ref_rss = f"{ref['peak_rss_mb']:.0f}" if ref else "-"
                ours = f"{row['window_ms']:.3f} / {row['window_cpu_ms']:.3f}"
                print(f"  {row['size']:>9,} {ours:>19} {ref_ms:>20} {ratio:>6} "
                      f"{row['peak_rss_mb']:>15.0f} {ref_rss:>19} {row['db_mb']:>18.0f}  "
                      f"{row['copies_joined']}/{row['copies']}")
        if args.import_articles:
            run_import(args.import_articles, workdir, with_language=not args.detect_language)
    return 0


if __name__ == "__main__":
    sys.exit(main())
