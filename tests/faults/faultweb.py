"""The fault server: one HTTP server on 127.0.0.1 standing for hostile and broken sites.

Like the sample web it is the crawler's HTTP proxy for ``*.test`` hosts, so each fault site has
its own host name; routes are set per test (status, headers, body, or a hang until the server
stops). A second server, the **canary**, listens on 127.0.0.1 for what must never be requested
(loopback, metadata and other-domain targets): every request it receives is a hit, and the
tests expect none.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

ARTICLE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>
<body><header><nav><a href="/">Home</a></nav></header><article><h1>{title}</h1>
<p class="byline">By a staff reporter</p>
{paragraphs}
</article><footer>Fault Gazette</footer></body></html>"""
SENTENCES = ("The harbour authority confirmed on Tuesday that the new container berth will open next spring.",
             "Officials said the expansion would double the port's capacity for refrigerated cargo.",
             "Local fishing cooperatives asked for a guaranteed channel so that small boats keep access.",
             "The regional council will publish the environmental assessment before the summer recess.",
             "Shipping companies welcomed the plan, citing long queues at the existing terminal.",
             "Construction is expected to employ around four hundred people at its peak.")


def article(title: str) -> bytes:
    """A small article page written for these tests (six paragraphs of plain news prose)."""
    paragraphs = "\n".join(f"<p>{s} {title} was noted by the reporter.</p>" for s in SENTENCES)
    return ARTICLE.format(title=title, paragraphs=paragraphs).encode()


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    hang: bool = False  # accept the request, never answer (until the server stops)


class _Server:
    def __init__(self, handler: type[BaseHTTPRequestHandler]) -> None:
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return self.httpd.server_address[1]


class FaultWeb:
    """Fault sites (routes by host and path) and the canary; use as a context manager."""

    def __init__(self) -> None:
        self.routes: dict[tuple[str, str], Route] = {}
        self.hits: list[tuple[str, str]] = []  # (host, path) the fault sites answered
        self.canary_hits: list[str] = []  # request lines the canary received: must stay empty
        self.stopping = threading.Event()
        self._fault = _Server(self._fault_handler())
        self._canary = _Server(self._canary_handler())

    def __enter__(self) -> "FaultWeb":
        for server in (self._fault, self._canary):
            server.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopping.set()
        for server in (self._fault, self._canary):
            server.httpd.shutdown()
            server.httpd.server_close()

    @property
    def canary_port(self) -> int:
        return self._canary.port

    def environment(self) -> dict[str, str]:
        """Proxy variables sending the crawler's ``*.test`` requests here (127.0.0.1 and localhost go direct)."""
        return {"http_proxy": f"http://127.0.0.1:{self._fault.port}", "no_proxy": "127.0.0.1,localhost"}

    def route(self, url: str, **kwargs: Any) -> None:
        parts = urlsplit(url)
        self.routes[(parts.netloc, parts.path)] = Route(**kwargs)

    def hits_on(self, host: str) -> list[str]:
        return [path for h, path in self.hits if h == host]

    def _fault_handler(self) -> type[BaseHTTPRequestHandler]:
        web = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                target = urlsplit(self.path)
                host = target.netloc or self.headers.get("Host", "")
                web.hits.append((host, target.path))
                route = web.routes.get((host, target.path))
                if route is None:
                    route = Route(404, b"<html><body>Not found</body></html>")
                if route.hang:
                    web.stopping.wait()
                    return
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                try:
                    self.wfile.write(route.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                pass

        return Handler

    def _canary_handler(self) -> type[BaseHTTPRequestHandler]:
        web = self

        class Canary(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                web.canary_hits.append(self.requestline)
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.end_headers()
                self.wfile.write(b"<html><body><p>secret</p></body></html>")

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                pass

        return Canary
