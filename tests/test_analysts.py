"""Datasette for analysts: metadata and canned queries fitted to the store, the region facet,
the article page, and serving a live store read-only."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any, Iterator

import pytest
import sqlite_utils

import storage
from crawler.datasette import metadata, plugin
from storage import articles, catalog, search
from tests.conftest import Crawled
from tests.contract_schema import (TRANSLATED, add_contract_schema, copy_store, fill_contract_data,
                                   skeleton_copy)
from tests.serving import serving

NOW_QUERIES = {"latest_articles", "search_original", "outlet_health"}
CONTRACT_QUERIES = NOW_QUERIES | {"search_translated", "pending_translations", "top_stories_24h",
                                  "top_stories_7d", "story_copies", "latest_stories", "watch_feed"}


@pytest.fixture(scope="module")
def skeleton(crawled: Crawled, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo store as the walking skeleton's schema holds it (no translation, stories, agencies)."""
    return skeleton_copy(crawled.db, tmp_path_factory.mktemp("skeleton") / "skeleton.db")


@pytest.fixture(scope="module")
def contract(crawled: Crawled, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    """The demo store with the contract's columns and tables (translations, stories, ...) filled in."""
    path = copy_store(crawled.db, tmp_path_factory.mktemp("contract") / "contract.db")
    db = sqlite_utils.Database(path)
    add_contract_schema(db)
    ids = fill_contract_data(db)
    db.close()
    return path, ids


def run_query(db_path: Path, sql: str, **params: Any) -> list[dict[str, Any]]:
    with contextlib.closing(sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)) as conn:
        conn.row_factory = sqlite3.Row
        search.register_functions(conn)  # what `wirewatch serve` registers for the canned searches
        return [dict(r) for r in conn.execute(sql, params)]


def queries_of(meta: dict, name: str) -> dict[str, dict]:
    return meta["databases"][name]["queries"]


def test_skeleton_store_gets_the_queries_it_can_answer(skeleton: Path) -> None:
    meta = metadata.build(skeleton)
    assert list(meta["databases"]) == ["skeleton"]
    queries = queries_of(meta, "skeleton")
    assert set(queries) == NOW_QUERIES
    facets = meta["databases"]["skeleton"]["tables"]["articles"]["facets"]
    assert "wire_agency" not in facets and "translation_status" not in facets
    assert "outlet" in facets and "language" in facets and {"outlet": "region"} in facets

    latest = run_query(skeleton, queries["latest_articles"]["sql"], region="gulf", language="ar")
    assert latest and all(r["language"] == "ar" and r["region"] == "gulf" for r in latest)
    assert [r["first_seen"] for r in latest] == sorted((r["first_seen"] for r in latest), reverse=True)
    assert len(run_query(skeleton, queries["latest_articles"]["sql"], region="", language="")) == \
        run_query(skeleton, "SELECT count(*) AS n FROM articles WHERE extraction_status = 'ok'")[0]["n"]
    found = run_query(skeleton, queries["search_original"]["sql"], q="معرض")
    assert found and all(r["language"] == "ar" for r in found) and "\u27e6معرض\u27e7" in found[0]["snippet"]
    health = {r["outlet"]: r for r in run_query(skeleton, queries["outlet_health"]["sql"])}
    assert set(health) == {"northern-courier", "gulf-herald", "al-waha", "gulf-mirror"}
    assert all(r["last_success"] and r["articles"] >= 1 for r in health.values())
    assert all(r["failed_last_run_all_outlets"] >= 1 for r in health.values())  # the demo's dead feed and 404s


def test_contract_store_gets_story_and_translation_queries(contract: tuple[Path, dict[str, int]]) -> None:
    path, ids = contract
    meta = metadata.build(path)
    queries = queries_of(meta, "contract")
    assert set(queries) == CONTRACT_QUERIES
    facets = meta["databases"]["contract"]["tables"]["articles"]["facets"]
    assert "wire_agency" in facets and "translation_status" in facets

    by_english = run_query(path, queries["search_translated"]["sql"], q="publishers")
    assert [r["id"] for r in by_english] == [ids["ahsa-book-fair-opens"]]
    assert by_english[0]["language"] == "ar" and by_english[0]["title_en"] == TRANSLATED["ahsa-book-fair-opens"][0]
    assert run_query(path, queries["search_original"]["sql"], q="publishers") == []  # English text only
    assert [r["id"] for r in run_query(path, queries["search_original"]["sql"], q="معرض")] == \
        [ids["ahsa-book-fair-opens"]]
    pending = run_query(path, queries["pending_translations"]["sql"])
    assert ids["dammam-bus-rapid-transit"] in [r["id"] for r in pending]
    assert all(r["translation_status"] in ("pending", "failed") for r in pending)
    for name in ("top_stories_24h", "top_stories_7d"):
        top = run_query(path, queries[name]["sql"])
        forum = next(r for r in top if r["title"].startswith("Water security forum"))
        assert forum["outlets"] == 2 and set(forum["outlet_list"].split(",")) == {"gulf-herald", "gulf-mirror"}
        assert forum["wire_agency"] == "SPA"
    story = run_query(path, "SELECT story_id FROM story_members WHERE article_id = :id",
                      id=ids["riyadh-water-security-forum-opens"])[0]["story_id"]
    copies = run_query(path, queries["story_copies"]["sql"], story_id=story)
    assert [r["outlet"] for r in copies] == ["gulf-herald", "gulf-mirror"] and copies[0]["canonical"] == 1
    health = {r["outlet"]: r for r in run_query(path, queries["outlet_health"]["sql"])}
    assert all(r["failed_last_run"] == 1 and r["failures_last_run"] == '{"http_404": 1}' for r in health.values())


def test_features_follow_the_schema(skeleton: Path, contract: tuple[Path, dict[str, int]]) -> None:
    before = catalog.features(storage.open_readonly(skeleton))
    after = catalog.features(storage.open_readonly(contract[0]))
    assert not (before.translated or before.provenance or before.english_search or before.stories
                or before.run_sources or before.column("wire_agency"))
    assert after.translated and after.provenance and after.english_search and after.stories and after.run_sources
    assert after.column("wire_agency")


@pytest.mark.parametrize("record, expected", [
    ({"language": "en", "translation_status": None}, "The original is in English."),
    ({"language": "ar", "translation_status": None}, "this store does not translate yet"),
    ({"language": "ar", "translation_status": "pending"}, "Translation pending."),
    ({"language": "ar", "translation_status": "failed"}, "Translation failed"),
    ({"language": "ar", "translation_status": "done", "translation_engine": "argostranslate",
      "translation_model_package": "translate-ar_en", "translation_model_version": "1.9"},
     "Machine translation by argostranslate (translate-ar_en 1.9), ar → en, 2026-11-20T10:00:00+00:00."),
])
def test_article_page_says_where_the_english_comes_from(record: dict, expected: str) -> None:
    translated = record["translation_status"] is not None
    features = catalog.Features(frozenset({"articles", "translations"} if translated else {"articles"}),
                                frozenset({"title_en", "text_en", "translation_status"}) if translated
                                else frozenset(), frozenset())
    base = {"id": 1, "url": "http://x.test/1", "outlet": "x", "outlet_name": "X", "region": "gulf",
            "published": None, "fetched": "f", "first_seen": "f", "wire_agency": None, "story_id": None,
            "title": "t", "text": "one\n\ntwo", "title_en": "T", "text_en": "One\n\nTwo",
            "translation_engine": None, "translation_model_package": None, "translation_model_version": None,
            "translation_source_lang": "ar", "translation_target_lang": "en",
            "translated_at": "2026-11-20T10:00:00+00:00"}
    view = plugin.article_view({**base, **record}, features)
    assert expected in view["provenance"]
    assert view["paragraphs"] == ["one", "two"]
    assert view["dir"] == ("rtl" if record["language"] == "ar" else "ltr")
    assert view["paragraphs_en"] == ([] if record["language"] == "en" else ["One", "Two"])


def get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


def get_text(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


@pytest.fixture(scope="module")
def live(crawled: Crawled, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    path = copy_store(crawled.db, tmp_path_factory.mktemp("live") / "live.db")
    with serving(path) as url:
        yield path, url


def test_region_facet_and_filter(live: tuple[Path, str]) -> None:
    path, url = live
    rows = get_json(url + "/articles.json?_shape=objects&_size=max&_region=uk")["rows"]
    uk = {r["id"] for r in run_query(path, "SELECT a.id FROM articles a JOIN sources s ON s.id = a.outlet "
                                           "WHERE s.region = 'uk'")}
    assert rows and {r["id"] for r in rows} == uk
    region = get_json(url + "/articles.json?_size=0")["facet_results"]["region"]
    assert region["type"] == "outlet"
    counts = {v["value"]: v["count"] for v in region["results"]}
    assert counts == {r["region"]: r["n"] for r in run_query(
        path, "SELECT s.region, count(*) AS n FROM articles a JOIN sources s ON s.id = a.outlet GROUP BY s.region")}
    assert {"gulf", "uk"} <= set(counts)
    assert "_region=gulf" in next(v for v in region["results"] if v["value"] == "gulf")["toggle_url"]


def test_arabic_cells_and_article_page_are_right_to_left(live: tuple[Path, str]) -> None:
    path, url = live
    arabic = run_query(path, "SELECT id, title FROM articles WHERE language = 'ar' ORDER BY id")[0]
    table = get_text(url + "/articles?language=ar")
    assert f'<div class="wirewatch-text" dir="rtl" lang="ar">{arabic["title"]}</div>' in table
    page = get_text(url + f"/articles/{arabic['id']}")
    assert '<article class="wirewatch-original" lang="ar" dir="rtl">' in page
    assert f"<h2>{arabic['title']}</h2>" in page


def test_serve_is_safe_on_a_live_store(live: tuple[Path, str]) -> None:
    path, url = live
    base = url.rsplit("/", 1)[0]
    settings = get_json(base + "/-/settings.json")
    assert settings["sql_time_limit_ms"] == 2000 and settings["max_returned_rows"] == 1000
    assert settings["allow_download"] is False
    database = next(d for d in get_json(base + "/-/databases.json") if d["name"] == path.stem)
    assert database["is_mutable"] is True  # opened mode=ro, never immutable: it sees new writes
    # Ours, and datasette-atom for the watch feeds (an output format, it writes nothing); no others.
    assert sorted(p["name"] for p in get_json(base + "/-/plugins.json")) == [
        "crawler.datasette.limits", "crawler.datasette.plugin", "crawler.datasette.search", "datasette-atom"]
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(url + ".db", timeout=10)
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(url + "?sql=" + urllib.parse.quote("DELETE FROM articles"), timeout=10)

    before = get_json(url + "/articles.json?_size=0")["filtered_table_rows_count"]
    writer = storage.open_db(path)
    try:
        writer.execute("BEGIN IMMEDIATE")  # a crawl in the middle of writing
        writer.execute("INSERT INTO articles (canonical_url, url, outlet, title, text, language, first_seen, "
                       "extraction_status) VALUES ('http://al-waha.test/live', 'http://al-waha.test/live', 'al-waha', "
                       "'خبر جديد', 'نص', 'ar', '2026-11-21T00:00:00+00:00', 'ok')")
        assert get_json(url + "/articles.json?_size=0")["filtered_table_rows_count"] == before
        writer.conn.commit()
        assert get_json(url + "/articles.json?_size=0")["filtered_table_rows_count"] == before + 1
        assert articles.count(writer) == before + 1
    finally:
        writer.close()
