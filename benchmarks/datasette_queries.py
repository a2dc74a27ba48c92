"""Canned queries and searches on a large store: p95 latency through `wirewatch serve`'s Datasette
against the bare library (sqlite3 running the same SQL with the same parameters) in the same run.

Builds a synthetic store (English and vowelled Arabic articles from 40 outlets in three regions,
stories of 1-4 copies, watches with hits), then asks every canned query and the articles table's
search box ``--repeat`` times each, in-process through Datasette's ASGI app (``datasette.client``,
the JSON of each page), and prints p50/p95 in ms for Datasette and for bare sqlite3, and their ratio.
The issue's target (#15): p95 < 1 s for each on a store of >= 300,000 articles.

    python benchmarks/datasette_queries.py [--articles 300000] [--repeat 20] [--db PATH]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import storage  # noqa: E402
from crawler.cli.serve import make_datasette  # noqa: E402
from storage import analyst_queries, catalog, search, sources, watches  # noqa: E402

ENGLISH = ("water security forum desalination energy cost ministers gulf cooperation council talks trade "
           "port shipping oil prices budget school hospital library transport rail bus election court "
           "sanctions drones festival book fair weather storm heat").split()
ARABIC = ("مَجْلِس الشُّورَى يُنَاقِش مَطَالِب الشَّعْب مَدْرَسَة مُسْتَشْفًى مَكْتَبَة أَمْطَار إِلَى الْوِزَارَة "
          "تَحْلِيَة الْمِيَاه الطَّاقَة الشَّمْسِيَّة مِينَاء النِّفْط الْمِيزَانِيَّة حَافِلَات مَعْرِض الْكِتَاب").split()
REGIONS = ("uk", "gulf", "other")
SEARCHES = ("water", "desalination energy", '"water security"', "hosp*", "الشعب", "مدرسة", "co-operation", "U.S.",
            "w1", "w2*")  # w1: the most common word, in nearly every article


def build(path: Path, articles: int, seed: int = 7) -> None:
    """The synthetic store at ``path``: ``articles`` articles over the last 30 days, newest last."""
    rng = random.Random(seed)
    db = storage.open_db(path)
    db.execute("PRAGMA foreign_keys = OFF")  # stories and their articles point at each other; built in batches
    outlets = [{"id": f"outlet-{i}", "name": f"Outlet {i}", "country": "GB", "region": REGIONS[i % 3],
                "languages": ["en", "ar"], "homepage": f"http://o{i}.example/", "enabled": True} for i in range(40)]
    sources.sync(db, outlets)
    start = datetime(2026, 11, 1, tzinfo=timezone.utc)
    now = datetime.now(timezone.utc)
    span = (now - start).total_seconds()
    t0 = time.perf_counter()
    batch: list[dict[str, Any]] = []
    stories: list[dict[str, Any]] = []
    members: list[dict[str, Any]] = []
    story_id = 0
    i = 0
    while i < articles:
        copies = rng.choice((1, 1, 1, 2, 3, 4))
        story_id += 1
        arabic_story = rng.random() < 0.35
        words = ARABIC if arabic_story else ENGLISH
        text = _text(rng, words, 120)
        title = _text(rng, words, 8)
        when = start + timedelta(seconds=span * i / articles)
        outlets_used = rng.sample(range(40), copies)
        for c, o in enumerate(outlets_used):
            if i >= articles:
                break
            i += 1
            stamp = (when + timedelta(minutes=c)).strftime("%Y-%m-%dT%H:%M:%S")
            row = {"id": i, "canonical_url": f"http://o{o}.example/{i}", "url": f"http://o{o}.example/{i}",
                   "outlet": f"outlet-{o}", "title": title, "text": text, "language": "ar" if arabic_story else "en",
                   "content_hash": f"h{i}", "fetched": stamp, "first_seen": stamp, "published": stamp,
                   "extraction_status": "ok", "story_id": story_id,
                   "translation_status": "done" if arabic_story else "original",
                   "title_en": _text(rng, ENGLISH, 8) if arabic_story else None,
                   "text_en": _text(rng, ENGLISH, 120) if arabic_story else None}
            batch.append(row)
            members.append({"article_id": i, "story_id": story_id, "similarity": 1.0, "joined": stamp})
        first = members[-len(outlets_used)]["article_id"] if len(outlets_used) <= len(members) else i
        stories.append({"id": story_id, "canonical_article_id": first, "articles_count": len(outlets_used),
                        "outlets_count": len(outlets_used), "first_seen": when.isoformat(),
                        "last_seen": when.isoformat()})
        if len(batch) >= 5000:
            _flush(db, batch, stories, members)
            print(f"  built {i:,} of {articles:,} articles ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    _flush(db, batch, stories, members)
    for name, query in (("water", "water security"), ("schools", "مدرسة"), ("ports", "port*")):
        watches.add(db, watches.Watch(name=name, query=query))
    watches.run(db)
    db.execute("ANALYZE")
    db.close()


def _text(rng: random.Random, topic: tuple | list, words: int) -> str:
    """``words`` words: Zipf-distributed filler from a 20,000-word vocabulary (``w1`` most common),
    and each topic word with probability 4 %, so a topic word is in a few percent of articles as in
    real news, and the most common filler words in most of them (the worst case for a search)."""
    out = [f"w{min(int(rng.paretovariate(1.1)), 20_000)}" for _ in range(words)]
    for word in topic:
        if rng.random() < 0.04:
            out[rng.randrange(words)] = word
    return " ".join(out)


def _flush(db: Any, batch: list, stories: list, members: list) -> None:
    with db.conn:
        db["stories"].insert_all(stories)
        db["articles"].insert_all(batch)
        db["story_members"].insert_all(members)
    batch.clear(), stories.clear(), members.clear()


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def timed(fn: Callable[[], Any], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


async def measure(path: Path, repeat: int) -> list[tuple[str, float, float, float, float]]:
    ds = make_datasette(path)
    await ds.invoke_startup()
    name = path.stem
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    search.register_functions(conn)
    features = catalog.features(storage.open_readonly(path))
    cases: list[tuple[str, str, str, dict[str, str]]] = []  # label, datasette path, sql, params
    story = str(conn.execute("SELECT max(story_id) FROM story_members").fetchone()[0])
    for q in analyst_queries.canned_queries(features):
        if q.name.startswith("search_"):
            for words in SEARCHES:
                cases.append((f"{q.name} q={words}", f"/{name}/{q.name}.json", q.sql, {"q": words}))
            continue
        params = {"region": "gulf", "language": "ar", "story_id": story, "watch": "water"}
        params = {k: v for k, v in params.items() if f":{k}" in q.sql}
        cases.append((q.name, f"/{name}/{q.name}.json", q.sql, params))
    for words in SEARCHES[:4] + ("",):
        table_sql = ("SELECT * FROM articles WHERE id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH "
                     "escape_fts(:q)) ORDER BY id DESC LIMIT 51") if words else \
            "SELECT * FROM articles ORDER BY id DESC LIMIT 51"
        cases.append((f"articles?_search={words}", f"/{name}/articles.json", table_sql, {"_search": words}
                      if words else {}))
    results = []
    for label, page, sql, params in cases:
        query_params = params

        async def one() -> None:
            response = await ds.client.get(page, params={**query_params, "_shape": "objects"})
            assert response.status_code == 200, (label, response.status_code, response.text[:300])

        samples = []
        for _ in range(repeat):
            t = time.perf_counter()
            await one()
            samples.append((time.perf_counter() - t) * 1000)
        bare_params = {"q": params.get("_search", "")} if label.startswith("articles?") else params
        try:
            bare = timed(lambda: conn.execute(sql, bare_params).fetchall(), repeat)
        except sqlite3.Error as exc:
            raise SystemExit(f"{label}: {exc} ({bare_params})") from exc
        p50, p95 = percentiles(samples)
        b50, b95 = percentiles(bare)
        results.append((label, p50, p95, b95, p95 / max(b95, 0.01)))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=300_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--db", type=Path, help="Reuse (or build once into) this store.")
    args = parser.parse_args()
    path = args.db or Path(tempfile.mkdtemp(prefix="wirewatch-bench-")) / "bench.db"
    if not path.exists():
        t = time.perf_counter()
        build(path, args.articles)
        print(f"built {args.articles:,} articles in {time.perf_counter() - t:.0f} s: {path}", file=sys.stderr)
    count = sqlite3.connect(path).execute("SELECT count(*) FROM articles").fetchone()[0]
    load_before = os.getloadavg()[0]
    results = asyncio.run(measure(path, args.repeat))
    print(f"store: {count:,} articles; {args.repeat} runs each; times in ms; load average {load_before:.1f} "
          f"before, {os.getloadavg()[0]:.1f} after")
    print(f"{'query':48} {'p50':>8} {'p95':>8} {'bare p95':>9} {'ratio':>7}")
    for label, p50, p95, b95, ratio in results:
        flag = "" if p95 < 1000 else "  > 1 s"
        print(f"{label[:48]:48} {p50:8.1f} {p95:8.1f} {b95:9.1f} {ratio:7.2f}{flag}")
    print(f"worst p95: {max(r[2] for r in results):.1f} ms; {sum(r[2] < 1000 for r in results)}/{len(results)} "
          "under 1 s")


if __name__ == "__main__":
    main()
