"""Canonical URLs in their new form lead to the articles stored under the old one (#10).

The canonical URL now writes non-ASCII characters percent-encoded as UTF-8, every escape in upper
case, an internationalised host in its ASCII (IDNA) form, and the query's pairs as the outlet wrote
them (:func:`processing.urls.canonicalize`). An article stored before under another form (an
Arabic slug with lower-case escapes, as WordPress writes them; a raw Arabic path; ``%20`` that the
old form wrote ``+``) would be fetched again and stored twice. Each stored canonical URL and alias
whose new form differs gets that form as an alias (``article_urls``), as a redirect's address does:
the article keeps its row and its key, and the next crawl knows it. Nothing is rewritten or removed.
"""

from datetime import datetime, timezone

import sqlite_utils

from processing.urls import canonicalize

BATCH = 5_000


def apply(db: sqlite_utils.Database) -> None:
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    aliases: dict[str, str] = {}  # read everything first: the table read is the one written
    for url, canonical in db.conn.execute("SELECT canonical_url, canonical_url FROM articles "
                                          "UNION ALL SELECT url, canonical_url FROM article_urls"):
        try:
            fresh = canonicalize(url)
        except ValueError:  # a stored URL the new rules cannot split: it keeps its old form only
            continue
        if fresh != url and fresh != canonical:
            aliases.setdefault(fresh, canonical)
    rows = [{"url": url, "canonical_url": canonical, "first_seen": now} for url, canonical in aliases.items()]
    db["article_urls"].insert_all(rows, pk="url", ignore=True, batch_size=BATCH)
