"""Feeds and sitemaps as real outlets serve them (#10): each test is one *kind* of fault seen in the
wild (feed readers' and crawlers' public bug reports), in our own markup, read by the discovery
parsers on bytes. The same kinds go through a real crawl in tests/test_feed_context.py."""

from __future__ import annotations

import gzip
import random
from datetime import datetime, timezone

import pytest

from crawler.discovery import DiscoveryError, parse_feed, parse_sitemap, read_feed, section_links
from crawler.discovery.links import split
from crawler.discovery.sitemaps import parse_date

MAX = 10 * 1024 * 1024

FEED_URL = "http://outlet.test/feeds/main.xml"
ATOM = '<feed xmlns="http://www.w3.org/2005/Atom"><title>Heron Gazette</title><id>urn:heron</id>{}</feed>'
RSS = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
       'xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0"><channel><title>Heron Gazette</title>'
       "<link>http://outlet.test/</link><description>d</description>{}</channel></rss>")


def reason(call, *args, **kwargs) -> str:
    with pytest.raises(DiscoveryError) as caught:
        call(*args, **kwargs)
    return caught.value.reason


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


@pytest.mark.parametrize("channel", ["http://localhost/", "http://www.example.com", "http://127.0.0.1:8080/",
                                     "https://staging.cms-host.test/"])
def test_a_channel_link_off_the_outlets_site_is_no_base(channel: str) -> None:
    # A CMS behind a proxy, or copied from staging, names a host that is not the outlet's as its home.
    body = RSS.format("<item><title>I</title><link>/news/home.html</link></item>").replace(
        "<link>http://outlet.test/</link>", f"<link>{channel}</link>").encode()
    on_site = lambda url: (split(url).hostname or "").endswith("outlet.test")  # noqa: E731
    assert [link.url for link in parse_feed(body, FEED_URL, site=on_site)] == ["http://outlet.test/news/home.html"]
    # a feed on a feed service whose channel link is the outlet's site still resolves against it
    hosted = RSS.format("<item><title>I</title><link>/news/hosted.html</link></item>").encode()
    assert [link.url for link in parse_feed(hosted, "https://feeds.relay.test/heron", site=on_site)] == [
        "http://outlet.test/news/hosted.html"]


def test_gzipped_feed_body() -> None:
    # A .xml.gz feed, or a feed compressed twice (once more than its Content-Encoding says).
    body = gzip.compress(RSS.format("<item><title>Z</title><link>/news/zipped.html</link></item>").encode())
    assert urls(body) == ["http://outlet.test/news/zipped.html"]
    assert reason(parse_feed, gzip.compress(b"<rss>" + b"x" * 5000 + b"</rss>"), max_bytes=1000) == "too_large"
    assert reason(parse_feed, b"\x1f\x8bnot gzip at all") == "bad_feed"


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


# --- sitemaps ---------------------------------------------------------------------------------
SITEMAP_URL = "http://outlet.test/sitemaps/news.xml"
URLSET = ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
          'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9" '
          'xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">{}</urlset>')


def sitemap_links(body: str | bytes, url: str = SITEMAP_URL) -> list[tuple[str, str | None, str | None]]:
    sitemap = parse_sitemap(body.encode() if isinstance(body, str) else body, max_bytes=MAX, url=url)
    return [(link.url, link.title, link.published) for link in sitemap.links]


def test_the_entrys_own_loc_not_an_image_loc() -> None:
    # The picture's block comes first: its <image:loc> and <image:title> were read as the page's.
    body = URLSET.format("<url><image:image><image:loc>http://cdn.outlet.test/p/1.jpg</image:loc>"
                         "<image:title>Photo of the quay</image:title></image:image>"
                         "<loc>http://outlet.test/news/quay.html</loc><lastmod>2026-11-30</lastmod></url>")
    assert sitemap_links(body) == [("http://outlet.test/news/quay.html", None, "2026-11-30")]


def test_google_news_fields() -> None:
    body = URLSET.format(
        "<url><loc>http://outlet.test/news/port.html</loc><lastmod>2026-11-29</lastmod><news:news><news:publication>"
        "<news:name>Heron Gazette</news:name><news:language>ar</news:language></news:publication>"
        "<news:publication_date>2026-11-30T09:15:00+03:00</news:publication_date>"
        "<news:title>افتتاح الميناء الجديد</news:title></news:news></url>")
    assert sitemap_links(body) == [("http://outlet.test/news/port.html", "افتتاح الميناء الجديد",
                                    "2026-11-30T09:15:00+03:00")]


def test_an_unreadable_news_date_falls_back_to_lastmod() -> None:
    body = URLSET.format("<url><loc>http://outlet.test/news/old.html</loc><lastmod>2019-03-02</lastmod><news:news>"
                         "<news:publication_date>Saturday, 2 March</news:publication_date></news:news></url>")
    assert sitemap_links(body)[0][2] == "2019-03-02"  # so the window still applies


@pytest.mark.parametrize(("loc", "expected"), [
    ("\n      http://outlet.test/news/a.html\n    ", "http://outlet.test/news/a.html"),
    ("<![CDATA[http://outlet.test/news/b.html]]>", "http://outlet.test/news/b.html"),
    ("<![CDATA[ /news/c.html ]]>", "http://outlet.test/news/c.html"),
    # a long address wrapped across lines by a pretty-printer (RFC 3986 appendix C: the break is no part of it)
    ("http://outlet.test/news/2026/11/30/a-rather-long-slug-\n        that-goes-on.html",
     "http://outlet.test/news/2026/11/30/a-rather-long-slug-that-goes-on.html"),
    ("http://outlet.test/news/with space.html", "http://outlet.test/news/with space.html"),  # sent as %20
])
def test_loc_with_whitespace_or_cdata(loc: str, expected: str) -> None:
    assert sitemap_links(URLSET.format(f"<url><loc>{loc}</loc></url>"))[0][0] == expected


@pytest.mark.parametrize("root", ["<urlset>", '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.84">',
                                  '<urlset xmlns="http://www.google.com/schemas/sitemap/0.9">'])
def test_sitemap_without_or_with_a_wrong_namespace(root: str) -> None:
    body = f"{root}<url><loc>http://outlet.test/news/ns.html</loc></url></urlset>"
    assert sitemap_links(body) == [("http://outlet.test/news/ns.html", None, None)]


@pytest.mark.parametrize(("body", "expected"), [
    (URLSET.format("<url><loc>http://outlet.test/news/q.html?id=4&amp;p=2</loc></url>"
                   "<url><loc>http://outlet.test/news/q.html?id=5&p=2</loc></url>"),
     ["http://outlet.test/news/q.html?id=4&p=2", "http://outlet.test/news/q.html?id=5&p=2"]),  # bare & kept
    (URLSET.format("<url><loc>http://outlet.test/news/e.html</loc><news:news><news:title>Caf&eacute;&nbsp;row"
                   "</news:title></news:news></url>"), ["http://outlet.test/news/e.html"]),
    ("Warning: cannot modify header information\n" + URLSET.format("<url><loc>http://outlet.test/news/w.html</loc></url>"),
     ["http://outlet.test/news/w.html"]),
    ("\n\n  " + URLSET.format("<url><loc>http://outlet.test/news/blank.html</loc></url>"),
     ["http://outlet.test/news/blank.html"]),
    (URLSET.format('<url><loc>http://outlet.test/news/u.html</loc><video:video><video:title>v</video:title>'
                   "</video:video></url>"), ["http://outlet.test/news/u.html"]),  # an undeclared prefix
    # cut short inside an entry: the complete entries are kept, the cut address is not fetched
    (URLSET.format("<url><loc>http://outlet.test/news/whole.html</loc></url>"
                   "<url><loc>http://outlet.test/news/cut-sh")[:-len("</urlset>")], ["http://outlet.test/news/whole.html"]),
    (URLSET.format("<url><loc>http://outlet.test/news/whole.html</loc></url><url>")[:-len("</urlset>")],
     ["http://outlet.test/news/whole.html"]),
])
def test_broken_sitemap_is_repaired_not_lost(body: str, expected: list[str]) -> None:
    sitemap = parse_sitemap(body.encode(), max_bytes=MAX, url=SITEMAP_URL)
    assert [link.url for link in sitemap.links] == expected and sitemap.repaired


def test_html_entity_in_a_news_title_is_its_character() -> None:
    body = URLSET.format("<url><loc>http://outlet.test/news/e.html</loc><news:news><news:title>Caf&eacute; row&hellip; "
                         "&notanentity; &amp; more</news:title></news:news></url>")
    assert sitemap_links(body)[0][1] == "Café row… &notanentity; & more"  # an unknown one kept as text


def test_text_sitemap() -> None:
    body = "http://outlet.test/news/t1.html\r\n\r\n  http://outlet.test/news/t2.html  \nnot a url\n"
    sitemap = parse_sitemap(body.encode(), max_bytes=MAX, url="http://outlet.test/sitemap.txt")
    assert sitemap.kind == "urlset"
    assert [link.url for link in sitemap.links] == ["http://outlet.test/news/t1.html", "http://outlet.test/news/t2.html", ""]
    assert reason(parse_sitemap, b"Service temporarily unavailable\n", max_bytes=MAX) == "bad_sitemap"


def test_robots_txt_as_a_sitemap_address_is_an_index_of_its_sitemap_lines() -> None:
    robots = (b"# crawl politely\nUser-agent: *\nDisallow: /search\nCrawl-delay: 2\n\nSitemap: /sitemaps/news.xml\n"
              b"sitemap:https://outlet.test/sitemap-index.xml.gz   # the archive\nSITEMAP : maps/video.xml\n")
    sitemap = parse_sitemap(robots, max_bytes=MAX, url="https://outlet.test/robots.txt")
    assert sitemap.kind == "sitemapindex" and sitemap.relative == 2
    assert [link.url for link in sitemap.links] == ["https://outlet.test/sitemaps/news.xml",
                                                    "https://outlet.test/sitemap-index.xml.gz",
                                                    "https://outlet.test/maps/video.xml"]
    assert reason(parse_sitemap, b"User-agent: *\nDisallow:\n", max_bytes=MAX) == "bad_sitemap"


@pytest.mark.parametrize("body", [
    RSS.format("<item><title>I</title><link>/news/from-rss.html</link><pubDate>Mon, 30 Nov 2026 08:00:00 GMT</pubDate></item>"),
    ATOM.format("<entry><title>I</title><id>urn:i</id><updated>2026-11-30T08:00:00Z</updated>"
                '<link href="/news/from-rss.html"/></entry>'),
])
def test_a_feed_at_a_sitemap_address_is_read_as_one(body: str) -> None:
    # sitemaps.org: "The Sitemap protocol also accepts RSS 2.0 and Atom 1.0 feeds".
    sitemap = parse_sitemap(body.encode(), max_bytes=MAX, url="http://outlet.test/sitemap.xml")
    assert sitemap.kind == "urlset" and [link.url for link in sitemap.links] == ["http://outlet.test/news/from-rss.html"]
    assert parse_date(sitemap.links[0].published) == datetime(2026, 11, 30, 8, tzinfo=timezone.utc)


@pytest.mark.parametrize(("value", "expected"), [
    ("2026-11-30T10:00:00+0300", datetime(2026, 11, 30, 7, tzinfo=timezone.utc)),
    ("2026-11-30 10:00:00", datetime(2026, 11, 30, 10, tzinfo=timezone.utc)),
    ("2026-11-30T10:00:00.250Z", datetime(2026, 11, 30, 10, 0, 0, 250000, tzinfo=timezone.utc)),
    ("Mon, 30 Nov 2026 10:00:00 GMT", datetime(2026, 11, 30, 10, tzinfo=timezone.utc)),
    ("Mon, 30 Nov 2026 13:00:00 +0300", datetime(2026, 11, 30, 10, tzinfo=timezone.utc)),
    ("2026-11-30T10:00:00 GMT", datetime(2026, 11, 30, 10, tzinfo=timezone.utc)),
    ("2026-11-30T13:00:00 +03:00", datetime(2026, 11, 30, 10, tzinfo=timezone.utc)),
    ("2026-11", datetime(2026, 11, 1, tzinfo=timezone.utc)),  # W3C reduced precision
    ("2019", datetime(2019, 1, 1, tzinfo=timezone.utc)),
    ("2026-13", None), ("30/11/2026", None), ("", None),
])
def test_lastmod_formats(value: str, expected: datetime | None) -> None:
    assert parse_date(value) == expected


# --- whatever the bytes, a one-line DiscoveryError or links: never a traceback -------------------
def test_unreadable_addresses_are_kept_for_the_spider_to_count() -> None:
    # An unbalanced "[" made urlsplit raise inside the parsers: a spider_error traceback, the document lost.
    text = parse_sitemap(b"http://outlet.test/news/1.html\nhttp://[outlet.test/news/2.html\n", max_bytes=MAX,
                         url="http://outlet.test/sitemap.txt")
    assert [link.url for link in text.links] == ["http://outlet.test/news/1.html", "http://[outlet.test/news/2.html"]
    xml = parse_sitemap(URLSET.format("<url><loc>/news/a[1].html</loc></url><url><loc>http://[::1/x</loc></url>").encode(),
                        max_bytes=MAX, url=SITEMAP_URL)
    assert [link.url for link in xml.links] == ["http://outlet.test/news/a[1].html", "http://[::1/x"] and xml.relative == 1
    atom = ATOM.format('<link rel="self" href="http://[mirror/feed"/><entry><title>E</title><id>http://[x</id></entry>')
    assert urls(atom) == [""]
    # A Content-Location header that cannot be read is ignored: the feed's URL is the base.
    feed = RSS.format("<item><title>I</title><link>/news/c.html</link></item>").encode()
    assert [link.url for link in parse_feed(feed, FEED_URL, content_location="http://[broken/")] == [
        "http://outlet.test/news/c.html"]


def test_mangled_documents_never_raise_anything_but_discovery_errors() -> None:
    """Seeded mutations (bytes inserted, deleted, flipped, cut; gzip) of a feed, an Atom feed and a
    sitemap: each parser returns links or raises DiscoveryError, nothing else."""
    rng = random.Random(10)
    seeds = [RSS.format("".join(f"<item><title>خبر {i}</title><link>/news/{i}.html?a=1&amp;b=2</link>"
                                f"<guid>http://outlet.test/g{i}</guid></item>" for i in range(3))).encode(),
             ATOM.format("".join(f'<entry xml:base="b{i}/"><id>tag:o,2026:{i}</id><link href="n{i}.html"/></entry>'
                                 for i in range(3))).encode(),
             URLSET.format("".join(f"<url><image:image><image:loc>/i{i}.jpg</image:loc></image:image><loc>/news/{i}"
                                   "</loc><lastmod>2026-11</lastmod></url>" for i in range(3))).encode()]
    junk = [b"&", b"<", b"&nbsp;", b"\x00", b"\xff", b"]]>", b"<![CDATA[", b"<?xml version='1.0'?>", b'"', b"</",
            b"http://[::1", b":99999", b"\x1f\x8b", b"\xef\xbb\xbf", b"<\x00", b"xmlns:a='b'", b"<a:b>"]
    for _ in range(150):
        body = bytearray(rng.choice(seeds))
        for _ in range(rng.randint(1, 4)):
            at = rng.randint(0, len(body))
            choice = rng.random()
            if choice < 0.5:
                body[at:at] = rng.choice(junk)
            elif choice < 0.75:
                del body[at:at + rng.randint(1, 20)]
            elif choice < 0.85:
                del body[at:]
            elif body:
                body[min(at, len(body) - 1)] = rng.randint(0, 255)
        data = gzip.compress(bytes(body)) if rng.random() < 0.1 else bytes(body)
        for parse in (lambda b: read_feed(b, FEED_URL), lambda b: parse_sitemap(b, max_bytes=MAX, url=SITEMAP_URL)):
            try:
                parse(data)
            except DiscoveryError:
                pass


@pytest.mark.parametrize("mark", ["\u200f", "\u200e", "\ufeff", "\u200b", "\u202b", "\xa0"])
def test_invisible_marks_around_a_link_are_no_part_of_it(mark: str) -> None:
    # A right-to-left mark (or a BOM, a zero-width space) pasted with the link by an Arabic CMS: the link
    # read as a relative path, resolved into http://outlet.test/feeds/%E2%80%8Fhttp:/outlet.test/... (a 404).
    item = f"<item><title>I</title><link>{mark}http://outlet.test/akhbar/خبر.html{mark}</link></item>"
    relative = f"<item><title>J</title><link>{mark}/akhbar/آخر.html</link></item>"
    assert urls(RSS.format(item + relative)) == ["http://outlet.test/akhbar/خبر.html", "http://outlet.test/akhbar/آخر.html"]
    loc = f"<url><loc>{mark}http://outlet.test/akhbar/خبر.html{mark}</loc></url>"
    assert sitemap_links(URLSET.format(loc)) == [("http://outlet.test/akhbar/خبر.html", None, None)]


def test_section_page_links_are_read_the_same_way() -> None:
    html = ('<html><body><a href="\u200f/akhbar/1.html\u200f">A</a><a href="\ufeffhttp://outlet.test/akhbar/2.html">B</a>'
            '<a href="  /akhbar/3.html\n">C</a></body></html>')
    assert [link.url for link in section_links(html, "http://outlet.test/world/")] == [
        "http://outlet.test/akhbar/1.html", "http://outlet.test/akhbar/2.html", "http://outlet.test/akhbar/3.html"]


def test_json_feed_at_a_feed_address() -> None:
    body = ('\ufeff{"version": "https://jsonfeed.org/version/1.1", "title": "Heron", "items": ['
            '{"id": "1", "url": "http://outlet.test/news/j1.html", "title": "One", "date_published": "2026-11-30T10:00:00Z"},'
            '{"id": "2", "url": "/news/j2.html"}, {"id": "http://outlet.test/news/j3.html"},'
            '{"id": 4, "external_url": "http://outlet.test/news/j4.html"}, {"id": "tag:outlet.test,2026:5"}, 6]}')
    feed = read_feed(body.encode(), "http://outlet.test/feed.json")
    assert [link.url for link in feed.links] == ["http://outlet.test/news/j1.html", "http://outlet.test/news/j2.html",
                                                 "http://outlet.test/news/j3.html", "http://outlet.test/news/j4.html", "", ""]
    assert (feed.links[0].title, feed.links[0].published) == ("One", "2026-11-30T10:00:00Z")
    for bad in (b'{"items": []}', b'{"version": "https://jsonfeed.org/version/1", "items": 3}', b"{not json",
                b'{"a": ' + b"[" * 100_000):
        assert reason(read_feed, bad, FEED_URL) == "bad_feed"


def test_an_html_page_at_a_feed_address_names_the_feed_it_announces() -> None:
    # The feed moved and its old address serves the site's page: one line, with the operator's next step.
    page = (b"<!DOCTYPE html><html><head><title>Heron</title><link rel='stylesheet' href='/s.css'>"
            b'<LINK REL="alternate" TYPE="application/rss+xml" title="Latest" href="/rss/latest.xml?a=1&amp;b=2">'
            b"</head><body>Our feeds have moved.</body></html>")
    with pytest.raises(DiscoveryError) as caught:
        read_feed(page, FEED_URL)
    assert caught.value.reason == "not_a_feed"
    assert str(caught.value) == "an HTML page, not a feed; the page names its feed: http://outlet.test/rss/latest.xml?a=1&b=2"
    assert reason(read_feed, b"<!DOCTYPE html><html><body>gone</body></html>", FEED_URL) == "not_a_feed"
