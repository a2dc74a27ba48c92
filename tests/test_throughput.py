"""Per-page processing runs off the reactor: a page that takes seconds to process (hundreds of
paragraphs to extract, detect the language of and sign) does not hold up the other pages' downloads.

The crawl fetches one page at a time (CONCURRENT_REQUESTS = 1), so if processing ran on the reactor
thread the slow page would be processed, and stored, before the next request went out. Off the
reactor, the pages requested after it are downloaded, processed and stored while it is still in
its worker: they are stored first (all but the one queued behind it in its worker's pipe, at most).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from crawler.sampleweb.server import SampleWeb
from processing.page import QUEUE_DEPTH
from tests.conftest import run_cli

SITE = "slow-news"
WORDS = ("the harbour board said on tuesday that ferry timetables would change in spring after a review of "
         "fuel costs passenger numbers and winter storms along the northern coast").split()


def _paragraphs(count: int, seed: int) -> str:
    return "\n".join(f"<p>{' '.join(WORDS[(seed + i * 7 + j * 3) % len(WORDS)] for j in range(30))}.</p>"
                     for i in range(count))


def _site(root: Path, light: int) -> tuple[Path, Path, list[str]]:
    site = root / "sites" / SITE
    (site / "news").mkdir(parents=True)
    (site / "robots.txt").write_text("User-agent: *\nAllow: /\n", encoding="utf-8")
    # The spider schedules a feed's links last first: the slow page, listed last, is requested first.
    paths = [f"/news/light-{i}" for i in range(light)] + ["/news/slow"]
    for i, path in enumerate(paths):
        body = _paragraphs(1000 if path.endswith("slow") else 4, i)  # ~1 s against ~10 ms
        (site / (path.lstrip("/") + ".html")).write_text(
            f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Story {i}</title></head>"
            f"<body><article><h1>Story {i} about the harbour</h1>{body}</article></body></html>", encoding="utf-8")
    items = "".join(f"<item><title>Story {i}</title><link>{{{{base}}}}{p}</link></item>" for i, p in enumerate(paths))
    (site / "feed.xml").write_text(f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Slow"
                                   f"</title><link>{{{{base}}}}/</link>{items}</channel></rss>", encoding="utf-8")
    registry = root / "sources.template.toml"
    registry.write_text(f"""[[outlet]]
id = "{SITE}"
name = "Slow News"
country = "GB"
region = "uk"
languages = ["en"]
homepage = "{{{{base:{SITE}}}}}/"
allowed_domains = ["{SITE}.test"]
feeds = ["{{{{base:{SITE}}}}}/feed.xml"]
article_pattern = "^/news/"
""", encoding="utf-8")
    return root / "sites", registry, paths


def test_a_slow_page_does_not_hold_up_the_other_downloads(tmp_path: Path) -> None:
    sites, template, paths = _site(tmp_path, light=6)
    db = tmp_path / "store.db"
    with SampleWeb(sites_dir=sites) as web:
        sources = web.write_sources(tmp_path / "sources.toml", template=template)
        result = run_cli("crawl", "--sources", sources, "--db", db, "-s", "AUTOTHROTTLE_ENABLED=False",
                         "-s", "DOWNLOAD_DELAY=0", "-s", "CONCURRENT_REQUESTS=1",
                         "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1",
                         "-s", "WIREWATCH_EXTRACT_WORKERS=2", env=web.environment())
        requested = [hit.path for hit in web.hits if hit.path.startswith("/news/")]
    assert result.code == 0, result.stderr
    assert sorted(requested) == sorted(paths)
    after_slow = requested[requested.index("/news/slow") + 1:]
    assert len(after_slow) >= 3, f"the slow page was requested too late to show anything: {requested}"
    with sqlite3.connect(db) as conn:
        stored = [url.rsplit("/", 1)[1] for (url,) in conn.execute("SELECT canonical_url FROM articles ORDER BY id")]
        slow_status = conn.execute("SELECT extraction_status, language FROM articles WHERE canonical_url LIKE "
                                   "'%/news/slow'").fetchone()
    assert len(stored) == len(paths)
    assert slow_status == ("ok", "en")  # processed in full, not cut short
    # Every page requested after the slow one was stored before it, but for at most the pages queued
    # behind it in its own worker (each worker holds QUEUE_DEPTH pages: its next one waits in its pipe).
    before_slow = [p for p in after_slow if stored.index(p.rsplit("/", 1)[1]) < stored.index("slow")]
    assert len(before_slow) >= len(after_slow) - (QUEUE_DEPTH - 1), (requested, stored)


def test_the_sample_web_keeps_connections_alive_when_asked_and_closes_with_one_open(tmp_path: Path) -> None:
    """benchmarks/crawl_benchmark.py serves its pages with ``keep_alive``, as real servers do: two
    requests travel over one connection (answered in HTTP/1.1), and the server closes at once while
    a client still holds that connection open."""
    import http.client

    sites, _, paths = _site(tmp_path, light=1)
    with SampleWeb(sites_dir=sites, keep_alive=True) as web:
        port = int(web.proxy.rsplit(":", 1)[1])
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        for path in paths:
            conn.request("GET", f"http://{SITE}.test{path}")
            response = conn.getresponse()
            assert response.status == 200 and response.version == 11 and b"harbour" in response.read()
        assert conn.sock is not None  # the same connection served both
        statuses = [hit.status for hit in web.hits]
    assert statuses == [200, 200]  # the server closed with the connection still open
    conn.close()
    with SampleWeb(sites_dir=sites) as web:  # the default: HTTP/1.0, one connection per request
        conn = http.client.HTTPConnection("127.0.0.1", int(web.proxy.rsplit(":", 1)[1]), timeout=10)
        conn.request("GET", f"http://{SITE}.test{paths[0]}")
        response = conn.getresponse()
        assert response.version == 10 and response.will_close
        response.read()
        conn.close()
