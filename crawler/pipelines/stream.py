"""StreamPipeline: hands each finished article to the cluster's ingester through a Redis Stream.

Cluster mode puts it where StoragePipeline and DedupPipeline are (settings.WIREWATCH_CLUSTER_PIPELINES):
the worker has no SQLite store; the ingester (crawler.cluster.ingest) upserts and clusters. The entry
carries the same columns StoragePipeline would write (crawler.pipelines.storage.row).
"""

from __future__ import annotations

import logging

import redis
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.statscollectors import StatsCollector

from crawler.cluster import messages
from crawler.cluster.connection import connect
from crawler.items import Article
from crawler.pipelines.storage import row

logger = logging.getLogger(__name__)

RUN_KEY_STAT = "wirewatch/cluster_run"


class StreamPipeline:
    def __init__(self, stats: StatsCollector, redis_url: str) -> None:
        self.stats = stats
        self.redis_url = redis_url
        self.client: redis.Redis | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "StreamPipeline":
        url = crawler.settings.get("WIREWATCH_REDIS_URL")
        if not url:
            raise NotConfigured("WIREWATCH_REDIS_URL is empty (single-machine mode)")
        return cls(crawler.stats, url)

    def open_spider(self) -> None:
        self.client = connect(self.redis_url)

    def close_spider(self) -> None:
        if self.client is not None:
            self.client.close()

    def process_item(self, item: Article) -> Article:
        assert self.client is not None, "open_spider was not called"
        entry = messages.article(row(item), run=self.stats.get_value(RUN_KEY_STAT) or "",
                                 translation=item.translation, cache_entries=item.cache_entries)
        entry_id = messages.publish(self.client, entry)
        self.stats.inc_value("wirewatch/published")
        logger.info("published article %s as stream entry %s", item.canonical_url, entry_id)
        return item
