"""Prefix indexes in the full-text index (#15): a search for ``hosp*`` or a common prefix such as
``w2*`` reads FTS5's 2- and 3-character prefix index (:data:`storage.search.PREFIX`) instead of
merging the entries of every matching word. FTS5 cannot add them to an existing index: it is created
again and refilled, as :mod:`storage.migrations.m0710_normalised_search` does (progress lines on a
large store). A store whose index already has them (created after this change) is left alone.
"""

import sqlite_utils

from storage import search
from storage.migrations import m0710_normalised_search


def apply(db: sqlite_utils.Database) -> None:
    row = db.execute("SELECT sql FROM sqlite_master WHERE name = ?", [search.FTS_TABLE]).fetchone()
    if row is not None and f"prefix='{search.PREFIX}'" in row[0]:
        return
    m0710_normalised_search.apply(db)
