"""The watch feed's address checked before datasette-atom renders it: ``/<db>/watch_feed.atom?watch=NAME``.

datasette-atom (0.9) cannot render a feed with no rows (``max()`` of the entries' times: HTTP 500), and
the ``watch_feed`` query gives rows only for a watch that exists (it always has its own entry,
:func:`storage.watches.feed_sql`). So a feed reader gets what HTTP says for a bad address instead:
400 when ``?watch=`` is missing or empty, 404 when no watch has that name; each a one-line plain-text
body naming the watches there are. A watch with no hits yet is a valid feed with its own entry.
"""

from __future__ import annotations

import logging
import re
from typing import Any, Awaitable, Callable
from urllib.parse import parse_qs
from xml.sax.saxutils import escape

from datasette.utils import tilde_decode
from datasette.utils.asgi import Response

logger = logging.getLogger(__name__)

FEED_SUFFIX = "/watch_feed.atom"

ASGIApp = Callable[[dict[str, Any], Callable[..., Awaitable[Any]], Callable[..., Awaitable[Any]]], Awaitable[None]]


async def refusal(datasette: Any, path: str, query_string: bytes) -> Response | None:
    """The 400/404 response for a watch feed address that names no watch, or None to let Datasette answer.

    ``path`` is the request's path (``/<db>/watch_feed.atom``, after any base URL), ``query_string`` its
    raw query. An unknown database, or one without a ``watches`` table, is left to Datasette (its 404).
    """
    database_name = tilde_decode(path[:-len(FEED_SUFFIX)].rsplit("/", 1)[-1])
    try:
        database = datasette.get_database(database_name)
    except KeyError:
        return None
    if not await database.table_exists("watches"):
        return None
    names = [row[0] for row in await database.execute("SELECT name FROM watches ORDER BY name")]
    known = f"watches: {', '.join(names)}" if names else "no watches yet: `wirewatch watch add NAME QUERY`"
    watch = (parse_qs(query_string.decode("latin-1")).get("watch") or [""])[0]
    if not watch.strip():
        return Response.text(f"watch_feed.atom needs ?watch=NAME ({known})\n", status=400)
    if watch not in names:
        return Response.text(f"no watch named {watch!r} ({known})\n", status=404)
    return None


async def feed_title(datasette: Any, path: str, query_string: bytes) -> str | None:
    """The title of the feed at ``path`` (one that :func:`refusal` let through): the watch's name and query,
    so that a feed reader following several watches tells them apart (datasette-atom gives every feed of a
    canned query that query's title). None when the watch cannot be found."""
    database_name = tilde_decode(path[:-len(FEED_SUFFIX)].rsplit("/", 1)[-1])
    watch = (parse_qs(query_string.decode("latin-1")).get("watch") or [""])[0]
    try:
        rows = list(await datasette.get_database(database_name).execute(
            "SELECT name, query FROM watches WHERE name = ?", [watch]))
    except Exception:  # noqa: BLE001 (no title of our own: datasette-atom's stays)
        return None
    return f"Wirewatch watch {rows[0][0]}: {rows[0][1]}" if rows else None


_FEED_TITLE = re.compile(rb"<title>[^<]*</title>")


def retitled(send: Callable[..., Awaitable[Any]], title: str) -> Callable[..., Awaitable[Any]]:
    """``send`` with the feed's own (first) ``<title>`` of a 200 response replaced by ``title``: the body is
    held until its last part (a feed is at most 200 entries) and Content-Length set again."""
    start: dict[str, Any] = {}
    parts: list[bytes] = []

    async def held(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            start.update(message)
            return
        if message["type"] != "http.response.body":
            await send(message)
            return
        parts.append(message.get("body", b""))
        if message.get("more_body"):
            return
        body = b"".join(parts)
        if start.get("status") == 200:
            element = f"<title>{escape(title)}</title>".encode("utf-8")
            body = _FEED_TITLE.sub(lambda _: element, body, count=1)
        headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
        await send({**start, "headers": [*headers, (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})
    return held


def wrap(datasette: Any, app: ASGIApp) -> ASGIApp:
    """``app`` with watch feed addresses checked first (see :func:`refusal`), and each feed titled after its
    watch (:func:`feed_title`)."""
    async def checked(scope: dict[str, Any], receive: Callable[..., Awaitable[Any]],
                      send: Callable[..., Awaitable[Any]]) -> None:
        if scope.get("type") == "http" and scope.get("path", "").endswith(FEED_SUFFIX):
            response = await refusal(datasette, scope["path"], scope.get("query_string", b""))
            if response is not None:
                logger.info("watch feed refused (%d): %s", response.status, scope["path"])
                await response.asgi_send(send)
                return
            title = await feed_title(datasette, scope["path"], scope.get("query_string", b""))
            if title is not None and scope.get("method") == "GET":  # HEAD: no body to retitle
                send = retitled(send, title)
        await app(scope, receive, send)
    return checked
