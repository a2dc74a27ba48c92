"""WatchRecorder: at the end of every crawl, records the new matches of every watch (storage.watches)."""

from __future__ import annotations

import logging

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

import storage
from storage import watches

logger = logging.getLogger(__name__)

HITS_STAT = "wirewatch/watch_hits"


class WatchRecorder:
    def __init__(self, crawler: Crawler, db_path: str) -> None:
        self.crawler = crawler
        self.db_path = db_path

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "WatchRecorder":
        db_path = crawler.settings.get("WIREWATCH_DB")
        if not db_path:
            raise NotConfigured("WIREWATCH_DB is empty")
        recorder = cls(crawler, db_path)
        crawler.signals.connect(recorder.spider_closed, signal=signals.spider_closed)
        return recorder

    def spider_closed(self, spider: Spider, reason: str) -> None:
        db = storage.open_db(self.db_path)
        try:
            found = watches.run(db)
        finally:
            db.close()
        total = sum(found.values())
        self.crawler.stats.set_value(HITS_STAT, total)
        if found:
            logger.info("watches: %d new hits (%s)", total, ", ".join(f"{n} {c}" for n, c in found.items()))
