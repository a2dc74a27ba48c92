"""RunDeadline: the crawl's hard time limit, counted from the run's start (see crawler.deadline).

At ``WIREWATCH_MAX_RUN_SECONDS`` it closes the spider with reason ``timed_out``; its watchdog thread
ends the process a grace period later if it is still running (whatever holds the reactor, or a
process that does not exit after its spider closed). The runner calls :meth:`cancel` once the
crawl has returned normally."""

from __future__ import annotations

import logging

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import deferred_from_coro
from twisted.internet.base import DelayedCall

from crawler import deadline
from crawler.deadline import TIMED_OUT
from crawler.pipelines.storage import RUN_ID_STAT

logger = logging.getLogger(__name__)


class RunDeadline:
    def __init__(self, crawler: Crawler, limit: float, db_path: str) -> None:
        self.crawler = crawler
        self.limit = limit
        self.db_path = db_path
        self.call: DelayedCall | None = None
        self.watchdog: deadline.Watchdog | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "RunDeadline":
        limit = crawler.settings.getfloat("WIREWATCH_MAX_RUN_SECONDS")
        if limit <= 0:
            raise NotConfigured("WIREWATCH_MAX_RUN_SECONDS is 0 (no limit)")
        extension = cls(crawler, limit, crawler.settings.get("WIREWATCH_DB"))
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self, spider: Spider) -> None:
        from twisted.internet import reactor

        self.call = reactor.callLater(self.limit, self._expire)  # type: ignore[attr-defined]
        self.watchdog = deadline.Watchdog(self.limit + deadline.grace_seconds(self.limit), self._hard_stop)
        self.watchdog.__enter__()

    def cancel(self) -> None:
        """The crawl returned: no hard stop any more."""
        if self.watchdog is not None:
            self.watchdog.__exit__(None, None, None)

    def _hard_stop(self) -> None:
        from pathlib import Path

        deadline.hard_stop(Path(self.db_path), self.crawler.stats.get_value(RUN_ID_STAT), self.limit)

    def spider_closed(self, spider: Spider) -> None:
        if self.call is not None and self.call.active():
            self.call.cancel()

    def _expire(self) -> None:
        logger.error("crawl reached WIREWATCH_MAX_RUN_SECONDS=%g; stopping it", self.limit)
        self.crawler.stats.set_value("wirewatch/timed_out", 1)
        deferred_from_coro(self.crawler.engine.close_spider_async(reason=TIMED_OUT))
