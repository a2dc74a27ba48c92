"""Test-only: give a store the columns and tables other issues add (the schema contract), with data.

Readers (export, Datasette metadata, canned queries, the article page) must pick these up when a
store has them. This helper adds whatever a store lacks (and nothing it has), then fills in English
translations with provenance, a pending translation, wire agencies, two stories and per-outlet run
counts for the demo articles, so those code paths run on real SQLite.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils

from storage import schema
from storage.migrations import m0200_initial

ARTICLE_COLUMNS = {
    # issue 4
    "authors": str, "modified": str, "site_name": str, "section": str, "description": str, "image": str,
    "declared_language": str, "wire_agency": str,
    # issue 5
    "title_en": str, "text_en": str, "translation_status": str, "language_shares": str,
    # issue 6
    "story_id": int,
}

TABLES = {
    "translations": ({"article_id": int, "engine": str, "model_package": str, "model_version": str,
                      "source_lang": str, "target_lang": str, "translated_at": str}, "article_id"),
    "translation_cache": ({"key": str, "source_lang": str, "target_lang": str, "model_version": str,
                           "source_hash": str, "translated": str, "created": str}, "key"),
    "stories": ({"id": int, "canonical_article_id": int, "articles_count": int, "outlets_count": int,
                 "first_seen": str, "last_seen": str, "wire_agency": str}, "id"),
    "story_members": ({"article_id": int, "story_id": int, "similarity": float, "joined": str}, "article_id"),
    "article_relations": ({"article_id": int, "other_article_id": int, "relation": str, "score": float}, None),
    "minhash_signatures": ({"article_id": int, "signature": bytes}, "article_id"),
    "lsh_bands": ({"band_key": str, "article_id": int}, None),
    "discovery_state": ({"url": str, "outlet": str, "kind": str, "etag": str, "last_modified": str,
                         "last_status": int, "last_fetched": str}, "url"),
    "crawl_run_sources": ({"run_id": int, "outlet": str, "feeds_fetched": int, "not_modified": int,
                           "new_articles": int, "failed": int, "failures": str}, ("run_id", "outlet")),
}

# English renderings of two demo articles, written for these tests (keyed by the URL's last segment).
TRANSLATED = {
    "ahsa-book-fair-opens": (
        "Al-Ahsa Book Fair opens with 450 publishers from 26 countries",
        "The fair runs for ten days with more than 120 cultural events and a children's literature wing.\n\n"
        "The eighth Al-Ahsa Book Fair opened on Tuesday evening with 450 publishing houses and cultural "
        "institutions from 26 countries taking part.\n\n"
        "Sultanate of Oman is the guest of honour, showing rare manuscripts and historical documents."),
    "jubail-solar-desalination-plant": (
        "Trial operation begins at solar-powered desalination plant in Jubail",
        "The first phase produces 150,000 cubic metres of water a day for about 400,000 people.\n\n"
        "A solar field next to the plant supplies up to 45 percent of the electricity it needs by day."),
}
PENDING = "dammam-bus-rapid-transit"
WIRE = {"riyadh-water-security-forum-opens": "SPA", "riyadh-forum-desalination-energy-costs": "SPA",
        "uk-sanctions-russia-iran": "Reuters", "russia-iran-military-components-drones-uk": "Reuters"}
STORIES = [("riyadh-water-security-forum-opens", "riyadh-forum-desalination-energy-costs"),
           ("russia-iran-military-components-drones-uk", "uk-sanctions-russia-iran")]
MODEL = {"engine": "argostranslate", "model_package": "translate-ar_en", "model_version": "1.0",
         "source_lang": "ar", "target_lang": "en"}


def copy_store(src: Path, dst: Path) -> Path:
    """A copy of a store (SQLite's backup API, so a WAL store copies whole)."""
    with sqlite3.connect(src) as source, sqlite3.connect(dst) as target:
        source.backup(target)
    return dst


def add_contract_schema(db: sqlite_utils.Database) -> None:
    """Add the contract's columns and tables this store lacks, and FTS over original and English text."""
    articles = db["articles"]
    for name, type_ in ARTICLE_COLUMNS.items():
        if name not in articles.columns_dict:
            articles.add_column(name, type_)
    for name, (columns, pk) in TABLES.items():
        if not db[name].exists():
            db[name].create(columns, pk=pk) if pk else db[name].create(columns)
    if not {"title_en", "text_en"} <= set(db["articles_fts"].columns_dict):
        articles.disable_fts()
        articles.enable_fts(["title", "text", "title_en", "text_en"], create_triggers=True,
                            tokenize="unicode61 remove_diacritics 2")


def fill_contract_data(db: sqlite_utils.Database) -> dict[str, int]:
    """Translations, a pending one, wire agencies, two stories, per-outlet run counts. Returns slug -> id."""
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    ids = {row["canonical_url"].rstrip("/").rsplit("/", 1)[-1]: row["id"]
           for row in db.query("SELECT id, canonical_url FROM articles")}
    with db.conn:
        db.execute("UPDATE articles SET translation_status = 'original' WHERE language = 'en'")
        for slug, (title_en, text_en) in TRANSLATED.items():
            db["articles"].update(ids[slug], {"title_en": title_en, "text_en": text_en, "translation_status": "done"})
            db["translations"].upsert({"article_id": ids[slug], **MODEL, "translated_at": now}, pk="article_id")
        db["articles"].update(ids[PENDING], {"title_en": None, "text_en": None, "translation_status": "pending"})
        for slug, agency in WIRE.items():
            db["articles"].update(ids[slug], {"wire_agency": agency})
        next_story = next(db.query("SELECT coalesce(max(id), 0) + 1 AS n FROM stories"))["n"]
        for offset, slugs in enumerate(STORIES):
            story = next_story + offset
            members = [ids[s] for s in slugs]
            db["stories"].insert({"id": story, "canonical_article_id": members[0], "articles_count": len(members),
                                  "outlets_count": len(members), "first_seen": now, "last_seen": now,
                                  "wire_agency": WIRE[slugs[0]]})
            for similarity, article_id in zip((1.0, 0.82), members):
                db["story_members"].upsert({"article_id": article_id, "story_id": story, "similarity": similarity,
                                            "joined": now}, pk="article_id")
                db["articles"].update(article_id, {"story_id": story})
        run = next(db.query("SELECT max(id) AS id FROM crawl_runs"))["id"]
        for source in db.query("SELECT id FROM sources"):
            db["crawl_run_sources"].upsert({"run_id": run, "outlet": source["id"], "feeds_fetched": 1,
                                            "not_modified": 0, "new_articles": 2, "failed": 1,
                                            "failures": json.dumps({"http_404": 1})}, pk=("run_id", "outlet"))
        db.execute("INSERT INTO articles_fts(articles_fts) VALUES('rebuild')")
    return ids


def skeleton_copy(src: Path, dst: Path) -> Path:
    """A store with only the walking skeleton's schema (m0200_initial), holding ``src``'s rows.

    However many migrations later issues add, this is a store written before them: readers must
    still work on it, without the contract's columns and tables.
    """
    db = sqlite_utils.Database(dst)
    with db.conn:
        m0200_initial.apply(db)
        db[schema.MIGRATIONS_TABLE].insert({"name": "m0200_initial", "applied": "2026-11-01T00:00:00+00:00"},
                                           pk="name")
    source = sqlite_utils.Database(src)
    with db.conn:
        for table in ("sources", "crawl_runs", "articles"):
            columns = list(db[table].columns_dict)
            db[table].insert_all({c: row.get(c) for c in columns} for row in source[table].rows)
    source.close()
    db.close()
    return dst
