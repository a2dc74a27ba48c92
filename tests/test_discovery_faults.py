"""Feeds and sitemaps as real outlets serve them (#10): each test is one *kind* of fault seen in the
wild (feed readers' and crawlers' public bug reports), in our own markup, read by the discovery
parsers on bytes. The same kinds go through a real crawl in tests/test_feed_context.py."""

from __future__ import annotations

import pytest

from crawler.discovery import parse_feed, read_feed

FEED_URL = "http://outlet.test/feeds/main.xml"
ATOM = '<feed xmlns="http://www.w3.org/2005/Atom"><title>Heron Gazette</title><id>urn:heron</id>{}</feed>'
RSS = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
       'xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0"><channel><title>Heron Gazette</title>'
       "<link>http://outlet.test/</link><description>d</description>{}</channel></rss>")


def urls(body: str | bytes, url: str = FEED_URL) -> list[str]:
    return [link.url for link in parse_feed(body.encode() if isinstance(body, str) else body, url)]


# --- which link of an entry is the article --------------------------------------------------
@pytest.mark.parametrize(("entry", "expected"), [
    # rel=self (the entry's API document), replies and enclosure are no article; the alternate is
    ('<link rel="self" href="/api/e1.xml"/><link rel="replies" type="text/html" href="/comments/e1"/>'
     '<link rel="enclosure" href="/audio/e1.mp3"/><link rel="alternate" type="text/html" href="/news/e1.html"/>',
     "http://outlet.test/news/e1.html"),
    # several alternates: the text/html one, whatever the order
    ('<link rel="alternate" type="application/json" href="/news/e2.json"/>'
     '<link rel="alternate" type="text/html" href="/news/e2.html"/>', "http://outlet.test/news/e2.html"),
    ('<link href="/news/e3.html"/>', "http://outlet.test/news/e3.html"),  # no rel means alternate
    ("", "http://outlet.test/news/e4.html"),  # no link: an id that is an http URL is the address
])
def test_atom_entry_link_is_the_alternate(entry: str, expected: str) -> None:
    entry_id = "http://outlet.test/news/e4.html" if not entry else "tag:outlet.test,2026:e"
    body = ATOM.format(f"<entry><title>E</title><id>{entry_id}</id>{entry}</entry>")
    assert urls(body) == [expected]


@pytest.mark.parametrize("entry", [
    "<id>tag:outlet.test,2026-11-30:/news/1</id>",  # tag: URIs name an entry, they are not addresses
    "<id>urn:uuid:5b1e1c34-0c1c-4a8e-9d7f-6f9e2b3c1a00</id>",
    '<id>urn:heron:7</id><link rel="self" href="/api/7.xml"/><link rel="edit" href="/edit/7"/>',
    '<id>urn:heron:8</id><link rel="enclosure" type="audio/mpeg" href="/audio/8.mp3"/>',
])
def test_atom_entry_without_an_article_link_is_kept_empty(entry: str) -> None:
    # An empty URL, which the spider counts as bad_url ("an entry without a link"); never the id.
    assert urls(ATOM.format(f"<entry><title>E</title>{entry}</entry>")) == [""]


@pytest.mark.parametrize(("item", "expected"), [
    ('<guid isPermaLink="true">http://outlet.test/news/g1.html</guid>', "http://outlet.test/news/g1.html"),
    ("<guid>http://outlet.test/news/g2.html</guid>", "http://outlet.test/news/g2.html"),
    # an empty or blank <link> does not hide a permalink guid
    ("<link></link><guid>http://outlet.test/news/g3.html</guid>", "http://outlet.test/news/g3.html"),
    ("<link>  \n </link><guid>http://outlet.test/news/g4.html</guid>", "http://outlet.test/news/g4.html"),
    # a guid that is not a URL is no address (it was resolved against the feed's URL and fetched: a 404)
    ("<guid>48213</guid>", ""),
    ('<guid isPermaLink="false">heron-48214</guid>', ""),
    ('<enclosure url="http://outlet.test/audio/p.mp3" type="audio/mpeg" length="1"/>', ""),
    # the link in CDATA, with whitespace around it, relative
    ("<link><![CDATA[ /news/cdata.html ]]></link>", "http://outlet.test/news/cdata.html"),
    ("<link>\n    http://outlet.test/news/spaced.html\n  </link>", "http://outlet.test/news/spaced.html"),
])
def test_rss_item_link(item: str, expected: str) -> None:
    assert urls(RSS.format(f"<item><title>I</title>{item}</item>")) == [expected]


def test_feedburner_orig_link_is_the_article() -> None:
    # The item's <link> is the feed service's redirect, on its own host (off the outlet's domains).
    item = ("<item><title>I</title><link>http://feeds.relay.test/~r/heron/~3/Xy12/</link>"
            "<feedburner:origLink>http://outlet.test/news/orig.html</feedburner:origLink></item>"
            "<item><title>J</title><link>http://feeds.relay.test/~r/heron/~3/Zz34/</link>"
            "<feedburner:origLink>/news/orig-relative.html</feedburner:origLink></item>")
    assert urls(RSS.format(item)) == ["http://outlet.test/news/orig.html", "http://outlet.test/news/orig-relative.html"]


def test_rss_1_0_rdf_feed() -> None:
    body = ('<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
            'xmlns="http://purl.org/rss/1.0/"><channel rdf:about="http://outlet.test/"><title>H</title>'
            '<link>http://outlet.test/</link></channel><item rdf:about="http://outlet.test/news/r.html">'
            "<title>R</title><link>/news/r.html</link></item></rdf:RDF>")
    assert urls(body) == ["http://outlet.test/news/r.html"]


# --- broken XML: read leniently, and said so -------------------------------------------------
@pytest.mark.parametrize(("body", "expected"), [
    (RSS.format("<item><title>Caf&eacute;&nbsp;&rsquo;s</title><link>/news/entities.html</link></item>"),
     ["http://outlet.test/news/entities.html"]),  # HTML entities, undefined in XML
    (RSS.format("<item><title>A & B</title><link>/news/amp.html?a=1&b=2</link></item>"),
     ["http://outlet.test/news/amp.html?a=1&b=2"]),  # a bare & in text and in a URL
    ("<br />\n<b>Notice</b>: Undefined index in /srv/feed.php<br />\n"
     + RSS.format("<item><title>P</title><link>/news/php.html</link></item>"),
     ["http://outlet.test/news/php.html"]),  # a server-side warning printed before the XML
    (RSS.format("<item><title>One</title><link>/news/t1.html</link></item>"
                "<item><title>Two</title><link>/news/t2.html</link></item><item><title>Thr")[:-len("</channel></rss>")],
     ["http://outlet.test/news/t1.html", "http://outlet.test/news/t2.html", ""]),  # cut short, in an item
])
def test_broken_feed_keeps_its_entries_and_says_what_broke(body: str, expected: list[str]) -> None:
    feed = read_feed(body.encode(), FEED_URL)
    assert [link.url for link in feed.links] == expected
    assert feed.repaired and "\n" not in feed.repaired


def test_well_formed_feed_is_not_repaired() -> None:
    assert read_feed(RSS.format("<item><title>I</title><link>/news/ok.html</link></item>").encode(),
                     FEED_URL).repaired is None
