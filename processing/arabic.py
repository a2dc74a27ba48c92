"""Arabic normalisation: the one place Wirewatch decides which Arabic spellings are the same word.

Used by the dedup matching form (:func:`processing.dedup.normalize`) and by the full-text search
form (:func:`fold`, :mod:`storage.search`), so a plain spelling and a marked one, or two letter
variants, are one word to both.

- Marks: the harakat (fathatan to sukun, U+064B–U+0652), shadda's companions and the Quranic
  annotation signs (U+0610–U+061A, U+0653–U+065F, U+0670 superscript alef, U+06D6–U+06ED) are
  dropped, as is tatweel (kashida, U+0640). Unicode gives them general category Mn; SQLite's
  ``unicode61`` tokenizer treats them as separators, which is why «الشَّعب» was two tokens.
- Letters (:data:`LETTERS`): alef with hamza above or below, with madda, alef wasla and the rarer
  wavy-hamza alefs → bare alef; hamza on waw → waw, on ya → ya; alef maqsura → ya; ta marbuta → ha;
  Farsi yeh and keheh (typed for Arabic ya and kaf on Persian keyboards, common in Gulf typesetting)
  → Arabic ya and kaf. These are the usual folds of Arabic information retrieval (Larkey, Ballesteros
  and Connell, "Light Stemming for Arabic Information Retrieval", 2007, the "norm" step).
- Digits (:data:`DIGITS`): Arabic-Indic (٠–٩, U+0660–U+0669) and Extended Arabic-Indic (۰–۹,
  U+06F0–U+06F9, Persian and Urdu) → ASCII 0–9, so «٢٠٢٦» and 2026 are one number, as the dedup
  matching form already has them.
"""

from __future__ import annotations

from functools import cache

TATWEEL = "\u0640"
# Letter variants → the letter both spellings share.
LETTERS: dict[str, str] = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ؤ": "و", "ئ": "ي", "ى": "ي", "ی": "ي", "ک": "ك", "ة": "ه",
}
# Arabic-Indic and Extended Arabic-Indic digits → ASCII digits.
DIGITS: dict[str, str] = {chr(base + d): str(d) for base in (0x0660, 0x06F0) for d in range(10)}
_MARK_RANGES = ((0x0610, 0x061A), (0x064B, 0x065F), (0x0670, 0x0670), (0x06D6, 0x06DC), (0x06DF, 0x06E4),
                (0x06E7, 0x06E8), (0x06EA, 0x06ED))
# Every Arabic combining mark, and tatweel: removed.
MARKS: frozenset[str] = frozenset(chr(c) for lo, hi in _MARK_RANGES for c in range(lo, hi + 1)) | {TATWEEL}


@cache
def _table() -> dict[int, str | None]:
    table: dict[int, str | None] = {ord(m): None for m in MARKS}
    table.update({ord(k): v for k, v in LETTERS.items()})
    table.update({ord(k): v for k, v in DIGITS.items()})
    return table


def fold(text: str) -> str:
    """``text`` with Arabic marks and tatweel removed, letter variants unified and Arabic-Indic digits
    made ASCII; nothing else changes (case, punctuation, other scripts and the length of non-Arabic text
    are kept), so the result still reads as the text. ``fold("مَدْرَسَةً")`` → ``"مدرسه"``,
    ``fold("٢٠٢٦")`` → ``"2026"``."""
    return text.translate(_table())


def fold_pairs() -> list[tuple[str, str]]:
    """:func:`fold` as (old, new) string replacements, in an order whose successive application gives
    :func:`fold` (each old string is one character that no replacement produces), for SQL ``replace()``
    (:func:`storage.search_form.form_sql`)."""
    return [(mark, "") for mark in sorted(MARKS)] + list(LETTERS.items()) + list(DIGITS.items())
