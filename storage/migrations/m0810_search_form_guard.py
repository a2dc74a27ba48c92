"""The search form's view computes the Arabic fold only for values that hold Arabic letters (#15):
:func:`storage.search.view_sql`. The form itself is unchanged, so the view is created again and
neither the index nor its triggers are touched (the triggers read the view by name)."""

import sqlite_utils

from storage import search


def apply(db: sqlite_utils.Database) -> None:
    db.execute(f"DROP VIEW IF EXISTS [{search.SEARCH_FORM_VIEW}]")
    db.execute(search.view_sql())
