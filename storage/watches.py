"""Watches: saved searches stored in the database, and the articles they matched.

A watch is a query in the search syntax of :mod:`storage.search`, matched against the original
and the English text, optionally narrowed to one language, outlet region or outlet. :func:`run`
records every matching article once per watch in ``watch_hits`` with the time of the match; the
crawl runs it at the end of every crawl, ``wirewatch watch run`` on demand.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from typing import Any

import sqlite_utils

from storage import catalog, records, search
from storage.errors import StorageError

logger = logging.getLogger(__name__)


class WatchError(StorageError):
    """A watch that cannot be added, or one that does not exist."""


@dataclass(frozen=True)
class Watch:
    name: str
    query: str
    language: str | None = None
    region: str | None = None
    outlet: str | None = None
    id: int | None = None
    created: str | None = None

    def row(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if k != "id"}


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def add(db: sqlite_utils.Database, watch: Watch) -> Watch:
    """Store ``watch``. Raises :class:`WatchError` when the name is taken or the query has no words."""
    if not watch.name.strip():
        raise WatchError("a watch needs a name")
    if not search.parse(watch.query):
        raise WatchError(f"watch query {watch.query!r} has no words to search for")
    if _find(db, watch.name) is not None:
        raise WatchError(f"there is already a watch named {watch.name!r} (`wirewatch watch remove {watch.name}` first)")
    row = {**watch.row(), "created": watch.created or now()}
    with db.conn:
        cursor = db.execute("INSERT INTO watches (name, query, language, region, outlet, created) "
                            "VALUES (:name, :query, :language, :region, :outlet, :created)", row)
    return Watch(**{**row, "id": cursor.lastrowid})


def remove(db: sqlite_utils.Database, name: str) -> int:
    """Delete the watch ``name`` and its hits; returns how many hits went with it."""
    watch = get(db, name)
    with db.conn:
        hits = db.execute("DELETE FROM watch_hits WHERE watch_id = ?", [watch.id]).rowcount
        db.execute("DELETE FROM watches WHERE id = ?", [watch.id])
    return hits


def all_watches(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Every watch with its hit count and latest match, by name."""
    return [dict(r) for r in db.query(
        "SELECT w.id, w.name, w.query, w.language, w.region, w.outlet, w.created, "
        "(SELECT count(*) FROM watch_hits h WHERE h.watch_id = w.id) AS hits, "
        "(SELECT max(matched) FROM watch_hits h WHERE h.watch_id = w.id) AS latest_hit "
        "FROM watches w ORDER BY w.name")]


def get(db: sqlite_utils.Database, name: str) -> Watch:
    watch = _find(db, name)
    if watch is None:
        known = ", ".join(r["name"] for r in db.query("SELECT name FROM watches ORDER BY name")) or "none yet"
        raise WatchError(f"no watch named {name!r} (watches: {known})")
    return watch


def _find(db: sqlite_utils.Database, name: str) -> Watch | None:
    row = next(db.query("SELECT * FROM watches WHERE name = ?", [name]), None)
    return Watch(**row) if row else None


# CROSS JOIN: SQLite takes the tables in the order written, the full-text match first, then each match's
# article by its id. With a plain JOIN its planner walked every article with extraction_status 'ok' (an
# index) and ran the full-text match once per article: minutes on a 300k-article store.
MATCH_SQL = f"""INSERT OR IGNORE INTO watch_hits (watch_id, article_id, matched)
SELECT :watch_id, a.id, :now
FROM {search.FTS_TABLE} f CROSS JOIN articles a ON a.id = f.rowid
WHERE {search.FTS_TABLE} MATCH :match
  AND a.extraction_status = 'ok'
  AND (:language IS NULL OR a.language = :language)
  AND (:outlet IS NULL OR a.outlet = :outlet)
  AND (:region IS NULL OR a.outlet IN (SELECT s.id FROM sources s WHERE s.region = :region))"""


def run(db: sqlite_utils.Database, *, matched: str | None = None) -> dict[str, int]:
    """Record the new matches of every watch; returns ``{watch name: new hits}``. An article already
    recorded for a watch is never recorded again (the primary key), whatever its later edits."""
    when = matched or now()
    found: dict[str, int] = {}
    with db.conn:
        for row in db.query("SELECT * FROM watches ORDER BY name"):
            watch = Watch(**row)
            cursor = db.execute(MATCH_SQL, {"watch_id": watch.id, "now": when, "match": search.fts_query(watch.query),
                                            "language": watch.language, "outlet": watch.outlet,
                                            "region": watch.region})
            found[watch.name] = cursor.rowcount
    for name, count in found.items():
        if count:
            logger.info("watch %s: %d new hits", name, count)
    return found


def hits(db: sqlite_utils.Database, name: str, *, since: str | None = None) -> list[dict[str, Any]]:
    """The hits of watch ``name`` (matched at or after ``since``, an ISO 8601 UTC time, if given),
    oldest first, each with the article's outlet, language, headlines and URL (``title_en``: the English
    headline, an English article's own title included, as :mod:`storage.records` defines it for export)."""
    watch = get(db, name)
    english = records.expressions(catalog.features(db))["title_en"]  # as `export` gives it: an English title's own
    return [dict(r) for r in db.query(
        f"SELECT h.matched, a.id AS article_id, a.outlet, a.language, a.published, a.title, {english} AS title_en, "
        "a.url FROM watch_hits h JOIN articles a ON a.id = h.article_id "
        "WHERE h.watch_id = :watch AND (:since IS NULL OR h.matched >= :since) ORDER BY h.matched, a.id",
        {"watch": watch.id, "since": since})]


def feed_sql(*, english: bool) -> str:
    """A watch's hits (``:watch`` is its name) as datasette-atom rows, newest first: ``atom_id``,
    ``atom_title`` (headline, with its English translation), ``atom_updated`` (time of the match),
    ``atom_link`` (the article at its outlet), ``atom_content`` and ``atom_author_name`` (outlet).
    One more entry announces the watch itself (its query and filters), so a feed is never empty
    (datasette-atom cannot render an empty one); its link is the watch's row, relative to the feed."""
    title = ("a.title || CASE WHEN a.title_en IS NOT NULL AND a.title_en != a.title "
             "THEN ' — ' || a.title_en ELSE '' END") if english else "a.title"
    return f"""SELECT * FROM (
SELECT 'tag:wirewatch,2026:watch/' || w.id || '/article/' || a.id AS atom_id,
       {title} AS atom_title,
       h.matched AS atom_updated,
       a.url AS atom_link,
       coalesce(s.name, a.outlet) AS atom_author_name,
       coalesce(s.name, a.outlet) || ' (' || coalesce(s.region, '?') || ', ' || coalesce(a.language, 'und')
         || '), published ' || coalesce(a.published, 'unknown') || '. ' || substr(coalesce(a.text, ''), 1, 400)
         AS atom_content
FROM watches w
JOIN watch_hits h ON h.watch_id = w.id
JOIN articles a ON a.id = h.article_id
LEFT JOIN sources s ON s.id = a.outlet
WHERE w.name = :watch
UNION ALL
SELECT 'tag:wirewatch,2026:watch/' || w.id, 'Watch ' || w.name || ': ' || w.query, w.created,
       'watches?name=' || w.name, 'Wirewatch',
       'Articles matching ' || w.query
         || coalesce(' in language ' || w.language, '') || coalesce(' from region ' || w.region, '')
         || coalesce(' from outlet ' || w.outlet, '') || ', recorded at the end of every crawl.'
FROM watches w WHERE w.name = :watch
) ORDER BY atom_updated DESC
LIMIT 200"""
