"""RunDeadline: closes the spider with reason ``timed_out`` at ``WIREWATCH_MAX_RUN_SECONDS`` (see crawler.deadline)."""

from __future__ import annotations

import logging

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import deferred_from_coro
from twisted.internet.base import DelayedCall

from crawler.deadline import TIMED_OUT

logger = logging.getLogger(__name__)


class RunDeadline:
    def __init__(self, crawler: Crawler, limit: float) -> None:
        self.crawler = crawler
        self.limit = limit
        self.call: DelayedCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "RunDeadline":
        limit = crawler.settings.getfloat("WIREWATCH_MAX_RUN_SECONDS")
        if limit <= 0:
            raise NotConfigured("WIREWATCH_MAX_RUN_SECONDS is 0 (no limit)")
        extension = cls(crawler, limit)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self, spider: Spider) -> None:
        from twisted.internet import reactor

        self.call = reactor.callLater(self.limit, self._expire)  # type: ignore[attr-defined]

    def spider_closed(self, spider: Spider) -> None:
        if self.call is not None and self.call.active():
            self.call.cancel()

    def _expire(self) -> None:
        logger.error("crawl reached WIREWATCH_MAX_RUN_SECONDS=%g; stopping it", self.limit)
        self.crawler.stats.set_value("wirewatch/timed_out", 1)
        deferred_from_coro(self.crawler.engine.close_spider_async(reason=TIMED_OUT))
