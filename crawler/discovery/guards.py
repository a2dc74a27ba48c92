"""Checks every discovery document passes before a parser sees it: not HTML, no entity bombs, bounded gunzip."""

from __future__ import annotations

import re
import zlib

from crawler.discovery.links import DiscoveryError

_HTML_START = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>])",
                         re.IGNORECASE | re.DOTALL)
_INTERNAL_SUBSET = re.compile(rb"<!DOCTYPE\s+[^\s>\[]+[^>\[]*\[")
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
    declaring entities (the billion-laughs and quadratic-blowup attacks) raises ``xml_bomb``,
    an empty body raises ``bad_<what>``.
    """
    if not body.strip():
        raise DiscoveryError(f"bad_{what}", f"empty {what}")
    if looks_like_html(body):
        raise DiscoveryError(f"not_a_{what}", f"an HTML page, not a {what}")
    if b"<!ENTITY" in body and _INTERNAL_SUBSET.search(body):
        raise DiscoveryError("xml_bomb", "document type declares entities; refused unparsed")


def gunzip(body: bytes, limit: int) -> bytes:
    """Decompress a gzip body, refusing to produce more than ``limit`` bytes (a decompression bomb)."""
    decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = decompressor.decompress(body, limit + 1)
    except zlib.error as exc:
        raise DiscoveryError("bad_sitemap", f"not valid gzip: {exc}") from None
    if len(out) > limit:
        raise DiscoveryError("too_large", f"gzip expands beyond {limit} bytes")
    return out
