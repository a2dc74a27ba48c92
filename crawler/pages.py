"""One page for `wirewatch extract`: read from a file (.html or .html.gz) or fetched from a URL."""

from __future__ import annotations

import gzip
import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from crawler.userfiles import special_kind
from processing.urls import canonicalize


# Media types of an HTML page; any other Content-Type is not an article page (the crawl counts it `not_html`).
HTML_TYPES = ("text/html", "application/xhtml+xml")


class PageUnavailable(Exception):
    """The page cannot be read or fetched; the message says which page and why."""


@dataclass(frozen=True)
class Page:
    body: bytes
    url: str
    header_charset: str | None = None


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def load(source: str, url: str | None = None, *, max_bytes: int, timeout: float, user_agent: str) -> Page:
    """The page at ``source`` (a URL, or a file path). ``url`` names a file's page (default: file URI).
    Reads at most ``max_bytes`` + 1 bytes, so that an oversized page is still reported as too large."""
    if is_url(source):
        return _fetch(source, max_bytes=max_bytes, timeout=timeout, user_agent=user_agent)
    path = Path(source)
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", source) and not path.exists():
        raise PageUnavailable(f"{source}: only http:// and https:// addresses are fetched (or give a file)")
    try:
        kind = special_kind(path)
        if kind:  # reading a FIFO or a terminal waits for a writer or a typist: it would hang, from cron too
            raise PageUnavailable(f"{path}: is {kind}, not a file; save the page to a file first, or give its "
                                  "http(s) address")
        with path.open("rb") as handle:
            body = _read_limited(handle, max_bytes + 1, path)
    except FileNotFoundError:
        raise PageUnavailable(f"{path}: no such file") from None
    except IsADirectoryError:
        raise PageUnavailable(f"{path}: is a directory, not a page") from None
    except OSError as exc:
        raise PageUnavailable(f"{path}: cannot read: {exc.strerror or exc}") from None
    return Page(body, url or path.resolve().as_uri())


def _read_limited(handle: BinaryIO, limit: int, path: Path) -> bytes:
    """At most ``limit`` bytes of the file (gunzipped when it is gzip), never the whole of a file larger than
    that: a 2 GB file (a sparse one, or a gzip bomb) is reported too large without being read into memory."""
    head = handle.read(2)
    if head != b"\x1f\x8b":
        return head + handle.read(max(limit - len(head), 0))
    handle.seek(0)
    try:
        with gzip.GzipFile(fileobj=handle) as unzipped:
            return unzipped.read(limit)
    except EOFError as exc:
        raise PageUnavailable(f"{path}: not a readable gzip file: {exc}") from None
    except OSError as exc:  # gzip.BadGzipFile and zlib errors
        raise PageUnavailable(f"{path}: not a readable gzip file: {exc}") from None


def _fetch(url: str, *, max_bytes: int, timeout: float, user_agent: str) -> Page:
    """The page at ``url``, requested at its canonical address as a crawl requests it (an internationalised host
    in IDNA form, non-ASCII in the path or query percent-encoded as UTF-8: ``https://example.com/أخبار/`` ended
    in a UnicodeEncodeError traceback, as the request line must be ASCII)."""
    try:
        address = canonicalize(url)
    except ValueError as exc:  # an unbalanced "[", a port out of range
        raise PageUnavailable(f"{url}: not a usable address: {exc}") from None
    request = urllib.request.Request(address, headers={"User-Agent": user_agent})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            media = (response.headers.get("Content-Type") or "").partition(";")[0].strip().lower()
            if media and media not in HTML_TYPES:  # as a crawl refuses it (`not_html`), not extracted as text
                raise PageUnavailable(f"{url}: not an HTML page (content type {media})")
            return Page(response.read(max_bytes + 1), response.geturl(), response.headers.get_content_charset())
    except urllib.error.HTTPError as exc:
        raise PageUnavailable(f"{url}: HTTP {exc.code}") from None
    except urllib.error.URLError as exc:
        raise PageUnavailable(f"{url}: {exc.reason}") from None
    except (TimeoutError, OSError) as exc:
        raise PageUnavailable(f"{url}: {exc}") from None

