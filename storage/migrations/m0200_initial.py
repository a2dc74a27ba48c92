"""Initial schema: sources, articles (with FTS5 over title and text) and crawl_runs."""

import sqlite_utils


def apply(db: sqlite_utils.Database) -> None:
    db["sources"].create(
        {
            "id": str,
            "name": str,
            "country": str,
            "region": str,
            "languages": str,  # JSON list of ISO 639-1 codes
            "homepage": str,
            "enabled": int,
            "updated": str,
        },
        pk="id",
    )
    db["crawl_runs"].create(
        {
            "id": int,
            "started": str,
            "finished": str,
            "status": str,  # running | completed | failed
            "finish_reason": str,
            "sources_file": str,
            "fetched": int,
            "stored": int,
            "new": int,
            "updated": int,
            "unchanged": int,
            "skipped": int,
            "failed": int,
            "failures": str,  # JSON object: reason -> count
            "stats": str,  # JSON object: other counters of the run
        },
        pk="id",
        defaults={"status": "running", "fetched": 0, "stored": 0, "new": 0, "updated": 0,
                  "unchanged": 0, "skipped": 0, "failed": 0, "failures": "{}", "stats": "{}"},
    )
    db["articles"].create(
        {
            "id": int,
            "canonical_url": str,
            "url": str,
            "outlet": str,
            "title": str,
            "text": str,
            "language": str,
            "language_confidence": float,
            "published": str,
            "fetched": str,
            "first_seen": str,
            "content_hash": str,
            "boilerplate_removed": int,
            "extraction_status": str,  # ok | empty | failed
            "extraction_error": str,
            "http_status": int,
            "encoding": str,
            "first_run": int,
            "last_run": int,
        },
        pk="id",
        not_null={"canonical_url", "url", "outlet"},
        foreign_keys=[("outlet", "sources", "id"), ("first_run", "crawl_runs", "id"),
                      ("last_run", "crawl_runs", "id")],
    )
    db["articles"].create_index(["canonical_url"], unique=True)
    db["articles"].create_index(["outlet", "published"])
    db["articles"].create_index(["language"])
    db["articles"].create_index(["content_hash"])
    db["articles"].enable_fts(["title", "text"], create_triggers=True, tokenize="unicode61 remove_diacritics 2")
