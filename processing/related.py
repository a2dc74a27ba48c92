"""Related-stories blocks, found by their structure before extraction: a run of link-headed cards.

Real pages end an article with "More on this story", "Most read", «اقرأ أيضاً», «اخترنا لك»…: a
heading, then cards, each a linked headline with at most a one-sentence teaser. The heading's words
vary with every outlet and language and extraction sometimes drops the heading alone, so the block is
recognised by its shape, not its words: sibling elements that are each a card, in a run. The
phrase rules of :mod:`processing.boilerplate` stay as a second net after extraction.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from lxml import etree
from lxml.html import HtmlElement

from processing.words import word_count

RULE_ID = "related-cards"  # the name counted in Extracted.boilerplate_removed
MIN_CARDS = 3  # a run this long is a block wherever it stands
MIN_CARDS_AFTER_HEADING = 2  # shorter runs count only under a heading or at the end of their container
MIN_HEADLINE_WORDS = 3  # menus and footer links are one or two words
MAX_HEADLINE_WORDS = 30
MAX_TEASER_WORDS = 45  # a one- or two-sentence summary; article paragraphs are longer or not link-headed
MAX_WRAPPED_TEASER_WORDS = 150  # a card that is one link around all its text: the article's opening cut short
MAX_KICKER_WORDS = 3  # a section label or time above the headline
MAX_CARD_LINKS = 4  # image link, headline link, section link, comment count
MAX_HEADING_WORDS = 8
MIN_ARTICLE_WORDS_LEFT = 40  # never take the page's last text: a listing page is not an article with cards

_BLOCK_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_CARD_TAGS = {"div", "li", "article", "section", "figure", "a", "aside", "p"}
_HEADLINE_TAGS = _BLOCK_HEADINGS | {"p", "div", "span", "strong", "b"}
_PAGE_FURNITURE = {"nav", "header", "footer", "menu"}
# Text-level elements hold a sentence's links, never a block of cards.
_NOT_CONTAINERS = _PAGE_FURNITURE | _BLOCK_HEADINGS | {"p", "a", "span", "strong", "b", "em", "i", "font", "small", "label"}
_SKIPPED = {"script", "style", "noscript", "template", "img", "picture", "svg", "hr", "br", "iframe", "input"}


@dataclass(frozen=True)
class _Card:
    elements: tuple[HtmlElement, ...]  # the card itself, or a flat headline and its teaser


class _Counts:
    """Words (runs of letters and digits), story links and paragraphs under every element, counted in
    one pass from the leaves up, so that judging an element as a card costs a lookup, not a walk
    of its subtree."""

    def __init__(self, root: HtmlElement, page: "PageAddress | None" = None) -> None:
        self.words: dict[HtmlElement, int] = {}
        self.links: dict[HtmlElement, int] = {}
        self.paragraphs: dict[HtmlElement, int] = {}
        words_of, links_of, paragraphs_of = self.words, self.links, self.paragraphs
        for element in reversed(list(root.iter(tag=etree.Element))):
            words = word_count(element.text) if element.text else 0
            links = 1 if element.tag == "a" and _is_story_link(element, page) else 0
            paragraphs = 1 if element.tag == "p" else 0
            for child in element:
                if child in words_of:
                    words += words_of[child]
                    links += links_of[child]
                    paragraphs += paragraphs_of[child]
                if child.tail:
                    words += word_count(child.tail)
            words_of[element], links_of[element], paragraphs_of[element] = words, links, paragraphs


@dataclass(frozen=True)
class PageAddress:
    """The page's own address, to tell a link to it (a live blog's permalink to one of its entries)
    from a link to another story."""

    url: str
    host: str
    path: str
    tail: str  # the last segment of the path: a link to the page holds it

    @classmethod
    def of(cls, url: str | None) -> "PageAddress | None":
        if not url:
            return None
        parts = urlsplit(url)
        path = parts.path.rstrip("/")
        tail = path.rsplit("/", 1)[-1]
        return cls(url, parts.netloc.lower(), path, tail) if tail else None  # a site's home page: no key

    def is_place_in(self, href: str) -> bool:
        """``href`` leads to a place in this page: its own address with a fragment or a query
        ("…/live/vote#post-3", "?post=3"; not only tracking parameters). A plain link to the page
        is a card of it in a "Most viewed" list, and stays a story link."""
        if self.tail not in href:
            return False
        parts = urlsplit(urljoin(self.url, href))
        if parts.netloc.lower() != self.host or parts.path.rstrip("/") != self.path:
            return False
        keys = [pair.split("=", 1)[0] for pair in parts.query.split("&") if pair]
        return bool(parts.fragment) or any(not key.startswith("utm_") for key in keys)


def related_lines(tree: HtmlElement, url: str | None = None) -> frozenset[str]:
    """The lines of every related-stories block of ``tree`` (whitespace-normalised texts of each
    card, its parts and the block's heading), for :func:`drop_lines` to remove from the extracted
    text. The tree is not changed: what extraction had dropped anyway is not counted twice.

    A block is a run of at least ``MIN_CARDS`` sibling cards, or ``MIN_CARDS_AFTER_HEADING`` under
    a short heading or at the end of their container. A card is an element whose first text is a
    link of ``MIN_HEADLINE_WORDS``–``MAX_HEADLINE_WORDS`` words standing on its own line (alone or
    in a heading), with at most ``MAX_TEASER_WORDS`` words of other text; or a headline that is
    all link followed by such a teaser as its next sibling; or one link around a heading of
    headline length and a longer teaser (:func:`_wrapped_headline`). A run holding nearly all the
    page's text (fewer than ``MIN_ARTICLE_WORDS_LEFT`` words besides it) is a listing, not a block.
    Paragraphs that are one story link written in capitals are promotions and among the lines
    too (:func:`_capital_link_lines`). A story link leads to another page: not a jump within this
    one, nor a link to a place in ``url``, the page itself (a live blog's entries link to
    themselves: :meth:`PageAddress.is_place_in`)."""
    body = tree.find(".//body")
    root = body if body is not None else tree
    counts = _Counts(root, PageAddress.of(url))
    total = counts.words[root]
    lines: set[str] = set()
    for container in counts.words:
        # Every card holds a story link: fewer than two under a container, and no run of its children counts.
        if container.tag in _NOT_CONTAINERS or len(container) < 2 or counts.links[container] < MIN_CARDS_AFTER_HEADING:
            continue
        if any(ancestor.tag in _PAGE_FURNITURE for ancestor in container.iterancestors()):
            continue
        for run, heading, trailing in _runs(container, counts):
            if len(run) < MIN_CARDS and not (len(run) >= MIN_CARDS_AFTER_HEADING and (heading is not None or trailing)):
                continue
            elements = [e for card in run for e in card.elements]
            if total - sum(counts.words[e] for e in elements) < MIN_ARTICLE_WORDS_LEFT:
                continue
            heading = heading if heading is not None else _heading_above(container, run, counts)
            for element in elements + ([heading] if heading is not None else []):
                lines.update(_text(e) for e in element.iter() if isinstance(e.tag, str) and _text(e))
                # the card as extraction prints a list item: its parts on one line, a space between them
                lines.add(" ".join(" ".join(element.itertext()).split()))
                # a teaser after a line break inside the card (<p><a>headline</a><br>teaser</p>) is a line too
                lines.update(" ".join(e.tail.split()) for e in element.iterdescendants()
                             if e.tail and e.tail.strip())
    lines.update(_promotion_link_lines(root, counts))
    lines.update(_labelled_link_lines(root, counts))
    return frozenset(lines)


RUNNING_TEXT_WORDS = 12  # a paragraph of the article's running text, not a label or a headline


def _promotion_link_lines(root: HtmlElement, counts: _Counts) -> set[str]:
    """Paragraphs that are one link to another story of headline length and nothing else, set
    between the article's paragraphs: a promotion of another page ("MINISTERS BACK NEW RAIL PLAN",
    «أعداد المسافرين في المطار تسجل رقماً قياسياً» under a «اقرأ أيضاً» line), not the article.
    Written in capitals, wherever it stands; otherwise only in a container whose running text
    (paragraphs of ``RUNNING_TEXT_WORDS`` words or more, not links) makes two paragraphs or more
    and outnumbers such link paragraphs: an article with links set into it, not a list of links."""
    found: set[str] = set()
    candidates: dict[HtmlElement, list[str]] = {}
    for paragraph in root.iter("p"):
        if counts.links.get(paragraph) != 1 or not MIN_HEADLINE_WORDS <= counts.words.get(paragraph, 0) <= MAX_HEADLINE_WORDS:
            continue
        links = _links(paragraph, counts)
        text = _text(paragraph)
        if len(links) != 1 or _text(links[0]) != text:
            continue
        if text.isupper():
            found.add(text)
        elif paragraph.getparent() is not None:
            candidates.setdefault(paragraph.getparent(), []).append(text)
    for parent, texts in candidates.items():
        running = sum(1 for p in parent.iterchildren("p")
                      if counts.words.get(p, 0) >= RUNNING_TEXT_WORDS and not counts.links.get(p))
        if running >= 2 and running > len(texts):
            found.update(texts)
    return found


MAX_LABEL_WORDS = 4  # "Read more:", "Also read", «اقرأ أيضاً», «شاهد أيضا»
_LABEL_ENDS = (":", "：", "-", "–", "—", "|", "»", "›", ">", "…", "..")
_LABEL_TAGS = {"span", "strong", "b", "em", "i", "label", "small", "font"}
_LABELLED_TAGS = ("p", "div", "li")


def _labelled_link_lines(root: HtmlElement, counts: _Counts) -> set[str]:
    """Lines that are a short label and one link to another story, and nothing after the link
    ("Read more: <a>…</a>", "<strong>Recommended</strong> <a>…</a>", «اقرأ أيضاً: <a>…</a>»,
    «<span>شاهد أيضا</span><a>…</a>»): the line, the link's text and the label's, for extraction
    may print them joined or apart. The label is at most ``MAX_LABEL_WORDS`` words set apart
    from a sentence: ending in a colon, a dash or a chevron, written in capitals, or an element of its
    own (``<strong>``, ``<span>``…); the link is of headline length. "The ministry said in
    <a>a statement on Monday</a>" is a sentence ending on a link, not a label and a link."""
    found: set[str] = set()
    for element in root.iter(*_LABELLED_TAGS):
        if counts.links.get(element) != 1 or counts.words.get(element, 0) > MAX_LABEL_WORDS + MAX_HEADLINE_WORDS:
            continue
        if any(child.tag in _LABELLED_TAGS or child.tag in _BLOCK_HEADINGS for child in element.iterdescendants()):
            continue
        links = _links(element, counts)
        if len(links) != 1 or not _headline_words(links[0], counts):
            continue
        text, link_text = _text(element), _text(links[0])
        if not text.endswith(link_text):
            continue
        label = text[:len(text) - len(link_text)].strip()
        if not label or not 0 < word_count(label) <= MAX_LABEL_WORDS:
            continue
        set_apart = label.endswith(_LABEL_ENDS) or label.isupper() or any(
            child.tag in _LABEL_TAGS and _text(child) == label for child in element)
        if set_apart:
            found.update((text, link_text, label))
    return found


_BULLETS = ("- ", "• ", "* ")  # how extraction prints a list item


def drop_lines(paragraphs: list[str], lines: frozenset[str]) -> tuple[list[str], int]:
    """``paragraphs`` without those that are lines of a related-stories block: (kept, removed)."""
    if not lines:
        return paragraphs, 0
    kept = [p for p in paragraphs if " ".join(p.split()) not in lines
            and not (p.startswith(_BULLETS) and " ".join(p[2:].split()) in lines)]
    return kept, len(paragraphs) - len(kept)


def _heading_above(container: HtmlElement, run: list[_Card], counts: _Counts) -> HtmlElement | None:
    """The block's heading when the cards fill their wrapper: the wrapper's previous sibling."""
    node = container
    for _ in range(2):
        children = [c for c in node if isinstance(c.tag, str) and counts.words[c]]
        if node is not container and len(children) > 1:
            return None
        if node is container and len(children) != len([e for card in run for e in card.elements]):
            return None
        previous = node.getprevious()
        while previous is not None and (not isinstance(previous.tag, str) or not counts.words[previous]):
            previous = previous.getprevious()
        if previous is not None:
            return previous if _is_block_heading(previous, counts) else None
        node = node.getparent()
        if node is None:
            return None
    return None


def _runs(container: HtmlElement, counts: _Counts) -> list[tuple[list[_Card], HtmlElement | None, bool]]:
    """Runs of consecutive cards among ``container``'s children: (cards, heading above, trailing)."""
    children = [c for c in container if isinstance(c.tag, str) and c.tag not in _SKIPPED]
    runs: list[tuple[list[_Card], HtmlElement | None, bool]] = []
    index, current, start = 0, [], 0
    while index <= len(children):
        card, used = _card_at(children, index, counts) if index < len(children) else (None, 1)
        if card is not None:
            if not current:
                start = index
            current.append(card)
            index += used
            continue
        if current:
            before = children[start - 1] if start > 0 else None
            heading = before if before is not None and _is_block_heading(before, counts) else None
            trailing = all(counts.words[c] == 0 for c in children[index:])
            runs.append((current, heading, trailing))
            current = []
        index += 1
    return runs


def _card_at(children: list[HtmlElement], index: int, counts: _Counts) -> tuple[_Card | None, int]:
    element = children[index]
    if _is_card(element, counts):
        return _Card((element,)), 1
    if _is_linked_headline(element, counts):
        following = children[index + 1] if index + 1 < len(children) else None
        if following is not None and _is_teaser(following, counts):
            return _Card((element, following)), 2
        return _Card((element,)), 1
    return None, 1


def _is_card(element: HtmlElement, counts: _Counts) -> bool:
    """A card element: its first text is a headline link, the rest a short teaser at most; a
    card stands on its own, with no sentence running on after it."""
    if element.tag not in _CARD_TAGS or (element.tail or "").strip():
        return False
    if not 1 <= counts.links[element] <= MAX_CARD_LINKS or counts.paragraphs[element] > 2:
        return False
    words = counts.words[element]
    if words > MAX_KICKER_WORDS + MAX_HEADLINE_WORDS + max(MAX_TEASER_WORDS * 2, MAX_WRAPPED_TEASER_WORDS):
        return False
    if element.tag == "a":
        return MIN_HEADLINE_WORDS <= words <= MAX_HEADLINE_WORDS + MAX_TEASER_WORDS
    links = _links(element, counts)
    headline = next((link for link in links if _headline_words(link, counts)), None)
    if headline is None and len(links) == 1:
        headline = _wrapped_headline(links[0], counts)
    if headline is None or words - sum(counts.words[link] for link in links) > MAX_TEASER_WORDS:
        return False
    if not _standalone(headline, element):
        return False
    text = _text(element)
    before = text.find(_text(headline))
    return before >= 0 and word_count(text[:before]) <= MAX_KICKER_WORDS


def _wrapped_headline(link: HtmlElement, counts: _Counts) -> HtmlElement | None:
    """The headline of a card that is one link around everything (picture, heading, date, teaser):
    the first heading inside ``link``, of headline length, with at most a teaser of
    ``MAX_WRAPPED_TEASER_WORDS`` words (an article's opening cut short: text that is all inside
    one link with a heading is never the article's own) and a kicker besides."""
    heading = next((e for e in link.iter(*_BLOCK_HEADINGS) if counts.words.get(e)), None)
    if heading is None or not MIN_HEADLINE_WORDS <= counts.words[heading] <= MAX_HEADLINE_WORDS:
        return None
    if counts.words[link] - counts.words[heading] > MAX_KICKER_WORDS + MAX_WRAPPED_TEASER_WORDS:
        return None
    return heading


def _is_linked_headline(element: HtmlElement, counts: _Counts) -> bool:
    """A heading or line whose whole text is one link of headline length."""
    if element.tag not in _HEADLINE_TAGS or counts.links[element] != 1 or counts.words[element] > MAX_HEADLINE_WORDS:
        return False
    links = _links(element, counts)
    if element.tag == "a" or len(links) != 1:
        return False
    return _headline_words(links[0], counts) and _text(links[0]) == _text(element)


def _is_teaser(element: HtmlElement, counts: _Counts) -> bool:
    if element.tag not in {"p", "div", "span"} or element.find(".//a") is not None:
        return False
    return 0 < counts.words[element] <= MAX_TEASER_WORDS


def _is_block_heading(element: HtmlElement, counts: _Counts) -> bool:
    """The block's own heading: a short heading or bold line, not a sentence."""
    if element.tag not in _BLOCK_HEADINGS and element.tag not in {"p", "div", "strong", "b"}:
        return False
    if not 0 < counts.words[element] <= MAX_HEADING_WORDS:
        return False
    text = _text(element)
    if element.tag not in _BLOCK_HEADINGS and (element.find(".//a") is not None or text.endswith((".", "؟", "?"))):
        return False
    return 0 < word_count(text) <= MAX_HEADING_WORDS


def _links(element: HtmlElement, counts: _Counts) -> list[HtmlElement]:
    return [link for link in element.iter("a") if counts.links.get(link)]


def _is_story_link(link: HtmlElement, page: PageAddress | None = None) -> bool:
    """A link to another page: not a jump within this one (a table of contents repeats the
    article's own subheadings), nor a link to a place in the page itself (a live blog's entries), nor
    a script, nor a contact (mail, telephone: "Hotline: <a href='tel:…'>800 123 456</a>")."""
    href = (link.get("href") or "").strip()
    return bool(href) and not href.lower().startswith(_NOT_PAGES) and not (page and page.is_place_in(href))


_NOT_PAGES = ("#", "javascript:", "mailto:", "tel:", "sms:", "whatsapp:", "callto:")  # a jump, a script, a contact


def _standalone(link: HtmlElement, card: HtmlElement) -> bool:
    """The headline link is a line of its own (alone in its heading, nothing after it on the line),
    not a link inside a sentence such as a list item "<a>Company</a> reported profits…"."""
    node = link
    while node.getparent() is not None and node.getparent() is not card and _text(node.getparent()) == _text(link):
        node = node.getparent()
    return not (node.tail or "").strip()


def _headline_words(link: HtmlElement, counts: _Counts) -> bool:
    return MIN_HEADLINE_WORDS <= counts.words[link] <= MAX_HEADLINE_WORDS


def _text(element: HtmlElement) -> str:
    return " ".join(element.text_content().split())



