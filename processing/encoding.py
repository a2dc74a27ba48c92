"""The one decoding policy: a page's, feed's or sitemap's bytes into text, honest about mislabelled charsets.

Pages (:func:`decode_html`) and XML documents (:func:`decode_xml`, feeds and sitemaps) share every
rule; they differ only in where the document declares its own charset (``<meta charset>`` or the
XML declaration) and in the default (XML without a declaration is UTF-8, XML 1.0 §4.3.3).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(rb"""^\s*<\?xml[^>]*?\?>""")
_XML_ENCODING = re.compile(rb"""encoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']""")
# Stray bytes a document declared UTF-8 may carry and still be read as UTF-8 whatever its script:
# a pasted template, a Latin-1 "é" in an otherwise ASCII English page. More than this, and the
# valid UTF-8 must outnumber them tenfold (see :func:`_trusted_utf8`).
STRAY_BYTES_ALLOWED = 3


# Single-byte charsets servers fall back to when nobody configured one: bytes always "fit" them.
LATIN_DEFAULTS = frozenset({"latin-1", "iso8859-1", "cp1252", "iso8859-15", "ascii"})
_LATIN_LETTERS = re.compile("[\u00c0-\u00ff]")
_LETTERS = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # the codec actually used (Python's name)
    declared: str | None  # what the HTTP header or <meta> said, if anything
    mislabelled: bool  # a charset was declared and the bytes are not in it


# The labels a browser reads as windows-1252 (WHATWG Encoding Standard, "windows-1252"): a page or
# feed declared ISO-8859-1 or ASCII with curly quotes (bytes 0x80-0x9F) means them, not C1 controls.
_WINDOWS_1252_LABELS = frozenset({"iso8859-1", "latin-1", "ascii"})


def _c1_fallback(error: UnicodeError) -> tuple[str, int]:
    """For windows-1252's five undefined bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D): the C1 code point of
    the same number, as the WHATWG decoder gives them."""
    assert isinstance(error, UnicodeDecodeError)
    return error.object[error.start:error.end].decode("latin-1"), error.end


codecs.register_error("wirewatch-c1", _c1_fallback)


def normalise_name(name: str | None) -> str | None:
    """Python's name of the charset ``name`` (``None`` when unknown); the labels browsers read as
    windows-1252 (ISO-8859-1, Latin-1, US-ASCII) as ``cp1252``."""
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip()).name
    except LookupError:
        return None
    return "cp1252" if codec in _WINDOWS_1252_LABELS else codec


def declared_charset(body: bytes, header_charset: str | None) -> str | None:
    """The header's charset, else the first ``<meta charset>`` in the first 4 KB."""
    return header_charset or meta_charset(body)


def meta_charset(body: bytes) -> str | None:
    """The charset of the first ``<meta charset>`` or ``<meta http-equiv content="…; charset=">``."""
    match = _META_CHARSET.search(body[:4096])
    return match.group(1).decode("ascii", "replace") if match else None


def xml_charset(body: bytes) -> str | None:
    """The ``encoding`` of the document's XML declaration (``<?xml version="1.0" encoding="…"?>``), if any."""
    declaration = _XML_DECLARATION.match(body[:1024].removeprefix(codecs.BOM_UTF8))
    match = _XML_ENCODING.search(declaration.group(0)) if declaration else None
    return match.group(1).decode("ascii", "replace") if match else None


def decode_html(body: bytes, header_charset: str | None = None) -> Decoded:
    """Decode an HTML page: the policy of :func:`_decode`, with the page's ``<meta charset>`` as
    its own declaration."""
    return _decode(body, header_charset, meta_charset(body), default=None)


# Byte-order marks and, without one, the first bytes of "<?" or "<" in UTF-32/UTF-16 (XML 1.0, appendix F).
XML_UNICODE_STARTS = ((b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe\x00\x00", "utf-32-le"),
                      (b"\xfe\xff", "utf-16-be"), (b"\xff\xfe", "utf-16-le"),
                      (b"\x00\x00\x00<", "utf-32-be"), (b"<\x00\x00\x00", "utf-32-le"),
                      (b"\x00<", "utf-16-be"), (b"<\x00", "utf-16-le"))


def xml_unicode_encoding(body: bytes) -> str | None:
    """UTF-16 or UTF-32 (with its byte order) when an XML document's first bytes say so, by a BOM
    or, without one, by how its first ``<`` is encoded (XML 1.0 appendix F); else None."""
    return next((encoding for start, encoding in XML_UNICODE_STARTS if body.startswith(start)), None)


def decode_xml(body: bytes, header_charset: str | None = None) -> Decoded:
    """Decode a feed or sitemap: the policy of :func:`_decode`, with the XML declaration's
    ``encoding`` as the document's own declaration and UTF-8 when it has none (XML 1.0 §4.3.3).
    A document in UTF-16 or UTF-32 is read as such whatever the header says, BOM or not: its
    first bytes are unambiguous (XML 1.0 appendix F)."""
    wide = xml_unicode_encoding(body)
    if wide:
        text = body.decode(wide, "replace").removeprefix("\ufeff")
        return Decoded(text, wide, header_charset or xml_charset(text.encode("utf-8", "replace")), False)
    return _decode(body, header_charset, xml_charset(body), default="utf-8")


def utf8_xml(decoded: Decoded) -> bytes:
    """The decoded XML document as UTF-8 bytes whose declaration says so, for an XML parser that
    would otherwise re-read the original declaration (or guess) and undo the policy's decision."""
    text = decoded.text.removeprefix("\ufeff")
    body = text.encode("utf-8")
    declaration = _XML_DECLARATION.match(body)
    if declaration and _XML_ENCODING.search(declaration.group(0)):
        fixed = _XML_ENCODING.sub(b'encoding="utf-8"', declaration.group(0), count=1)
        body = fixed + body[declaration.end():]
    return body


def _decode(body: bytes, header_charset: str | None, in_document: str | None, *, default: str | None) -> Decoded:
    """The policy. A BOM decides. Valid UTF-8 with non-ASCII bytes wins over any declared
    single-byte charset (a page in UTF-8 served as ISO-8859-1 is the common mislabelling). A
    document declared UTF-8 (by the header or itself) whose bytes are almost all valid UTF-8
    is UTF-8 with only the bad bytes replaced, never re-guessed: a guess turns every Arabic
    character, or a whole Latin page with one stray byte, into mojibake (issues 10 and 14).
    Otherwise the declared charset if the bytes fit it; otherwise the best guess of
    charset-normalizer."""
    declared_raw = header_charset or in_document or default
    declared = normalise_name(declared_raw)
    if body.startswith(codecs.BOM_UTF8):
        return Decoded(body[len(codecs.BOM_UTF8):].decode("utf-8", "replace"), "utf-8", declared_raw, False)
    if body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Decoded(body.decode("utf-16", "replace"), "utf-16", declared_raw, False)
    is_ascii = body.isascii()
    utf8 = _strict(body, "utf-8")
    if utf8 is not None and (not is_ascii or declared is None):
        return Decoded(utf8, "utf-8", declared_raw, declared not in (None, "utf-8") and not is_ascii)
    says_utf8 = "utf-8" in (declared, normalise_name(in_document))
    if utf8 is None and (_mostly_utf8(body) or (says_utf8 and _trusted_utf8(body))):
        # UTF-8 with a few stray bytes (a template or ad snippet pasted in another charset): keep
        # the UTF-8 text and replace only the stray bytes, rather than misreading every character.
        return Decoded(body.decode("utf-8", "replace"), "utf-8", declared_raw, declared not in (None, "utf-8"))
    if declared:
        in_meta = normalise_name(in_document) if header_charset else None
        if declared in LATIN_DEFAULTS and in_meta and in_meta != declared:
            # The server sent its unconfigured Latin default; the page's own <meta> says otherwise.
            text = _strict(body, in_meta)
            if text is not None:
                return Decoded(text, in_meta, declared_raw, True)
        text = _strict(body, declared)
        if text is not None and not (declared in LATIN_DEFAULTS and _looks_misread(text)):
            return Decoded(text, declared, declared_raw, False)
    guess = _guess(body)
    return Decoded(body.decode(guess, "replace"), guess, declared_raw, declared_raw is not None)


def _utf8_counts(body: bytes) -> tuple[int, int]:
    """(valid non-ASCII UTF-8 characters, stray byte runs) of ``body`` read as UTF-8."""
    text = body.decode("utf-8", "replace")
    stray = text.count("\ufffd") - body.count("\ufffd".encode("utf-8"))
    return len(text) - len(text.encode("ascii", "ignore")) - stray, stray


def _mostly_utf8(body: bytes) -> bool:
    """Undeclared or not: most non-ASCII bytes form valid UTF-8 sequences (only a few stray bytes do not)."""
    valid, stray = _utf8_counts(body)
    return valid >= 20 and valid >= 10 * stray


def _trusted_utf8(body: bytes) -> bool:
    """For a document declared UTF-8: its bytes are almost all valid UTF-8, either only a
    handful of stray runs (``STRAY_BYTES_ALLOWED``) or ten valid characters for each. A
    document really in another charset (Arabic cp1256, a French page in cp1252) breaks at nearly
    every non-ASCII character and fails both."""
    valid, stray = _utf8_counts(body)
    return stray <= STRAY_BYTES_ALLOWED or valid >= 10 * stray


def _looks_misread(text: str) -> bool:
    """Text decoded as Latin-1/cp1252 that is really another single-byte charset (Arabic cp1256,
    Cyrillic cp1251 …): accented Latin letters make up a large share of all letters, which no
    Latin-script language does (French or German: a few per cent)."""
    sample = text[:100_000]
    accented = len(_LATIN_LETTERS.findall(sample))
    return accented > 20 and accented > 0.15 * len(_LETTERS.findall(sample))


def _strict(body: bytes, encoding: str) -> str | None:
    try:
        return body.decode(encoding, "wirewatch-c1" if encoding == "cp1252" else "strict")
    except (UnicodeDecodeError, LookupError):
        return None


def _guess(body: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(body[:200_000]).best()
    return normalise_name(best.encoding) if best is not None and best.encoding else "utf-8"


_MAGIC = ((b"%PDF", "a PDF document"), (b"\x89PNG", "a PNG image"), (b"GIF8", "a GIF image"),
          (b"\xff\xd8\xff", "a JPEG image"), (b"PK\x03\x04", "a ZIP archive"), (b"\x1f\x8b", "gzip data"),
          (b"RIFF", "a RIFF media file"), (b"\x00\x00\x01\x00", "an icon"), (b"wOF", "a web font"),
          (b"ID3", "an MP3 file"), (b"OggS", "an Ogg media file"), (b"\x7fELF", "an executable"))
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def binary_reason(body: bytes) -> str | None:
    """Why ``body`` is not text at all (a known file signature, NUL bytes, control characters),
    or None for text. UTF-16 pages, which do contain NUL bytes, start with a BOM and count as text."""
    head = body[:8192]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return f"binary data ({what})"
    if b"\x00" in head:
        return "binary data (NUL bytes)"
    controls = len(head) - len(head.translate(None, _CONTROL))
    if head and controls > 0.05 * len(head):
        return f"binary data ({controls} control bytes in the first {len(head)})"
    return None
