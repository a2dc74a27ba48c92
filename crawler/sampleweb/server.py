"""The bundled sample news web, served from 127.0.0.1: one HTTP server (port) per outlet.

Files under ``sites/<site-id>/`` are served at the same paths, with ``{{base}}``,
``{{base:<site-id>}}``, ``{{now-<N>h}}`` and ``{{rfc822:now-<N>h}}`` replaced at serve time.
A site's ``site.toml`` overrides status, content type or body per path. Responses carry an
ETag and honour ``If-None-Match`` with 304, like a real news site's feeds.
"""

from __future__ import annotations

import hashlib
import logging
import re
import socket
import threading
import tomllib
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Any
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


@dataclass
class Site:
    id: str
    root: Path
    overrides: dict[str, dict[str, Any]] = field(default_factory=dict)
    server: ThreadingHTTPServer | None = None

    @property
    def base(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"


class SampleWeb:
    """Start every site's server on a free port; use as a context manager."""

    def __init__(self, sites_dir: Path = SITES_DIR) -> None:
        self.sites = {p.name: Site(p.name, p, _overrides(p)) for p in sorted(sites_dir.iterdir()) if p.is_dir()}
        self.dead = f"http://127.0.0.1:{_closed_port()}"
        self.now = datetime.now(timezone.utc).replace(microsecond=0)
        self._threads: list[threading.Thread] = []

    def __enter__(self) -> "SampleWeb":
        for site in self.sites.values():
            site.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self, site))
            site.server.daemon_threads = True
            thread = threading.Thread(target=site.server.serve_forever, name=f"sampleweb-{site.id}", daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def __exit__(self, *exc: object) -> None:
        for site in self.sites.values():
            if site.server is not None:
                site.server.shutdown()
                site.server.server_close()
        for thread in self._threads:
            thread.join(timeout=5)

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


def _handler(web: SampleWeb, site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "SampleNews/1.0"

        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            status, content_type, body = self._resolve(unquote(urlsplit(self.path).path))
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            if status == 200 and self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(status)
            if content_type:
                self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            if status == 200:
                self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(body)

        def _resolve(self, path: str) -> tuple[int, str | None, bytes]:
            override = site.overrides.get(path, {})
            file = _find(site.root, path)
            status = int(override.get("status", 200 if file else 404))
            content_type = override.get("content_type") or (CONTENT_TYPES.get(file.suffix) if file else None)
            if "body" in override:
                return status, content_type or "text/html; charset=utf-8", override["body"].encode()
            if file is None or status == 404:
                return status, "text/html; charset=utf-8", b"<html><body><h1>Not found</h1></body></html>"
            return status, content_type or "application/octet-stream", web.render(file.read_bytes(), site)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (http.server's name)
            logger.debug("%s %s", site.id, format % args)

    return Handler


def _find(root: Path, path: str) -> Path | None:
    relative = path.lstrip("/") or "index.html"
    candidate = (root / relative).resolve()
    if root.resolve() not in candidate.parents:
        return None
    for option in (candidate, candidate.with_name(candidate.name + ".html"), candidate / "index.html"):
        if option.is_file():
            return option
    return None
