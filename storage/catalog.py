"""What a store has: its tables and the optional columns later migrations add.

Readers (the export, Datasette's metadata and article page) work on every schema version:
they ask once what the store holds and build their SQL from the answer, never per row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

import sqlite_utils

TRANSLATION_COLUMNS = frozenset({"title_en", "text_en", "translation_status"})


@dataclass(frozen=True)
class Features:
    """Tables of the store, columns of ``articles`` and of its full-text index ``articles_fts``."""

    tables: frozenset[str]
    article_columns: frozenset[str]
    fts_columns: frozenset[str]
    columns: Mapping[str, frozenset[str]] = field(default_factory=dict)  # every table's columns

    def has(self, *tables: str) -> bool:
        return set(tables) <= self.tables

    def column(self, name: str) -> bool:
        return name in self.article_columns

    @property
    def translated(self) -> bool:
        """English title and text and a translation status are stored with each article."""
        return TRANSLATION_COLUMNS <= self.article_columns

    @property
    def provenance(self) -> bool:
        """Which engine and model translated each article (the ``translations`` table)."""
        return self.translated and self.has("translations")

    @property
    def english_search(self) -> bool:
        """The full-text index covers the English translation as well as the original."""
        return self.translated and {"title_en", "text_en"} <= self.fts_columns

    @property
    def stories(self) -> bool:
        """Near-identical copies of a story are grouped (``stories`` and ``story_members``)."""
        return self.has("stories", "story_members")

    @property
    def run_sources(self) -> bool:
        """Per-outlet counts of every crawl run (``crawl_run_sources``)."""
        return self.has("crawl_run_sources")


def features(db: sqlite_utils.Database) -> Features:
    tables = frozenset(db.table_names())
    columns = {table: frozenset(db[table].columns_dict) for table in tables}
    return Features(tables=tables, article_columns=columns.get("articles", frozenset()),
                    fts_columns=columns.get("articles_fts", frozenset()), columns=columns)
