"""A page a pipeline or a spider callback fails on is a counted failure (crawler.extensions.item_errors)."""

from __future__ import annotations

from scrapy import Spider, signals
from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler
from twisted.python.failure import Failure

from crawler import meta
from crawler.extensions.item_errors import ItemErrors
from crawler.items import Article


def _failure(exc: Exception) -> Failure:
    try:
        raise exc
    except type(exc):
        return Failure()


def test_pipeline_and_callback_errors_are_counted_per_outlet() -> None:
    """Scrapy logged the exception and dropped the page: no counter had it, so neither the run's summary
    nor `health` saw it (a worker pool's OverflowError lost an article so)."""
    crawler = get_crawler(Spider)
    extension = ItemErrors.from_crawler(crawler)  # kept: signals hold their receivers weakly
    request = Request("https://x.test/a", meta={meta.OUTLET: "x-news"})
    response = HtmlResponse("https://x.test/a", body=b"<html></html>", request=request)
    item = Article(url="https://x.test/a", canonical_url="https://x.test/a", outlet="x-news", body=b"",
                   http_status=200, fetched="2026-11-20T10:00:00+00:00")
    crawler.signals.send_catch_log(signals.item_error, item=item, response=response, spider=None,
                                   failure=_failure(OverflowError("timeout is too large")))
    crawler.signals.send_catch_log(signals.spider_error, failure=_failure(KeyError("title")), response=response,
                                   spider=None)
    stats = crawler.stats.get_stats()
    assert extension is not None
    assert stats["wirewatch/failed/pipeline_error"] == 1 and stats["wirewatch/failed/spider_error"] == 1
    assert stats["wirewatch/outlet/x-news/failed/pipeline_error"] == 1
    assert stats["wirewatch/outlet/x-news/failed/spider_error"] == 1
