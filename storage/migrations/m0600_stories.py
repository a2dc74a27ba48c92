"""Stories: near-duplicate articles grouped, with their MinHash signatures and LSH band keys (#6).

- ``stories``: one per group of copies of one text; ``articles.story_id`` points at it.
- ``story_members``: each clustered article, the similarity with which it joined and the member it matched.
- ``article_relations``: links that are not merges: ``related`` (a rewrite of the same story) and
  ``translation-of`` (a translated article and the English article its translation matches).
- ``minhash_signatures``: each article's signatures (copy, terms, English terms), so later runs compare
  new articles with stored ones without recomputing anything.
- ``lsh_bands``: every band key of every signature. A WITHOUT ROWID table whose primary key starts with
  ``band_key``: the table is itself the index on ``band_key`` (one B-tree, not a table plus an index).
- ``dedup_state``: the signature scheme the stored rows were made with.

It also narrows the articles FTS update trigger to the indexed columns, so setting ``story_id`` (or the
fetch time of an unchanged article) does not re-index the article's text.
"""

import re

import sqlite_utils


def apply(db: sqlite_utils.Database) -> None:
    db["stories"].create(
        {
            "id": int,
            "canonical_article_id": int,  # the earliest published member (storage.dedup.CANONICAL_ORDER)
            "articles_count": int,
            "outlets_count": int,
            "first_seen": str,
            "last_seen": str,
            "wire_agency": str,
        },
        pk="id",
        foreign_keys=[("canonical_article_id", "articles", "id")],
    )
    db["story_members"].create(
        {
            "article_id": int,
            "story_id": int,
            "similarity": float,  # estimated Jaccard similarity to matched_article_id (1.0: the story's first)
            "matched_article_id": int,
            "joined": str,
        },
        pk="article_id",
        foreign_keys=[("article_id", "articles", "id"), ("story_id", "stories", "id")],
    )
    db["story_members"].create_index(["story_id"])
    db["article_relations"].create(
        {
            "article_id": int,
            "other_article_id": int,
            "relation": str,  # related | translation-of
            "score": float,
        },
        pk=("article_id", "other_article_id", "relation"),
        foreign_keys=[("article_id", "articles", "id"), ("other_article_id", "articles", "id")],
    )
    db["article_relations"].create_index(["other_article_id"])
    db["minhash_signatures"].create(
        {
            "article_id": int,
            "signature": bytes,  # copy signature: num_perm little-endian uint32; NULL: no text to sign
            "terms_signature": bytes,
            "english_signature": bytes,  # terms of the English translation (articles not in English)
            "english": int,  # 1 when the article is in English
            "period": int,  # publication period the terms band keys were made for
            "content_hash": str,  # the articles.content_hash signed; a change means sign again
        },
        pk="article_id",
        foreign_keys=[("article_id", "articles", "id")],
    )
    db.execute("CREATE TABLE lsh_bands (band_key INTEGER NOT NULL, article_id INTEGER NOT NULL, "
               "PRIMARY KEY (band_key, article_id)) WITHOUT ROWID")
    db["dedup_state"].create({"key": str, "value": str}, pk="key")
    db["articles"].add_column("story_id", int)
    db["articles"].create_index(["story_id"])
    _narrow_fts_update_trigger(db)


def _narrow_fts_update_trigger(db: sqlite_utils.Database) -> None:
    """``AFTER UPDATE ON articles`` → ``AFTER UPDATE OF <the FTS columns> ON articles``."""
    row = next(db.query("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'articles_au'"), None)
    if row is None or not db["articles_fts"].exists():
        return
    columns = [c for c in db["articles_fts"].columns_dict if c in db["articles"].columns_dict]
    narrowed, count = re.subn(
        r'AFTER\s+UPDATE\s+ON\s+("?articles"?)',
        lambda m: f"AFTER UPDATE OF {', '.join(f'[{c}]' for c in columns)} ON {m.group(1)}",
        row["sql"], count=1, flags=re.IGNORECASE)
    if count and columns:
        db.execute("DROP TRIGGER articles_au")
        db.execute(narrowed)
