"""Article extraction: trafilatura for the main text and metadata, then our boilerplate rules."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Iterable

import trafilatura

from processing import boilerplate
from processing.encoding import decode_html

logger = logging.getLogger(__name__)

_HTML_LANG = re.compile(r"<html[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)?", re.IGNORECASE)


@dataclass(frozen=True)
class ExtractHints:
    """What the source registry knows about an outlet's pages."""

    boilerplate_lines: tuple[str, ...] = ()
    prune_xpath: tuple[str, ...] = ()


@dataclass(frozen=True)
class ExtractOptions:
    """How to extract; built once by the caller and passed down."""

    favor_precision: bool = False
    include_tables: bool = True
    rules: tuple[boilerplate.Rule, ...] | None = None  # None: the shipped rules


@dataclass
class Extracted:
    title: str | None
    text: str  # paragraphs separated by blank lines
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    canonical_url: str | None = None
    site_name: str | None = None
    description: str | None = None
    declared_language: str | None = None
    encoding: str | None = None
    encoding_mislabelled: bool = False  # the declared charset was wrong; decoded by what the bytes are
    boilerplate_removed: dict[str, int] = field(default_factory=dict)

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.text.split("\n\n") if p]

    @property
    def boilerplate_removed_count(self) -> int:
        return sum(self.boilerplate_removed.values())


class ExtractionError(Exception):
    """A page from which no article could be extracted."""


def extract(html: bytes | str, url: str, hints: ExtractHints | None = None,
            options: ExtractOptions | None = None, *, header_charset: str | None = None) -> Extracted:
    """Extract the article from ``html``. Raises :class:`ExtractionError` when there is none."""
    hints = hints or ExtractHints()
    options = options or ExtractOptions()
    encoding, mislabelled = None, False
    if isinstance(html, bytes):
        decoded = decode_html(html, header_charset)
        html, encoding, mislabelled = decoded.text, decoded.encoding, decoded.mislabelled
    if not html.strip():
        raise ExtractionError("empty page")
    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False,
        include_tables=options.include_tables, favor_precision=options.favor_precision,
        prune_xpath=list(hints.prune_xpath) or None,
    )
    if doc is None or not (doc.text or "").strip():
        raise ExtractionError("no article text found")
    rules = tuple(boilerplate.default_rules() if options.rules is None else options.rules)
    paragraphs = _without_leading_title(list(_paragraphs(doc.text)), doc.title)
    cleaned = boilerplate.clean(paragraphs, rules + boilerplate.line_rules(hints.boilerplate_lines))
    if not cleaned.paragraphs:
        raise ExtractionError("only boilerplate found")
    return Extracted(
        title=doc.title or None,
        text="\n\n".join(cleaned.paragraphs),
        authors=_authors(doc.author),
        published=doc.date or None,
        canonical_url=doc.url or None,
        site_name=doc.sitename or None,
        description=doc.description or None,
        declared_language=_declared_language(html),
        encoding=encoding,
        encoding_mislabelled=mislabelled,
        boilerplate_removed=cleaned.removed,
    )


def _paragraphs(text: str) -> Iterable[str]:
    return (line.strip() for line in text.splitlines() if line.strip())


def _without_leading_title(paragraphs: list[str], title: str | None) -> list[str]:
    """trafilatura keeps the article's <h1> (and a section kicker above it) as the first lines;
    the title is a field of its own. Drop the title line when it is among the first three, with
    any short (kicker) lines above it."""
    if not title:
        return paragraphs
    wanted = " ".join(title.split())
    for index, paragraph in enumerate(paragraphs[:3]):
        if " ".join(paragraph.split()) == wanted:
            if all(len(p.split()) <= 3 for p in paragraphs[:index]):
                return paragraphs[index + 1:]
            return paragraphs[:index] + paragraphs[index + 1:]
    return paragraphs


def _authors(author: str | None) -> list[str]:
    return [a.strip() for a in re.split(r";|\band\b|,", author or "") if a.strip()]


def _declared_language(html: str) -> str | None:
    match = _HTML_LANG.search(html[:5000])
    return match.group(1).lower() if match else None
