"""HeapSettling: the crawl process's garbage collector set for the run (processing.heap).

When the spider opens (the worker pool started, every module imported) what start-up made is
frozen out of the collector's way and young collections are made rarer; when it closes the
collector is set back, for a process that goes on after the crawl."""

from __future__ import annotations

from scrapy import signals
from scrapy.crawler import Crawler

from processing import heap


class HeapSettling:
    def __init__(self) -> None:
        self.before: heap.Collector | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "HeapSettling":
        extension = cls()
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self) -> None:
        self.before = heap.settle()

    def spider_closed(self) -> None:
        if self.before is not None:
            heap.restore(self.before)
            self.before = None
