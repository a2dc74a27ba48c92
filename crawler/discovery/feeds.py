"""RSS 2.0, RSS 1.0 and Atom feeds, parsed from bytes with feedparser, read in their context; JSON Feed."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import feedparser

from crawler.discovery.guards import GZIP_MAGIC, check_xml, gunzip
from crawler.discovery.links import HAS_INVISIBLE, DiscoveryError, Link, address, resolve, split
from processing.encoding import decode_xml, utf8_xml


@dataclass
class Feed:
    """What :func:`read_feed` read: the entries' links, and whether the XML needed leniency."""

    links: list[Link] = field(default_factory=list)
    repaired: str | None = None  # the XML was broken (what broke, one line) and read leniently


_LINK_TAG = re.compile(r"<link\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([\w:-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""")
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json", "application/rdf+xml")
_JSON_START = re.compile(rb"(?:\xef\xbb\xbf)?\s*\{")
JSON_FEED_VERSION = "https://jsonfeed.org/version/"
# How far a gzipped feed may expand when the caller gives no limit (the crawl passes DOWNLOAD_MAXSIZE).
MAX_FEED_BYTES = 32 * 1024 * 1024


def parse_feed(body: bytes, url: str | None = None, *, header_charset: str | None = None,
               content_location: str | None = None, max_bytes: int = MAX_FEED_BYTES,
               site: Callable[[str], bool] | None = None) -> list[Link]:
    """The links of :func:`read_feed`."""
    return read_feed(body, url, header_charset=header_charset, content_location=content_location,
                     max_bytes=max_bytes, site=site).links


def read_feed(body: bytes, url: str | None = None, *, header_charset: str | None = None,
              content_location: str | None = None, max_bytes: int = MAX_FEED_BYTES,
              site: Callable[[str], bool] | None = None) -> Feed:
    """Entries of a feed: link, title, published date, guid. Raises :class:`DiscoveryError`
    (``bad_feed``, ``not_a_feed``, ``xml_bomb``, ``too_large``) when it is not a usable feed. A
    JSON Feed (jsonfeed.org) at a feed address is read too (:func:`_json_feed`). A gzipped body
    (a ``.xml.gz`` feed, or one compressed twice) is decompressed up to ``max_bytes``. A feed whose
    XML is broken (undefined HTML entities, a bare ``&``, garbage before the root, cut short) but
    still yields links is used, with ``repaired`` saying what broke, for the spider to count.

    Each entry's article link: ``feedburner:origLink`` when given (the entry's ``<link>`` is then
    the feed service's redirect, on another host), else its ``<link>`` (in Atom the alternate,
    text/html first, never ``self``/``enclosure``/``replies``), else its ``<guid>``/``<id>`` only
    when that is an absolute http(s) URL as written: ``tag:`` and ``urn:`` ids and bare numbers are
    not addresses. An entry with none keeps an empty URL, for the spider to count (``bad_url``).

    The bytes are decoded by the project's one policy (:func:`processing.encoding.decode_xml`:
    a feed declared UTF-8 with a few stray bytes stays UTF-8). Every link is resolved against the
    document's base (RFC 3986 §5.1): ``xml:base`` (nested ones too, which feedparser applies),
    then :func:`document_base` (``site``: the outlet's own addresses, see there). A link that is
    still not absolute (no base known) is kept as given; the spider counts it ``off_pattern``.
    """
    if body[:2] == GZIP_MAGIC:  # a .xml.gz feed, or one compressed twice: gzip once more than the header says
        body = gunzip(body, max_bytes, "feed")
    if content_location:  # an unreadable header (an unbalanced "[") is ignored
        content_location = resolve(url, content_location)
        content_location = content_location if split(content_location).scheme else None
    first = content_location or url
    if _JSON_START.match(body):
        return _json_feed(decode_xml(body, header_charset).text, first)
    try:
        check_xml(body, "feed")
    except DiscoveryError as exc:
        named = _announced_feed(body, first) if exc.reason == "not_a_feed" else None
        if named:  # the operator's next step, on the same line: the page names the feed it moved to
            raise DiscoveryError(exc.reason, f"{exc}; the page names its feed: {named}") from None
        raise
    decoded = decode_xml(body, header_charset)
    body = utf8_xml(decoded)
    parsed = _parse(body, first)
    base = document_base(url, content_location, parsed.feed, site)
    if base != first:  # the feed says it lives on another host: read it again against that base
        parsed = _parse(body, base)
    if not parsed.get("version") and not parsed.entries:
        raise DiscoveryError("bad_feed", "not an RSS or Atom feed")
    links = []
    unresolved = None  # the entries as written (no base): feedparser drops a link it cannot resolve
    for index, entry in enumerate(parsed.entries):
        link = _article_link(entry)
        # No link of its own (it may be the entry's id: only one written as an absolute URL is an
        # address), or one feedparser resolved with an invisible mark still at its start: read as written.
        if link is None or HAS_INVISIBLE.search(link):
            if unresolved is None:
                unresolved = _parse(body, None).entries if first else parsed.entries
            raw = unresolved[index] if index < len(unresolved) else {}
            link = _article_link(raw) or _address(address(raw.get("id") or "")) or ""
        if not link:  # nothing to fetch; the spider counts it (bad_url), never dropped silently
            links.append(Link(url="", title=entry.get("title")))
            continue
        links.append(Link(url=resolve(base, link), title=entry.get("title"),
                          published=entry.get("published") or entry.get("updated"), guid=entry.get("id")))
    problem = _problem(parsed) if parsed.get("bozo") else None
    if not any(link.url for link in links) and problem:
        # A broken feed that still yields links is used (feedparser recovers what it can); one that
        # yields none is reported, so an operator sees it.
        raise DiscoveryError("bad_feed", f"malformed feed: {problem}")
    return Feed(links, problem)


def _announced_feed(page: bytes, base: str | None) -> str | None:
    """The first feed an HTML page announces (``<link rel="alternate" type="application/rss+xml"
    href="…">``, or Atom, or JSON Feed: feed autodiscovery), resolved against ``base``, or None."""
    for tag in _LINK_TAG.findall(page[:65536].decode("utf-8", "replace")):
        attributes = {name.lower(): value.strip("\"'") for name, value in _ATTRIBUTE.findall(tag)}
        if "alternate" in attributes.get("rel", "").lower().split() and attributes.get("href") \
                and attributes.get("type", "").lower() in _FEED_TYPES:
            return resolve(base, address(html.unescape(attributes["href"])))
    return None


def _json_feed(text: str, base: str | None) -> Feed:
    """The items of a JSON Feed (jsonfeed.org, versions 1 and 1.1): each item's ``url`` (its
    permalink), else ``external_url``, else its ``id`` when that is an absolute http(s) URL;
    resolved against ``base``. Anything else in JSON raises ``bad_feed``."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:  # RecursionError: nesting deeper than the interpreter's stack
        raise DiscoveryError("bad_feed", f"not an RSS or Atom feed, and not JSON: {exc}") from None
    items = data.get("items") if isinstance(data, dict) else None
    if not str(data.get("version", "") if isinstance(data, dict) else "").startswith(JSON_FEED_VERSION) \
            or not isinstance(items, list):
        raise DiscoveryError("bad_feed", f"JSON, but not a JSON Feed (no version {JSON_FEED_VERSION}… and items)")
    links = []
    for item in items:
        item = item if isinstance(item, dict) else {}
        link = address(_text(item, "url")) or address(_text(item, "external_url")) \
            or _address(address(str(item.get("id", ""))))
        links.append(Link(url=resolve(base, link) if link else "", title=_text(item, "title") or None,
                          published=_text(item, "date_published") or _text(item, "date_modified") or None,
                          guid=str(item["id"]) if "id" in item else None))
    return Feed(links)


def _text(item: dict, key: str) -> str:
    """A JSON Feed item's string field, or "" when it is missing or not a string."""
    value = item.get(key)
    return value if isinstance(value, str) else ""


def _article_link(entry: dict) -> str | None:
    """The entry's article link as feedparser read it (resolved), or None when it has none of its
    own: no ``<link>``, an empty one, or a link feedparser took from the entry's id."""
    origin = address(entry.get("feedburner_origlink") or "")
    if origin:
        return origin
    link = address(entry.get("link") or "")
    # feedparser fills an entry's missing link with its id: a link of its own is one of its
    # <link> elements, or at least differs from the id.
    if link and (link != (entry.get("id") or "").strip()
                 or any(item.get("href") == entry.get("link") for item in entry.get("links", []))):
        return link
    return None


def _address(value: str) -> str | None:
    """``value`` when it is an absolute http(s) URL, else None."""
    return value if split(value).scheme in ("http", "https") and "://" in value else None


def _problem(parsed: feedparser.FeedParserDict) -> str:
    """One line on why feedparser found the XML broken."""
    exception = parsed.get("bozo_exception")
    return " ".join(str(exception or "malformed XML").split())[:200]


def _parse(body: bytes, base: str | None) -> feedparser.FeedParserDict:
    """feedparser on UTF-8 bytes, with ``base`` as the document's address (it resolves nested
    ``xml:base`` against it: resolving its output afterwards would lose the inner ones)."""
    headers = {"content-type": "application/xml; charset=utf-8"}
    if base:
        headers["content-location"] = base
    return feedparser.parse(body, response_headers=headers)


def document_base(url: str | None, content_location: str | None, feed: dict,
                  site: Callable[[str], bool] | None = None) -> str | None:
    """The base a feed's relative links resolve against. The ``Content-Location`` header when the
    server sent one (RFC 9110 §8.7), else the address the feed was fetched from, except when the
    feed says it lives on another host: its ``<link rel="self">`` (a copy served by a mirror or a
    proxy), else its channel ``<link>`` (a feed hosted on a feed service whose relative links
    mean the outlet's own site, where a link on the service's host would not exist). With ``site``
    (is this URL on the outlet's own site? the registry's ``allowed_domains``), a stated address
    elsewhere is not believed: a CMS behind a proxy or copied from staging writes
    ``http://localhost/``, ``http://www.example.com`` or its staging host as the channel link, and
    every relative link resolved against it was lost."""
    if content_location:
        return resolve(url, content_location)
    if not url:
        return None
    host = split(url).hostname
    self_link = next((link.get("href") for link in feed.get("links", []) if link.get("rel") == "self"), None)
    for stated in (self_link, feed.get("link")):
        parts = split(stated or "")
        if parts.scheme in ("http", "https") and parts.hostname and parts.hostname != host \
                and (site is None or site(stated)):
            return stated
    return url
