"""`wirewatch serve`: Datasette on the store, read-only, with the project's metadata."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import click

import storage
from crawler.cli.common import db_option, user_errors

METADATA = "metadata.json"
DATASETTE_SETTINGS = {"sql_time_limit_ms": 3000, "max_returned_rows": 1000, "allow_download": False}


def metadata_for(db: Path) -> dict[str, Any]:
    """The shipped metadata, keyed by this database's name (Datasette names a database by its file)."""
    raw = json.loads(resources.files("crawler.datasette").joinpath(METADATA).read_text(encoding="utf-8"))
    databases = raw.get("databases", {})
    if "wirewatch" in databases:
        databases[db.stem] = databases.pop("wirewatch")
    return raw


def make_app(db: Path) -> Any:
    from datasette.app import Datasette

    storage.open_readonly(db).close()
    ds = Datasette(files=[str(db)], metadata=metadata_for(db), settings=DATASETTE_SETTINGS)
    return ds.app()


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("-p", "--port", default=8001, show_default=True, type=int, help="Port (0 for any free port).")
@user_errors
def serve(db: Path, host: str, port: int) -> None:
    """Browse and query the store with Datasette (read-only)."""
    import uvicorn

    app = make_app(db)
    click.echo(f"Serving {db} at http://{host}:{port}/ (Ctrl-C to stop)")
    uvicorn.run(app, host=host, port=port, log_level="warning")
