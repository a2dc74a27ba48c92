"""One page for `wirewatch extract`: read from a file (.html or .html.gz) or fetched from a URL."""

from __future__ import annotations

import gzip
import io
import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path


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
        body = path.read_bytes()
    except FileNotFoundError:
        raise PageUnavailable(f"{path}: no such file") from None
    except IsADirectoryError:
        raise PageUnavailable(f"{path}: is a directory, not a page") from None
    except OSError as exc:
        raise PageUnavailable(f"{path}: cannot read: {exc.strerror or exc}") from None
    if body[:2] == b"\x1f\x8b":
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(body)) as unzipped:
                body = unzipped.read(max_bytes + 1)
        except (OSError, EOFError) as exc:
            raise PageUnavailable(f"{path}: not a readable gzip file: {exc}") from None
    return Page(body, url or path.resolve().as_uri())


def _fetch(url: str, *, max_bytes: int, timeout: float, user_agent: str) -> Page:
    request = urllib.request.Request(url, headers={"User-Agent": user_agent})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return Page(response.read(max_bytes + 1), response.geturl(), response.headers.get_content_charset())
    except urllib.error.HTTPError as exc:
        raise PageUnavailable(f"{url}: HTTP {exc.code}") from None
    except urllib.error.URLError as exc:
        raise PageUnavailable(f"{url}: {exc.reason}") from None
    except (TimeoutError, OSError) as exc:
        raise PageUnavailable(f"{url}: {exc}") from None

