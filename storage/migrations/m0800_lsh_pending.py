"""Copy band keys appended first, merged into ``lsh_bands`` in bulk (#15).

A copy band key is a hash of signature values: each batch's keys fall at random places over the whole
copy part of ``lsh_bands``' B-tree, so once the store holds some 10k articles every batch rewrote
nearly every page of it, and the pages written per article grew with the store. New copy band keys
now go to ``lsh_pending``, one row per article (its copy band keys as one blob of little-endian
int64), appended in insertion order (``seq``, never reused: AUTOINCREMENT), and are merged into
``lsh_bands`` in one sorted pass when they reach a share of it
(crawler.clustering.Clusterer.merge, in chunks since). The clustering process holds the pending keys in memory
(processing.band_index) and reads the rows appended since it last looked; ``dedup_state`` counts
merges (``lsh_generation``) so that a process drops what it holds after another one merged.

A store written before this change keeps every band key in ``lsh_bands``: nothing moves.
"""

import sqlite_utils


def apply(db: sqlite_utils.Database) -> None:
    db.execute("CREATE TABLE lsh_pending (seq INTEGER PRIMARY KEY AUTOINCREMENT, article_id INTEGER NOT NULL, "
               "band_keys BLOB NOT NULL)")
    db.execute("CREATE INDEX lsh_pending_article ON lsh_pending (article_id)")
    # What the pending keys are measured against (storage.dedup.MERGE_SHARE): every row already merged.
    rows = db.execute("SELECT count(*) FROM lsh_bands").fetchone()[0]
    db.execute("INSERT OR REPLACE INTO dedup_state (key, value) VALUES ('lsh_merged_rows', ?)", [str(rows)])
