"""Wirewatch's Datasette plugin for search, the front page and the story's copies on an article page.

Registered by `wirewatch serve` beside :mod:`crawler.datasette.plugin`:

- ``prepare_connection``: the search functions of :mod:`storage.search` on every connection, so the
  canned searches and Datasette's own search box (``?_search=``, which calls ``escape_fts``) fold
  Arabic and parse words the same way; ``trylast`` so ours replaces Datasette's ``escape_fts``.
- ``asgi_wrapper``: on the articles table page, a blank ``_search`` is dropped (the table, not an
  error), and without ``_col``/``_nocol`` the page opens on the reader's columns.
- ``render_cell``: a ``snippet`` cell shows its hits as ``<mark>``, in the text's direction.
- ``extra_template_vars``: the front page's latest stories and latest articles (database page),
  the other copies of an article's story (row page).
"""

from __future__ import annotations

import logging
import re
import urllib.parse
from typing import Any, Awaitable, Callable

import markupsafe
import sqlite_utils
from datasette import hookimpl
from datasette.utils import tilde_decode, urlsafe_components

from crawler.datasette import plugin
from storage import analyst_queries, catalog, front_page, search

logger = logging.getLogger(__name__)

# The articles table opens on these (those the store has), in this order.
READER_COLUMNS = ("published", "outlet", "language", "title", "story_id")
# The articles table page, as HTML or in another format (.json, .csv).
ARTICLES_PAGE = re.compile(r"/[^/]+/articles(\.\w+)?$")


@hookimpl(trylast=True)
def prepare_connection(conn: Any) -> None:
    search.register_functions(conn)


@hookimpl
def asgi_wrapper(datasette: Any) -> Callable[[Any], Any]:
    def wrap(app: Any) -> Any:
        async def articles_page(scope: dict, receive: Any, send: Any) -> None:
            path = scope.get("path", "") if scope.get("type") == "http" else ""
            if ARTICLES_PAGE.search(path):
                html = path.endswith("/articles")
                query = reader_query(scope.get("query_string", b"").decode("latin-1"),
                                     _columns(datasette, path) if html else [])
                scope = {**scope, "query_string": query.encode("latin-1")}
            await app(scope, receive, send)
        return articles_page
    return wrap


def reader_query(query_string: str, columns: list[str]) -> str:
    """The articles page's query string: a ``_search`` with no words removed, and ``_searchmode``
    (``raw`` would hand FTS5 syntax errors back to the user); ``_col`` for each of ``columns`` added
    when the page does not choose its columns itself."""
    pairs = urllib.parse.parse_qsl(query_string, keep_blank_values=True)
    kept = [(k, v) for k, v in pairs if not (k == "_search" and not search.parse(v)) and k != "_searchmode"]
    if not any(k in ("_col", "_nocol") for k, _ in kept):
        kept += [("_col", c) for c in columns]
    return urllib.parse.urlencode(kept)


def _columns(datasette: Any, path: str) -> list[str]:
    database = path.rsplit("/", 2)[-2]
    try:
        info = datasette.metadata(database=tilde_decode(database), table="articles") or {}
    except (KeyError, TypeError):
        return []
    present = set(info.get("columns", {}))
    return [c for c in READER_COLUMNS if c in present]


@hookimpl
def render_cell(value: Any, column: str, row: Any) -> Any:
    if column != "snippet" or not isinstance(value, str):
        return None
    text = str(markupsafe.escape(value))
    text = text.replace(analyst_queries.HIT_START, "<mark>").replace(analyst_queries.HIT_END, "</mark>")
    dir_ = "rtl" if plugin.has_rtl(value) and not value.isascii() and _mostly_rtl(value) else "auto"
    return markupsafe.Markup(f'<div class="wirewatch-text wirewatch-snippet" dir="{dir_}">{text}</div>')


def _mostly_rtl(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return sum(1 for ch in letters if plugin.has_rtl(ch)) * 2 > len(letters)


@hookimpl
def extra_template_vars(view_name: str, table: str | None, database: str | None, request: Any,
                        datasette: Any) -> Callable[[], Awaitable[dict[str, Any]]] | dict[str, Any]:
    if database is None or request is None:
        return {}
    if view_name == "database":
        async def front() -> dict[str, Any]:
            db = datasette.get_database(database)
            page = await db.execute_fn(lambda conn: front_page.latest(sqlite_utils.Database(conn)))
            return {"wirewatch_front": {**page, "base": datasette.urls.database(database)}}
        return front
    if view_name == "row" and table == "articles":
        async def copies() -> dict[str, Any]:
            db = datasette.get_database(database)
            pk = urlsafe_components(request.url_vars["pks"])
            if len(pk) != 1:
                return {}
            rows = await db.execute_fn(
                lambda conn: front_page.other_copies(sqlite_utils.Database(conn), tilde_decode(pk[0])))
            return {"wirewatch_copies": rows, "wirewatch_base": datasette.urls.database(database)}
        return copies
    return {}
