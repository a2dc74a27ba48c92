"""What cluster mode reads from the store to seed Redis, and the checks of the fault tests."""

from __future__ import annotations

from typing import Iterator

import sqlite_utils


def known_urls(db: sqlite_utils.Database) -> Iterator[str]:
    """Canonical URLs of stored articles, and alias URLs leading to a stored article."""
    for row in db.query("SELECT canonical_url AS u FROM articles UNION SELECT a.url AS u FROM article_urls a "
                        "JOIN articles b ON b.canonical_url = a.canonical_url"):
        yield row["u"]


def validators(db: sqlite_utils.Database) -> Iterator[tuple[str, str | None, str | None]]:
    """(url, etag, last_modified) of every discovery document with validators."""
    for row in db.query("SELECT url, etag, last_modified FROM discovery_state "
                        "WHERE coalesce(etag, '') != '' OR coalesce(last_modified, '') != ''"):
        yield row["url"], row["etag"], row["last_modified"]


def identity(db: sqlite_utils.Database, path: str) -> str:
    """One store's identity: ``path`` (resolved by the caller) and when its first migration was applied
    (its creation, to the second). A store deleted and created again at the same path is another store."""
    row = next(iter(db.query("SELECT applied FROM schema_migrations ORDER BY name LIMIT 1")), None)
    return f"{path}|{row['applied'] if row else ''}"
