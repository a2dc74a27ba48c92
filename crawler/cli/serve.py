"""`wirewatch serve`: Datasette on the store, read-only, with the project's metadata, queries and plugin."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import click

from crawler.cli.common import db_option, user_errors
from crawler.datasette import metadata, plugin
from crawler.datasette import search as search_plugin

# Safe on a live store: queries stop after 3 s, pages hold at most 1,000 rows, and the file
# cannot be downloaded (it is being written). Datasette opens the file read-only (mode=ro, never
# immutable), so it sees what a crawl commits while it runs.
DATASETTE_SETTINGS = {"sql_time_limit_ms": 3000, "max_returned_rows": 1000, "allow_download": False,
                      "facet_time_limit_ms": 500, "default_page_size": 50,
                      # Facet suggestions try every column (long texts included) on every table page:
                      # seconds on a large store (benchmarks/datasette_queries.py, #15).
                      "suggest_facets": False}


def make_datasette(db: Path) -> Any:
    from datasette.app import Datasette
    from datasette.plugins import pm

    meta = metadata.build(db)
    if not pm.is_registered(plugin):
        pm.register(plugin, name="wirewatch")
    if not pm.is_registered(search_plugin):
        pm.register(search_plugin, name="wirewatch-search")
    here = resources.files("crawler.datasette")
    return Datasette(files=[str(db)], metadata=meta, settings=DATASETTE_SETTINGS,
                     template_dir=str(here / "templates"),
                     static_mounts=[(plugin.STATIC_MOUNT, str(here / "static"))])


def make_app(db: Path) -> Any:
    return make_datasette(db).app()


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("-p", "--port", default=8001, show_default=True, type=int, help="Port (0 for any free port).")
@user_errors
def serve(db: Path, host: str, port: int) -> None:
    """Browse and query the store with Datasette (read-only, safe while a crawl writes)."""
    import uvicorn

    app = make_app(db)
    click.echo(f"Serving {db} at http://{host}:{port}/{db.stem} (Ctrl-C to stop)")
    uvicorn.run(app, host=host, port=port, log_level="warning")
