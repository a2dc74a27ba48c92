"""Sitemaps and sitemap indexes (Google News sitemaps included), parsed from bytes with lxml."""

from __future__ import annotations

import html.entities
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

import lxml.etree

from crawler.discovery.feeds import read_feed
from crawler.discovery.guards import GZIP_MAGIC, check_xml, gunzip
from crawler.discovery.links import DiscoveryError, Link, address, is_absolute, resolve
from processing.encoding import decode_xml, utf8_xml

# A "&" that starts no reference (XML 1.0 §4.1): written bare in a URL's query, the commonest break.
_BARE_AMPERSAND = re.compile(rb"&(?!(?:[A-Za-z_][\w.-]*|#[0-9]+|#x[0-9A-Fa-f]+);)")
_ENTITY = re.compile(rb"&([A-Za-z][A-Za-z0-9]*);")
_XML_ENTITIES = frozenset({b"amp", b"lt", b"gt", b"quot", b"apos"})
_FIRST_MARKUP = re.compile(rb"<(?:\?xml[\s?]|[A-Za-z_])")
_FEED_ROOTS = frozenset({"rss", "feed", "RDF"})
_MARKUP_START = re.compile(rb"\s*<")
_ROBOTS_LINE = re.compile(r"^\s*(user-agent|disallow|allow|sitemap|crawl-delay|host)\s*:\s*([^#]*?)\s*(?:#.*)?$",
                          re.IGNORECASE)
_UTC_NAME = re.compile(r"(?<=\d)\s*(?:GMT|UTC)$")  # "2026-11-30T10:00:00 GMT": an ISO time named UTC in words
_ENTRY_END = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?(?:url|sitemap)\s*>")
_ROOT_END = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?(?:urlset|sitemapindex)\s*>")


@dataclass
class Sitemap:
    kind: str  # urlset | sitemapindex
    links: list[Link] = field(default_factory=list)  # pages (urlset) or child sitemaps (sitemapindex)
    repaired: bool = False  # the XML was broken and read in recovery mode
    relative: int = 0  # <loc> values that were not absolute URLs, resolved against the sitemap's URL


def parse_sitemap(body: bytes, *, max_bytes: int, url: str | None = None,
                  header_charset: str | None = None, site: Callable[[str], bool] | None = None) -> Sitemap:
    """A sitemap's page links, or a sitemap index's child sitemaps, each with the date it gives
    (``news:publication_date``, else ``lastmod``). A gzipped body is decompressed up to ``max_bytes``.

    The bytes are decoded by the project's one policy (:func:`processing.encoding.decode_xml`).
    A relative ``<loc>`` is invalid (sitemaps.org protocol: "fully-qualified URL") but seen: it is
    resolved against the sitemap's ``url`` and counted in ``relative``, never dropped silently.
    The other forms the protocol allows are read too: a text file of one URL per line, an RSS or
    Atom feed at a sitemap's address (read by :func:`crawler.discovery.feeds.read_feed`), and a
    site's robots.txt, read as an index of the sitemaps its ``Sitemap:`` lines name. ``site`` is
    the outlet's own addresses, for a feed's stated base (see
    :func:`crawler.discovery.feeds.document_base`).
    Broken XML (a bare ``&``, HTML entities, text before the root, a cut) is repaired and read
    (``repaired``); only a document with no address in it raises ``bad_sitemap``.
    """
    if body[:2] == GZIP_MAGIC:
        body = gunzip(body, max_bytes)
    check_xml(body, "sitemap")
    body = utf8_xml(decode_xml(body, header_charset))
    sitemap = None if _MARKUP_START.match(body) else _plain_text_sitemap(body)
    if sitemap is None:
        sitemap = _parse(body, url, site)
    resolved = []
    for link in sitemap.links:
        if link.url and not is_absolute(link.url):
            sitemap.relative += 1
            if url:
                link = Link(url=resolve(url, link.url), title=link.title, published=link.published, guid=link.guid)
        resolved.append(link)
    sitemap.links = resolved
    return sitemap


def _plain_text_sitemap(body: bytes) -> Sitemap | None:
    """A sitemap that is plain text, not markup: a robots.txt (an index of the sitemaps its
    ``Sitemap:`` lines name) or a text sitemap (one URL per line); None for anything else."""
    lines = body.decode("utf-8", "replace").splitlines()
    sitemap = _robots_sitemaps(lines)
    if sitemap is None:
        links = _text_sitemap(lines)
        sitemap = Sitemap("urlset", links) if links is not None else None
    return sitemap


def _robots_sitemaps(lines: list[str]) -> Sitemap | None:
    """A robots.txt given as a sitemap address: an index of the sitemaps its ``Sitemap:`` lines
    name (several, relative ones too: RFC 9309 §2.2.4 lets other records sit beside them), or None
    when ``lines`` are no robots.txt. One without ``Sitemap:`` lines raises ``bad_sitemap``."""
    records = [match for line in lines if (match := _ROBOTS_LINE.match(line))]
    if not records:
        return None
    sitemaps = [Link(address(match.group(2))) for match in records if match.group(1).lower() == "sitemap"]
    if not sitemaps:
        raise DiscoveryError("bad_sitemap", "a robots.txt with no Sitemap: line")
    return Sitemap("sitemapindex", sitemaps)


def _text_sitemap(lines: list[str]) -> list[Link] | None:
    """The links of a text sitemap (sitemaps.org: one absolute URL per line, UTF-8), or None when
    it does not start with a URL. A line that is no http(s) URL is kept with an empty address (its
    text as title) for the spider to count as ``bad_url``."""
    lines = [line.strip() for line in lines]
    lines = [line for line in lines if line]
    if not lines or not lines[0].startswith(("http://", "https://")) or "<" in lines[0]:
        return None
    return [Link(line) if line.startswith(("http://", "https://")) else Link("", title=line[:200]) for line in lines]


def _parse(body: bytes, url: str | None, site: Callable[[str], bool] | None) -> Sitemap:
    try:
        return _read(body, url, site, recover=False)
    except lxml.etree.XMLSyntaxError as exc:
        strict_error = str(exc)
    body = repair_xml(body)
    try:
        sitemap = _read(body, url, site, recover=False)
    except lxml.etree.XMLSyntaxError:
        try:
            sitemap = _read(body, url, site, recover=True)
        except lxml.etree.XMLSyntaxError:
            sitemap = Sitemap("urlset")
    if not any(link.url for link in sitemap.links):
        raise DiscoveryError("bad_sitemap", f"malformed sitemap: {strict_error}")
    sitemap.repaired = True
    return sitemap


def repair_xml(body: bytes) -> bytes:
    """The commonest breaks of hand-made XML mended: text before the XML declaration or the root
    (a server warning, a blank line); HTML's named entities (``&nbsp;``, ``&hellip;``: HTML5's
    list, undefined in XML) as character references, an unknown one as text; a bare ``&``
    escaped; and a document cut short (no closing root tag) cut after its last complete entry,
    whose ``<loc>`` may be cut mid-address. ``body`` is UTF-8."""
    start = _FIRST_MARKUP.search(body)
    if start:
        body = body[start.start():]
    if not _ROOT_END.search(body, max(0, len(body) - 4096)):
        last = None
        for last in _ENTRY_END.finditer(body):
            pass
        if last is not None:
            body = body[:last.end()]

    def entity(match: re.Match[bytes]) -> bytes:
        name = match.group(1)
        text = None if name in _XML_ENTITIES else html.entities.html5.get(name.decode() + ";")
        if text:
            return b"".join(b"&#%d;" % ord(char) for char in text)
        return match.group(0) if name in _XML_ENTITIES else b"&amp;" + match.group(0)[1:]  # unknown: as text

    return _BARE_AMPERSAND.sub(b"&amp;", _ENTITY.sub(entity, body))


def _read(body: bytes, url: str | None, site: Callable[[str], bool] | None, *,
          recover: bool) -> Sitemap:
    # One tree and one pass over the url/sitemap entries: about three times faster than an
    # iterparse with a QName per event (benchmarks/faults_benchmark.py), and bounded by the body's
    # size (no DTD, no entities, no huge_tree).
    parser = lxml.etree.XMLParser(recover=recover, resolve_entities=False, no_network=True, load_dtd=False,
                                  huge_tree=False, remove_comments=True, remove_pis=True)
    root = lxml.etree.fromstring(body, parser)
    if root is None:
        raise DiscoveryError("bad_sitemap", "empty document")
    name = _local(root.tag)
    if name in _FEED_ROOTS:  # sitemaps.org: "The Sitemap protocol also accepts RSS 2.0 and Atom 1.0 feeds"
        feed = read_feed(body, url, site=site)
        return Sitemap("urlset", feed.links, repaired=feed.repaired is not None)
    if name not in ("urlset", "sitemapindex"):
        raise DiscoveryError("bad_sitemap", f"not a sitemap (root element <{name}>)")
    sitemap = Sitemap(name)
    for element in root.iter("{*}url", "{*}sitemap"):
        link = _entry(element)
        if link is not None:
            sitemap.links.append(link)
    return sitemap


def _entry(element: lxml.etree._Element) -> Link:
    """An entry's own ``<loc>`` and ``<lastmod>`` (direct children: an ``image:loc`` or
    ``video:loc`` inside it is a picture's address, not the page's) and its Google News
    ``publication_date`` and ``title`` (inside ``news:news``)."""
    values: dict[str, str] = {}
    for child in element:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        name = _local(tag)
        if name == "news":
            for part in child.iter():
                if isinstance(part.tag, str) and part.text and part.text.strip():
                    values.setdefault("news_" + _local(part.tag), part.text.strip())
        elif name not in values and child.text:
            text = child.text.strip()
            if text:
                values[name] = text
    # A <url> without <loc> is kept with no address: the spider counts it (bad_url), never dropped silently.
    published = values.get("news_publication_date")
    if published is None or (values.get("lastmod") and parse_date(published) is None):
        published = values.get("lastmod") or published  # an unreadable news date does not hide lastmod
    return Link(url=address(values.get("loc", "")), title=values.get("news_title"), published=published)


def _local(tag: str) -> str:
    """An element's name without its namespace, or its prefix when recovery left it unbound (``image:loc``)."""
    name = tag[tag.find("}") + 1:]
    return name[name.find(":") + 1:] if ":" in name else name


def parse_date(value: str | None) -> datetime | None:
    """A sitemap's date in UTC, or None: a W3C datetime (``2026-11-20``, ``2026-11-20T10:00Z``,
    with or without offset, and the W3C profile's reduced ``2026-11`` and ``2026``: the first
    day), a space in place of the ``T``, ``GMT``/``UTC`` in place of the offset, or an RFC 822
    date (``Fri, 20 Nov 2026 10:00:00 GMT``, as some generators write, and as an RSS feed at a
    sitemap's address gives them)."""
    if not value:
        return None
    value = _UTC_NAME.sub("+00:00", value.strip())
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        moment = _reduced_or_rfc822(value)
        if moment is None:
            return None
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


def _reduced_or_rfc822(value: str) -> datetime | None:
    if re.fullmatch(r"\d{4}(-\d{2})?", value):
        year, _, month = value.partition("-")
        try:
            return datetime(int(year), int(month or 1), 1)
        except ValueError:
            return None
    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None


def in_window(link: Link, cutoff: datetime) -> bool:
    """False only when the link has a readable date older than ``cutoff``."""
    moment = parse_date(link.published)
    return moment is None or moment >= cutoff
