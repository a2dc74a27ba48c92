"""The news spider as a cluster worker: `scrapy crawl news-cluster -s WIREWATCH_REDIS_URL=redis://...`.

The same discovery and article handling as spiders.news, on scrapy-redis: discovery documents come
from the Redis list `cluster schedule` fills (RedisSpider's start key, JSON ``{url, outlet, kind}``),
every request goes through the shared scrapy-redis queue, the frontier is in Redis
(crawler.cluster.frontier) and finished articles go to the ingester's stream
(crawler.cluster.worker_settings). The worker runs until stopped, or until idle for
MAX_IDLE_TIME_BEFORE_CLOSE seconds (`wirewatch worker --until-idle`).
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import AsyncIterator
from typing import Any

from scrapy.crawler import Crawler
from scrapy.http import Request
from scrapy.settings import BaseSettings
from scrapy_redis.spiders import RedisSpider

from crawler import counters
from crawler.cluster import worker_settings
from crawler.cluster.connection import ClusterError, connect
from crawler.cluster.frontier import RedisFrontier
from spiders.news import NewsSpider

logger = logging.getLogger(__name__)


class ClusterNewsSpider(RedisSpider, NewsSpider):
    name = "news-cluster"

    @classmethod
    def update_settings(cls, settings: BaseSettings) -> None:
        super().update_settings(settings)
        if not settings.get("WIREWATCH_REDIS_URL"):
            raise ClusterError("the news-cluster spider needs WIREWATCH_REDIS_URL (-s WIREWATCH_REDIS_URL=redis://HOST:6379/0)")
        worker_settings.apply(settings)

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> "ClusterNewsSpider":
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.frontier = RedisFrontier(connect(crawler.settings.get("WIREWATCH_REDIS_URL")),
                                        refresh=spider.options.refresh)
        spider.by_id = {s.id: s for s in spider.sources}
        return spider

    async def start(self) -> AsyncIterator[Request]:
        self.spider_idle_start_time = int(time.time())
        for request in self.next_requests():
            yield request

    def make_request_from_data(self, data: bytes) -> list[Request]:
        """A discovery document queued by `cluster schedule`: ``{"url", "outlet", "kind"}``."""
        try:
            document = json.loads(data)
            url, outlet, kind = document["url"], document["outlet"], document["kind"]
        except (ValueError, KeyError, TypeError) as exc:
            counters.skip(self.crawler.stats, "bad_queue_entry", repr(data[:80]), None, f"not a discovery entry: {exc}")
            return []
        source = self.by_id.get(outlet)
        if source is None:
            counters.skip(self.crawler.stats, "unknown_outlet", url, outlet,
                          f"outlet {outlet!r} is not enabled in this worker's registry")
            return []
        return [self._document_request(url, source, kind)]
