"""Stories from real crawls of the sample web: the crawl clusters inline, copies join, rewrites stay apart."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from crawler.sampleweb.server import SITES_DIR, SOURCES_TEMPLATE, SampleWeb
from tests.conftest import LOCAL, Crawled, invoke_cli, run_cli

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "dedup"
WATER = {("gulf-herald", "/article/2026/11/16/riyadh-water-security-forum-opens"),
         ("gulf-mirror", "/stories/2026/11/16/riyadh-forum-desalination-energy-costs")}
RUSSIA_IRAN = {("northern-courier", "/news/2026/11/uk-sanctions-russia-iran"),
               ("gulf-herald", "/article/2026/11/17/russia-iran-military-components-drones-uk")}


def stories(db: Path) -> dict[tuple[str, str], int]:
    """(outlet, path) → story id of every article."""
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT outlet, canonical_url, story_id FROM articles").fetchall()
    conn.close()
    return {(outlet, urlsplit(url).path): story for outlet, url, story in rows}


def query(db: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_crawl_clusters_inline_and_the_wire_story_is_one_story(crawled: Crawled) -> None:
    by_article = stories(crawled.db)
    assert all(story is not None for story in by_article.values())
    water = {by_article[key] for key in WATER}
    assert len(water) == 1
    story = water.pop()
    assert query(crawled.db, f"SELECT articles_count, outlets_count FROM stories WHERE id = {story}") == [(2, 2)]
    # The same event told twice in different words: two stories.
    assert len({by_article[key] for key in RUSSIA_IRAN}) == 2
    # Everything else is a story of its own.
    assert len(set(by_article.values())) == len(by_article) - 1


def test_second_crawl_and_dedup_change_nothing(crawled: Crawled) -> None:
    before = query(crawled.db, "SELECT article_id, story_id, similarity FROM story_members ORDER BY article_id")
    result = invoke_cli("dedup", "--db", crawled.db)
    assert result.code == 0, result.stderr
    assert result.stdout.startswith("wirewatch: dedup: 0 articles clustered")
    assert "gulf-herald, gulf-mirror" in result.stdout
    assert query(crawled.db, "SELECT article_id, story_id, similarity FROM story_members ORDER BY article_id") == before
    runs = query(crawled.db, "SELECT stats FROM crawl_runs ORDER BY id")
    assert '"dedup/joined": 1' in runs[0][0] and "dedup/joined" not in runs[1][0]


@pytest.fixture(scope="module")
def republished(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample web plus a test-only outlet republishing two of its agency stories, crawled once."""
    tmp = tmp_path_factory.mktemp("republished")
    sites = tmp / "sites"
    sites.mkdir()
    for site in SITES_DIR.iterdir():
        if site.is_dir():
            (sites / site.name).symlink_to(site, target_is_directory=True)
    (sites / "coastal-times").symlink_to(FIXTURES / "sites" / "coastal-times", target_is_directory=True)
    template = tmp / "sources.template.toml"
    template.write_text(SOURCES_TEMPLATE.read_text(encoding="utf-8") + "\n"
                        + (FIXTURES / "coastal-times.toml").read_text(encoding="utf-8"), encoding="utf-8")
    db = tmp / "store.db"
    with SampleWeb(sites_dir=sites) as web:
        sources = web.write_sources(tmp / "sources.toml", template)
        result = run_cli("crawl", "--sources", sources, "--db", db, *LOCAL, env=web.environment())
    assert result.code == 0, result.stderr
    return db


def test_republished_copies_join_their_stories(republished: Path) -> None:
    by_article = stories(republished)
    english_copy = by_article[("coastal-times", "/news/2026/11/riyadh-forum-energy-cost-desalination")]
    assert english_copy == by_article[("gulf-herald", "/article/2026/11/16/riyadh-water-security-forum-opens")]
    arabic_copy = by_article[("coastal-times", "/news/2026/11/jubail-solar-plant-trial")]
    assert arabic_copy == by_article[("al-waha", "/akhbar/2026/11/jubail-solar-desalination-plant")]
    counts = dict(query(republished, "SELECT id, outlets_count FROM stories"))
    assert counts[english_copy] == 3 and counts[arabic_copy] == 2
    assert len({by_article[key] for key in RUSSIA_IRAN}) == 2
