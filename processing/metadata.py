"""An article page's metadata: JSON-LD (NewsArticle first), then meta tags, then trafilatura and htmldate.

Each field takes the first source that has it, in that order, so that what a publisher states
explicitly wins over what a heuristic guesses. Dates pass through :mod:`processing.dates` (Arabic
digits and month names parse; dates before 1995 or in the future are dropped).
"""

from __future__ import annotations

import copy
import html
import itertools
import json
import logging
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Callable, Iterable, Iterator, Sequence
from urllib.parse import unquote, urljoin, urlsplit

from lxml import etree
from lxml.html import HtmlElement

from processing import bylines, dates, headline

logger = logging.getLogger(__name__)

NEWS_TYPES = frozenset({
    "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle", "backgroundnewsarticle",
    "reviewnewsarticle", "asknewsarticle", "satiricalarticle", "liveblogposting",
})
ARTICLE_TYPES = frozenset({"article", "blogposting", "socialmediaposting", "report", "scholarlyarticle",
                           "techarticle", "posting", "webpage", "itempage"})

_META_TITLE = ("og:title", "twitter:title", "dc.title", "dcterms.title", "parsely-title", "sailthru.title")
_META_DESCRIPTION = ("og:description", "description", "twitter:description", "dc.description", "dcterms.description")
_META_PUBLISHED = (
    "article:published_time", "og:published_time", "og:article:published_time", "datepublished", "pubdate",
    "publishdate", "publish-date", "publish_date", "publication_date", "date", "dc.date", "dc.date.issued",
    "dcterms.issued", "dcterms.created", "dc.date.created", "sailthru.date", "parsely-pub-date",
    "article.published", "originalpublicationdate", "datecreated", "cxenseparse:recs:publishtime",
    "article:published", "article_date_original", "original-publish-date", "publication-date", "dcterms.date",
    "dc.date.published",
)
_META_MODIFIED = ("article:modified_time", "og:updated_time", "datemodified", "dc.date.modified",
                  "dcterms.modified", "last-modified", "article.updated", "lastmod")
_META_AUTHOR = ("author", "article:author", "article:author_name", "author_name", "og:article:author", "dc.creator",
                "dcterms.creator", "parsely-author", "sailthru.author", "cxenseparse:author", "article.author", "byl",
                "twitter:creator")
_META_SITE = ("og:site_name", "application-name", "publisher", "dc.publisher", "twitter:site")
_META_SECTION = ("article:section", "section", "parsely-section", "category", "article.section", "og:section")
_META_IMAGE = ("og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src", "image",
               "thumbnailurl")
_META_LOCALE = ("og:locale", "content-language", "language", "dc.language", "inlanguage")

# A cheap test of a class attribute before :func:`is_byline_class` reads its words (one pass over the
# page's elements in Python costs less than an XPath of as many contains() tests).
_BYLINE_CLASS_HINT = re.compile(r"yline|uthor|uther|riter|eporter|ource|ournalist|ontributor|olumnist|orrespondent|reator"
                                r"|ditor|by|By|uteur|utor|ateb|atib")
# The words of a class name or itemprop that mark a byline's element (split at "-", "_", "__" and
# case changes: "article-source", "byline__name", "newsWriter", "post_by"): the author's
# (English, French, Spanish, German, Italian and transliterated Arabic «كاتب»), a reporter's or
# an editor's role, "by", and the story's source (where many Arabic pages credit the writer or the
# agency: «المصدر: …», «الرياض - واس»).
BYLINE_CLASS_WORDS = frozenset({
    "byline", "bylines", "byl", "author", "authors", "writer", "writers", "reporter", "reporters", "journalist",
    "journalists", "contributor", "contributors", "columnist", "correspondent", "creator", "editor", "by",
    "auther", "writter",  # (misspelt so on many Arabic sites)
    "auteur", "autor", "autore", "verfasser", "kateb", "katib", "source"})
# Words beside them that make the element something else: a picture's credit or source, the editors'
# picks, an author's portrait, biography or links, code ("source-code"), a link to the original, a
# rich-text editor's content ("editor-content": the article's body), a quotation's source (the
# person quoted), a listing's "sort-by".
NOT_BYLINE_CLASS_WORDS = frozenset({
    "image", "img", "photo", "pic", "picture", "video", "media", "caption", "credit", "credits", "figure", "code",
    "pick", "picks", "choice", "choices", "avatar", "thumb", "thumbnail", "bio", "biography", "social", "follow",
    "more", "list", "map", "link", "url", "icon", "logo", "box", "widget", "card", "tools", "toolbar", "note",
    "notes", "comment", "comments", "data", "content", "body", "quote", "quotes", "blockquote", "pullquote", "cite",
    "citation", "testimonial", "reference", "references", "footnote", "sort", "filter"})
# Words that have always marked a byline, whatever stands beside them (read before this generalisation).
_CLASSIC_BYLINE = re.compile(r"byline|author|writer|reporter", re.IGNORECASE)
_CLASS_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")
BYLINE_ITEMPROPS = frozenset({"author", "creator", "contributor"})


def is_byline_class(value: str | None) -> bool:
    """Whether a class attribute (or itemprop) ``value`` marks a byline's element: one of its class
    names holds "byline", "author", "writer" or "reporter", or is made of words among which one is
    in :data:`BYLINE_CLASS_WORDS` and none in :data:`NOT_BYLINE_CLASS_WORDS` ("article-source",
    "news_writer", "byline__name", "posted-by", "kateb"; not "image-source", "editors-picks")."""
    for token in (value or "").split():
        if _CLASSIC_BYLINE.search(token):
            return True
        words = {word.lower() for word in _CLASS_WORD.findall(token)}
        if words & BYLINE_CLASS_WORDS and not words & NOT_BYLINE_CLASS_WORDS:
            return True
    return False


@dataclass
class _PageElements:
    """What one walk of the page's elements finds for several readers (each list in document order),
    in place of an XPath over every element for each reader: :func:`_page_elements`."""

    bylines: list[HtmlElement] = field(default_factory=list)
    more_bylines: list[HtmlElement] = field(default_factory=list)
    json_ld: list[HtmlElement] = field(default_factory=list)  # <script> whose type holds "ld+json"
    h1s: list[HtmlElement] = field(default_factory=list)  # <h1> outside a nav, a footer or an aside
    crumbs: list[HtmlElement] = field(default_factory=list)  # a class holding "breadcrumb" or "crumbs", a link inside
    bold_paragraphs: list[HtmlElement] = field(default_factory=list)  # <p> in the body with a <b> or <strong> child
    author_links: list[HtmlElement] = field(default_factory=list)  # <a> to a writer's page (:data:`_AUTHOR_PAGE`)


def _page_elements(tree: HtmlElement) -> _PageElements:
    """The elements of the page parsed as ``tree`` (its root element) that :func:`read`'s readers
    start from, in one walk.

    ``bylines``: ``rel="author"``, an itemprop of :data:`BYLINE_ITEMPROPS`, or a class
    :func:`is_byline_class` reads as a byline's; a class that says only "source", "editor" and
    the like (not "byline", "author", "writer" or "reporter") inside a figure, a caption or a
    quotation names a picture's or a quotation's source, not the story's writer.
    ``more_bylines``: the other places trafilatura's byline XPaths look, read only when nothing
    else named an author: an id holding "author", "Author" or "byline", a ``data-component``
    holding "Byline", a ``data-testid`` of ``AuthorCard``, ``AuthorURL`` or ``BylineName``, a
    class holding "journalist", "posted-by" or "submitted-by", an ``<author>`` element. The other
    lists are described on :class:`_PageElements`."""
    found = _PageElements()
    for element in tree.iter(tag=etree.Element):
        tag = element.tag
        if tag == "h1" and not any(a.tag in ("nav", "footer", "aside") for a in element.iterancestors()):
            found.h1s.append(element)
        elif tag == "p" and any(child.tag in ("b", "strong") for child in element) \
                and any(a.tag == "body" for a in element.iterancestors()):
            found.bold_paragraphs.append(element)
        attributes = dict(element.items())  # one call for all of them costs less than a get() for each
        if not attributes:
            if tag == "author":
                found.more_bylines.append(element)
            continue
        value = attributes.get("class")
        if value and _BYLINE_CLASS_HINT.search(value) and is_byline_class(value) \
                and (_CLASSIC_BYLINE.search(value) or not _in_media_or_quote(element)) \
                or attributes.get("rel") == "author" or attributes.get("itemprop") in BYLINE_ITEMPROPS:
            found.bylines.append(element)
        identifier = attributes.get("id")
        if identifier and ("author" in identifier or "Author" in identifier or "byline" in identifier) \
                or "Byline" in (attributes.get("data-component") or "") \
                or attributes.get("data-testid") in _MORE_BYLINE_TEST_IDS \
                or _BYLINE_CLASS_HINT.search(attributes.get("data-testid") or "") \
                and is_byline_class(attributes.get("data-testid")) \
                or value and ("journalist" in value or "posted-by" in value or "submitted-by" in value) \
                or tag == "author":
            found.more_bylines.append(element)
        if tag == "a" and _AUTHOR_PAGE.search(attributes.get("href") or ""):
            found.author_links.append(element)
        if value and ("breadcrumb" in value or "crumbs" in value) and element.find(".//a") is not None:
            found.crumbs.append(element)
        if tag == "script" and "ld+json" in (attributes.get("type") or ""):
            found.json_ld.append(element)
    return found


_MORE_BYLINE_TEST_IDS = frozenset({"AuthorCard", "AuthorURL", "BylineName"})
# A link to a writer's page ("/author/jane-doe", "/people/jane-doe/", "/profile/jane-doe"): above the
# article's text, its text is the byline's name on pages that print no "By" and no byline class.
_AUTHOR_PAGE = re.compile(r"/(?:authors?|writers?|profiles?|staff|journalists?|reporters?|contributors?|"
                          r"columnists?)/(?P<slug>[^/?#\s]+)/?(?:[?#].*)?$", re.IGNORECASE)


def _names_the_page(link: HtmlElement) -> bool:
    """Whether an author link's text shares a word (three letters or more) with the page it links
    to: "Jane Doe" -> "/author/jane-doe/"; not "More articles by Jane" -> "/author/jd/"."""
    match = _AUTHOR_PAGE.search(link.get("href") or "")
    slug = {w for w in re.split(r"[\W_]+", (match.group("slug") if match else "").casefold()) if len(w) >= 3}
    return bool(slug & {w for w in re.split(r"[\W_]+", link.text_content().casefold()) if len(w) >= 3})


_MEDIA_OR_QUOTE = frozenset({"figure", "figcaption", "blockquote", "q", "cite", "picture"})


def _in_media_or_quote(element: HtmlElement) -> bool:
    return element.tag in _MEDIA_OR_QUOTE or any(a.tag in _MEDIA_OR_QUOTE for a in element.iterancestors())


def _attached(element: HtmlElement, tree: HtmlElement) -> bool:
    """Whether ``element`` is still in ``tree`` (not inside a subtree dropped from it)."""
    return element is tree or any(ancestor is tree for ancestor in element.iterancestors())


_DATE_ELEMENTS = etree.XPath(
    '//time | //*[@itemprop="datePublished"]'
    ' | //*[@class][contains(@class, "date") or contains(@class, "time") or contains(@class, "publish")'
    ' or contains(@class, "Date")]')
# What pages without an <h1> show as the headline: a heading classed as the title, an old layout's
# <font><b> (or <b><font>) line; read only to confirm where the <title> splits.
_HEADING_ELEMENTS = etree.XPath(
    '//*[self::h2 or self::h3 or self::div or self::span or self::p][contains(@class, "title") or contains(@class, "headline")'
    ' or contains(@class, "Title") or contains(@class, "Headline")]'
    '[not(ancestor::nav or ancestor::footer or ancestor::aside)][string-length(normalize-space(.)) < 300]'
    ' | //font[b] | //b[font]')
# Above the article's text (no long paragraph before it): a byline or date line further down belongs
# to a related story's card, a comment or the footer.
_BEFORE_TEXT = '[not(preceding::p[string-length(.) > 250])]'


class _BodyTexts:
    """The text nodes of the page's body that ``predicates`` select (the XPath
    ``//body//text()`` + ``predicates``, in document order), found cheaply: a text node they select
    must hold one of ``needles``, so the XPath runs only over the text children of the elements
    whose text or a child's tail holds one (a substring test in Python costs less than the XPath's
    string functions on every text node of the page)."""

    def __init__(self, predicates: str, needles: Iterable[str]) -> None:
        self.path = "//body//text()" + predicates
        self._xpath = etree.XPath("$parents/text()" + predicates)
        self._needles = re.compile("|".join(re.escape(needle) for needle in needles))

    def __call__(self, tree: HtmlElement) -> list[Any]:
        search = self._needles.search
        parents: dict[HtmlElement, None] = {}
        for body in tree.iter("body"):
            for node in body.iter():
                if node.text and search(node.text):
                    parents[node] = None
                if node.tail and node is not body and search(node.tail):
                    parents[node.getparent()] = None
        return self._xpath(tree, parents=list(parents)) if parents else []


# Text nodes (cheap to test, unlike the string value of every element) that open a byline line.
def _openings(words: Iterable[str]) -> str:
    return '[string-length(.) < 200][' + " or ".join(
        f'starts-with(normalize-space(.), "{word}")' for word in words) + ']'


def _first_words(labels: Iterable[str]) -> tuple[str, ...]:
    """What a text opening with one of ``labels`` holds whatever its white space: each label's first word."""
    return tuple(label.split()[0] for label in labels)


# (A text node "By " before a link to the author's page is "By" once its spaces are normalised.) A
# cheap test of the raw text first: normalize-space() for each opening is the walk's cost.
_BYLINE_LINE_TEXTS = _BodyTexts(
    '[contains(., "by") or contains(., "By") or contains(., "BY") or contains(., "كتب") or contains(., "بقلم")]'
    + _openings(("By ", "by ", "BY ", "Posted by", "Written by", "Words by", "Story by", "Reported by", "كتب", "بقلم")
                )[:-1] + ' or normalize-space(.)="By" or normalize-space(.)="by"]'
    + _BEFORE_TEXT, ("by", "By", "BY", "كتب", "بقلم"))
# On Arabic pages, also the credits «إعداد:», «تقرير:», «حوار:», «متابعة:», «تحقيق:», «الكاتب:», and the byline
# lines that close the article («تقرير: فلان» as its last paragraph): one walk of the text finds both
# (only on Arabic pages, where they are printed).
_ARABIC_CREDITS = ("كتب", "بقلم", "إعداد", "اعداد", "تقرير", "حوار", "متابعة", "تحقيق", "الكاتب")
_ARABIC_CREDIT_TEXTS = _BodyTexts(_openings(_ARABIC_CREDITS), _ARABIC_CREDITS)
_IS_BEFORE_TEXT = etree.XPath('not(preceding::p[string-length(.) > 250])')
_DATE_LABELS = ("Published", "published", "Posted", "posted", "First published", "Date:", "نشر", "نُشر", "تاريخ النشر",
                "بتاريخ", "Publié", "Veröffentlicht")
# Text nodes that open with a publication label: "Published: 12 November 2026", «نشر في …».
_DATE_LINE_TEXTS = _BodyTexts(
    '[string-length(.) < 200][' +
    " or ".join(f'starts-with(normalize-space(.), "{label}")' for label in _DATE_LABELS) + ']' + _BEFORE_TEXT,
    _first_words(_DATE_LABELS))
# Short text nodes above the article's text with a year in them (either digit set): a date printed
# on a line of its own, with no label or class to say so (old layouts: <font size="2">…</font>).
_WESTERN = 'translate(., "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")'
_YEAR_TEXTS = _BodyTexts(
    '[string-length(normalize-space(.)) < 90]'
    f'[contains({_WESTERN}, "20") or contains({_WESTERN}, "19")]'
    # "20" and "19" in any of the three digit sets (ASCII, Arabic-Indic, Persian), mixed too
    + _BEFORE_TEXT, tuple(a + b for a in "2٢۲" for b in "0٠۰") + tuple(a + b for a in "1١۱" for b in "9٩۹"))
# Scripts that are not JSON-LD: page data ("expires", "cacheUntil", a paywall's dates), never metadata.
_DATA_SCRIPTS = etree.XPath('//script[not(contains(@type, "ld+json"))] | //template | //noscript')
# "By …", "Posted by …", «كتب: …», «كتب:فلان», «كتب - فلان», «كتب/ فلان», «كتب ـ فلان» (a tatweel for a dash),
# «كتبت …», «بقلم …»; «إعداد:», «تقرير:», «حوار:», «متابعة:» and «تحقيق:» only with their colon or a slash
# («إعداد/ فلان»; without one they open a sentence: «تقرير صادر عن …»).
_BYLINE_WORD = re.compile(r"^(?:(?:posted\s+|written\s+|words\s+|story\s+|reported\s+)?by\s|(?:كتبت?|بقلم)\s*(?:[:：\-–—/\u0640]\s*|\s)|(?:إعداد|اعداد|تقرير|حوار|متابعة|تحقيق|الكاتبة?)\s*[:：/]\s*)",
                          re.IGNORECASE)
_NOT_TEXT = frozenset({"script", "style", "meta", "link", "html", "body", "head", "noscript"})
_LANG = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*$")
_HOME = {"home", "homepage", "start", "startseite", "accueil", "inicio", "الرئيسية", "الصفحة الرئيسية", "الرئيسة"}


@dataclass
class PageMetadata:
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    bylines: list[str] = field(default_factory=list)  # byline texts, for wire attribution
    published: str | None = None
    modified: str | None = None
    canonical_url: str | None = None
    site_name: str | None = None
    section: str | None = None
    description: str | None = None
    image: str | None = None
    declared_language: str | None = None
    sources: dict[str, str] = field(default_factory=dict)  # field -> where it came from (json-ld, meta, …)


def read(tree: HtmlElement, url: str | None = None, now: datetime | None = None, *,
         site_names: tuple[str, ...] = (), timezone: str | None = None, country: str | None = None) -> PageMetadata:
    """Read the metadata of the page parsed as ``tree`` (``url`` resolves relative links).

    ``site_names`` are names the outlet is known by (the registry's outlet name): a title is cut
    at a separator before them, and a byline giving them is no author. ``timezone`` (an IANA name,
    the registry's) is the zone of a time the page writes without an offset. ``country`` (the
    registry's, ISO 3166) says how the outlet writes a numeric date ("11/02/2026"), else the page's
    declared locale does (:func:`processing.dates.month_first`)."""
    meta = PageMetadata()
    elements = _page_elements(tree)
    article, graph = _json_ld_article(elements.json_ld, (url, _canonical_link(tree)) if url else ())
    tags = _meta_tags(tree)
    month_first = dates.month_first(country, tree.get("lang") or tree.get("xml:lang") or _first(tags, _META_LOCALE))

    def take(name: str, source: str, value: Any) -> None:
        if value and getattr(meta, name) in (None, [], ""):
            setattr(meta, name, value)
            meta.sources[name] = source

    if article is not None:
        take("site_name", "json-ld", _name(article.get("publisher"), graph))
    take("site_name", "meta", _first(tags, _META_SITE, strip="@"))
    known_sites = tuple(n for n in (*site_names, meta.site_name, _first(tags, ("og:site_name",)),
                                    _first(tags, ("application-name",)), *_logo_names(tree, url)) if n)
    json_ld_title = _text(article.get("headline") or article.get("name")) if article is not None else None
    sections = tuple(n for n in (_first_text(article.get("articleSection")) if article is not None else None,
                                 _first(tags, _META_SECTION)) if n)
    title_site = _choose_title(meta, tree, elements, json_ld_title, _first(tags, _META_TITLE), known_sites, url,
                               sections)
    if title_site:  # the name a <title> carries beside the headline ("Headline - Site") is the site's too
        known_sites += (title_site,)
    if article is not None:
        take("description", "json-ld", _text(article.get("description")))
        take("published", "json-ld", dates.parse_machine(_text(article.get("datePublished") or
                                                               article.get("dateCreated")), now,
                                                               month_first=month_first))
        take("modified", "json-ld", dates.parse_machine(_text(article.get("dateModified")), now,
                                                              month_first=month_first))
        people = list(_people(article.get("author"), graph))
        take("authors", "json-ld", _unique(n for name, _, kind in people if kind != "organization"
                                           for n in bylines.names(name, known_sites, url, declared=kind == "person")))
        meta.bylines.extend(", ".join(p for p in (name, job) if p) for name, job, _ in people)
        take("section", "json-ld", _first_text(article.get("articleSection")))
        take("image", "json-ld", _image(article.get("image") or article.get("thumbnailUrl"), graph))
        take("canonical_url", "json-ld", _text(article.get("url")) or _id(article.get("mainEntityOfPage")))

    take("description", "meta", _first(tags, _META_DESCRIPTION))
    take("published", "meta", _first_date(tags, _META_PUBLISHED, now, month_first))
    take("modified", "meta", _first_date(tags, _META_MODIFIED, now, month_first))
    meta_authors = [a for key in _META_AUTHOR for a in tags.get(key, []) if a and not _is_url(a)]
    # The first meta author key that names somebody: "author" often holds the site's name while
    # "article:author" or "parsely-author" hold the reporter's; each of several tags of one key
    # names one more author.
    take("authors", "meta", _meta_authors(tags, known_sites, url))
    meta.bylines.extend(meta_authors[:2])
    take("section", "meta", _first(tags, _META_SECTION))
    take("image", "meta", _first(tags, _META_IMAGE))
    take("canonical_url", "link", _canonical_link(tree))
    take("canonical_url", "meta", _first(tags, ("og:url", "twitter:url")))
    take("declared_language", "html", _language(tree.get("lang") or tree.get("xml:lang")))
    take("declared_language", "meta", _language(_first(tags, _META_LOCALE)))
    if article is not None:
        take("declared_language", "json-ld", _language(_text(article.get("inLanguage"))))

    arabic = _is_arabic(tree, meta.title)
    credits = _lines(_ARABIC_CREDIT_TEXTS(tree)[:20], 120) if arabic else []
    byline_texts = _bylines(elements.bylines) + _byline_lines(tree, credits)
    meta.bylines.extend(byline_texts)
    _fallbacks(meta, tree, elements, byline_texts, known_sites, url, now, credits, arabic, month_first)
    meta.published = dates.localize(meta.published, timezone)
    meta.modified = dates.localize(meta.modified, timezone)
    for name in ("image", "canonical_url"):
        value = getattr(meta, name)
        if value and url:
            setattr(meta, name, urljoin(url, value))
    return meta


MAX_META_AUTHORS = 6  # tags of one key read for author names


def _meta_authors(tags: dict[str, list[str]], site_names: tuple[str, ...], url: str | None) -> list[str]:
    """The names of the first author meta key (:data:`_META_AUTHOR`, in order) whose tags name
    anybody: all its tags' names (``<meta name="author" content="A">`` then ``…content="B">``
    are two authors); URLs are no names."""
    for values in (*(tags.get(key, []) for key in _META_AUTHOR), _twitter_written_by(tags)):
        found = _unique(name for value in values[:MAX_META_AUTHORS] if value and not _is_url(value)
                        for name in bylines.names(value, site_names, url))
        if found:
            return found
    return []


_WRITTEN_BY = re.compile(r"^\s*(?:written\s+by|authors?|by|writers?)\s*:?\s*$", re.IGNORECASE)


def _twitter_written_by(tags: dict[str, list[str]]) -> list[str]:
    """The value of a Twitter card's label/data pair labelled "Written by" (``twitter:label1`` =
    "Written by", ``twitter:data1`` = the writer, as WordPress SEO plugins add), read last."""
    return [data for n in range(1, 5) for label in tags.get(f"twitter:label{n}", [])[:1] if _WRITTEN_BY.match(label)
            for data in tags.get(f"twitter:data{n}", [])[:1]]


def _choose_title(meta: PageMetadata, tree: HtmlElement, elements: _PageElements, json_ld: str | None,
                  og: str | None, site_names: tuple[str, ...], url: str | None,
                  sections: tuple[str, ...] = ()) -> str | None:
    """The headline on the page, by :func:`processing.headline.choose`; a site name the <title>
    carried becomes the site name when nothing else gave one, and is returned."""
    element = tree.find(".//title")
    title = " ".join(element.text_content().split()) if element is not None else None
    h1_elements = elements.h1s[:4]
    if len(h1_elements) > 1:  # a section's or the site's <h1> above the story's: the article's own first
        h1_elements.sort(key=lambda h: not any(a.tag in ("article", "main") for a in h.iterancestors()))
    logos = tuple(" ".join(h.text_content().split()) for h in h1_elements if _is_logo(h, url))
    # (a section name that is the headline og:title or JSON-LD states is no label: some sites fill
    # article:section with the headline)
    labels = _section_labels(elements.crumbs, sections, url) - {headline.squash(t) for t in (og, json_ld) if t}
    h1s = tuple(heading_text(h) for h in h1_elements if not _is_logo(h, url) and not _is_section_label(h, url, labels))
    site_names = site_names + tuple(name for name in logos if name)
    headings = () if h1s else tuple(heading_text(h) for h in _HEADING_ELEMENTS(tree)[:4])
    lead = _lead_heading(tree) if not h1s and not og and not json_ld else None
    if title and len(headline.SEPARATOR.findall(title)) >= 2:  # "Headline | Section | Site"
        crumb = _breadcrumb_section(elements.crumbs)
        sections += (crumb,) if crumb else ()
    chosen, source, site = headline.choose(headline.Candidates(h1s, json_ld, og, title, headings, lead, sections),
                                           site_names, url)
    if chosen:
        meta.title, meta.sources["title"] = chosen, source or "page"
    if site and not meta.site_name:
        meta.site_name, meta.sources["site_name"] = site.lstrip("@"), "title"
    return site


def heading_text(element: HtmlElement) -> str:
    """The text of a heading as a reader sees it, white space collapsed: a ``<br>`` inside it is a
    space ("Viaduct cracks:<br>weeks of delays"), where ``text_content()`` glues the two lines."""
    if element.find(".//br") is None:
        return " ".join(element.text_content().split())
    return " ".join("".join(_texts_with_breaks(element)).split())


def _texts_with_breaks(element: HtmlElement) -> Iterator[str]:
    yield element.text if isinstance(element.tag, str) and element.text else ""
    for child in element:
        if child.tag == "br":
            yield " "
        elif isinstance(child.tag, str):
            yield from _texts_with_breaks(child)
        yield child.tail or ""


# A heading that opens the article: an old layout's <font><b> (or <b><font>) or an <h2>/<h3>, with
# running text right after it.
_LEAD_CANDIDATES = etree.XPath('//font[b] | //b[font] | //h2 | //h3')
# ... and no running text before it: a subheading inside the article is not its headline.
_TEXT_BEFORE = etree.XPath('preceding::text()[string-length(normalize-space(.)) > 100]'
                           '[not(ancestor::script or ancestor::style or ancestor::noscript)]')
LEAD_TEXT_WORDS = 40  # running words (not link text) in the blocks just after the heading
LEAD_SIBLINGS = 4
# Levels the heading's own wrappers may take it up: its parent's siblings always, and further while a
# wrapper holds nothing but the heading (an old layout's <td><font><b>…</b></font></td> in a row of its
# own, the text in the next row).
LEAD_LEVELS = 5


def _lead_heading(tree: HtmlElement) -> str | None:
    """The text of the first heading-like element (:data:`_LEAD_CANDIDATES`, outside what is not the
    article) that ``LEAD_TEXT_WORDS`` words of running text follow within its next
    ``LEAD_SIBLINGS`` siblings, at its level or its parent's, or higher up while the ancestor holds
    nothing but the heading (a table cell, then its row): the headline of a page without <h1>."""
    for element in _LEAD_CANDIDATES(tree)[:12]:
        text = " ".join(element.text_content().split())
        if not 2 <= len(text.split()) <= 30 or _in_other_content(element) or _TEXT_BEFORE(element):
            continue
        node = element
        for level in range(LEAD_LEVELS):
            words = 0
            for sibling in list(node.itersiblings())[:LEAD_SIBLINGS]:
                if isinstance(sibling.tag, str):
                    links = sum(len(a.text_content().split()) for a in sibling.iter("a"))
                    words += len(sibling.text_content().split()) - links
                words += len((sibling.tail or "").split())
            words += len((node.tail or "").split())
            if words >= LEAD_TEXT_WORDS:
                return text
            node = node.getparent()
            if node is None or node.tag == "body" \
                    or level >= 1 and " ".join(node.text_content().split()) != text:
                break
    return None


def _section_labels(crumbs: list[HtmlElement], sections: tuple[str, ...], url: str | None) -> frozenset[str]:
    """The squashed names of the page's sections: ``sections`` (article:section, JSON-LD
    articleSection) and the links of its breadcrumb trail that lead elsewhere than the page, but its
    last (often the story itself, under another address)."""
    names = {headline.squash(name) for name in sections if name}
    for crumb in crumbs[:1]:
        for link in list(crumb.iter("a"))[:-1]:  # (the last link is often the page itself)
            href = (link.get("href") or "").strip()
            if href and not _same_page(href, url):
                names.add(headline.squash(link.text_content()))
    return frozenset(name for name in names if name)


def _same_page(href: str, url: str | None) -> bool:
    return url is not None and urljoin(url, href).split("#")[0].split("?")[0].rstrip("/") \
        == url.split("#")[0].split("?")[0].rstrip("/")


def _is_section_label(h1: HtmlElement, url: str | None, labels: frozenset[str]) -> bool:
    """An ``<h1>`` that names the page's section, not the story («أخبار محلية» above an ``<h2>``
    headline, as some themes print it): its text is one of the section ``labels``
    (:func:`_section_labels`), or it is nothing but a link to a page above this one
    ("/local" on "/local/2023/11/08/rain")."""
    if headline.squash(h1.text_content()) in labels:
        return True
    links = h1.findall(".//a")
    if url is None or len(links) != 1 or " ".join(links[0].text_content().split()) != " ".join(h1.text_content().split()):
        return False
    target = urlsplit(urljoin(url, (links[0].get("href") or "").strip()))
    page = urlsplit(url)
    parent = target.path.rstrip("/")
    return target.netloc == page.netloc and bool(parent) and page.path.rstrip("/").startswith(parent + "/")


_LOGO_TOKEN = re.compile(r"^(?:.*logo.*|site[-_]?(?:title|name|header)|brand|branding|navbar-brand|masthead)$", re.IGNORECASE)


LOGO_IMAGES = 20  # images read, in document order, for the site's logo
MAX_LOGO_ALT = 60


def _logo_names(tree: HtmlElement, url: str | None) -> tuple[str, ...]:
    """The site's name as its logo's ``alt`` text gives it: an image classed or identified as a logo
    (or inside an element so classed, or a link to the home page), among the page's first
    ``LOGO_IMAGES`` images. Many Arabic sites name themselves in Latin letters in og:site_name
    ("Masry Today") and in Arabic in their logo and <title> («المصري توداي»)."""
    found: list[str] = []
    home = urljoin(url, "/") if url else None
    for image in itertools.islice(tree.iter("img"), LOGO_IMAGES):
        alt = " ".join((image.get("alt") or "").split())
        if not alt or len(alt) > MAX_LOGO_ALT or alt in found:
            continue
        for node in itertools.islice((image, *image.iterancestors()), 4):
            tokens = _tokens(node)
            href = (node.get("href") or "").strip() if node.tag == "a" else None
            if any(_LOGO_TOKEN.match(token) for token in tokens) or href is not None and (
                    href in ("/", "./") or home is not None and urljoin(url, href).rstrip("/") == home.rstrip("/")):
                found.append(alt)
                break
    return tuple(found)


def _is_logo(h1: HtmlElement, url: str | None) -> bool:
    """An ``<h1>`` that holds the site's name, not the story's headline (many themes put the logo in
    one on every page): classed or identified as a logo, site title or brand, or nothing but a link
    to the site's home page."""
    if any(_LOGO_TOKEN.match(token) for token in _tokens(h1)):
        return True
    links = h1.findall(".//a")
    if len(links) != 1 or " ".join(links[0].text_content().split()) != " ".join(h1.text_content().split()):
        return False
    href = (links[0].get("href") or "").strip()
    home = urljoin(url, "/") if url else None
    return href in ("/", "./", "") or links[0].get("rel") == "home" or (home is not None and urljoin(url, href) == home)


def _fallbacks(meta: PageMetadata, tree: HtmlElement, elements: _PageElements, byline_texts: list[str],
               site_names: tuple[str, ...], url: str | None, now: datetime | None, credits: list[HtmlElement],
               arabic: bool, month_first: bool = False) -> None:
    """What neither JSON-LD nor meta tags said: visible bylines and dates, then trafilatura and
    htmldate. ``elements``: the page's :func:`_page_elements`; ``credits``: the Arabic credit lines
    of the page; ``arabic``: an Arabic page."""
    from trafilatura import metadata as trafilatura_metadata

    def credited(lines: list[str]) -> list[str]:
        """Authors named by ``lines``, which become the page's bylines too."""
        meta.bylines.extend(lines)
        return bylines.from_bylines(lines, site_names, url)

    _fill(meta, "authors", (
        ("byline", lambda: bylines.from_bylines(byline_texts, site_names, url) if byline_texts else []),
        ("byline", lambda: credited(_bylines(elements.more_bylines))),
        ("byline", lambda: credited(_bylines([a for a in elements.author_links[:12]
                                              if _names_the_page(a) and _IS_BEFORE_TEXT(a)]))),
        ("byline", lambda: credited(_closing_byline_lines(credits))),
        ("name-line", lambda: _name_line(elements.bold_paragraphs, site_names, url)),
        ("byline", lambda: credited(_opening_credit(tree)) if arabic else []),
        ("byline", lambda: credited(_name_and_city_line(tree))),
    ))
    _fill(meta, "published", (
        # (not the date of another story's card or a comment, _in_other_stories; the date of a related story's
        # card or the sidebar, _in_other_content, only when the page has no other: a blog's own post may stand
        # in a "widget" container)
        ("page", lambda: _visible_date(_own_first([e for e in _DATE_ELEMENTS(tree)[:30]
                                                   if not _is_page_date(e) and not _in_other_stories(e)])[:20],
                                       now, month_first)),
        ("page", lambda: _visible_date(_lines(_DATE_LINE_TEXTS(tree)[:5], 100), now, month_first)),
        # "By Jane Doe | Published on November 14, 2026", «كتب فلان · الخميس 12 نوفمبر 2026»
        ("byline", lambda: next(filter(None, (dates.parse_text(text, now, month_first=month_first) for text in byline_texts[:4])), None)),
        ("page", lambda: _date_only_line(tree, now, month_first) if arabic else None),  # htmldate reads no Arabic month name
        ("htmldate", lambda: _htmldate(tree, url, now)),
    ))
    if not meta.site_name:
        site = trafilatura_metadata.extract_sitename(tree)
        if site:
            meta.site_name, meta.sources["site_name"] = site.lstrip("@"), "trafilatura"
    # (htmldate's step above may have dropped the page's data scripts, templates and noscripts, with any
    # trail, or a trail's only link, inside one)
    _fill(meta, "section", (("breadcrumb", lambda: _breadcrumb_section(
        [e for e in elements.crumbs if _attached(e, tree) and e.find(".//a") is not None])),))


def _own_first(elements: list[HtmlElement]) -> list[HtmlElement]:
    """``elements`` outside what is not the article (:func:`_in_other_content`), then the others: a
    date in the article's own elements is read before one in a related story's card."""
    other = [_in_other_content(e) for e in elements]
    return [e for e, o in zip(elements, other) if not o] + [e for e, o in zip(elements, other) if o]


def _fill(meta: PageMetadata, name: str, steps: Sequence[tuple[str, Callable[[], Any]]]) -> None:
    """Unless ``meta`` already has ``name``, set it from the first of ``steps`` (source, reader) whose
    reader gives a value, and record that source in ``meta.sources``; readers after it are not run."""
    if getattr(meta, name):
        return
    for source, read in steps:
        value = read()
        if value:
            setattr(meta, name, value)
            meta.sources[name] = source
            return


# Of the body's paragraphs with a bold child, the short ones above the article's text: where a byline
# printed without "By" stands.
_IS_SHORT_BEFORE_TEXT = etree.XPath('string-length(normalize-space(.)) < 120 and ' + _BEFORE_TEXT[1:-1])


def _name_line(bold_paragraphs: list[HtmlElement], site_names: tuple[str, ...], url: str | None) -> list[str]:
    """The names of a bold paragraph above the article's text that holds two person names or more
    and nothing else ("<p><strong>Jane Doe/John Roe</strong></p>", as some pages print their
    byline): the first of at most three such paragraphs that :func:`processing.bylines.names_only`
    reads. A single name-like bold line is not taken: a kicker ("Climate Crisis", «أمطار غزيرة»)
    looks the same. ``bold_paragraphs``: the body's paragraphs with a ``<b>`` or ``<strong>`` child."""
    for paragraph in [p for p in bold_paragraphs if _IS_SHORT_BEFORE_TEXT(p)][:3]:
        text = " ".join(paragraph.text_content().split())
        bold = " ".join(" ".join(b.text_content() for b in paragraph if b.tag in ("b", "strong")).split())
        if text and bold == text:
            found = bylines.names_only(text, site_names, url)
            if len(found) >= 2:  # one bold name-like line may be a kicker ("Climate Crisis", «أمطار غزيرة»)
                return found
    return []


def _byline_lines(tree: HtmlElement, credits: list[HtmlElement]) -> list[str]:
    """Short lines above the article's text that open with a byline word ("By …", «كتب: …», «كتبت …»,
    «بقلم …», and among the Arabic ``credits`` «إعداد: …», «تقرير: …» …): many pages, Arabic ones
    above all, print the byline as a plain paragraph."""
    found: list[str] = []
    lines = _lines(_BYLINE_LINE_TEXTS(tree)[:10], 120)
    lines += [line for line in credits if line not in lines and _IS_BEFORE_TEXT(line)]
    for element in lines:
        text = " ".join(" ".join(element.itertext()).split())
        if _BYLINE_WORD.match(text) and text not in found and not _in_other_content(element):
            found.append(text)
            if len(found) >= 2:
                break
    return found


# A credit that opens the story's first paragraph, ended by a colon or a dash, after a place:
# «القاهرة - كتب أحمد علي: أعلنت الوزارة …», or with a mark after the credit word: «كتبت - منى سليم: أعلنت …».
# Without the place, only with a mark after the credit word («كتب - …:»): «كتب التاريخ …:» opens a sentence.
_OPENING_CREDIT = re.compile(r"^\s*(?:[\u0600-\u06FF]+(?:\s+[\u0600-\u06FF]+)?\s*[-–—]\s*((?:كتبت?|بقلم)\s*[:：\-–—/]?\s*"
                             r"[^:：\-–—\d]{3,60}?)|((?:كتبت?|بقلم)\s*[:：\-–—/]\s*[^:：\-–—\d]{3,60}?))\s*[:：\-–—]\s")
OPENING_PARAGRAPHS = 3


def _opening_credit(tree: HtmlElement) -> list[str]:
    """The credit that opens one of the first ``OPENING_PARAGRAPHS`` paragraphs of the body (outside
    what is not the article), run into the story's text: «القاهرة - كتب أحمد علي: أعلنت …» ->
    ["كتب أحمد علي"], as Egyptian pages print it."""
    for paragraph in itertools.islice((p for p in tree.iter("p") if not _in_other_content(p)), OPENING_PARAGRAPHS):
        match = _OPENING_CREDIT.match(" ".join(paragraph.text_content()[:200].split()))
        if match:
            return [match.group(1) or match.group(2)]
    return []


NAME_AND_CITY_CHARS = 60  # «محمد علي - القاهرة»: a short line, never a sentence


def _name_and_city_line(tree: HtmlElement) -> list[str]:
    """A paragraph of its own among the first ``OPENING_PARAGRAPHS`` (outside what is not the article)
    that is a person's name and the city the story was filed from: «محمد علي - القاهرة», "Jane Doe -
    London" (:func:`processing.bylines.name_before_city`). Read only when nothing else names anybody."""
    for paragraph in itertools.islice((p for p in tree.iter("p") if not _in_other_content(p)), OPENING_PARAGRAPHS):
        text = " ".join(paragraph.text_content().split())
        if len(text) <= NAME_AND_CITY_CHARS and bylines.name_before_city(text):
            return [text]
    return []


CLOSING_PARAGRAPH_CHARS = 80  # a paragraph of the article's running text, above its closing byline


def _closing_byline_lines(credits: list[HtmlElement]) -> list[str]:
    """Byline lines ("By …", «تقرير: فلان», «إعداد: فلان») that close the article: the last block of
    a container whose earlier children include two paragraphs of running text or more, with no
    such paragraph after it (not in comments, a sidebar or a story card: :func:`_in_other_content`)."""
    found: list[str] = []
    for element in credits:
        text = " ".join(" ".join(element.itertext()).split())
        parent = element.getparent()
        if not _BYLINE_WORD.match(text) or parent is None or _in_other_content(element):
            continue
        siblings = list(parent)
        at = siblings.index(element)
        before = sum(1 for s in siblings[:at] if s.tag == "p" and _length(s) >= CLOSING_PARAGRAPH_CHARS)
        after = any(_length(s) >= CLOSING_PARAGRAPH_CHARS for s in siblings[at + 1:])
        if before >= 2 and not after and text not in found:
            found.append(text)
    return found[-2:]


def _lines(texts: list[Any], limit: int) -> list[HtmlElement]:
    """The short lines (fewer than ``limit`` characters) the text nodes ``texts`` open: the largest
    element whose whole text is still that short and starts with the node's text."""
    elements: list[HtmlElement] = []
    for text in texts:
        element = text.getparent()
        if text.is_tail and element is not None:
            element = element.getparent()
        if element is None or element.tag in _NOT_TEXT or not _shorter(element, limit):
            continue
        # "<span>Posted</span> 14 November": the whole line, which opens with the node's text.
        opening, parent = " ".join(str(text).split()), element.getparent()
        while (parent is not None and parent.tag not in _NOT_TEXT and _shorter(parent, limit)
               and " ".join("".join(parent.itertext()).split()).startswith(opening)):
            element, parent = parent, parent.getparent()
        if element not in elements:
            elements.append(element)
    return elements


def _length(element: HtmlElement) -> int:
    return len(" ".join("".join(element.itertext()).split()))


def _shorter(element: HtmlElement, limit: int) -> bool:
    """``_length(element) < limit``, reading no more of a long element's text than it takes to tell
    (the article around a byline is thousands of characters). The white-space-normalised length of
    the text read so far never exceeds the whole's; it is measured each time the raw length read
    doubles past ``limit``, so that the work stays linear in the text."""
    parts: list[str] = []
    read, check = 0, limit
    for text in element.itertext():
        parts.append(text)
        read += len(text)
        if read >= check:
            if len(" ".join("".join(parts).split())) >= limit:
                return False
            check = 2 * read
    return len(" ".join("".join(parts).split())) < limit

def _breadcrumb_section(crumbs: list[HtmlElement]) -> str | None:
    """The last link of the page's breadcrumb trail that is not the home page."""
    if not crumbs:
        return None
    links = [" ".join(a.text_content().split()) for a in crumbs[0].iter("a")]
    links = [t for t in links if t and t.lower() not in _HOME and len(t) <= 60]
    return links[-1] if links else None


_ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")


def _is_arabic(tree: HtmlElement, title: str | None) -> bool:
    """An Arabic page: its ``lang`` says so, or its title is written in Arabic letters."""
    return (tree.get("lang") or "").lower().startswith("ar") or bool(_ARABIC_LETTER.search(title or ""))


def _date_only_line(tree: HtmlElement, now: datetime | None, month_first: bool = False) -> str | None:
    """The date of the first line above the article's text that is nothing but a date
    (:func:`processing.dates.date_line`: "الثلاثاء 17 نوفمبر 2026"), outside what is not the article."""
    for element in _lines(_YEAR_TEXTS(tree)[:10], dates.DATE_LINE_CHARS):
        if _in_other_content(element) or _is_page_date(element):
            continue
        found = dates.date_line(" ".join(element.itertext()), now, month_first=month_first)
        if found:
            return found
    return None


def _htmldate(tree: HtmlElement, url: str | None, now: datetime | None) -> str | None:
    """htmldate's guess, on a copy of the page without its data scripts: a date inside script data
    ("expires": "2026-11-29") is never the publication date. ``tree`` itself is left as it was:
    the text is extracted from it next, and a ``<noscript>`` can hold the whole article (Blogger
    pages); dropping it there lost the article for the sidebar. The copy is made only on this
    last path, when no other source dated the page."""
    from htmldate import find_date

    if _DATA_SCRIPTS(tree):
        tree = copy.deepcopy(tree)
        for element in _DATA_SCRIPTS(tree):
            element.drop_tree()
    try:
        found = find_date(tree, url=url, original_date=True, extensive_search=False,
                          outputformat="%Y-%m-%d", min_date="1995-01-01")
    except (ValueError, TypeError) as exc:
        logger.debug("htmldate failed on %s: %s", url, exc)
        return None
    return dates.parse_machine(found, now) if found else None


# The page's own dates, not the article's: today's date in the site's header or top bar.
_PAGE_DATE_TOKEN = re.compile(r".*today.*|current[-_]?date|top[-_]?bar|(?:site|page|main)[-_]?header|header[-_]?(?:date|top|bar)",
                              re.IGNORECASE)


def _is_page_date(element: HtmlElement) -> bool:
    """A date element that gives the page's day, not the article's: today's date in the site's
    header or top bar (many Arabic sites print «الجمعة 20 نوفمبر 2026 - 5 جمادى الأولى 1448 هـ»
    above every page): classed or identified as such, or inside the page's ``<header>``, a nav,
    an aside or the footer (an article's own ``<header>``, inside ``<article>`` or ``<main>``, is
    the article's)."""
    for node in (element, *element.iterancestors()):
        if node.tag in ("body", "html"):
            return False
        if node.tag in ("nav", "aside", "footer"):
            return True
        if node.tag == "header" and not any(a.tag in ("article", "main") for a in node.iterancestors()) \
                and not _is_story_header(node):
            return True
        if node.tag in ("article", "main"):
            return False
        if any(_PAGE_DATE_TOKEN.fullmatch(token) for token in _tokens(node)):
            return True
    return False


_STORY_HEADER_TOKEN = re.compile(r"(?:entry|post|article|story|news|single)[-_]?(?:header|head|title|meta)"
                                 r"|(?:header|head)[-_]?(?:entry|post|article|story|news)", re.IGNORECASE)


def _is_story_header(header: HtmlElement) -> bool:
    """A ``<header>`` outside ``<article>`` and ``<main>`` that heads the story, not the site (WordPress
    themes: ``<div class="post"><header class="entry-header"><h1>…``): classed so, or holding an
    ``<h1>`` that is not the site's logo."""
    if any(_STORY_HEADER_TOKEN.search(token) for token in _tokens(header)):
        return True
    return any(not _LOGO_TOKEN.match(h1.get("class", "") or "-") and h1.find(".//a[@href='/']") is None
               and len(h1.text_content().split()) >= 3 for h1 in header.iter("h1"))


# What marks a date as the last update rather than the publication: its element's class, or the label
# its text opens with.
# («نُشر في», with its damma; «نشر:», «نشرت في»)
_PUBLISHED_LABEL = re.compile(r"\b(?:first\s+)?(?:published|posted)\b|تاريخ\s+النشر"
                              r"|(?<![\u0600-\u06FF])ن[\u064B-\u0652]?ش[\u064B-\u0652]?ر[\u064B-\u0652]?(?:ت)?\s*(?:في|بتاريخ|[:：])",
                              re.IGNORECASE)
_UPDATE_CLASS = re.compile(r"updat|modif", re.IGNORECASE)
_UPDATE_LABEL = re.compile(r"^\s*(?:last\s+)?(?:updated|modified|mis à jour|aktualisiert|actualizado)\b"
                           r"|^\s*(?:آخر تحديث|اخر تحديث|تم التحديث|تحديث|محدث)", re.IGNORECASE)


# The label printed just before a date element, outside it: "Updated <time …>", "Last modified: <span class="date">".
_UPDATE_LABEL_BEFORE = re.compile(r"\b(?:(?:last\s+)?(?:updated|modified|edited)(?:\s+on)?|mis à jour(?:\s+le)?|aktualisiert(?:\s+am)?"
                                  r"|actualizado(?:\s+el)?)\s*[:：]?\s*$|(?:آخر تحديث|اخر تحديث|تم التحديث|تحديث)\s*[:：]?\s*$",
                                  re.IGNORECASE)
LABEL_CHARS = 40  # how much of the text before a date element may hold its label


LABEL_LEVELS = 3  # how many wrapping elements with nothing before them a label may stand outside of


def _text_before(element: HtmlElement) -> str:
    """The last ``LABEL_CHARS`` characters of text before ``element`` inside its parent (the
    parent's text, the earlier siblings' text and tails), white space collapsed; when there is
    none, before the parent in its own parent (``<span>Updated</span><span><time …></span>``),
    up to ``LABEL_LEVELS`` levels."""
    for _ in range(LABEL_LEVELS):
        parent = element.getparent()
        if parent is None:
            return ""
        parts = [parent.text or ""]
        for sibling in parent:
            if sibling is element:
                break
            if isinstance(sibling.tag, str):
                parts.append(sibling.text_content())
            parts.append(sibling.tail or "")
        text = " ".join(" ".join(parts)[-2 * LABEL_CHARS:].split())[-LABEL_CHARS:]  # (elements' texts not glued)
        if text:
            return text
        element = parent
    return ""


def _visible_date(elements: list[HtmlElement], now: datetime | None, month_first: bool = False) -> str | None:
    """A date written in the page's date elements (``<time>``, ``class="…date…"``), Arabic included;
    an element that gives the last update ("Last updated: …", «آخر تحديث: …», ``class="updated"``,
    or such a label printed just before it: "Updated <time …>")
    only when no other element gives a date: a reader takes the publication date."""
    updates = [e for e in elements if _UPDATE_CLASS.search(e.get("class", "")) or _UPDATE_LABEL.match(e.text_content())
               or _UPDATE_LABEL_BEFORE.search(_text_before(e))]
    return _first_visible_date([e for e in elements if e not in updates], now, month_first) \
        or _first_visible_date(updates, now, month_first)


def _first_visible_date(elements: list[HtmlElement], now: datetime | None, month_first: bool = False) -> str | None:
    for element in elements:
        for attribute in ("datetime", "content"):
            value = element.get(attribute)
            found = dates.parse_machine(value, now, month_first=month_first) if value else None
            if found:
                return found
        text = " ".join(" ".join(element.itertext()).split())  # "December 1, 2026<span>5:45 PM</span>" not glued
        if text and len(text) < 120:
            # "Updated: 14:05, 3 Nov 2026 | Published: 09:12, 2 Nov 2026": the labelled publication first
            label = _PUBLISHED_LABEL.search(text)
            found = (dates.parse_text(text[label.end():], now, month_first=month_first) if label else None) \
                or dates.parse_text(text, now, month_first=month_first)
            if found:
                return found
    return None


def _json_ld_article(scripts: list[HtmlElement], page_urls: Iterable[str | None] = ()
                     ) -> tuple[dict[str, Any] | None, dict[str, dict[str, Any]]]:
    """The page's NewsArticle (else Article) JSON-LD object, and every identified node by its @id, from
    its JSON-LD ``scripts``; of several, the first that names no other page than ``page_urls`` (the
    page's URL and canonical link), when any does not. An article listed in an ``ItemList``
    (``itemListElement``: related or latest stories) is another story, never the page's."""
    nodes: list[dict[str, Any]] = []
    listed: set[int] = set()
    for script in scripts:
        raw = (script.text or "").strip()
        if not raw:
            continue
        data = _load_json(raw)
        if data is None:
            continue
        nodes.extend(_walk(data, listed=listed))
    graph = {n["@id"]: n for n in nodes if isinstance(n.get("@id"), str)}
    # Another story's node (a related or latest story listed in the page's JSON-LD, before the
    # article's own) names another page: the article's node is the first that does not, when any.
    pages = {_page_key(u) for u in page_urls if u}
    nodes = [n for n in nodes if id(n) not in listed]
    own = [n for n in nodes if not _names_other_page(n, pages)] if pages else nodes
    for candidates in ((own, nodes) if own is not nodes else (nodes,)):
        best: dict[str, Any] | None = None
        for node in candidates:
            types = {t.lower() for t in _types(node)}
            if types & NEWS_TYPES:
                return node, graph
            if best is None and types & ARTICLE_TYPES and (node.get("headline") or "webpage" not in types):
                best = node
        if best is not None:
            return best, graph
    return None, graph


def _page_key(url: str) -> str:
    """A page's address for comparison: its path, percent-decoded (an Arabic slug is written either
    way), without a trailing slash, query or fragment."""
    return unquote(urlsplit(url.strip()).path).rstrip("/")


def _names_other_page(node: dict[str, Any], pages: set[str]) -> bool:
    """Whether a JSON-LD ``node`` gives, as its ``url``, ``mainEntityOfPage`` or ``@id``, only the
    addresses of pages other than ``pages`` (:func:`_page_key` forms of the page's URL and canonical)."""
    found = []
    for value in (node.get("url"), node.get("mainEntityOfPage"), node.get("@id")):
        value = _id(value) if isinstance(value, dict) else value
        if isinstance(value, str) and value.strip().startswith(("http://", "https://", "/")):
            found.append(_page_key(value.split("#")[0]))
    return bool(found) and not any(key in pages for key in found)


def _load_json(raw: str) -> Any:
    raw = raw.removeprefix("<!--").removesuffix("-->").strip()
    raw = raw.removeprefix("//<![CDATA[").removesuffix("//]]>").strip()
    try:
        return json.loads(raw, strict=False)
    except ValueError:
        try:  # a frequent CMS slip: a trailing comma before } or ]
            return json.loads(re.sub(r",\s*([}\]])", r"\1", raw), strict=False)
        except ValueError as exc:
            logger.debug("unreadable JSON-LD: %s", exc)
            return None


def _walk(data: Any, depth: int = 0, listed: set[int] | None = None, in_list: bool = False) -> Iterator[dict[str, Any]]:
    """The typed or identified JSON-LD nodes of ``data``; the ``id()`` of each one found inside an
    ``itemListElement`` is added to ``listed``."""
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data:
            yield from _walk(item, depth + 1, listed, in_list)
    elif isinstance(data, dict):
        if "@type" in data or "@id" in data:
            if in_list and listed is not None:
                listed.add(id(data))
            yield data
        for key in ("@graph", "mainEntity", "itemListElement", "item"):
            if key in data and (key != "item" or in_list):  # a ListItem's "item": the listed story
                yield from _walk(data[key], depth + 1, listed, in_list or key == "itemListElement")


def _types(node: dict[str, Any]) -> list[str]:
    value = node.get("@type")
    if isinstance(value, str):
        return [value.rsplit("/", 1)[-1]]
    if isinstance(value, list):
        return [v.rsplit("/", 1)[-1] for v in value if isinstance(v, str)]
    return []


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, (str, int, float))), None)
    if isinstance(value, dict):
        value = value.get("@value") or value.get("name")
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    text = " ".join(html.unescape(str(value)).split())
    return text or None


def _first_text(value: Any) -> str | None:
    return _text(value[0] if isinstance(value, list) and value else value)


def _resolve(value: Any, graph: dict[str, dict[str, Any]]) -> Any:
    if isinstance(value, dict) and set(value) <= {"@id", "@type"} and value.get("@id") in graph:
        return graph[value["@id"]]
    return value


_ORGANIZATION_TYPES = frozenset({"organization", "newsmediaorganization", "corporation", "ngo",
                                 "governmentorganization", "localbusiness", "brand"})


def _people(value: Any, graph: dict[str, dict[str, Any]]) -> Iterator[tuple[str, str | None, str]]:
    """(name, job title, kind) of each author; kind is "person" or "organization" when the node (or
    the node its @id names in ``graph``) is typed so, else "". An organisation credited as the
    author (the outlet, an agency) is no person: kept for wire attribution, never an author."""
    for item in value if isinstance(value, list) else [value]:
        item = _resolve(item, graph)
        if isinstance(item, str):
            yield item, None, ""
        elif isinstance(item, dict):
            name = _text(item.get("name"))
            node = graph.get(item.get("@id")) if isinstance(item.get("@id"), str) else None
            types = {t.lower() for t in _types(item) + (_types(node) if node else [])}
            kind = "person" if "person" in types else "organization" if types & _ORGANIZATION_TYPES else ""
            if name and not _is_url(name):
                yield name, _text(item.get("jobTitle")) if kind != "organization" else None, kind


def _name(value: Any, graph: dict[str, dict[str, Any]]) -> str | None:
    value = _resolve(value[0] if isinstance(value, list) and value else value, graph)
    return _text(value.get("name")) if isinstance(value, dict) else _text(value)


def _image(value: Any, graph: dict[str, dict[str, Any]]) -> str | None:
    value = _resolve(value[0] if isinstance(value, list) and value else value, graph)
    if isinstance(value, dict):
        return _text(value.get("url") or value.get("contentUrl"))
    return _text(value)


def _id(value: Any) -> str | None:
    if isinstance(value, dict):
        return _text(value.get("@id") or value.get("url"))
    return _text(value)


def _meta_tags(tree: HtmlElement) -> dict[str, list[str]]:
    tags: dict[str, list[str]] = {}
    for element in tree.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop") or element.get("http-equiv")
        content = element.get("content")
        if key and content and content.strip():
            tags.setdefault(key.strip().lower(), []).append(" ".join(html.unescape(content).split()))
    return tags


def _first(tags: dict[str, list[str]], keys: Iterable[str], strip: str = "") -> str | None:
    for key in keys:
        for value in tags.get(key, ()):
            value = value.lstrip(strip).strip() if strip else value
            if value:
                return value
    return None


def _first_date(tags: dict[str, list[str]], keys: Iterable[str], now: datetime | None,
                month_first: bool = False) -> str | None:
    for key in keys:
        for value in tags.get(key, ()):
            found = dates.parse_machine(value, now, month_first=month_first)
            if found:
                return found
    return None


def _canonical_link(tree: HtmlElement) -> str | None:
    for link in tree.iter("link"):
        if (link.get("rel") or "").strip().lower() == "canonical" and link.get("href"):
            return link.get("href").strip()
    return None


def _language(value: str | None) -> str | None:
    match = _LANG.match((value or "").strip())
    return match.group(1).lower() if match else None


def _bylines(elements: list[HtmlElement]) -> list[str]:
    """The texts of byline elements, outside what is not the article; one author per element in
    sibling elements of one tag and class (``<span class="author">A</span> و <span class="author">B</span>``)
    are one byline ("A, B")."""
    texts: list[str] = []
    previous: HtmlElement | None = None
    members = {id(element) for element in elements[:12]}
    for element in elements[:12]:
        if element.tag in _NOT_TEXT or _in_other_content(element):
            continue
        text = " ".join(" ".join(element.itertext()).split())  # "Name<time>Date" must not glue "NameDate"
        if not text:  # microdata: <div itemprop="author" itemscope><meta itemprop="name" content="…"></div>
            text = " ".join(" ".join(m.get("content") or "" for m in element.iter("meta")
                                     if m.get("itemprop") == "name").split())
        links = [t for t in (" ".join(a.text_content().split()) for a in element.iter("a")) if t]
        names = _member_names(element, members)
        if len(links) >= 2:  # "<a>Name</a> <a>More articles by this writer</a>": the links, one by one
            text = ", ".join(dict.fromkeys(links))
        elif names:  # "<span class="name">A</span><span class="name">B</span>": one name each
            text = ", ".join(names)
        if previous is not None and texts and text and _same_kind_sibling(previous, element):
            texts[-1] = f"{texts[-1]}, {text}"
            previous = element
            continue
        if text and len(text) <= 160 and text not in texts:
            texts.append(text)
            previous = element
        if len(texts) >= 4:
            break
    return texts


def _member_names(element: HtmlElement, members: set[int]) -> list[str]:
    """The texts of two or more byline elements (their ``id()`` in ``members``) of one tag and class
    inside ``element``, one name each; [] when there are fewer."""
    groups: dict[tuple[str, str | None], list[str]] = {}
    for inner in element.iterdescendants():
        if id(inner) in members:
            text = " ".join(" ".join(inner.itertext()).split())
            if text:
                groups.setdefault((inner.tag, inner.get("class")), []).append(text)
    return next((texts for texts in groups.values() if len(texts) >= 2), [])


def _same_kind_sibling(one: HtmlElement, other: HtmlElement) -> bool:
    """``other`` follows ``one`` in the same parent, with the same tag and class, and only a few
    characters of text between them ("و", "and", a comma)."""
    if one.getparent() is None or one.getparent() is not other.getparent() or one.tag != other.tag \
            or one.get("class") != other.get("class"):
        return False
    between = (one.tail or "")
    for sibling in one.itersiblings():
        if sibling is other:
            return len(between.strip()) <= 5
        between += sibling.text_content() + (sibling.tail or "")
        if len(between.strip()) > 5:
            return False
    return False


def _unique(names: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for name in names:
        if name and name not in seen:
            seen.append(name)
    return seen


def _is_url(text: str) -> bool:
    return text.startswith(("http://", "https://", "//", "www."))




# Containers of what is not the article, by tag or by one of their class or id tokens: comments, a
# sidebar or widget, related or popular stories. A byline inside them credits a comment, a
# columnist of the sidebar or another story (trafilatura discards the like before reading authors).
_OTHER_TAGS = frozenset({"aside", "footer", "nav", "header"})
# (Comments and other stories: the containers whose dates are not the article's either.)
_OTHER_STORIES = (r"comments?|comment[-_].*|.*[-_]comments?|commentlist|related.*|.*[-_]related|"
                  r"most[-_]?(?:read|viewed|popular).*|popular.*|trending.*|recommend.*|recent[-_].*|.*[-_]recent|"
                  r"more[-_](?:news|stories)|more[-_]from.*|read[-_]?next.*|up[-_]?next.*|also[-_]?read.*|"
                  r"you[-_]may[-_]like.*|latest[-_](?:news|stories|posts|articles|headlines).*")
_OTHER_TOKEN = re.compile(rf"^(?:{_OTHER_STORIES}|.*sidebar.*|widgets?|widget[-_].*)$", re.IGNORECASE)
_OTHER_STORIES_TOKEN = re.compile(rf"^(?:{_OTHER_STORIES})$", re.IGNORECASE)
CARD_LEVELS = 5  # how far above a byline element its card (a linked headline, a teaser and the byline) may be


def _tokens(element: HtmlElement) -> list[str]:
    """The words of ``element``'s class and id attributes ("byline__name", "post-date")."""
    return (element.get("class", "") + " " + element.get("id", "")).split()


def _in_other_content(element: HtmlElement) -> bool:
    """Whether a byline ``element`` stands in a container that is not the article (see
    :data:`_OTHER_TOKEN`), or in one of several cards of a list (a card that holds more than the
    byline, beside a sibling card of the same tag and class: related stories, a columnists'
    widget, comments), which names another story's author."""
    own = len(" ".join("".join(element.itertext()).split()))
    for level, ancestor in enumerate(element.iterancestors()):
        if ancestor.tag in ("body", "html"):
            return False
        if ancestor.tag in _OTHER_TAGS and ancestor.tag != "header" or any(
                _OTHER_TOKEN.match(token) for token in _tokens(ancestor)):
            return True
        # the site's own header (outside <article> and <main>, not the story's: a columnist box, a ticker)
        if ancestor.tag == "header" and not _is_story_header(ancestor) \
                and not any(a.tag in ("article", "main") for a in ancestor.iterancestors()):
            return True
        if level < CARD_LEVELS and _is_card(ancestor, own):
            return True
    return False


def _in_other_stories(element: HtmlElement) -> bool:
    """Whether a date ``element`` stands in a container of comments or of related, recent or popular
    stories (:data:`_OTHER_STORIES_TOKEN`): a comment's or another story's date. Sidebars and
    widgets are left aside here: themes class the page's main column "has-sidebar" or "content-area
    sidebar", and blog engines put the post itself in a "widget", where the article's own date stands."""
    for ancestor in element.iterancestors():
        if ancestor.tag in ("body", "html"):
            return False
        if any(_OTHER_STORIES_TOKEN.match(token)
               for token in _tokens(ancestor)):
            return True
    return False


def _is_card(element: HtmlElement, byline_length: int) -> bool:
    """``element`` holds more than the byline (a link, a heading or a teaser beside it) and has a
    sibling of the same tag and class: one card of a list."""
    parent = element.getparent()
    if parent is None or element.get("class") is None:
        return False
    same = sum(1 for sibling in parent if sibling.tag == element.tag and sibling.get("class") == element.get("class"))
    return same >= 2 and element.find(".//a") is not None and _length(element) > byline_length + 15
