"""Article extraction: trafilatura for the main text, our metadata, wire and boilerplate rules on top.

:func:`extract` turns one page into an :class:`Extracted` or raises :class:`ExtractionError` with a
status saying why not. :func:`extract_within` runs it in a :class:`~processing.workers.WorkerPool`
under a hard time limit and never raises: every failure comes back as an :class:`ExtractionFailure`.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from typing import Iterable

import trafilatura
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.utils import load_html
from trafilatura.xml import xmltotxt

from processing import boilerplate, bylines, dates, metadata, related, wire
from processing.arabic import fold
from processing.encoding import binary_reason, decode_html
from processing.words import words
from processing.workers import TimeLimitExceeded, WorkerCrashed, WorkerPool, WorkerRaised

logger = logging.getLogger(__name__)

# Why a page has no extracted article (articles.extraction_status; "ok" when it has one).
EMPTY, TOO_LARGE, BINARY, TIMEOUT, CRASHED, FAILED = "empty", "too_large", "binary", "timeout", "crashed", "failed"
STATUSES = (EMPTY, TOO_LARGE, BINARY, TIMEOUT, CRASHED, FAILED)
DEFAULT_MAX_HTML_BYTES = 5_000_000


@dataclass(frozen=True)
class ExtractHints:
    """What the source registry knows about an outlet's pages."""

    boilerplate_lines: tuple[str, ...] = ()
    prune_xpath: tuple[str, ...] = ()
    timezone: str | None = None  # IANA name: the zone of a time the outlet's pages print without an offset
    site_names: tuple[str, ...] = ()  # the outlet's names: cut from titles, never taken for an author
    country: str | None = None  # ISO 3166: how the outlet writes a numeric date (dates.month_first)


# Extraction time grows faster than linearly with a page's element count (10k short paragraphs take
# ~1.7 s, 60k ~34 s on the CI machine; benchmarks/faults_benchmark.py measures it), so pages are bounded
# by elements as well as bytes. The largest of 1,040 real pages measured has ~10k elements.
DEFAULT_MAX_ELEMENTS = 25_000


def element_count(html: bytes | str) -> int:
    """Start tags in ``html`` (every ``<`` that does not open an end tag), counted without parsing."""
    if isinstance(html, str):
        return html.count("<") - html.count("</")
    return html.count(b"<") - html.count(b"</")


def size_problem(html: bytes | str, options: "ExtractOptions") -> str | None:
    """Why ``html`` is too large to extract (``max_html_bytes`` or ``max_elements``), or None."""
    size = len(html) if isinstance(html, bytes) else len(html.encode("utf-8", "surrogatepass"))
    if size > options.max_html_bytes:
        return f"{size} bytes, limit {options.max_html_bytes}"
    elements = element_count(html)
    if elements > options.max_elements:
        return f"{elements} elements, limit {options.max_elements}"
    return None


@dataclass(frozen=True)
class ExtractOptions:
    """How to extract; built once by the caller and passed down."""

    favor_precision: bool = False
    favor_recall: bool = False
    include_tables: bool = True
    rules: tuple[boilerplate.Rule, ...] | None = None  # None: the shipped rules
    max_html_bytes: int = DEFAULT_MAX_HTML_BYTES
    max_elements: int = DEFAULT_MAX_ELEMENTS
    unwrap_layout_tables: bool = True
    merge_split_bodies: bool = True  # an article's text cut into sibling containers by ads (merge_split_bodies)
    drop_embedded_posts: bool = True  # credit lines of social-media posts quoted in the article (drop_embedded_posts)
    drop_related_blocks: bool = True  # runs of link-headed cards after the article (processing.related)
    keep_line_breaks: bool = True  # a <br> before an inline element still breaks the line (keep_line_breaks)
    drop_polls: bool = True  # a reader poll's question and answers set in the article (drop_polls)
    drop_image_captions: bool = True  # a picture and its caption set as a paragraph (drop_image_captions)
    unwrap_heading_self_links: bool = True  # a live blog's entry headings linked to themselves (unwrap_heading_self_links)
    prune_xpath: tuple[str, ...] = ()  # elements to drop before extraction on every page (outlets add theirs)


@dataclass
class Extracted:
    title: str | None
    text: str  # paragraphs separated by blank lines
    authors: list[str] = field(default_factory=list)
    published: str | None = None  # ISO 8601, with its offset when the page gives one
    modified: str | None = None
    canonical_url: str | None = None  # what the page declares (link rel=canonical, JSON-LD, og:url)
    site_name: str | None = None
    section: str | None = None
    description: str | None = None
    image: str | None = None
    declared_language: str | None = None  # html lang / og:locale: a hint, not a detection
    wire_agency: str | None = None  # Reuters, AP, AFP, PA, … when the story carries one
    encoding: str | None = None
    encoding_mislabelled: bool = False  # the declared charset was wrong; decoded by what the bytes are
    boilerplate_removed: dict[str, int] = field(default_factory=dict)

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.text.split("\n\n") if p]

    @property
    def boilerplate_removed_count(self) -> int:
        return sum(self.boilerplate_removed.values())


@dataclass(frozen=True)
class ExtractionFailure:
    """No article from this page: ``status`` is one of :data:`STATUSES`, ``error`` one line saying why."""

    status: str
    error: str


class ExtractionError(Exception):
    """A page from which no article could be extracted."""

    def __init__(self, status: str, message: str) -> None:
        super().__init__(message)
        self.status = status

    def __reduce__(self) -> tuple:
        return (type(self), (self.status, str(self)))


def extract(html: bytes | str, url: str, hints: ExtractHints | None = None,
            options: ExtractOptions | None = None, *, header_charset: str | None = None,
            now: datetime | None = None) -> Extracted:
    """Extract the article from ``html``. Raises :class:`ExtractionError` when there is none.
    ``now`` is the moment dates are checked against (default: the current time)."""
    hints = hints or ExtractHints()
    options = options or ExtractOptions()
    too_large = size_problem(html, options)
    if too_large:
        raise ExtractionError(TOO_LARGE, too_large)
    encoding, mislabelled = None, False
    if isinstance(html, bytes):
        reason = binary_reason(html)
        if reason:
            raise ExtractionError(BINARY, reason)
        decoded = decode_html(html, header_charset)
        html, encoding, mislabelled = decoded.text, decoded.encoding, decoded.mislabelled
    if not html.strip():
        raise ExtractionError(EMPTY, "empty page")
    feed = _XML_DOCUMENT.match(html[:4096])
    if feed:  # a feed or sitemap (served as HTML, or a file): its titles and dates are not an article
        raise ExtractionError(EMPTY, f"not an HTML page: an XML document (<{feed.group(1)}>)")
    tree = load_html(html)
    if tree is None:
        raise ExtractionError(EMPTY, "no HTML document found")
    # Every element's Python proxy, held while our readers walk the tree (metadata, related blocks, link
    # texts) so that each walk reuses it: lxml.html builds a missing proxy with a class lookup written
    # in Python, about 1 µs an element and a walk.
    proxies = list(tree.iter())
    meta = metadata.read(tree, url, now, site_names=hints.site_names, timezone=hints.timezone, country=hints.country)
    headlines = headline_candidates(tree, meta.title)  # before trafilatura prunes the tree
    if options.unwrap_layout_tables:
        unwrap_layout_tables(tree)
    if options.keep_line_breaks:
        keep_line_breaks(tree)
    if options.drop_polls:
        drop_polls(tree)
    if options.drop_image_captions:
        drop_image_captions(tree)
    if options.unwrap_heading_self_links:
        unwrap_heading_self_links(tree, url)
        flatten_entry_articles(tree)
    if options.drop_embedded_posts:
        drop_embedded_posts(tree)
    if options.merge_split_bodies:
        merge_split_bodies(tree)
    related_lines = related.related_lines(tree, url) if options.drop_related_blocks else frozenset()
    link_texts = _link_texts(tree)  # before trafilatura prunes the tree
    del proxies  # trafilatura walks copies of the tree
    doc = trafilatura.bare_extraction(
        tree, url=url, with_metadata=False, include_comments=False, output_format="txt",
        include_tables=options.include_tables, favor_precision=options.favor_precision,
        favor_recall=options.favor_recall, prune_xpath=list(options.prune_xpath + hints.prune_xpath) or None,
    )
    # The plain text exactly as trafilatura.extract() renders it (NFC: canonical composition only,
    # no folding of Arabic letter forms).
    text = unicodedata.normalize("NFC", xmltotxt(doc.body, False)) if doc is not None else ""
    if not text.strip():
        raise ExtractionError(EMPTY, "no article text found")
    paragraphs, cards = related.drop_lines(list(_paragraphs(text)), related_lines)
    paragraphs = _without_leading_title(paragraphs, headlines)
    agency = wire.find(meta.bylines, paragraphs)
    rules = tuple(boilerplate.default_rules() if options.rules is None else options.rules)
    # The outlet's own lines first: an exact line its registry entry names is counted under that name,
    # not under a shipped rule that matches it too.
    cleaned = boilerplate.clean(paragraphs, boilerplate.line_rules(hints.boilerplate_lines) + rules)
    kept, quotes = without_pull_quotes(cleaned.paragraphs)
    kept, notes = without_author_notes(kept, meta.authors)
    kept, edge_lines = without_edge_lines(kept, meta.authors, now, (*hints.site_names, meta.site_name or ""), url)
    if not kept:
        raise ExtractionError(EMPTY, "only boilerplate found")
    if all(" ".join(p.split()) in link_texts for p in kept):
        # A page with no article (a menu, an index of headlines): trafilatura keeps link texts as the text.
        raise ExtractionError(EMPTY, "only link texts found (navigation, no article)")
    removed = {**({related.RULE_ID: cards} if cards else {}), **cleaned.removed,
               **({PULL_QUOTE_ID: quotes} if quotes else {}), **({AUTHOR_NOTE_ID: notes} if notes else {}),
               **{rule: count for rule, count in edge_lines.items() if count}}
    return Extracted(
        title=meta.title,
        text="\n\n".join(kept),
        authors=meta.authors,
        published=meta.published,
        modified=meta.modified,
        canonical_url=meta.canonical_url,
        site_name=meta.site_name,
        section=meta.section,
        description=meta.description,
        image=meta.image,
        declared_language=meta.declared_language,
        wire_agency=agency,
        encoding=encoding,
        encoding_mislabelled=mislabelled,
        boilerplate_removed=removed,
    )


def extract_or_failure(html: bytes | str, url: str, hints: ExtractHints | None = None,
                       options: ExtractOptions | None = None, header_charset: str | None = None,
                       now: datetime | None = None) -> Extracted | ExtractionFailure:
    """:func:`extract`, with its failures returned instead of raised (any other exception, a bug or a
    page that breaks a library, is reported by the worker pool and becomes a ``failed`` status)."""
    try:
        return extract(html, url, hints, options, header_charset=header_charset, now=now)
    except ExtractionError as exc:
        return ExtractionFailure(exc.status, str(exc))


def extract_within(pool: WorkerPool, html: bytes | str, url: str, hints: ExtractHints | None = None,
                   options: ExtractOptions | None = None, header_charset: str | None = None,
                   now: datetime | None = None) -> Extracted | ExtractionFailure:
    """:func:`extract` in one of ``pool``'s workers, stopped at the pool's time limit. Never raises."""
    options = options or ExtractOptions()
    too_large = size_problem(html, options)
    if too_large:  # not worth sending to a worker
        return ExtractionFailure(TOO_LARGE, too_large)
    try:
        return pool.call(extract_or_failure, html, url, hints, options, header_charset, now)
    except TimeLimitExceeded:
        return ExtractionFailure(TIMEOUT, f"extraction took longer than {pool.time_limit:g}s; stopped")
    except WorkerCrashed as exc:
        return ExtractionFailure(CRASHED, f"extraction crashed: {exc}")
    except WorkerRaised as exc:
        return ExtractionFailure(FAILED, str(exc))


def new_pool(size: int = 1, time_limit: float = 20.0) -> WorkerPool:
    """A worker pool whose workers have this module (trafilatura, lxml) imported already."""
    return WorkerPool(size, time_limit, preload=[__name__])


_CELLS = etree.XPath("./tr/td | ./tbody/tr/td | ./tr/th | ./tbody/tr/th")
_LAYOUT_TAGS = {"table": "div", "tbody": "div", "thead": "div", "tfoot": "div", "tr": "div", "td": "div",
                "th": "div", "caption": "div"}


def unwrap_layout_tables(tree: HtmlElement) -> int:
    """Turn tables used for page layout (old CMSs, many Arabic sites among them) into plain blocks,
    so that the article inside is extracted as paragraphs rather than flattened into one table
    row, and drop their navigation cells. A table is a layout table when one of its cells holds
    running text (see :func:`_is_layout_table`), whatever the article's length. Data tables,
    whose cells hold a value or a sentence each, are left alone. Returns how many tables were
    unwrapped."""
    layout = [table for table in tree.iter("table") if _is_layout_table(table)]
    for table in layout:
        for cell in _CELLS(table):
            if _is_navigation_cell(cell):
                cell.drop_tree()
        for element in table.iter(*_LAYOUT_TAGS):
            element.tag = _LAYOUT_TAGS[element.tag]
            element.attrib.pop("colspan", None)
            element.attrib.pop("rowspan", None)
    return len(layout)


LAYOUT_PARAGRAPH_WORDS = 12  # a paragraph of running text, not a table value
NAVIGATION_LINK_SHARE = 0.9  # a cell whose text is nearly all links is a menu


def _is_layout_table(table: HtmlElement) -> bool:
    """A cell holds a page's worth of blocks: a main heading, three paragraphs or more, or two
    paragraphs of running text (``LAYOUT_PARAGRAPH_WORDS`` words each, as ``<p>`` elements or as
    runs of text between ``<br>`` line breaks, as old layouts write them); or one such paragraph
    next to a navigation cell (the old CMS layout: a menu cell, then the article cell)."""
    cells = _CELLS(table)
    for cell in cells:
        paragraphs = cell.findall(".//p")
        if cell.find(".//h1") is not None or len(paragraphs) >= 3:
            return True
        running = [p for p in paragraphs if len(p.text_content().split()) >= LAYOUT_PARAGRAPH_WORDS]
        if len(running) < 2 and cell.find(".//br") is not None:
            running += [None] * _broken_runs(cell)
        if len(running) >= 2 or running and any(_is_navigation_cell(other) for other in cells if other is not cell):
            return True
    return False


def _broken_runs(cell: HtmlElement) -> int:
    """Runs of running text (``LAYOUT_PARAGRAPH_WORDS`` words or more, outside ``<p>``) between the
    ``<br>`` line breaks of a table cell: "text<br><br>text", the paragraphs of an old layout."""
    runs, words = 0, 0
    for element in cell.iter():
        if element.tag == "br" or element.tag == "p":
            runs, words = runs + (words >= LAYOUT_PARAGRAPH_WORDS), 0
        elif element.tag not in ("a", "script", "style") and element.text and element.getparent() is not None \
                and element.getparent().tag != "p":
            words += len(element.text.split())
        if element.tail and element is not cell:
            words += len(element.tail.split())
    return runs + (words >= LAYOUT_PARAGRAPH_WORDS)


def _is_navigation_cell(cell: HtmlElement) -> bool:
    """Two links or more, and nearly all the cell's text is link text."""
    links = cell.findall(".//a")
    text = len("".join(cell.text_content().split()))
    linked = sum(len("".join(link.text_content().split())) for link in links)
    return len(links) >= 2 and text > 0 and linked >= NAVIGATION_LINK_SHARE * text


def keep_line_breaks(tree: HtmlElement) -> int:
    """Give every ``<br>`` with nothing after it (the next text inside an inline element:
    ``<font><b>Headline</b></font><br><font>First paragraph…``, as old layouts and many Arabic CMSs
    write a page) a newline for its tail, so that the break is kept: trafilatura drops a ``<br>``
    without a tail and glues the two lines ("HeadlineFirst paragraph…"). Returns how many were given one."""
    given = 0
    for br in tree.iter("br"):
        if not br.tail:
            br.tail = "\n"
            given += 1
    return given


_HEADING_LINKS = etree.XPath("//h1//a[@href] | //h2//a[@href] | //h3//a[@href] | //h4//a[@href]")


def unwrap_heading_self_links(tree: HtmlElement, url: str) -> int:
    """Make plain text of the links in headings that lead to the page itself: a live blog's entry
    headings link to the entry's own place ("…/live/vote#post-3", "?post=3"), and trafilatura drops a
    heading that is all link as navigation, losing every entry's heading but the first. The
    heading's text is kept; the link goes. Returns how many links were unwrapped."""
    page = related.PageAddress.of(url)
    if page is None:
        return 0
    unwrapped = 0
    for link in _HEADING_LINKS(tree):
        href = link.get("href", "").strip()
        if href and not href.startswith("#") and page.is_place_in(href):
            link.drop_tag()
            unwrapped += 1
    return unwrapped


_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_ENTRY_TAGS = ("article",)


def flatten_entry_articles(tree: HtmlElement) -> int:
    """Make plain ``<div>``s of sibling ``<article>``s that are the entries of one page (a live
    blog's posts), so that trafilatura reads them as one body: given several ``<article>``s (or
    blocks whose class names a body, "post", "entry" …) it takes the first for the body and keeps
    only the paragraphs of the others, dropping their headings. Entries are two or more
    ``<article>`` children of one parent with the same class, each with a heading that holds no
    link to another page (a card's heading links to another story: cards stay as they are) and a
    paragraph; they lose their tag, class and id. (Doing the same to ``<div>``s and ``<section>``s
    lowered precision on trafilatura's evaluation set.) Run after :func:`unwrap_heading_self_links`.
    Returns how many were flattened."""
    groups: dict[tuple[HtmlElement, str, str], list[HtmlElement]] = {}
    for entry in tree.iter(*_ENTRY_TAGS):
        parent = entry.getparent()
        if parent is not None:
            groups.setdefault((parent, entry.tag, entry.get("class", "")), []).append(entry)
    flattened = 0
    for entries in groups.values():
        if len(entries) >= 2 and all(_is_entry(entry) for entry in entries):
            for entry in entries:
                entry.tag = "div"
                entry.attrib.pop("class", None)
                entry.attrib.pop("id", None)
            flattened += len(entries)
    return flattened


def _is_entry(article: HtmlElement) -> bool:
    heading = next(article.iter(*_HEADINGS), None)
    return heading is not None and article.find(".//p") is not None and \
        all(link.get("href", "").startswith("#") for link in heading.iter("a") if link.get("href"))


MAX_CAPTION_WORDS = 30
MAX_BROKEN_CAPTION_WORDS = 20  # a caption under a line break; a paragraph's opening after a picture is longer
_CAPTION_TAGS = frozenset({"em", "i", "small", "span", "font", "figcaption", "cite"})


def drop_image_captions(tree: HtmlElement) -> int:
    """Drop paragraphs that are a picture and its caption, as older CMSs set them between the
    article's paragraphs (``<p><img …><br><em>The minister at the opening</em></p>``): a ``<p>``
    that opens with an ``<img>`` (nothing but white space before it) and whose text, no link, is
    one line after a line break (``MAX_BROKEN_CAPTION_WORDS`` words at most) or one inline element
    (``<em>``, ``<small>``, ``<span>`` …, ``MAX_CAPTION_WORDS`` words at most). trafilatura drops ``<figure>`` captions already; a
    picture inside a sentence (an emoji) has text before it and stays. Returns how many were dropped."""
    dropped = 0
    for image in list(tree.iter("img")):
        paragraph = image.getparent()
        if paragraph is None or paragraph.tag != "p" or paragraph[0] is not image or (paragraph.text or "").strip():
            continue
        text = " ".join(paragraph.text_content().split())
        if not text or len(text.split()) > MAX_CAPTION_WORDS or paragraph.find(".//a") is not None:
            continue
        rest = [child for child in paragraph if child is not image]
        broken = bool(rest) and rest[0].tag == "br" and not (image.tail or "").strip() \
            and len(text.split()) <= MAX_BROKEN_CAPTION_WORDS and sum(1 for c in rest if c.tag == "br") == 1
        wrapped = len(rest) == 1 and rest[0].tag in _CAPTION_TAGS and not (image.tail or "").strip() \
            and not (rest[0].tail or "").strip()
        if broken or wrapped:
            paragraph.drop_tree()
            dropped += 1
    if dropped:
        logger.debug("dropped %d pictures with their captions", dropped)
    return dropped


MAX_POLL_WORDS = 80  # a question, its answers and the buttons; a page wrapped in one <form> holds far more
MAX_POLL_OTHER_WORDS = 2 * LAYOUT_PARAGRAPH_WORDS  # more text beside the poll than a long question: the article
_CHOICES = etree.XPath("//input[@type='radio' or @type='checkbox']")


def drop_polls(tree: HtmlElement) -> int:
    """Drop the readers' polls set in or beside an article ("Will you use the new buses? Yes No
    Vote", «هل تؤيد القرار؟ نعم لا تصويت»): around each radio button or check box, the largest
    element holding at most ``MAX_POLL_WORDS`` words and adding fewer than ``MAX_POLL_OTHER_WORDS``
    at each step up from the button (a page that wraps everything in one ``<form>``, as ASP.NET
    sites do, and a short article beside its poll keep their text). Returns how many elements were
    dropped."""
    dropped = 0
    for choice in _CHOICES(tree):
        if not _attached(choice, tree):  # inside a poll dropped already
            continue
        poll, held = None, 0
        node = choice.getparent()
        while node is not None and node.tag not in ("body", "html"):
            words_in = len(node.text_content().split())
            if words_in > MAX_POLL_WORDS or words_in - held >= MAX_POLL_OTHER_WORDS:
                break  # a page's worth of text, or the article's paragraphs beside the poll
            poll, node, held = node, node.getparent(), words_in
        if poll is not None and poll.getparent() is not None:
            poll.drop_tree()
            dropped += 1
    if dropped:
        logger.debug("dropped %d readers' polls", dropped)
    return dropped


def _attached(element: HtmlElement, tree: HtmlElement) -> bool:
    """``element`` is still in ``tree`` (an ancestor of it was not dropped before)."""
    root = element
    while root.getparent() is not None:
        root = root.getparent()
    return root is tree


# The class names social platforms' embed codes give the quoted post (the markup that stands in for the
# post until the platform's script replaces it): X/Twitter, Instagram, TikTok, Facebook, Reddit, Bluesky,
# Threads, Mastodon, Telegram.
EMBED_CLASSES = frozenset({"twitter-tweet", "twitter-video", "instagram-media", "tiktok-embed", "fb-post",
                           "fb-video", "reddit-embed-bq", "bluesky-embed", "text-post-media", "mastodon-embed",
                           "telegram-post"})
_EMBED_CANDIDATES = etree.XPath("//blockquote[@class]")
_POST_CREDIT = re.compile(r"\(@[\w.]+\)")  # "— Jane Doe (@janedoe) March 3, 2026", "A post shared by X (@x)"


def drop_embedded_posts(tree: HtmlElement) -> int:
    """Drop the credit lines of social-media posts quoted in the article ("— Jane Doe (@janedoe)
    March 3, 2026", "A post shared by …", the post's date link): page furniture around the quote.
    The post's own words stay: an article often quotes a post as its subject (trafilatura's
    evaluation set counts them as the article's text). A post is recognised by the class its
    platform's embed code gives the ``<blockquote>`` (:data:`EMBED_CLASSES`). Returns how many
    posts were trimmed."""
    trimmed = 0
    for quote in _EMBED_CANDIDATES(tree):
        if not EMBED_CLASSES.intersection(quote.get("class", "").split()):
            continue
        for paragraph in list(quote.iter("p")):
            if _POST_CREDIT.search(paragraph.text_content()):
                paragraph.drop_tree()
        quote.text = None  # a credit written straight into the blockquote, around its date link
        for child in list(quote):
            if child.tag in ("p", "div", "section"):
                child.tail = None
            else:
                child.drop_tree()
        trimmed += 1
    if trimmed:
        logger.debug("trimmed the credit lines of %d embedded social-media posts", trimmed)
    return trimmed


SPLIT_BODY_MIN_WORDS = 90  # running words in the largest part: an article's body, not a caption or a card
SPLIT_BODY_MIN_PARAGRAPHS = 3
SPLIT_BODY_MIN_PART_WORDS = 60  # a part with one paragraph: a real continuation, not a note or a promo after it
SPLIT_BODY_MAX_PARTS = 8  # more same-class blocks than this is a listing (events, products, teasers)
SPLIT_BODY_MAX_GAP_WORDS = 60  # words between two parts: an ad's label, a newsletter box, a pull quote
_BODY_TAGS = frozenset({"div", "section", "article", "main"})


def merge_split_bodies(tree: HtmlElement) -> int:
    """Join an article body that the page splits into several containers (an ad, a newsletter box
    or a pull quote between them), so that extraction, which picks one container, gets all of it.

    The main body is the block container (div, section, article, main) holding the most running
    text (paragraphs of ``LAYOUT_PARAGRAPH_WORDS`` words or more): at least
    ``SPLIT_BODY_MIN_WORDS`` words in ``SPLIT_BODY_MIN_PARAGRAPHS`` paragraphs. Other containers
    with the same tag, the same class and the same depth in the tree, holding running text too (the
    first and last of them two paragraphs, or one of ``SPLIT_BODY_MIN_PART_WORDS`` words: a short
    note after the article is not its end), and next to it or to one another
    (at most ``SPLIT_BODY_MAX_GAP_WORDS`` words of other text between two parts), are the rest of
    the body (at most ``SPLIT_BODY_MAX_PARTS`` parts in all: more is a listing of teasers): their
    children are moved, in document order, to the end of the first part. The
    elements between the parts stay where they were. A body without a class (too common a shape to
    match on) or in one part is left alone. Returns how many parts were moved."""
    running: dict[HtmlElement, list[int]] = {}
    for paragraph in tree.iter("p"):
        parent = paragraph.getparent()
        if parent is None or parent.tag not in _BODY_TAGS or not parent.get("class"):
            continue
        words = len(paragraph.text_content().split())
        if words >= LAYOUT_PARAGRAPH_WORDS:
            running.setdefault(parent, []).append(words)
    if len(running) < 2:
        return 0
    main = max(running, key=lambda element: sum(running[element]))
    if sum(running[main]) < SPLIT_BODY_MIN_WORDS or len(running[main]) < SPLIT_BODY_MIN_PARAGRAPHS:
        return 0
    key = (main.tag, main.get("class"), _depth(main))
    parts = [c for c in running if (c.tag, c.get("class")) == key[:2] and _depth(c) == key[2]]
    if not 2 <= len(parts) <= SPLIT_BODY_MAX_PARTS:
        return 0
    elements = list(tree.iter())
    order = {element: index for index, element in enumerate(elements)}
    parts.sort(key=order.__getitem__)
    parts = _adjacent(parts, elements, order, main)

    def small(part: HtmlElement) -> bool:
        return part is not main and len(running[part]) < 2 and sum(running[part]) < SPLIT_BODY_MIN_PART_WORDS

    while parts and small(parts[-1]):  # a note or a promo after the article, in the body's dress
        parts.pop()
    while parts and small(parts[0]):
        parts.pop(0)
    if len(parts) < 2:
        return 0
    first = parts[0]
    for part in parts[1:]:
        if part.text and part.text.strip():
            paragraph = etree.SubElement(first, "p")
            paragraph.text = part.text
        first.extend(list(part))
        part.drop_tree()
    logger.debug("merged an article body split into %d parts", len(parts))
    return len(parts) - 1


def _adjacent(parts: list[HtmlElement], elements: list[HtmlElement], order: dict[HtmlElement, int],
              main: HtmlElement) -> list[HtmlElement]:
    """The run of ``parts`` (in document order) around ``main`` whose neighbours are separated by at
    most ``SPLIT_BODY_MAX_GAP_WORDS`` words of other text: one article cut by furniture, not blocks
    of a page far apart (an article and, after its comments, a footer of the same class)."""
    def gap(before: HtmlElement, after: HtmlElement) -> int:
        last = order[before] + sum(1 for _ in before.iterdescendants())
        words = len((before.tail or "").split())
        for element in elements[last + 1:order[after]]:
            if isinstance(element.tag, str) and element.tag not in ("script", "style", "noscript", "template"):
                words += len((element.text or "").split())
            words += len((element.tail or "").split())
            if words > SPLIT_BODY_MAX_GAP_WORDS:
                break
        return words

    index = parts.index(main)
    start = end = index
    while start > 0 and gap(parts[start - 1], parts[start]) <= SPLIT_BODY_MAX_GAP_WORDS:
        start -= 1
    while end < len(parts) - 1 and gap(parts[end], parts[end + 1]) <= SPLIT_BODY_MAX_GAP_WORDS:
        end += 1
    return parts[start:end + 1]


def _depth(element: HtmlElement) -> int:
    return sum(1 for _ in element.iterancestors())


PULL_QUOTE_ID = "pull-quote"  # the name counted in Extracted.boilerplate_removed
PULL_QUOTE_WORDS = (6, 60)  # a sentence or two set in large type, not a word or a whole section
PULL_QUOTE_MAX_PARAGRAPHS = 200  # each paragraph is compared with each: articles are shorter than this
_ATTRIBUTION = re.compile(r"^[—–―-]\s*\S")  # "— Advocate Jane Doe", the pull quote's credit line


def without_pull_quotes(paragraphs: list[str]) -> tuple[list[str], int]:
    """``paragraphs`` without pull quotes: a short paragraph (``PULL_QUOTE_WORDS`` words) whose words
    all stand, in order, inside a longer paragraph of the same article (the page repeats a sentence
    of the story in large type, with or without its quotation marks), and the credit line under it
    ("— Jane Doe", eight words at most). The sentence stays where the story says it. A text of more
    than ``PULL_QUOTE_MAX_PARAGRAPHS`` paragraphs (a listing, a pathological page) is left as it is.
    Returns (kept, removed)."""
    if len(paragraphs) > PULL_QUOTE_MAX_PARAGRAPHS:
        return paragraphs, 0
    keys = [" " + " ".join(words(p.casefold())) + " " for p in paragraphs]
    sizes = [key.count(" ") - 1 for key in keys]
    drop: set[int] = set()
    for index, key in enumerate(keys):
        if not PULL_QUOTE_WORDS[0] <= sizes[index] <= PULL_QUOTE_WORDS[1]:
            continue
        if any(sizes[other] > sizes[index] and key in keys[other] for other in range(len(keys)) if other != index):
            drop.add(index)
            following = index + 1
            if following < len(paragraphs) and _ATTRIBUTION.match(paragraphs[following]) \
                    and sizes[following] <= 8:
                drop.add(following)
    if not drop:
        return paragraphs, 0
    logger.debug("dropped %d pull-quote lines", len(drop))
    return [p for i, p in enumerate(paragraphs) if i not in drop], len(drop)


AUTHOR_NOTE_ID = "author-note"  # the name counted in Extracted.boilerplate_removed
AUTHOR_NOTE_LAST = 4  # the note is among the article's last paragraphs
_BIO_VERB = re.compile(r"\s*(?:\([^)]*\)\s*)?(?:is|was|are|has been|works|writes|teaches|covers|هو|هي|كاتب|كاتبة|صحفي|صحفية|"
                       r"باحث|باحثة|أستاذ|أستاذة)\b")


def without_author_notes(paragraphs: list[str], authors: list[str]) -> tuple[list[str], int]:
    """``paragraphs`` without the note about the authors that closes many articles ("Jane Doe is a
    senior researcher at …", «هند السويدي باحثة في …») and what follows it (where it was first
    published, the next author's note): among the last ``AUTHOR_NOTE_LAST`` paragraphs, the first
    that opens with one of ``authors`` (the page's own byline) and a verb of who they are. Returns
    (kept, removed)."""
    if not authors or len(paragraphs) < 2:
        return paragraphs, 0
    start = max(1, len(paragraphs) - AUTHOR_NOTE_LAST)
    for index in range(start, len(paragraphs)):
        paragraph = paragraphs[index]
        for name in authors:
            if paragraph.startswith(name) and _BIO_VERB.match(paragraph, len(name)):
                logger.debug("dropped %d closing lines about the authors", len(paragraphs) - index)
                return paragraphs[:index], len(paragraphs) - index
    return paragraphs, 0


DATE_LINE_ID, BYLINE_ID, DATELINE_ID = "date-line", "byline", "dateline"  # names in Extracted.boilerplate_removed
EDGE_LINES = 3  # the article's first and last lines, where a page prints its byline and date


def without_edge_lines(paragraphs: list[str], authors: list[str], now: datetime | None = None,
                       site_names: tuple[str, ...] = (), url: str | None = None) -> tuple[list[str], dict[str, int]]:
    """``paragraphs`` without the date and byline lines that trafilatura keeps at the article's edges
    (its first and last ``EDGE_LINES``): a line that is nothing but a date
    (:func:`processing.dates.date_line`: «١٠ تشرين 2 ٢٠٢٦», "Published: Mon 16 Nov 2026, 9:41 AM")
    and a byline crediting the page's own ``authors`` (:func:`processing.bylines.is_byline_of`:
    «كتبت سارة عبد الله», «تقرير: يوسف بنعلي») or, among the first lines, a name printed with a date
    and nothing else (:func:`is_name_and_date_line`: "Maya Fernandes | 15 November 2026"), and a
    dateline or an agency's credit printed as a line of its own (:func:`processing.wire.is_dateline_line`: "LONDON, 12 March (Reuters) -",
    «الرياض - واس», "— AFP", "Dubai:" among the first lines, and a place beside the site's name: one of
    ``site_names`` or ``url``'s host). They are metadata, not the story's text (the agency is read
    before: :func:`processing.wire.find`). Returns (kept, removed counts by rule)."""
    removed = {DATE_LINE_ID: 0, BYLINE_ID: 0, DATELINE_ID: 0}
    edge = set(range(min(EDGE_LINES, len(paragraphs)))) | set(range(max(0, len(paragraphs) - EDGE_LINES), len(paragraphs)))
    kept: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        if index in edge and len(paragraphs) > 1:
            if dates.date_line(paragraph, now) is not None:
                removed[DATE_LINE_ID] += 1
                continue
            if bylines.is_byline_of(paragraph, authors) or (index < EDGE_LINES and
                                                             is_name_and_date_line(paragraph, site_names, url, now)):
                removed[BYLINE_ID] += 1
                continue
            # a place before a colon ("Dubai:", «دبي:») counts among the first lines, after a kicker or a
            # standfirst that extraction kept above it too; at the end it is a speaker's or a list's label
            if wire.is_dateline_line(paragraph, index < EDGE_LINES and index + 1 < len(paragraphs), site_names, url):
                removed[DATELINE_ID] += 1
                continue
        kept.append(paragraph)
    return kept, removed


_META_SEPARATORS = re.compile(r"\s*[|•·]\s*|\s+[-–—]\s+")
_TIME_ONLY = re.compile(r"(?i)[\d٠-٩]{1,2}[:.][\d٠-٩]{2}\s*(am|pm|a\.m\.|p\.m\.|ص|م|صباحا|صباحاً|مساء|مساءً)?"
                        r"(\s*\(?(gmt|utc|gst|ast)\s*[+-]?\d*\)?)?")
MAX_META_LINE_CHARS = 120


def is_name_and_date_line(line: str, site_names: tuple[str, ...] = (), url: str | None = None,
                          now: datetime | None = None) -> bool:
    """Whether ``line`` is a byline printed with its date and nothing else, as a page sets it above
    the story when its metadata names nobody: "Maya Fernandes | 15 November 2026", "Jane Doe
    30 August 2023 • 4:45pm", «سارة عبد الله - 15 نوفمبر 2026». Its parts (split at "|", "•", "·"
    and a spaced dash) are dates (:func:`processing.dates.date_line`) or times, and person names
    (:func:`processing.bylines.names_only`: not the site's name, an agency, a label or a sentence),
    a name maybe followed by a date in the same part; at least one of each. At most
    ``MAX_META_LINE_CHARS`` characters."""
    text = " ".join(line.split())
    if not text or len(text) > MAX_META_LINE_CHARS or not any(ch.isdigit() for ch in text):
        return False  # (a date or a time has a digit: most lines are passed over here)
    named = dated = False
    for part in _META_SEPARATORS.split(text):
        part = part.strip(" ,،")
        if not part:
            continue
        if _TIME_ONLY.fullmatch(part) or dates.date_line(part, now) is not None:
            dated = True
            continue
        if bylines.names_only(part, site_names, url):
            named = True
            continue
        words_of = part.split()
        cut = next((k for k in range(2, len(words_of)) if bylines.names_only(" ".join(words_of[:k]), site_names, url)
                    and dates.date_line(" ".join(words_of[k:]), now) is not None), None)
        if cut is None:
            return False
        named = dated = True
    return named and dated


# The start of a feed or sitemap: an optional XML declaration, comments or processing instructions, then an
# RSS, Atom, RSS 1.0 (RDF) or sitemap root element.
_XML_DOCUMENT = re.compile(r"\A\ufeff?\s*(?:<\?xml[^>]*\?>\s*)?(?:(?:<!--.*?-->|<\?[^>]*\?>)\s*)*"
                           r"<((?:rss|feed|rdf:RDF|urlset|sitemapindex))[\s>/]", re.DOTALL)


def _link_texts(tree: HtmlElement) -> frozenset[str]:
    """The whitespace-normalised text of every link on the page: an extracted text made only of these is
    navigation (a menu, an index of headlines), not an article. (A link without children has its
    ``text`` for its whole text: read directly, it spares lxml.html's XPath call of ``text_content()``,
    which costs three times as much.)"""
    return frozenset(" ".join((a.text_content() if len(a) else a.text or "").split()) for a in tree.iter("a"))


def _paragraphs(text: str) -> Iterable[str]:
    return (line.strip() for line in text.splitlines() if line.strip())


_HEADLINE_XPATH = etree.XPath(
    "//title/text() | //h1 | //meta[@property='og:title' or @name='twitter:title' or @name='title']/@content")
_TITLE_SEPARATORS = re.compile(r"\s+[-|–—:]\s+|\s+::\s+")
MIN_HEADLINE_SEGMENT_WORDS = 3


def headline_candidates(tree: HtmlElement, title: str | None) -> set[str]:
    """Every way the page states its headline (the chosen ``title``, ``<title>``, ``og:title``,
    ``twitter:title``, each ``<h1>``), whitespace-normalised, with the sides of a ``<title>``
    split at a separator (" - ", " | ", " – ", " — ", ": ") of ``MIN_HEADLINE_SEGMENT_WORDS``
    words or more: a first paragraph equal to one of them repeats the headline."""
    found = {title or ""}
    for value in _HEADLINE_XPATH(tree):
        found.add(metadata.heading_text(value) if isinstance(value, HtmlElement) else str(value))
        if isinstance(value, HtmlElement):
            found.add(value.text_content())  # as trafilatura may print it, the lines of a <br> glued
    candidates = {" ".join(value.split()) for value in found if value and value.strip()}
    for candidate in list(candidates):
        parts = _TITLE_SEPARATORS.split(candidate)
        for index in range(1, len(parts)):
            for side in (" - ".join(parts[:index]), " - ".join(parts[index:])):
                if len(side.split()) >= MIN_HEADLINE_SEGMENT_WORDS:
                    candidates.add(side)
    return candidates


def _headline_key(text: str) -> str:
    """``text``'s words, case-folded and Arabic-folded (:func:`processing.arabic.fold`: harakat,
    hamza forms): a headline repeated with a full stop, in quotation marks («…», '…') or with its
    vowels marked is the same headline."""
    return " ".join(words(fold(text).casefold()))


def _without_leading_title(paragraphs: list[str], headlines: set[str]) -> list[str]:
    """trafilatura keeps the article's <h1> (or a headline in a styled div, a ``<font><b>`` in
    an old layout) and a section kicker above it as the first lines; the title is a field of its
    own. Drop the first line among the first three that is one of the page's ``headlines``
    (:func:`headline_candidates`, compared by :func:`_headline_key`: a full stop, quotation marks
    or vowel marks do not make another line), with any short (kicker) lines above it, and the line
    after it when that repeats the headline (a bold first paragraph). A heading that is not the headline
    stays in the text."""
    if not headlines:
        return paragraphs
    keys = {_headline_key(h) for h in headlines} - {""}
    for index, paragraph in enumerate(paragraphs[:3]):
        if _headline_key(paragraph) in keys:
            rest = paragraphs[index + 1:]
            if rest and _headline_key(rest[0]) in keys:
                rest = rest[1:]  # the <h1>, then the headline again as the first paragraph
            if all(len(p.split()) <= 3 for p in paragraphs[:index]):
                return rest
            return paragraphs[:index] + rest
    return paragraphs
