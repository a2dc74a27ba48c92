"""Dotted abbreviations in search (#11): the search form joins "U.K." into "UK." and "U.S.A." into "USA."
(:func:`storage.search_form.join_initials`), so "UK" finds "U.K." and "U.K." finds "UK". The view and its
triggers are created again and the index refilled, as :mod:`storage.migrations.m0710_normalised_search`
does (progress lines on a large store).
"""

import sqlite_utils

from storage.migrations import m0710_normalised_search


def apply(db: sqlite_utils.Database) -> None:
    m0710_normalised_search.apply(db)
