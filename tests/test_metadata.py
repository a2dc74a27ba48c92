"""Metadata: JSON-LD first, then meta tags, then the page itself, trafilatura and htmldate."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest
from trafilatura.utils import load_html

from processing import metadata

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=timezone.utc)
URL = "https://news.example.test/world/2026/11/19/story"


def page(head: str = "", body: str = "<p>Text of the story.</p>", lang: str = "en") -> str:
    return f'<!doctype html><html lang="{lang}"><head>{head}</head><body><article>{body}</article></body></html>'


def json_ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>'


def read(html: str) -> metadata.PageMetadata:
    return metadata.read(load_html(html), URL, NOW)


NEWS_ARTICLE = {
    "@context": "https://schema.org", "@type": "NewsArticle", "headline": "Headline from JSON-LD",
    "description": "Description from JSON-LD", "datePublished": "2026-11-19T10:42:00+00:00",
    "dateModified": "2026-11-19T11:58:00+00:00",
    "author": [{"@type": "Person", "name": "Hannah Reeve", "jobTitle": "PA Political Correspondent"},
               {"@type": "Person", "name": "Sam Cole"}],
    "publisher": {"@type": "Organization", "name": "The Courier"}, "articleSection": ["Politics", "UK"],
    "image": {"@type": "ImageObject", "url": "/media/lead.jpg"}, "url": URL, "inLanguage": "en-GB",
}
META_TAGS = """
<meta property="og:title" content="Headline from og:title">
<meta property="og:description" content="Description from og">
<meta property="og:site_name" content="Courier (og)">
<meta property="og:image" content="https://cdn.example.test/og.jpg">
<meta property="article:published_time" content="2026-11-18T08:00:00+00:00">
<meta property="article:modified_time" content="2026-11-18T09:00:00+00:00">
<meta property="article:section" content="News (og)">
<meta name="author" content="Meta Author">
<link rel="canonical" href="/world/2026/11/19/story-canonical">
"""


def test_json_ld_news_article_wins() -> None:
    meta = read(page(META_TAGS + json_ld(NEWS_ARTICLE)))
    assert meta.title == "Headline from JSON-LD"
    assert meta.description == "Description from JSON-LD"
    assert meta.published == "2026-11-19T10:42:00+00:00" and meta.modified == "2026-11-19T11:58:00+00:00"
    assert meta.authors == ["Hannah Reeve", "Sam Cole"]
    assert "Hannah Reeve, PA Political Correspondent" in meta.bylines
    assert meta.site_name == "The Courier" and meta.section == "Politics"
    assert meta.image == "https://news.example.test/media/lead.jpg"  # resolved against the page URL
    assert meta.canonical_url == URL
    assert meta.sources["title"] == "json-ld" and meta.sources["published"] == "json-ld"


def test_meta_tags_when_there_is_no_json_ld() -> None:
    meta = read(page(META_TAGS))
    assert meta.title == "Headline from og:title"
    assert meta.published == "2026-11-18T08:00:00+00:00" and meta.modified == "2026-11-18T09:00:00+00:00"
    assert meta.authors == ["Meta Author"]
    assert meta.site_name == "Courier (og)" and meta.section == "News (og)"
    assert meta.image == "https://cdn.example.test/og.jpg"
    assert meta.canonical_url == "https://news.example.test/world/2026/11/19/story-canonical"
    assert meta.declared_language == "en"


def test_news_article_in_a_graph_with_references() -> None:
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "@id": "#site", "name": "Site"},
        {"@type": "Organization", "@id": "#wire", "name": "Reuters"},
        {"@type": "WebPage", "@id": URL, "name": "Page name | Site"},
        {"@type": ["NewsArticle"], "headline": "In the graph", "author": {"@id": "#wire"},
         "publisher": {"@id": "#site"}, "datePublished": "2026-11-17T21:31:05+0300"},
    ]}
    meta = read(page(json_ld(graph)))
    # An agency as author is the wire agency (read from meta.bylines), not a person (#10).
    assert (meta.title, meta.authors, meta.site_name) == ("In the graph", [], "Site")
    assert "Reuters" in meta.bylines
    assert meta.published == "2026-11-17T21:31:05+03:00"


def test_news_article_preferred_over_an_earlier_article_or_page() -> None:
    blog = {"@type": "BlogPosting", "headline": "Blog teaser"}
    news = {"@type": "ReportageNewsArticle", "headline": "The report"}
    assert read(page(json_ld(blog) + json_ld(news))).title == "The report"
    assert read(page(json_ld(blog))).title == "Blog teaser"


def test_broken_json_ld_falls_back_to_meta_tags() -> None:
    broken = '<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>'
    assert read(page(broken + META_TAGS)).title == "Headline from og:title"
    trailing_comma = '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Kept",}</script>'
    assert read(page(trailing_comma)).title == "Kept"


def test_future_date_in_json_ld_is_rejected_and_the_next_source_used() -> None:
    future = dict(NEWS_ARTICLE, datePublished="2031-01-01T00:00:00Z")
    meta = read(page(json_ld(future) + META_TAGS))
    assert meta.published == "2026-11-18T08:00:00+00:00" and meta.sources["published"] == "meta"
    too_old = read(page(json_ld(dict(NEWS_ARTICLE, datePublished="1990-05-05"))))
    assert too_old.published == "2026-11-19" and too_old.sources["published"] == "htmldate"  # from the URL


def test_arabic_date_written_on_the_page() -> None:
    body = '<span class="news-date">الاثنين ١٦ تشرين الثاني ٢٠٢٦ - ١٠:٣٠ ص</span><p>نص الخبر.</p>'
    meta = read(page(body=body, lang="ar"))
    assert meta.published == "2026-11-16T10:30:00" and meta.sources["published"] == "page"
    assert meta.declared_language == "ar"


def test_time_element_datetime() -> None:
    meta = read(page(body='<time datetime="2026-11-12T07:00:00+03:00">Thursday</time><p>Text.</p>'))
    assert meta.published == "2026-11-12T07:00:00+03:00"


def test_visible_byline_gives_authors_without_job_titles() -> None:
    meta = read(page(body='<span class="byline">By Tom Ellery, PA Political Staff</span><p>Text.</p>'))
    assert meta.authors == ["Tom Ellery"]
    assert "By Tom Ellery, PA Political Staff" in meta.bylines


def test_arabic_byline() -> None:
    meta = read(page(body='<span class="writer">كتب: نورة الشمري</span><p>نص.</p>', lang="ar"))
    assert meta.authors == ["نورة الشمري"]


def test_title_and_site_from_the_title_element() -> None:
    meta = read(page("<title>Council backs station bid - Kelby Echo</title>",
                     body="<h1>Council backs station bid</h1><p>Text.</p>"))
    assert meta.title == "Council backs station bid"
    assert meta.site_name == "Kelby Echo"


def test_section_from_breadcrumbs() -> None:
    body = '<nav class="breadcrumb"><a href="/">الرئيسية</a> <a href="/eco">اقتصاد</a></nav><p>نص.</p>'
    assert read(page(body=body, lang="ar")).section == "اقتصاد"


def test_declared_language_from_og_locale_when_html_has_none() -> None:
    html = '<html><head><meta property="og:locale" content="ar_SA"></head><body><p>x</p></body></html>'
    assert read(html).declared_language == "ar"


def test_a_byline_printed_as_a_paragraph_is_read() -> None:
    body = "<h1>افتتاح جسر جديد للمشاة في الواجهة البحرية</h1><p>كتبت: ريم العتيبي</p><p>نص الخبر هنا.</p>"
    assert read(page(body=body, lang="ar")).authors == ["ريم العتيبي"]
    english = "<h1>New footbridge opens on the seafront</h1><p>By Aled Morgan and Ruth Okafor</p><p>Text.</p>"
    assert read(page(body=english)).authors == ["Aled Morgan", "Ruth Okafor"]


def test_json_ld_authors_are_split_and_the_site_is_no_author() -> None:
    several = {"@type": "NewsArticle", "headline": "H", "publisher": {"@type": "Organization", "name": "The Courier"},
               "author": {"@type": "Person", "name": "Aled Morgan, Ruth Okafor and Dev Patel"}}
    assert read(page(json_ld(several))).authors == ["Aled Morgan", "Ruth Okafor", "Dev Patel"]
    site = {**several, "author": {"@type": "Person", "name": "The Courier"}}
    byline = '<span class="byline">By <a href="/people/ruth">Ruth Okafor</a><time>19 Nov 2026</time></span>'
    assert read(page(json_ld(site), body=byline + "<p>Text.</p>")).authors == ["Ruth Okafor"]


def test_a_date_in_script_data_is_never_the_publication_date() -> None:
    head = '<script>var offer = {"expires": "2026-11-20", "cacheUntil": "2026-11-20T23:00:00Z"};</script>'
    undated = load_html(page(head, body="<p>Text of the story, with no date anywhere.</p>"))
    assert metadata.read(undated, "https://news.example.test/story", NOW).published is None
    visible = read(page(head, body="<p>Posted 14 November 2026</p><p>Text.</p>"))
    assert visible.published == "2026-11-14"


def test_a_naive_time_takes_the_outlets_zone() -> None:
    head = '<meta property="article:published_time" content="2026-11-18T09:00:00">'
    tree = load_html(page(head))
    assert metadata.read(tree, URL, NOW, timezone="Asia/Dubai").published == "2026-11-18T09:00:00+04:00"


def test_a_byline_below_the_article_text_is_another_storys() -> None:
    long = "<p>" + "The council approved the new footbridge after a long consultation with residents. " * 4 + "</p>"
    card = '<div class="card"><a href="/other">Another story</a><h6>By Imogen Tate and Bilal Qureshi</h6></div>'
    assert read(page(body=long + card)).authors == []
    assert read(page(body="<p>By Imogen Tate</p>" + long)).authors == ["Imogen Tate"]


def test_a_desk_typed_as_a_person_in_json_ld_is_kept_beside_the_reporter() -> None:
    article = {"@type": "NewsArticle", "headline": "Ferry timetable changes",
               "author": [{"@type": "Person", "name": "Priya Raman"}, {"@id": "#desk", "name": "Travel Team"}]}
    desk = {"@type": "Person", "@id": "#desk", "name": "Travel Team", "url": "/authors/travel-team"}
    meta = read(page(json_ld({"@graph": [article, desk]})))
    assert meta.authors == ["Priya Raman", "Travel Team"]
    untyped = {"@type": "NewsArticle", "headline": "Ferry timetable changes", "author": "Travel Team"}
    assert read(page(json_ld(untyped))).authors == []


def test_a_bold_line_of_names_above_the_text_is_the_byline() -> None:
    body = ("<p><em>Residents say the blasts crack their walls</em></p>"
            "<p><strong>Ines Duarte/Femi Adeyemi</strong></p>"
            f"<p>{'A quarry company has come under criticism from villagers who say blasting damages homes. ' * 4}</p>"
            "<p><strong>Lars van der Berg</strong></p>")
    assert read(page(body=body)).authors == ["Ines Duarte", "Femi Adeyemi"]
    subheading = "<p><strong>The Road Ahead</strong></p><p>Text of the story.</p>"
    assert read(page(body=subheading)).authors == []
    below = (f"<p>{'A quarry company has come under criticism from villagers who say blasting damages homes. ' * 4}"
             "</p><p><strong>Lars van der Berg and Ines Duarte</strong></p>")
    assert read(page(body=below)).authors == []  # below the text: a quoted person, a caption, a card
    for kicker in ("Climate Crisis", "أمطار غزيرة"):  # one name-like bold line: a kicker as likely as a name
        assert read(page(body=f"<p><b>{kicker}</b></p><p>Text of the story.</p>")).authors == []


def test_arabic_names_line_in_bold() -> None:
    body = "<p><b>سلمى الحربي و خالد المنصوري</b></p><p>نص الخبر.</p>"
    assert read(page(body=body, lang="ar")).authors == ["سلمى الحربي", "خالد المنصوري"]


def test_bylines_in_ids_and_data_attributes_are_read_and_checked() -> None:
    # Where trafilatura's byline XPaths also look (an id, a data attribute), checked like any byline.
    text = "<p>" + "افتتحت البلدية اليوم مكتبة عامة جديدة في حي الشاطئ تضم آلاف الكتب. " * 4 + "</p>"
    found = read(page(body=f'<div id="authorbox"><span>ريم الخطيب</span></div>{text}', lang="ar"))
    assert found.authors == ["ريم الخطيب"] and found.sources["authors"] == "byline"
    site = read(page(head='<meta property="og:site_name" content="Gulf Ledger">',
                     body='<div data-component="Byline">Gulf Ledger</div><p>Text.</p>'))
    assert site.authors == []  # the site's own name, whoever reads it


def test_an_organisation_credited_as_author_is_no_person() -> None:
    article = {"@type": "NewsArticle", "headline": "افتتاح جسر جديد للمشاة",
               "author": {"@type": "NewsMediaOrganization", "name": "صحيفة الساحل اليومية"}}
    assert read(page(json_ld(article), lang="ar")).authors == []
    agency = {"@type": "NewsArticle", "headline": "Ferry route resumes",
              "author": [{"@type": "Organization", "name": "Reuters"}]}
    meta = read(page(json_ld(agency)))
    assert meta.authors == [] and "Reuters" in meta.bylines  # left for the wire agency


def test_the_sites_name_with_an_outlet_word_is_the_sites_name() -> None:
    head = '<meta property="og:site_name" content="الساحل">'
    meta = read(page(head + '<meta name="author" content="صحيفة الساحل">', lang="ar"))
    assert meta.authors == []
    meta = read(page('<meta property="og:site_name" content="Harbour Post">'
                     '<meta name="author" content="The Harbour Post Newspaper">'))
    assert meta.authors == []


def test_the_first_meta_author_that_names_somebody() -> None:
    head = ('<meta property="og:site_name" content="Gulf Ledger"><meta name="author" content="Gulf Ledger">'
            '<meta property="article:author" content="Hind Al Suwaidi">')
    assert read(page(head)).authors == ["Hind Al Suwaidi"]


ARABIC_TEXT = "<p>" + "أعلنت الهيئة اليوم بدء التشغيل التجريبي لخط القطار الجديد الذي يربط المنطقة الصناعية بالميناء. " * 2 + "</p>"


def test_authors_of_comments_sidebars_and_story_cards_are_not_the_articles() -> None:
    columnists = ('<aside class="sidebar"><div class="writer"><span class="author-name">فهد الدوسري</span>'
                  '<a href="/op/1">عن الاقتصاد والناس</a></div></aside>')
    assert read(page(body=columnists + ARABIC_TEXT * 3, lang="ar")).authors == []
    comments = ('<div id="comments"><div class="comment"><span class="comment-author">سالم الرشيدي</span>'
                '<p>متى تنزل الأسعار؟</p></div></div>')
    assert read(page(body=ARABIC_TEXT * 3 + comments, lang="ar")).authors == []
    cards = "".join(f'<div class="card"><a href="/n/{i}"><h4>خبر آخر رقم {i} عن المدينة</h4></a>'
                    f'<span class="author">{name}</span></div>' for i, name in enumerate(["حمد البلوشي", "مريم الهنائي"]))
    assert read(page(body=ARABIC_TEXT * 3 + f'<div class="more">{cards}</div>', lang="ar")).authors == []
    # two names of one byline, each in its own element, are still the article's authors
    byline = '<div class="meta"><span class="author">لينا الخطيب</span> و <span class="author">كريم منصور</span></div>'
    assert read(page(body=byline + ARABIC_TEXT * 3, lang="ar")).authors == ["لينا الخطيب", "كريم منصور"]
    english = '<p>By <a class="author" href="/a">Jane Doe</a> and <a class="author" href="/b">John Roe</a></p>'
    assert read(page(body=english + "<p>Text of the story.</p>")).authors == ["Jane Doe", "John Roe"]


def test_a_byline_line_that_closes_the_article_is_read() -> None:
    body = f'<div class="post-body">{ARABIC_TEXT * 3}<p>تقرير: يوسف بنعلي</p></div>'
    assert read(page(body=body, lang="ar")).authors == ["يوسف بنعلي"]
    body = f'<div class="post-body">{ARABIC_TEXT * 3}<p><strong>إعداد:</strong> ريم حداد</p></div>'
    assert read(page(body=body, lang="ar")).authors == ["ريم حداد"]
    # a line opening a sentence, not a credit
    body = f'<div class="post-body">{ARABIC_TEXT * 3}<p>تقرير صادر عن البنك الدولي</p></div>'
    assert read(page(body=body, lang="ar")).authors == []
    # a byline line in a story card after the article is that story's
    cards = "".join(f'<div class="card"><a href="/x{i}">عنوان خبر آخر عن المدينة</a><p>كتب: {name}</p></div>'
                    for i, name in enumerate(["حمد البلوشي", "مريم الهنائي"]))
    assert read(page(body=ARABIC_TEXT * 3 + cards, lang="ar")).authors == []


def test_arabic_byline_words_with_or_without_a_space_after_the_colon() -> None:
    for line in ("كتب:محمد الزعبي", "كتب: محمد الزعبي", "كتب - محمد الزعبي", "كتب محمد الزعبي"):
        assert read(page(body=f"<p>{line}</p>" + ARABIC_TEXT, lang="ar")).authors == ["محمد الزعبي"], line


def test_the_publication_date_is_read_before_the_last_update() -> None:
    body = ('<div class="dates"><span class="update-date">آخر تحديث: 16 نوفمبر 2026 - 14:10</span> '
            '<span class="publish-date">نشر في: 14 نوفمبر 2026 - 09:00</span></div>' + ARABIC_TEXT)
    assert read(page(body=body, lang="ar")).published == "2026-11-14T09:00:00"
    body = ('<span class="updated">Last updated: Tue 17 Nov 2026, 4:20 PM</span>'
            '<span class="published">Published: Mon 16 Nov 2026, 9:41 AM</span><p>Text of the story.</p>')
    assert read(page(body=body)).published == "2026-11-16T09:41:00"
    only_update = '<span class="updated">Last updated: Tue 17 Nov 2026, 4:20 PM</span><p>Text of the story.</p>'
    assert read(page(body=only_update)).published == "2026-11-17T16:20:00"


def test_a_line_that_is_nothing_but_a_date_dates_an_arabic_page() -> None:
    layout = (f'<table><tr><td><font size="2">الثلاثاء 17 نوفمبر 2026</font><br>{ARABIC_TEXT * 3}</td></tr></table>')
    assert read(page(body=layout, lang="ar")).published == "2026-11-17"
    relative = page(body=f'<div>منذ ساعتين</div>{ARABIC_TEXT * 3}', lang="ar")  # "two hours ago": no date to invent
    assert metadata.read(load_html(relative), "https://news.example.test/story", NOW).published is None


def test_the_byline_line_dates_the_page() -> None:
    body = ('<p class="meta">By Staff Writer | Published on November 14, 2026 at 10:05 am</p>'
            '<p>Text of the story.</p>')
    assert read(page(body=body)).published == "2026-11-14T10:05:00"


def test_a_logo_in_an_h1_is_the_sites_name_not_the_headline() -> None:
    article = '<h2 class="entry-title">السوق يغلق على ارتفاع</h2>' + ARABIC_TEXT
    for logo in ('<h1 class="site-title"><a href="/">مدونة الساحل الاقتصادية</a></h1>',
                 '<h1><a href="https://news.example.test/" rel="home">مدونة الساحل الاقتصادية</a></h1>',
                 '<h1 id="logo">مدونة الساحل الاقتصادية</h1>'):
        html = page('<title>السوق يغلق على ارتفاع - مدونة الساحل الاقتصادية</title>', body=logo + article, lang="ar")
        meta = read(html)
        assert (meta.title, meta.site_name) == ("السوق يغلق على ارتفاع", "مدونة الساحل الاقتصادية"), logo
    # an h1 that links to the story itself is the headline
    own = '<h1><a href="/world/2026/11/19/story">السوق يغلق على ارتفاع</a></h1>' + ARABIC_TEXT
    assert read(page('<title>السوق يغلق على ارتفاع - مدونة الساحل</title>', body=own, lang="ar")).title == \
        "السوق يغلق على ارتفاع"


def test_todays_date_in_the_sites_header_is_not_the_articles() -> None:
    top = ('<div class="top-bar"><span class="today-date">الجمعة 20 نوفمبر 2026 - 5 جمادى الأولى 1448 هـ</span></div>')
    body = top + '<h1>الأرصاد تتوقع أمطاراً غزيرة</h1><div class="article-date">الثلاثاء 10 نوفمبر 2026 - 09:15 ص</div>'
    assert read(page(body=body + ARABIC_TEXT, lang="ar")).published == "2026-11-10T09:15:00"
    header = '<header><div class="date">Friday, November 20, 2026</div><nav><a href="/">Home</a></nav></header>'
    html = (f'<!doctype html><html lang="en"><head></head><body>{header}<main><h1>Port berths contract signed</h1>'
            f'<div class="story-date">November 12, 2026</div><p>Text of the story.</p></main></body></html>')
    assert read(html).published == "2026-11-12"
    # an article's own <header> holds its date
    own = ('<!doctype html><html lang="en"><head></head><body><article><header><h1>Port berths contract signed</h1>'
           '<time>November 12, 2026</time></header><p>Text of the story.</p></article></body></html>')
    assert read(own).published == "2026-11-12"


def test_a_byline_of_several_links_is_read_link_by_link() -> None:
    more = '<div class="author"><a href="/w/1">فهد الدوسري</a> <a href="/w/1/all">المزيد من مقالات الكاتب</a></div>'
    assert read(page(body=more + ARABIC_TEXT, lang="ar")).authors == ["فهد الدوسري"]
    english = '<div class="author"><a href="/a/j">Jane Doe</a> <a href="/a/j/all">More articles by this author</a></div>'
    assert read(page(body=english + "<p>Text of the story.</p>")).authors == ["Jane Doe"]


def test_a_line_break_in_the_headline_is_a_space() -> None:
    tree = load_html("<html><head><title>x</title></head><body><h1>Viaduct cracks:<br>weeks <em>of</em> delays"
                     "<br/><!-- c -->ahead</h1><p>text</p></body></html>")
    assert metadata.heading_text(tree.find(".//h1")) == "Viaduct cracks: weeks of delays ahead"
    assert metadata.read(tree).title == "Viaduct cracks: weeks of delays ahead"


def test_the_labelled_publication_date_beside_the_update() -> None:
    tree = load_html("<html><head><title>x</title></head><body><h1>Viaduct repairs</h1><div class='time-info'>"
                     "Updated: 14:05, 3 Nov 2026 | Published: 09:12, 2 Nov 2026</div><p>text</p></body></html>")
    assert metadata.read(tree, now=datetime(2026, 11, 21, tzinfo=timezone.utc)).published == "2026-11-02T09:12:00"


@pytest.mark.parametrize("element, authors", [
    ('<div class="article-source">By Jane Doe</div>', ["Jane Doe"]),
    ('<span class="news_source">كتبت: هند السويدي</span>', ["هند السويدي"]),
    ('<p class="author-source">Rashid Al Mansoori - Dubai</p>', ["Rashid Al Mansoori"]),
    ('<div class="byline__name"><a href="/staff/jr">John Roe</a></div>', ["John Roe"]),
    ('<span class="newsWriter">بقلم: سالم الكعبي</span>', ["سالم الكعبي"]),
    ('<div class="post-by">Posted by Mia Khan</div>', ["Mia Khan"]),
    ('<span class="kateb">خالد المنصوري</span>', ["خالد المنصوري"]),
    ('<span itemprop="creator">Luis García Pérez</span>', ["Luis García Pérez"]),
    ('<div class="nom-auteur">Par Claire Dubois</div>', ["Claire Dubois"]),
    ('<div class="source">الرياض - واس</div>', []),
])
def test_a_byline_in_an_element_named_for_its_source_or_writer(element: str, authors: list[str]) -> None:
    lang = "ar" if any("\u0600" <= ch <= "\u06ff" for ch in element) else "en"
    meta = read(page(body=element + "<p>Text of the story, long enough to be the article's first paragraph.</p>",
                     lang=lang))
    assert meta.authors == authors


def test_a_source_element_names_the_agency_not_an_author() -> None:
    meta = read(page(body='<div class="article-source">المصدر: وكالة الأنباء الكويتية</div><p>نص الخبر.</p>', lang="ar"))
    assert meta.authors == [] and "المصدر: وكالة الأنباء الكويتية" in meta.bylines


@pytest.mark.parametrize("value", ["image-source", "photo-credit", "editors-picks", "source-code", "editor-content",
                                   "post-source-link", "lobby", "entry-meta", "quote-source", "sort-by"])
def test_classes_that_are_not_bylines(value: str) -> None:
    assert not metadata.is_byline_class(value)


@pytest.mark.parametrize("body", [
    '<figure><img src="a.jpg"><figcaption class="image-source">Jane Doe</figcaption></figure>',
    '<figure><img src="a.jpg"><figcaption>The pier at dusk. <span class="source">Jane Doe</span></figcaption></figure>',
    '<blockquote><p>We will rebuild the pier.</p><cite class="quote-source">Jane Doe, council leader</cite></blockquote>',
    '<blockquote><p>We will rebuild the pier.</p><span class="source">Jane Doe</span></blockquote>',
])
def test_a_picture_or_quotation_source_is_no_byline(body: str) -> None:
    meta = read(page(body=body + '<p>Text of the story.</p>'))
    assert meta.authors == []


@pytest.mark.parametrize("lang, value, expected", [
    ("en-US", "02/11/2026 10:30", "2026-02-11T10:30:00"), ("en-GB", "02/11/2026 10:30", "2026-11-02T10:30:00"),
    ("ar", "02/11/2026", "2026-11-02"), ("en-US", "13/11/2026", "2026-11-13"),
])
def test_a_numeric_date_in_structured_data_follows_the_pages_locale(lang: str, value: str, expected: str) -> None:
    meta = read(page(head=json_ld({"@type": "NewsArticle", "headline": "H", "datePublished": value}), lang=lang))
    assert meta.published == expected


def test_the_registry_country_decides_before_the_pages_locale() -> None:
    html = page(head='<meta property="article:published_time" content="02/11/2026">', lang="en-US")
    assert metadata.read(load_html(html), URL, NOW, country="AE").published == "2026-11-02"
    assert metadata.read(load_html(html), URL, NOW, country="US").published == "2026-02-11"


def test_a_national_agency_credited_as_author_is_the_wire_not_a_person() -> None:
    meta = read(page(head=json_ld({"@type": "NewsArticle", "headline": "H",
                                   "author": {"@type": "Organization", "name": "Kuwait News Agency"}}), lang="ar"))
    assert meta.authors == [] and meta.bylines == ["Kuwait News Agency"]


TEXT_AR = "<p>" + "نص الخبر كما نشره الموقع في صفحته مع تفاصيل إضافية عن الحدث. " * 6 + "</p>"


def test_the_date_of_a_related_storys_card_before_the_article_is_not_the_articles() -> None:
    """Cards of other stories above the article, each with its own date element (#10)."""
    cards = "".join(f'<div class="card"><a href="/s{i}">عنوان خبر آخر رقم {i}</a><span class="date">{day} نوفمبر 2026</span></div>'
                    for i, day in ((1, 12), (2, 11)))
    html = (f'<!doctype html><html lang="ar"><head><title>عنوان</title></head><body><div class="latest">{cards}</div>'
            f'<main><article><h1>سلطنة عمان تطلق أكبر مشروع للطاقة الشمسية</h1>'
            f'<div class="article-meta"><span class="date">الإثنين 16 نوفمبر 2026</span></div>{TEXT_AR}</article></main></body></html>')
    assert read(html).published == "2026-11-16"


@pytest.mark.parametrize("h1", ['<h1 class="section-name"><a href="/world">أخبار العالم</a></h1>',  # a link to a page above
                                '<h1>World News</h1>'])  # the page's article:section
def test_an_h1_that_names_the_section_is_not_the_headline(h1: str) -> None:
    html = page('<title>Schools may raise fees next year | The Courier</title>'
                '<meta property="og:title" content="Schools may raise fees next year">'
                '<meta property="og:site_name" content="The Courier"><meta property="article:section" content="World News">',
                f'{h1}<h2 class="article-headline">Schools may raise fees next year</h2><p>Text.</p>')
    assert read(html).title == "Schools may raise fees next year"


def test_an_h1_linked_to_the_story_itself_is_still_the_headline() -> None:
    html = page('<title>Courier</title>', f'<h1><a href="{URL}">Schools may raise fees next year</a></h1><p>Text.</p>')
    assert read(html).title == "Schools may raise fees next year"


def test_an_old_layouts_headline_in_a_table_row_of_its_own() -> None:
    """<td><font><b>headline</b></font></td> in one row, the text in the next: the headline, not the
    <title>'s site name (#10)."""
    html = ('<html dir="rtl"><head><title>أخبار الجزيرة العربية</title></head><body><table><tr>'
            '<td><a href="/">الرئيسية</a></td><td><table><tr><td><font size="5"><b>افتتاح منتدى الأمن المائي بمشاركة'
            ' ثلاثمئة خبير</b></font></td></tr><tr><td><font size="3">الرياض - واس<br>'
            + "نص الخبر كما نشرته الوكالة مع تفاصيل إضافية عن الحدث. " * 6 + '</font></td></tr></table></td></tr></table></body></html>')
    assert read(html).title == "افتتاح منتدى الأمن المائي بمشاركة ثلاثمئة خبير"


def test_a_writer_label_paragraph_is_a_byline() -> None:
    html = page("<title>عنوان الخبر الكامل</title>", "<h1>عنوان الخبر الكامل</h1><p>الكاتب: منية بن سالم</p>" + TEXT_AR, "ar")
    assert read(html).authors == ["منية بن سالم"]


@pytest.mark.parametrize("line", ["آخر تحديث: 13 نوفمبر 2026 | نشر: 12 نوفمبر 2026",
                                  "آخر تحديث: 13 نوفمبر 2026 - نُشر في 12 نوفمبر 2026",
                                  "تحديث 13 نوفمبر 2026 · نشرت في 12 نوفمبر 2026"])
def test_the_arabic_publication_label_after_the_update_in_one_element(line: str) -> None:
    """«نشر:», «نُشر في» (with its damma), «نشرت في» after «آخر تحديث» in the same element (#10)."""
    html = page("<title>عنوان الخبر الكامل</title>", f'<h1>عنوان الخبر الكامل</h1><div class="date">{line}</div>' + TEXT_AR, "ar")
    assert read(html).published == "2026-11-12"


def test_the_logos_alt_text_names_the_site_in_the_title() -> None:
    """og:site_name in Latin letters, the <title> and og:title ending in the Arabic name the logo's alt
    text gives, no <h1>: the name is cut (#10)."""
    title = "وزير التعليم: لا امتحانات في الإجازة الصيفية"
    html = page(f'<title>{title} - المصري توداي</title><meta property="og:title" content="{title} - المصري توداي">'
                '<meta property="og:site_name" content="Masry Today">',
                '<div class="site-logo"><img src="/logo.png" alt="المصري توداي"></div>' + TEXT_AR, "ar")
    assert read(html).title == title


@pytest.mark.parametrize("opening, authors", [
    ("القاهرة - كتب أحمد علي: ", ["أحمد علي"]),  # a place, then the credit, run into the story (#10)
    ("كتبت - منى سليم: ", ["منى سليم"]),
    ("كتب التاريخ فصلاً جديداً: ", []),  # a sentence
    ("كتب الوزير رسالة إلى: ", []),
])
def test_a_credit_that_opens_the_first_paragraph(opening: str, authors: list[str]) -> None:
    html = page("<title>عنوان الخبر الكامل</title>", f"<h1>عنوان الخبر الكامل</h1><p>{opening}{TEXT_AR[3:-4]}</p>", "ar")
    assert read(html).authors == authors


def test_a_misspelt_author_class() -> None:
    html = page("<title>عنوان الخبر الكامل</title>", '<h1>عنوان الخبر الكامل</h1><div class="auther">أحمد علي</div>' + TEXT_AR, "ar")
    assert read(html).authors == ["أحمد علي"]


def test_a_recent_or_related_storys_date_and_a_comments_date_do_not_date_the_article() -> None:
    story = "<p>" + "The council approved the budget for the new library after a long debate. " * 5 + "</p>"
    recent = ('<div class="block-views-recent"><h2>Latest</h2><div class="views-row"><a href="/y">Gold steadies</a>'
              '<span class="date">28 November 2026</span></div></div>')
    comments = ('<div class="comment-list"><div class="comment"><span class="name">Morag Dunn</span>'
                '<span class="comment-time">20 November 2026 11:12</span><p>Such a shame.</p></div></div>')
    html = (f'<!doctype html><html lang="en"><head></head><body>{recent}<article><h1>Library budget approved</h1>'
            f'<div class="submitted">Thu, 11/19/2026 - 13:20</div>{story}{comments}</article></body></html>')
    meta = metadata.read(load_html(html), "https://news.example.test/story", NOW)
    assert meta.published != "2026-11-28" and not (meta.published or "").startswith("2026-11-20")


@pytest.mark.parametrize("line", [
    'Updated <time datetime="2026-11-18T10:00:00Z">Nov 18</time> · Published <time datetime="2026-11-16T09:00:00Z">Nov 16</time>',
    '<span>Updated</span> <time datetime="2026-11-18T10:00:00Z">Nov 18, 2026</time><br><span>Published</span> '
    '<time datetime="2026-11-16T09:00:00Z">Nov 16, 2026</time>',
    'Last modified: <span class="date">18 November 2026</span> | First published: <span class="date">16 November 2026</span>',
    '<span class="authors">Ama Owusu</span><span>Updated</span> <time datetime="2026-11-18T10:00:00Z">Nov 18</time>'
    '<span>Published</span> <time datetime="2026-11-16T09:00:00Z">Nov 16</time>',  # the label not glued to the name
    '<div><span>Updated</span><span><time datetime="2026-11-18T10:00:00Z">Nov 18</time></span></div>'
    '<div><span>Published</span><span><time datetime="2026-11-16T09:00:00Z">Nov 16</time></span></div>',
])
def test_an_update_labelled_just_before_its_date_element_is_not_the_publication(line: str) -> None:
    body = f'<h1>Library budget approved at last</h1><p class="meta">{line}</p>' + "<p>" + "The council approved it. " * 20 + "</p>"
    assert (read(page(body=body)).published or "")[:10] == "2026-11-16"


def test_the_articles_h1_before_a_sections_h1() -> None:
    head = '<meta property="og:title" content="What the library means for you">'
    html = (f'<!doctype html><html lang="en"><head>{head}</head><body><h1>Local Politics</h1><article>'
            '<h1>Library budget approved at last</h1><p>Text of the story.</p></article></body></html>')
    assert metadata.read(load_html(html), URL, NOW).title == "Library budget approved at last"


def test_a_date_and_its_time_in_child_elements_are_not_glued() -> None:
    line = '<div class="article-date"><span>November 16, 2026</span><span>5:45 PM GMT+4</span></div>'
    body = f'<h1>Library budget approved at last</h1>{line}' + "<p>" + "The council approved it. " * 20 + "</p>"
    assert read(page(body=body)).published == "2026-11-16T17:45:00+04:00"


def test_an_article_listed_in_an_item_list_is_another_story() -> None:
    other = {"@type": "NewsArticle", "headline": "Another story", "datePublished": "2026-10-01T10:00:00Z",
             "author": {"@type": "Person", "name": "Ann Poe"}}
    own = {"@type": "NewsArticle", "headline": "Library budget approved", "datePublished": "2026-11-18T10:00:00Z",
           "author": {"@type": "Person", "name": "Jane Doe"}}
    for listed in ({"@type": "ItemList", "itemListElement": [other]},
                   {"@type": "ItemList", "itemListElement": [{"@type": "ListItem", "position": 1, "item": other}]}):
        meta = read(page(head=json_ld(listed) + json_ld(own)))
        assert (meta.authors, meta.published) == (["Jane Doe"], "2026-11-18T10:00:00+00:00")


@pytest.mark.parametrize("key", ["author", "parsely-author", "article:author"])
def test_each_of_several_author_tags_of_one_key_names_an_author(key: str) -> None:
    head = f'<meta name="{key}" content="Jane Doe"><meta name="{key}" content="John Roe, Data Editor">'
    assert read(page(head=head)).authors == ["Jane Doe", "John Roe"]
    head = '<meta name="author" content="Harbour Desk Staff"><meta property="article:author" content="Jane Doe">'
    assert read(page(head=head)).authors == ["Jane Doe"]


@pytest.mark.parametrize("line, expected", [
    # a data-testid naming a byline or an author (#10)
    ('<div data-testid="byline-contributors"><div><span>Jane Doe</span></div><div>Political correspondent</div></div>',
     ["Jane Doe"]),
    ('<div data-testid="author-name">Jane Doe</div>', ["Jane Doe"]),
    # "BY" in capitals on a line of its own
    ("<p>BY JANE DOE</p>", ["Jane Doe"]),
    # one name per element inside the byline's element
    ('<div class="c-byline"><span class="c-byline__label">Words by</span><span class="c-byline__name">Jane Doe</span>'
     '<span class="c-byline__name">John Roe</span></div>', ["Jane Doe", "John Roe"]),
    # a link to the writer's page, whose address spells the name
    ('<div class="article__meta"><a href="/author/jane-doe/">Jane Doe</a></div>', ["Jane Doe"]),
    ('<div class="article__meta"><a href="/author/jd/">More Stories From Jane</a></div>', []),
    ('<div class="article__meta"><a href="/people/real-life">Real Life</a></div>', []),  # a section, not a writer
    ('<address>Harbour House 3003 Bern</address>', []),  # a contact address
])
def test_bylines_without_a_byline_class(line: str, expected: list[str]) -> None:
    body = f"<h1>Library budget approved at last</h1>{line}" + "<p>" + "The council approved it. " * 20 + "</p>"
    assert read(page(body=body)).authors == expected


@pytest.mark.parametrize("container", ["user-comments", "read-next", "more-from-section", "latest-news-list",
                                       "you-may-like"])
def test_dates_and_bylines_in_other_stories_blocks_are_not_the_articles(container: str) -> None:
    story = "<p>" + "The council approved the budget for the new library after a long debate. " * 5 + "</p>"
    block = (f'<div class="{container}"><div class="item"><a href="/y">Gold steadies</a>'
             '<span class="date">28 November 2026</span><span class="byline">By Ann Poe</span></div></div>')
    html = (f'<!doctype html><html lang="en"><head></head><body>{block}<article><h1>Library budget approved</h1>'
            f'{story}</article></body></html>')
    meta = metadata.read(load_html(html), "https://news.example.test/story", NOW)
    assert meta.published != "2026-11-28" and meta.authors == []


def test_reading_the_metadata_leaves_the_page_as_it_was() -> None:
    """The last date source (htmldate, reached only when nothing else dates the page) dropped the data
    scripts, templates and <noscript> elements from the page itself, and the text was extracted from
    what was left: a Blogger page holding its article in <noscript> came out as its sidebar (#10)."""
    import lxml.html

    story = "".join(f"<p>Paragraph {n} of the post about browser protection and what it changes.</p>" for n in range(8))
    html = ('<!doctype html><html lang="en"><head><title>Security notes</title>'
            '<script>var config = {"expires": "2026-11-29"};</script></head><body>'
            '<div class="sidebar"><h2>Labels</h2><a href="/l/a">android</a> <a href="/l/b">chrome</a></div>'
            f'<div class="post"><h3>Protection now available</h3><noscript>{story}</noscript>'
            '<template><p>Loading...</p></template></div></body></html>')
    tree = load_html(html)
    before = lxml.html.tostring(tree)
    metadata.read(tree, "https://notes.example.test/protection.html", NOW)  # nothing but htmldate can date it
    assert lxml.html.tostring(tree) == before


@pytest.mark.parametrize("header", ['<header class="entry-header">', "<header>"])
def test_a_story_header_outside_article_is_the_storys_not_the_sites(header: str) -> None:
    """WordPress themes head the post with a <header> outside any <article> or <main>: its date is the
    story's, while the site's <header> date (today's) is not (#10)."""
    html = ('<html lang="ar"><head><title>عنوان الخبر الكامل</title></head><body><header id="masthead">'
            '<span class="date">الأربعاء 18 نوفمبر 2026</span></header><div class="post">'
            f'{header}<h1 class="entry-title">عنوان الخبر الكامل هنا</h1><span class="date">12 نوفمبر 2026</span></header>'
            f'<div class="entry-content">{TEXT_AR}</div></div></body></html>')
    assert read(html).published == "2026-11-12"


def test_a_microdata_author_named_in_a_meta_element() -> None:
    """<div itemprop="author" itemscope><meta itemprop="name" content="…"></div>: nothing visible (#10)."""
    html = page("<title>عنوان الخبر الكامل</title>", '<h1>عنوان الخبر الكامل</h1><div itemprop="author" itemscope '
                'itemtype="https://schema.org/Person"><meta itemprop="name" content="أحمد علي"></div>' + TEXT_AR, "ar")
    assert read(html).authors == ["أحمد علي"]


@pytest.mark.parametrize("line", ["۱۲ تشرين الثاني ۲۰۲۶", "١٢ تشرين الثاني ٢٠٢٦", "12 تشرين الثاني 2026"])
def test_a_date_line_in_any_digit_set(line: str) -> None:
    """A date on a line of its own, no class to say so, in Persian digits too (#10)."""
    html = page("<title>عنوان الخبر الكامل</title>", f'<h1>عنوان الخبر الكامل</h1><font size="2">{line}</font>' + TEXT_AR, "ar")
    assert read(html).published == "2026-11-12"


def test_another_storys_json_ld_before_the_articles_own() -> None:
    """A related story's NewsArticle listed in the page's JSON-LD before the article's own node: the
    node that names this page (or no other) is the article's (#10)."""
    related = {"@context": "https://schema.org", "@type": "ItemList", "itemListElement": [
        {"@type": "NewsArticle", "headline": "Another story", "url": "https://news.example.test/world/2026/11/02/other",
         "datePublished": "2026-11-02T10:00:00+00:00", "author": {"@type": "Person", "name": "Laila Hassan"}}]}
    own = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Headline from JSON-LD",
           "mainEntityOfPage": {"@type": "WebPage", "@id": URL}, "datePublished": "2026-11-19T10:42:00+00:00",
           "author": {"@type": "Person", "name": "Hannah Reeve"}}
    found = read(page(json_ld(related) + json_ld(own)))
    assert (found.authors, found.published) == (["Hannah Reeve"], "2026-11-19T10:42:00+00:00")
    alone = read(page(json_ld(related)))  # listed in an ItemList: another story's, even as the only node
    assert alone.authors == []


def test_a_blogs_post_date_inside_a_widget_container() -> None:
    """A blog's own post stands in a "widget" container: its date is read when no other date
    element is outside such containers (#10)."""
    html = page("<title>Post title here</title>", '<div class="widget Blog"><div class="post"><h1>Post title here</h1>'
                '<div class="published">May 19, 2026</div><p>Text.</p></div></div>')
    assert read(html).published == "2026-05-19"


def test_a_section_meta_that_says_the_headline_is_no_label() -> None:
    html = page('<title>Why we need patience now | The Courier</title><meta property="og:title" content="Why we need patience now">'
                '<meta name="section" content="Why we need patience now">',
                '<h1>Why we need patience now</h1><h1><a href="/other">Another story entirely here</a></h1><p>Text.</p>')
    assert read(html).title == "Why we need patience now"


@pytest.mark.parametrize("head", [
    '<meta name="twitter:label1" content="Written by"><meta name="twitter:data1" content="Jane Doe">'
    '<meta name="twitter:label2" content="Est. reading time"><meta name="twitter:data2" content="4 minutes">',
    '<meta property="article:author_name" content="Jane Doe">',
    '<meta name="cXenseParse:author" content="Jane Doe">',
])
def test_more_author_meta_tags(head: str) -> None:
    assert read(page(head=head)).authors == ["Jane Doe"]  # (#10)


def test_a_twitter_card_pair_that_is_no_writer() -> None:
    head = '<meta name="twitter:label1" content="Est. reading time"><meta name="twitter:data1" content="Jane Doe">'
    assert read(page(head=head)).authors == []


@pytest.mark.parametrize("key", ["article:published", "article_date_original", "original-publish-date",
                                 "publication-date", "dcterms.date"])
def test_more_publication_date_meta_tags(key: str) -> None:
    assert read(page(head=f'<meta name="{key}" content="2026-11-18T09:30:00+00:00">')).published == \
        "2026-11-18T09:30:00+00:00"  # (#10)


@pytest.mark.parametrize("line, lang, expected", [
    ("محمد علي - القاهرة", "ar", ["محمد علي"]),
    ("Jane Doe - London", "en", ["Jane Doe"]),
    ("وزارة الصحة - القاهرة", "ar", []),
])
def test_a_name_and_city_paragraph_above_the_story_is_its_byline(line: str, lang: str, expected: list[str]) -> None:
    """No byline element, only a paragraph «فلان - القاهرة» above the text: the author, and a line that is
    not the story's text (#10)."""
    from processing.extract import extract

    story = ("<p>" + "نص الخبر كما نشره الموقع في صفحته مع تفاصيل إضافية عن الحدث. " * 4 + "</p>") if lang == "ar" else \
        ("<p>" + "The council approved the new library budget after a long debate on Tuesday night. " * 4 + "</p>")
    html = (f'<!doctype html><html lang="{lang}"><head><title>Headline of the story</title></head><body><article>'
            f"<h1>Headline of the story</h1><p>{line}</p>{story}{story}</article></body></html>")
    found = extract(html.encode(), "https://news.example.test/2026/11/19/story", now=NOW)
    assert found.authors == expected
    assert (found.text.split("\n\n")[0] == line) is (not expected)
