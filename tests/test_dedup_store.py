"""Clustering in a real SQLite store: `wirewatch import`, `wirewatch dedup`, idempotence, translations."""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path

import numpy as np
import pytest

import storage
from crawler.clustering import Clusterer
from crawler.importer import Importer
from processing.band_index import BandIndex, pairs_of_blobs
from processing.dedup import DedupOptions
from storage import articles
from storage import dedup as store_dedup
from storage.dedup import SchemeMismatch
from tests.conftest import SHARED, invoke_cli
from tests.contract_schema import copy_store

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "dedup"


def fixture_documents() -> list[dict]:
    lines = (FIXTURES / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def jsonl_line(doc: dict, outlet: str | None = None, **extra: object) -> str:
    record = {"url": f"https://{outlet or 'wire-' + doc['lang']}.example/{doc['id'].replace('~', '/')}",
              "outlet": outlet or f"wire-{doc['lang']}", "title": doc["title"], "text": doc["text"],
              "published": "2026-11-16T10:00:00Z", "language": doc["lang"], **extra}
    return json.dumps(record, ensure_ascii=False)


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def query(db: Path, sql: str, args: tuple = ()) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def story_of(db: Path) -> dict[str, int]:
    """Fixture document id (from the URL) → story id."""
    return {url.split(".example/", 1)[1].replace("/", "~"): story
            for url, story in query(db, "SELECT url, story_id FROM articles")}


def groups(db: Path) -> set[frozenset[str]]:
    stories: dict[int, set[str]] = {}
    for doc, story in story_of(db).items():
        stories.setdefault(story, set()).add(doc)
    return {frozenset(s) for s in stories.values()}


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every fixture document (wire stories, their copies, rewrites, other articles) imported by the CLI."""
    tmp = tmp_path_factory.mktemp("imported")
    docs = fixture_documents()
    path = write_jsonl(tmp / "articles.jsonl", [jsonl_line(d) for d in docs])
    db = tmp / "store.db"
    result = invoke_cli("import", path, "--db", db)
    assert result.code == 0, result.stderr
    assert f"{len(docs)} lines, {len(docs)} new, 0 updated, 0 unchanged, 0 rejected" in result.stdout
    return db


def test_wire_copies_join_their_story_and_nothing_else_does(imported: Path) -> None:
    found = groups(imported)
    docs = fixture_documents()
    expected = {frozenset(d["id"] for d in docs if d["id"].split("~")[0] == wire["id"])
                for wire in docs if wire["kind"] == "wire" and wire["variant"] == "original"}
    expected |= {frozenset([d["id"]]) for d in docs if d["kind"] != "wire" and "~" not in d["id"]}
    assert found == expected


def test_rewrites_and_translations_are_linked_not_merged(imported: Path) -> None:
    links = query(imported, "SELECT a.url, o.url, r.relation, r.score FROM article_relations r "
                            "JOIN articles a ON a.id = r.article_id JOIN articles o ON o.id = r.other_article_id")
    related = {(a.rsplit("/", 1)[1], o.rsplit("/", 1)[1]) for a, o, rel, _ in links if rel == "related"}
    # A rewrite is linked to its wire story (or to one of the copies of it).
    for rewrite in ("en-port-strike-rewrite", "en-oil-rewrite", "en-measles-rewrite", "ar-flu-rewrite"):
        assert any(rewrite in pair for pair in related), rewrite
    assert all(0.25 <= score <= 1 for *_, score in links)
    # No translation links without translations.
    assert not [link for link in links if link[2] == "translation-of"]


def test_dedup_again_changes_nothing_and_all_rebuilds_the_same(imported: Path) -> None:
    members = "SELECT article_id, story_id, similarity, matched_article_id FROM story_members ORDER BY article_id"
    relations = "SELECT * FROM article_relations ORDER BY 1, 2, 3"
    before = query(imported, members), query(imported, relations)
    again = invoke_cli("dedup", "--db", imported)
    assert again.code == 0 and again.stdout.startswith("wirewatch: dedup: 0 articles clustered"), again.stdout
    assert (query(imported, members), query(imported, relations)) == before
    rebuilt = invoke_cli("dedup", "--all", "--db", imported)
    assert rebuilt.code == 0, rebuilt.stderr
    assert rebuilt.stdout.startswith(f"wirewatch: dedup --all: {len(fixture_documents())} articles clustered")
    assert (query(imported, members), query(imported, relations)) == before
    stories = query(imported, "SELECT count(*), sum(articles_count) FROM stories")
    assert stories == [(len(groups(imported)), len(fixture_documents()))]


def test_import_of_the_same_file_again_is_unchanged(imported: Path, tmp_path: Path) -> None:
    docs = fixture_documents()[:5]
    path = write_jsonl(tmp_path / "again.jsonl", [jsonl_line(d) for d in docs])
    result = invoke_cli("import", path, "--db", imported)
    assert result.code == 0, result.stderr
    assert "5 lines, 0 new, 0 updated, 5 unchanged, 0 rejected" in result.stdout
    assert "dedup: 0 articles clustered" in result.stdout


def _store(tmp_path: Path, options: DedupOptions = DedupOptions()) -> tuple[Path, Importer]:
    db_path = tmp_path / "store.db"
    return db_path, Importer(storage.open_db(db_path), options=options)


def test_a_changed_article_moves_to_its_new_story(tmp_path: Path) -> None:
    docs = {d["id"]: d for d in fixture_documents()}
    db_path, importer = _store(tmp_path)
    lines = [jsonl_line(docs[i]) for i in ("en-oil-wire", "en-floods-wire", "en-oil-wire~combined")]
    importer.run(write_jsonl(tmp_path / "a.jsonl", lines))
    assert groups(db_path) == {frozenset({"en-oil-wire", "en-oil-wire~combined"}), frozenset({"en-floods-wire"})}
    # The copy's page now carries the floods story instead.
    moved = json.loads(jsonl_line(docs["en-oil-wire~combined"]))
    moved["text"] = docs["en-floods-wire~boilerplate"]["text"]
    report = importer.run(write_jsonl(tmp_path / "b.jsonl", [json.dumps(moved, ensure_ascii=False)]))
    assert report.updated == 1 and report.dedup.joined == 1
    assert groups(db_path) == {frozenset({"en-oil-wire"}), frozenset({"en-floods-wire", "en-oil-wire~combined"})}
    counts = query(db_path, "SELECT canonical_article_id, articles_count, outlets_count FROM stories ORDER BY id")
    assert sorted(c[1] for c in counts) == [1, 2]


def test_exact_duplicates_join_whatever_their_dates(tmp_path: Path) -> None:
    docs = {d["id"]: d for d in fixture_documents()}
    db_path, importer = _store(tmp_path)
    first = json.loads(jsonl_line(docs["en-cyber-wire"], outlet="west-echo"))
    later = {**first, "url": "https://other.example/republished", "outlet": "other", "title": "Another headline",
             "published": "2025-06-01T08:00:00Z"}
    rewrite = {**json.loads(jsonl_line(docs["en-cyber-rewrite"])), "published": "2026-09-01T08:00:00Z"}
    report = importer.run(write_jsonl(tmp_path / "a.jsonl", [json.dumps(r) for r in (first, later, rewrite)]))
    assert report.dedup.joined == 1 and report.dedup.related == 0  # the rewrite is 11 weeks off: not linked
    assert query(db_path, "SELECT similarity FROM story_members WHERE matched_article_id IS NOT NULL") == [(1.0,)]
    assert query(db_path, "SELECT outlets_count FROM stories WHERE articles_count = 2") == [(2,)]


def test_translation_is_linked_to_the_english_story(tmp_path: Path) -> None:
    """An Arabic article given its English translation directly (issue 5 adds the columns)."""
    docs = {d["id"]: d for d in fixture_documents()}
    db_path = tmp_path / "store.db"
    db = storage.open_db(db_path)
    for column in ("title_en", "text_en"):  # what issue 5's migration adds to articles
        if column not in db["articles"].columns_dict:
            db["articles"].add_column(column, str)
    importer = Importer(db)
    arabic = docs["ar-airline-translated"]
    importer.run(write_jsonl(tmp_path / "a.jsonl", [
        jsonl_line(docs["en-airline-wire"]),
        jsonl_line(arabic, title_en=arabic["title_en"], text_en=arabic["text_en"]),
        jsonl_line(docs["ar-university-translated"]),  # no translation yet
        jsonl_line(docs["en-university-wire"]),
    ]))
    links = query(db_path, "SELECT a.url, o.url, r.relation, r.score FROM article_relations r "
                           "JOIN articles a ON a.id = r.article_id JOIN articles o ON o.id = r.other_article_id")
    assert [(a.rsplit("/", 1)[1], o.rsplit("/", 1)[1], rel) for a, o, rel, _ in links] == \
        [("ar-airline-translated", "en-airline-wire", "translation-of")]
    assert links[0][3] >= 0.25
    assert len(groups(db_path)) == 4  # linked, never merged
    # The university article's translation arrives later: `wirewatch dedup` picks it up.
    university = docs["ar-university-translated"]
    with db.conn:
        db.execute("UPDATE articles SET title_en = ?, text_en = ? WHERE url LIKE ?",
                   [university["title_en"], university["text_en"], "%/ar-university-translated"])
    report = Clusterer(db).cluster()
    assert report.articles == 1 and report.translations == 1
    assert len(query(db_path, "SELECT * FROM article_relations WHERE relation = 'translation-of'")) == 2
    db.close()


@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="../shared/seeds not available")
def test_the_seeds_stay_apart(tmp_path: Path) -> None:
    seeds = sorted((SHARED / "seeds").glob("*.txt"))[:2]
    db_path, importer = _store(tmp_path)
    lines = [json.dumps({"url": f"https://seed.example/{p.stem}", "outlet": f"seed-{i}", "text": p.read_text()})
             for i, p in enumerate(seeds)]
    report = importer.run(write_jsonl(tmp_path / "seeds.jsonl", lines))
    assert report.new == 2 and report.languages_detected == 2
    assert report.dedup.new_stories == 2 and report.dedup.joined == 0
    assert query(db_path, "SELECT language FROM articles") == [("en",), ("en",)]


def test_bad_lines_are_reported_counted_and_skipped(tmp_path: Path) -> None:
    good = {"url": "https://example.org/a", "outlet": "example-daily", "title": "A", "text": "Some words here."}
    lines = [
        json.dumps(good),
        "{not json",
        "[1, 2]",
        json.dumps({**good, "url": "ftp://example.org/b"}),
        json.dumps({"url": "https://example.org/c", "outlet": "x"}),
        json.dumps({**good, "url": "https://example.org/d", "title": 5}),
        json.dumps({**good, "url": "https://example.org/e", "language": "English please"}),
        "",
        json.dumps({**good, "url": "https://example.org/f", "mood": "sunny", "wire_agency": "SPA"}),
    ]
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(("\n".join(lines) + "\n").encode() + b'{"url": "\xff"}\n')
    db = tmp_path / "store.db"
    result = invoke_cli("import", path, "--db", db)
    assert result.code == 0, result.stderr
    assert ("9 lines, 2 new, 0 updated, 0 unchanged, 7 rejected (bad_encoding 1, bad_field 2, bad_json 1, "
            "bad_url 1, missing_field 1, not_object 1)") in result.stdout
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 7 and all(line.startswith(f"wirewatch: import {path}: line ") for line in errors)
    assert "line 2: bad_json" in errors[0] and "line 10: bad_encoding" in errors[-1]
    assert query(db, "SELECT id, region, enabled FROM sources") == [("example-daily", "other", 0)]
    assert "1 outlets not in the store were added as minimal sources" in result.stdout


def test_import_file_errors_are_one_line(tmp_path: Path) -> None:
    result = invoke_cli("import", tmp_path / "missing.jsonl", "--db", tmp_path / "store.db")
    assert result.code == 1 and result.stderr.strip() == f"Error: {tmp_path / 'missing.jsonl'}: no such file"


def test_signatures_of_another_scheme_are_refused_until_rebuilt(tmp_path: Path) -> None:
    docs = fixture_documents()[:3]
    db_path, importer = _store(tmp_path, DedupOptions(shingle_words=4))
    importer.run(write_jsonl(tmp_path / "a.jsonl", [jsonl_line(d) for d in docs]))
    with pytest.raises(SchemeMismatch):
        Clusterer(storage.open_db(db_path)).cluster()
    refused = invoke_cli("dedup", "--db", db_path)
    assert refused.code == 1 and "run `wirewatch dedup --all`" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    rebuilt = invoke_cli("dedup", "--all", "--db", db_path)
    assert rebuilt.code == 0 and "3 articles clustered" in rebuilt.stdout


def test_articles_without_text_are_skipped_once(tmp_path: Path) -> None:
    db_path = tmp_path / "store.db"
    db = storage.open_db(db_path)
    db["sources"].insert({"id": "x", "name": "x"})
    articles.upsert(db, {"canonical_url": "https://x.example/empty", "url": "https://x.example/empty",
                         "outlet": "x", "title": None, "text": "", "content_hash": "h", "fetched": "2026-11-16"})
    clusterer = Clusterer(db)
    assert clusterer.cluster().skipped_empty == 1
    assert clusterer.cluster().skipped_empty == 0
    assert query(db_path, "SELECT story_id FROM articles") == [(None,)]


@pytest.mark.parametrize("arrival", ["original first", "copy first"])
def test_canonical_article_is_the_earliest_published_whatever_arrives_first(tmp_path: Path, arrival: str) -> None:
    docs = {d["id"]: d for d in fixture_documents()}
    # The original is out at 11:20 UTC (written +03:00); the copy at 14:05 UTC, written -05:00 as a
    # string that sorts first. Neither that nor which one the crawl stores first may decide which
    # copy represents the story.
    original = json.loads(jsonl_line(docs["en-oil-wire"], outlet="gulf-herald",
                                     published="2026-11-16T14:20:00+03:00"))
    copy = {**json.loads(jsonl_line(docs["en-oil-wire~combined"], outlet="gulf-mirror")),
            "published": "2026-11-16T09:05:00-05:00"}
    undated = {**json.loads(jsonl_line(docs["en-oil-wire~boilerplate"], outlet="undated")), "published": None}
    order = [original, copy, undated] if arrival == "original first" else [undated, copy, original]
    db_path, importer = _store(tmp_path)
    importer.run(write_jsonl(tmp_path / "a.jsonl", [json.dumps(r, ensure_ascii=False) for r in order]))
    assert query(db_path, "SELECT a.outlet, s.articles_count FROM stories s "
                          "JOIN articles a ON a.id = s.canonical_article_id") == [("gulf-herald", 3)]


# --- copy band keys pending in lsh_pending, merged into lsh_bands (#15) ---------------------------

MEMBERS = "SELECT article_id, story_id, similarity, matched_article_id FROM story_members ORDER BY article_id"
RELATIONS = "SELECT * FROM article_relations ORDER BY 1, 2, 3"


@pytest.fixture(scope="module")
def unclustered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every fixture document imported without clustering."""
    tmp = tmp_path_factory.mktemp("unclustered")
    path = write_jsonl(tmp / "articles.jsonl", [jsonl_line(d) for d in fixture_documents()])
    db = tmp / "store.db"
    result = invoke_cli("import", path, "--no-dedup", "--db", db)
    assert result.code == 0, result.stderr
    return db


def test_pending_keys_merged_or_held_cluster_alike(imported: Path, unclustered: Path, tmp_path: Path) -> None:
    """Batches of 20: keys merged into lsh_bands after every batch, never merged, or read back by a new
    Clusterer (a new process) each batch: the same stories, members and links as one import."""
    expected = query(imported, MEMBERS), query(imported, RELATIONS)
    ids = [r[0] for r in query(unclustered, "SELECT id FROM articles ORDER BY first_seen, id")]
    for merge_min, fresh in ((1, False), (10**9, False), (10**9, True)):
        db_path = copy_store(unclustered, tmp_path / f"store-{merge_min}-{fresh}.db")
        db = storage.open_db(db_path)
        clusterer = Clusterer(db, batch_size=20, merge_min=merge_min)
        for start in range(0, len(ids), 20):
            if fresh:
                clusterer = Clusterer(db, batch_size=20, merge_min=merge_min)
            clusterer.cluster(ids[start:start + 20])
        db.close()
        assert (query(db_path, MEMBERS), query(db_path, RELATIONS)) == expected
        pending = query(db_path, "SELECT count(*) FROM lsh_pending")[0][0]
        merges = query(db_path, "SELECT value FROM dedup_state WHERE key = 'lsh_generation'")
        if merge_min == 1:
            assert pending == 0 and int(merges[0][0]) >= len(ids) // 20
        else:
            assert pending > 0 and not merges


def test_a_key_another_process_removed_is_not_a_candidate(tmp_path: Path,
                                                           caplog: pytest.LogCaptureFixture) -> None:
    """Clusterer B holds article X's pending keys; A signs X again (its text changed); B then clusters a
    copy of X's old text: it finds the candidates a new Clusterer finds, not X by its old keys."""
    docs = {d["id"]: d for d in fixture_documents()}
    db_path = tmp_path / "store.db"
    importer = Importer(storage.open_db(db_path), dedup=False)
    importer.run(write_jsonl(tmp_path / "a.jsonl", [jsonl_line(docs[i]) for i in (
        "en-oil-wire", "en-floods-wire", "en-oil-wire~exact-other-url")]))
    ids = {url.split(".example/", 1)[1].replace("/", "~"): i
           for i, url in query(db_path, "SELECT id, url FROM articles")}
    a, b = Clusterer(storage.open_db(db_path)), Clusterer(storage.open_db(db_path))
    a.cluster([ids["en-oil-wire"]])
    b.cluster([ids["en-floods-wire"]])  # B now holds the oil article's copy keys
    with a.db.conn:
        a.db.execute("UPDATE articles SET text = ?, content_hash = 'changed' WHERE id = ?",
                     [docs["en-port-strike-wire~boilerplate"]["text"], ids["en-oil-wire"]])
    a.cluster([ids["en-oil-wire"]])
    snapshot = copy_store(db_path, tmp_path / "snapshot.db")
    with caplog.at_level("DEBUG", logger="crawler.clustering"):
        b.cluster([ids["en-oil-wire~exact-other-url"]])
        Clusterer(storage.open_db(snapshot)).cluster([ids["en-oil-wire~exact-other-url"]])
    copy = ids["en-oil-wire~exact-other-url"]
    lines = [r.getMessage() for r in caplog.records if r.getMessage().startswith(f"dedup: article {copy} ")]
    assert len(lines) == 2 and lines[0] == lines[1], lines
    assert (query(db_path, MEMBERS), query(db_path, RELATIONS)) == (query(snapshot, MEMBERS),
                                                                    query(snapshot, RELATIONS))
    assert lines[0].endswith("(similarity 1.00, 0 candidates)")
    assert len(groups(db_path)) == 3


def test_a_store_with_every_key_in_lsh_bands_migrates(imported: Path, unclustered: Path, tmp_path: Path) -> None:
    """A store clustered before lsh_pending (every band key in lsh_bands; made here from one clustered
    now) migrates, and clustering goes on as in one run."""
    expected = query(imported, MEMBERS), query(imported, RELATIONS)
    ids = [r[0] for r in query(unclustered, "SELECT id FROM articles ORDER BY first_seen, id")]
    db_path = copy_store(unclustered, tmp_path / "old.db")
    db = storage.open_db(db_path)
    Clusterer(db).cluster(ids[:100])
    rows = db.execute("SELECT article_id, band_keys FROM lsh_pending").fetchall()
    keys, owners = pairs_of_blobs([r[0] for r in rows], [r[1] for r in rows])
    with db.conn:  # back to the layout before the migration
        db.conn.executemany("INSERT INTO lsh_bands (band_key, article_id) VALUES (?, ?)",
                            zip(keys.tolist(), owners.tolist()))
        db.execute("DROP TABLE lsh_pending")
        db.execute("DELETE FROM schema_migrations WHERE name = 'm0800_lsh_pending'")
        db.execute("DELETE FROM dedup_state WHERE key LIKE 'lsh_%'")
    db.close()
    rows = query(db_path, "SELECT count(*) FROM lsh_bands")[0][0]
    db = storage.open_db(db_path)
    assert query(db_path, "SELECT value FROM dedup_state WHERE key = 'lsh_merged_rows'") == [(str(rows),)]
    Clusterer(db).cluster(ids[100:])
    db.close()
    assert (query(db_path, MEMBERS), query(db_path, RELATIONS)) == expected


# --- many copies of one story at once: capped candidates (#15) --------------------------------------

def copies_of_one_story(tmp_path: Path, count: int) -> tuple[Path, list[int]]:
    """``count`` copies of one wire story (each with its own outlet, headline and closing line),
    imported without clustering; their ids, first seen first."""
    doc = {d["id"]: d for d in fixture_documents()}["en-oil-wire"]
    lines = [jsonl_line({**doc, "id": f"copy~{i}", "title": f"{doc['title']} ({i})",
                         "text": f"{doc['text']}\n\nRepublished by outlet {i}."}, outlet=f"outlet-{i}")
             for i in range(count)]
    db_path = tmp_path / "copies.db"
    Importer(storage.open_db(db_path), dedup=False).run(write_jsonl(tmp_path / "copies.jsonl", lines))
    return db_path, [r[0] for r in query(db_path, "SELECT id FROM articles ORDER BY first_seen, id")]


@pytest.mark.parametrize("batch_size", [40, 3])  # one import batch; the crawl's few at a time (store, lsh_pending)
def test_many_copies_are_each_compared_with_a_few_and_all_join_one_story(tmp_path: Path, batch_size: int) -> None:
    db_path, ids = copies_of_one_story(tmp_path, 40)
    clusterer = Clusterer(storage.open_db(db_path), DedupOptions(bucket_cap=4), batch_size=batch_size, merge_min=30)
    each = clusterer.cluster_each(ids)
    assert [each[i].compared for i in ids[:5]] == [0, 1, 2, 3, 4]
    assert max(r.compared for r in each.values()) == 4  # not up to 39: the story's first 4 members
    assert query(db_path, "SELECT count(DISTINCT story_id), count(*) FROM articles") == [(1, 40)]
    if batch_size == 3:
        assert query(db_path, "SELECT value FROM dedup_state WHERE key = 'lsh_generation'")  # merged on the way


def test_band_lookups_take_the_earliest_members_of_a_key(tmp_path: Path) -> None:
    """lsh_bands (lowest article ids) and the in-memory pending keys (first added) give at most
    ``limit`` members a key, however many share it."""
    db = storage.open_db(tmp_path / "store.db")
    with db.conn:
        db.conn.executemany("INSERT INTO lsh_bands (band_key, article_id) VALUES (?, ?)",
                            [(7, i) for i in range(50, 0, -1)] + [(-2**63, 5), (2**63 - 1, 6)])
    assert store_dedup.band_matches(db, [7, 8, -2**63, 2**63 - 1], 3) == [(-2**63, 5), (7, 1), (7, 2), (7, 3),
                                                                             (2**63 - 1, 6)]
    assert len(store_dedup.band_matches(db, [7, 8])) == 50
    index = BandIndex()
    for start in (10, 20, 30):  # three runs, the oldest first
        index.add(np.full(5, 7, dtype=np.int64), np.arange(start, start + 5, dtype=np.int64))
    index.add(np.array([9], dtype=np.int64), np.array([99], dtype=np.int64))
    at, found = index.lookup(np.array([9, 7, 5], dtype=np.int64), limit=7)
    assert sorted(zip(at.tolist(), found.tolist())) == [(0, 99)] + [(1, i) for i in (10, 11, 12, 13, 14, 20, 21)]
    assert len(index.lookup(np.array([7], dtype=np.int64))[0]) == 15


def test_the_cap_leaves_the_fixture_stories_and_links_as_uncapped(imported: Path, unclustered: Path,
                                                                  tmp_path: Path) -> None:
    db_path = copy_store(unclustered, tmp_path / "uncapped.db")
    Clusterer(storage.open_db(db_path), DedupOptions(bucket_cap=10**9)).cluster()
    assert (query(db_path, MEMBERS), query(db_path, RELATIONS)) == (query(imported, MEMBERS), query(imported, RELATIONS))


def test_a_writer_commits_while_pending_keys_are_merged(unclustered: Path, tmp_path: Path) -> None:
    """A merge of lsh_pending into lsh_bands commits chunk by chunk: between two chunks another
    connection takes the write lock and commits (it would wait for the whole merge if the merge held
    the lock throughout); every key ends in lsh_bands but those of an article taken out meanwhile."""
    db_path = copy_store(unclustered, tmp_path / "store.db")
    Clusterer(storage.open_db(db_path), merge_min=10**9).cluster()
    pending = query(db_path, "SELECT article_id, band_keys FROM lsh_pending")
    expected = set(zip(*(a.tolist() for a in pairs_of_blobs([r[0] for r in pending], [r[1] for r in pending]))))
    assert len(pending) > 3 and not query(db_path, "SELECT value FROM dedup_state WHERE key = 'lsh_generation'")
    merging, written, seen = threading.Event(), threading.Event(), []
    removed = max(article for _, article in expected)  # its keys come last in no particular order

    def between_chunks(moved: int) -> None:
        seen.append(moved)
        merging.set()
        written.wait(10)  # the writer below commits now, or the test fails on its busy timeout

    def merge() -> None:
        db = storage.open_db(db_path)
        Clusterer(db).merge(chunk_keys=42, after_chunk=between_chunks)
        db.close()

    merger = threading.Thread(target=merge)
    merger.start()
    try:
        assert merging.wait(10)
        writer = sqlite3.connect(db_path, timeout=5, isolation_level=None)
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("INSERT INTO dedup_state (key, value) VALUES ('writer', 'committed')")
        merged = sum(1 for pair in writer.execute("SELECT band_key, article_id FROM lsh_bands") if pair in expected)
        # An article taken out meanwhile (its text changed): its keys go from both tables.
        writer.executemany("DELETE FROM lsh_bands WHERE band_key = ? AND article_id = ?",
                           [pair for pair in expected if pair[1] == removed])
        writer.execute("DELETE FROM lsh_pending WHERE article_id = ?", [removed])
        writer.execute("COMMIT")
        writer.close()
    finally:
        written.set()
        merger.join()
    assert 0 < merged < len(expected)  # mid-merge
    kept = {pair for pair in expected if pair[1] != removed}
    assert query(db_path, "SELECT count(*) FROM lsh_pending") == [(0,)]
    bands = set(query(db_path, "SELECT band_key, article_id FROM lsh_bands"))
    assert bands >= kept and not bands & (expected - kept)
    assert len(seen) > 1 and len(kept) <= seen[-1] < len(expected)
    assert query(db_path, "SELECT value FROM dedup_state WHERE key IN ('lsh_generation', 'writer') "
                          "ORDER BY key") == [("1",), ("committed",)]
