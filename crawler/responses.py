"""Turning a fetched article response into an Article item, or a named rejection."""

from __future__ import annotations

import re
from datetime import datetime, timezone

from parsel import Selector
from scrapy.http import Response, TextResponse

from crawler.items import Article
from crawler.pages import HTML_TYPES
from crawler.sources import Source
from processing.urls import canonicalize



class Rejected(Exception):
    """The response is not an article page we can process; ``reason`` is the counter's name."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


def content_type(response: Response) -> tuple[str, str | None]:
    """The media type (lower case) and the charset parameter of the Content-Type header."""
    raw = (response.headers.get(b"Content-Type") or b"").decode("latin-1")
    media, _, params = raw.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.strip().partition("=")
        if key.lower() == "charset" and value:
            charset = value.strip("\"' ")
    return media.strip().lower(), charset


def article_from_response(response: Response, source: Source) -> Article:
    """The Article item of an HTML response. A page too large to extract is still an item: the
    extraction pipeline stores it with extraction_status ``too_large``."""
    media, charset = content_type(response)
    if media and media not in HTML_TYPES:
        raise Rejected("not_html", f"content type {media}")
    body = response.body
    if not body.strip():
        raise Rejected("empty_body", "empty response body")
    if not media and b"<html" not in body[:2048].lower():
        raise Rejected("not_html", "no content type and no <html> tag")
    return Article(
        url=response.url,
        canonical_url=canonicalize(declared_canonical(response, source) or response.url),
        outlet=source.id,
        body=body,
        header_charset=charset,
        http_status=response.status,
        fetched=datetime.now(timezone.utc).isoformat(timespec="seconds"),
    )


_CANONICAL = ("//link[contains(concat(' ', normalize-space(translate(@rel, 'CANONIAL', 'canonial')), ' '), "
              "' canonical ')]/@href")


_HEAD_END = re.compile(r"</head\s*>|<body[\s>]", re.IGNORECASE)


def declared_canonical(response: Response, source: Source) -> str | None:
    """The page's ``<link rel="canonical">``, when it is a believable address for this article:
    http(s), on the outlet's domains, and (if the outlet has an article pattern) an article URL.
    A canonical pointing at the homepage or a section, a common CMS mistake, is ignored.

    Runs on the reactor thread for every article page, so only the ``<head>`` is parsed (where the
    link belongs; a tenth of a large page or less); the whole page only when the head has no
    canonical link and the rest of the page mentions one."""
    if not isinstance(response, TextResponse):
        return None
    text = response.text
    end = _HEAD_END.search(text)
    try:
        href = Selector(text=text[:end.start()] if end else text, type="html").xpath(_CANONICAL).get()
        if href is None and end and "canonical" in text[end.start():].lower():
            href = response.xpath(_CANONICAL).get()
    except ValueError:  # a body the selector cannot parse: keep the fetched URL
        return None
    if not href or not href.strip():
        return None
    url = response.urljoin(href.strip())
    if not url.startswith(("http://", "https://")) or not source.in_domain(url) or not source.is_article_url(url):
        return None
    return url
