"""Running one crawl in this process: the code path shared by `wirewatch crawl` and `wirewatch demo`."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

import storage
from crawler import deadline
from crawler.lock import crawl_lock
from crawler.extensions.run_deadline import RunDeadline
from crawler.sources import load, registry_path
from crawler.translation import choose_target
from storage import run_sources, runs, translations

logger = logging.getLogger(__name__)


class CrawlError(Exception):
    """The crawl could not run to the point of recording a run."""


@dataclass(frozen=True)
class CrawlConfig:
    db: Path
    sources: Path | None = None
    overrides: dict[str, Any] = field(default_factory=dict)


def build_settings(config: CrawlConfig) -> Settings:
    settings = Settings()
    settings.setmodule("settings", priority="project")
    settings.set("LOG_INSTALL_ROOT_HANDLER", False, priority="cmdline")  # crawler.logs configures logging
    settings.set("WIREWATCH_DB", str(config.db), priority="cmdline")
    settings.set("WIREWATCH_SOURCES", str(registry_path(config.sources)), priority="cmdline")
    for name, value in config.overrides.items():
        settings.set(name, value, priority="cmdline")
    return settings


def check(config: CrawlConfig) -> None:
    """Fail fast, before Scrapy starts, on a registry or database that cannot be used."""
    load(registry_path(config.sources))
    workers = build_settings(config).get("WIREWATCH_EXTRACT_WORKERS")
    if not str(workers).isdigit():
        raise CrawlError(f"WIREWATCH_EXTRACT_WORKERS must be 0 (one worker per CPU core) or a number of "
                         f"worker processes, not {str(workers)!r}")
    storage.open_db(config.db).close()


def keep_translation_target(config: CrawlConfig) -> str | None:
    """Translate into the store's target (:func:`crawler.translation.choose_target`) unless this run
    names one (``-s WIREWATCH_TRANSLATION_TARGET``): sets it in ``config.overrides``. Returns the line to
    show when the run switches the store to another target, else None. A store not made yet has no target."""
    name = "WIREWATCH_TRANSLATION_TARGET"
    if not Path(config.db).is_file():
        return None
    db = storage.open_db(config.db, create=False)
    try:
        stored = translations.latest_target(db)
    finally:
        db.close()
    explicit = name in config.overrides
    target, note = choose_target(stored, config.overrides.get(name, build_settings(config).get(name)), explicit)
    config.overrides[name] = target
    return note


def crawl(config: CrawlConfig) -> dict[str, Any]:
    """Run the news spider once and return its crawl_runs row.

    Raises :class:`crawler.lock.CrawlLocked` at once when another crawl is running on the same database.
    Never runs longer than ``WIREWATCH_MAX_RUN_SECONDS`` plus its grace after its run starts (see crawler.deadline).
    """
    check(config)
    settings = build_settings(config)
    limit = settings.getfloat("WIREWATCH_MAX_RUN_SECONDS")
    max_age = limit + deadline.grace_seconds(limit) + 60 if limit > 0 else None
    with crawl_lock(config.db, max_age=max_age):
        close_abandoned(config.db)
        process = CrawlerProcess(settings)
        crawler = process.create_crawler("news")
        process.crawl(crawler)
        process.start()
        for extension in crawler.extensions.middlewares:
            if isinstance(extension, RunDeadline):
                extension.cancel()
    run_id = crawler.stats.get_value("wirewatch/run_id")
    if run_id is None:
        raise CrawlError("the crawl stopped before it recorded a run; run again with --verbose to see why")
    db = storage.open_db(config.db)
    try:
        return runs.get(db, run_id)
    finally:
        db.close()


def close_abandoned(db_path: Path) -> None:
    """Runs left ``running`` by a crawl that died are no longer running: say so, in the store and the log."""
    db = storage.open_db(db_path)
    try:
        ids = runs.close_abandoned(db)
    finally:
        db.close()
    if ids:
        logger.warning("crawl runs %s never finished (killed?); marked abandoned", ", ".join(map(str, ids)))


def log_outlet_summary(db_path: Path, run_id: int) -> None:
    """One INFO line per outlet for run ``run_id``: documents read, articles fetched and stored, failures."""
    db = storage.open_db(db_path)
    try:
        rows = run_sources.for_run(db, run_id)
    finally:
        db.close()
    for row in rows:
        failures = json.loads(row["failures"] or "{}")
        detail = f" ({', '.join(f'{k} {v}' for k, v in sorted(failures.items()))})" if failures else ""
        logger.info("outlet %s: %d documents read (%d not modified), %d articles fetched, %d new, %d skipped, "
                    "%d failed%s", row["outlet"], row["feeds_fetched"], row["not_modified"], row["articles_fetched"],
                    row["new_articles"], row["skipped"], row["failed"], detail)


def summary_line(run: dict[str, Any]) -> str:
    failures = json.loads(run.get("failures") or "{}")
    other = json.loads(run.get("stats") or "{}")
    detail = ", ".join(f"{k} {v}" for k, v in sorted(failures.items()))
    return (f"wirewatch: run {run['id']} {run['status']}: {other.get('documents_fetched', 0)} feeds/sitemaps/sections "
            f"read ({other.get('not_modified', 0)} not modified), {run['fetched']} articles fetched, "
            f"{run['new']} new, {run['updated']} updated, {run['unchanged']} unchanged, "
            f"{run['skipped']} skipped, {run['failed']} failed" + (f" ({detail})" if detail else ""))
