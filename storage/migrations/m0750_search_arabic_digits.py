"""Arabic-Indic digits in search (#11): the search form makes «٢٠٢٦» and «۲۰۲۶» the ASCII 2026
(:data:`processing.arabic.DIGITS`), so the view and its triggers are created again and the index refilled,
as :mod:`storage.migrations.m0710_normalised_search` does (progress lines on a large store).
"""

import sqlite_utils

from storage.migrations import m0710_normalised_search


def apply(db: sqlite_utils.Database) -> None:
    m0710_normalised_search.apply(db)
