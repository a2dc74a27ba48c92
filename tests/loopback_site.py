"""Test and benchmark helper: small synthetic news sites on loopback, each on its own 127.0.0.N address.

Each site serves ``/robots.txt``, an RSS feed at ``/feed.xml`` listing its articles, and article pages
under ``/news/``. Every request is recorded (arrival time, path, User-Agent). A site can answer after
a fixed ``latency_s`` (a latency-bound web, as real sites are) and can hold article responses until
``release()`` (to catch a worker with requests in hand).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

WORDS = ("harbour council budget ministry energy grid water desalination rail station forum trade port "
         "tariff school hospital election court festival museum drought solar wind airline cargo "
         "inflation housing bridge tunnel police reform census archive library market").split()


@dataclass(frozen=True)
class Hit:
    at: float  # time.monotonic() when the request arrived
    path: str
    agent: str


def article_html(site: str, index: int) -> bytes:
    """A plain article page whose text is unique to (site, index)."""
    seed = sum(map(ord, site)) * 7919 + index * 104729
    paragraphs = []
    for p in range(5):
        words = [WORDS[(seed // (i + 1) + i * 31 + p * 17 + index * 13) % len(WORDS)] for i in range(40)]
        paragraphs.append(f"<p>Report {index} of {site}, part {p}: " + " ".join(words) + f". Number {seed + p}.</p>")
    title = f"{site} story {index}: {WORDS[index % len(WORDS)]} {WORDS[(index * 7) % len(WORDS)]} update"
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>"
            f"<meta property='article:published_time' content='2026-11-20T08:{index % 60:02d}:00+00:00'></head>"
            f"<body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{''.join(paragraphs)}</article>"
            f"<footer>All rights reserved.</footer></body></html>").encode()


class LoopbackSite:
    def __init__(self, name: str, address: str, articles: int, *, latency_s: float = 0.0,
                 hold: bool = False) -> None:
        self.name = name
        self.address = address
        self.articles = articles
        self.latency_s = latency_s
        self.hits: list[Hit] = []
        self._lock = threading.Lock()
        self._released = threading.Event()
        if not hold:
            self._released.set()
        self.server = ThreadingHTTPServer((address, 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://{self.address}:{self.server.server_address[1]}"

    def article_urls(self) -> list[str]:
        return [f"{self.base}/news/{self.name}-{i}.html" for i in range(self.articles)]

    def start(self) -> "LoopbackSite":
        self.thread.start()
        return self

    def stop(self) -> None:
        self._released.set()
        self.server.shutdown()
        self.server.server_close()

    def release(self) -> None:
        self._released.set()

    def article_hits(self) -> list[Hit]:
        with self._lock:
            return [h for h in self.hits if h.path.startswith("/news/")]

    def feed(self) -> bytes:
        items = "".join(f"<item><title>{self.name} story {i}</title><link>{url}</link>"
                        f"<pubDate>Fri, 20 Nov 2026 08:{i % 60:02d}:00 GMT</pubDate></item>"
                        for i, url in enumerate(self.article_urls()))
        return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>{self.name}</title>"
                f"<link>{self.base}/</link><description>test</description>{items}</channel></rss>").encode()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                with site._lock:
                    site.hits.append(Hit(time.monotonic(), self.path, self.headers.get("User-Agent", "")))
                if site.latency_s:
                    time.sleep(site.latency_s)  # the simulated web's latency, not a test's timing
                if self.path == "/robots.txt":
                    return self._send(200, "text/plain", b"User-agent: *\nAllow: /\n")
                if self.path == "/feed.xml":
                    return self._send(200, "application/rss+xml", site.feed())
                if self.path.startswith(f"/news/{site.name}-") and self.path.endswith(".html"):
                    site._released.wait(timeout=120)
                    index = int(self.path[len(f"/news/{site.name}-"):-len(".html")])
                    if 0 <= index < site.articles:
                        return self._send(200, "text/html; charset=utf-8", article_html(site.name, index))
                self._send(404, "text/plain", b"not found")

            def _send(self, status: int, content_type: str, body: bytes) -> None:
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", content_type)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except OSError:  # the client went away (a killed worker): nothing to answer
                    pass

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (http.server's name)
                pass

        return Handler


def write_sources(path: Path, sites: list[LoopbackSite]) -> Path:
    """A source registry with one outlet per site."""
    blocks = []
    for site in sites:
        blocks.append(f"""[[outlet]]
id = "{site.name}"
name = "{site.name.title()}"
country = "GB"
region = "uk"
languages = ["en"]
homepage = "{site.base}/"
allowed_domains = ["{site.address}"]
feeds = ["{site.base}/feed.xml"]
article_pattern = "^/news/"
""")
    path.write_text("\n".join(blocks), encoding="utf-8")
    return path
