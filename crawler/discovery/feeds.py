"""RSS 2.0, RSS 1.0 and Atom feeds, parsed from bytes with feedparser, read in their context."""

from __future__ import annotations

from urllib.parse import urljoin

import feedparser

from crawler.discovery.guards import check_xml
from crawler.discovery.links import DiscoveryError, Link
from processing.encoding import decode_xml, utf8_xml


def parse_feed(body: bytes, url: str | None = None, *, header_charset: str | None = None,
               content_location: str | None = None) -> list[Link]:
    """Entries of a feed: link, title, published date, guid. Raises :class:`DiscoveryError`
    (``bad_feed``, ``not_a_feed``, ``xml_bomb``) when it is not a usable feed.

    The bytes are decoded by the project's one policy (:func:`processing.encoding.decode_xml`:
    a feed declared UTF-8 with a few stray bytes stays UTF-8). Every link is resolved against the
    document's base (RFC 3986 §5.1): ``xml:base`` (nested ones too, which feedparser applies),
    else the ``Content-Location`` header, else the feed's own ``url``. A link that is still not
    absolute (no base known) is kept as given; the spider counts it ``off_pattern``.
    """
    check_xml(body, "feed")
    base = urljoin(url, content_location) if url and content_location else (content_location or url)
    decoded = decode_xml(body, header_charset)
    headers = {"content-type": "application/xml; charset=utf-8"}
    if base:
        headers["content-location"] = base
    parsed = feedparser.parse(utf8_xml(decoded), response_headers=headers)
    if not parsed.get("version") and not parsed.entries:
        raise DiscoveryError("bad_feed", "not an RSS or Atom feed")
    links = []
    for entry in parsed.entries:
        link = (entry.get("link") or "").strip()
        if not link:
            continue
        links.append(Link(url=urljoin(base, link) if base else link, title=entry.get("title"),
                          published=entry.get("published") or entry.get("updated"), guid=entry.get("id")))
    if not links and parsed.get("bozo"):
        # A broken feed that still yields links is used (feedparser recovers what it can); one that
        # yields none is reported, so an operator sees it.
        raise DiscoveryError("bad_feed", f"malformed feed: {parsed.get('bozo_exception')}")
    return links
