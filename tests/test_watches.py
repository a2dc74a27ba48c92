"""Watches end to end (#11): added before a crawl of the sample web, recorded by the crawl, never
twice, listed by `watch hits`, and followed as an Atom feed from `wirewatch serve` (parsed with feedparser)."""

from __future__ import annotations

import json
import re
import sqlite3
import urllib.error
import urllib.request
from pathlib import Path

import feedparser
import pytest

from crawler.sampleweb.server import SampleWeb
from processing import arabic
from tests.conftest import LOCAL, invoke_cli, run_cli
from tests.serving import serving

# An English word, and an Arabic word typed plain (ta marbuta as ha, no marks) as people do.
WATCHES = {"desalination": ("desalination", None), "tahliya": ("تحليه", "ar")}


def expected(db: Path, word: str, language: str | None) -> set[int]:
    """Articles whose title or text has ``word`` as a whole word, after the one Arabic folding."""
    wanted = arabic.fold(word).casefold()
    found = set()
    for id_, title, text, lang in sqlite3.connect(db).execute(
            "SELECT id, title, text, language FROM articles WHERE extraction_status = 'ok'"):
        words = re.findall(r"\w+", arabic.fold(f"{title or ''} {text or ''}").casefold())
        if wanted in words and (language is None or lang == language):
            found.add(id_)
    return found


def stored_hits(db: Path) -> list[tuple]:
    return sqlite3.connect(db).execute("SELECT watch_id, article_id, matched FROM watch_hits ORDER BY 1, 2").fetchall()


def hits(db: Path, name: str) -> list[dict]:
    result = invoke_cli("watch", "hits", name, "--format", "jsonl", "--db", db)
    assert result.code == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture(scope="module")
def watched(sample_web: SampleWeb, sample_sources: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("watches") / "watched.db"
    for name, (query, language) in WATCHES.items():
        args = ["watch", "add", name, query, "--db", db] + (["--lang", language] if language else [])
        added = invoke_cli(*args)
        assert added.code == 0 and "0 stored articles match" in added.stdout, added.stderr
    crawl = run_cli("crawl", "--sources", sample_sources, "--db", db, *LOCAL, env=sample_web.environment())
    assert crawl.code == 0, crawl.stderr
    return db


def test_a_crawl_records_exactly_the_matching_articles(watched: Path) -> None:
    english, arabic_hits = hits(watched, "desalination"), hits(watched, "tahliya")
    assert {h["article_id"] for h in english} == expected(watched, "desalination", None)
    assert {h["article_id"] for h in arabic_hits} == expected(watched, "تحليه", "ar")
    assert arabic_hits and all(h["language"] == "ar" for h in arabic_hits)
    assert any(h["language"] == "en" for h in english)
    # title_en is the English headline as `export` gives it: an English article's own title, not null.
    assert all(h["title_en"] == h["title"] for h in english if h["language"] == "en")
    # The Arabic article writes «تحلية» (ta marbuta), the watch «تحليه»: found through the normalised index.
    assert any("تحلية" in h["title"] for h in arabic_hits)


def test_second_crawl_and_watch_run_add_no_hit_twice(watched: Path, sample_web: SampleWeb,
                                                     sample_sources: Path) -> None:
    before = stored_hits(watched)
    again = run_cli("crawl", "--sources", sample_sources, "--db", watched, *LOCAL, env=sample_web.environment())
    assert again.code == 0, again.stderr
    run = invoke_cli("watch", "run", "--db", watched)
    assert run.code == 0 and "desalination: 0 new hits" in run.stdout and "tahliya: 0 new hits" in run.stdout
    assert stored_hits(watched) == before  # same hits, same times of match
    later = invoke_cli("watch", "hits", "desalination", "--since", "2999-01-01", "--format", "jsonl", "--db", watched)
    assert later.code == 0 and later.stdout == ""


def test_atom_feed_validates_and_lists_the_hits(watched: Path) -> None:
    with serving(watched) as base:
        for name in WATCHES:
            with urllib.request.urlopen(f"{base}/watch_feed.atom?watch={name}", timeout=20) as response:
                assert response.status == 200
                feed = feedparser.parse(response.read())
            assert not feed.bozo, feed.bozo_exception
            query = sqlite3.connect(watched).execute("SELECT query FROM watches WHERE name = ?", [name]).fetchone()[0]
            assert feed.feed.title == f"Wirewatch watch {name}: {query}"  # not one title for every watch's feed
            articles = {e.link for e in feed.entries if "/article/" in e.id}
            assert articles == {url for (url,) in sqlite3.connect(watched).execute(
                "SELECT a.url FROM watch_hits h JOIN watches w ON w.id = h.watch_id "
                "JOIN articles a ON a.id = h.article_id WHERE w.name = ?", [name])}
            assert articles
            assert all(e.updated_parsed for e in feed.entries)
        # A feed address that names no watch is what HTTP says it is, not a 500 from datasette-atom (#11).
        for query, status, message in [("?watch=nosuch", 404, "no watch named 'nosuch' (watches: desalination, "),
                                       ("", 400, "watch_feed.atom needs ?watch=NAME (watches: desalination, "),
                                       ("?watch=", 400, "needs ?watch=NAME")]:
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(f"{base}/watch_feed.atom{query}", timeout=20)
            assert refused.value.code == status
            assert message in refused.value.read().decode()


def test_list_and_remove(watched: Path, tmp_path: Path) -> None:
    listed = invoke_cli("watch", "list", "--db", watched)
    assert listed.code == 0 and "desalination" in listed.stdout and "تحليه" in listed.stdout
    missing = invoke_cli("watch", "remove", "nope", "--db", watched)
    assert missing.code == 1 and missing.stderr.strip().splitlines() == [
        "Error: no watch named 'nope' (watches: desalination, tahliya)"]
    duplicate = invoke_cli("watch", "add", "tahliya", "x", "--db", watched)
    assert duplicate.code == 1 and "already a watch named 'tahliya'" in duplicate.stderr
    empty = invoke_cli("watch", "add", "blank", '"', "--db", watched)  # a usage error (it was exit 1)
    assert empty.code == 2 and empty.stderr.strip().splitlines() == ["Error: QUERY: '\"' has no words to search for"]
    nameless = invoke_cli("watch", "add", " ", "water", "--db", tmp_path / "new.db")
    assert nameless.code == 2 and nameless.stderr.strip().splitlines() == ["Error: NAME: a watch needs a name"]
    assert not (tmp_path / "new.db").exists()  # no store made for a call that cannot add a watch
    bad_since = invoke_cli("watch", "hits", "tahliya", "--since", "yesterday", "--db", watched)
    assert bad_since.code == 2 and "not an ISO 8601 time" in bad_since.stderr
    edge = invoke_cli("watch", "hits", "tahliya", "--since", "0001-01-01T00:00:00+05:00", "--db", watched)
    assert edge.code == 2 and "of years 1 to 9999 (UTC)" in edge.stderr  # was an OverflowError traceback
    for option in ("--region", "--outlet"):  # given empty, the watch was added without the filter
        unfiltered = invoke_cli("watch", "add", "unfiltered", "water", option, "", "--db", watched)
        assert unfiltered.code == 2 and unfiltered.stderr.strip().splitlines() == [
            f"Error: {option}: empty (a variable set to nothing?); leave {option} out for all, or name one"]
    removed = invoke_cli("watch", "remove", "tahliya", "--db", watched)
    assert removed.code == 0 and "removed" in removed.stdout
    assert sqlite3.connect(watched).execute("SELECT count(*) FROM watch_hits h JOIN watches w ON w.id = h.watch_id "
                                            "WHERE w.name = 'tahliya'").fetchone() == (0,)


@pytest.mark.parametrize("args", [["list"], ["run"], ["hits", "gcc"], ["remove", "gcc"]])
def test_watch_commands_that_read_need_an_existing_store(tmp_path: Path, args: list[str]) -> None:
    missing = tmp_path / "typo.db"
    result = invoke_cli("watch", *args, "--db", missing)
    assert result.code == 1
    assert result.stderr.strip().splitlines() == [f"Error: no database at {missing}; run `wirewatch crawl` or "
                                                  "`wirewatch demo` first"]
    assert not missing.exists()  # nothing created on a mistyped path


@pytest.mark.parametrize("option, value, message", [
    ("--region", "mars", "Error: --region: unknown 'mars'; valid: uk, gulf, other"),
    ("--lang", "english", "Error: --lang: 'english' is not an ISO 639-1 language code (two lower-case letters, e.g. ar, en, fr)"),
    ("--outlet", "nope", "Error: --outlet: unknown 'nope'; valid: "),
])
def test_watch_filters_are_checked(watched: Path, option: str, value: str, message: str) -> None:
    result = invoke_cli("watch", "add", "never", "water", option, value, "--db", watched)
    assert result.code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(message), lines
    assert "never" not in invoke_cli("watch", "list", "--db", watched).stdout


def test_watch_match_reads_the_full_text_index_first(tmp_path: Path) -> None:
    """The planner takes the full-text match first and each match's article by its id, with every
    filter set (a plain JOIN let it walk all articles and match each one)."""
    import storage
    from storage import search, watches

    db = storage.open_db(tmp_path / "plan.db")
    params = {"watch_id": 1, "now": "2026-01-01", "match": search.fts_query("iran"), "language": "en",
              "outlet": "outlet", "region": "gulf"}
    plan = [row[3] for row in db.execute("EXPLAIN QUERY PLAN " + watches.MATCH_SQL, params).fetchall()]
    assert plan[0].startswith("SCAN f VIRTUAL TABLE"), plan
    assert any(step.startswith("SEARCH a USING INTEGER PRIMARY KEY") for step in plan), plan
