"""Export speed and memory: `wirewatch export` against the bare library doing the same work.

Builds a synthetic store, then in one process times
  - Wirewatch's export (storage/export.py keyset batches + crawler/export.py JSON Lines writer), and
  - the bare baseline: one sqlite3 SELECT of the same columns, json.dumps per row, to a file,
and prints records a second, the ratio, and tracemalloc peaks for N and 10 x N records.

    python benchmarks/export_speed.py [--rows 200000]
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import storage  # noqa: E402
from crawler import export as exporter  # noqa: E402
from storage import sources  # noqa: E402
from storage.export import ExportQuery  # noqa: E402

TEXT = "A paragraph of synthetic news text about water, energy and transport in the region. " * 3


def build(path: Path, rows: int) -> None:
    db = storage.open_db(path)
    sources.sync(db, [{"id": "north", "name": "North", "country": "GB", "region": "uk", "languages": ["en"],
                       "homepage": "http://n.example/", "enabled": True}])
    with db.conn:
        db["articles"].insert_all(({"canonical_url": f"http://n.example/{i}", "url": f"http://n.example/{i}",
                                    "outlet": "north", "title": f"Article {i}", "text": TEXT, "language": "en",
                                    "content_hash": f"h{i}", "fetched": "2026-11-20T10:00:00+00:00",
                                    "first_seen": "2026-11-20T10:00:00+00:00", "extraction_status": "ok"}
                                   for i in range(rows)), batch_size=2000)
    db.close()


def wirewatch_export(path: Path, out: Path, after_id: int = 0) -> int:
    db = storage.open_readonly(path)
    try:
        return exporter.export(db, ExportQuery(after_id=after_id), "jsonl", out, stdout=sys.stdout.buffer).records
    finally:
        db.close()


def bare_export(path: Path, out: Path) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    count = 0
    with open(out, "w", encoding="utf-8") as f:
        for row in conn.execute("SELECT a.*, s.name AS outlet_name, s.region, s.country FROM articles a "
                                "LEFT JOIN sources s ON s.id = a.outlet WHERE a.extraction_status = 'ok' "
                                "ORDER BY a.id"):
            f.write(json.dumps(dict(row), ensure_ascii=False) + "\n")
            count += 1
    conn.close()
    return count


def peak(func, *args) -> tuple[int, float]:
    tracemalloc.start()
    result = func(*args)
    _, top = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return result, top / 1024 / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    rows = parser.parse_args().rows
    with tempfile.TemporaryDirectory() as tmp:
        store, out = Path(tmp) / "store.db", Path(tmp) / "out.jsonl"
        build(store, rows)
        timings = {}
        for name, func in (("wirewatch", wirewatch_export), ("bare sqlite3+json", bare_export)):
            start = time.perf_counter()
            count = func(store, out)
            timings[name] = time.perf_counter() - start
            print(f"{name:18} {count} records in {timings[name]:.2f} s = {count / timings[name]:,.0f} records/s")
        print(f"ratio wirewatch / bare: {timings['wirewatch'] / timings['bare sqlite3+json']:.2f}")
        small, small_peak = peak(wirewatch_export, store, out, rows - rows // 10)
        large, large_peak = peak(wirewatch_export, store, out)
        print(f"tracemalloc peak: {small} records {small_peak:.2f} MiB, {large} records {large_peak:.2f} MiB "
              f"(ratio {large_peak / small_peak:.2f})")


if __name__ == "__main__":
    main()
