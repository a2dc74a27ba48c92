"""Sentence splitting for translation, without a model to download.

argostranslate splits sentences with a MiniSBD/stanza model that it fetches on first use, which
fails offline. Translation models want one sentence at a time, so we split here: at . ! ? … and
the Arabic ؟ and Urdu ۔ (and the CJK 。！？), followed by closing quotes or brackets and a space;
not after a known abbreviation (Mr., Dr., e.g., Jan., the Arabic د.), a single initial (J. Smith,
U.S.), inside numbers (3.5), or before a lower-case letter. Sentences longer than
``max_chars`` are cut at a clause boundary (; ؛ , ،) or a space, so that no model input is
truncated.
"""

from __future__ import annotations

import re

TERMINALS = ".!?…؟۔。！？"
CLOSERS = "\"'”’»)]}›"
OPENERS = "\"'“‘«([{‹"
MAX_SENTENCE_CHARS = 500

# Lower case, without the final dot: the word before a "." that does not end a sentence.
ABBREVIATIONS = frozenset("""
mr mrs ms mx dr prof sr jr st mt ft gen col lt maj capt cmdr adm sgt cpl gov sen rep rev hon pres
approx dept univ inc ltd corp bros plc assn vs etc cf jan feb mar apr jun jul aug sep sept oct nov dec
mon tue wed thu fri sat sun ave rd blvd
""".split())
# Abbreviations that stand before a number: "No. 5", "p. 12", "Vol. 3".
NUMBER_ABBREVIATIONS = frozenset("no nos vol p pp fig figs ch art sec para tel ext".split())
# Single Arabic letters (د. for doctor, م. for engineer, ص. for page) are caught as initials.
ARABIC_ABBREVIATIONS = frozenset({"هـ"})

_CLAUSE = re.compile(r"[;؛,،]\s+")
_WORD_BEFORE = re.compile(r"(\S+)$")
_DOTTED = re.compile(r"(?:\w\.)+\w")


def split_sentences(text: str, *, max_chars: int = MAX_SENTENCE_CHARS) -> list[str]:
    """The sentences of one paragraph, stripped, in order; their concatenation (with spaces)
    holds every non-space character of ``text``."""
    sentences: list[str] = []
    start = 0
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch not in TERMINALS:
            i += 1
            continue
        end = i + 1
        while end < n and text[end] in TERMINALS:
            end += 1
        while end < n and text[end] in CLOSERS:
            end += 1
        if end >= n:
            break
        if text[end].isspace() and _is_boundary(text, start, i, end):
            sentences.append(text[start:end].strip())
            start = end
        i = end
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    out: list[str] = []
    for sentence in sentences:
        if sentence:
            out.extend(_cut_long(sentence, max_chars))
    return out


def _is_boundary(text: str, start: int, at: int, end: int) -> bool:
    """Is the terminal run text[at:end] (followed by a space) the end of a sentence?"""
    following = text[end:].lstrip()
    if not following:
        return True
    if following[0].islower():  # "approx. ten", "e.g. the": sentences do not start in lower case
        return False
    if text[at:end].rstrip(CLOSERS) != ".":
        return True  # ! ? … ؟ ۔ and runs such as "?!" or "..." end a sentence
    bare = _word_before(text, start, at).lstrip(OPENERS)
    if not bare:
        return True
    if bare.lower() in ABBREVIATIONS or bare in ARABIC_ABBREVIATIONS:
        return False
    if following[0].isdigit() and bare.lower() in NUMBER_ABBREVIATIONS:
        return False
    if len(bare) == 1 and bare.isalpha():  # an initial ("J. Smith"), or the Arabic "د. محمد"
        return False
    if _DOTTED.fullmatch(bare):  # "U.S", "e.g", "أ.د" before their final dot
        return False
    return True


def _word_before(text: str, start: int, at: int) -> str:
    match = _WORD_BEFORE.search(text[start:at])
    return match.group(1) if match else ""


def _cut_long(sentence: str, max_chars: int) -> list[str]:
    pieces: list[str] = []
    rest = sentence
    while len(rest) > max_chars:
        window = rest[:max_chars]
        cut = -1
        for match in _CLAUSE.finditer(window):
            if match.end() > max_chars // 3:
                cut = match.end()
        if cut < 0:
            cut = window.rfind(" ") + 1
        if cut <= 0:
            cut = max_chars
        pieces.append(rest[:cut].strip())
        rest = rest[cut:].strip()
    if rest:
        pieces.append(rest)
    return pieces
