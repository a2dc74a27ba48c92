"""The one decoding policy (processing.encoding) for pages, feeds and sitemaps (#10, #14):
a document declared UTF-8 that is almost all valid UTF-8 is UTF-8 with only the bad bytes replaced."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.discovery import parse_feed, parse_sitemap
from processing.encoding import decode_html, decode_xml, utf8_xml
from tests.conftest import invoke_cli

ARABIC_ITEM = "<item><title>وصول أول سفينة إلى ميناء الدقم الجديد</title><link>http://x.test/أخبار/ميناء.html</link></item>"


def _feed(items: str, prolog: str = '<?xml version="1.0" encoding="UTF-8"?>') -> str:
    return f'{prolog}<rss version="2.0"><channel><title>ق</title><link>http://x.test/</link>{items}</channel></rss>'


def _with_stray(text: str, marker: str, stray: bytes) -> bytes:
    return text.encode("utf-8").replace(marker.encode("utf-8"), stray)


@pytest.mark.parametrize("header", ["utf-8", None, "UTF8"])
def test_arabic_feed_with_stray_bytes_is_utf8(header: str | None) -> None:
    body = _with_stray(_feed(ARABIC_ITEM + "<item><description>نص MARK آخر</description></item>"), "MARK", b"\xa0\xe9")
    decoded = decode_xml(body, header)
    assert decoded.encoding == "utf-8" and "ميناء الدقم" in decoded.text and decoded.text.count("\ufffd") == 2


def test_parsed_feed_keeps_the_arabic_link() -> None:
    body = _with_stray(_feed(ARABIC_ITEM.replace("</title>", " MARK</title>")), "MARK", b"\x92")
    assert [link.url for link in parse_feed(body, "http://x.test/feed.xml")] == ["http://x.test/أخبار/ميناء.html"]


def test_latin_page_with_one_stray_byte_is_not_reguessed() -> None:
    # An English page, declared UTF-8, with a single cp1252 apostrophe: a guess gave mac-iceland (#14).
    text = ("<html><head><meta charset='utf-8'><title>Port</title></head><body>"
            + "<p>The harbour authority said the new quay would open in spring, a spokesman said.</p>" * 8
            + "<p>MARK, the port's manager told reporters.</p></body></html>")
    decoded = decode_html(text.encode().replace(b"MARK", b"it\x92s ready"), None)
    assert decoded.encoding == "utf-8" and decoded.text == text.replace("MARK", "it\ufffds ready")


def test_latin_page_with_stray_bytes_and_header_only() -> None:
    text = "<p>Caf\u00e9 owners in Leeds welcome the plan, and the na\u00efve critics \u2014 fewer.</p>" * 3 + "<p>A MARK plan.</p>"
    decoded = decode_html(text.encode().replace(b"MARK", b"\xabnew\xbb"), "utf-8")
    assert decoded.encoding == "utf-8" and "Café owners" in decoded.text and "\ufffdnew\ufffd" in decoded.text


def test_a_whole_page_in_cp1252_declared_utf8_is_still_read_as_latin() -> None:
    # Not "almost all UTF-8": every accented letter is a bad byte, so the declaration is wrong.
    text = "<p>Les élèves de l'école célèbrent la fête d'été à Genève, où la météo était idéale.</p>" * 5
    decoded = decode_html(text.encode("cp1252"), "utf-8")
    assert "élèves" in decoded.text and decoded.mislabelled


def test_feed_in_windows_1256_by_its_prolog() -> None:
    text = _feed(ARABIC_ITEM, '<?xml version="1.0" encoding="windows-1256"?>')
    decoded = decode_xml(text.encode("cp1256"), None)
    assert decoded.encoding == "cp1256" and "ميناء الدقم" in decoded.text
    assert utf8_xml(decoded).startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    assert [link.title for link in parse_feed(text.encode("cp1256"))] == ["وصول أول سفينة إلى ميناء الدقم الجديد"]


def test_cp1256_feed_declared_utf8_is_detected_not_replaced() -> None:
    text = _feed(ARABIC_ITEM * 4)
    decoded = decode_xml(text.encode("cp1256"), "utf-8")
    assert "ميناء الدقم" in decoded.text and decoded.mislabelled


def test_sitemap_with_stray_bytes_keeps_its_urls() -> None:
    xml = ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
           '<url><loc>http://x.test/مقالات/الطقس.html</loc><news:title xmlns:news="n">طقس MARK</news:title></url>'
           '</urlset>')
    sitemap = parse_sitemap(_with_stray(xml, "MARK", b"\xff"), max_bytes=1 << 20)
    assert [link.url for link in sitemap.links] == ["http://x.test/مقالات/الطقس.html"] and not sitemap.repaired


def test_latin_page_with_a_stray_byte_through_the_command(tmp_path: Path) -> None:
    # The page of issue 14's report, in our words: English, UTF-8 by its meta, one cp1252 byte.
    body = ("The harbour authority said the new quay would open in spring, with berths for four ferries "
            "and a café for passengers waiting at the terminal. ")
    html = (f"<html><head><meta charset='utf-8'><title>Quay</title></head><body><article><p>{body * 3}</p>"
            f"<p>{body}MARK the manager said.</p></article></body></html>").encode().replace(b"MARK", b"It\x92s ready,")
    file = tmp_path / "quay.html"
    file.write_bytes(html)
    result = invoke_cli("extract", file, "--json")
    assert result.code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["encoding"] == "utf-8" and "a café for passengers" in data["text"] and "It\ufffds ready" in data["text"]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "utf-16"])
def test_feed_in_utf16_or_utf32_with_or_without_a_bom(codec: str) -> None:
    # Without a BOM the first "<" says it (XML 1.0 appendix F); the header's charset cannot override it.
    text = _feed(ARABIC_ITEM, f'<?xml version="1.0" encoding="{codec.upper()}"?>')
    for header in (None, "iso-8859-1"):
        decoded = decode_xml(text.encode(codec), header)
        assert "ميناء الدقم" in decoded.text and not decoded.text.startswith("\ufeff")
        assert [link.url for link in parse_feed(text.encode(codec), "http://x.test/feed.xml", header_charset=header)] == [
            "http://x.test/أخبار/ميناء.html"]


@pytest.mark.parametrize("header", ["iso-8859-1", "windows-1252", None])
def test_windows_1256_feed_behind_a_servers_latin_default(header: str | None) -> None:
    # A legacy Arabic feed declares windows-1256 in its prolog; the server adds its unconfigured Latin default.
    text = _feed(ARABIC_ITEM, '<?xml version="1.0" encoding="windows-1256"?>')
    decoded = decode_xml(text.encode("cp1256"), header)
    assert decoded.encoding == "cp1256" and "ميناء الدقم" in decoded.text
