"""The translation migration on an existing store, the status rules and the SQLite sentence cache."""

from __future__ import annotations

import json
from pathlib import Path

import sqlite_utils

import storage
from storage import schema, translations
from storage.migrations import m0200_initial


def old_store(path: Path) -> None:
    """A store as the walking skeleton left it: only the initial migration, two articles."""
    db = sqlite_utils.Database(path)
    m0200_initial.apply(db)
    db["schema_migrations"].insert({"name": "m0200_initial", "applied": "2026-11-01T00:00:00+00:00"}, pk="name")
    db["sources"].insert({"id": "al-waha", "name": "الواحة"})
    for i, (language, title) in enumerate([("ar", "افتتاح معرض الكتاب"), ("en", "Book fair opens")], start=1):
        db["articles"].insert({"id": i, "canonical_url": f"http://x.test/{i}", "url": f"http://x.test/{i}",
                               "outlet": "al-waha", "title": title, "text": "نص", "language": language})
    db.close()


def test_migration_adds_translation_columns_and_rebuilds_search(tmp_path: Path) -> None:
    old_store(tmp_path / "old.db")
    db = storage.open_db(tmp_path / "old.db")
    assert "m0500_translation" in schema.applied(db)
    assert [(r["language"], r["translation_status"]) for r in db.query(
        "SELECT language, translation_status FROM articles ORDER BY id")] == [("ar", "pending"), ("en", "original")]
    assert {"title_en", "text_en", "translation_status", "language_shares"} <= set(db["articles"].columns_dict)
    assert db["articles_fts"].columns_dict.keys() >= {"title", "text", "title_en", "text_en"}
    assert [r["rowid"] for r in db.query("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'Book'")] == [2]
    translations.record(db, 1, status="done", title_en="Book fair opening", text_en="Text",
                        provenance={"engine": "argostranslate", "model_package": "translate-ar_en",
                                    "model_version": "1.9", "source_lang": "ar", "target_lang": "en",
                                    "translated_at": "2026-11-20T00:00:00+00:00"})
    assert sorted(r["rowid"] for r in db.query(
        "SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'opening'")) == [1]  # triggers keep it in sync
    assert db["translations"].get(1)["model_version"] == "1.9"
    translations.record(db, 1, status="pending")
    assert db["translations"].count == 0 and db["articles"].get(1)["title_en"] is None


def test_reconcile_follows_the_target_language(tmp_path: Path) -> None:
    old_store(tmp_path / "old.db")
    db = storage.open_db(tmp_path / "old.db")
    translations.reconcile(db, "de")
    assert [r["translation_status"] for r in db.query("SELECT translation_status FROM articles ORDER BY id")] == [
        "pending", "pending"]
    translations.reconcile(db, "ar")
    assert [r["translation_status"] for r in db.query("SELECT translation_status FROM articles ORDER BY id")] == [
        "original", "pending"]


def test_sentence_cache_round_trip(tmp_path: Path) -> None:
    db = storage.open_db(tmp_path / "store.db")
    cache = translations.SentenceCache(db)
    entries = [{"key": f"ar|en|m@1|{i:064x}", "source_lang": "ar", "target_lang": "en", "model_version": "m@1",
                "source_hash": f"{i:064x}", "translated": f"sentence {i}"} for i in range(1200)]
    cache.put_many(entries)
    found = cache.get_many([e["key"] for e in entries] + ["missing"])
    assert len(found) == 1200 and found[entries[7]["key"]] == "sentence 7" and len(cache) == 1200
    assert json.loads(json.dumps(db["translation_cache"].get(entries[0]["key"])))["created"]


def test_record_stored_writes_each_article_row_once(tmp_path: Path) -> None:
    """After an upsert that carried the translation columns, only the provenance is written: the
    article's row is not updated a second time (an unchanged article, not rewritten, is)."""
    db = storage.open_db(tmp_path / "store.db")
    db["sources"].insert({"id": "al-waha", "name": "الواحة"})
    db["articles"].insert({"id": 1, "canonical_url": "http://x.test/1", "url": "http://x.test/1", "outlet": "al-waha",
                           "title": "افتتاح", "text": "نص", "language": "ar", "translation_status": "done",
                           "title_en": "Opening", "text_en": "Text"})
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    provenance = {"engine": "argostranslate", "model_package": "translate-ar_en", "model_version": "1.9",
                  "source_lang": "ar", "target_lang": "en", "translated_at": "2026-11-20T00:00:00+00:00"}
    translations.record_stored(db, 1, "new", status="done", title_en="Opening", text_en="Text", provenance=provenance)
    assert not [s for s in statements if s.lstrip().upper().startswith("UPDATE") and '"articles"' in s]
    assert db["translations"].get(1)["model_version"] == "1.9"
    translations.record_stored(db, 1, "updated", status="pending")
    assert db["translations"].count == 0  # the stale provenance is dropped
    statements.clear()
    translations.record_stored(db, 1, "unchanged", status="original")
    assert [s for s in statements if s.lstrip().upper().startswith("UPDATE") and '"articles"' in s]
    assert db["articles"].get(1)["translation_status"] == "original"
