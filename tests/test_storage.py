"""The store on real SQLite files: schema, WAL, upserts on the canonical URL, FTS kept in sync."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import storage
from storage import articles, runs, schema, sources

OUTLET = {"id": "north", "name": "North", "country": "GB", "region": "uk", "languages": ["en"],
          "homepage": "http://n.example/", "enabled": True}


def article(**changes: object) -> dict:
    row = {"canonical_url": "http://n.example/news/1", "url": "http://n.example/news/1?utm_source=x",
           "outlet": "north", "title": "Sanctions announced", "text": "Ministers announced sanctions.",
           "content_hash": "h1", "fetched": "2026-11-20T10:00:00+00:00"}
    row.update(changes)
    return row


@pytest.fixture
def db(tmp_path: Path):
    database = storage.open_db(tmp_path / "w.db")
    sources.sync(database, [OUTLET])
    yield database
    database.close()


def test_schema_version_recorded_and_wal(db) -> None:
    assert schema.version(db) == len(schema.available()) >= 1
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA user_version").fetchone()[0] == schema.version(db)
    assert {"sources", "articles", "crawl_runs", "articles_fts"} <= set(db.table_names())


def test_reopening_does_not_migrate_again(tmp_path: Path) -> None:
    storage.open_db(tmp_path / "w.db").close()
    db = storage.open_db(tmp_path / "w.db")
    assert schema.migrate(db) == []


def test_upsert_is_keyed_on_canonical_url(db) -> None:
    first = articles.upsert(db, article())
    again = articles.upsert(db, article())
    changed = articles.upsert(db, article(text="Ministers announced wider sanctions.", content_hash="h2"))
    assert (first.outcome, again.outcome, changed.outcome) == ("new", "unchanged", "updated")
    assert first.id == again.id == changed.id
    assert articles.count(db) == 1


def test_fts_follows_updates(db) -> None:
    articles.upsert(db, article())
    articles.upsert(db, article(text="The ministry published a list of drones.", content_hash="h2"))
    hits = lambda term: [r["rowid"] for r in db.query(
        "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", [term])]  # noqa: E731
    assert hits("drones") == [1]
    assert hits("ministers") == []


def test_article_needs_a_known_outlet(db) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        articles.upsert(db, article(outlet="nobody"))


def test_unknown_column_is_refused(db) -> None:
    with pytest.raises(ValueError, match="not article columns"):
        articles.upsert(db, article(colour="red"))


def test_runs_record_counts(db) -> None:
    run_id = runs.start(db, sources_file="s.toml")
    runs.finish(db, run_id, runs.RunCounts(fetched=3, new=2, stored=2, failures={"http_404": 1}),
                status="completed", finish_reason="finished")
    row = runs.get(db, run_id)
    assert (row["status"], row["fetched"], row["failed"], row["failures"]) == ("completed", 3, 1, '{"http_404": 1}')


@pytest.mark.parametrize("make, error", [
    (lambda p: p / "missing-folder" / "w.db", storage.DatabaseUnavailable),
    (lambda p: p, storage.DatabaseUnavailable),
    (lambda p: (p / "junk.db").write_bytes(b"this is not sqlite" * 100) and p / "junk.db", storage.DatabaseUnavailable),
])
def test_unusable_paths_raise_named_errors(tmp_path: Path, make, error) -> None:
    with pytest.raises(error):
        storage.open_db(make(tmp_path))


def test_readonly_open_needs_an_existing_store(tmp_path: Path) -> None:
    with pytest.raises(storage.DatabaseMissing):
        storage.open_readonly(tmp_path / "none.db")


def test_extraction_metadata_columns(db) -> None:
    import json

    columns = db["articles"].columns_dict
    for name in ("authors", "modified", "site_name", "section", "description", "image", "declared_language",
                 "wire_agency"):
        assert name in columns
    stored = articles.upsert(db, article(authors=json.dumps(["نورة الشمري"], ensure_ascii=False), wire_agency="SPA",
                                         declared_language="ar", modified="2026-11-19T11:58:00+03:00"))
    row = articles.get(db, stored.id)
    assert json.loads(row["authors"]) == ["نورة الشمري"] and row["wire_agency"] == "SPA"


def test_articles_stored_under_an_older_canonical_form_are_known_under_the_new_one(tmp_path: Path) -> None:
    """The canonical URL changed form (#10: escapes in upper case, non-ASCII percent-encoded, IDNA hosts, the
    query as written): an article stored under the old form was fetched again and stored twice. Migration
    m0900 records each stored URL's new form as an alias of its article."""
    from processing.urls import canonicalize
    from storage import discovery

    old_forms = ["http://n.example/2026/11/%d8%a7%d9%84%d8%ae%d8%a8%d8%b1/",  # WordPress's lower-case escapes
                 "http://n.example/news/الخبر-الثاني",  # a raw Arabic path
                 "http://n.example/search?q=a+b&page=2",
                 "http://n.example/news/1"]  # the same in both forms
    path = tmp_path / "w.db"
    db = storage.open_db(path)
    sources.sync(db, [OUTLET])
    for n, url in enumerate(old_forms):
        articles.upsert(db, article(canonical_url=url, url=url, content_hash=f"h{n}"))
    db["article_urls"].insert({"url": "http://n.example/amp/%d8%a7", "canonical_url": old_forms[0], "first_seen": "x"})
    db.execute("DELETE FROM schema_migrations WHERE name = 'm0900_canonical_url_forms'")
    db.conn.commit()
    db.close()
    db = storage.open_db(path)  # applies m0900 again
    fresh = [canonicalize(url) for url in old_forms] + [canonicalize("http://n.example/amp/%d8%a7")]
    assert fresh[0] != old_forms[0] and fresh[1] != old_forms[1]
    assert discovery.stored(db, fresh) == set(fresh)
    assert articles.count(db) == 4  # nothing rewritten or removed
    assert schema.migrate(db) == []
    # fetched again under the new form (`crawl --refresh`): the stored article, not a second one, and it moves
    # to the new form with its aliases (the old form among them)
    again = articles.upsert(db, article(canonical_url=fresh[0], url=fresh[0], content_hash="h0"))
    changed = articles.upsert(db, article(canonical_url=fresh[1], url=fresh[1], content_hash="changed"))
    assert (again.outcome, changed.outcome, articles.count(db)) == ("unchanged", "updated", 4)
    assert discovery.stored(db, [old_forms[0], fresh[0], fresh[4], old_forms[1]]) == {
        old_forms[0], fresh[0], fresh[4], old_forms[1]}
