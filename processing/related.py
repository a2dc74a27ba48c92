"""Related-stories blocks, found by their structure before extraction: a run of link-headed cards.

Real pages end an article with "More on this story", "Most read", «اقرأ أيضاً», «اخترنا لك»…: a
heading, then cards, each a linked headline with at most a one-sentence teaser. The heading's words
vary with every outlet and language and extraction sometimes drops the heading alone, so the block is
recognised by its shape, not its words: sibling elements that are each a card, in a run. The
phrase rules of :mod:`processing.boilerplate` stay as a second net after extraction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml.html import HtmlElement

RULE_ID = "related-cards"  # the name counted in Extracted.boilerplate_removed
MIN_CARDS = 3  # a run this long is a block wherever it stands
MIN_CARDS_AFTER_HEADING = 2  # shorter runs count only under a heading or at the end of their container
MIN_HEADLINE_WORDS = 3  # menus and footer links are one or two words
MAX_HEADLINE_WORDS = 30
MAX_TEASER_WORDS = 45  # a one- or two-sentence summary; article paragraphs are longer or not link-headed
MAX_KICKER_WORDS = 3  # a section label or time above the headline
MAX_CARD_LINKS = 4  # image link, headline link, section link, comment count
MAX_HEADING_WORDS = 8
MIN_ARTICLE_WORDS_LEFT = 40  # never take the page's last text: a listing page is not an article with cards

_BLOCK_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_CARD_TAGS = {"div", "li", "article", "section", "figure", "a", "aside"}
_HEADLINE_TAGS = _BLOCK_HEADINGS | {"p", "div", "span", "strong", "b"}
_PAGE_FURNITURE = {"nav", "header", "footer", "menu"}
# Text-level elements hold a sentence's links, never a block of cards.
_NOT_CONTAINERS = _PAGE_FURNITURE | _BLOCK_HEADINGS | {"p", "a", "span", "strong", "b", "em", "i", "font", "small", "label"}
_SKIPPED = {"script", "style", "noscript", "template", "img", "picture", "svg", "hr", "br", "iframe", "input"}
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class _Card:
    elements: tuple[HtmlElement, ...]  # the card itself, or a flat headline and its teaser


def related_lines(tree: HtmlElement) -> frozenset[str]:
    """The lines of every related-stories block of ``tree`` (whitespace-normalised texts of each
    card, its parts and the block's heading), for :func:`drop_lines` to remove from the extracted
    text. The tree is not changed: what extraction had dropped anyway is not counted twice.

    A block is a run of at least ``MIN_CARDS`` sibling cards, or ``MIN_CARDS_AFTER_HEADING`` under
    a short heading or at the end of their container. A card is an element whose first text is a
    link of ``MIN_HEADLINE_WORDS``–``MAX_HEADLINE_WORDS`` words standing on its own line (alone or
    in a heading), with at most ``MAX_TEASER_WORDS`` words of other text; or a headline that is
    all link followed by such a teaser as its next sibling. A run holding nearly all the page's
    text (fewer than ``MIN_ARTICLE_WORDS_LEFT`` words besides it) is a listing, not a block."""
    body = tree.find(".//body")
    root = body if body is not None else tree
    total = _words(root)
    lines: set[str] = set()
    for container in root.iter():
        if isinstance(container.tag, str) and container.tag not in _NOT_CONTAINERS and not _in_furniture(container):
            for run, heading, trailing in _runs(container):
                if len(run) < MIN_CARDS and not (len(run) >= MIN_CARDS_AFTER_HEADING and (heading is not None or trailing)):
                    continue
                elements = [e for card in run for e in card.elements]
                if total - sum(_words(e) for e in elements) < MIN_ARTICLE_WORDS_LEFT:
                    continue
                heading = heading if heading is not None else _heading_above(container, run)
                for element in elements + ([heading] if heading is not None else []):
                    lines.update(_text(e) for e in element.iter() if isinstance(e.tag, str) and _text(e))
    return frozenset(lines)


def drop_lines(paragraphs: list[str], lines: frozenset[str]) -> tuple[list[str], int]:
    """``paragraphs`` without those that are lines of a related-stories block: (kept, removed)."""
    if not lines:
        return paragraphs, 0
    kept = [p for p in paragraphs if " ".join(p.split()) not in lines]
    return kept, len(paragraphs) - len(kept)


def _in_furniture(element: HtmlElement) -> bool:
    """Inside page furniture (menus and footers are trafilatura's to drop)."""
    return any(ancestor.tag in _PAGE_FURNITURE for ancestor in element.iterancestors())


def _heading_above(container: HtmlElement, run: list[_Card]) -> HtmlElement | None:
    """The block's heading when the cards fill their wrapper: the wrapper's previous sibling."""
    node = container
    for _ in range(2):
        children = [c for c in node if isinstance(c.tag, str) and _words(c)]
        if node is not container and len(children) > 1:
            return None
        if node is container and len(children) != len([e for card in run for e in card.elements]):
            return None
        previous = node.getprevious()
        while previous is not None and (not isinstance(previous.tag, str) or not _words(previous)):
            previous = previous.getprevious()
        if previous is not None:
            return previous if _is_block_heading(previous) else None
        node = node.getparent()
        if node is None:
            return None
    return None


def _runs(container: HtmlElement) -> list[tuple[list[_Card], HtmlElement | None, bool]]:
    """Runs of consecutive cards among ``container``'s children: (cards, heading above, trailing)."""
    children = [c for c in container if isinstance(c.tag, str) and c.tag not in _SKIPPED]
    runs: list[tuple[list[_Card], HtmlElement | None, bool]] = []
    index, current, start = 0, [], 0
    while index <= len(children):
        card, used = _card_at(children, index) if index < len(children) else (None, 1)
        if card is not None:
            if not current:
                start = index
            current.append(card)
            index += used
            continue
        if current:
            before = children[start - 1] if start > 0 else None
            heading = before if before is not None and _is_block_heading(before) else None
            trailing = all(_words(c) == 0 for c in children[index:])
            runs.append((current, heading, trailing))
            current = []
        index += 1
    return runs


def _card_at(children: list[HtmlElement], index: int) -> tuple[_Card | None, int]:
    element = children[index]
    if _is_card(element):
        return _Card((element,)), 1
    if _is_linked_headline(element):
        following = children[index + 1] if index + 1 < len(children) else None
        if following is not None and _is_teaser(following):
            return _Card((element, following)), 2
        return _Card((element,)), 1
    return None, 1


def _is_card(element: HtmlElement) -> bool:
    """A card element: its first text is a headline link, the rest a short teaser at most; a
    card stands on its own, with no sentence running on after it."""
    if (element.tail or "").strip():
        return False
    if element.tag not in _CARD_TAGS or element.tag == "a" and not _is_story_link(element):
        return False
    links = [element] if element.tag == "a" else _links(element)
    if not links or len(links) > MAX_CARD_LINKS or len(element.findall(".//p")) > 2:
        return False
    text = _text(element)
    words = len(_WORD.findall(text))
    if element.tag == "a":
        return MIN_HEADLINE_WORDS <= words <= MAX_HEADLINE_WORDS + MAX_TEASER_WORDS
    headline = next((link for link in links if _headline_words(link)), None)
    if headline is None or not _standalone(headline, element):
        return False
    link_words = sum(len(_WORD.findall(_text(link))) for link in links)
    before = text.find(_text(headline))
    if before < 0 or len(_WORD.findall(text[:before])) > MAX_KICKER_WORDS:
        return False
    return words - link_words <= MAX_TEASER_WORDS


def _is_linked_headline(element: HtmlElement) -> bool:
    """A heading or line whose whole text is one link of headline length."""
    if element.tag not in _HEADLINE_TAGS:
        return False
    links = _links(element)
    if element.tag == "a" or len(links) != 1:
        return False
    return _headline_words(links[0]) and _text(links[0]) == _text(element)


def _is_teaser(element: HtmlElement) -> bool:
    if element.tag not in {"p", "div", "span"} or element.find(".//a") is not None:
        return False
    return 0 < _words(element) <= MAX_TEASER_WORDS


def _is_block_heading(element: HtmlElement) -> bool:
    """The block's own heading: a short heading or bold line, not a sentence."""
    if element.tag not in _BLOCK_HEADINGS and element.tag not in {"p", "div", "strong", "b"}:
        return False
    text = _text(element)
    if element.tag not in _BLOCK_HEADINGS and (element.find(".//a") is not None or text.endswith((".", "؟", "?"))):
        return False
    return 0 < len(_WORD.findall(text)) <= MAX_HEADING_WORDS


def _links(element: HtmlElement) -> list[HtmlElement]:
    return [link for link in element.iter("a") if _is_story_link(link)]


def _is_story_link(link: HtmlElement) -> bool:
    """A link to another page: not a jump within this one (a table of contents repeats the
    article's own subheadings) nor a script."""
    href = (link.get("href") or "").strip()
    return bool(href) and not href.startswith(("#", "javascript:"))


def _standalone(link: HtmlElement, card: HtmlElement) -> bool:
    """The headline link is a line of its own (alone in its heading, nothing after it on the line),
    not a link inside a sentence such as a list item "<a>Company</a> reported profits…"."""
    node = link
    while node.getparent() is not None and node.getparent() is not card and _text(node.getparent()) == _text(link):
        node = node.getparent()
    return not (node.tail or "").strip()


def _headline_words(link: HtmlElement) -> bool:
    return MIN_HEADLINE_WORDS <= len(_WORD.findall(_text(link))) <= MAX_HEADLINE_WORDS


def _text(element: HtmlElement) -> str:
    return " ".join(element.text_content().split())


def _words(element: HtmlElement) -> int:
    return len(_WORD.findall(element.text_content()))
