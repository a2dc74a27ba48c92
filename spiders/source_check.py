"""The source-check spider: every address of the registry fetched once, and what came back described."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import scrapy
from scrapy.http import Request, Response, TextResponse
from twisted.python.failure import Failure

from crawler import failures, meta
from crawler.discovery import DiscoveryError, parse_feed, parse_sitemap, section_links
from crawler.middlewares.robots import HostSkipped, RobotsDisallowed
from crawler.responses import content_type
from crawler.source_check import SPIDER, CheckResult
from crawler.sources import Source


class SourceCheckSpider(scrapy.Spider):
    name = SPIDER

    def __init__(self, sources: list[Source], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.sources = sources
        self.results: list[CheckResult] = []

    async def start(self) -> AsyncIterator[Request]:
        for source in self.sources:
            for kind, url in source.discovery_urls():
                yield Request(url, callback=self.parse, errback=self.on_error, dont_filter=True,
                              cb_kwargs={"source": source}, meta={meta.KIND: kind, meta.OUTLET: source.id})

    def parse(self, response: Response, source: Source) -> None:
        kind = response.meta[meta.KIND]
        max_bytes = self.crawler.settings.getint("DOWNLOAD_MAXSIZE") or 10 * 1024 * 1024
        try:
            if kind == "feed":
                charset = content_type(response)[1]
                location = response.headers.get("Content-Location")
                links = parse_feed(response.body, response.url, header_charset=charset,
                                   content_location=location.decode("latin-1") if location else None,
                                   max_bytes=max_bytes, site=source.in_domain)
                detail = f"RSS/Atom, {len(links)} entries"
            elif kind == "sitemap":
                sitemap = parse_sitemap(response.body, max_bytes=max_bytes, url=response.url,
                                        header_charset=content_type(response)[1])
                noun = "child sitemaps" if sitemap.kind == "sitemapindex" else "entries"
                detail = f"{sitemap.kind}, {len(sitemap.links)} {noun}" + (" (broken XML, repaired)" * sitemap.repaired)
            else:
                if not isinstance(response, TextResponse):
                    raise DiscoveryError("not_html", "section page is not HTML")
                links = section_links(response.text, response.url)
                articles = {link.url for link in links if source.in_domain(link.url) and source.is_article_url(link.url)}
                detail = f"HTML, {len(articles)} article links of {len(links)}"
        except DiscoveryError as exc:
            self._add(response.meta, response.request.url if response.request else response.url, response.status,
                      False, f"{exc.reason}: {exc}")
            return
        self._add(response.meta, response.request.url if response.request else response.url, response.status,
                  True, detail)

    def on_error(self, failure: Failure) -> None:
        request = failure.request
        if failure.check(RobotsDisallowed):
            self._add(request.meta, request.url, None, False, "disallowed by robots.txt")
            return
        if failure.check(HostSkipped):
            self._add(request.meta, request.url, None, False, str(failure.value))
            return
        reason, detail = failures.reason_of(failure)
        status = failure.value.response.status if hasattr(failure.value, "response") else None
        self._add(request.meta, request.url, status, False, f"{reason}: {detail}")

    def _add(self, request_meta: dict[str, Any], url: str, status: int | None, ok: bool, detail: str) -> None:
        self.results.append(CheckResult(request_meta[meta.OUTLET], request_meta[meta.KIND], url, status, ok, detail))
