"""The sample news web crawled end to end by `wirewatch crawl` (twice) and `wirewatch demo` (with a model)."""

from __future__ import annotations

import json
import os
import re
import sqlite3
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import ArgosModels, Crawled, invoke_cli, run_cli

# Every article page of the sample web, with its language.
EXPECTED = {
    ("northern-courier", "/news/2026/11/uk-sanctions-russia-iran"): "en",
    ("northern-courier", "/news/2026/11/whitmoor-station-reopening-bid"): "en",
    ("gulf-herald", "/article/2026/11/17/russia-iran-military-components-drones-uk"): "en",
    ("gulf-herald", "/article/2026/11/16/riyadh-water-security-forum-opens"): "en",
    ("gulf-mirror", "/stories/2026/11/16/riyadh-forum-desalination-energy-costs"): "en",
    ("gulf-mirror", "/stories/2026/11/18/ras-al-khaimah-new-hiking-trails"): "en",
    ("al-waha", "/akhbar/2026/11/ahsa-book-fair-opens"): "ar",
    ("al-waha", "/akhbar/2026/11/jubail-solar-desalination-plant"): "ar",
    ("al-waha", "/akhbar/2026/11/dammam-bus-rapid-transit"): "ar",
}
# The sample web's bad inputs, by the reason they are counted under.
BAD = {
    "http_404": "/news/2026/11/tram-extension-delayed",
    "not_html": "/news/2026/11/sanctions-list.pdf",
    "empty_body": "/article/2026/11/19/gcc-rail-joint-timetable",
    "unreachable": "/feed.xml",
}
BOILERPLATE = re.compile(r"advertisement|مشاركة\s*:|إعلان", re.IGNORECASE)


def rows(db: Path, sql: str) -> list[dict]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    return [dict(r) for r in conn.execute(sql)]


def test_every_article_stored_once_with_its_language(crawled: Crawled) -> None:
    stored = {(r["outlet"], urlsplit(r["canonical_url"]).path): r["language"]
              for r in rows(crawled.db, "SELECT outlet, canonical_url, language FROM articles")}
    assert stored == EXPECTED


def test_texts_are_clean_and_complete(crawled: Crawled) -> None:
    for row in rows(crawled.db, "SELECT canonical_url, title, text, extraction_status FROM articles"):
        assert row["extraction_status"] == "ok"
        assert row["title"] and len(row["text"].split("\n\n")) >= 5, row["canonical_url"]
        assert not [p for p in row["text"].split("\n\n") if BOILERPLATE.fullmatch(p.strip(" –-—:"))], row["title"]
        assert "مشاركة :" not in row["text"] and "Advertisement" not in row["text"]


def test_boilerplate_lines_were_removed_and_counted(crawled: Crawled) -> None:
    removed = {urlsplit(r["canonical_url"]).path: r["boilerplate_removed"]
               for r in rows(crawled.db, "SELECT canonical_url, boilerplate_removed FROM articles")}
    assert removed["/news/2026/11/uk-sanctions-russia-iran"] == 2  # two "– Advertisement –" lines
    assert removed["/article/2026/11/17/russia-iran-military-components-drones-uk"] == 1  # "مشاركة :"


def test_windows_1256_and_mislabelled_pages_decode(crawled: Crawled) -> None:
    by_path = {urlsplit(r["canonical_url"]).path: r
               for r in rows(crawled.db, "SELECT canonical_url, encoding, title, text FROM articles")}
    cp1256 = by_path["/akhbar/2026/11/jubail-solar-desalination-plant"]
    assert cp1256["encoding"] == "cp1256" and "محطة تحلية" in cp1256["title"]
    mislabelled = by_path["/akhbar/2026/11/dammam-bus-rapid-transit"]
    assert mislabelled["encoding"] == "utf-8" and "حافلات" in mislabelled["title"]
    assert "Ø" not in mislabelled["text"]  # no mojibake


def test_article_metadata_is_stored(crawled: Crawled) -> None:
    by_path = {urlsplit(r["canonical_url"]).path: r for r in rows(crawled.db, "SELECT * FROM articles")}
    wire = by_path["/article/2026/11/17/russia-iran-military-components-drones-uk"]
    assert (wire["wire_agency"], json.loads(wire["authors"]), wire["site_name"]) == ("Reuters", [], "Gulf Herald")  # an agency is no author (#10)
    assert wire["modified"] == "2026-11-17T22:10:00+03:00" and wire["published"] == "2026-11-17T21:34:00+03:00"
    arabic = by_path["/akhbar/2026/11/ahsa-book-fair-opens"]
    assert (arabic["declared_language"], arabic["section"], arabic["wire_agency"]) == ("ar", "ثقافة", None)
    assert arabic["image"].endswith("/uploads/2026/11/ahsa-book-fair-hall.jpg") and arabic["description"]


def test_second_crawl_adds_no_rows_and_records_a_run(crawled: Crawled) -> None:
    runs = rows(crawled.db, "SELECT * FROM crawl_runs ORDER BY id")
    assert [r["status"] for r in runs] == ["completed", "completed"]
    assert runs[0]["new"] == len(EXPECTED)
    assert runs[1]["new"] == 0 and runs[1]["unchanged"] + runs[1]["updated"] <= len(EXPECTED)
    assert rows(crawled.db, "SELECT count(*) AS n FROM articles")[0]["n"] == len(EXPECTED)


def test_bad_inputs_counted_by_reason(crawled: Crawled) -> None:
    first, second = rows(crawled.db, "SELECT failures, failed, stats FROM crawl_runs ORDER BY id")
    assert json.loads(first["failures"]) == {reason: 1 for reason in BAD}
    assert first["failed"] == len(BAD)
    assert json.loads(first["stats"])["charset_mislabelled"] == 1
    # The second run's feeds answer 304 (the bad pages failed for good, nothing to retry): only the
    # unreachable feed fails again.
    assert json.loads(second["failures"]) == {"unreachable": 1}


def test_discovery_channels_of_the_sample_web(crawled: Crawled) -> None:
    first = {(h.site, h.path) for h in crawled.first_hits}
    assert {("northern-courier", "/news/"), ("al-waha", "/sitemap-index.xml.gz"),
            ("al-waha", "/sitemaps/akhbar.xml.gz")} <= first  # section page, gzipped sitemap index and child
    never = {("al-waha", "/sitemaps/archive-2024.xml.gz"),  # child sitemap outside the date window
             ("gulf-herald", "/article/2026/11/16/gulf-ports-winter-schedule")}  # sitemap entry outside it
    assert not first & never
    assert not [h for h in crawled.first_hits if "utm_" in h.path or "ito=" in h.path]  # tracking parameters dropped
    articles = [h.path for h in crawled.first_hits if h.site == "northern-courier" and h.path.startswith("/news/2")]
    assert sorted(articles) == sorted(set(articles))  # listed by the feed and the section page, fetched once


def test_second_crawl_fetches_no_article_page(crawled: Crawled) -> None:
    pages = [(h.site, h.path) for h in crawled.second_hits
             if h.path.startswith(("/news/2", "/article/", "/akhbar/", "/stories/"))]
    assert pages == []
    assert {h.status for h in crawled.second_hits if h.conditional} == {304}


def test_each_bad_input_logged_once_on_one_line(crawled: Crawled) -> None:
    log = crawled.log.read_text(encoding="utf-8").splitlines()
    for reason, path in BAD.items():
        lines = [line for line in log if path in line and "WARNING" in line]
        assert len(lines) == 1, (reason, lines)
        assert reason in lines[0]
    assert not [line for line in log if "Traceback" in line]


def test_crawl_is_quiet_but_for_the_summary(crawled: Crawled) -> None:
    assert crawled.first.stderr.strip() == ""
    assert re.fullmatch(r"wirewatch: run 1 completed: .* 4 failed \(.*\)", crawled.first.stdout.strip())


def test_demo_twice(tmp_path: Path, argos_models: ArgosModels) -> None:
    db = tmp_path / "demo.db"
    first = run_cli("demo", "--db", db, env=argos_models.env())  # with the tiny ar→en model installed
    assert first.code == 0, first.stderr
    for outlet in ("northern-courier", "gulf-herald", "gulf-mirror", "al-waha"):
        assert re.search(rf"^{outlet}\s+\w+\s+(en|ar)\s+\d+", first.stdout, re.M), first.stdout
    assert f"wirewatch serve --db {db}" in first.stdout
    assert f" boilerplate lines removed, 1 crawl run in {db}" in first.stdout  # not "1 crawl runs" (#11)
    arabic = sum(1 for lang in EXPECTED.values() if lang == "ar")
    assert f"Translated into en: {arabic} articles (ar) with translate-ar_en 1.0" in first.stdout
    assert "Translations pending" not in first.stdout
    assert re.search(r"^\d+\s+2\s+2\s+gulf-herald, gulf-mirror\s+Water security forum", first.stdout, re.M)  # #6
    second = run_cli("demo", "--db", db)
    assert second.code == 0, second.stderr
    assert f", 2 crawl runs in {db}" in second.stdout
    assert rows(db, "SELECT count(*) AS n FROM articles")[0]["n"] == len(EXPECTED)
    assert rows(db, "SELECT count(*) AS n FROM crawl_runs")[0]["n"] == 2


def test_demo_summary_without_a_model_says_how_to_install_one(crawled: Crawled) -> None:
    """What `demo` prints of translations (:func:`translation_summary`) for a store crawled with no model."""
    import storage
    from crawler.cli.demo import translation_summary
    from storage import translations

    database = storage.open_readonly(crawled.db)
    try:
        summary = translation_summary(translations.status_counts(database), crawled.db)
    finally:
        database.close()
    assert "Translations pending: 3 ar articles" in summary
    assert "Install one:  wirewatch models install ar en" in summary
    assert f"then:         wirewatch translate --db {crawled.db}" in summary


def test_stats_command(crawled: Crawled) -> None:
    result = invoke_cli("stats", "--db", crawled.db)
    assert result.code == 0, result.stderr
    assert result.stdout.startswith(f"{len(EXPECTED)} articles from 4 sources in 2 runs")
    assert re.search(r"^al-waha\s+gulf\s+ar\s+3$", result.stdout, re.M)


@pytest.mark.parametrize("runner", ["scrapy"])
def test_scrapy_crawl_from_the_root(runner: str, sample_web, sample_sources: Path, tmp_path: Path) -> None:
    import subprocess
    import sys

    from tests.conftest import ROOT

    db = tmp_path / "scrapy.db"
    proc = subprocess.run([sys.executable, "-m", "scrapy", "crawl", "news", "-s", f"WIREWATCH_DB={db}",
                           "-s", f"WIREWATCH_SOURCES={sample_sources}", "-s", "AUTOTHROTTLE_ENABLED=False",
                           "-s", "DOWNLOAD_DELAY=0", "-s", "LOG_LEVEL=WARNING"],
                          cwd=ROOT, capture_output=True, text=True, timeout=180,
                          env={**os.environ, **sample_web.environment()})
    assert proc.returncode == 0, proc.stderr
    assert rows(db, "SELECT count(*) AS n FROM articles")[0]["n"] == len(EXPECTED)
