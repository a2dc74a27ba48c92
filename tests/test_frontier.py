"""The frontier's state in SQLite: known URLs (with aliases), and when a document's validators are saved."""

from __future__ import annotations

from pathlib import Path

import storage
from crawler.frontier import Frontier
from storage import articles, discovery

FEED = "https://x.example/rss"


def store_article(db_path: Path, canonical: str) -> None:
    db = storage.open_db(db_path)
    db["sources"].insert({"id": "x", "name": "X", "enabled": 1}, pk="id")
    articles.upsert(db, {"canonical_url": canonical, "url": canonical, "outlet": "x", "content_hash": "h"})
    db.close()


def saved(db_path: Path) -> dict:
    db = storage.open_db(db_path)
    try:
        return db["discovery_state"].get(FEED)
    finally:
        db.close()


def test_stored_urls_through_aliases(tmp_path: Path) -> None:
    db_path = tmp_path / "w.db"
    store_article(db_path, "https://x.example/a")
    db = storage.open_db(db_path)
    discovery.add_aliases(db, [("https://x.example/amp/a", "https://x.example/a"),
                               ("https://x.example/gone", "https://x.example/never-stored")])
    assert discovery.stored(db, ["https://x.example/a", "https://x.example/amp/a", "https://x.example/gone",
                                 "https://x.example/b"]) == {"https://x.example/a", "https://x.example/amp/a"}


def test_select_canonicalises_skips_known_and_duplicates(tmp_path: Path) -> None:
    db_path = tmp_path / "w.db"
    store_article(db_path, "https://x.example/a")
    frontier = Frontier(db_path)
    frontier.open([FEED])
    chosen, known, duplicates = frontier.select(
        ["https://x.example/a?utm_source=rss", "https://X.example/b#top", "https://x.example/b?fbclid=1"])
    # b twice in one document (two spellings of one canonical URL): the second is a counted duplicate (it
    # was dropped without a count or a log line)
    assert (chosen, known, duplicates) == (["https://x.example/b"], 1, 1)
    assert frontier.select(["https://x.example/b"]) == ([], 0, 1)
    frontier.close()
    refreshing = Frontier(db_path, refresh=True)
    refreshing.open([FEED])
    assert refreshing.select(["https://x.example/a"])[0] == ["https://x.example/a"]
    refreshing.close()


def test_validators_saved_only_after_every_article_is_done(tmp_path: Path) -> None:
    db_path = tmp_path / "w.db"
    frontier = Frontier(db_path)
    frontier.open([FEED])
    document = frontier.fetched(FEED, "x", "feed", 200, {"etag": '"v1"', "last-modified": None})
    frontier.expect(document, 2)
    frontier.read(document)
    frontier.article_done(FEED)
    assert not _has_row(db_path)  # one article still out: nothing saved yet
    frontier.article_done(FEED)
    assert saved(db_path)["etag"] == '"v1"'
    frontier.close()
    again = Frontier(db_path)
    again.open([FEED])
    assert again.conditional_headers(FEED) == {"If-None-Match": '"v1"'}
    again.close()


def test_a_transient_article_failure_means_read_it_all_again(tmp_path: Path) -> None:
    db_path = tmp_path / "w.db"
    frontier = Frontier(db_path)
    frontier.open([FEED])
    document = frontier.fetched(FEED, "x", "feed", 200, {"etag": '"v1"', "last-modified": "Fri, 20 Nov 2026"})
    frontier.expect(document, 1)
    frontier.read(document)
    frontier.article_done(FEED, retry=True)
    row = saved(db_path)
    assert row["etag"] is None and row["last_modified"] is None and row["last_status"] == 200
    frontier.close()


def test_an_interrupted_run_keeps_the_previous_validators(tmp_path: Path) -> None:
    db_path = tmp_path / "w.db"
    first = Frontier(db_path)
    first.open([FEED])
    first.read(first.fetched(FEED, "x", "feed", 200, {"etag": '"v1"', "last-modified": None}))
    first.close()
    second = Frontier(db_path)
    second.open([FEED])
    document = second.fetched(FEED, "x", "feed", 200, {"etag": '"v2"', "last-modified": None})
    second.expect(document, 3)
    second.read(document)
    second.article_done(FEED)
    second.close()  # two articles never came back (a timeout, a kill)
    row = saved(db_path)
    assert row["etag"] == '"v1"' and row["last_error"] == "unfinished"


def _has_row(db_path: Path) -> bool:
    db = storage.open_db(db_path)
    try:
        return bool(db.execute("SELECT count(*) FROM discovery_state").fetchone()[0])
    finally:
        db.close()
