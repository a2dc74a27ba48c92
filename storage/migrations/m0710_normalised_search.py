"""Search that finds what a person types (#11): the full-text index holds the Arabic-normalised
search form of title, text and English title and text (:mod:`storage.search`), and is rebuilt.

On a large store the rebuild logs a progress line every 5,000 articles (``rebuilding the search
index: 25,000 of 310,000 articles``).
"""

import logging

import sqlite_utils

from storage import search

logger = logging.getLogger(__name__)
PROGRESS_FROM = 20_000  # articles: smaller stores rebuild in a few seconds, without progress lines


def apply(db: sqlite_utils.Database) -> None:
    search.create(db)
    total = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    if total >= PROGRESS_FROM:
        logger.warning("rebuilding the search index for %s articles", f"{total:,}")
    search.rebuild(db, progress=_report if total >= PROGRESS_FROM else None)


def _report(done: int, total: int) -> None:
    logger.warning("rebuilding the search index: %s of %s articles", f"{done:,}", f"{total:,}")
