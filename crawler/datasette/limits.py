"""Datasette on a live store stays up: bounds on what one query may return or hold, quiet errors.

A second plugin (registered by `wirewatch serve` beside crawler.datasette.plugin), all through
Datasette's plugin hooks:

- ``prepare_connection``: SQLite's ``SQLITE_LIMIT_LENGTH`` on every connection Datasette opens
  (``MAX_VALUE_BYTES``: no string or blob, made by the query or read from the store, may be longer:
  ``select zeroblob(300000000)`` fails with "string or blob too big" instead of allocating it), and
  a row factory refusing a result that would hold more than ``MAX_RESULT_BYTES`` of text and blobs
  (the rows Datasette fetches, at most ``max_returned_rows``, are held in memory at once).
- ``handle_exception``: one log line per failed request (method, path, status, message), no
  traceback. It replaces Datasette's own hook (``DEFAULT_EXCEPTION_PLUGIN``, which `serve`
  unregisters), which prints one with local variables on the event loop when ``rich`` is installed.
- ``register_routes``: ``/-/databases.json`` without the store's absolute path.
"""

from __future__ import annotations

import logging
import sqlite3
import weakref
from typing import Any

from datasette import Response, hookimpl
from datasette.utils.asgi import Base400
from datasette.views.base import DatasetteError

logger = logging.getLogger(__name__)

DEFAULT_EXCEPTION_PLUGIN = "datasette.handle_exception"
MAX_VALUE_BYTES = 8 * 1024 * 1024  # SQLITE_LIMIT_LENGTH: longer than any article's text
MAX_RESULT_BYTES = 32 * 1024 * 1024  # text and blob bytes one query's fetched rows may hold


class ResultTooLarge(sqlite3.OperationalError):
    """A query's rows hold more than MAX_RESULT_BYTES."""


class RowBudget:
    """A row factory (sqlite3.Row rows) counting the bytes of each cursor's rows; raises
    :class:`ResultTooLarge` when one cursor's rows exceed ``limit`` bytes."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.used: weakref.WeakKeyDictionary[sqlite3.Cursor, int] = weakref.WeakKeyDictionary()

    def __call__(self, cursor: sqlite3.Cursor, row: tuple[Any, ...]) -> sqlite3.Row:
        size = sum(len(v) for v in row if isinstance(v, (str, bytes)))
        total = self.used.get(cursor, 0) + size
        self.used[cursor] = total
        if total > self.limit:
            raise ResultTooLarge(f"query result larger than {self.limit // (1024 * 1024)} MB: "
                                 "select fewer rows or columns, or use LIMIT")
        return sqlite3.Row(cursor, row)


@hookimpl
def prepare_connection(conn: sqlite3.Connection) -> None:
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
    conn.row_factory = RowBudget(MAX_RESULT_BYTES)


@hookimpl
def handle_exception(datasette: Any, request: Any, exception: Exception) -> Any:
    async def inner() -> Response:
        title = None
        if isinstance(exception, Base400):
            status, info, message = exception.status, {}, str(exception.args[0]) if exception.args else ""
        elif isinstance(exception, DatasetteError):
            status, info, message, title = exception.status, dict(exception.error_dict), exception.message, exception.title
        else:  # a bug, not the user's request: its detail stays in the log
            status, info, message = 500, {}, "internal error"
        shown = message if status != 500 or isinstance(exception, (Base400, DatasetteError)) \
            else f"{type(exception).__name__}: {exception}"
        first_line = (str(shown).strip().splitlines() or [""])[0][:200]
        log = logger.error if status >= 500 else logger.warning
        log("%s %s -> %d: %s", request.method, request.path, status, first_line)
        info.update({"ok": False, "error": message, "status": status, "title": title})
        if request.path.split("?")[0].endswith(".json"):
            return Response.json(info, status=status)
        template = datasette.jinja_env.select_template([f"{status}.html", "error.html"])
        return Response.html(await template.render_async(dict(info, urls=datasette.urls,
                                                              app_css_hash=datasette.app_css_hash(),
                                                              menu_links=lambda: [])), status=status)

    return inner


async def databases(datasette: Any) -> Response:
    """What /-/databases.json shows, with each file's name instead of its absolute path."""
    rows = []
    for name, db in datasette.databases.items():
        if name.startswith("_"):
            continue
        rows.append({"name": name, "route": db.route, "path": db.path.rsplit("/", 1)[-1] if db.path else None,
                     "size": db.size, "is_mutable": db.is_mutable, "is_memory": db.is_memory, "hash": db.hash})
    return Response.json(rows)


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [(r"^/-/databases(\.json)?$", databases)]
