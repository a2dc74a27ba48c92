"""The sources table: the registry's outlets as the store knows them."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any, Iterable, Mapping

import sqlite_utils


def sync(db: sqlite_utils.Database, outlets: Iterable[dict[str, Any]]) -> int:
    """Upsert the registry's outlets (id, name, country, region, languages, homepage, enabled).

    Outlets the store knows but the registry no longer lists are marked disabled (their articles stay).
    """
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    rows = [{**o, "languages": json.dumps(list(o["languages"])), "enabled": int(bool(o["enabled"])),
             "updated": now} for o in outlets]
    with db.conn:
        db["sources"].upsert_all(rows, pk="id")
        ids = [r["id"] for r in rows]
        db.execute(f"UPDATE sources SET enabled = 0, updated = ? WHERE enabled = 1 AND id NOT IN "
                   f"({','.join('?' * len(ids))})", [now, *ids])
    return len(rows)


def ensure(db: sqlite_utils.Database, outlet_ids: Iterable[str],
           details: Mapping[str, Mapping[str, str]] | None = None) -> list[str]:
    """Give every outlet id without a ``sources`` row a minimal one (name = id, region ``other``, not
    enabled, unless ``details`` gives that outlet's ``name``, ``region`` or ``country``), so imported
    articles of outlets outside the registry can be stored; a crawl's registry sync fills the row in if
    the outlet is added to the registry later. Returns the ids created."""
    wanted = sorted(set(outlet_ids))
    if not wanted:
        return []
    known = {r[0] for r in db.execute(
        f"SELECT id FROM sources WHERE id IN ({','.join('?' * len(wanted))})", wanted).fetchall()}
    missing = [o for o in wanted if o not in known]
    if missing:
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with db.conn:
            db["sources"].insert_all([{"id": o, "name": o, "country": None, "region": "other", "languages": "[]",
                                       "homepage": None, "enabled": 0, "updated": now, **(details or {}).get(o, {})}
                                      for o in missing], pk="id")
    return missing


def languages(db: sqlite_utils.Database) -> dict[str, tuple[str, ...]]:
    """Each known outlet's configured languages (the language detector's priors)."""
    return {row["id"]: tuple(json.loads(row["languages"] or "[]"))
            for row in db.query("SELECT id, languages FROM sources")}
