"""The news spider: every enabled outlet's feeds and news sitemaps, then their articles."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from typing import Any

import scrapy
from scrapy.crawler import Crawler
from scrapy.http import Request, Response
from twisted.python.failure import Failure

from crawler import failures
from crawler.discovery import DiscoveryError, Link, parse_feed, parse_sitemap
from crawler.items import Article
from crawler.responses import Rejected, article_from_response
from crawler.sources import Source, load, registry_path

logger = logging.getLogger(__name__)


class NewsSpider(scrapy.Spider):
    name = "news"

    def __init__(self, sources: list[Source], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.sources = [s for s in sources if s.enabled]

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> "NewsSpider":
        sources = load(registry_path(crawler.settings.get("WIREWATCH_SOURCES")))
        spider = cls(sources, *args, **kwargs)
        spider._set_crawler(crawler)
        return spider

    async def start(self) -> AsyncIterator[Request]:
        for source in self.sources:
            for url in source.feeds:
                yield self._discovery_request(url, source, self.parse_feed)
            for url in source.sitemaps:
                yield self._discovery_request(url, source, self.parse_sitemap)

    def _discovery_request(self, url: str, source: Source, callback: Any) -> Request:
        return Request(url, callback=callback, errback=self.on_error, cb_kwargs={"source": source},
                       meta={"wirewatch_kind": "discovery"}, dont_filter=True)

    def parse_feed(self, response: Response, source: Source) -> Iterator[Request]:
        self.crawler.stats.inc_value("wirewatch/feeds_fetched")
        try:
            links = parse_feed(response.body)
        except DiscoveryError as exc:
            failures.record(self.crawler.stats, "bad_feed", response.url, str(exc))
            return
        yield from self._article_requests(links, source)

    def parse_sitemap(self, response: Response, source: Source) -> Iterator[Request]:
        self.crawler.stats.inc_value("wirewatch/sitemaps_fetched")
        try:
            links, children = parse_sitemap(response.body)
        except DiscoveryError as exc:
            failures.record(self.crawler.stats, "bad_sitemap", response.url, str(exc))
            return
        for child in children:
            yield self._discovery_request(child, source, self.parse_sitemap)
        yield from self._article_requests(links, source)

    def _article_requests(self, links: list[Link], source: Source) -> Iterator[Request]:
        for link in links:
            if not source.in_domain(link.url) or not source.is_article_url(link.url):
                self.crawler.stats.inc_value("wirewatch/skipped/off_pattern")
                continue
            yield Request(link.url, callback=self.parse_article, errback=self.on_error,
                          cb_kwargs={"source": source}, meta={"wirewatch_kind": "article"})

    def parse_article(self, response: Response, source: Source) -> Iterator[Article]:
        self.crawler.stats.inc_value("wirewatch/articles_fetched")
        try:
            yield article_from_response(response, source)
        except Rejected as exc:
            failures.record(self.crawler.stats, exc.reason, response.url, exc.detail)

    def on_error(self, failure: Failure) -> None:
        reason, detail = failures.reason_of(failure)
        kind = failure.request.meta.get("wirewatch_kind", "request")
        failures.record(self.crawler.stats, reason, failure.request.url, f"{kind}: {detail}")
