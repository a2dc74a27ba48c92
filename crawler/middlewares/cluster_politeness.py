"""ClusterPoliteness: every worker of a cluster waits for the host's shared slot before a request.

A downloader middleware (after RobotsPolicy, so robots.txt rules are already checked) that reserves
the host's next slot in Redis (crawler.cluster.ratelimit) and defers the request until then. The
interval is WIREWATCH_CLUSTER_DELAY (by default the DOWNLOAD_DELAY a single-machine crawl keeps), now
kept by the cluster as a whole; each worker's own delay is off (crawler.cluster.worker_settings). Not
enabled without WIREWATCH_REDIS_URL or with a delay of 0.
"""

from __future__ import annotations

import logging

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Request
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet import reactor, task

from crawler.cluster.connection import connect
from crawler.cluster.ratelimit import HostRateLimit

logger = logging.getLogger(__name__)


class ClusterPoliteness:
    def __init__(self, crawler: Crawler, redis_url: str, delay_s: float) -> None:
        self.crawler = crawler
        self.limit = HostRateLimit(connect(redis_url))
        self.delay_s = delay_s

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "ClusterPoliteness":
        settings = crawler.settings
        url = settings.get("WIREWATCH_REDIS_URL")
        if not url:
            raise NotConfigured("WIREWATCH_REDIS_URL is empty (single-machine mode)")
        delay = float(settings.get("WIREWATCH_CLUSTER_DELAY") or 0)
        if delay <= 0:
            raise NotConfigured("WIREWATCH_CLUSTER_DELAY is 0: no per-site delay to keep")
        return cls(crawler, url, delay)

    async def process_request(self, request: Request) -> None:
        if not request.url.startswith(("http://", "https://")):
            return None
        host = urlparse_cached(request).netloc
        waited = 0.0
        while (wait := self.limit.claim(host, self.delay_s)) > 0:
            waited += wait
            await maybe_deferred_to_future(task.deferLater(reactor, wait, lambda: None))
        if waited:
            self.crawler.stats.inc_value("wirewatch/cluster_delay_ms", int(waited * 1000))
        return None
