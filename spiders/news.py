"""The news spider: every enabled outlet's feeds, news sitemaps and section pages, then their new articles.

Which URLs to fetch, and nothing else: documents are parsed by crawler.discovery, what is new is
decided by crawler.frontier (state in SQLite), articles are processed by the item pipelines.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import datetime, timedelta, timezone
from functools import partial
from typing import Any, Callable, TypeVar

import scrapy
from scrapy.crawler import Crawler
from scrapy.http import Request, Response, TextResponse
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import defer, threads
from twisted.python.failure import Failure

from crawler import counters, failures, meta
from crawler.discovery import DiscoveryError, Link, in_window, parse_sitemap, read_feed, section_links
from crawler.discovery.options import DiscoveryOptions
from crawler.discovery.sitemaps import Sitemap
from crawler.frontier import Document, Frontier
from crawler.items import Article
from crawler.middlewares.robots import HostSkipped, RobotsDisallowed
from crawler.responses import Rejected, article_from_response, content_type
from crawler.sources import Source, load, registry_path
from processing.urls import canonicalize, url_problem

logger = logging.getLogger(__name__)
T = TypeVar("T")


class NewsSpider(scrapy.Spider):
    name = "news"

    def __init__(self, sources: list[Source], options: DiscoveryOptions, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.sources = [s for s in sources if s.enabled]
        self.options = options
        self.frontier = Frontier(options.db_path, refresh=options.refresh)
        self.cutoff = datetime.now(timezone.utc) - timedelta(hours=options.window_hours)

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> "NewsSpider":
        settings = crawler.settings
        options = DiscoveryOptions(
            db_path=settings.get("WIREWATCH_DB"),
            max_html_bytes=settings.getint("WIREWATCH_MAX_HTML_BYTES"),
            max_xml_bytes=settings.getint("DOWNLOAD_MAXSIZE") or settings.getint("WIREWATCH_MAX_HTML_BYTES"),
            window_hours=settings.getfloat("WIREWATCH_SITEMAP_WINDOW_HOURS"),
            refresh=settings.getbool("WIREWATCH_REFRESH"),
            parse_timeout=settings.getfloat("WIREWATCH_PARSE_TIMEOUT"),
        )
        spider = cls(load(registry_path(settings.get("WIREWATCH_SOURCES"))), options, *args, **kwargs)
        spider._set_crawler(crawler)
        return spider

    # --- discovery documents ----------------------------------------------------------------
    async def start(self) -> AsyncIterator[Request]:
        self.frontier.open(url for source in self.sources for _, url in source.discovery_urls())
        for source in self.sources:
            for kind, url in source.discovery_urls():
                yield self._document_request(url, source, kind)

    def closed(self, reason: str) -> None:
        self.frontier.close()

    def _document_request(self, url: str, source: Source, kind: str) -> Request:
        request = Request(url, callback=self.parse_document, errback=self.on_error, cb_kwargs={"source": source},
                          meta={meta.KIND: kind, meta.OUTLET: source.id, "handle_httpstatus_list": [304]},
                          dont_filter=True)
        # Keyed by the URL as Scrapy normalises it, the same key the response will carry.
        request.headers.update(self.frontier.conditional_headers(request.url))
        return request

    async def parse_document(self, response: Response, source: Source) -> AsyncIterator[Request]:
        kind = response.meta[meta.KIND]
        url = response.request.url if response.request is not None else response.url
        headers = {name: _header(response, name) for name in ("etag", "last-modified")}
        document = self.frontier.fetched(url, source.id, kind, response.status, headers)
        if response.status == 304:
            counters.count(self.crawler.stats, "documents_fetched", source.id)
            counters.count(self.crawler.stats, "not_modified", source.id)
            logger.info("not modified (304): %s", url)
            return
        try:
            if kind == "feed":
                feed = await self._off_reactor(
                    partial(read_feed, url=response.url, header_charset=content_type(response)[1],
                            content_location=_header(response, "content-location"),
                            max_bytes=self.options.max_xml_bytes, site=source.in_domain), response.body)
                links = feed.links
            elif kind == "sitemap":
                sitemap = await self._off_reactor(
                    partial(parse_sitemap, max_bytes=self.options.max_xml_bytes, url=response.url,
                            header_charset=content_type(response)[1], site=source.in_domain), response.body)
            else:
                links = self._section_links(response)
        except DiscoveryError as exc:
            self._document_failed(url, source, kind, exc.reason, str(exc), response.status)
            return
        if kind == "sitemap":
            requests = self._read_sitemap(response, source, document, sitemap)
        else:
            self._document_read(kind, source)
            if kind == "feed" and feed.repaired:
                counters.count(self.crawler.stats, "feeds_repaired", source.id)
                logger.warning("feed_repaired: %s (broken XML, read leniently: %s)", response.url, feed.repaired)
            requests = self._article_requests(links, source, document)
        for request in requests:
            yield request

    async def _off_reactor(self, parse: Callable[[bytes], T], body: bytes) -> T:
        """``parse(body)`` in a thread of the reactor's pool, so that no feed or sitemap holds the
        reactor (downloads, timeouts, the run's time limit) while it is parsed; given up after
        ``parse_timeout`` seconds as ``parse_timeout`` (the thread's late result is dropped)."""
        from twisted.internet import reactor

        deferred = threads.deferToThread(parse, body)
        deferred.addTimeout(self.options.parse_timeout, reactor)
        try:
            return await maybe_deferred_to_future(deferred)
        except defer.TimeoutError:
            raise DiscoveryError("parse_timeout", f"parsing took longer than {self.options.parse_timeout:g} s; "
                                                  "abandoned") from None

    def _read_sitemap(self, response: Response, source: Source, document: Document,
                      sitemap: Sitemap) -> Iterator[Request]:
        stats = self.crawler.stats
        self._document_read("sitemap", source)
        if sitemap.repaired:
            counters.count(stats, "sitemaps_repaired", source.id)
            logger.warning("sitemap_repaired: %s (broken XML, read in recovery mode)", response.url)
        if sitemap.relative:
            counters.count(stats, "sitemap_relative_locs", source.id, sitemap.relative)
            logger.warning("sitemap_relative_locs: %s (%d relative <loc>, resolved against the sitemap's URL)",
                           response.url, sitemap.relative)
        recent = [link for link in sitemap.links if in_window(link, self.cutoff)]
        counters.skip_many(stats, "out_of_window", source.id, len(sitemap.links) - len(recent),
                           f"{response.url} (older than {self.options.window_hours:g} h)")
        if sitemap.kind == "sitemapindex":
            # The indexes above this one: an index that lists itself, or one of its ancestors, is a
            # loop that would be fetched until the run's time limit.
            chain = (*response.meta.get(meta.INDEXES, ()), canonicalize(document.url), canonicalize(response.url))
            for child in self._usable(recent, source, response.url):
                url = canonicalize(child.url)
                if url in chain:
                    counters.skip(stats, "sitemap_loop", url, source.id, f"listed by {response.url}, which it leads to")
                    continue
                request = self._document_request(url, source, "sitemap")
                request.meta[meta.INDEXES] = chain
                yield request
            # An index can stay the same while its children change: never trust a 304 for it.
            self.frontier.read(document, keep_validators=False)
            return
        yield from self._article_requests(recent, source, document)

    def _document_read(self, kind: str, source: Source) -> None:
        counters.count(self.crawler.stats, "documents_fetched", source.id)
        counters.count(self.crawler.stats, f"{kind}s_fetched", None)

    def _section_links(self, response: Response) -> list[Link]:
        if not isinstance(response, TextResponse) or b"html" not in (response.headers.get(b"Content-Type") or b"html"):
            raise DiscoveryError("not_html", "section page is not HTML")
        return section_links(response.text, response.url)

    def _document_failed(self, url: str, source: Source, kind: str, reason: str, detail: str,
                         status: int | None) -> None:
        failures.record(self.crawler.stats, reason, url, f"{kind}: {detail}", outlet=source.id)
        self.frontier.failed(url, source.id, kind, reason, status)

    # --- articles ---------------------------------------------------------------------------
    def _article_requests(self, links: Iterable[Link], source: Source, document: Document) -> Iterator[Request]:
        stats = self.crawler.stats
        links = list(self._usable(links, source, document.url))
        wanted = [link.url for link in links if source.in_domain(link.url) and source.is_article_url(link.url)]
        counters.skip_many(stats, "off_pattern", source.id, len(links) - len(wanted), document.url)
        chosen, known, duplicates = self.frontier.select(wanted)
        counters.skip_many(stats, "known", source.id, known, document.url)
        counters.skip_many(stats, "duplicate", source.id, duplicates, document.url)
        self.frontier.expect(document, len(chosen))
        for url in chosen:
            yield Request(url, callback=self.parse_article, errback=self.on_error, cb_kwargs={"source": source},
                          meta={meta.KIND: "article", meta.OUTLET: source.id, meta.DOCUMENT: document.url,
                                meta.LINK: url}, dont_filter=True)
        self.frontier.read(document)

    def _usable(self, links: Iterable[Link], source: Source, document_url: str) -> Iterator[Link]:
        """The links that are URLs at all; each malformed one is one ``bad_url`` failure, and the
        rest of the document is still read."""
        for link in links:
            problem = url_problem(link.url)
            if problem is None:
                yield link
            else:
                failures.record(self.crawler.stats, "bad_url", link.url[:200] or f"(entry {link.title or ''!r})",
                                f"in {document_url}: {problem}", outlet=source.id)

    def parse_article(self, response: Response, source: Source) -> Iterator[Article]:
        counters.count(self.crawler.stats, "articles_fetched", source.id)
        try:
            yield from self._article(response, source)
        finally:
            self.frontier.article_done(response.meta.get(meta.DOCUMENT))

    def _article(self, response: Response, source: Source) -> Iterator[Article]:
        try:
            item = article_from_response(response, source)
        except Rejected as exc:
            failures.record(self.crawler.stats, exc.reason, response.url, exc.detail, outlet=source.id)
            return
        link = response.meta.get(meta.LINK, item.canonical_url)
        self.frontier.alias([link, *response.meta.get("redirect_urls", []), response.url], item.canonical_url)
        if item.canonical_url != link:
            counters.count(self.crawler.stats, "canonical_followed", source.id)
            if self.frontier.is_stored(item.canonical_url):
                counters.skip(self.crawler.stats, "known", response.url, source.id,
                              f"rel=canonical {item.canonical_url} is stored")
                return
            if not self.frontier.claim(item.canonical_url):
                counters.skip(self.crawler.stats, "duplicate", response.url, source.id,
                              f"rel=canonical {item.canonical_url} already fetched in this run")
                return
        yield item

    # --- errors -----------------------------------------------------------------------------
    def on_error(self, failure: Failure) -> None:
        request = failure.request
        kind, outlet = request.meta.get(meta.KIND, "request"), request.meta.get(meta.OUTLET)
        stats = self.crawler.stats
        if failure.check(RobotsDisallowed):
            counters.skip(stats, "robots", request.url, outlet, "robots.txt disallows it")
            reason, retry = "robots", False
        elif failure.check(HostSkipped):
            counters.skip(stats, "host_unavailable", request.url, outlet, str(failure.value))
            reason, retry = "host_unavailable", True
        else:
            reason, detail = failures.reason_of(failure)
            failures.record(stats, reason, request.url, f"{kind}: {detail}", outlet=outlet)
            retry = failures.is_transient(reason)
        if kind == "article":
            self.frontier.article_done(request.meta.get(meta.DOCUMENT), retry=retry)
        elif outlet:
            status = failure.value.response.status if hasattr(failure.value, "response") else None
            self.frontier.failed(request.url, outlet, kind, reason, status)


def _header(response: Response, name: str) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None
