"""DedupPipeline: clusters each stored article into its story as it is crawled (crawler.clustering).

Runs after StoragePipeline (it needs ``item.article_id``). An article that joins a story, or gets a
``related``/``translation-of`` link, is logged and counted; a store whose signatures were made with
other dedup parameters is reported once and left alone (run `wirewatch dedup --all`).
"""

from __future__ import annotations

import logging
import sqlite3

import sqlite_utils
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.statscollectors import StatsCollector

import storage
from crawler import failures
from crawler.clustering import Clusterer
from crawler.items import Article
from processing.dedup import DedupOptions
from storage.dedup import SchemeMismatch

logger = logging.getLogger(__name__)


class DedupPipeline:
    def __init__(self, stats: StatsCollector, db_path: str, options: DedupOptions) -> None:
        self.stats = stats
        self.db_path = db_path
        self.options = options
        self.db: sqlite_utils.Database | None = None
        self.clusterer: Clusterer | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "DedupPipeline":
        if not crawler.settings.getbool("WIREWATCH_DEDUP"):
            raise NotConfigured("WIREWATCH_DEDUP is off")
        return cls(crawler.stats, crawler.settings.get("WIREWATCH_DB"), DedupOptions())

    def open_spider(self) -> None:
        self.db = storage.open_db(self.db_path)
        self.clusterer = Clusterer(self.db, self.options, batch_size=1)

    def close_spider(self) -> None:
        if self.db is not None:
            self.db.close()

    def process_item(self, item: Article) -> Article:
        if self.clusterer is None or item.article_id is None:
            return item
        try:
            report = self.clusterer.cluster([item.article_id])
        except SchemeMismatch as exc:
            logger.error("dedup off for this crawl: %s", exc)
            self.stats.inc_value("wirewatch/dedup/scheme_mismatch")
            self.clusterer = None
            return item
        except sqlite3.Error as exc:
            failures.record(self.stats, "dedup", item.canonical_url, str(exc))
            return item
        for name in ("joined", "new_stories", "related", "translations", "skipped_empty"):
            if getattr(report, name):
                self.stats.inc_value(f"wirewatch/dedup/{name}", getattr(report, name))
        if report.joined:
            logger.info("dedup: article %d joined an existing story: %s", item.article_id, item.canonical_url)
        return item
