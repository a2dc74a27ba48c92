"""`wirewatch extract FILE_OR_URL [--url URL] [--json]`: one page, as a crawl extracts it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.sampleweb.server import SampleWeb
from tests.conftest import invoke_cli
from tests.fixtures.registry import OUTLETS

KINGSBRIDGE = OUTLETS / "kingsbridge-gazette" / "uk-sanctions-russia-iran-pact.html.gz"


def one_line_error(result) -> str:
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    return lines[0]


def test_extract_a_gzipped_file_as_json(tmp_path: Path) -> None:
    result = invoke_cli("extract", KINGSBRIDGE, "--url", "https://www.kingsbridge-gazette.test/news/1", "--json")
    assert result.code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["status"] == "ok" and data["url"] == "https://www.kingsbridge-gazette.test/news/1"
    assert data["title"].startswith("UK hits Russian and Iranian officials")
    assert data["wire_agency"] == "PA" and data["authors"] == ["Tom Ellery"]
    assert "Advertisement" not in data["text"] and data["boilerplate_removed"]["ad-marker"] == 2


def test_outlet_rules_from_the_registry(tmp_path: Path) -> None:
    registry = tmp_path / "sources.toml"
    registry.write_text('[[outlet]]\nid = "kingsbridge-gazette"\nname = "Kingsbridge Gazette"\ncountry = "GB"\n'
                        'region = "uk"\nlanguages = ["en"]\nhomepage = "https://www.kingsbridge-gazette.test/"\n'
                        'allowed_domains = ["kingsbridge-gazette.test"]\nfeeds = ["https://www.kingsbridge-gazette.test/feed.xml"]\n'
                        'boilerplate = ["Got a story? Email newsdesk@kingsbridge-gazette.test"]\n', encoding="utf-8")
    without = json.loads(invoke_cli("extract", KINGSBRIDGE, "--json").stdout)
    with_rules = json.loads(invoke_cli("extract", KINGSBRIDGE, "--json", "--outlet", "kingsbridge-gazette",
                                    "--sources", registry).stdout)
    # The shipped tip-invite rule drops the line anyway; the registry's line is counted under its own
    # name, as it runs first.
    assert "Got a story?" not in without["text"] and "Got a story?" not in with_rules["text"]
    assert without["boilerplate_removed"]["tip-invite"] == 1 and "tip-invite" not in with_rules["boilerplate_removed"]
    assert with_rules["boilerplate_removed"]["outlet:Got a story? Email newsdesk@kingsbridge-gazette.test"] == 1


def test_extract_a_url_from_the_sample_web(sample_web: SampleWeb) -> None:
    url = f"{sample_web.base('al-waha')}/akhbar/2026/11/jubail-solar-desalination-plant"
    result = invoke_cli("extract", url, env=sample_web.environment())
    assert result.code == 0, result.stderr
    assert "encoding           cp1256" in result.stdout  # the header's windows-1256
    assert "محطة تحلية" in result.stdout and "site_name          الواحة" in result.stdout
    assert "language           ar (1.00)" in result.stdout  # detected as a crawl detects it


def test_json_gives_the_language_a_crawl_stores(tmp_path: Path) -> None:
    """A downstream tool reading `extract --json` got every field but the detected language."""
    result = invoke_cli("extract", KINGSBRIDGE, "--json")
    data = json.loads(result.stdout)
    assert data["language"] == "en" and 0.9 < data["language_confidence"] <= 1.0


def test_a_missing_file_is_one_line(tmp_path: Path) -> None:
    result = invoke_cli("extract", tmp_path / "nowhere.html")
    assert result.code == 1
    assert "nowhere.html: no such file" in one_line_error(result)


def test_a_page_without_an_article_is_one_line_with_its_reason(tmp_path: Path) -> None:
    page = tmp_path / "logo.html"
    page.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(500))
    result = invoke_cli("extract", page)
    assert result.code == 1
    assert "(binary)" in one_line_error(result)


def test_an_unreachable_url_is_one_line(sample_web: SampleWeb) -> None:
    result = invoke_cli("extract", f"{sample_web.base('gulf-herald')}/no/such/page", env=sample_web.environment())
    assert result.code == 1
    assert "HTTP 404" in one_line_error(result)


def test_a_url_with_arabic_in_its_path_is_fetched_percent_encoded(sample_web: SampleWeb) -> None:
    """Arabic outlets put Arabic words in their article paths; `extract` of such an address ended in a
    UnicodeEncodeError traceback (an HTTP request line is ASCII). It is requested as a crawl requests it."""
    mark = len(sample_web.hits)
    url = f"{sample_web.base('al-waha')}/akhbar/خبر-محذوف"
    result = invoke_cli("extract", url, env=sample_web.environment())
    assert result.code == 1
    assert one_line_error(result) == f"Error: {url}: HTTP 404"
    assert [hit.path for hit in sample_web.hits_since(mark)] == [
        "/akhbar/%D8%AE%D8%A8%D8%B1-%D9%85%D8%AD%D8%B0%D9%88%D9%81"]


@pytest.mark.parametrize("address", ["http://example.org:99999/story.html", "http://[::1/story.html"])
def test_an_address_that_cannot_be_requested_is_one_line(address: str) -> None:
    result = invoke_cli("extract", address)
    assert result.code == 1
    assert one_line_error(result).startswith(f"Error: {address}: not a usable address: ")


@pytest.mark.parametrize("address", ["ftp://example.org/story.html", "file:///etc/hostname", "s3://bucket/page"])
def test_an_address_that_is_not_http_is_named_as_such(address: str) -> None:
    result = invoke_cli("extract", address)
    assert result.code == 1
    assert result.stderr.strip().splitlines() == [
        f"Error: {address}: only http:// and https:// addresses are fetched (or give a file)"]


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_fifo_or_a_device_is_refused_without_reading_it(tmp_path: Path, kind: str) -> None:
    """A FIFO with no writer blocked `extract` for ever (opening it waits for a writer), and a terminal
    waits for a typist: anything that is not a regular file is one line, exit 1, unopened."""
    import os

    if kind == "fifo":
        path, what = tmp_path / "page.html", "a FIFO (named pipe)"
        os.mkfifo(path)
    else:
        path, what = Path(os.devnull), "a character device"
    result = invoke_cli("extract", path)
    assert result.code == 1
    assert one_line_error(result) == (f"Error: {path}: is {what}, not a file; save the page to a file first, "
                                      "or give its http(s) address")


def test_a_huge_file_is_too_large_without_being_read_whole(tmp_path: Path) -> None:
    """The file was read whole before its size was checked: 1.5 GB of memory for a 1.5 GB file, a
    MemoryError traceback for /dev/zero. Now at most the limit plus one byte is read."""
    import tracemalloc

    page = tmp_path / "huge.html"
    with page.open("wb") as handle:
        handle.truncate(200_000_000)  # sparse: no disk used
    tracemalloc.start()
    try:
        result = invoke_cli("extract", page)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result.code == 1
    assert "(too_large): more than 5000000 bytes (WIREWATCH_MAX_HTML_BYTES)" in one_line_error(result)
    assert peak < 50_000_000


@pytest.mark.parametrize("site, path, media", [("gulf-herald", "/feeds/atom.xml", "application/xml"),
                                               ("northern-courier", "/news/2026/11/sanctions-list.pdf",
                                                "application/pdf")])
def test_a_url_that_is_not_html_is_refused_as_a_crawl_refuses_it(sample_web: SampleWeb, site: str, path: str,
                                                                 media: str) -> None:
    """An Atom feed's address gave status ok and a text of titles and dates run together; a crawl
    counts such a response `not_html` and extracts nothing."""
    url = f"{sample_web.base(site)}{path}"
    result = invoke_cli("extract", url, "--json", env=sample_web.environment())
    assert result.code == 1 and result.stdout == ""
    assert one_line_error(result) == f"Error: {url}: not an HTML page (content type {media})"


def test_json_reports_a_page_without_an_article_on_stdout_too(tmp_path: Path) -> None:
    """`--json` gave "status": "ok" for an article but nothing on stdout for a page without one: a tool had to
    parse the stderr line. Now the same object with the crawl's status and the error, and exit status 1."""
    page = tmp_path / "menu.html"
    page.write_text('<html><body><nav><a href="/">Home</a></nav></body></html>', encoding="utf-8")
    result = invoke_cli("extract", page, "--json")
    assert result.code == 1
    assert json.loads(result.stdout) == {"url": page.resolve().as_uri(), "status": "empty",
                                         "error": "only link texts found (navigation, no article)"}
    assert "(empty)" in one_line_error(result)
