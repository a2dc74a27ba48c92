"""ProgressLine: a live line on a terminal during `wirewatch crawl -v` (responses, articles stored, failures).

Drawn through :class:`crawler.logs.ConsoleHandler`, which keeps it below the log lines. Not configured
(``NotConfigured``) unless the console shows INFO (``-v``) and is a terminal, so cron's mail never has it.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from crawler import failures, logs

REFRESH_SECONDS = 0.2


class ProgressLine:
    def __init__(self, crawler: Crawler, console: logs.ConsoleHandler) -> None:
        self.crawler = crawler
        self.console = console
        self.shown_at = 0.0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "ProgressLine":
        console = logs.console_handler()
        if console is None or console.level > logging.INFO or not console.is_terminal():
            raise NotConfigured()  # no message: Scrapy logs none (cron and pipes need no word of it)
        progress = cls(crawler, console)
        for signal in (signals.response_received, signals.item_scraped, signals.item_dropped, signals.item_error):
            crawler.signals.connect(progress.update, signal=signal)
        crawler.signals.connect(progress.spider_closed, signal=signals.spider_closed)
        return progress

    def line(self) -> str:
        """``crawling: N responses, N articles stored, N failed`` from the crawl's stats."""
        stats = self.crawler.stats.get_stats() if self.crawler.stats else {}
        stored = sum(v for k, v in stats.items() if k.startswith("wirewatch/stored/") and not k.endswith("/unchanged"))
        failed = sum(failures.counts(stats).values())
        return (f"crawling: {stats.get('downloader/response_count', 0)} responses, "
                f"{stored} articles stored, {failed} failed")

    def update(self, *args: Any, **kwargs: Any) -> None:
        now = time.monotonic()
        if now - self.shown_at >= REFRESH_SECONDS:
            self.shown_at = now
            self.console.set_status(self.line())

    def spider_closed(self, *args: Any, **kwargs: Any) -> None:
        self.console.finish_status(self.line().replace("crawling:", "crawled:"))
