"""RunRecorder: opens a crawl_runs row when the spider opens and closes it with the run's counts."""

from __future__ import annotations

import logging
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

import storage
from crawler import counters, failures
from crawler.deadline import TIMED_OUT
from crawler.pipelines.storage import RUN_ID_STAT
from storage import run_sources, runs, sources

logger = logging.getLogger(__name__)

COMPLETED_REASONS = {"finished", "closespider_timeout", "closespider_itemcount", "closespider_pagecount"}


class RunRecorder:
    def __init__(self, crawler: Crawler, db_path: str, sources_file: str) -> None:
        self.crawler = crawler
        self.db_path = db_path
        self.sources_file = sources_file
        self.run_id: int | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "RunRecorder":
        db_path = crawler.settings.get("WIREWATCH_DB")
        if not db_path:
            raise NotConfigured("WIREWATCH_DB is empty")
        recorder = cls(crawler, db_path, crawler.settings.get("WIREWATCH_SOURCES") or "")
        crawler.signals.connect(recorder.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(recorder.spider_closed, signal=signals.spider_closed)
        return recorder

    def spider_opened(self, spider: Spider) -> None:
        db = storage.open_db(self.db_path)
        try:
            sources.sync(db, [s.row() for s in getattr(spider, "sources", [])])
            self.run_id = runs.start(db, sources_file=self.sources_file)
        finally:
            db.close()
        self.crawler.stats.set_value(RUN_ID_STAT, self.run_id)
        logger.info("crawl run %d started", self.run_id)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.run_id is None:
            return
        stats = self.crawler.stats.get_stats()
        counts = run_counts(stats)
        status = ("completed" if reason in COMPLETED_REASONS else "interrupted" if reason == "shutdown"
                  else TIMED_OUT if reason == TIMED_OUT else "failed")
        db = storage.open_db(self.db_path)
        try:
            outlets = [s.id for s in getattr(spider, "sources", [])]
            run_sources.record(db, self.run_id, source_counts(stats, outlets,
                                                              run_sources.new_articles_by_outlet(db, self.run_id)))
            runs.finish(db, self.run_id, counts, status=status, finish_reason=reason)
        finally:
            db.close()
        logger.info("crawl run %d %s (%s)", self.run_id, status, reason)


def run_counts(stats: dict[str, Any]) -> runs.RunCounts:
    """The crawl_runs counts from a crawl's Scrapy stats."""
    def stat(name: str) -> int:
        return int(stats.get(f"wirewatch/{name}", 0))

    other = {k[len("wirewatch/"):]: v for k, v in stats.items()
             if k.startswith("wirewatch/")
             and not k.startswith((failures.FAILED_PREFIX, failures.OUTLET_PREFIX, "wirewatch/stored/"))}
    other["requests"] = stats.get("downloader/request_count", 0)
    other["responses_bytes"] = stats.get("downloader/response_bytes", 0)
    new, updated, unchanged = stat("stored/new"), stat("stored/updated"), stat("stored/unchanged")
    return runs.RunCounts(
        fetched=stat("articles_fetched"),
        stored=new + updated + unchanged,
        new=new,
        updated=updated,
        unchanged=unchanged,
        skipped=sum(int(v) for k, v in stats.items() if k.startswith("wirewatch/skipped/")),
        failures=failures.counts(stats),
        other=other,
    )


def source_counts(stats: dict[str, Any], outlets: list[str], new: dict[str, int]) -> list[run_sources.SourceCounts]:
    """The crawl_run_sources rows of a finished crawl: one per outlet crawled."""
    rows = []
    for outlet in outlets:
        mine = counters.outlet_counters(stats, outlet)
        rows.append(run_sources.SourceCounts(
            outlet=outlet,
            feeds_fetched=mine.get("documents_fetched", 0),
            not_modified=mine.get("not_modified", 0),
            articles_fetched=mine.get("articles_fetched", 0),
            new_articles=new.get(outlet, 0),
            skipped=sum(v for k, v in mine.items() if k.startswith(counters.SKIPPED)),
            failures={k[len("failed/"):]: v for k, v in mine.items() if k.startswith("failed/")},
        ))
    return rows
