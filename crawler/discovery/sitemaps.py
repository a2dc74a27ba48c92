"""Sitemaps and sitemap indexes (Google News sitemaps included), parsed from bytes with lxml."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from io import BytesIO
from urllib.parse import urljoin, urlsplit

import lxml.etree

from crawler.discovery.guards import GZIP_MAGIC, check_xml, gunzip
from crawler.discovery.links import DiscoveryError, Link
from processing.encoding import decode_xml, utf8_xml


@dataclass
class Sitemap:
    kind: str  # urlset | sitemapindex
    links: list[Link] = field(default_factory=list)  # pages (urlset) or child sitemaps (sitemapindex)
    repaired: bool = False  # the XML was broken and read in recovery mode
    relative: int = 0  # <loc> values that were not absolute URLs, resolved against the sitemap's URL


def parse_sitemap(body: bytes, *, max_bytes: int, url: str | None = None,
                  header_charset: str | None = None) -> Sitemap:
    """A sitemap's page links, or a sitemap index's child sitemaps, each with the date it gives
    (``news:publication_date``, else ``lastmod``). A gzipped body is decompressed up to ``max_bytes``.

    The bytes are decoded by the project's one policy (:func:`processing.encoding.decode_xml`).
    A relative ``<loc>`` is invalid (sitemaps.org protocol: "fully-qualified URL") but seen: it is
    resolved against the sitemap's ``url`` and counted in ``relative``, never dropped silently.
    """
    if body[:2] == GZIP_MAGIC:
        body = gunzip(body, max_bytes)
    check_xml(body, "sitemap")
    body = utf8_xml(decode_xml(body, header_charset))
    sitemap = _parse(body)
    resolved = []
    for link in sitemap.links:
        if link.url and not urlsplit(link.url).scheme:
            sitemap.relative += 1
            if url:
                link = Link(url=urljoin(url, link.url), title=link.title, published=link.published, guid=link.guid)
        resolved.append(link)
    sitemap.links = resolved
    return sitemap


def _parse(body: bytes) -> Sitemap:
    try:
        return _read(body, recover=False)
    except lxml.etree.XMLSyntaxError as exc:
        strict_error = str(exc)
    try:
        sitemap = _read(body, recover=True)
    except lxml.etree.XMLSyntaxError:
        sitemap = Sitemap("urlset")
    if not any(link.url for link in sitemap.links):
        raise DiscoveryError("bad_sitemap", f"malformed sitemap: {strict_error}")
    sitemap.repaired = True
    return sitemap


def _read(body: bytes, *, recover: bool) -> Sitemap:
    # One tree and one pass over the url/sitemap entries: about three times faster than an
    # iterparse with a QName per event (benchmarks/faults_benchmark.py), and bounded by the body's
    # size (no DTD, no entities, no huge_tree).
    parser = lxml.etree.XMLParser(recover=recover, resolve_entities=False, no_network=True, load_dtd=False,
                                  huge_tree=False, remove_comments=True, remove_pis=True)
    root = lxml.etree.fromstring(body, parser)
    if root is None:
        raise DiscoveryError("bad_sitemap", "empty document")
    name = lxml.etree.QName(root).localname
    if name not in ("urlset", "sitemapindex"):
        raise DiscoveryError("bad_sitemap", f"not a sitemap (root element <{name}>)")
    sitemap = Sitemap(name)
    for element in root.iter("{*}url", "{*}sitemap"):
        link = _entry(element)
        if link is not None:
            sitemap.links.append(link)
    return sitemap


def _entry(element: lxml.etree._Element) -> Link | None:
    values: dict[str, str] = {}
    for child in element.iter():
        text = child.text
        if text and isinstance(child.tag, str):
            text = text.strip()
            if text:
                values.setdefault(child.tag.rpartition("}")[2], text)
    # A <url> without <loc> is kept with no address: the spider counts it (bad_url), never dropped silently.
    return Link(url=values.get("loc", ""), title=values.get("title"),
                published=values.get("publication_date") or values.get("lastmod"))


def parse_date(value: str | None) -> datetime | None:
    """A W3C datetime (``2026-11-20``, ``2026-11-20T10:00Z``, with or without offset) in UTC, or None."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


def in_window(link: Link, cutoff: datetime) -> bool:
    """False only when the link has a readable date older than ``cutoff``."""
    moment = parse_date(link.published)
    return moment is None or moment >= cutoff
