"""The sources table: the registry's outlets as the store knows them."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any, Iterable

import sqlite_utils


def sync(db: sqlite_utils.Database, outlets: Iterable[dict[str, Any]]) -> int:
    """Upsert the registry's outlets (id, name, country, region, languages, homepage, enabled)."""
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    rows = [{**o, "languages": json.dumps(list(o["languages"])), "enabled": int(bool(o["enabled"])),
             "updated": now} for o in outlets]
    with db.conn:
        db["sources"].upsert_all(rows, pk="id")
    return len(rows)
