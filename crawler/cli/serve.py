"""`wirewatch serve`: Datasette on the store, read-only, with the project's metadata, queries and plugin."""

from __future__ import annotations

import errno
import socket
from importlib import resources
from pathlib import Path
from typing import Any

import click

import storage
from crawler.cli.common import db_option, user_errors
from crawler.datasette import metadata, output

# Safe on a live store: queries stop after 2 s, pages hold at most 1,000 rows, and the file
# cannot be downloaded (it is being written). Datasette opens the file read-only (mode=ro, never
# immutable), so it sees what a crawl commits while it runs. Eight SQL threads: six slow queries
# (each stopped at the time limit) still leave threads for the canned queries and article pages.
# crawler.datasette.limits bounds what one query may return or hold.
DATASETTE_SETTINGS = {"sql_time_limit_ms": 2000, "max_returned_rows": 1000, "allow_download": False,
                      "facet_time_limit_ms": 500, "default_page_size": 50, "num_sql_threads": 8,
                      # Facet suggestions try every column (long texts included) on every table page:
                      # seconds on a large store (benchmarks/datasette_queries.py, #15).
                      "suggest_facets": False}


def make_datasette(db: Path, access: storage.ReadAccess | None = None) -> Any:
    """Datasette on the store at ``db``: read-only (``mode=ro``), or immutable when ``access`` says the
    store's folder is not writable (see :func:`storage.read_access`)."""
    from datasette.app import Datasette
    from datasette.plugins import pm

    from crawler.datasette import limits, plugin
    from crawler.datasette import search as search_plugin

    access = access or storage.read_access(db)
    meta = metadata.build(db)
    if not pm.is_registered(plugin):
        pm.register(plugin, name="wirewatch")
    if not pm.is_registered(limits):
        pm.register(limits, name="wirewatch-limits")
    # Ours answers every exception in one log line; Datasette's default prints a traceback (with
    # local variables when rich is installed) on the event loop for each 404.
    if pm.get_plugin(limits.DEFAULT_EXCEPTION_PLUGIN) is not None:
        pm.unregister(name=limits.DEFAULT_EXCEPTION_PLUGIN)
    if not pm.is_registered(search_plugin):
        pm.register(search_plugin, name="wirewatch-search")
    here = resources.files("crawler.datasette")
    files, immutables = ([], [str(db)]) if access.immutable else ([str(db)], [])
    return Datasette(files=files, immutables=immutables, metadata=meta, settings=DATASETTE_SETTINGS,
                     template_dir=str(here / "templates"),
                     static_mounts=[(plugin.STATIC_MOUNT, str(here / "static"))])


def make_app(db: Path, access: storage.ReadAccess | None = None) -> Any:
    return make_datasette(db, access).app()


def listen(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port``, or a one-line error (port in use, address not local)."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        sock = socket.socket(family, socket.SOCK_STREAM)
    except OSError as exc:
        raise click.ClickException(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)
    except OSError as exc:
        sock.close()
        hint = " (another server is using it; pick another with --port, or 0 for any free one)" \
            if exc.errno == errno.EADDRINUSE else ""
        raise click.ClickException(f"cannot listen on {host}:{port}: {exc.strerror or exc}{hint}") from None
    return sock


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("-p", "--port", default=8001, show_default=True, type=click.IntRange(0, 65535),
              help="Port (0 for any free port).")
@user_errors
def serve(db: Path, host: str, port: int) -> None:
    """Browse and query the store with Datasette (read-only, safe while a crawl writes).

    Exit status 1, with one line, when the store cannot be read or the port cannot be listened on.
    Ctrl-C stops the server (one line, exit 0); before it has started, one line and exit 1.
    """
    try:
        import uvicorn

        access = storage.read_access(db)
        if access.immutable:
            click.echo(f"wirewatch: note: {access.reason}", err=True)
        output.never_block()
        app = make_app(db, access)
        sock = listen(host, port)
    except KeyboardInterrupt:
        raise click.ClickException("interrupted before the server started; nothing was served") from None
    port = sock.getsockname()[1]
    click.echo(f"Serving {db} at http://{host}:{port}/{db.stem} (Ctrl-C to stop)")
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn stops gracefully on Ctrl-C, then raises it again for its caller
        pass
    click.echo("wirewatch: server stopped", err=True)
