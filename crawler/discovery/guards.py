"""Checks every discovery document passes before a parser sees it: not HTML, no entity bombs, bounded gunzip."""

from __future__ import annotations

import re
import zlib

from crawler.discovery.links import DiscoveryError
from processing.encoding import xml_unicode_encoding

_HTML_START = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>])",
                         re.IGNORECASE | re.DOTALL)
# A DOCTYPE declaration up to its first "[" or ">" outside quoted ids.
_DOCTYPE = re.compile(r"<!DOCTYPE(?:[^\"'\[>]+|\"[^\"]*\"|'[^']*')*([\[>]?)", re.IGNORECASE)
_BOMS = (b"\xef\xbb\xbf",)
GZIP_MAGIC = b"\x1f\x8b"


def looks_like_html(body: bytes) -> bool:
    """True when the document starts like an HTML page (a feed address that now serves a web page)."""
    head = body[:2048]
    for bom in _BOMS:
        head = head.removeprefix(bom)
    return _HTML_START.match(head) is not None


def check_xml(body: bytes, what: str) -> None:
    """Reject what no feed or sitemap needs and a parser should never see.

    ``what`` is ``feed`` or ``sitemap``: an HTML page raises ``not_a_<what>``, a document type
    with an internal subset, whatever the encoding (the billion-laughs and quadratic-blowup
    attacks declare their entities there) raises ``xml_bomb``,
    an empty body raises ``bad_<what>``.
    """
    if not body.strip():
        raise DiscoveryError(f"bad_{what}", f"empty {what}")
    if looks_like_html(body):
        raise DiscoveryError(f"not_a_{what}", f"an HTML page, not a {what}")
    if has_internal_subset(markup_text(body)):
        raise DiscoveryError("xml_bomb", "document type has an internal subset (entity declarations); refused unparsed")


def markup_text(body: bytes) -> str:
    """The document as text, for finding its markup: UTF-16 and UTF-32 (by BOM, or by how ``<``
    is encoded, XML 1.0 appendix F) are decoded as such; anything else as Latin-1, which keeps
    every ASCII-compatible encoding's markup characters where they are."""
    wide = xml_unicode_encoding(body)
    return body.decode(wide, errors="replace") if wide else body.decode("latin-1")


def has_internal_subset(text: str) -> bool:
    """True when a ``<!DOCTYPE`` declaration has an internal subset (``[ ... ]``), where entities,
    the billion-laughs and quadratic-blowup attacks, are declared. Quoted public and system ids
    are skipped, so a ``>`` inside them does not end the declaration early. (The rule defusedxml
    applies with ``forbid_dtd``, restricted to the internal subset: feeds and sitemaps never need one.)"""
    return any(match.group(1) == "[" for match in _DOCTYPE.finditer(text))


def gunzip(body: bytes, limit: int, what: str = "sitemap") -> bytes:
    """Decompress a gzip body, refusing to produce more than ``limit`` bytes (a decompression bomb);
    a body that is not gzip after all raises ``bad_<what>``."""
    decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = decompressor.decompress(body, limit + 1)
    except zlib.error as exc:
        raise DiscoveryError(f"bad_{what}", f"not valid gzip: {exc}") from None
    if len(out) > limit:
        raise DiscoveryError("too_large", f"gzip expands beyond {limit} bytes")
    return out
