"""ClusterPoliteness: the last check, just before a request leaves a worker, that its host is due.

The host queue (crawler.cluster.host_queue) already hands out a request only when its host is due,
claiming the host for the cluster's per-site delay (WIREWATCH_CLUSTER_DELAY); such a request passes
here at once while its claim is still the host's latest, and the host's next slot then counts from
this moment (a request the worker was slow to send moves the next one along). This middleware is the safety net for the
rest (crawler.cluster.ratelimit): requests that never went through the queue (robots.txt, fetched by
RobotsPolicy through the engine), and queued requests whose claim was overtaken (the host's
robots.txt went first) or ran out (the worker was slow to send it). Those claim the host in Redis and,
when it is not due, wait for it. Ordered last (950), so nothing between the check and the download
shifts the start. Not enabled without WIREWATCH_REDIS_URL or with a delay of 0.
"""

from __future__ import annotations

import logging

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Request
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import reactor, task

from crawler.cluster import keys
from crawler.cluster.connection import connect
from crawler.cluster.host_queue import host_of
from crawler.cluster.ratelimit import SLOT_META, HostRateLimit

logger = logging.getLogger(__name__)


class ClusterPoliteness:
    def __init__(self, crawler: Crawler, redis_url: str, queue_key: str, delay_s: float) -> None:
        self.crawler = crawler
        self.limit = HostRateLimit(connect(redis_url), keys.queue_keys(queue_key))
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
        queue_key = settings.get("SCHEDULER_QUEUE_KEY") % {"spider": crawler.spidercls.name}
        return cls(crawler, url, queue_key, delay)

    async def process_request(self, request: Request) -> None:
        if not request.url.startswith(("http://", "https://")):
            return None
        host = host_of(request)
        slot = request.meta.pop(SLOT_META, None)  # good for this start only: a retry is queued again
        waited = 0.0
        while (wait := self.limit.claim(host, self.delay_s, slot)) > 0:
            waited += wait
            await maybe_deferred_to_future(task.deferLater(reactor, wait, lambda: None))
        if waited:
            self.crawler.stats.inc_value("wirewatch/cluster_delay_ms", int(waited * 1000))
            self.crawler.stats.inc_value("wirewatch/cluster_delay_waits")
        return None
