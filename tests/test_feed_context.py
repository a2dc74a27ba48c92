"""Discovery reads each document in its context (#10): relative feed and sitemap links are resolved
against the document's base, and a feed declared UTF-8 with a few stray bytes stays UTF-8.

Every case is a real crawl (`wirewatch crawl`) of a sample web on 127.0.0.1 built here; the shared
cases in ../shared/cases are crawled too when present.
"""

from __future__ import annotations

import gzip
import json
import sqlite3
from pathlib import Path
from urllib.parse import quote, unquote

import pytest

from crawler.sampleweb.server import SampleWeb
from tests.conftest import LOCAL, SHARED, run_cli

ARTICLE = ("<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>{title}</title></head><body>"
           "<article><h1>{title}</h1>" + "<p>{body}</p>" * 3 + "</article></body></html>")
EN_BODY = ("Engineers finished the last section of the new footbridge over the river on Tuesday, the council said, "
           "and the crossing opens to walkers and cyclists before the end of the month.")
AR_BODY = "أنهت البلدية أعمال رصف الطريق الساحلي الجديد في المدينة، وقالت إن الطريق يفتح أمام السيارات مطلع الشهر المقبل."

# Feeds whose links are relative, each with a different base.
RSS_RELATIVE = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Kestrel Post</title><link>/</link><description>d</description>
<item><title>Footbridge opens</title><link>/news/2026/11/footbridge.html</link><pubDate>{{rfc822:now-2h}}</pubDate></item>
<item><title>Relative to the feed</title><link>../news/2026/11/market-hall.html</link><pubDate>{{rfc822:now-2h}}</pubDate></item>
</channel></rss>"""
ATOM_NESTED_BASE = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="/news/">
<title>Kestrel Post</title><id>urn:kp</id><updated>{{now-2h}}</updated>
<entry xml:base="2026/12/"><title>Tram depot</title><id>urn:kp:3</id><updated>{{now-2h}}</updated>
<link rel="alternate" href="tram-depot.html"/></entry>
</feed>"""
RSS_CONTENT_LOCATION = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Kestrel Post</title><link>/</link><description>d</description>
<item><title>Library</title><link>2026/11/library.html</link><pubDate>{{rfc822:now-2h}}</pubDate></item>
</channel></rss>"""
# Served by a feed service on another host: relative links mean the outlet's site (channel link,
# or the feed's rel=self address).
RSS_ON_FEED_SERVICE = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Kestrel Post</title><link>{{base:kestrel-post}}/</link><description>d</description>
<item><title>Swing bridge</title><link>/news/2026/11/swing-bridge.html</link><pubDate>{{rfc822:now-2h}}</pubDate></item>
</channel></rss>"""
ATOM_MIRRORED = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Kestrel Post</title><id>urn:kp2</id><updated>{{now-2h}}</updated>
<link rel="self" href="{{base:kestrel-post}}/feeds/opinion.xml"/>
<entry><title>Column</title><id>urn:kp2:1</id><updated>{{now-2h}}</updated><link href="../news/2026/11/sea-wall-column.html"/></entry>
</feed>"""
SITEMAP_RELATIVE = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>/news/2026/11/harbour-wall.html</loc><lastmod>{{now-2h}}</lastmod></url>
<url><loc>{{base}}/news/2026/11/ferry-timetable.html</loc><lastmod>{{now-2h}}</lastmod></url>
</urlset>"""
# Arabic, declared UTF-8 in the prolog and the header; one description carries two cp1252 bytes.
AR_PATH = "/akhbar/2026/11/افتتاح-الطريق-الساحلي.html"
RSS_STRAY = ("""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>صحيفة النخيل</title><link>{{base}}/</link><description>أخبار</description>
<item><title>افتتاح الطريق الساحلي</title><link>{{base}}""" + AR_PATH + """</link>
<description>يفتتح الطريق الساحلي \x00STRAY\x00 أمام السيارات</description><pubDate>{{rfc822:now-2h}}</pubDate></item>
</channel></rss>""")

SOURCES = """
[[outlet]]
id = "kestrel-post"
name = "Kestrel Post"
country = "GB"
region = "uk"
languages = ["en"]
homepage = "{{base:kestrel-post}}/"
allowed_domains = ["kestrel-post.test"]
feeds = ["{{base:kestrel-post}}/feeds/latest.xml", "{{base:kestrel-post}}/feeds/atom.xml",
         "{{base:kestrel-post}}/syndication/out.xml", "{{base:feedhub}}/kestrel/rss", "{{base:feedhub}}/mirror/opinion.xml"]
sitemaps = ["{{base:kestrel-post}}/sitemaps/news.xml"]
sections = []
article_pattern = "^/news/"
enabled = true

[[outlet]]
id = "nakheel"
name = "صحيفة النخيل"
country = "SA"
region = "gulf"
languages = ["ar"]
homepage = "{{base:nakheel}}/"
allowed_domains = ["nakheel.test"]
feeds = ["{{base:nakheel}}/feed.xml"]
sitemaps = []
sections = []
article_pattern = "^/akhbar/"
enabled = true

[[outlet]]
id = "heron"
name = "Heron Gazette"
country = "GB"
region = "uk"
languages = ["en"]
homepage = "{{base:heron}}/"
allowed_domains = ["heron.test"]
feeds = ["{{base:heron}}/feeds/moved.xml", "{{base:heron}}/feeds/served-as-html.xml", "{{base:heron}}/feeds/download",
         "{{base:heron}}/feeds/compressed.xml", "{{base:heron}}/feeds/twice.xml", "{{base:heron}}/feeds/relay.xml", "{{base:heron}}/feeds/broken.xml",
         "{{base:heron}}/feeds/atom-links.xml", "{{base:heron}}/feeds/legacy.xml", "{{base:heron}}/feeds/now-a-page.xml",
         "{{base:heron}}/feeds/feed.json", "{{base:heron}}/feeds/from-staging.xml"]
sitemaps = ["{{base:heron}}/sitemaps/index.xml", "{{base:heron}}/sitemaps/rss.xml", "{{base:heron}}/robots.txt"]
sections = []
article_pattern = "^/(news|akhbar)/"
enabled = true

[[outlet]]
id = "mithal"
name = "مثال"
country = "SA"
region = "gulf"
languages = ["ar"]
homepage = "http://مثال.test/"
allowed_domains = ["مثال.test"]
feeds = ["http://مثال.test/feed.xml"]
sitemaps = []
sections = []
article_pattern = "^/akhbar/"
enabled = true
"""
EN_ARTICLES = ["/news/2026/11/footbridge.html", "/news/2026/11/market-hall.html", "/news/2026/12/tram-depot.html",
               "/news/2026/11/library.html", "/news/2026/11/harbour-wall.html", "/news/2026/11/ferry-timetable.html",
               "/news/2026/11/swing-bridge.html", "/news/2026/11/sea-wall-column.html"]


def _write(path: Path, data: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))


def _crawl(tmp: Path, sites: Path, sources: str) -> tuple[Path, list, dict]:
    """Crawl ``sites`` with the registry ``sources``: (store, requests answered, run counters)."""
    template = tmp / "sources.template.toml"
    template.write_text(sources, encoding="utf-8")
    db = tmp / "store.db"
    with SampleWeb(sites_dir=sites) as web:
        registry = web.write_sources(tmp / "sources.toml", template)
        result = run_cli("crawl", "--sources", registry, "--db", db, *LOCAL, env=web.environment())
        hits = list(web.hits)
    assert result.code == 0, result.stderr
    conn = sqlite3.connect(db)
    stats = json.loads(conn.execute("SELECT stats FROM crawl_runs").fetchone()[0])
    conn.close()
    return db, hits, stats


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list, dict]:
    tmp = tmp_path_factory.mktemp("feed-context")
    sites = tmp / "sites"
    kestrel, nakheel = sites / "kestrel-post", sites / "nakheel"
    _write(kestrel / "feeds" / "latest.xml", RSS_RELATIVE)
    _write(kestrel / "feeds" / "atom.xml", ATOM_NESTED_BASE)
    _write(kestrel / "syndication" / "out.xml", RSS_CONTENT_LOCATION)
    _write(kestrel / "sitemaps" / "news.xml", SITEMAP_RELATIVE)
    _write(sites / "feedhub" / "kestrel" / "rss", RSS_ON_FEED_SERVICE)
    _write(sites / "feedhub" / "mirror" / "opinion.xml", ATOM_MIRRORED)
    _write(sites / "feedhub" / "site.toml", '[paths."/kestrel/rss"]\ncontent_type = "application/rss+xml"\n')
    _write(kestrel / "site.toml", '[paths."/syndication/out.xml".headers]\n"Content-Location" = "/news/feed.xml"\n')
    for path in EN_ARTICLES:
        title = path.rsplit("/", 1)[1].removesuffix(".html").replace("-", " ").capitalize()
        _write(kestrel / path.lstrip("/"), ARTICLE.format(lang="en", title=title, body=EN_BODY))
    feed = RSS_STRAY.encode("utf-8").replace(b"\x00STRAY\x00", b"\xa0\xe9")
    _write(nakheel / "feed.xml", feed)
    _write(nakheel / "site.toml", '[paths."/feed.xml"]\ncontent_type = "application/rss+xml; charset=utf-8"\n')
    _write(nakheel / AR_PATH.lstrip("/"), ARTICLE.format(lang="ar", title="افتتاح الطريق الساحلي", body=AR_BODY))
    _heron(sites / "heron")
    _mithal(sites / "xn--mgbh0fb")
    return _crawl(tmp, sites, SOURCES)


# --- feeds and sitemaps as real outlets serve them (#10) ------------------------------------------
RSS = ('<?xml version="1.0" encoding="{encoding}"?><rss version="2.0" '
       'xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0"><channel><title>Heron Gazette</title>'
       "<link>{home}</link><description>d</description>{items}</channel></rss>")
URLSET = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" {ns}>{urls}</urlset>'
IMAGE_NS = 'xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"'
HERON_ARTICLES = {  # path -> what lists it
    "/news/wire/moved.html": "a relative link in a feed reached by a redirect (the base is the final URL)",
    "/news/served-as-html.html": "a feed served as text/html",
    "/news/download.html": "a feed served as application/octet-stream",
    "/news/compressed.html": "a feed sent with Content-Encoding: gzip",
    "/news/compressed-twice.html": "a feed gzipped twice, sent with Content-Encoding: gzip (once)",
    "/news/relayed.html": "feedburner:origLink (the <link> is the relay's redirect)",
    "/news/entities.html": "a feed with HTML entities, a bare & and a PHP notice before the XML",
    "/news/alternate.html": "an Atom entry's alternate among self, replies and enclosure links",
    "/news/from-index-a.html": "a gzipped child sitemap (no Content-Encoding), its <image:loc> first",
    "/news/from-index-b.html": "a gzipped child sitemap sent with Content-Encoding: gzip",
    "/news/from-text.html": "a text sitemap, child of the index",
    "/news/from-rss-sitemap.html": "an RSS feed at a sitemap address",
    "/akhbar/article.php": "a windows-1256 feed behind a Latin default header, a cp1256-escaped query",
    "/news/from-json.html": "a JSON Feed",
    "/news/staging-home.html": "a relative link in a feed whose channel link is the CMS's localhost",
    "/news/from-robots.html": "a sitemap named by a relative Sitemap: line of robots.txt, listed as a sitemap",
    "/news/from-robots-2.html": "a sitemap named by a second, absolute Sitemap: line",
}
LEGACY_QUERY = "?title=%C7%E1%DA%D1%C8&id=7"


def _item(link: str, extra: str = "") -> str:
    return f"<item><title>Story</title><link>{link}</link>{extra}<pubDate>{{{{rfc822:now-2h}}}}</pubDate></item>"


def _heron(root: Path) -> None:
    """The heron.test outlet: one document per kind of fault, each listing one article of HERON_ARTICLES."""
    rss = lambda items, encoding="utf-8": RSS.format(encoding=encoding, items=items, home="/")  # noqa: E731
    _write(root / "news" / "wire" / "current.xml", rss(_item("moved.html")))
    _write(root / "feeds" / "served-as-html.xml", rss(_item("/news/served-as-html.html")))
    _write(root / "feeds" / "download", rss(_item("/news/download.html")))
    _write(root / "feeds" / "compressed.xml",
           gzip.compress(rss(_item("http://heron.test/news/compressed.html")).replace("{{", "").encode()))
    _write(root / "feeds" / "twice.xml", gzip.compress(gzip.compress(
        rss(_item("http://heron.test/news/compressed-twice.html")).replace("{{", "").encode())))
    _write(root / "feeds" / "relay.xml", rss(_item(
        "{{base:feedhub}}/~r/heron/~3/a81x/", "<feedburner:origLink>/news/relayed.html</feedburner:origLink>")))
    _write(root / "feeds" / "broken.xml", "<b>Notice</b>: Undefined index: page in /srv/rss.php on line 4<br />\n"
           + rss("<item><title>Caf&eacute;&nbsp;&amp; bar &rsquo;s A & B</title>"
                 "<link>/news/entities.html?section=city&page=1</link></item>"))
    _write(root / "feeds" / "atom-links.xml", (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>H</title>'
        "<id>tag:heron.test,2026:feed</id><updated>{{now-2h}}</updated>"
        "<entry><title>Tagged</title><id>tag:heron.test,2026:/news/tagged</id><updated>{{now-2h}}</updated></entry>"
        "<entry><title>Alt</title><id>tag:heron.test,2026:/news/alternate</id><updated>{{now-2h}}</updated>"
        '<link rel="self" href="/api/alternate.xml"/><link rel="replies" type="text/html" href="/news/alternate.html#c"/>'
        '<link rel="enclosure" href="/news/alternate.mp3"/><link rel="alternate" type="text/html" href="/news/alternate.html"/>'
        "</entry></feed>"))
    _write(root / "feeds" / "legacy.xml", rss(
        "<item><title>خبر عن افتتاح الطريق الساحلي الجديد في المدينة</title><link>/akhbar/article.php"
        + LEGACY_QUERY.replace("&", "&amp;") + "</link><pubDate>{{rfc822:now-2h}}</pubDate></item>",
        encoding="windows-1256").encode("cp1256"))
    _write(root / "feeds" / "from-staging.xml", RSS.format(encoding="utf-8", items=_item("/news/staging-home.html"),
                                                            home="http://localhost:8080/"))
    _write(root / "feeds" / "feed.json", '{"version": "https://jsonfeed.org/version/1.1", "title": "Heron", '
           '"items": [{"id": "j1", "url": "/news/from-json.html", "date_published": "{{now-2h}}"}]}')
    _write(root / "feeds" / "now-a-page.xml", "<!DOCTYPE html><html><body><h1>Our feeds have moved</h1></body></html>")
    _write(root / "sitemaps" / "index.xml", (
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<sitemap><loc>/sitemaps/a.xml.gz</loc><lastmod>{{now-1h}}</lastmod></sitemap>"
        "<sitemap><loc>b.xml.gz</loc></sitemap><sitemap><loc> list.txt </loc></sitemap>"
        # a loop: the index lists itself, and a child index lists it back
        "<sitemap><loc>/sitemaps/index.xml</loc></sitemap><sitemap><loc>loop.xml</loc></sitemap></sitemapindex>"))
    _write(root / "sitemaps" / "loop.xml", (
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<sitemap><loc>http://heron.test/sitemaps/index.xml</loc></sitemap></sitemapindex>"))
    _write(root / "sitemaps" / "a.xml.gz", gzip.compress(URLSET.format(ns=IMAGE_NS, urls=(
        "<url><image:image><image:loc>http://heron.test/media/quay.jpg</image:loc></image:image>"
        "<loc>http://heron.test/news/from-index-a.html</loc></url>")).encode()))
    _write(root / "sitemaps" / "b.xml.gz", gzip.compress(URLSET.format(
        ns="", urls="<url><loc>http://heron.test/news/from-index-b.html</loc></url>").encode()))
    _write(root / "sitemaps" / "list.txt", "http://heron.test/news/from-text.html\n")
    _write(root / "sitemaps" / "rss.xml", rss(_item("/news/from-rss-sitemap.html")))
    _write(root / "robots.txt", "User-agent: *\nDisallow: /search\n\nSitemap: /sitemaps/robots-one.xml\n"
                                "sitemap: http://heron.test/sitemaps/robots-two.xml  # archive\n")
    for name, path in (("robots-one", "/news/from-robots.html"), ("robots-two", "/news/from-robots-2.html")):
        _write(root / "sitemaps" / f"{name}.xml", URLSET.format(ns="", urls=f"<url><loc>http://heron.test{path}</loc></url>"))
    _write(root / "site.toml", """
[paths."/feeds/moved.xml"]
status = 301
body = ""
[paths."/feeds/moved.xml".headers]
Location = "/news/wire/current.xml"
[paths."/news/wire/current.xml"]
content_type = "application/rss+xml"
[paths."/feeds/feed.json"]
content_type = "application/feed+json"
[paths."/feeds/served-as-html.xml"]
content_type = "text/html; charset=utf-8"
[paths."/feeds/download"]
content_type = "application/octet-stream"
[paths."/feeds/compressed.xml"]
content_type = "application/rss+xml"
[paths."/feeds/compressed.xml".headers]
Content-Encoding = "gzip"
[paths."/feeds/twice.xml"]
content_type = "application/rss+xml"
[paths."/feeds/twice.xml".headers]
Content-Encoding = "gzip"
[paths."/feeds/legacy.xml"]
content_type = "text/xml; charset=ISO-8859-1"
[paths."/akhbar/article.php"]
content_type = "text/html; charset=utf-8"
[paths."/sitemaps/a.xml.gz"]
content_type = "application/x-gzip"
[paths."/sitemaps/b.xml.gz"]
content_type = "application/xml"
[paths."/sitemaps/b.xml.gz".headers]
Content-Encoding = "gzip"
""")
    for path in HERON_ARTICLES:
        _write(root / path.lstrip("/"), ARTICLE.format(lang="en", title=path.rsplit("/", 1)[1], body=EN_BODY))


MITHAL_ARTICLES = ["/akhbar/افتتاح-الجسر.html", "/akhbar/موسم-الأمطار.html"]


def _mithal(root: Path) -> None:
    """An outlet on an internationalised host, registered as people write it (مثال.test; served as
    xn--mgbh0fb.test): one link with the host and path written in Arabic, one percent-encoded in
    lower case."""
    raw = "http://مثال.test" + MITHAL_ARTICLES[0]
    encoded = "/akhbar/" + quote(MITHAL_ARTICLES[1].rsplit("/", 1)[1]).lower()
    _write(root / "feed.xml", RSS.format(encoding="utf-8", items=_item(raw) + _item(encoded), home="/"))
    for path in MITHAL_ARTICLES:
        _write(root / path.lstrip("/"), ARTICLE.format(lang="ar", title="خبر", body=AR_BODY))


def _run(db: Path) -> tuple[dict, dict]:
    """(failures per outlet, the run's counters) of the crawl."""
    conn = sqlite3.connect(db)
    failures = {outlet: json.loads(f) for outlet, f in conn.execute("SELECT outlet, failures FROM crawl_run_sources")}
    stats = json.loads(conn.execute("SELECT stats FROM crawl_runs").fetchone()[0])
    conn.close()
    return failures, stats


def _stored(db: Path) -> set[tuple[str, str]]:
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT outlet, canonical_url FROM articles").fetchall()
    conn.close()
    return {(outlet, unquote(url.split(".test", 1)[1])) for outlet, url in rows}


def test_relative_feed_links_resolve_against_the_feed_url(crawl: tuple[Path, list, dict]) -> None:
    db, _, _ = crawl
    stored = _stored(db)
    assert ("kestrel-post", "/news/2026/11/footbridge.html") in stored  # path-absolute, against the feed's URL
    assert ("kestrel-post", "/news/2026/11/market-hall.html") in stored  # ../ from /feeds/


def test_nested_xml_base_in_atom(crawl: tuple[Path, list, dict]) -> None:
    assert ("kestrel-post", "/news/2026/12/tram-depot.html") in _stored(crawl[0])


def test_content_location_is_the_base(crawl: tuple[Path, list, dict]) -> None:
    # Served at /syndication/out.xml with Content-Location /news/feed.xml: 2026/11/library.html is under /news/.
    db, hits, _ = crawl
    assert ("kestrel-post", "/news/2026/11/library.html") in _stored(db)
    assert not any(hit.path.startswith("/syndication/2026") for hit in hits)


def test_feed_on_another_host_resolves_against_the_outlet(crawl: tuple[Path, list, dict]) -> None:
    db, hits, _ = crawl
    stored = _stored(db)
    assert ("kestrel-post", "/news/2026/11/swing-bridge.html") in stored  # the channel link's host
    assert ("kestrel-post", "/news/2026/11/sea-wall-column.html") in stored  # against rel="self"
    assert not any(hit.site == "feedhub" and hit.path.startswith("/news/") for hit in hits)


def test_relative_sitemap_loc_is_resolved_and_counted(crawl: tuple[Path, list, dict]) -> None:
    db, _, stats = crawl
    stored = _stored(db)
    assert {("kestrel-post", "/news/2026/11/harbour-wall.html"), ("kestrel-post", "/news/2026/11/ferry-timetable.html")} <= stored
    # and heron's sitemap index lists its 5 children relatively, its robots.txt one of its 2
    assert stats["sitemap_relative_locs"] == 1 + 5 + 1
    assert "skipped/off_pattern" not in stats


def test_utf8_feed_with_stray_bytes_keeps_its_arabic_link(crawl: tuple[Path, list, dict]) -> None:
    db, hits, _ = crawl
    assert ("nakheel", AR_PATH) in _stored(db)
    assert [h.status for h in hits if h.site == "nakheel" and unquote(h.path) == AR_PATH] == [200]


def test_every_kind_of_real_feed_and_sitemap_finds_its_article(crawl: tuple[Path, list, dict]) -> None:
    db, hits, _ = crawl
    stored = {path.partition("?")[0] for outlet, path in _stored(db) if outlet == "heron"}
    missing = {path: why for path, why in HERON_ARTICLES.items() if path not in stored}
    assert not missing


def test_redirected_feed_resolves_against_its_final_url(crawl: tuple[Path, list, dict]) -> None:
    _, hits, _ = crawl
    assert not [h.path for h in hits if h.site == "heron" and h.path.startswith("/feeds/moved.html")]


def test_feed_relay_and_non_article_links_are_never_fetched(crawl: tuple[Path, list, dict]) -> None:
    _, hits, _ = crawl
    assert not [h for h in hits if h.site == "feedhub" and "/~r/" in h.path]
    requested = {h.path for h in hits if h.site == "heron"}
    assert not requested & {"/api/alternate.xml", "/news/alternate.mp3", "/media/quay.jpg"}
    assert not [p for p in requested if "tagged" in p]


def test_a_sitemap_index_loop_is_fetched_once(crawl: tuple[Path, list, dict]) -> None:
    _, hits, stats = crawl
    fetched = [h.path for h in hits if h.site == "heron" and h.path.startswith("/sitemaps/")]
    assert fetched.count("/sitemaps/index.xml") == 1 and fetched.count("/sitemaps/loop.xml") == 1
    assert stats["skipped/sitemap_loop"] == 2


def test_legacy_escapes_in_a_link_are_fetched_as_written(crawl: tuple[Path, list, dict]) -> None:
    # The query is windows-1256 bytes: decoding it as UTF-8 and encoding it again fetched «%EF%BF%BD…».
    _, hits, _ = crawl
    assert "/akhbar/article.php?id=7&title=%C7%E1%DA%D1%C8" in [h.path for h in hits if h.site == "heron"]


def test_broken_documents_are_counted_once_each(crawl: tuple[Path, list, dict]) -> None:
    failures, stats = _run(crawl[0])
    assert stats["feeds_repaired"] == 1  # the feed with entities and a notice: read, and said so
    assert failures["heron"] == {"not_a_feed": 1, "bad_url": 1}  # the page at a feed address; the tag: id entry
    assert "skipped/off_pattern" not in stats


def test_internationalised_host_and_arabic_paths(crawl: tuple[Path, list, dict]) -> None:
    db, hits, _ = crawl
    conn = sqlite3.connect(db)
    urls = sorted(u for (u,) in conn.execute("SELECT canonical_url FROM articles WHERE outlet = 'mithal'"))
    conn.close()
    # Stored as the canonical rules say: the host's ASCII form, the path percent-encoded in UTF-8, upper case.
    assert urls == sorted("http://xn--mgbh0fb.test" + quote(path) for path in MITHAL_ARTICLES)
    assert sorted(unquote(h.path) for h in hits if h.site == "xn--mgbh0fb" and h.path.startswith("/akhbar/")) == sorted(
        MITHAL_ARTICLES)


# --- the shared cases, crawled as they are --------------------------------------------------
CASES = SHARED / "cases"
PLACEHOLDERS = {b"{{RFC822:NOW-3h}}": b"{{rfc822:now-3h}}", b"{{ISO:NOW-3h}}": b"{{now-3h}}", b"{{BASE}}": b"{{base}}"}


def _case_site(case: Path, sites: Path, site: str) -> None:
    overrides = []
    for file in case.rglob("*"):
        if file.is_file() and file.name != "_headers.json":
            data = file.read_bytes()
            for old, new in PLACEHOLDERS.items():
                data = data.replace(old, new)
            _write(sites / site / file.relative_to(case), data)
    headers = case / "_headers.json"
    if headers.exists():
        for path, values in json.loads(headers.read_text()).items():
            overrides.append(f'[paths."{path}"]\ncontent_type = "{values["Content-Type"]}"\n')
    _write(sites / site / "site.toml", "".join(overrides))


SHARED_CASES = {"feed-relative-link": "/news/2026/11/bus-lanes.html",
                "feed-stray-bytes": "/akhbar/2026/11/افتتاح-معرض-الأحساء-للكتاب.html"}


@pytest.fixture(scope="module")
def shared_cases(tmp_path_factory: pytest.TempPathFactory) -> list:
    """Every shared case served as a site of its own (named after the case), all crawled at once;
    the requests the sample web answered."""
    tmp = tmp_path_factory.mktemp("shared-cases")
    outlet = SOURCES.split("[[outlet]]")[1].split("feeds =")[0]
    sources = ""
    for case in SHARED_CASES:
        _case_site(CASES / case, tmp / "sites", case)
        sources += "[[outlet]]" + outlet.replace("kestrel-post", case) + (
            f'feeds = ["{{{{base:{case}}}}}/feed.xml"]\nsitemaps = []\nsections = []\n'
            'article_pattern = "^/(news|akhbar)/"\nenabled = true\n\n')
    _, hits, _ = _crawl(tmp, tmp / "sites", sources)
    return hits


@pytest.mark.skipif(not CASES.is_dir(), reason="../shared/cases is not present")
@pytest.mark.parametrize(("case", "article"), list(SHARED_CASES.items()))
def test_shared_feed_case_is_fetched(case: str, article: str, shared_cases: list) -> None:
    assert article in [unquote(hit.path) for hit in shared_cases if hit.site == case]
