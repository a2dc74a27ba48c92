"""Streaming export of article (or story) records in id order, with a keyset cursor.

Rows are read in batches of ``batch_size`` with ``WHERE id > :after ORDER BY id LIMIT n``, so memory
stays flat whatever the store holds. The export covers ids up to the store's highest id when it
starts (its *high-water mark*); that id is the cursor for the next run, so rows written during an
export are picked up next time, never half-way.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any, Iterator

import sqlite_utils

from storage import catalog, records
from storage.errors import DatabaseUnavailable, StorageError

BATCH_SIZE = 500


class ExportUnavailable(StorageError):
    """The store cannot give what was asked (e.g. stories before story grouping has run)."""


@dataclass(frozen=True)
class ExportQuery:
    after_id: int = 0
    since: str | None = None  # UTC ISO 8601, compared with first_seen
    languages: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    stories_only: bool = False
    batch_size: int = BATCH_SIZE


@dataclass(frozen=True)
class ExportPlan:
    """An export's SQL and its bounds, fixed when it starts."""

    query: ExportQuery
    sql: str
    params: dict[str, Any]
    cursor_field: str
    high_water: int

    @property
    def cursor(self) -> int:
        """The ``--after-id`` for the next export: everything up to here has been covered."""
        return max(self.high_water, self.query.after_id)


def plan(db: sqlite_utils.Database, query: ExportQuery) -> ExportPlan:
    f = catalog.features(db)
    stories = query.stories_only
    if stories and not f.stories:
        raise ExportUnavailable("this store has no stories yet: story grouping has not run on it "
                                "(export articles instead, without --stories-only)")
    key = "st.id" if stories else "a.id"
    where = [f"{key} > :after", f"{key} <= :high", "a.extraction_status = 'ok'"]
    params: dict[str, Any] = {}
    if query.since:
        where.append(("st.first_seen" if stories else "a.first_seen") + " >= :since")
        params["since"] = query.since
    where += _in_list("coalesce(a.language, 'und')", "lang", query.languages, params)
    where += _in_list("s.region", "region", query.regions, params)
    sql = (f"{records.select_clause(f, stories=stories)} {records.from_clause(f, stories=stories)} "
           f"WHERE {' AND '.join(where)} ORDER BY {key} LIMIT {int(query.batch_size)}")
    table = "stories" if stories else "articles"
    high = next(db.query(f"SELECT coalesce(max(id), 0) AS high FROM {table}"))["high"]
    params["high"] = high
    return ExportPlan(query, sql, params, "story_id" if stories else "id", int(high))


def iter_records(db: sqlite_utils.Database, export: ExportPlan) -> Iterator[dict[str, Any]]:
    """The plan's records in id order, one batch in memory at a time."""
    after = export.query.after_id
    while True:
        try:
            batch = list(db.query(export.sql, {**export.params, "after": after}))
        except sqlite3.DatabaseError as exc:
            raise DatabaseUnavailable(f"export stopped after id {after}: {exc}") from exc
        for row in batch:
            yield _decoded(row)
        if len(batch) < export.query.batch_size:
            return
        after = batch[-1][export.cursor_field]


def _decoded(row: dict[str, Any]) -> dict[str, Any]:
    for name in records.LIST_FIELDS:
        if row.get(name) is not None:
            row[name] = json.loads(row[name])
    return row


def _in_list(expr: str, prefix: str, values: tuple[str, ...], params: dict[str, Any]) -> list[str]:
    if not values:
        return []
    names = [f"{prefix}{i}" for i in range(len(values))]
    params.update(zip(names, values))
    return [f"{expr} IN ({', '.join(':' + n for n in names)})"]


def known_languages(db: sqlite_utils.Database) -> list[str]:
    """Language codes an export can filter on, sorted: those of stored articles (``und`` when none was
    detected) and those the outlets declare (so a cron export for a language is valid before its first article)."""
    sql = ("SELECT coalesce(language, 'und') AS code FROM articles "
           "UNION SELECT j.value FROM sources, json_each(CASE WHEN json_valid(sources.languages) "
           "THEN sources.languages ELSE '[]' END) AS j ORDER BY code")
    return [row["code"] for row in db.query(sql) if row["code"]]
