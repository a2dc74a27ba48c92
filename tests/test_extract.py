"""processing.extract on small pages: hints, options, layout tables, failures."""

from __future__ import annotations

import pickle

import pytest
import trafilatura

from processing.extract import ExtractHints, ExtractionError, ExtractOptions, extract, unwrap_layout_tables

URL = "https://news.example.test/2026/11/story"
PARAGRAPHS = [
    "The council approved the new cycle lanes on Tuesday after a debate that lasted most of the evening.",
    "Work on the first section along the river is due to start in the spring and to take about six months.",
    "Residents said they welcomed the plan but asked for more crossings near the primary school on Mill Lane.",
]


def page(body: str, head: str = "<title>Cycle lanes approved</title>") -> str:
    return f"<!doctype html><html lang='en'><head>{head}</head><body>{body}</body></html>"


ARTICLE = page("<article><h1>Cycle lanes approved</h1>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
               + '<div class="promo-box"><p>Win two tickets to the winter fair with our weekly quiz, enter now online.</p></div>'
               + "</article>")


def test_title_is_a_field_not_the_first_paragraph() -> None:
    result = extract(ARTICLE, URL)
    assert result.title == "Cycle lanes approved"
    assert result.paragraphs[:3] == PARAGRAPHS


def test_outlet_prune_xpath_and_lines_from_the_registry() -> None:
    plain = extract(ARTICLE, URL)
    assert "Win two tickets" in plain.text
    pruned = extract(ARTICLE, URL, ExtractHints(prune_xpath=("//div[@class='promo-box']",)))
    assert "Win two tickets" not in pruned.text and pruned.paragraphs == PARAGRAPHS
    by_line = extract(ARTICLE, URL, ExtractHints(boilerplate_lines=(
        "Win two tickets to the winter fair with our weekly quiz, enter now online.",)))
    assert by_line.paragraphs == PARAGRAPHS and by_line.boilerplate_removed_count == 1


def test_a_layout_table_is_extracted_as_paragraphs() -> None:
    layout = page('<table><tr><td class="main"><h1>Cycle lanes approved</h1>'
                  + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
                  + '</td><td class="side"><ul><li><a href="/a">Weather</a></li></ul></td></tr></table>')
    flattened = trafilatura.extract(layout, include_comments=False, include_tables=True) or ""
    assert "|" in flattened  # trafilatura alone reads it as one table row
    assert extract(layout, URL).paragraphs == PARAGRAPHS


def test_a_data_table_is_left_alone() -> None:
    from trafilatura.utils import load_html

    data = page("<table>" + "".join(f"<tr><td>Ward {i}</td><td><p>{i * 10} votes</p></td></tr>" for i in range(8))
                + "</table>")
    assert unwrap_layout_tables(load_html(data)) == 0


@pytest.mark.parametrize("html, options, status", [
    (b"<html>" + b"x" * 2000 + b"</html>", ExtractOptions(max_html_bytes=1000), "too_large"),
    (b"%PDF-1.4 binary", ExtractOptions(), "binary"),
    ("   ", ExtractOptions(), "empty"),
    (page("<article><p>– Advertisement –</p><p>Share:</p></article>"), ExtractOptions(), "empty"),
], ids=["too-large", "pdf", "blank", "only-boilerplate"])
def test_failures_have_a_status(html, options: ExtractOptions, status: str) -> None:
    with pytest.raises(ExtractionError) as caught:
        extract(html, URL, options=options)
    assert caught.value.status == status and str(caught.value)


def test_extraction_error_survives_pickling() -> None:
    error = pickle.loads(pickle.dumps(ExtractionError("timeout", "too slow")))
    assert (error.status, str(error)) == ("timeout", "too slow")


@pytest.mark.parametrize("body", [
    '<nav><a href="/">Home</a></nav>',
    '<ul><li><a href="/a">Council backs cycle lane plan for the north of the city</a></li>'
    '<li><a href="/b">Water authority opens a new plant in the eastern district</a></li></ul>',
    '<div><a href="/ar/1">افتتاح معرض الأحساء للكتاب بمشاركة دور نشر من ست وعشرين دولة</a></div>',
])
def test_a_page_of_links_only_has_no_article(body: str) -> None:
    """A menu or an index of headlines came out as an article whose text was the link texts ("Home")."""
    with pytest.raises(ExtractionError) as raised:
        extract(f"<html><body>{body}</body></html>".encode(), URL)
    assert raised.value.status == "empty"


def test_an_article_that_links_its_words_is_still_an_article() -> None:
    paragraphs = "".join(f'<p>{p} See <a href="/more">the plan</a>.</p>' for p in PARAGRAPHS)
    result = extract(f"<html><body><article><h1>Cycle lanes</h1>{paragraphs}</article></body></html>".encode(), URL)
    assert result.text.startswith(PARAGRAPHS[0])


@pytest.mark.parametrize("document, root", [
    ('<?xml version="1.0" encoding="utf-8"?>\n<!-- generator -->\n<feed xmlns="http://www.w3.org/2005/Atom">'
     "<title>Gulf Desk</title><entry><title>Port reopens</title><updated>2026-11-20T08:00:00Z</updated>"
     "</entry></feed>", "feed"),
    ('<rss version="2.0"><channel><title>Desk</title><item><title>Port reopens after the storm</title>'
     "<description>The port reopened on Monday after three days.</description></item></channel></rss>", "rss"),
    ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url>'
     "<loc>https://x.example/a</loc></url></urlset>", "urlset"),
])
def test_a_feed_or_sitemap_is_not_an_article(document: str, root: str) -> None:
    """An Atom feed (a file, or a feed a server labels text/html) came out as an article whose text was
    its titles and dates run together."""
    with pytest.raises(ExtractionError) as raised:
        extract(document.encode(), URL)
    assert raised.value.status == "empty" and f"<{root}>" in str(raised.value)


def test_an_xhtml_page_with_an_xml_declaration_is_still_a_page() -> None:
    page = ('<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body><article>'
            + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</article></body></html>")
    assert extract(page.encode(), URL).text.startswith(PARAGRAPHS[0])


@pytest.mark.parametrize("dateline, ending", [
    ("LONDON, 12 March (Reuters) -", ""), ("<strong>Dubai:</strong>", ""), ("WASHINGTON —", ""),
    ("Published: 12 March 2026 10:04 GMT", "— AFP"), ("(Manama - BNA)", "(BNA)"),
])
def test_a_dateline_printed_as_its_own_paragraph_is_not_text(dateline: str, ending: str) -> None:
    """Pages print the dateline, the date or the agency's credit as a paragraph of its own; the
    article's text is the paragraphs between them (the agency is kept in wire_agency)."""
    body = f"<p>{dateline}</p>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + (f"<p>{ending}</p>" if ending else "")
    result = extract(page(f"<article><h1>Cycle lanes approved</h1>{body}</article>"), URL)
    assert result.paragraphs == PARAGRAPHS


ARABIC = ["أعلنت وزارة الصحة اليوم بدء حملة التطعيم الموسمية ضد الإنفلونزا في جميع المراكز الصحية بالمملكة.",
          "وأوضحت الوزارة أن الحملة تستهدف كبار السن والحوامل وأصحاب الأمراض المزمنة وتستمر ثلاثة أشهر.",
          "ودعت المواطنين والمقيمين إلى الحجز المسبق عبر التطبيق الرسمي لتفادي الانتظار في المراكز."]


@pytest.mark.parametrize("dateline, ending, agency", [
    ("الرياض - واس", "", "SPA"), ("(الخرطوم - سونا)", "", "SUNA"), ("دبي:", "", None),
    ("نشر في: 12 مارس 2026", "(واس)", "SPA"), ("عمّان (بترا) -", "", "Petra"),
])
def test_an_arabic_dateline_alone_is_not_text(dateline: str, ending: str, agency: str | None) -> None:
    body = f"<p>{dateline}</p>" + "".join(f"<p>{p}</p>" for p in ARABIC) + (f"<p>{ending}</p>" if ending else "")
    html = f"<!doctype html><html lang='ar' dir='rtl'><head><title>حملة التطعيم</title></head><body><article><h1>حملة التطعيم</h1>{body}</article></body></html>"
    result = extract(html, URL)
    assert result.paragraphs == ARABIC and result.wire_agency == agency


def test_a_dateline_that_opens_the_text_stays() -> None:
    first = "LONDON (Reuters) - The Bank of England said on Thursday it would keep its main rate at 4 per cent."
    body = f"<p>{first}</p>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    result = extract(page(f"<article><h1>Cycle lanes approved</h1>{body}</article>"), URL)
    assert result.paragraphs == [first, *PARAGRAPHS] and result.wire_agency == "Reuters"


@pytest.mark.parametrize("lang, country, expected", [
    ("en-US", None, "2026-11-02"), ("en-GB", None, "2026-02-11"), ("en", None, "2026-02-11"),
    ("ar", None, "2026-02-11"), ("en-US", "GB", "2026-02-11"), ("en", "US", "2026-11-02"), ("en-GB", "US", "2026-11-02"),
])
def test_a_numeric_date_is_read_in_the_outlets_order(lang: str, country: str | None, expected: str) -> None:
    """«11/02/2026» is 11 February in London, Dubai or Riyadh and 2 November in New York: the
    registry's country says which, else the page's declared locale (English-US: month first)."""
    body = '<p class="date">Published 11/02/2026</p>' + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    html = f"<!doctype html><html lang='{lang}'><head><title>Cycle lanes approved</title></head><body><article>" \
           f"<h1>Cycle lanes approved</h1>{body}</article></body></html>"
    result = extract(html, URL, ExtractHints(country=country))
    assert result.published == expected and result.paragraphs == PARAGRAPHS


def test_a_place_and_the_sites_name_alone_is_a_dateline() -> None:
    body = "<p>أبوظبي - البيان</p>" + "".join(f"<p>{p}</p>" for p in ARABIC)
    html = ("<!doctype html><html lang='ar'><head><title>حملة التطعيم</title>"
            "<meta property='og:site_name' content='البيان'></head>"
            f"<body><article><h1>حملة التطعيم</h1>{body}</article></body></html>")
    assert extract(html, URL).paragraphs == ARABIC
    assert extract(html.replace("og:site_name' content='البيان", "og:site_name' content='الخليج"), URL).paragraphs \
        == ["أبوظبي - البيان", *ARABIC]  # another outlet's name: left as it is
