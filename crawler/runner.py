"""Running one crawl in this process: the code path shared by `wirewatch crawl` and `wirewatch demo`."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.settings import Settings

import storage
from crawler import deadline, overrides
from crawler.lock import crawl_lock
from crawler.extensions.run_deadline import RunDeadline
from crawler.extensions.run_recorder import RunRecorder
from crawler.sources import load, registry_path
from crawler.translation import choose_target
from storage import run_sources, runs, translations

logger = logging.getLogger(__name__)


class CrawlError(Exception):
    """The crawl could not run to the point of recording a run."""


# Seconds a crawl stopped by Ctrl-C or SIGTERM may take to close gracefully before its reactor is stopped
# as by a second Ctrl-C: Scrapy's graceful close waits for every request in flight (a site that does not
# answer held it DOWNLOAD_TIMEOUT x (RETRY_TIMES + 1), a minute by default). The run is recorded
# ``interrupted`` either way (:func:`record_killed_run`), and what it did not finish is fetched next time.
# 4.5 s, so that with the run recorded and the process closed the crawl has ended within the 5 s the
# README promises (with 5.0 it ended 5.07 s after the signal, measured by a new user).
INTERRUPT_GRACE_SECONDS = 4.5


class _Process(CrawlerProcess):
    """A CrawlerProcess that remembers whether a shutdown signal stopped it (Scrapy's handler, installed
    once the reactor runs, stops the crawl gracefully; it does not say so afterwards), and that stops the
    reactor :data:`INTERRUPT_GRACE_SECONDS` after that signal if the graceful stop has not ended by then."""

    interrupted = False

    def _signal_shutdown(self, signum: int, frame: Any) -> None:
        from twisted.internet import reactor

        self.interrupted = True
        super()._signal_shutdown(signum, frame)
        reactor.callFromThread(reactor.callLater, INTERRUPT_GRACE_SECONDS, self._stop_reactor)  # type: ignore[attr-defined]


def _note_interrupt(failure: Any, process: _Process) -> Any:
    """Errback of the crawl: a KeyboardInterrupt raised inside it (Ctrl-C before Scrapy's handler was
    installed) is an interruption, not an error to log; anything else goes on to Scrapy's handling."""
    if failure.check(KeyboardInterrupt) is None:
        return failure
    process.interrupted = True
    return None


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
    """Fail fast, before Scrapy starts, on a registry, a settings.py value or a database that cannot be used."""
    wrong = overrides.module_problem()
    if wrong:
        raise CrawlError(wrong)
    load(registry_path(config.sources))
    workers = build_settings(config).get("WIREWATCH_EXTRACT_WORKERS")
    if not str(workers).isdigit() or overrides.problem("WIREWATCH_EXTRACT_WORKERS", int(workers)):
        raise CrawlError(f"WIREWATCH_EXTRACT_WORKERS must be 0 (one worker per CPU core) or a number of "
                         f"worker processes up to {overrides.declaration('WIREWATCH_EXTRACT_WORKERS').maximum}, "
                         f"not {str(workers)!r}")
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
    Ctrl-C (SIGINT) or SIGTERM stops it gracefully: a run already started is recorded ``interrupted`` and
    returned; before that, KeyboardInterrupt is raised (as for a Ctrl-C before the crawl's process started;
    the lock released, the workers ended).
    """
    check(config)
    settings = build_settings(config)
    limit = settings.getfloat("WIREWATCH_MAX_RUN_SECONDS")
    max_age = limit + deadline.grace_seconds(limit) + 60 if limit > 0 else None
    with crawl_lock(config.db, max_age=max_age):
        close_abandoned(config.db)
        process = _Process(settings)
        crawler = process.create_crawler("news")
        closed: list[bool] = []

        def spider_closed() -> None:
            closed.append(True)

        crawler.signals.connect(spider_closed, signal=signals.spider_closed)
        process.crawl(crawler).addErrback(_note_interrupt, process)
        try:
            process.start()
        except KeyboardInterrupt:
            process.interrupted = True
        if not closed:
            close_pipelines(crawler)
        # Crawler.extensions and .stats raise until the crawl has started: read what is set, if anything.
        extensions = getattr(getattr(crawler, "_extensions", None), "middlewares", ())
        if not closed and process.interrupted:
            record_killed_run(crawler, extensions)
        for extension in extensions:
            if isinstance(extension, RunDeadline):
                extension.cancel()
    stats = getattr(crawler, "_stats", None)
    run_id = stats.get_value("wirewatch/run_id") if stats is not None else None
    if run_id is None and process.interrupted:
        raise KeyboardInterrupt("the crawl was stopped before it recorded a run")
    if run_id is None:
        raise CrawlError("the crawl stopped before it recorded a run; run again with --verbose to see why")
    db = storage.open_db(config.db)
    try:
        return runs.get(db, run_id)
    finally:
        db.close()


def close_pipelines(crawler: Crawler) -> None:
    """Close the item pipelines of a crawl stopped before its spider opened (Ctrl-C while they opened):
    Scrapy then never calls their close_spider, and the threads and worker processes they started
    would keep this process alive. Each close_spider copes with an open_spider that did not finish."""
    engine = getattr(crawler, "_engine", None)  # None: stopped before the engine was made
    if engine is None:
        return
    for pipeline in engine.scraper.itemproc.middlewares:
        close = getattr(pipeline, "close_spider", None)
        if close is None:
            continue
        try:
            close()
        except Exception:  # one pipeline's failure must not leave the others open
            logger.exception("closing %s after an interrupted start failed", type(pipeline).__name__)


def record_killed_run(crawler: Crawler, extensions: Any) -> None:
    """Record as ``interrupted``, with its counts so far, a run whose spider never closed because a second
    Ctrl-C (or SIGTERM) stopped Scrapy's reactor at once: left ``running``, it was summarised "run N running"
    and marked ``abandoned`` by the next crawl. Called after :func:`close_pipelines` has stored what they held."""
    spider = getattr(crawler, "spider", None)
    for extension in extensions:
        if isinstance(extension, RunRecorder) and extension.run_id is not None and spider is not None:
            extension.spider_closed(spider, "shutdown")


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
