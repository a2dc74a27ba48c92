"""Discovery end to end on a test-only web (tests/fixtures/web): every channel, the date window,
robots.txt, tracking parameters, conditional GETs, hostile documents. Crawled by `wirewatch crawl`
three times: twice plainly, then with --refresh."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

import pytest

from crawler.sampleweb.server import Hit, SampleWeb
from tests.conftest import LOCAL, Result, run_cli

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "web"

# Each story is listed by exactly one discovery channel of wire-daily (or hostile's good feed).
FOUND_BY = {
    "/news/2026/rss-only-story": "RSS 2.0 feed (link with utm_* parameters and a fragment)",
    "/news/2026/atom-only-story": "Atom feed",
    "/news/2026/sitemap-only-story": "Google News sitemap",
    "/news/2026/gz-sitemap-story": "gzipped child of a gzipped sitemap index",
    "/news/2026/section-only-story": "section page (two tracking variants of one link)",
    "/news/2026/canonical-story": "section page link whose page declares this rel=canonical",
    "/news/survivor": "the good feed of a host whose other feeds and sitemaps are hostile",
}
NEVER_FETCHED = {
    "/news/2026/archived-story": "news:publication_date outside the 48 h window",
    "/sitemaps/2019-archive.xml": "child sitemap whose lastmod is outside the window",
    "/news/2019/old-story": "listed only by that archive",
    "/news/embargoed/budget-leak": "disallowed by robots.txt",
    "/news/never-read": "listed only by hostile documents",
}
HOSTILE = {  # document -> the reason it is refused with
    "/feeds/broken.xml": "bad_feed",
    "/feeds/page.xml": "not_a_feed",
    "/feeds/bomb.xml": "xml_bomb",
    "/sitemaps/bomb.xml": "xml_bomb",
    "/sitemaps/huge.xml": "too_large",
    "/sitemaps/gzip-bomb.xml.gz": "too_large",
}


@dataclass
class Runs:
    db: Path
    log: Path
    results: list[Result]
    hits: list[list[Hit]]  # requests the server answered, per run


@pytest.fixture(scope="module")
def web() -> Iterator[SampleWeb]:
    with SampleWeb(sites_dir=FIXTURES / "sites") as server:
        yield server


@pytest.fixture(scope="module")
def runs(web: SampleWeb, tmp_path_factory: pytest.TempPathFactory) -> Runs:
    tmp = tmp_path_factory.mktemp("discovery")
    sources = web.write_sources(tmp / "sources.toml", template=FIXTURES / "sources.toml")
    db, log = tmp / "store.db", tmp / "crawl.log"
    results, hits = [], []
    for extra in ([], [], ["--refresh"]):
        mark = len(web.hits)
        result = run_cli("crawl", "--sources", sources, "--db", db, "--log-file", log, *LOCAL, *extra,
                         env=web.environment())
        assert result.code == 0, result.stderr
        results.append(result)
        hits.append(web.hits_since(mark))
    return Runs(db, log, results, hits)


def rows(db: Path, sql: str, *args: object) -> list[dict]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    return [dict(r) for r in conn.execute(sql, args)]


def run_log(log: Path, run_id: int) -> list[str]:
    """The log lines of one run (the log file collects every run)."""
    text = log.read_text(encoding="utf-8")
    return text.split(f"crawl run {run_id} started", 1)[1].split(f"crawl run {run_id} ", 1)[0].splitlines()


def paths(hits: list[Hit], site: str | None = None) -> list[str]:
    return [h.path for h in hits if site is None or h.site == site]


def test_every_channel_finds_its_story(runs: Runs) -> None:
    stored = {urlsplit(r["canonical_url"]).path for r in rows(runs.db, "SELECT canonical_url FROM articles")}
    assert stored == set(FOUND_BY)


def test_out_of_window_entries_robots_disallow_and_hostile_links_are_never_requested(runs: Runs) -> None:
    requested = set(paths(runs.hits[0])) | set(paths(runs.hits[1]))
    assert not requested & set(NEVER_FETCHED), requested & set(NEVER_FETCHED)
    stats = json.loads(rows(runs.db, "SELECT stats FROM crawl_runs WHERE id = 1")[0]["stats"])
    assert stats["skipped/out_of_window"] == 2  # one sitemap entry, one child sitemap
    assert stats["skipped/robots"] == 1


def test_gzipped_sitemap_index_and_its_gzipped_child_are_read(runs: Runs) -> None:
    first = paths(runs.hits[0], "wire-daily")
    assert "/sitemap-index.xml.gz" in first and "/sitemaps/latest.xml.gz" in first
    assert "/news/2026/gz-sitemap-story" in first


def test_tracking_parameters_are_stripped_before_fetching(runs: Runs) -> None:
    articles = [p for p in paths(runs.hits[0]) if p.startswith("/news/")]
    assert not [p for p in articles if "?" in p or "#" in p], articles
    assert articles.count("/news/2026/section-only-story") == 1  # two variants on the section page, one fetch
    assert articles.count("/news/2026/rss-only-story") == 1
    for row in rows(runs.db, "SELECT url, canonical_url FROM articles"):
        assert "utm_" not in row["url"] and "utm_" not in row["canonical_url"]


def test_rel_canonical_decides_the_stored_url_and_the_alias_is_remembered(runs: Runs) -> None:
    stored = rows(runs.db, "SELECT url FROM articles WHERE canonical_url LIKE '%/canonical-story'")
    assert [urlsplit(r["url"]).path for r in stored] == ["/news/2026/moved-story"]
    aliases = {(urlsplit(r["url"]).path, urlsplit(r["canonical_url"]).path)
               for r in rows(runs.db, "SELECT url, canonical_url FROM article_urls")}
    assert ("/news/2026/moved-story", "/news/2026/canonical-story") in aliases


def test_robots_txt_5xx_skips_the_host_for_the_run(runs: Runs) -> None:
    for hits in runs.hits:
        assert set(paths(hits, "closed-robots")) == {"/robots.txt"}  # its feed is never requested
    for run_id in (1, 2, 3):
        said = [line for line in run_log(runs.log, run_id) if "robots_unavailable" in line]
        assert len(said) == 1 and "WARNING" in said[0]  # once per run, on one line
    assert "host closed-robots.test skipped for this run" in said[0]
    assert not [line for line in run_log(runs.log, 1) if "closed-robots.test/feed.xml" in line and "WARNING" in line]
    failures = json.loads(rows(runs.db, "SELECT failures FROM crawl_run_sources WHERE run_id = 1 "
                                        "AND outlet = 'closed-robots'")[0]["failures"])
    assert failures == {"robots_unavailable": 1}


def test_second_crawl_gets_304s_and_fetches_no_article_page(runs: Runs) -> None:
    second = runs.hits[1]
    assert [h.path for h in second if h.path.startswith("/news/")] == []
    wire = [h for h in second if h.site == "wire-daily" and h.path != "/robots.txt"]
    not_modified = {h.path for h in wire if h.status == 304}
    assert {"/feeds/rss.xml", "/feeds/atom.xml", "/sitemaps/news.xml", "/world/",
            "/sitemaps/latest.xml.gz"} <= not_modified
    assert all(h.conditional for h in wire if h.status == 304)
    # A sitemap index is always read in full: its children may change while it does not.
    assert [h.status for h in wire if h.path == "/sitemap-index.xml.gz"] == [200]
    run = rows(runs.db, "SELECT fetched, new, stats FROM crawl_runs WHERE id = 2")[0]
    assert run["fetched"] == 0 and run["new"] == 0
    assert json.loads(run["stats"])["not_modified"] == len(not_modified) + 1  # + hostile's good feed
    assert "(6 not modified), 0 articles fetched" in runs.results[1].stdout


def test_refresh_fetches_stored_articles_again_and_ignores_validators(runs: Runs) -> None:
    third = runs.hits[2]
    assert not [h for h in third if h.conditional]
    fetched = {h.path for h in third if h.path.startswith("/news/")}
    assert {p for p in FOUND_BY if p != "/news/2026/canonical-story"} | {"/news/2026/moved-story"} == fetched
    run = rows(runs.db, "SELECT new, unchanged FROM crawl_runs WHERE id = 3")[0]
    assert run["new"] == 0 and run["unchanged"] == len(FOUND_BY)


def test_hostile_documents_rejected_each_on_one_line_and_counted(runs: Runs) -> None:
    failures = json.loads(rows(runs.db, "SELECT failures FROM crawl_run_sources WHERE run_id = 1 "
                                        "AND outlet = 'hostile'")[0]["failures"])
    expected: dict[str, int] = {}
    for reason in HOSTILE.values():
        expected[reason] = expected.get(reason, 0) + 1
    assert failures == expected
    first_run = [line for line in run_log(runs.log, 1) if "WARNING" in line or "ERROR" in line]
    for path, reason in HOSTILE.items():
        lines = [line for line in first_run if f"hostile.test{path}" in line]
        assert len(lines) == 1, (path, lines)
        assert f"{reason}: " in lines[0]
    assert "Traceback" not in runs.log.read_text(encoding="utf-8")


def test_crawl_run_sources_per_run_and_outlet(runs: Runs) -> None:
    table = {(r["run_id"], r["outlet"]): r for r in rows(runs.db, "SELECT * FROM crawl_run_sources")}
    assert set(table) == {(run, outlet) for run in (1, 2, 3) for outlet in ("wire-daily", "closed-robots", "hostile")}
    wire1, wire2 = table[(1, "wire-daily")], table[(2, "wire-daily")]
    assert wire1["new_articles"] == 6 and wire1["articles_fetched"] == 6 and wire1["failed"] == 0
    assert wire1["feeds_fetched"] == 6 and wire1["not_modified"] == 0  # 2 feeds, 2 sitemaps + 1 child, 1 section
    assert wire2["feeds_fetched"] == 6 and wire2["not_modified"] == 5 and wire2["articles_fetched"] == 0
    assert table[(1, "closed-robots")]["feeds_fetched"] == 0
    assert table[(1, "hostile")]["new_articles"] == 1


def test_discovery_state_keeps_validators_and_errors(runs: Runs) -> None:
    state = {urlsplit(r["url"]).path: r for r in rows(runs.db, "SELECT * FROM discovery_state")}
    assert state["/feeds/rss.xml"]["etag"] and state["/feeds/rss.xml"]["kind"] == "feed"
    assert state["/world/"]["kind"] == "section" and state["/world/"]["etag"]
    assert state["/sitemap-index.xml.gz"]["etag"] is None  # never trusted for a 304
    assert state["/sitemaps/huge.xml"]["last_error"] == "too_large" and state["/sitemaps/huge.xml"]["etag"] is None
