"""Watches (#11): saved searches (``watches``) and the articles each one matched (``watch_hits``).

``watch_hits`` holds one row per watch and article (its primary key), with the UTC time the match
was recorded; the index on (watch_id, matched) serves the Atom feed and ``watch hits --since``.
"""

import sqlite_utils


def apply(db: sqlite_utils.Database) -> None:
    db.execute("""CREATE TABLE IF NOT EXISTS watches (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    query TEXT NOT NULL,
    language TEXT,
    region TEXT,
    outlet TEXT,
    created TEXT NOT NULL
)""")
    db.execute("""CREATE TABLE IF NOT EXISTS watch_hits (
    watch_id INTEGER NOT NULL REFERENCES watches(id) ON DELETE CASCADE,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    matched TEXT NOT NULL,
    PRIMARY KEY (watch_id, article_id)
) WITHOUT ROWID""")
    db.execute("CREATE INDEX IF NOT EXISTS watch_hits_watch_matched ON watch_hits (watch_id, matched)")
