"""Discovery reads each document in its context (#10): relative feed and sitemap links are resolved
against the document's base, and a feed declared UTF-8 with a few stray bytes stays UTF-8.

Every case is a real crawl (`wirewatch crawl`) of a sample web on 127.0.0.1 built here; the shared
cases in ../shared/cases are crawled too when present.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from urllib.parse import unquote

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
    return _crawl(tmp, sites, SOURCES)


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
    assert stats["sitemap_relative_locs"] == 1
    assert "skipped/off_pattern" not in stats


def test_utf8_feed_with_stray_bytes_keeps_its_arabic_link(crawl: tuple[Path, list, dict]) -> None:
    db, hits, _ = crawl
    assert ("nakheel", AR_PATH) in _stored(db)
    assert [h.status for h in hits if h.site == "nakheel" and unquote(h.path) == AR_PATH] == [200]


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
