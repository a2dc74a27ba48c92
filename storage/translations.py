"""Translations: the articles' translation columns, their provenance, and the sentence cache."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Mapping, Sequence

import sqlite_utils

STATUSES = ("original", "pending", "done", "failed")
PROVENANCE_COLUMNS = ("engine", "model_package", "model_version", "source_lang", "target_lang", "translated_at")


def record(db: sqlite_utils.Database, article_id: int, *, status: str, title_en: str | None = None,
           text_en: str | None = None, provenance: Mapping[str, Any] | None = None) -> None:
    """Set an article's translation status and text; keep the provenance of a done translation
    (and drop a stale one when the article is no longer translated)."""
    if status not in STATUSES:
        raise ValueError(f"unknown translation status {status!r}")
    with db.atomic():  # its own transaction, or a savepoint in the caller's
        db["articles"].update(article_id, {"translation_status": status, "title_en": title_en, "text_en": text_en})
        record_provenance(db, article_id, status=status, provenance=provenance)


def record_provenance(db: sqlite_utils.Database, article_id: int, *, status: str,
                      provenance: Mapping[str, Any] | None) -> None:
    """Keep the provenance of an article's done translation, or drop a stale one when it is no longer
    translated: the translations table only (the article's own translation columns are the caller's)."""
    if provenance is not None:
        db["translations"].upsert({"article_id": article_id, **{k: provenance[k] for k in PROVENANCE_COLUMNS}},
                                  pk="article_id")
    elif status != "done":
        db.execute("DELETE FROM translations WHERE article_id = ?", [article_id])


def record_stored(db: sqlite_utils.Database, article_id: int, outcome: str, *, status: str,
                  title_en: str | None = None, text_en: str | None = None,
                  provenance: Mapping[str, Any] | None = None) -> None:
    """:func:`record` after an upsert (storage.articles) of a row that carried the translation
    columns: a ``new`` or ``updated`` row already has them, so only the provenance is written (each
    article's row once per store); an ``unchanged`` one was not rewritten and gets them all."""
    if outcome == "unchanged":
        record(db, article_id, status=status, title_en=title_en, text_en=text_en, provenance=provenance)
    else:
        if status not in STATUSES:
            raise ValueError(f"unknown translation status {status!r}")
        record_provenance(db, article_id, status=status, provenance=provenance)


def stored_state(db: sqlite_utils.Database, canonical_url: str) -> dict[str, Any] | None:
    """The stored article's id, content hash and translation (status, provenance), if any."""
    cursor = db.execute(
        "SELECT a.id, a.content_hash, a.language, a.translation_status, t.model_package, t.model_version, "
        "t.target_lang FROM articles a LEFT JOIN translations t ON t.article_id = a.id "
        "WHERE a.canonical_url = ?", [canonical_url])
    row = cursor.fetchone()
    return dict(zip([c[0] for c in cursor.description], row)) if row else None


def reconcile(db: sqlite_utils.Database, target: str) -> int:
    """Bring statuses in line with the target language: an article in another language that was
    marked `original` becomes `pending`, and a pending one already in the target becomes `original`."""
    with db.conn:
        a = db.execute("UPDATE articles SET translation_status = 'pending' WHERE coalesce(translation_status, "
                       "'original') = 'original' AND language IS NOT NULL AND language NOT IN (?, 'und')",
                       [target]).rowcount
        b = db.execute("UPDATE articles SET translation_status = 'original', title_en = NULL, text_en = NULL "
                       "WHERE translation_status IN ('pending', 'failed') AND coalesce(language, 'und') IN (?, 'und')",
                       [target]).rowcount
    return a + b


def latest_target(db: sqlite_utils.Database) -> str | None:
    """The language the store's latest translation was made into (its ``translations`` row with the
    latest ``translated_at``): the store's translation target, which a run without an explicit target
    keeps. None when nothing was ever translated."""
    row = db.execute("SELECT target_lang FROM translations WHERE target_lang IS NOT NULL "
                     "ORDER BY translated_at DESC, article_id DESC LIMIT 1").fetchone()
    return row[0] if row else None


def pending_by_language(db: sqlite_utils.Database) -> dict[str, int]:
    """Articles waiting for a translation (status ``pending``), by language."""
    return {row["language"]: row["n"] for row in db.query(
        "SELECT coalesce(language, 'und') AS language, count(*) AS n FROM articles "
        "WHERE translation_status = 'pending' GROUP BY 1 ORDER BY 1")}


def candidates(db: sqlite_utils.Database, *, include_done: bool = False,
               limit: int | None = None) -> list[dict[str, Any]]:
    """Articles to translate: pending and failed ones, and with ``include_done`` the done ones with
    their provenance (for retranslation), oldest first."""
    statuses = ["pending", "failed"] + (["done"] if include_done else [])
    sql = ("SELECT a.id, a.canonical_url, a.title, a.text, a.language, a.translation_status, t.model_package, "
           "t.model_version, t.target_lang FROM articles a LEFT JOIN translations t ON t.article_id = a.id "
           f"WHERE a.translation_status IN ({', '.join('?' for _ in statuses)}) ORDER BY a.id")
    params: list[Any] = list(statuses)
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return list(db.query(sql, params))


def status_counts(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Articles per translation status and language, with the models that made the translations."""
    return list(db.query(
        "SELECT coalesce(a.translation_status, 'original') AS status, coalesce(a.language, 'und') AS language, "
        "count(*) AS articles, group_concat(DISTINCT t.model_package || ' ' || t.model_version) AS models "
        "FROM articles a LEFT JOIN translations t ON t.article_id = a.id "
        "GROUP BY 1, 2 ORDER BY 1, 2"))


class SentenceCache:
    """The translation_cache table as a sentence cache (processing.translate.SentenceCache)."""

    BATCH = 500  # keys per query, below SQLite's variable limit

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def get_many(self, keys: Sequence[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        unique = list(dict.fromkeys(keys))
        for start in range(0, len(unique), self.BATCH):
            chunk = unique[start:start + self.BATCH]
            rows = self.db.execute(
                f"SELECT key, translated FROM translation_cache WHERE key IN ({', '.join('?' for _ in chunk)})", chunk)
            found.update({key: translated for key, translated in rows.fetchall()})
        return found

    def put_many(self, entries: Sequence[Mapping[str, Any]]) -> None:
        if not entries:
            return
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with self.db.atomic():
            self.db["translation_cache"].upsert_all([{**entry, "created": now} for entry in entries], pk="key")

    def __len__(self) -> int:
        return self.db["translation_cache"].count
