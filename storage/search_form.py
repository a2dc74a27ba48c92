"""The search form: the one normalisation of text for full-text search, applied to what is indexed
(:mod:`storage.search`: the SQL view its triggers read, and the rebuild in Python) and to what people
type (:func:`storage.search.parse`), so both sides always agree.

Two steps, in this order:

1. :func:`join_initials`: the dots inside an abbreviation written with dots go, so "U.K." is "UK.",
   "U.S.A." is "USA." and "u.n." is "un.": one word to the index, as "UK", "USA", "UN" are. News styles
   differ on exactly this (AP and the New York Times write "U.S.", "U.N.", "U.A.E."; the BBC, the Guardian
   and the Gulf press write "US", "UN", "UAE"), and SQLite's ``unicode61`` tokenizer reads a dot as a
   separator, so "U.K." was the two words "u" "k" and a search for either spelling missed the other.
   The rule: a dot followed by an ASCII letter and another dot is removed. Case is kept (the tokenizer
   folds it).
2. :func:`processing.arabic.fold` (Arabic marks and tatweel removed, letter variants unified, Arabic-Indic
   digits made ASCII).

Each step is also a chain of SQL ``replace()`` calls (:func:`form_sql`), so the triggers on any
connection (the crawler's, the ``sqlite3`` shell's) compute the same form without a Python function;
a test compares the two on random text.
"""

from __future__ import annotations

import re
import string

from processing.arabic import fold, fold_pairs

# A dot followed by one ASCII letter and a dot: the dots of "U.S.A." but its last.
_INITIAL_DOT = re.compile(r"\.(?=[A-Za-z]\.)")
# A character no text keeps: marks a dot that goes while the chain below runs (removed at its end).
_MARK = "\x1f"
# The SQL form of _INITIAL_DOT. ``replace()`` cannot look ahead and does not overlap its matches, so each
# letter's ".L." becomes "<mark>L." twice (the second catches a run of one letter, "S.S."), then a dot
# before an "L<mark>" (whose dot went already) goes too; the marks go last. It equals _INITIAL_DOT on every
# string of up to 9 characters over "AB.a" (checked once, exhaustively) and on the random text of
# tests/test_search.py.
_INITIAL_PAIRS: list[tuple[str, str]] = [
    pair for letter in string.ascii_letters for pair in (
        (f".{letter}.", f"{_MARK}{letter}."), (f".{letter}.", f"{_MARK}{letter}."),
        (f".{letter}{_MARK}", f"{_MARK}{letter}{_MARK}"))
] + [(_MARK, "")]
# Replacements per layer: SQLite's parser stack (100 entries) overflows at about 20 (with the marks' `char(31) ||`).
_LAYER = 12
# What a value must hold for a step to change it (SQL GLOB patterns): a dot, a letter, a dot; an Arabic
# character (the Arabic block and supplement, and the Arabic presentation forms).
INITIALS_GLOB = "*.[A-Za-z].*"
ARABIC_GLOB = "*[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]*"


def join_initials(text: str) -> str:
    """``text`` without the dots inside a dotted abbreviation: ``"the U.S. and the U.K."`` → ``"the US. and
    the UK."``, ``"U.S.A."`` → ``"USA."``; nothing else changes (``"3.5"``, ``"e.g"``, ``"A. Smith"``)."""
    return _INITIAL_DOT.sub("", text)


def form(text: str) -> str:
    """The search form of ``text`` (see the module): ``form("the U.K.'s مَدْرَسَة")`` →
    ``"the UK.'s مدرسه"``."""
    return fold(join_initials(text))


def form_sql(column: str) -> str:
    """:func:`form` of ``column`` as one SQL expression over that column (for a view; no Python function
    needed). Each step is a chain of ``replace()`` layers in nested subqueries (SQLite's parser takes about
    30 nested calls), run only for a value that holds what it changes: a dotted letter (``GLOB``
    :data:`INITIALS_GLOB`), an Arabic character (:data:`ARABIC_GLOB`). Each value is computed once."""
    initials = f"CASE WHEN {column} GLOB '{INITIALS_GLOB}' THEN {_chain(_INITIAL_PAIRS, column)} ELSE {column} END"
    return f"CASE WHEN {column} GLOB '{ARABIC_GLOB}' THEN {_chain(fold_pairs(), initials)} ELSE {initials} END"


def _chain(pairs: list[tuple[str, str]], expression: str) -> str:
    """``replace()`` of each pair in turn, applied to ``expression``, as a scalar subquery of chained CTEs
    (``(WITH l0(x) AS (SELECT <expression>), l1(x) AS (SELECT <layer 1> FROM l0), ... SELECT x FROM ln)``,
    ``_LAYER`` replacements a layer): the parser's depth stays that of one layer."""
    ctes = [f"l0(x) AS (SELECT {expression})"]
    for start in range(0, len(pairs), _LAYER):
        layer = "x"
        for old, new in pairs[start:start + _LAYER]:
            layer = f"replace({layer}, {_literal(old)}, {_literal(new)})"
        ctes.append(f"l{len(ctes)}(x) AS (SELECT {layer} FROM l{len(ctes) - 1})")
    return f"(WITH {', '.join(ctes)} SELECT x FROM l{len(ctes) - 1})"


def _literal(text: str) -> str:
    """``text`` as an SQL string expression, the mark (a control character) written ``char(31)``."""
    pieces = [f"'{piece}'" if piece != _MARK else f"char({ord(_MARK)})"
              for piece in re.split(f"({_MARK})", text) if piece]
    return " || ".join(pieces) or "''"
