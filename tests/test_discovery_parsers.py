"""Discovery parsers on bytes: feeds, sitemaps, section pages, and the guards in front of them."""

from __future__ import annotations

import gzip
from datetime import datetime, timezone

import pytest

from crawler.discovery import DiscoveryError, Link, in_window, parse_feed, parse_sitemap, section_links
from crawler.discovery.guards import check_xml, gunzip, looks_like_html
from crawler.discovery.sitemaps import parse_date
from crawler.sampleweb.server import SITES_DIR, SampleWeb

MAX = 10 * 1024 * 1024
URLSET = b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">%s</urlset>'
BOMB_SUBSET = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'


def sample(path: str) -> bytes:
    web = SampleWeb()
    site = path.split("/", 1)[0]
    return web.render((SITES_DIR / path).read_bytes(), web.sites[site])


def reason(call, *args, **kwargs) -> str:
    with pytest.raises(DiscoveryError) as caught:
        call(*args, **kwargs)
    return caught.value.reason


def test_rss_and_atom_entries() -> None:
    rss = parse_feed(sample("northern-courier/feeds/latest.xml"))
    assert [link.url.rsplit("/", 1)[1] for link in rss] == [
        "uk-sanctions-russia-iran", "sanctions-list.pdf", "tram-extension-delayed", "whitmoor-station-reopening-bid"]
    assert rss[0].title.startswith("UK sanctions") and rss[0].guid == rss[0].url and rss[0].published
    atom = parse_feed(sample("gulf-herald/feeds/atom.xml"))
    assert len(atom) == 3 and atom[0].guid and atom[0].published


def test_feed_rejections() -> None:
    assert reason(parse_feed, b"<rss version='2.0'><channel><item><title>cut <<link>x</li") == "bad_feed"
    assert reason(parse_feed, b"<!DOCTYPE html><html><body>moved</body></html>") == "not_a_feed"
    assert reason(parse_feed, b"\xef\xbb\xbf  <html lang='en'><head></head></html>") == "not_a_feed"
    assert reason(parse_feed, b'<?xml version="1.0"?>' + BOMB_SUBSET + b"<rss><channel>&b;</channel></rss>") == "xml_bomb"
    assert reason(parse_feed, b"   ") == "bad_feed"
    assert reason(parse_feed, b'{"items": []}') == "bad_feed"


def test_empty_feed_and_a_public_dtd_are_fine() -> None:
    assert parse_feed(b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>') == []
    rss091 = (b'<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
              b'"http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91"><channel><title>t</title>'
              b"<item><title>a</title><link>https://x.example/a</link></item></channel></rss>")
    assert [link.url for link in parse_feed(rss091)] == ["https://x.example/a"]


def test_an_entry_without_a_link_is_kept_to_be_counted_not_dropped() -> None:
    """A feed item or a sitemap <url> with no address was skipped without a count or a log line; it is kept
    with an empty URL, which the spider counts as `bad_url` ("an entry without a link")."""
    from processing.urls import url_problem

    rss = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
           b"<item><title>Only a teaser</title><description>no link</description></item>"
           b"<item><title>A story</title><link>https://x.example/a</link></item></channel></rss>")
    assert [(link.url, link.title) for link in parse_feed(rss, url="https://x.example/feed.xml")] == [
        ("", "Only a teaser"), ("https://x.example/a", "A story")]
    sitemap = parse_sitemap(b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><lastmod>2026-11-20'
                            b"</lastmod></url><url><loc>https://x.example/b</loc></url></urlset>",
                            max_bytes=MAX, url="https://x.example/sitemap.xml")
    assert [link.url for link in sitemap.links] == ["", "https://x.example/b"] and sitemap.relative == 0
    assert url_problem("") == url_problem("  ") == "an entry without a link"


def test_news_sitemap_prefers_publication_date() -> None:
    body = URLSET % (b'<url xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><loc> https://x.example/a </loc>'
                     b"<lastmod>2026-11-20</lastmod><news:news><news:publication_date>2026-11-01T10:00:00+03:00"
                     b"</news:publication_date><news:title>A</news:title></news:news></url><url><loc>https://x.example/b"
                     b"</loc><lastmod>2026-11-19</lastmod></url><url><lastmod>2026-11-19</lastmod></url>")
    sitemap = parse_sitemap(body, max_bytes=MAX)
    assert sitemap.kind == "urlset" and not sitemap.repaired
    assert sitemap.links == [Link("https://x.example/a", "A", "2026-11-01T10:00:00+03:00"),
                             Link("https://x.example/b", None, "2026-11-19"),
                             Link("", None, "2026-11-19")]  # no <loc>: kept to be counted bad_url


def test_gzipped_sitemap_index() -> None:
    index = (b'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
             b"<sitemap><loc>https://x.example/s1.xml.gz</loc><lastmod>2026-11-20</lastmod></sitemap></sitemapindex>")
    sitemap = parse_sitemap(gzip.compress(index), max_bytes=MAX)
    assert sitemap.kind == "sitemapindex" and sitemap.links == [Link("https://x.example/s1.xml.gz", None, "2026-11-20")]


def test_sitemap_rejections_and_repair() -> None:
    bomb = gzip.compress(URLSET % (b"<url><loc>https://x.example/a</loc></url>" * 300_000))
    assert reason(parse_sitemap, bomb, max_bytes=1_000_000) == "too_large"
    assert reason(parse_sitemap, b"\x1f\x8bnot gzip at all", max_bytes=MAX) == "bad_sitemap"
    assert reason(parse_sitemap, b"<!doctype html><html><body>404</body></html>", max_bytes=MAX) == "not_a_sitemap"
    assert reason(parse_sitemap, b'<?xml version="1.0"?>' + BOMB_SUBSET + URLSET[21:] % b"&b;", max_bytes=MAX) == "xml_bomb"
    assert reason(parse_sitemap, b"<html-ish><p>not a sitemap</p></html-ish>", max_bytes=MAX) == "bad_sitemap"
    # sitemaps.org accepts an RSS 2.0 or Atom feed as a sitemap: read as one, not refused (#10)
    assert parse_sitemap(b"<rss version='2.0'><channel/></rss>", max_bytes=MAX).links == []
    assert reason(parse_sitemap, b"<urlset><url><loc", max_bytes=MAX) == "bad_sitemap"
    broken = URLSET % b"<url><loc>https://x.example/a?x=1&y=2</loc></url>"  # unescaped &: common in the wild
    repaired = parse_sitemap(broken, max_bytes=MAX)
    assert repaired.repaired and len(repaired.links) == 1


@pytest.mark.parametrize("value, expected", [
    ("2026-11-20", datetime(2026, 11, 20, tzinfo=timezone.utc)),
    ("2026-11-20T10:30:00Z", datetime(2026, 11, 20, 10, 30, tzinfo=timezone.utc)),
    ("2026-11-20T13:30:00+03:00", datetime(2026, 11, 20, 10, 30, tzinfo=timezone.utc)),
    ("yesterday", None),
    (None, None),
])
def test_w3c_dates(value: str | None, expected: datetime | None) -> None:
    assert parse_date(value) == expected


def test_window_keeps_undated_entries() -> None:
    cutoff = datetime(2026, 11, 20, tzinfo=timezone.utc)
    assert in_window(Link("u", published="2026-11-21T00:00:00Z"), cutoff)
    assert not in_window(Link("u", published="2026-11-19T23:59:59Z"), cutoff)
    assert in_window(Link("u"), cutoff) and in_window(Link("u", published="garbage"), cutoff)


def test_section_links() -> None:
    html = ('<html><head><base href="https://x.example/news/"></head><body><a href="a-story#c">A  story</a>'
            '<a href="/b?utm_source=x">B</a><a href="#top">top</a><a href="mailto:x@x.example">mail</a>'
            '<a href="javascript:void(0)">js</a><a>no href</a></body></html>')
    assert section_links(html, "https://x.example/world/") == [
        Link("https://x.example/news/a-story#c", "A story"), Link("https://x.example/b?utm_source=x", "B")]
    assert reason(section_links, "  ", "https://x.example/") == "empty_body"


def test_guards() -> None:
    assert looks_like_html(b"<!-- generated -->\n<!DOCTYPE HTML PUBLIC '-//W3C//DTD HTML 4.01//EN'><html>")
    assert not looks_like_html(b'<?xml version="1.0"?><rss version="2.0"><channel><description>&lt;html&gt;')
    check_xml(b"<rss><channel><description><![CDATA[<!ENTITY in text>]]></description></channel></rss>", "feed")
    assert gunzip(gzip.compress(b"abc"), 3) == b"abc"
    with pytest.raises(DiscoveryError):
        gunzip(gzip.compress(b"abcd"), 3)
