"""Indexes for the analysts' canned queries and front page on large stores (#15).

Each serves one query of :mod:`storage.analyst_queries` (tests/test_search.py checks with EXPLAIN
QUERY PLAN that no canned query scans a large table whole):

- ``articles(extraction_status, first_seen)``: latest articles, newest first, without sorting them all;
- ``articles(first_seen)``: stories with copies first seen in the last day or week;
- ``articles(outlet, extraction_status, fetched)`` and ``articles(outlet, first_seen)``: outlet health's
  latest success, failures and new articles per outlet;
- ``stories(last_seen) WHERE outlets_count > 1``: the front page's latest multi-outlet stories.
"""

import sqlite_utils


def apply(db: sqlite_utils.Database) -> None:
    db.execute("CREATE INDEX IF NOT EXISTS articles_status_first_seen ON articles (extraction_status, first_seen)")
    db.execute("CREATE INDEX IF NOT EXISTS articles_first_seen ON articles (first_seen)")
    db.execute("CREATE INDEX IF NOT EXISTS articles_outlet_status_fetched ON articles (outlet, extraction_status, "
               "fetched)")
    db.execute("CREATE INDEX IF NOT EXISTS articles_outlet_first_seen ON articles (outlet, first_seen)")
    db.execute("CREATE INDEX IF NOT EXISTS stories_multi_outlet_latest ON stories (last_seen) WHERE outlets_count > 1")
