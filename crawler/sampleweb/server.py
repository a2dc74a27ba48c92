"""The bundled sample news web: one HTTP server on 127.0.0.1 (a free port) hosting every outlet.

Each outlet has its own host name, ``http://<site-id>.test``, so its URLs are the same on every
run (crawling twice stores each article once) and each host has its own robots.txt. The crawler
reaches those hosts through the server acting as its HTTP proxy (``http_proxy``), the way an
operator's crawl goes through a corporate proxy; addresses on 127.0.0.1 bypass it.

Files under ``sites/<site-id>/`` are served at the same paths, with ``{{base}}``,
``{{base:<site-id>}}``, ``{{now-<N>h}}`` and ``{{rfc822:now-<N>h}}`` replaced at serve time and
``{{dead}}`` by an address where nothing listens. A request for ``<path>.gz`` where only
``<path>`` exists gets the gzip of the rendered file. A site's ``site.toml`` overrides status,
content type, extra headers (``headers``, e.g. a ``Content-Location``) or body per path, or has the body generated at serve time (``generate``: a head, a
unit repeated up to a size, a tail; ``gzip = true`` to send it compressed), so big or hostile
bodies need no file in the repository. An outlet can be taken down and brought back while the
server runs (``GET <proxy>/_sampleweb/down/<site-id>``, ``.../up/<site-id>``, sent to the server
itself, not through it): every request for a down outlet is answered 503. Responses carry an
ETag and a Last-Modified and honour ``If-None-Match`` / ``If-Modified-Since`` with 304. Every request is recorded in ``hits``.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import logging
import os
import re
import socket
import threading
import tomllib
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import unquote, urlsplit

logger = logging.getLogger(__name__)

SITES_DIR = Path(str(resources.files("crawler.sampleweb").joinpath("sites")))
SOURCES_TEMPLATE = Path(str(resources.files("crawler.sampleweb").joinpath("sources.toml")))

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".pdf": "application/pdf",
    ".gz": "application/gzip",
    ".json": "application/json",
}
_PLACEHOLDER = re.compile(rb"\{\{(base(?::([a-z0-9-]+))?|(rfc822:)?now-(\d+)h|dead)\}\}")


CONTROL = "/_sampleweb/"  # path prefix of requests to the server itself: take an outlet down, bring it up
TLD = "test"  # RFC 2606: reserved for testing, never a real host
CHUNK = 1 << 20


@dataclass(frozen=True)
class Hit:
    """One request the server answered."""

    site: str
    path: str  # with the query string, as requested
    status: int
    conditional: bool  # it carried If-None-Match or If-Modified-Since


@dataclass(frozen=True)
class Generated:
    """A body made at serve time: ``head``, then ``unit`` repeated ``count`` times, then ``tail``."""

    head: bytes
    unit: bytes
    count: int
    tail: bytes

    def __len__(self) -> int:
        return len(self.head) + len(self.unit) * self.count + len(self.tail)

    def chunks(self) -> Iterator[bytes]:
        yield self.head
        per_chunk = max(1, CHUNK // max(1, len(self.unit)))
        for start in range(0, self.count, per_chunk):
            yield self.unit * min(per_chunk, self.count - start)
        yield self.tail

    def key(self) -> bytes:
        return b"%d:" % self.count + self.head + self.unit + self.tail


@dataclass
class Site:
    id: str
    root: Path
    overrides: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def host(self) -> str:
        return f"{self.id}.{TLD}"

    @property
    def base(self) -> str:
        return f"http://{self.host}"


KEEP_ALIVE_SECONDS = 15


class SampleWeb:
    """Serve every site from one server on a free port; use as a context manager."""

    def __init__(self, sites_dir: Path = SITES_DIR, *, keep_alive: bool = False) -> None:
        """``keep_alive``: answer in HTTP/1.1 and keep each connection open for the client's next
        request (as real web servers do), instead of HTTP/1.0's one connection per request. Off by
        default: a test process's own clients may hold a connection open, which the server would
        wait for when it closes."""
        self.keep_alive = keep_alive
        self.sites = {p.name: Site(p.name, p, _overrides(p)) for p in sorted(sites_dir.iterdir()) if p.is_dir()}
        self.dead = f"http://127.0.0.1:{_closed_port()}"
        self.now = datetime.now(timezone.utc).replace(microsecond=0)
        self.hits: list[Hit] = []
        self.down: set[str] = set()  # outlets answering 503 to everything (see the module's docstring)
        self.server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def __enter__(self) -> "SampleWeb":
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.server.daemon_threads = True
        if self.keep_alive:
            self.server.block_on_close = False  # a connection still open never holds up the close
        self._thread = threading.Thread(target=self.server.serve_forever, name="sampleweb", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    @property
    def proxy(self) -> str:
        assert self.server is not None, "SampleWeb is not started"
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def environment(self) -> dict[str, str]:
        """Proxy variables that send a crawler's requests for the sample hosts here."""
        return {"http_proxy": self.proxy, "no_proxy": "127.0.0.1,localhost"}

    @contextlib.contextmanager
    def proxied(self) -> Iterator[None]:
        """Set :meth:`environment` in this process for the duration (for an in-process crawl)."""
        saved = {name: os.environ.get(name) for name in self.environment()}
        os.environ.update(self.environment())
        try:
            yield
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value

    def hits_since(self, mark: int) -> list[Hit]:
        """Requests answered since ``mark`` (a previous ``len(web.hits)``)."""
        return self.hits[mark:]

    def site_for(self, host: str) -> Site | None:
        name = host.split(":", 1)[0].lower()
        return next((s for s in self.sites.values() if s.host == name), None)

    def base(self, site_id: str) -> str:
        return self.sites[site_id].base

    def render(self, data: bytes, site: Site | None = None) -> bytes:
        def substitute(match: re.Match[bytes]) -> bytes:
            if match.group(1) == b"dead":
                return self.dead.encode()
            if match.group(1).startswith(b"base"):
                target = self.sites[match.group(2).decode()] if match.group(2) else site
                if target is None:
                    raise ValueError("{{base}} needs a site")
                return target.base.encode()
            moment = self.now - timedelta(hours=int(match.group(4)))
            return (format_datetime(moment) if match.group(3) else moment.isoformat()).encode()

        return _PLACEHOLDER.sub(substitute, data)

    def write_sources(self, path: Path, template: Path = SOURCES_TEMPLATE) -> Path:
        """The demo's source registry with this run's addresses filled in."""
        path.write_bytes(self.render(template.read_bytes()))
        return path


def _overrides(root: Path) -> dict[str, dict[str, Any]]:
    config = root / "site.toml"
    if not config.exists():
        return {}
    return tomllib.loads(config.read_text(encoding="utf-8")).get("paths", {})


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _handler(web: SampleWeb) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "SampleNews/1.0"
        if web.keep_alive:
            protocol_version = "HTTP/1.1"
            timeout = KEEP_ALIVE_SECONDS  # an idle connection is closed after this long

        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            target = urlsplit(self.path)  # absolute when we are the proxy, a path otherwise
            if target.path.startswith(CONTROL) and web.site_for(target.netloc) is None:
                self._control(target.path[len(CONTROL):])
                return
            site = web.site_for(target.netloc or self.headers.get("Host", ""))
            if site is None:
                self._send(502, "text/plain", b"unknown host")
                return
            if site.id in web.down:
                status, content_type, body = 503, "text/plain", b"outlet taken down (sampleweb)"
            else:
                status, content_type, body = self._resolve(site, unquote(target.path))
            etag = '"' + hashlib.sha1(body.key() if isinstance(body, Generated) else body).hexdigest()[:16] + '"'
            conditional = "If-None-Match" in self.headers or "If-Modified-Since" in self.headers
            if status == 200 and self._not_modified(etag):
                status, content_type, body = 304, None, b""
            path = target.path + (f"?{target.query}" if target.query else "")
            web.hits.append(Hit(site.id, path, status, conditional))
            extra = site.overrides.get(unquote(target.path), {}).get("headers", {})
            self._send(status, content_type, body, etag if status in (200, 304) else None, extra)

        def _control(self, command: str) -> None:
            action, _, site_id = command.partition("/")
            if action not in ("down", "up") or site_id not in web.sites:
                self._send(404, "text/plain", f"use {CONTROL}down/<site> or {CONTROL}up/<site>; sites: "
                                              f"{', '.join(web.sites)}\n".encode())
                return
            (web.down.add if action == "down" else web.down.discard)(site_id)
            logger.info("sampleweb: %s is %s", site_id, action)
            self._send(200, "text/plain", f"{site_id} {action}\n".encode())

        def _not_modified(self, etag: str) -> bool:
            if "If-None-Match" in self.headers:
                return self.headers["If-None-Match"] == etag
            since = self.headers.get("If-Modified-Since")
            try:
                return since is not None and parsedate_to_datetime(since) >= web.now
            except (TypeError, ValueError):
                return False

        def _send(self, status: int, content_type: str | None, body: bytes | Generated,
                  etag: str | None = None, extra: dict[str, str] | None = None) -> None:
            self.send_response(status)
            if content_type:
                self.send_header("Content-Type", content_type)
            for name, value in (extra or {}).items():
                self.send_header(name, value)
            if etag:
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", format_datetime(web.now, usegmt=True))
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                for chunk in body.chunks() if isinstance(body, Generated) else [body]:
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (e.g. a size limit): fine
                logger.debug("sampleweb: client closed the connection during %s", self.path)

        def _resolve(self, site: Site, path: str) -> tuple[int, str | None, bytes | Generated]:
            override = site.overrides.get(path, {})
            file = _find(site.root, path)
            if file is None and not override and path.endswith(".gz") and _find(site.root, path[:-3]):
                status, _, plain = self._resolve(site, path[:-3])
                return status, CONTENT_TYPES[".gz"], gzip.compress(plain, mtime=0) if isinstance(plain, bytes) else plain
            status = int(override.get("status", 200 if file or "generate" in override else 404))
            content_type = override.get("content_type") or (CONTENT_TYPES.get(file.suffix) if file else None)
            if "generate" in override:
                return status, content_type or "application/xml", _generated(web, site, override)
            if "body" in override:
                return status, content_type or "text/html; charset=utf-8", override["body"].encode()
            if file is None or status == 404:
                return status, "text/html; charset=utf-8", b"<html><body><h1>Not found</h1></body></html>"
            return status, content_type or "application/octet-stream", web.render(file.read_bytes(), site)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (http.server's name)
            logger.debug("sampleweb: %s", format % args)

    return Handler


_GZIPPED: dict[bytes, bytes] = {}  # generated bodies, compressed once per process


def _generated(web: SampleWeb, site: Site, override: dict[str, Any]) -> bytes | Generated:
    spec = override["generate"]
    head, unit, tail = (web.render(str(spec.get(k, "")).encode(), site) for k in ("head", "repeat", "tail"))
    count = max(0, -(-(int(spec["bytes"]) - len(head) - len(tail)) // max(1, len(unit))))
    body = Generated(head, unit, count, tail)
    if not override.get("gzip"):
        return body
    key = hashlib.sha1(body.key()).digest()
    if key not in _GZIPPED:
        compressor = zlib.compressobj(6, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
        _GZIPPED[key] = b"".join(compressor.compress(c) for c in body.chunks()) + compressor.flush()
    return _GZIPPED[key]


def _find(root: Path, path: str) -> Path | None:
    relative = path.lstrip("/") or "index.html"
    candidate = (root / relative).resolve()
    if root.resolve() not in candidate.parents:
        return None
    for option in (candidate, candidate.with_name(candidate.name + ".html"), candidate / "index.html"):
        if option.is_file():
            return option
    return None
