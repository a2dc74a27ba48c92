"""What every discovery parser returns or raises."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import SplitResult, urljoin, urlsplit

# Characters with no glyph that editors paste around a link: bidirectional marks and isolates,
# zero-width spaces and joiners, the BOM (U+FEFF).
INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff"
_EDGES = re.compile(f"^[\\s{INVISIBLE}]+|[\\s{INVISIBLE}]+$")
HAS_INVISIBLE = re.compile(f"[{INVISIBLE}]")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# A run of whitespace holding a line break or a tab: a long URL wrapped across lines.
_WRAP = re.compile(r"[ \t]*[\r\n\t]\s*")


class DiscoveryError(Exception):
    """A feed, sitemap or section page that cannot be used; ``reason`` names the counter, the message is one line."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message.splitlines()[0] if message else reason)
        self.reason = reason


@dataclass(frozen=True)
class Link:
    url: str
    title: str | None = None
    published: str | None = None  # as the document gives it (RFC 822 in RSS, W3C/ISO 8601 in sitemaps)
    guid: str | None = None


def address(text: str) -> str:
    """A link as written in a document, ready to resolve: outer whitespace and invisible marks
    stripped (a right-to-left mark or a BOM pasted with an Arabic CMS's link made it a relative
    path, resolved into a 404), and a long URL wrapped across lines joined again (RFC 3986
    appendix C: whitespace added to break a URI across lines "should be ignored when the URI is
    extracted"). A plain space is kept (it is sent as %20)."""
    text = text.strip()
    if text and (text[0] in INVISIBLE or text[-1] in INVISIBLE):
        text = _EDGES.sub("", text)
    return _WRAP.sub("", text) if "\n" in text or "\r" in text or "\t" in text else text


def split(url: str) -> SplitResult:
    """``urlsplit(url)``, or the parts of an empty URL when ``url`` cannot be split (an unbalanced
    ``[``): such a link is kept as written, for the spider to count as ``bad_url``."""
    try:
        return urlsplit(url)
    except ValueError:
        return urlsplit("")


def resolve(base: str | None, link: str) -> str:
    """``link`` resolved against ``base`` (RFC 3986 §5); kept as given when there is no base or
    either cannot be read (an unbalanced ``[``), for the spider to count as ``bad_url`` or
    ``off_pattern`` with the rest of the document read."""
    if not base:
        return link
    try:
        return urljoin(base, link)
    except ValueError:
        return link


def is_absolute(url: str) -> bool:
    """True when ``url`` starts with a scheme (``http:``, ``tag:``), readable or not."""
    return url.startswith(("http://", "https://")) or _SCHEME.match(url) is not None
