"""RSS 2.0, RSS 1.0 and Atom feeds, parsed from bytes with feedparser."""

from __future__ import annotations

import feedparser

from crawler.discovery.guards import check_xml
from crawler.discovery.links import DiscoveryError, Link


def parse_feed(body: bytes) -> list[Link]:
    """Entries of a feed: link, title, published date, guid. Raises :class:`DiscoveryError`
    (``bad_feed``, ``not_a_feed``, ``xml_bomb``) when it is not a usable feed."""
    check_xml(body, "feed")
    parsed = feedparser.parse(body)
    if not parsed.get("version") and not parsed.entries:
        raise DiscoveryError("bad_feed", "not an RSS or Atom feed")
    links = []
    for entry in parsed.entries:
        url = entry.get("link")
        if not url:
            continue
        links.append(Link(url=url.strip(), title=entry.get("title"),
                          published=entry.get("published") or entry.get("updated"), guid=entry.get("id")))
    if not links and parsed.get("bozo"):
        # A broken feed that still yields links is used (feedparser recovers what it can); one that
        # yields none is reported, so an operator sees it.
        raise DiscoveryError("bad_feed", f"malformed feed: {parsed.get('bozo_exception')}")
    return links
