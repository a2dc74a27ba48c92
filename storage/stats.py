"""Read-only summaries of the store for `wirewatch stats` and `wirewatch demo`."""

from __future__ import annotations

from typing import Any

import sqlite_utils


def articles_by_outlet_and_language(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    return list(db.query(
        """SELECT a.outlet, coalesce(s.name, a.outlet) AS name, coalesce(s.region, '') AS region,
                  coalesce(a.language, 'und') AS language, count(*) AS articles,
                  sum(coalesce(a.boilerplate_removed, 0)) AS boilerplate_removed
           FROM articles a LEFT JOIN sources s ON s.id = a.outlet
           GROUP BY a.outlet, a.language ORDER BY a.outlet, a.language"""))


def articles_by_language(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    return list(db.query(
        "SELECT coalesce(language, 'und') AS language, count(*) AS articles FROM articles "
        "GROUP BY language ORDER BY articles DESC, language"))


def recent_runs(db: sqlite_utils.Database, limit: int = 10) -> list[dict[str, Any]]:
    """The latest ``limit`` crawl runs, newest first; ``worker`` is the cluster worker that made the run
    (its stats' ``worker``, recorded by the ingester when the run ends), None for a `crawl` run."""
    return list(db.query(
        "SELECT id, started, finished, status, fetched, stored, new, updated, unchanged, skipped, failed, failures, "
        "CASE WHEN json_valid(stats) THEN json_extract(stats, '$.worker') END AS worker "
        "FROM crawl_runs ORDER BY id DESC LIMIT ?", [limit]))


def totals(db: sqlite_utils.Database) -> dict[str, int]:
    row = next(db.query(
        "SELECT count(*) AS articles, coalesce(sum(boilerplate_removed), 0) AS boilerplate_removed, "
        "(SELECT count(*) FROM crawl_runs) AS runs, (SELECT count(*) FROM sources) AS sources FROM articles"))
    return dict(row)
