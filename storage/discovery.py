"""What discovery remembers between runs: validators of feeds and sitemaps, and known article URLs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Iterable

import sqlite_utils

# SQLite's default limit on host parameters is 999 in old builds; stay well below it.
_CHUNK = 500


@dataclass(frozen=True)
class Validators:
    etag: str | None = None
    last_modified: str | None = None

    def __bool__(self) -> bool:
        return bool(self.etag or self.last_modified)


def validators(db: sqlite_utils.Database, urls: Iterable[str]) -> dict[str, Validators]:
    """The ETag / Last-Modified stored for each of ``urls`` that has any."""
    found: dict[str, Validators] = {}
    for chunk in _chunks(list(urls)):
        marks = ",".join("?" * len(chunk))
        for row in db.query(f"SELECT url, etag, last_modified FROM discovery_state WHERE url IN ({marks})", chunk):
            value = Validators(row["etag"], row["last_modified"])
            if value:
                found[row["url"]] = value
    return found


def record_fetch(db: sqlite_utils.Database, rows: Iterable[dict[str, Any]]) -> None:
    """Upsert discovery_state rows (url, outlet, kind, etag, last_modified, last_status, last_error).

    A row that leaves out ``etag`` and ``last_modified`` keeps the stored ones.
    """
    now = _now()
    with db.conn:
        for row in rows:
            db["discovery_state"].upsert({**row, "last_fetched": now}, pk="url")


def stored(db: sqlite_utils.Database, urls: Iterable[str]) -> set[str]:
    """Those of ``urls`` (canonical) that lead to a stored article, directly or through an alias."""
    known: set[str] = set()
    for chunk in _chunks(list(dict.fromkeys(urls))):
        marks = ",".join("?" * len(chunk))
        known.update(row["u"] for row in db.query(
            f"SELECT canonical_url AS u FROM articles WHERE canonical_url IN ({marks}) "
            f"UNION SELECT a.url AS u FROM article_urls a JOIN articles b ON b.canonical_url = a.canonical_url "
            f"WHERE a.url IN ({marks})", chunk + chunk))
    return known


def add_aliases(db: sqlite_utils.Database, pairs: Iterable[tuple[str, str]]) -> int:
    """Remember that each (url, canonical_url) pair's url leads to that canonical article."""
    now = _now()
    rows = [{"url": url, "canonical_url": canonical, "first_seen": now} for url, canonical in pairs if url != canonical]
    if rows:
        with db.conn:
            db["article_urls"].insert_all(rows, pk="url", ignore=True)
    return len(rows)


def _chunks(items: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start:start + _CHUNK]


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
