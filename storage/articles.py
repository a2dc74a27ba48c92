"""The articles table: upsert on the canonical URL, and look-ups."""

from __future__ import annotations

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
    """Insert the article, or update the stored one with the same canonical URL.

    An article whose content hash has not changed only has its fetch time and run refreshed.
    """
    _check_columns(db, row)
    with db.conn:
        return _upsert(db, row, run_id)


def upsert_many(db: sqlite_utils.Database, rows: list[dict[str, Any]], *,
                run_id: int | None = None) -> list[UpsertResult]:
    """:func:`upsert` for many articles in one transaction (imports)."""
    allowed = set(db["articles"].columns_dict) - MANAGED
    for row in rows:
        _check_columns(db, row, allowed)
    with db.atomic():  # one transaction (sqlite-utils' inserts inside it use savepoints)
        return [_upsert(db, row, run_id) for row in rows]


def _check_columns(db: sqlite_utils.Database, row: dict[str, Any], allowed: set[str] | None = None) -> None:
    unknown = set(row) - (allowed if allowed is not None else set(db["articles"].columns_dict) - MANAGED)
    if unknown:
        raise ValueError(f"not article columns: {', '.join(sorted(unknown))}")


def _upsert(db: sqlite_utils.Database, row: dict[str, Any], run_id: int | None) -> UpsertResult:
    existing = next(db.query(
        "SELECT id, content_hash FROM articles WHERE canonical_url = ?", [row["canonical_url"]]), None)
    if existing is None:
        record = {**row, "first_seen": row.get("fetched"), "first_run": run_id, "last_run": run_id}
        article_id = db["articles"].insert(record).last_pk
        return UpsertResult(int(article_id), "new")
    if existing["content_hash"] == row.get("content_hash"):
        db["articles"].update(existing["id"], {"fetched": row.get("fetched"), "last_run": run_id})
        return UpsertResult(existing["id"], "unchanged")
    db["articles"].update(existing["id"], {**row, "last_run": run_id})
    return UpsertResult(existing["id"], "updated")


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
