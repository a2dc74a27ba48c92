"""Stories, signatures and LSH band keys: the SQL of near-duplicate clustering (#6).

Signatures arrive here as bytes and band keys as integers; computing them is processing's job. Hot
paths (band keys, signatures, members) go through ``executemany`` on the store's connection in one
transaction per batch.
"""

from __future__ import annotations

import contextlib
import json
import logging
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Iterable, Iterator, Sequence

import sqlite_utils

from storage.errors import StorageError

logger = logging.getLogger(__name__)

SCHEME_KEY = "signature_scheme"
GENERATION_KEY = "lsh_generation"  # merges of lsh_pending into lsh_bands (and resets) so far
MERGED_KEY = "lsh_merged_rows"  # rows merged into lsh_bands so far (what MERGE_SHARE is a share of)
# lsh_pending is merged into lsh_bands once it holds MERGE_SHARE of the copy keys merged so far (keys,
# not rows: 42 an article), and at least MERGE_MIN. Merging inserts every pending key (about 1 us each)
# and rewrites about every page of the copy part of lsh_bands (keys are random): pages / (MERGE_SHARE x
# merged keys), some 16 / 223 of a page per key, whatever the store's size. What grows is the memory
# of a clustering process for the pending keys (16 bytes a key, processing.band_index): about 42 MB
# at 1M articles. MERGE_MIN: about 6,000 articles' copy keys.
MERGE_SHARE = 1 / 16
MERGE_MIN = 250_000
# Copy band keys inserted from lsh_pending into lsh_bands in one write transaction: a merge holds the
# write lock for one chunk (a stretch of the sorted keys: one pass over lsh_bands' B-tree in all) at a
# time, so a crawl writing into the store meanwhile waits for a chunk, not for the whole merge
# (seconds at 1M articles); benchmarks/dedup_merge.py measures it.
MERGE_CHUNK_KEYS = 20_000
_CHUNK = 20_000  # host parameters per statement (SQLite's limit is 32,766 since 3.32)


class SchemeMismatch(StorageError):
    """The stored signatures were made with other dedup parameters than this Wirewatch uses."""


@dataclass(frozen=True)
class ArticleText:
    id: int
    outlet: str
    title: str | None
    text: str | None
    language: str | None
    first_seen: str | None
    content_hash: str | None
    published: str | None = None
    title_en: str | None = None
    text_en: str | None = None
    wire_agency: str | None = None


@dataclass(frozen=True)
class StoredSignature:
    article_id: int
    story_id: int | None
    signature: bytes | None
    terms_signature: bytes | None
    english_signature: bytes | None
    english: bool
    period: int


@dataclass
class Batch:
    """Everything one clustering batch writes."""

    signatures: list[tuple[int, bytes | None, bytes | None, bytes | None, int, int, str | None]] = field(
        default_factory=list)  # article_id, signature, terms, english terms, english, period, content_hash
    bands: list[list[int]] = field(default_factory=list)  # [band_key, article_id], sorted: into lsh_bands
    pending: list[tuple[int, bytes]] = field(default_factory=list)  # article_id, copy band keys: to lsh_pending
    stories: list[tuple[int, int, str | None, str | None]] = field(
        default_factory=list)  # id, canonical article, first_seen, wire_agency
    members: list[tuple[int, int, float, int | None]] = field(
        default_factory=list)  # article_id, story_id, similarity, matched_article_id
    relations: list[tuple[int, int, str, float]] = field(default_factory=list)
    grown: set[int] = field(default_factory=set)  # stories that gained members: counts to refresh


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _chunks(values: Sequence[Any], size: int = _CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start:start + size]


def _marks(n: int) -> str:
    return ",".join("?" * n)


def tune(db: sqlite_utils.Database, cache_mib: int = 64) -> None:
    """A larger page cache for this connection (SQLite's default is 2 MiB): copy band keys are looked
    up at random places in ``lsh_bands``' B-tree."""
    db.execute(f"PRAGMA cache_size = -{cache_mib * 1024}")


def article_columns(db: sqlite_utils.Database) -> set[str]:
    return set(db["articles"].columns_dict)


@contextlib.contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[None]:
    """One IMMEDIATE transaction: a concurrent crawl and `wirewatch dedup` never interleave a batch."""
    conn = db.conn
    if conn.in_transaction:
        conn.commit()
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.rollback()
        raise
    conn.commit()


# --- scheme ----------------------------------------------------------------------------------


def check_scheme(db: sqlite_utils.Database, scheme: str) -> None:
    """Record ``scheme`` on first use; raise :class:`SchemeMismatch` when signatures of another exist."""
    row = next(db.query("SELECT value FROM dedup_state WHERE key = ?", [SCHEME_KEY]), None)
    if row is not None and row["value"] == scheme:
        return
    has_signatures = next(db.query("SELECT 1 FROM minhash_signatures LIMIT 1"), None) is not None
    if row is not None and has_signatures:
        raise SchemeMismatch(f"stored signatures use dedup scheme '{row['value']}', this Wirewatch uses "
                             f"'{scheme}': run `wirewatch dedup --all` to sign every article again")
    with db.conn:
        db["dedup_state"].upsert({"key": SCHEME_KEY, "value": scheme}, pk="key")


# --- reading ---------------------------------------------------------------------------------


def pending_ids(db: sqlite_utils.Database, ids: Iterable[int] | None = None) -> list[int]:
    """Articles to cluster, first seen first: never signed, changed since (content hash), or given an
    English translation since they were signed. ``ids`` restricts the check to those articles."""
    columns = article_columns(db)
    translated = ("OR (a.text_en IS NOT NULL AND a.text_en != '' AND s.english = 0 "
                  "AND s.signature IS NOT NULL AND s.english_signature IS NULL)" if "text_en" in columns else "")
    sql = (f"SELECT a.id FROM articles a LEFT JOIN minhash_signatures s ON s.article_id = a.id "
           f"WHERE (s.article_id IS NULL OR s.content_hash IS NOT a.content_hash {translated})")
    if ids is None:
        return [r[0] for r in db.execute(sql + " ORDER BY a.first_seen, a.id").fetchall()]
    wanted = list(ids)
    found: list[tuple[str | None, int]] = []
    for chunk in _chunks(wanted):
        found += db.execute(sql.replace("SELECT a.id", "SELECT a.first_seen, a.id")
                            + f" AND a.id IN ({_marks(len(chunk))})", list(chunk)).fetchall()
    return [i for _, i in sorted(found, key=lambda r: (r[0] or "", r[1]))]


def all_ids(db: sqlite_utils.Database) -> list[int]:
    return [r[0] for r in db.execute("SELECT id FROM articles ORDER BY first_seen, id").fetchall()]


def load_articles(db: sqlite_utils.Database, ids: Sequence[int]) -> list[ArticleText]:
    """The articles' texts, in the order of ``ids``."""
    columns = article_columns(db)
    optional = [c if c in columns else f"NULL AS {c}" for c in ("title_en", "text_en", "wire_agency")]
    rows: dict[int, ArticleText] = {}
    for chunk in _chunks(list(ids)):
        for r in db.execute(f"SELECT id, outlet, title, text, language, first_seen, content_hash, published, "
                            f"{', '.join(optional)} FROM articles WHERE id IN ({_marks(len(chunk))})",
                            list(chunk)).fetchall():
            rows[r[0]] = ArticleText(*r)
    return [rows[i] for i in ids if i in rows]


def band_matches(db: sqlite_utils.Database, keys: Sequence[int], limit: int | None = None) -> list[tuple[int, int]]:
    """(band_key, article_id) of every stored band with one of ``keys`` (distinct); with ``limit``, at
    most that many a key, the lowest article ids: each key costs at most ``limit`` steps along
    lsh_bands' primary key however many articles share it (#15). Keys are looked up in order (sorted:
    neighbouring B-tree pages), as ``IN (...)`` does."""
    found: list[tuple[int, int]] = []
    ordered = sorted(keys)
    if limit is None:
        for chunk in _chunks(ordered):
            found += db.execute(f"SELECT band_key, article_id FROM lsh_bands WHERE band_key IN ({_marks(len(chunk))})",
                                list(chunk)).fetchall()
        return found
    # The limit-th lowest article id of the key bounds the range read (none: the key has fewer).
    sql = ("SELECT b.band_key, b.article_id FROM json_each(?) k JOIN lsh_bands b ON b.band_key = k.value "
           "AND b.article_id <= coalesce((SELECT c.article_id FROM lsh_bands c WHERE c.band_key = k.value "
           "ORDER BY c.article_id LIMIT 1 OFFSET ?), 9223372036854775807)")
    for chunk in _chunks(ordered):
        found += db.execute(sql, [json.dumps(list(chunk)), limit - 1]).fetchall()
    return found


def _state_int(db: sqlite_utils.Database, key: str) -> int:
    row = db.execute("SELECT value FROM dedup_state WHERE key = ?", [key]).fetchone()
    return int(row[0]) if row is not None and row[0] else 0


def pending_generation(db: sqlite_utils.Database) -> int:
    """How many times lsh_pending was merged into lsh_bands or reset: a process holding pending keys
    from an earlier generation drops them and reads lsh_pending again."""
    return _state_int(db, GENERATION_KEY)


def pending_rows(db: sqlite_utils.Database, after: int = 0, chunk: int = 20_000
                 ) -> Iterator[list[tuple[int, int, bytes]]]:
    """(seq, article_id, band keys blob) of the lsh_pending rows appended after ``after`` (a seq), in
    seq order, ``chunk`` rows at a time."""
    while True:
        rows = db.execute("SELECT seq, article_id, band_keys FROM lsh_pending WHERE seq > ? ORDER BY seq LIMIT ?",
                          [after, chunk]).fetchall()
        if not rows:
            return
        yield rows
        after = rows[-1][0]


def pending_seq(db: sqlite_utils.Database) -> int:
    """The last seq ever given to a lsh_pending row (0 for none): seqs are never reused."""
    row = db.execute("SELECT seq FROM sqlite_sequence WHERE name = 'lsh_pending'").fetchone()
    return int(row[0]) if row is not None else 0


def merge_due(db: sqlite_utils.Database, pending: int, minimum: int = MERGE_MIN) -> bool:
    """Whether ``pending`` copy keys (those of the rows in lsh_pending) are enough to merge: MERGE_SHARE
    of the keys merged so far, and at least ``minimum``."""
    return pending >= max(minimum, MERGE_SHARE * _state_int(db, MERGED_KEY))


def pending_articles(db: sqlite_utils.Database, upto: int) -> tuple[int, set[int]]:
    """The number of lsh_pending rows with seq up to ``upto``, and their articles."""
    ids = [r[0] for r in db.execute("SELECT article_id FROM lsh_pending WHERE seq <= ?", [upto]).fetchall()]
    return len(ids), set(ids)


def pending_count(db: sqlite_utils.Database, upto: int) -> int:
    """The number of lsh_pending rows with seq up to ``upto`` (a merge checks none was removed)."""
    return int(db.execute("SELECT count(*) FROM lsh_pending WHERE seq <= ?", [upto]).fetchone()[0])


def insert_bands(db: sqlite_utils.Database, bands: Iterable[Sequence[int]]) -> int:
    """Insert (band_key, article_id) pairs into lsh_bands (inside :func:`write_transaction`; sorted:
    one pass over the B-tree); the number inserted (pairs already there are skipped)."""
    conn = db.conn
    before = conn.total_changes
    conn.executemany("INSERT OR IGNORE INTO lsh_bands (band_key, article_id) VALUES (?, ?)", bands)
    return conn.total_changes - before


def finish_merge(db: sqlite_utils.Database, upto: int, moved: int) -> None:
    """End a merge (inside :func:`write_transaction`) whose pairs are all in lsh_bands: delete the
    lsh_pending rows with seq up to ``upto``, count ``moved`` keys merged and a new generation
    (processes holding pending keys read lsh_pending again)."""
    db.conn.execute("DELETE FROM lsh_pending WHERE seq <= ?", [upto])
    _set_state(db, MERGED_KEY, _state_int(db, MERGED_KEY) + moved)
    _set_state(db, GENERATION_KEY, pending_generation(db) + 1)
    logger.info("dedup: %d copy band keys merged into lsh_bands", moved)


def _set_state(db: sqlite_utils.Database, key: str, value: int) -> None:
    db.conn.execute("INSERT OR REPLACE INTO dedup_state (key, value) VALUES (?, ?)", [key, str(value)])


def stories_of(db: sqlite_utils.Database, ids: Iterable[int]) -> dict[int, int]:
    """The story of each of ``ids`` that is in one (article id → story id)."""
    out: dict[int, int] = {}
    for chunk in _chunks(list(ids)):
        out.update(db.execute(f"SELECT article_id, story_id FROM story_members WHERE article_id IN "
                              f"({_marks(len(chunk))})", list(chunk)).fetchall())
    return out


def signatures(db: sqlite_utils.Database, ids: Iterable[int]) -> dict[int, StoredSignature]:
    """Stored signatures of ``ids`` with each article's story."""
    wanted = list(ids)
    out: dict[int, StoredSignature] = {}
    for chunk in _chunks(wanted):
        for r in db.execute(
                f"SELECT s.article_id, m.story_id, s.signature, s.terms_signature, s.english_signature, s.english, "
                f"coalesce(s.period, 0) "
                f"FROM minhash_signatures s LEFT JOIN story_members m ON m.article_id = s.article_id "
                f"WHERE s.article_id IN ({_marks(len(chunk))})", list(chunk)).fetchall():
            out[r[0]] = StoredSignature(r[0], r[1], r[2], r[3], r[4], bool(r[5]), r[6])
    return out


def next_story_id(db: sqlite_utils.Database) -> int:
    return int(db.execute("SELECT coalesce(max(id), 0) + 1 FROM stories").fetchone()[0])


# --- writing ---------------------------------------------------------------------------------


def write(db: sqlite_utils.Database, batch: Batch) -> None:
    """Write one batch (inside :func:`write_transaction`)."""
    conn, now = db.conn, _now()
    conn.executemany("INSERT OR REPLACE INTO minhash_signatures (article_id, signature, terms_signature, "
                     "english_signature, english, period, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?)",
                     batch.signatures)
    conn.executemany("INSERT OR IGNORE INTO lsh_bands (band_key, article_id) VALUES (?, ?)", batch.bands)
    conn.executemany("INSERT INTO lsh_pending (article_id, band_keys) VALUES (?, ?)", batch.pending)
    conn.executemany("INSERT INTO stories (id, canonical_article_id, articles_count, outlets_count, first_seen, "
                     "last_seen, wire_agency) VALUES (?1, ?2, 1, 1, ?3, ?3, ?4)", batch.stories)
    conn.executemany("INSERT OR REPLACE INTO story_members (article_id, story_id, similarity, matched_article_id, "
                     f"joined) VALUES (?, ?, ?, ?, '{now}')", batch.members)
    conn.executemany("UPDATE articles SET story_id = ? WHERE id = ?", [(m[1], m[0]) for m in batch.members])
    conn.executemany("INSERT OR REPLACE INTO article_relations (article_id, other_article_id, relation, score) "
                     "VALUES (?, ?, ?, ?)", batch.relations)
    refresh_stories(db, batch.grown)


# A story's canonical article: its earliest published member (offsets honoured: julianday reads them),
# the first seen when a member has no readable date, then the lowest id. Not the first one crawled, which
# depends on which outlet's response came back first.
CANONICAL_ORDER = "coalesce(julianday(a.published), julianday(a.first_seen)), julianday(a.first_seen), a.id"


def refresh_stories(db: sqlite_utils.Database, story_ids: Iterable[int]) -> None:
    """Recount the stories' members and outlets, first and last seen, canonical article and wire agency;
    delete the ones left without members."""
    ids = sorted(set(story_ids))
    if not ids:
        return
    agency = ("(SELECT a.wire_agency FROM story_members m JOIN articles a ON a.id = m.article_id "
              "WHERE m.story_id = stories.id AND a.wire_agency IS NOT NULL AND a.wire_agency != '' "
              "GROUP BY a.wire_agency ORDER BY count(*) DESC, a.wire_agency LIMIT 1)"
              if "wire_agency" in article_columns(db) else "NULL")
    for chunk in _chunks(ids):
        db.execute(f"DELETE FROM stories WHERE id IN ({_marks(len(chunk))}) AND NOT EXISTS "
                   "(SELECT 1 FROM story_members m WHERE m.story_id = stories.id)", list(chunk))
        db.execute(
            "UPDATE stories SET "
            "articles_count = (SELECT count(*) FROM story_members m WHERE m.story_id = stories.id), "
            "outlets_count = (SELECT count(DISTINCT a.outlet) FROM story_members m JOIN articles a "
            "  ON a.id = m.article_id WHERE m.story_id = stories.id), "
            "first_seen = (SELECT min(a.first_seen) FROM story_members m JOIN articles a "
            "  ON a.id = m.article_id WHERE m.story_id = stories.id), "
            "last_seen = (SELECT max(a.first_seen) FROM story_members m JOIN articles a "
            "  ON a.id = m.article_id WHERE m.story_id = stories.id), "
            "canonical_article_id = (SELECT m.article_id FROM story_members m JOIN articles a "
            f"  ON a.id = m.article_id WHERE m.story_id = stories.id ORDER BY {CANONICAL_ORDER} LIMIT 1), "
            f"wire_agency = {agency} "
            f"WHERE id IN ({_marks(len(chunk))})", list(chunk))


def remove(db: sqlite_utils.Database, article_ids: Sequence[int], band_keys: Sequence[tuple[int, int]]) -> None:
    """Take articles out of the clustering (before signing them again): their bands (``band_keys``:
    (band_key, article_id), recomputed from the stored signatures, in lsh_bands; every lsh_pending row
    of theirs), signatures, memberships and links. A process holding pending keys in memory may still
    hold theirs: it checks a key it finds there against the article's stored signature."""
    ids = list(article_ids)
    if not ids:
        return
    conn = db.conn
    conn.executemany("DELETE FROM lsh_bands WHERE band_key = ? AND article_id = ?", band_keys)
    touched: set[int] = set()
    for chunk in _chunks(ids):
        marks, args = _marks(len(chunk)), list(chunk)
        touched.update(r[0] for r in conn.execute(
            f"SELECT story_id FROM story_members WHERE article_id IN ({marks})", args).fetchall())
        conn.execute(f"UPDATE articles SET story_id = NULL WHERE id IN ({marks})", args)
        conn.execute(f"DELETE FROM story_members WHERE article_id IN ({marks})", args)
        conn.execute(f"DELETE FROM lsh_pending WHERE article_id IN ({marks})", args)
        conn.execute(f"DELETE FROM article_relations WHERE article_id IN ({marks}) "
                     f"OR other_article_id IN ({marks})", args + args)
        conn.execute(f"DELETE FROM minhash_signatures WHERE article_id IN ({marks})", args)
    refresh_stories(db, touched)


def reset(db: sqlite_utils.Database) -> None:
    """Forget every story, link, signature and band (before clustering everything again)."""
    with db.conn:
        db.execute("UPDATE articles SET story_id = NULL WHERE story_id IS NOT NULL")
        for table in ("article_relations", "story_members", "stories", "lsh_bands", "lsh_pending",
                      "minhash_signatures"):
            db.execute(f"DELETE FROM {table}")
        db.execute("DELETE FROM dedup_state WHERE key = ?", [SCHEME_KEY])
        _set_state(db, MERGED_KEY, 0)
        _set_state(db, GENERATION_KEY, pending_generation(db) + 1)


# --- summaries -------------------------------------------------------------------------------


def totals(db: sqlite_utils.Database) -> dict[str, int]:
    row = db.execute(
        "SELECT (SELECT count(*) FROM stories), "
        "(SELECT count(*) FROM stories WHERE articles_count > 1), "
        "(SELECT count(*) FROM stories WHERE outlets_count > 1), "
        "(SELECT coalesce(sum(articles_count), 0) FROM stories WHERE articles_count > 1), "
        "(SELECT count(*) FROM article_relations WHERE relation = 'related'), "
        "(SELECT count(*) FROM article_relations WHERE relation = 'translation-of')").fetchone()
    keys = ("stories", "multi_article_stories", "multi_outlet_stories", "articles_in_multi_article_stories",
            "related", "translations")
    return dict(zip(keys, (int(v) for v in row)))


def shared_stories(db: sqlite_utils.Database, limit: int = 20) -> list[dict[str, Any]]:
    """Stories carried by more than one outlet, most outlets first: canonical title and the outlets."""
    return list(db.query(
        "SELECT s.id AS story, s.articles_count AS articles, s.outlets_count AS outlets, "
        "(SELECT group_concat(outlet, ', ') FROM (SELECT DISTINCT a.outlet FROM story_members m "
        "  JOIN articles a ON a.id = m.article_id WHERE m.story_id = s.id ORDER BY a.outlet)) AS carried_by, "
        "c.title AS title FROM stories s JOIN articles c ON c.id = s.canonical_article_id "
        "WHERE s.outlets_count > 1 ORDER BY s.outlets_count DESC, s.articles_count DESC, s.id LIMIT ?", [limit]))


def relations(db: sqlite_utils.Database, limit: int = 20) -> list[dict[str, Any]]:
    return list(db.query(
        "SELECT r.relation, r.score, r.article_id, a.outlet AS outlet, r.other_article_id, "
        "o.outlet AS other_outlet FROM article_relations r JOIN articles a ON a.id = r.article_id "
        "JOIN articles o ON o.id = r.other_article_id ORDER BY r.relation DESC, r.score DESC LIMIT ?", [limit]))
