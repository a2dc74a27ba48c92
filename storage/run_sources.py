"""The crawl_run_sources table: one row per crawl run and outlet."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils


@dataclass
class SourceCounts:
    outlet: str
    feeds_fetched: int = 0
    not_modified: int = 0
    articles_fetched: int = 0
    new_articles: int = 0
    skipped: int = 0
    failures: dict[str, int] = field(default_factory=dict)

    @property
    def failed(self) -> int:
        return sum(self.failures.values())


def new_articles_by_outlet(db: sqlite_utils.Database, run_id: int) -> dict[str, int]:
    """Articles first stored by run ``run_id``, per outlet."""
    return {row["outlet"]: row["n"] for row in db.query(
        "SELECT outlet, count(*) AS n FROM articles WHERE first_run = ? GROUP BY outlet", [run_id])}


def for_run(db: sqlite_utils.Database, run_id: int) -> list[dict[str, Any]]:
    """The crawl_run_sources rows of run ``run_id``, by outlet."""
    return list(db.query("SELECT * FROM crawl_run_sources WHERE run_id = ? ORDER BY outlet", [run_id]))


def record(db: sqlite_utils.Database, run_id: int, counts: list[SourceCounts]) -> None:
    rows: list[dict[str, Any]] = [{
        "run_id": run_id, "outlet": c.outlet, "feeds_fetched": c.feeds_fetched, "not_modified": c.not_modified,
        "articles_fetched": c.articles_fetched, "new_articles": c.new_articles, "skipped": c.skipped,
        "failed": c.failed, "failures": json.dumps(c.failures, sort_keys=True),
    } for c in counts]
    if not rows:
        return
    with db.conn:
        db["crawl_run_sources"].upsert_all(rows, pk=("run_id", "outlet"))

