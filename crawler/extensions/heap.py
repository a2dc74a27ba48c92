"""HeapSettling: the crawl process's garbage collector set for the run (processing.heap).

What start-up made is frozen out of the collector's way and young collections are made rarer; when
the spider closes (or the engine stops without it) the collector is set back, for a process that
goes on after the crawl.

The settling's full collection walks everything start-up made (40-75 ms in the crawl process, #15),
so it runs at the reactor's first turn, while the spider is being opened: every module is imported
by then, and the reactor is idle, waiting for the extraction workers to import and warm up
(ProcessingPipeline.open_spider). Run at ``spider_opened`` it delayed the first request by as much.
A crawl whose opening never lets the reactor turn is settled at ``spider_opened``."""

from __future__ import annotations

import gc
import logging

from scrapy import signals
from scrapy.crawler import Crawler

from processing import heap

logger = logging.getLogger(__name__)


class HeapSettling:
    def __init__(self) -> None:
        self.before: heap.Collector | None = None
        self.done = False  # settled (and perhaps restored) for this crawl: never twice

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "HeapSettling":
        from twisted.internet import reactor  # the one Scrapy installed (importing it earlier would pick one)

        extension = cls()
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.restore, signal=signals.spider_closed)
        crawler.signals.connect(extension.restore, signal=signals.engine_stopped)
        reactor.callLater(0, extension.settle)
        return extension

    def settle(self) -> None:
        """Settle the heap, once per crawl."""
        if not self.done:
            self.done = True
            self.before = heap.settle()
            logger.debug("heap settled: %d objects frozen", gc.get_freeze_count())

    def spider_opened(self) -> None:
        self.settle()

    def restore(self) -> None:
        """Set the collector back (once; a crawl that never settled has nothing to undo)."""
        if self.before is not None:
            heap.restore(self.before)
            self.before = None
