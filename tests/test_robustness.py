"""Pathological pages never stall or crash extraction: each finishes within the time limit and is
recorded as a failure with its reason, in the extraction worker pool and in a real crawl."""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path
from typing import Iterator

import pytest

from crawler.sampleweb.server import SampleWeb
from processing.extract import ExtractionFailure, ExtractOptions, Extracted, extract_within, new_pool
from processing.workers import WorkerPool
from tests.conftest import LOCAL, run_cli
from tests.fixtures.registry import fixtures

NESTED = b"<html><body>" + b"<div>" * 100_000 + b"<p>Deep inside the page.</p>" + b"</div>" * 100_000 + b"</body></html>"
ONE_LINE = b"<html><body><p>" + b"word " * 1_050_000 + b"</p></body></html>"  # 5.25 MB, no newline
BINARY = random.Random(4).randbytes(300_000)
URL = "http://rough-news.test/news/page"


@pytest.fixture(scope="module")
def pool() -> Iterator[WorkerPool]:
    with new_pool(1, time_limit=20.0) as started:
        yield started


@pytest.mark.parametrize("page, status, error", [
    (NESTED, "too_large", "100003 elements, limit 25000"),  # bounded by structure, not only bytes (#14)
    (ONE_LINE, "too_large", "limit 5000000"),
    (BINARY, "binary", "binary data"),
    (b"", "empty", "empty page"),
    (b"\x89PNG\r\n\x1a\n" + bytes(2000), "binary", "PNG image"),
], ids=["100k-nested-divs", "one-5MB-line", "random-bytes", "empty", "png"])
def test_pathological_page_is_a_failure_with_a_reason(pool: WorkerPool, page: bytes, status: str, error: str) -> None:
    result = extract_within(pool, page, URL)
    assert isinstance(result, ExtractionFailure)
    assert result.status == status and error in result.error


def test_a_page_past_the_time_limit_is_stopped_and_the_next_one_extracts() -> None:
    sample = fixtures()[0]
    with new_pool(1, time_limit=0.2) as quick:
        slow = extract_within(quick, ONE_LINE, URL, options=ExtractOptions(max_html_bytes=10_000_000))
        assert slow == ExtractionFailure("timeout", "extraction took longer than 0.2s; stopped")
        assert quick.replaced == 1
    with new_pool(1, time_limit=20.0) as fresh:
        assert isinstance(extract_within(fresh, sample.page(), sample.url, sample.hints), Extracted)


ROUGH_SITE = {
    "feed.xml": """<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Rough News</title>
<link>{{base}}/</link><description>Pages that break extractors</description>
<item><title>Nested</title><link>{{base}}/news/nested</link></item>
<item><title>One line</title><link>{{base}}/news/one-line</link></item>
<item><title>Binary</title><link>{{base}}/news/binary</link></item>
<item><title>Fine</title><link>{{base}}/news/fine</link></item>
</channel></rss>""",
    "site.toml": '[paths."/news/binary"]\ncontent_type = "text/html; charset=utf-8"\n',
}
ROUGH_SOURCES = """[[outlet]]
id = "rough-news"
name = "Rough News"
country = "GB"
region = "uk"
languages = ["en"]
homepage = "{{base:rough-news}}/"
allowed_domains = ["rough-news.test"]
feeds = ["{{base:rough-news}}/feed.xml"]
"""


@pytest.fixture(scope="module")
def rough_crawl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("rough-web")
    site = root / "sites" / "rough-news"
    (site / "news").mkdir(parents=True)
    for name, text in ROUGH_SITE.items():
        (site / name).write_text(text, encoding="utf-8")
    (site / "news" / "nested.html").write_bytes(NESTED)
    (site / "news" / "one-line.html").write_bytes(ONE_LINE)
    (site / "news" / "binary.html").write_bytes(BINARY)
    (site / "news" / "fine.html").write_bytes(fixtures()[0].page())
    template = root / "sources.template.toml"
    template.write_text(ROUGH_SOURCES, encoding="utf-8")
    db = root / "rough.db"
    with SampleWeb(sites_dir=root / "sites") as web:
        sources = web.write_sources(root / "sources.toml", template=template)
        result = run_cli("crawl", "--sources", sources, "--db", db, "--log-file", root / "crawl.log", *LOCAL,
                         "-s", "WIREWATCH_EXTRACT_TIMEOUT=20", env=web.environment())
    assert result.code == 0, result.stderr
    return db


def test_crawl_stores_each_pathological_page_with_its_status(rough_crawl: Path) -> None:
    conn = sqlite3.connect(rough_crawl)
    rows = {url.rsplit("/", 1)[-1]: (status, error) for url, status, error in conn.execute(
        "SELECT url, extraction_status, extraction_error FROM articles")}
    assert {page: status for page, (status, _) in rows.items()} == {
        "nested": "too_large", "one-line": "too_large", "binary": "binary", "fine": "ok"}
    assert all(error for page, (_, error) in rows.items() if page != "fine")
    failures = json.loads(conn.execute("SELECT failures FROM crawl_runs").fetchone()[0])
    assert failures == {"extraction_too_large": 2, "extraction_binary": 1}


def test_a_host_that_cannot_be_resolved_is_unreachable_not_a_download_error() -> None:
    """#12: a failed DNS lookup reaches the spider as Scrapy's ``CannotResolveHostError`` (Scrapy >= 2.13
    wraps Twisted's ``DNSLookupError`` in it, ``scrapy.utils._download_handlers``); both are `unreachable`.
    ``name.invalid``: the .invalid top-level domain is reserved and never resolves (RFC 6761, section 6.4);
    the failure is built as the download handler builds it, so no lookup leaves this process."""
    from scrapy.exceptions import CannotResolveHostError
    from twisted.internet.error import DNSLookupError
    from twisted.python.failure import Failure

    from crawler import failures

    twisted_error = DNSLookupError("address 'name.invalid' not found: [Errno -2] Name or service not known.")
    try:
        raise CannotResolveHostError(str(twisted_error)) from twisted_error
    except CannotResolveHostError:
        wrapped = Failure()
    assert failures.reason_of(wrapped) == ("unreachable", "DNS lookup failed")
    assert failures.reason_of(Failure(twisted_error)) == ("unreachable", "DNS lookup failed")
    assert failures.is_transient("unreachable")
