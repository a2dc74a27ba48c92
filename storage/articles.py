"""The articles table: upsert on the canonical URL, and look-ups."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any, Iterable, Literal

import sqlite_utils

logger = logging.getLogger(__name__)

Outcome = Literal["new", "updated", "unchanged"]

# Columns the store manages itself; an upsert may set every other column of the table.
MANAGED = frozenset({"id", "first_seen", "first_run", "last_run"})


@dataclass(frozen=True)
class UpsertResult:
    id: int
    outcome: Outcome


def upsert(db: sqlite_utils.Database, row: dict[str, Any], *, run_id: int | None = None) -> UpsertResult:
    """Insert the article, or update the stored one with the same canonical URL, or the one that URL is
    an alias of (``article_urls``: a redirect's address, the article's URL in an older canonical form).

    An article whose content hash has not changed only has its fetch time and run refreshed.
    Raises ValueError for a key that is not a column an upsert may set (:func:`columns`), and
    sqlite3.Error when SQLite refuses the row (a foreign key, a constraint).
    """
    check_columns(columns(db), [row])
    with db.conn:
        return upsert_checked(db, row, run_id=run_id)


def upsert_many(db: sqlite_utils.Database, rows: list[dict[str, Any]], *,
                run_id: int | None = None) -> list[UpsertResult]:
    """:func:`upsert` for many articles in one transaction (imports)."""
    check_columns(columns(db), rows)
    with db.atomic():  # one transaction (a savepoint inside one already open)
        return [upsert_checked(db, row, run_id=run_id) for row in rows]


def check_columns(allowed: set[str], rows: list[dict[str, Any]]) -> None:
    """Raise ValueError naming every key of ``rows`` that is not in ``allowed`` (:func:`columns`)."""
    unknown = set().union(*rows) - allowed if rows else set()
    if unknown:
        raise ValueError(f"not article columns: {', '.join(sorted(unknown))}")


def upsert_checked(db: sqlite_utils.Database, row: dict[str, Any], *, run_id: int | None = None) -> UpsertResult:
    """:func:`upsert` of a row whose keys the caller has checked (:func:`check_columns`), inside the
    caller's transaction: the crawl's store writer checks the columns once per batch, and each
    article costs one look-up and one INSERT or UPDATE, with no schema introspection (through
    sqlite-utils' ``Table.insert`` it read the schema five times: 1.24 against 1.05 ms of CPU per
    article written, FTS indexing included, in a 2,000-article micro-benchmark of write_articles)."""
    existing = db.execute("SELECT id, content_hash FROM articles WHERE canonical_url = ?",
                          [row["canonical_url"]]).fetchone()
    if existing is None:  # a URL known to lead to a stored article (a redirect's, an older canonical form: m0900)
        aliased = db.execute("SELECT a.id, a.content_hash, a.canonical_url FROM article_urls u JOIN articles a "
                             "ON a.canonical_url = u.canonical_url WHERE u.url = ?", [row["canonical_url"]]).fetchone()
        if aliased is not None:  # the article moves to the URL it is now fetched under; its aliases follow it
            existing = aliased[:2]
            db.execute("UPDATE articles SET canonical_url = ? WHERE id = ?", [row["canonical_url"], aliased[0]])
            db.execute("DELETE FROM article_urls WHERE url = ?", [row["canonical_url"]])
            db.execute("UPDATE article_urls SET canonical_url = ? WHERE canonical_url = ?", [row["canonical_url"], aliased[2]])
            db.execute("INSERT OR IGNORE INTO article_urls (url, canonical_url, first_seen) VALUES (?, ?, ?)",
                       [aliased[2], row["canonical_url"], row.get("fetched")])
    if existing is None:
        record = {**row, "first_seen": row.get("fetched"), "first_run": run_id, "last_run": run_id}
        names = list(record)
        cursor = db.execute(f"INSERT INTO articles ({', '.join(_quoted(n) for n in names)}) "
                            f"VALUES ({', '.join('?' * len(names))})", [_value(record[n]) for n in names])
        return UpsertResult(int(cursor.lastrowid), "new")
    article_id, stored_hash = existing
    if stored_hash == row.get("content_hash"):
        _update(db, article_id, {"fetched": row.get("fetched"), "last_run": run_id})
        return UpsertResult(article_id, "unchanged")
    _update(db, article_id, {**row, "last_run": run_id})
    return UpsertResult(article_id, "updated")


def _update(db: sqlite_utils.Database, article_id: int, values: dict[str, Any]) -> None:
    names = list(values)
    db.execute(f"UPDATE articles SET {', '.join(f'{_quoted(n)} = ?' for n in names)} WHERE id = ?",
               [_value(values[n]) for n in names] + [article_id])


def _value(value: Any) -> Any:
    """A value as SQLite stores it: lists and dicts as JSON text, as sqlite-utils writes them."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list, tuple)) else value


def _quoted(name: str) -> str:
    """A column name as an SQL identifier (names come from :func:`columns`, checked by the caller)."""
    return '"' + name.replace('"', '""') + '"'


def columns(db: sqlite_utils.Database) -> set[str]:
    """The columns an upsert may set."""
    return set(db["articles"].columns_dict) - MANAGED


def get(db: sqlite_utils.Database, article_id: int) -> dict[str, Any]:
    return db["articles"].get(article_id)


def other_outlets(db: sqlite_utils.Database, outlets: Iterable[str]) -> list[str]:
    """The outlets, other than ``outlets``, that have articles in the store (sorted)."""
    known = sorted(set(outlets))
    marks = ",".join("?" * len(known)) or "NULL"
    return [r[0] for r in db.execute(
        f"SELECT DISTINCT outlet FROM articles WHERE outlet NOT IN ({marks}) ORDER BY outlet", known)]


def count(db: sqlite_utils.Database) -> int:
    return db["articles"].count
