"""Discovery and per-source run records: discovery_state, crawl_run_sources, article_urls."""

import sqlite_utils


def apply(db: sqlite_utils.Database) -> None:
    # One row per feed, sitemap or section page: the validators seen last time, for conditional GETs.
    db["discovery_state"].create(
        {
            "url": str,
            "outlet": str,
            "kind": str,  # feed | sitemap | section
            "etag": str,
            "last_modified": str,
            "last_status": int,  # HTTP status of the last fetch; NULL when it never got a response
            "last_error": str,  # failure reason of the last fetch, NULL when it succeeded
            "last_fetched": str,
        },
        pk="url",
    )
    db["discovery_state"].create_index(["outlet"])
    # One row per crawl run and outlet.
    db["crawl_run_sources"].create(
        {
            "run_id": int,
            "outlet": str,
            "feeds_fetched": int,  # feeds, sitemaps and section pages fetched and read (200)
            "not_modified": int,  # of those, answered 304: nothing new
            "articles_fetched": int,
            "new_articles": int,
            "skipped": int,
            "failed": int,
            "failures": str,  # JSON object: reason -> count
        },
        pk=("run_id", "outlet"),
        foreign_keys=[("run_id", "crawl_runs", "id")],
        defaults={"feeds_fetched": 0, "not_modified": 0, "articles_fetched": 0, "new_articles": 0,
                  "skipped": 0, "failed": 0, "failures": "{}"},
    )
    db["crawl_run_sources"].create_index(["outlet", "run_id"])
    # Other URLs known to lead to a stored article (redirects, tracking variants, rel=canonical),
    # so a later crawl does not fetch them again.
    db["article_urls"].create(
        {"url": str, "canonical_url": str, "first_seen": str},
        pk="url",
    )
    db["article_urls"].create_index(["canonical_url"])
