"""ItemErrors: an article a pipeline or a spider callback failed on is a counted failure, never a page lost
without a trace in the run's figures.

Scrapy logs an exception raised in an item pipeline (signal ``item_error``) or a spider callback
(``spider_error``) and drops what it was doing: the page was in no counter, so neither the run's summary
nor ``health``'s error rate saw it (a worker pool's OverflowError lost an article so). Each becomes one
failure, ``pipeline_error`` or ``spider_error``, counted for its outlet, with the exception on one line
(Scrapy's own log line keeps the traceback for whoever fixes the bug).
"""

from __future__ import annotations

from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector
from twisted.python.failure import Failure

from crawler import failures, meta


class ItemErrors:
    def __init__(self, stats: StatsCollector) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "ItemErrors":
        extension = cls(crawler.stats)
        crawler.signals.connect(extension.item_error, signal=signals.item_error)
        crawler.signals.connect(extension.spider_error, signal=signals.spider_error)
        return extension

    def item_error(self, item: Any, response: Any, failure: Failure) -> None:
        url = getattr(item, "url", None) or getattr(response, "url", "") or "(unknown page)"
        outlet = getattr(item, "outlet", None) or _outlet(response)
        failures.record(self.stats, "pipeline_error", url, _one_line(failure), outlet=outlet)

    def spider_error(self, failure: Failure, response: Any) -> None:
        failures.record(self.stats, "spider_error", getattr(response, "url", "") or "(unknown page)",
                        _one_line(failure), outlet=_outlet(response))


def _outlet(response: Any) -> str | None:
    try:
        return response.meta.get(meta.OUTLET)
    except AttributeError:  # no response, or one without its request
        return None


def _one_line(failure: Failure) -> str:
    message = " ".join(str(failure.getErrorMessage()).split())
    return f"{failure.type.__name__}: {message}"[:300]
