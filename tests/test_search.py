"""Arabic-aware search that never breaks (#11): the normalised index, query parsing, the migration,
and the canned searches and the table's search box through real HTTP on `wirewatch serve`."""

from __future__ import annotations

import json
import logging
import sqlite3
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any, Iterator

import pytest
import sqlite_utils

import storage
from processing import arabic, dedup
from storage import analyst_queries, catalog, search, search_form
from storage.migrations import m0710_normalised_search
from tests.conftest import ROOT, SHARED, Crawled, invoke_cli
from tests.contract_schema import copy_store, skeleton_copy
from tests.serving import serving

SPELLINGS = ROOT / "tests" / "fixtures" / "search" / "arabic_spellings.jsonl"
HOSPITAL_URL = "http://al-waha.test/akhbar/2026/11/mustashfa-jadid"  # written with every vowel mark
LIBRARY_URL = "http://al-waha.test/akhbar/2026/11/maktaba-abha"  # written plain, with letter variants
# "Queries as words": each of these gave HTTP 400 with a raw SQLite message before.
AWKWARD = ["co-operation", "U.S.", "Gulf's", '"', "AND", "", "   ", "OR NOT", "(", "title:x", "NEAR(a b)", "*",
           '"unclosed phrase', "a*b", "^start", "-minus", "{title}: x"]


# --- the one Arabic normalisation ------------------------------------------------------------------


def test_fold_removes_marks_and_unifies_letter_variants() -> None:
    assert arabic.fold("الشَّعب") == "الشعب"
    assert arabic.fold("مَدْرَسَةً") == "مدرسه" == arabic.fold("مدرسة")
    assert arabic.fold("أحمد إلى آخر") == "احمد الي اخر"
    assert arabic.fold("کتاب یوم") == "كتاب يوم"  # Farsi keheh and yeh typed for Arabic kaf and ya
    assert arabic.fold("الـــعـــاصمة") == "العاصمه"  # tatweel
    assert arabic.fold("Gulf Co-Operation, café") == "Gulf Co-Operation, café"  # only Arabic changes
    assert arabic.fold("بمشاركة ٣٠٠ دار نشر عام ۲۰۲۶") == "بمشاركه 300 دار نشر عام 2026"  # Arabic-Indic digits


def test_sql_fold_equals_python_fold() -> None:
    """The index's SQL form (triggers, any connection) and the query's Python form are one function."""
    samples = ["وَزِيرُ الصِّحَّةِ يَفْتَتِحُ مُسْتَشْفًى", "أإآٱ ؤئىیکة ـ", "English only", "مزيج Mixed ٣"]
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY, title TEXT, text TEXT, title_en TEXT, "
                 "text_en TEXT)")
    conn.executemany("INSERT INTO articles (title, text) VALUES (?, ?)", [(s, s + "\u0670\u06ed") for s in samples])
    conn.execute(search.view_sql())
    for (title, text), sample in zip(conn.execute("SELECT title, text FROM articles_search_form ORDER BY id"),
                                     samples):
        assert title == arabic.fold(sample) and text == arabic.fold(sample + "\u0670\u06ed")


def test_dotted_initials_are_one_word() -> None:
    assert search_form.form("The U.S. and the U.K. at the U.N.") == "The US. and the UK. at the UN."
    assert search_form.form("U.S.A. U.S.S.R. u.a.e. e.g. the U.S.-led") == "USA. USSR. uae. eg. the US.-led"
    assert search_form.form("3.5 A. Smith file.txt U.S") == "3.5 A. Smith file.txt U.S"  # nothing else
    assert search_form.form("الـولايات المتحدة U.S.") == "الولايات المتحده US."


def test_sql_search_form_equals_python_search_form_on_random_text() -> None:
    """The triggers' SQL chain of replace() and the Python regex are one rule: compared on random text
    (fixed seed) made of letters, dots, spaces and Arabic marks, where the two could differ."""
    import random

    rng = random.Random(11)
    samples = ["".join(rng.choice("AaBSsk.. \u064e\u0640د") for _ in range(rng.randint(1, 24))) for _ in range(3000)]
    samples += [".S" * n + "." for n in range(1, 12)] + ["x" + ".A" * n + ".B." for n in range(1, 12)]
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY, title TEXT, text TEXT, title_en TEXT, "
                 "text_en TEXT)")
    conn.executemany("INSERT INTO articles (title, text_en) VALUES (?, ?)", [(s, s) for s in samples])
    conn.execute(search.view_sql())
    got = conn.execute("SELECT title, text_en FROM articles_search_form ORDER BY id").fetchall()
    assert [row for row in got] == [(search_form.form(s),) * 2 for s in samples]


def test_every_character_the_fold_changes_is_inside_the_views_arabic_guard() -> None:
    """The view skips the fold for a value without Arabic letters (storage.search_form.form_sql): that is
    exact only while every character the fold replaces or removes matches the guard's GLOB class."""
    conn = sqlite3.connect(":memory:")
    changed = sorted(arabic.MARKS | set(arabic.LETTERS) | set(arabic.DIGITS))
    assert changed and all(conn.execute("SELECT ? GLOB ?", (ch, search_form.ARABIC_GLOB)).fetchone()[0] == 1
                           for ch in changed)
    assert all(arabic.fold(chr(c)) == chr(c) for c in range(0x20, 0x600))  # below the block: untouched


def test_search_form_keeps_values_without_arabic_and_nulls_as_they_are() -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY, title TEXT, text TEXT, title_en TEXT, "
                 "text_en TEXT)")
    conn.execute("INSERT INTO articles VALUES (1, 'Gulf café ١', NULL, 'Plain English', 'وزارة')")
    conn.execute(search.view_sql())
    assert conn.execute("SELECT title, text, title_en, text_en FROM articles_search_form").fetchone() == (
        "Gulf café 1", None, "Plain English", "وزاره")


def test_dedup_matching_form_folds_arabic_letters_the_same_way() -> None:
    for variant, letter in arabic.LETTERS.items():
        assert dedup.normalize(f"ب{variant}ب") == f"ب{letter}ب"
    assert dedup.normalize("مَدْرَسَةً") == arabic.fold("مَدْرَسَةً")


@pytest.mark.parametrize("typed, query", [
    ("gulf water", '"gulf" "water"'),
    ('"water security" forum', '"water security" "forum"'),
    ("negotiat*", '"negotiat"*'),
    ("co-operation U.S. Gulf's", '"co-operation" "US." "Gulf\'s"'),  # dotted initials are one word
    ("u.k. U.S.A", '"uk." "US.A"'),
    ('say "hello', '"say" "hello"'),  # a stray quote is dropped
    ("AND OR NOT NEAR", '"AND" "OR" "NOT" "NEAR"'),  # operators are words
    ("مَدْرَسَة", '"مدرسه"'),
    ("", search.NOTHING), ("   ", search.NOTHING), ('"', search.NOTHING), ("* - ( )", search.NOTHING),
])
def test_queries_are_parsed_as_words(typed: str, query: str) -> None:
    assert search.fts_query(typed) == query


def test_articles_page_query_string() -> None:
    from crawler.datasette.search import reader_query

    assert reader_query("_search=&_facet=outlet", ["published", "title"]) == \
        "_facet=outlet&_col=published&_col=title"
    assert reader_query("_search=gulf&_searchmode=raw&_col=id", ["title"]) == "_search=gulf&_col=id"
    assert reader_query("_search=%22", []) == ""


def test_column_filter_wraps_the_whole_query() -> None:
    assert search.fts_query("a b*", ["title", "text"]) == '{title text} : ("a" "b"*)'


# --- the index and its migration -------------------------------------------------------------------


def test_skeleton_store_is_migrated_to_the_normalised_index(crawled: Crawled, tmp_path: Path,
                                                           caplog: pytest.LogCaptureFixture,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    path = skeleton_copy(crawled.db, tmp_path / "old.db")
    old = sqlite3.connect(path)
    old.execute("UPDATE articles SET title = 'مَعْرِض ' || title WHERE language = 'ar'")  # marked, indexed raw
    old.commit()
    old.close()
    monkeypatch.setattr(m0710_normalised_search, "PROGRESS_FROM", 1)
    with caplog.at_level(logging.WARNING, logger=m0710_normalised_search.__name__):
        db = storage.open_db(path)
    assert any("rebuilding the search index:" in r.getMessage() and " of " in r.getMessage() for r in caplog.records)
    arabic_ids = {r["id"] for r in db.query("SELECT id FROM articles WHERE language = 'ar'")}
    assert set(search.search_ids(db, "معرض")) == arabic_ids
    assert db.execute("INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')").fetchall() == []
    # The triggers keep it right on a plain connection (no Python function registered): edit, then delete.
    conn = sqlite3.connect(path)
    first = min(arabic_ids)
    conn.execute("UPDATE articles SET text_en = 'A plain English sentence about lanterns' WHERE id = ?", [first])
    conn.commit()
    assert search.search_ids(db, "lanterns") == [first]
    assert search.search_ids(db, "lanterns", search.ORIGINAL_COLUMNS) == []
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("DELETE FROM articles WHERE id = ?", [first])
    conn.commit()
    assert search.search_ids(db, "lanterns") == []
    assert db.execute("INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')").fetchall() == []


def test_rebuild_reports_progress_batch_by_batch(crawled: Crawled, tmp_path: Path) -> None:
    db = storage.open_db(copy_store(crawled.db, tmp_path / "store.db"))
    total = db["articles"].count
    db.execute(f"DELETE FROM {search.FTS_TABLE}")
    seen: list[tuple[int, int]] = []
    assert search.rebuild(db, batch=2, progress=lambda done, of: seen.append((done, of))) == total
    assert seen[-1] == (total, total) and len(seen) == -(-total // 2)
    assert search.search_ids(db, "desalination")


def test_an_index_without_prefix_indexes_is_created_again_with_them(crawled: Crawled, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    path = copy_store(crawled.db, tmp_path / "store.db")
    db = storage.open_db(path)
    monkeypatch.setattr(search, "PREFIX", "")  # an index made before migration m0740
    search.create(db)
    search.rebuild(db)
    db.execute("DELETE FROM schema_migrations WHERE name = 'm0740_search_prefix_index'")
    db.conn.commit()
    db.close()
    monkeypatch.undo()
    db = storage.open_db(path)
    sql = db.execute("SELECT sql FROM sqlite_master WHERE name = ?", [search.FTS_TABLE]).fetchone()[0]
    assert f"prefix='{search.PREFIX}'" in sql
    assert set(search.search_ids(db, "desal*")) == set(search.search_ids(db, "desalination")) != set()
    assert db.execute("INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')").fetchall() == []


def test_arabic_indic_digits_are_found_by_either_digits_once_the_index_is_rebuilt(
        crawled: Crawled, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """«٢٠٢٦» in an Arabic article was not found by 2026 (nor 2026 by «٢٠٢٦»): the digits were other
    characters to the index. Migration m0750 rebuilds an index made before."""
    path = copy_store(crawled.db, tmp_path / "store.db")
    monkeypatch.setattr(arabic, "DIGITS", {})  # the fold before this change
    arabic._table.cache_clear()
    db = storage.open_db(path)
    first = db.execute("SELECT min(id) FROM articles WHERE language = 'ar'").fetchone()[0]
    with db.conn:
        db.execute("UPDATE articles SET title = title || ' عام ٢٠٢٦' WHERE id = ?", [first])
    search.create(db)
    search.rebuild(db)
    db.execute("DELETE FROM schema_migrations WHERE name = 'm0750_search_arabic_digits'")
    db.conn.commit()
    assert first not in search.search_ids(db, "2026")
    db.close()
    monkeypatch.undo()
    arabic._table.cache_clear()
    db = storage.open_db(path)
    assert first in search.search_ids(db, "2026")
    assert first in search.search_ids(db, "٢٠٢٦") and first in search.search_ids(db, "۲۰۲۶")
    assert db.execute("INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')").fetchall() == []


# --- through real HTTP on `wirewatch serve` --------------------------------------------------------


@pytest.fixture(scope="module")
def served(crawled: Crawled, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, int]]]:
    """The demo store plus two Arabic articles of our own (one fully vowelled, one plain with
    letter variants, both with an English translation), imported with `wirewatch import`."""
    path = copy_store(crawled.db, tmp_path_factory.mktemp("search") / "demo.db")
    result = invoke_cli("import", SPELLINGS, "--db", path)
    assert result.code == 0, result.stderr
    ids = {r[0]: r[1] for r in sqlite3.connect(path).execute(
        "SELECT url, id FROM articles WHERE url IN (?, ?)", [HOSPITAL_URL, LIBRARY_URL])}
    with serving(path) as url:
        yield url, {"hospital": ids[HOSPITAL_URL], "library": ids[LIBRARY_URL]}


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def rows(base: str, page: str, **params: str) -> list[dict[str, Any]]:
    status, body = get(f"{base}/{page}.json?" + urllib.parse.urlencode({**params, "_shape": "array"}))
    assert status == 200, body[:300]
    return json.loads(body)


def found(base: str, query: str, page: str = "search_translated") -> list[int]:
    return [r["id"] for r in rows(base, page, q=query)]


def table_search(base: str, query: str) -> list[int]:
    return [r["id"] for r in rows(base, "articles", _search=query)]


@pytest.mark.parametrize("typed, article", [
    ("الصحة", "hospital"), ("مستشفى", "hospital"), ("للاطفال", "hospital"),  # plain finds marked
    ("مَكْتَبَة", "library"), ("الْمَكْتَبَة", "library"),  # marked finds plain
    ("ابها", "library"), ("أبها", "library"), ("الي", "library"),  # alef and alef maqsura variants
    ("الكتب", "library"), ("ﻣﻜﺘﺒﺔ", None),  # Farsi keheh in the text; presentation forms are not folded
    ("مكتب*", "library"), ('"المكتبة العامة"', "library"),
])
def test_plain_and_marked_spellings_find_each_other(served: tuple[str, dict[str, int]], typed: str,
                                                    article: str | None) -> None:
    base, ids = served
    expected = [ids[article]] if article else []
    assert [i for i in found(base, typed, "search_original") if i in ids.values()] == expected
    assert [i for i in table_search(base, typed) if i in ids.values()] == expected  # Datasette's own box


def test_english_word_finds_arabic_article_by_its_translation(served: tuple[str, dict[str, int]]) -> None:
    base, ids = served
    hits = rows(base, "search_translated", q="library")
    assert [h["id"] for h in hits] == [ids["library"]]
    assert hits[0]["language"] == "ar" and hits[0]["matched"] == "translation"
    assert f"{analyst_queries.HIT_START}library{analyst_queries.HIT_END}" in hits[0]["snippet"]
    arabic_hit = rows(base, "search_translated", q="مكتبة")
    assert arabic_hit[0]["id"] == ids["library"] and arabic_hit[0]["matched"] == "original"
    assert found(base, "library", "search_original") == []  # the original text has no English word


def test_snippet_is_highlighted_right_to_left_in_html(served: tuple[str, dict[str, int]]) -> None:
    base, _ = served
    status, body = get(f"{base}/search_translated?" + urllib.parse.urlencode({"q": "مستشفى"}))
    page = body.decode()
    assert status == 200 and '<div class="wirewatch-text wirewatch-snippet" dir="rtl">' in page
    assert "<mark>مستشفي</mark>" in page
    assert "hide-sql" in page or "Show SQL" in page  # the SQL is hidden by default (hide_sql)


@pytest.mark.parametrize("typed", AWKWARD)
def test_every_awkward_input_answers_200(served: tuple[str, dict[str, int]], typed: str) -> None:
    base, _ = served
    for page in ("search_original", "search_translated"):
        for suffix in ("", ".json"):
            status, body = get(f"{base}/{page}{suffix}?" + urllib.parse.urlencode({"q": typed}))
            assert status == 200, (page, typed, body[:300])
    for suffix in ("", ".json"):
        status, body = get(f"{base}/articles{suffix}?" + urllib.parse.urlencode({"_search": typed}))
        assert status == 200, ("articles", typed, body[:300])


def test_empty_query_shows_the_form_and_the_whole_table(served: tuple[str, dict[str, int]],
                                                        crawled: Crawled) -> None:
    base, _ = served
    status, body = get(f"{base}/search_translated?q=")
    assert status == 200 and b'name="q"' in body
    assert rows(base, "search_translated", q="") == []
    total = len(rows(base, "articles", _size="max"))
    assert len(rows(base, "articles", _search="", _size="max")) == total
    assert len(rows(base, "articles", _search="  ", _size="max")) == total


def test_words_with_punctuation_find_what_they_say(served: tuple[str, dict[str, int]]) -> None:
    base, _ = served
    assert found(base, "children's hospital")  # the apostrophe is part of the phrase, not syntax
    assert found(base, "Gulf-Herald") == found(base, '"gulf herald"')


def test_uk_finds_u_k_and_u_k_finds_uk(crawled: Crawled, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Outlets write "U.K." (AP, the New York Times) or "UK" (the BBC, the Gulf press): either spelling typed
    finds both, through the triggers (a plain INSERT, as the crawl's), and in a store indexed before once
    migration m0810_search_initials has rebuilt its index."""
    path = copy_store(crawled.db, tmp_path / "store.db")
    db = storage.open_db(path)
    ids = {}
    with db.conn:
        for key, title in (("dots", "Talks between the U.K. and the U.S.A. resume"),
                           ("plain", "UK and USA sign trade deal"), ("lower", "the u.k. pound falls")):
            url = f"http://gulf-herald.test/{key}"
            ids[key] = db.execute("INSERT INTO articles (url, canonical_url, outlet, title, text) "
                                  "VALUES (?, ?, 'gulf-herald', ?, ?)", [url, url, title, title]).lastrowid
    every = {ids["dots"], ids["plain"], ids["lower"]}
    for typed in ("UK", "U.K.", "uk", "u.k."):
        assert set(search.search_ids(db, typed)) & every == every, typed
    assert set(search.search_ids(db, "U.S.A.")) & every == {ids["dots"], ids["plain"]}
    monkeypatch.setattr(search, "form", arabic.fold)  # the index as it was before this change
    search.rebuild(db)
    db.execute("DELETE FROM schema_migrations WHERE name = 'm0810_search_initials'")
    db.conn.commit()
    monkeypatch.undo()
    assert set(search.search_ids(db, "U.K.")) & every != every
    db.close()
    db = storage.open_db(path)
    assert set(search.search_ids(db, "U.K.")) & every == every


# --- query plans (#15): an index for every canned query ---------------------------------------------


def test_canned_queries_use_indexes(served: tuple[str, dict[str, int]], crawled: Crawled, tmp_path: Path) -> None:
    """EXPLAIN QUERY PLAN of every canned query: no full scan of a large table (articles, stories,
    story members, watch hits); the outlet health query scans only the small sources table."""
    path = copy_store(crawled.db, tmp_path / "plan.db")
    db = storage.open_db(path)
    search.register_functions(db.conn)
    f = catalog.features(db)
    for query in analyst_queries.canned_queries(f):
        params = {name: "x" for name in _params(query.sql)}
        plan = [r[3] for r in db.execute(f"EXPLAIN QUERY PLAN {query.sql}", params)]
        # A scan of a large table reads it whole, unless it walks an index in the ORDER BY's order up
        # to the LIMIT (no sorting step); FTS5 MATCH and the sources table (one row an outlet) are fine.
        ordered = "USE TEMP B-TREE FOR ORDER BY" not in plan and "LIMIT" in query.sql
        bad = [step for step in plan if step.startswith("SCAN ") and step.split()[1] in large_aliases(query.sql)
               and not (ordered and " USING INDEX " in step)]
        assert bad == [], (query.name, plan)


def large_aliases(sql: str) -> set[str]:
    """The names and aliases under which the query reads a large table."""
    import re
    large = ("articles", "stories", "story_members", "watch_hits", "crawl_run_sources", "crawl_runs")
    names = set(large)
    for table, alias in re.findall(r"\b(?:FROM|JOIN)\s+(\w+)\s+(?:AS\s+)?(\w+)", sql, flags=re.IGNORECASE):
        if table in large:
            names.add(alias)
    return names


def _params(sql: str) -> set[str]:
    import re
    return set(re.findall(r":(\w+)", sql))


@pytest.mark.skipif(not (SHARED / "cases" / "search-arabic-diacritics").is_dir(),
                    reason="the shared cases folder (../shared/cases) is absent")
def test_shared_case_search_arabic_diacritics(crawled: Crawled, tmp_path: Path) -> None:
    path = copy_store(crawled.db, tmp_path / "case.db")
    result = invoke_cli("import", SHARED / "cases" / "search-arabic-diacritics" / "articles.jsonl", "--db", path)
    assert result.code == 0, result.stderr
    db = storage.open_db(path)
    urls = {r["id"]: r["url"] for r in db.query("SELECT id, url FROM articles")}
    assert [urls[i] for i in search.search_ids(db, "الشعب")] == ["http://al-waha.test/akhbar/2026/11/shaab-1"]
    assert [urls[i] for i in search.search_ids(db, "مدرسة")] == ["http://al-waha.test/akhbar/2026/11/madrasa-2"]
