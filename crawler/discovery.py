"""Parsing discovery documents (RSS/Atom feeds, news sitemaps) from response bytes."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import feedparser
from scrapy.utils.sitemap import Sitemap

logger = logging.getLogger(__name__)


class DiscoveryError(Exception):
    """A feed or sitemap that cannot be read; the message is one line."""


@dataclass(frozen=True)
class Link:
    url: str
    title: str | None = None
    published: str | None = None
    guid: str | None = None


def parse_feed(body: bytes) -> list[Link]:
    """Entries of an RSS 2.0 / Atom feed. Raises :class:`DiscoveryError` when it is not a feed."""
    parsed = feedparser.parse(body)
    if not parsed.entries:
        if parsed.get("bozo"):
            raise DiscoveryError(f"malformed feed: {parsed.get('bozo_exception')}".splitlines()[0])
        if not parsed.get("version"):
            raise DiscoveryError("not an RSS or Atom feed")
    links = []
    for entry in parsed.entries:
        url = entry.get("link")
        if not url:
            continue
        links.append(Link(url=url, title=entry.get("title"),
                          published=entry.get("published") or entry.get("updated"), guid=entry.get("id")))
    return links


def parse_sitemap(body: bytes) -> tuple[list[Link], list[str]]:
    """Article links of a (news) sitemap, and child sitemaps of a sitemap index."""
    try:
        sitemap = Sitemap(body)
    except Exception as exc:  # lxml raises several unrelated types on broken XML
        raise DiscoveryError(f"malformed sitemap: {exc}".splitlines()[0]) from None
    if sitemap.type == "sitemapindex":
        return [], [entry["loc"] for entry in sitemap if entry.get("loc")]
    if sitemap.type != "urlset":
        raise DiscoveryError(f"not a sitemap (root element {sitemap.type!r})")
    links = []
    for entry in sitemap:
        if entry.get("loc"):
            links.append(Link(url=entry["loc"], published=entry.get("lastmod")))
    return links, []
