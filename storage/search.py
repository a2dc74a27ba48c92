"""Full-text search: the normalised index over articles, and queries typed by people.

The index ``articles_fts`` (FTS5) holds the *search form* of each article's title, text and
English title and text: :func:`storage.search_form.form` (Arabic marks and tatweel removed, letter
variants unified, Arabic-Indic digits ASCII, "U.K." joined into "UK."), then SQLite's ``unicode61
remove_diacritics 2`` tokenizer (case and Latin accents). The index stores that form (so ``snippet()``
shows the text that was indexed, Arabic without marks); triggers keep it in step with ``articles`` on
every connection, computing the form in SQL through the view ``articles_search_form``.

Queries (:func:`fts_query`) are put in the same form and parsed as words: ``"a phrase"`` in double
quotes, a trailing ``*`` for a prefix, everything else (hyphens, dots, apostrophes, a stray quote,
``AND``/``OR``/``NOT``/``NEAR``, parentheses, column filters) is a plain word, never FTS5 syntax,
so no input is a syntax error.
"""

from __future__ import annotations

import logging
import re
from typing import Any, Callable, Iterable

import sqlite_utils

from storage.search_form import form, form_sql

logger = logging.getLogger(__name__)

FTS_TABLE = "articles_fts"
SEARCH_FORM_VIEW = "articles_search_form"
COLUMNS = ("title", "text", "title_en", "text_en")
ORIGINAL_COLUMNS = ("title", "text")
ENGLISH_COLUMNS = ("title_en", "text_en")
TOKENIZE = "unicode61 remove_diacritics 2"
# FTS5 prefix indexes for 2- and 3-character prefixes: ``w2*`` or ``hosp*`` reads one index entry list
# instead of merging the lists of every word that starts so (1.1-2.0 s for a common prefix on a
# 300k-article store; see benchmarks/datasette_queries.py). Costs index space.
PREFIX = "2 3"
# An FTS5 query that matches nothing and is valid: what an empty search runs.
NOTHING = '""'
_TERM = re.compile(r'"([^"]*)"|(\S+)')
_WORD_CHAR = re.compile(r"\w")

Progress = Callable[[int, int], None]


def fts_query(text: str | None, columns: Iterable[str] = ()) -> str:
    """The FTS5 query for ``text`` typed by a person, in search form: each word or ``"phrase"``
    becomes an FTS5 string (so it matches as words in order), ``word*`` a prefix query; all terms
    must match (implicit AND). A stray ``"`` is dropped. With ``columns``, the query is restricted to
    them (``{title text} : (...)``). No words at all → :data:`NOTHING`."""
    terms = parse(text or "")
    if not terms:
        return NOTHING
    query = " ".join(terms)
    columns = list(columns)
    return f"{{{' '.join(columns)}}} : ({query})" if columns else query


def parse(text: str) -> list[str]:
    """The FTS5 terms of ``text``: ``['"gulf"', '"co operation"', '"bank"*']`` (see :func:`fts_query`)."""
    text = form(text)
    if text.count('"') % 2:  # an unbalanced quote is a typo, not the start of a phrase
        last = text.rfind('"')
        text = text[:last] + " " + text[last + 1:]
    terms = []
    for match in _TERM.finditer(text):
        phrase, word = match.group(1), match.group(2)
        if phrase is not None:
            if _WORD_CHAR.search(phrase):
                terms.append(_string(phrase))
            continue
        prefix = word.endswith("*") and len(word.rstrip("*")) > 0
        word = word.rstrip("*") if prefix else word
        if not _WORD_CHAR.search(word):
            continue
        terms.append(_string(word) + ("*" if prefix else ""))
    return terms


def _string(words: str) -> str:
    return '"' + words.replace('"', " ").strip() + '"'


# --- the index ------------------------------------------------------------------------------------


def view_sql() -> str:
    """``CREATE VIEW articles_search_form``: id and the search form of each indexed column, computed in SQL
    (:func:`storage.search_form.form_sql`). Each step runs only for a value holding what it changes (an
    Arabic character, a dotted letter): English text without dotted abbreviations is its own search form,
    and its index write pays no ``replace()`` scan (#15)."""
    return (f"CREATE VIEW {SEARCH_FORM_VIEW} AS SELECT id, "
            + ", ".join(f"{form_sql(c)} AS {c}" for c in COLUMNS) + " FROM articles")


def create(db: sqlite_utils.Database) -> None:
    """Drop any older ``articles_fts`` (and sqlite-utils' triggers), create the view, the index and
    its triggers. The index is left empty: fill it with :func:`rebuild`.

    The index stores its own copy of the search form (an FTS5 table with content), so ``snippet()``
    reads it directly instead of folding each result's text again: disk for speed (#15)."""
    for trigger in ("articles_ai", "articles_ad", "articles_au", "articles_bd", "articles_bu"):
        db.execute(f"DROP TRIGGER IF EXISTS [{trigger}]")
    db.execute(f"DROP TABLE IF EXISTS [{FTS_TABLE}]")
    db.execute(f"DROP VIEW IF EXISTS [{SEARCH_FORM_VIEW}]")
    db.execute(view_sql())
    cols = ", ".join(COLUMNS)
    db.execute(f"CREATE VIRTUAL TABLE [{FTS_TABLE}] USING fts5({cols}, tokenize='{TOKENIZE}', prefix='{PREFIX}')")
    indexed = ", ".join(f"[{c}]" for c in COLUMNS)
    insert = (f"INSERT INTO [{FTS_TABLE}](rowid, {cols}) SELECT id, {cols} FROM {SEARCH_FORM_VIEW} "
              f"WHERE id = new.id;")
    db.execute(f"CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN {insert} END")
    db.execute(f"CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN "
               f"DELETE FROM [{FTS_TABLE}] WHERE rowid = old.id; END")
    db.execute(f"CREATE TRIGGER articles_au AFTER UPDATE OF {indexed} ON articles BEGIN "
               f"DELETE FROM [{FTS_TABLE}] WHERE rowid = new.id; {insert} END")


def rebuild(db: sqlite_utils.Database, *, batch: int = 5_000, progress: Progress | None = None) -> int:
    """Index every article again, ``batch`` articles at a time (by id), put in search form in Python (the
    same :func:`storage.search_form.form` the view computes in SQL, several times faster); ``progress(done,
    total)`` is called after each batch. Returns the number of articles indexed."""
    total = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    cols = ", ".join(COLUMNS)
    db.execute(f"DELETE FROM [{FTS_TABLE}]")
    done, last = 0, None
    while True:
        rows = db.execute(f"SELECT id, {cols} FROM articles WHERE (? IS NULL OR id > ?) ORDER BY id LIMIT ?",
                          [last, last, batch]).fetchall()
        if not rows:
            break
        db.conn.executemany(f"INSERT INTO [{FTS_TABLE}](rowid, {cols}) VALUES (?{', ?' * len(COLUMNS)})",
                            [(r[0], *(None if v is None else form(v) for v in r[1:])) for r in rows])
        done, last = done + len(rows), rows[-1][0]
        if progress is not None:
            progress(done, total)
    return done


def search_ids(db: sqlite_utils.Database, text: str, columns: Iterable[str] = ()) -> list[int]:
    """Ids of the articles matching ``text`` (see :func:`fts_query`), best match first."""
    return [r[0] for r in db.execute(f"SELECT rowid FROM [{FTS_TABLE}] WHERE [{FTS_TABLE}] MATCH ? ORDER BY rank",
                                     [fts_query(text, columns)])]


def register_functions(conn: Any) -> None:
    """Register ``wirewatch_fts_query(q [, 'col col'])`` (:func:`fts_query`) on a sqlite3
    connection, for the canned searches; Datasette's ``escape_fts`` (its table search box) is
    replaced by the same parsing, so ``?_search=`` finds what the canned searches find."""
    conn.create_function("wirewatch_fts_query", 1, lambda q: fts_query(q), deterministic=True)
    conn.create_function("wirewatch_fts_query", 2, lambda q, cols: fts_query(q, (cols or "").split()),
                         deterministic=True)
    conn.create_function("escape_fts", 1, lambda q: fts_query(q), deterministic=True)
