"""The Datasette metadata for one store: the shipped file, fitted to what the store holds.

Facets on columns the store lacks are dropped, and the canned queries come from
:func:`storage.analyst_queries.canned_queries` for the store's tables and columns, so one
metadata file serves every schema version (and picks up translations, stories and wire
agencies as soon as a store has them).
"""

from __future__ import annotations

import copy
import json
from importlib import resources
from pathlib import Path
from typing import Any

import storage
from storage import analyst_queries, catalog

METADATA = "metadata.json"
SHIPPED_NAME = "wirewatch"


def shipped() -> dict[str, Any]:
    return json.loads(resources.files("crawler.datasette").joinpath(METADATA).read_text(encoding="utf-8"))


def build(db_path: Path) -> dict[str, Any]:
    """The metadata for the store at ``db_path`` (Datasette names a database after its file's stem)."""
    database = storage.open_readonly(db_path)
    try:
        features = catalog.features(database)
    finally:
        database.close()
    return fitted(shipped(), Path(db_path).stem, features)


def fitted(raw: dict[str, Any], name: str, features: catalog.Features) -> dict[str, Any]:
    """The shipped metadata under the database's ``name``, keeping only the tables, columns and column
    facets the store has, with the canned queries it can answer."""
    meta = copy.deepcopy(raw)
    database = meta["databases"].pop(SHIPPED_NAME)
    meta["databases"][name] = database
    tables = {}
    for table, info in database["tables"].items():
        if table not in features.tables:
            continue
        present = features.columns.get(table, frozenset())
        if "columns" in info:
            info["columns"] = {c: text for c, text in info["columns"].items() if c in present}
        if "facets" in info:
            info["facets"] = [f for f in info["facets"] if not isinstance(f, str) or f in present]
        tables[table] = info
    database["tables"] = tables
    database["queries"] = {q.name: q.metadata() for q in analyst_queries.canned_queries(features)}
    return meta
