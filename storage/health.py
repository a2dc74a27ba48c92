"""Read-only figures for `wirewatch health`: each outlet's recent runs, from crawl_run_sources."""

from __future__ import annotations

from typing import Any

import sqlite_utils

from storage.errors import DatabaseUnavailable


def require_run_sources(db: sqlite_utils.Database) -> None:
    if not db["crawl_run_sources"].exists():
        raise DatabaseUnavailable("this database predates per-source run records; run `wirewatch crawl` once "
                                  "to upgrade it")


def outlets(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    return list(db.query("SELECT id, name, enabled FROM sources ORDER BY id"))


def recent_runs(db: sqlite_utils.Database, history: int) -> list[dict[str, Any]]:
    """The last ``history`` crawl runs, newest first."""
    return list(db.query("SELECT id, started, status FROM crawl_runs ORDER BY id DESC LIMIT ?", [history]))


def run_sources(db: sqlite_utils.Database, history: int) -> list[dict[str, Any]]:
    """crawl_run_sources rows of the last ``history`` runs, with their run's start, oldest first."""
    return list(db.query(
        "SELECT s.*, r.started FROM crawl_run_sources s JOIN crawl_runs r ON r.id = s.run_id "
        "WHERE s.run_id IN (SELECT id FROM crawl_runs ORDER BY id DESC LIMIT ?) ORDER BY s.outlet, s.run_id",
        [history]))


def last_success(db: sqlite_utils.Database) -> dict[str, str]:
    """Per outlet, the start of the latest run in which at least one of its feeds, sitemaps or
    section pages could be read (a 304 counts)."""
    return {row["outlet"]: row["started"] for row in db.query(
        "SELECT s.outlet, max(r.started) AS started FROM crawl_run_sources s JOIN crawl_runs r ON r.id = s.run_id "
        "WHERE s.feeds_fetched > 0 GROUP BY s.outlet")}
