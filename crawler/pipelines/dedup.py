"""DedupPipeline: clusters each stored article into its story as it is crawled (crawler.clustering).

Runs after StoragePipeline (it needs ``item.article_id``) and clusters through StoragePipeline's
store writer, in the writer's thread and batches (many articles per Clusterer call), with the
MinHash signatures the worker processes made for each page (``item.signatures``). An article that
joins a story, or gets a ``related``/``translation-of`` link, is logged and counted once its batch
is committed; a store whose signatures were made with other dedup parameters is reported once and
left alone (run `wirewatch dedup --all`).
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from typing import Any, Sequence

import sqlite_utils
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.statscollectors import StatsCollector
from scrapy.utils.defer import maybe_deferred_to_future

from crawler import failures
from crawler.clustering import ClusterReport, Clusterer
from crawler.items import Article
from crawler.pipelines.storage import StoragePipeline
from crawler.store_writer import StoreWriter
from processing.dedup import DedupOptions, Signatures
from storage.dedup import SchemeMismatch

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class StoryWrite:
    article_id: int
    signatures: Signatures | None


class DedupPipeline:
    def __init__(self, crawler: Crawler, stats: StatsCollector, options: DedupOptions) -> None:
        self.crawler = crawler
        self.stats = stats
        self.options = options
        self.writer: StoreWriter | None = None
        self.clusterer: Clusterer | None = None  # built and used in the writer's thread
        self.off = False  # the store's scheme differs: no clustering in this crawl

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "DedupPipeline":
        if not crawler.settings.getbool("WIREWATCH_DEDUP"):
            raise NotConfigured("WIREWATCH_DEDUP is off")
        return cls(crawler, crawler.stats, DedupOptions())

    async def open_spider(self) -> None:
        """Register the stories writes and build the Clusterer in the store writer's thread (and check
        the store's dedup scheme) before the crawl's first request, not with its first batch."""
        storage_pipeline = self.crawler.get_item_pipeline(StoragePipeline)
        if storage_pipeline is None or storage_pipeline.writer is None:
            raise NotConfigured("DedupPipeline needs StoragePipeline before it")
        self.writer = storage_pipeline.writer
        self.writer.handle("stories", self.write_stories)
        try:
            await maybe_deferred_to_future(self.writer.call(self.open_clusterer))
        except SchemeMismatch as exc:
            self.scheme_mismatch(exc)

    def open_clusterer(self, db: sqlite_utils.Database) -> None:
        """Build the Clusterer (in the store writer's thread) and check the store's dedup scheme."""
        self.clusterer = Clusterer(db, self.options)
        self.clusterer.check_scheme()

    def scheme_mismatch(self, exc: SchemeMismatch) -> None:
        """Turn clustering off for this crawl, with one error line and a count."""
        if not self.off:
            logger.error("dedup off for this crawl: %s", exc)
            self.stats.inc_value("wirewatch/dedup/scheme_mismatch")
            self.off = True

    async def process_item(self, item: Article) -> Article:
        if self.off or self.writer is None or item.article_id is None:
            return item
        try:
            report = await maybe_deferred_to_future(
                self.writer.submit("stories", StoryWrite(item.article_id, item.signatures)))
        except SchemeMismatch as exc:
            self.scheme_mismatch(exc)
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

    def write_stories(self, db: sqlite_utils.Database, writes: Sequence[StoryWrite]) -> list[Any]:
        """Cluster a batch of stored articles (in the store writer's thread): each one's report."""
        if self.clusterer is None:
            self.clusterer = Clusterer(db, self.options)
        signed = {w.article_id: w.signatures for w in writes if w.signatures is not None}
        try:
            each = self.clusterer.cluster_each([w.article_id for w in writes], signed)
        except (SchemeMismatch, sqlite3.Error) as exc:  # the batch was rolled back; each article fails with it
            return [exc] * len(writes)
        return [each.get(w.article_id, ClusterReport()) for w in writes]
