"""Turning an HTML page's bytes into text, honest about mislabelled charsets."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # the codec actually used (Python's name)
    declared: str | None  # what the HTTP header or <meta> said, if anything
    mislabelled: bool  # a charset was declared and the bytes are not in it


def normalise_name(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip()).name
    except LookupError:
        return None


def declared_charset(body: bytes, header_charset: str | None) -> str | None:
    """The header's charset, else the first ``<meta charset>`` in the first 4 KB."""
    if header_charset:
        return header_charset
    match = _META_CHARSET.search(body[:4096])
    return match.group(1).decode("ascii") if match else None


def decode_html(body: bytes, header_charset: str | None = None) -> Decoded:
    """Decode ``body``. Valid UTF-8 with non-ASCII bytes wins over any declared single-byte charset
    (a page in UTF-8 served as ISO-8859-1 is the common mislabelling); otherwise the declared
    charset if the bytes fit it; otherwise the best guess of charset-normalizer."""
    declared_raw = declared_charset(body, header_charset)
    declared = normalise_name(declared_raw)
    if body.startswith(codecs.BOM_UTF8):
        return Decoded(body[len(codecs.BOM_UTF8):].decode("utf-8", "replace"), "utf-8", declared_raw, False)
    is_ascii = body.isascii()
    utf8 = _strict(body, "utf-8")
    if utf8 is not None and (not is_ascii or declared is None):
        return Decoded(utf8, "utf-8", declared_raw, declared not in (None, "utf-8") and not is_ascii)
    if declared:
        text = _strict(body, declared)
        if text is not None:
            return Decoded(text, declared, declared_raw, False)
    guess = _guess(body)
    return Decoded(body.decode(guess, "replace"), guess, declared_raw, declared_raw is not None)


def _strict(body: bytes, encoding: str) -> str | None:
    try:
        return body.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _guess(body: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(body[:200_000]).best()
    return normalise_name(best.encoding) if best is not None and best.encoding else "utf-8"
