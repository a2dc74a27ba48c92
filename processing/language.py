"""Language identification on langdetect's profiles: deterministic, script-aware, paragraph-aware.

Plain langdetect samples n-grams at random (repeatable only when seeded) and is weak where a news
monitor needs it most: short titles, and the languages written in Arabic script, whose letters
it folds together (it maps the Persian yeh onto the Arabic one). :func:`detect` instead

1. finds the text's writing system from its letters; a script used by one language decides
   alone (Greek, Thai, Hangul, ...);
2. scores every n-gram of the text (not a random sample) against langdetect's language
   profiles, restricted to the languages written in that script — a naive Bayes score, the
   same for the same text every time;
3. adds letter evidence the profiles lack: Urdu's ٹ ڈ ڑ ں ے ہ ھ, the Persian and Urdu
   پ چ ژ گ ی ک, Arabic's ي ك ى ة; Russian ы э ё against Ukrainian і ї є, Macedonian ѓ ќ ѕ, ...;
4. adds word evidence the profiles lack: a word in a language's list of frequent words (jusText's
   stoplists, installed with trafilatura) counts for that language, the more the shorter its list
   (:data:`STOPWORD_SIZE_WEIGHT`) — most of what a short title has to go on;
5. adds a prior: by default each language's approximate share of web content, so that a two-word
   title that could be Catalan or English is read as English; the outlet's configured languages
   and the page's ``<html lang>`` (:class:`LanguageHints`) weigh more;
6. for a short text (a headline, a caption: two to :data:`SECOND_OPINION_WORDS` words), asks lingua
   (lingua-language-detector, whose models ship in its wheel) for a second opinion over
   :data:`SECOND_OPINION_LANGUAGES`, and combines the two distributions log-linearly
   (``(1 - LINGUA_SHARE) * log(ours + FLOOR) + LINGUA_SHARE * log(lingua + FLOOR)``); a language lingua
   has no model for (Nepali, Norwegian) keeps our probability on both sides. Word pairs are where langdetect's
   profiles are weakest and lingua's word-level models strongest; for longer text the profiles
   alone are as good and cheaper. Figures: benchmarks/langid_eval.py.

Steps 4 to 6 move short texts; on a text whose n-grams and letters alone favour one language by
:data:`DECISIVE_MARGIN` nats or more (most sentences), that language is the answer, as it is plain
langdetect's: the prior and the frequent words, which help on a title, must not overturn clear
evidence against a language with a small share of the web (Tagalog, Swahili, Somali).

Nothing here raises on any input; ``und`` means there was nothing to decide on.
"""

from __future__ import annotations

import bisect
import itertools
import json
import logging
import math
import operator
import os
import re
import threading
import unicodedata
from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from typing import Any, Iterable

import justext
import numpy as np
from langdetect import detect_langs
from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import LangDetectException
from langdetect.utils.ngram import NGram

logger = logging.getLogger(__name__)

UNDETERMINED = "und"
MAX_CHARS = 3000  # enough to decide; a long paragraph is cut here
MIN_LATIN_LETTERS = 3  # fewer Latin letters ("a", "OK") decide nothing

# Approximate share of web content by language, in percent (W3Techs-style survey figures, rounded);
# languages not listed get DEFAULT_SHARE. Used as the prior when no hint says otherwise.
WEB_SHARE: dict[str, float] = {
    "en": 49.0, "es": 6.0, "de": 5.5, "ja": 4.8, "fr": 4.4, "ru": 4.0, "pt": 3.7, "it": 2.5, "nl": 1.7,
    "pl": 1.6, "tr": 1.5, "fa": 1.2, "zh": 1.2, "vi": 1.1, "id": 0.9, "cs": 0.9, "ko": 0.8, "uk": 0.6,
    "ar": 0.6, "hu": 0.5, "sv": 0.5, "el": 0.5, "ro": 0.5, "da": 0.4, "fi": 0.3, "he": 0.3, "sk": 0.3,
    "th": 0.3, "bg": 0.3, "no": 0.2, "hr": 0.2, "lt": 0.2, "sl": 0.1, "ca": 0.1, "et": 0.1, "lv": 0.1,
    "hi": 0.1,
    # Urdu's share of the web is small, but the Gulf's news has a large Urdu readership; with
    # DEFAULT_SHARE a two-word Urdu title without Urdu-only letters would always read as Persian.
    "ur": 0.3,
    # Marathi and Nepali are below the survey's 0.1% and Hindi's share is itself rounded up to it; with
    # DEFAULT_SHARE, two-word Hindi headlines ("चुनाव आयोग") read as Marathi. Set at a fifth of Hindi's:
    # Hindi has about four times Marathi's first-language speakers and over ten times Nepali's (Ethnologue).
    "mr": 0.02, "ne": 0.02,
}
DEFAULT_SHARE = 0.05
EXPECTED_BONUS = 3.0  # nats added for each of the outlet's configured languages
DECLARED_BONUS = 1.5  # nats added for the page's <html lang>
SMOOTHING = 0.5 / 10_000  # langdetect's own (ALPHA_DEFAULT / BASE_FREQ)
MARKER_PENALTY = 10.0  # nats per occurrence of a letter the language does not write
MARKER_PENALTY_CAP = 40.0
STOPWORD_BONUS = 2.0  # nats for each word found in a language's list of frequent words
# jusText's lists differ in size from 135 words (Tagalog) to 6,813 (Finnish): a word found in a long
# list is weaker evidence than one found in a short one. Each list's bonus is
# STOPWORD_BONUS + STOPWORD_SIZE_WEIGHT * log(STOPWORD_REFERENCE_SIZE / size), never below 0.
STOPWORD_SIZE_WEIGHT = 0.5
STOPWORD_REFERENCE_SIZE = 1000
# Each letter takes part in three n-grams (1-, 2- and 3-grams), so their summed log-probabilities
# count it about three times over; weighting the sum by 1/3 keeps it comparable with the prior.
NGRAM_WEIGHT = 1 / 3
MIXED_SCRIPT_SHARE = 1 / 3  # a non-Latin script with this share of the letters decides over Latin
# lingua's second opinion (tuned on the ar en fa ur fr de ru tr sets of benchmarks/langid_eval.py only).
SECOND_OPINION_WORDS = 6  # texts of at most this many words get it
LINGUA_SHARE = 0.5  # lingua's weight in the log-linear combination of the two distributions
FLOOR = 1e-3  # the probability a language one detector does not consider counts as
# When the n-grams (and letters) alone favour one language by this many nats over the next (a
# likelihood ratio above 3 million), that language is the answer, whatever the prior, the
# frequent words and lingua say: what plain langdetect answers with full confidence on a text, we
# answer too. Chosen on the tune group of benchmarks/langid_eval.py (10 to 20 gave the same
# tune figures; below 10, English word pairs drop).
DECISIVE_MARGIN = 15.0
# The languages lingua chooses among: those langdetect has profiles for (so that the two opinions are
# about the same languages), plus Malay, a major news language langdetect has no profile for.
SECOND_OPINION_LANGUAGES = (
    "af", "ar", "bg", "bn", "ca", "cs", "cy", "da", "de", "el", "en", "es", "et", "fa", "fi", "fr", "gu", "he",
    "hi", "hr", "hu", "id", "it", "ja", "ko", "lt", "lv", "mk", "mr", "ms", "nl", "pa", "pl", "pt", "ro",
    "ru", "sk", "sl", "so", "sq", "sv", "sw", "ta", "te", "th", "tl", "tr", "uk", "ur", "vi", "zh",
)

_SECOND_OPINION_SET = frozenset(SECOND_OPINION_LANGUAGES)


@dataclass(frozen=True)
class LanguageHints:
    """What is known about a text's language before reading it."""

    expected: tuple[str, ...] = ()  # the outlet's configured languages (ISO 639-1)
    declared: str | None = None  # the page's <html lang>


@dataclass(frozen=True)
class Detection:
    lang: str  # ISO 639-1, or "und"
    confidence: float  # 0..1
    script: str = ""


@dataclass(frozen=True)
class DocumentLanguage:
    """The article's primary language and the share of its text in each language."""

    lang: str
    confidence: float
    shares: dict[str, float] = field(default_factory=dict)


# --- Scripts -----------------------------------------------------------------------------------

# (first code point, last code point, script) — letters outside these ranges count as "other".
_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0041, 0x024F, "latin"), (0x0370, 0x03FF, "greek"), (0x0400, 0x052F, "cyrillic"),
    (0x0530, 0x058F, "armenian"), (0x0590, 0x05FF, "hebrew"), (0x0600, 0x06FF, "arabic"),
    (0x0750, 0x077F, "arabic"), (0x0900, 0x097F, "devanagari"), (0x0980, 0x09FF, "bengali"),
    (0x0A00, 0x0A7F, "gurmukhi"), (0x0A80, 0x0AFF, "gujarati"), (0x0B80, 0x0BFF, "tamil"),
    (0x0C00, 0x0C7F, "telugu"), (0x0C80, 0x0CFF, "kannada"), (0x0D00, 0x0D7F, "malayalam"),
    (0x0D80, 0x0DFF, "sinhala"), (0x0E00, 0x0E7F, "thai"), (0x0E80, 0x0EFF, "lao"),
    (0x0F00, 0x0FFF, "tibetan"), (0x1000, 0x109F, "myanmar"), (0x10A0, 0x10FF, "georgian"),
    (0x1100, 0x11FF, "hangul"), (0x1200, 0x139F, "ethiopic"), (0x1780, 0x17FF, "khmer"),
    (0x1E00, 0x1EFF, "latin"), (0x1F00, 0x1FFF, "greek"), (0x3040, 0x309F, "kana"),
    (0x30A0, 0x30FF, "kana"), (0x3100, 0x312F, "bopomofo"), (0x3130, 0x318F, "hangul"),
    (0x31A0, 0x31BF, "bopomofo"), (0x31F0, 0x31FF, "kana"), (0x3400, 0x4DBF, "han"),
    (0x4E00, 0x9FFF, "han"), (0xAC00, 0xD7AF, "hangul"), (0xF900, 0xFAFF, "han"),
    (0xFB1D, 0xFB4F, "hebrew"), (0xFB50, 0xFDFF, "arabic"), (0xFE70, 0xFEFF, "arabic"),
    (0xFF21, 0xFF5A, "latin"), (0xFF66, 0xFF9F, "kana"), (0x20000, 0x2FA1F, "han"),
)
_STARTS = [r[0] for r in _RANGES]

# Scripts written by one language (of those we name): the script decides alone.
_SINGLE: dict[str, str] = {
    "greek": "el", "armenian": "hy", "bengali": "bn", "gurmukhi": "pa", "gujarati": "gu", "tamil": "ta",
    "telugu": "te", "kannada": "kn", "malayalam": "ml", "sinhala": "si", "thai": "th", "lao": "lo",
    "tibetan": "bo", "myanmar": "my", "georgian": "ka", "hangul": "ko", "ethiopic": "am", "khmer": "km",
    "kana": "ja", "bopomofo": "zh",
}
# Scripts shared by several languages: langdetect's profiles (plus letter evidence) choose among these.
_SHARED: dict[str, tuple[str, ...]] = {
    "arabic": ("ar", "fa", "ur"),
    "cyrillic": ("bg", "mk", "ru", "uk"),
    "devanagari": ("hi", "mr", "ne"),
    "hebrew": ("he",),
}
_NON_LATIN_PROFILES = {lang for langs in _SHARED.values() for lang in langs} | set(_SINGLE.values()) | {"ja", "ko"}

# Letters that only some languages of a script write: an occurrence costs every other candidate
# MARKER_PENALTY. Languages named here but without a langdetect profile (Belarusian, Serbian,
# Kazakh) are decided by their letters alone.
_MARKERS: dict[str, dict[str, frozenset[str]]] = {
    "arabic": {
        **dict.fromkeys("ٹڈڑںےۓہھۃ", frozenset({"ur"})),
        **dict.fromkeys("پچژگیک", frozenset({"fa", "ur"})),
        **dict.fromkeys("ۀ", frozenset({"fa"})),
        **dict.fromkeys("يكىة", frozenset({"ar"})),
        **dict.fromkeys("ه", frozenset({"ar", "fa"})),  # Urdu writes ہ and ھ instead
    },
    "cyrillic": {
        **dict.fromkeys("ыэё", frozenset({"ru", "be"})),
        **dict.fromkeys("ъ", frozenset({"ru", "bg"})),
        **dict.fromkeys("щ", frozenset({"ru", "uk", "bg"})),
        **dict.fromkeys("й", frozenset({"ru", "uk", "bg", "be", "kk"})),
        **dict.fromkeys("іІ", frozenset({"uk", "be", "kk"})),
        **dict.fromkeys("їЇєЄґҐ", frozenset({"uk"})),
        **dict.fromkeys("ўЎ", frozenset({"be"})),
        **dict.fromkeys("јЈљЉњЊџЏ", frozenset({"sr", "mk"})),
        **dict.fromkeys("ђЂћЋ", frozenset({"sr"})),
        **dict.fromkeys("ѓЃќЌѕЅ", frozenset({"mk"})),
        **dict.fromkeys("әғқңөұүһӘҒҚҢӨҰҮҺ", frozenset({"kk"})),
    },
}
# Cyrillic languages without a langdetect profile, and the letters that name them.
_LETTER_ONLY: dict[str, dict[str, str]] = {
    "cyrillic": {"ў": "be", "Ў": "be", "ђ": "sr", "ћ": "sr", "Ђ": "sr", "Ћ": "sr",
                 **dict.fromkeys("әғқңөұүһӘҒҚҢӨҰҮҺ", "kk")},
}

# jusText's stoplist for each language langdetect has a profile for (all but Somali).
_STOPLIST_NAMES: dict[str, str] = {
    "af": "Afrikaans", "ar": "Arabic", "bg": "Bulgarian", "ca": "Catalan", "cs": "Czech", "cy": "Welsh",
    "da": "Danish", "de": "German", "en": "English", "es": "Spanish", "et": "Estonian", "fa": "Persian",
    "fi": "Finnish", "fr": "French", "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian", "id": "Indonesian",
    "it": "Italian", "lt": "Lithuanian", "lv": "Latvian", "mk": "Macedonian", "mr": "Marathi", "ne": "Nepali",
    "nl": "Dutch", "no": "Norwegian_Bokmal", "pl": "Polish", "pt": "Portuguese", "ro": "Romanian",
    "ru": "Russian", "sk": "Slovak", "sl": "Slovenian", "sq": "Albanian", "sv": "Swedish", "sw": "Swahili",
    "tl": "Tagalog", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "vi": "Vietnamese",
}


def _word_pattern() -> re.Pattern[str]:
    """A word: letters, digits and the combining marks between them. ``\\w`` alone splits
    "प्रधानमंत्री" at every vowel sign (Devanagari, Arabic harakat, decomposed accents are marks,
    not word characters), and the pieces then look like one-letter frequent words of Nepali or
    Marathi and make a headline look long."""
    marks: list[list[int]] = []
    for code in range(0x0300, 0x10000):
        ch = chr(code)
        if unicodedata.category(ch).startswith("M") and not ch.isalnum():
            if marks and marks[-1][1] == code - 1:
                marks[-1][1] = code
            else:
                marks.append([code, code])
    ranges = "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in marks)
    return re.compile(rf"(?:\w|[{ranges}])+")



_URL = re.compile(r"https?://\S+|www\.\S+|[-_.0-9A-Za-z]{1,64}@[-_0-9A-Za-z]{1,255}(?:\.[-_0-9A-Za-z]+)+")


def script_of(ch: str) -> str:
    """The writing system of one letter ("latin", "arabic", ...; "other" when unknown)."""
    code = ord(ch)
    i = bisect.bisect_right(_STARTS, code) - 1
    if i >= 0 and code <= _RANGES[i][1]:
        return _RANGES[i][2]
    return "other"


def letters_by_script(text: str) -> dict[str, int]:
    """The number of letters of each script in ``text`` ({"latin": 12, "arabic": 3}; "other" for
    letters of no script named in _RANGES)."""
    return _count_letters(text)[0]


def _count_letters(text: str) -> tuple[dict[str, int], set[str] | None]:
    """:func:`letters_by_script`, and the distinct characters of ``text`` (None for an ASCII
    text, whose letters are all Latin). Cheaper than counting every character (a Counter): an
    ASCII text's letters are counted by bytes.translate; otherwise a text of one script has as
    many letters as characters that are none, and only a text of several scripts has its
    letters counted one by one."""
    if text.isascii():
        latin = len(text.encode("ascii").translate(None, _ASCII_NON_LETTERS))
        return ({"latin": latin} if latin else {}), None
    distinct = set(text)
    chars = list(distinct)
    scripts = list(map(_LETTER_SCRIPT.__getitem__, chars))  # "" for a character that is no letter
    found = set(scripts)
    found.discard("")
    if len(found) == 1:
        others = itertools.compress(chars, map(operator.not_, scripts))
        return {found.pop(): len(text) - sum(map(text.count, others))}, distinct
    counts: dict[str, int] = {}
    for ch, script in zip(chars, scripts):
        if script:
            counts[script] = counts.get(script, 0) + text.count(ch)
    return counts, distinct


class _CharTable(dict):  # type: ignore[type-arg]
    """A dict filled on first use from a function of one character: a cache for str.translate and
    for per-character lookups (bounded by the characters Unicode has)."""

    def __init__(self, function: Any) -> None:
        super().__init__()
        self.function = function

    def __missing__(self, key: Any) -> Any:
        value = self.function(chr(key) if isinstance(key, int) else key)
        self[key] = value
        return value


_SCRIPT_OF = _CharTable(script_of)
# The script of a letter, "" for a character that is no letter (one lookup instead of two).
_LETTER_SCRIPT = _CharTable(lambda ch: _SCRIPT_OF[ch] if ch.isalpha() else "")
# "U" for a capital letter, "-" for any other character: "UU" in a word marks NGram's capital words.
_UPPER = _CharTable(lambda ch: "U" if ch.isupper() else "-")
# The ASCII characters that are no letters (str.isalpha is true for A-Z and a-z only), for
# bytes.translate: an ASCII text's letters are counted without a Counter.
_ASCII_NON_LETTERS = bytes(b for b in range(128) if not chr(b).isalpha())
# The combining marks NGram.normalize_vi composes with a letter: a text without them is unchanged by it.
_VI_MARK = re.compile(f"[{NGram.DMARK_CLASS}]")
# str.translate table: the character as langdetect's NGram.normalize makes it.
_NORMALIZE = _CharTable(NGram.normalize)
# The same for ASCII, as a bytes.translate table (NGram.normalize keeps an ASCII character ASCII).
_ASCII_NORMALIZE = bytes(ord(NGram.normalize(chr(code))) for code in range(128)) + bytes(range(128, 256))
# The same, looked up by character (for str.replace).
_NORMAL_CHAR = _CharTable(NGram.normalize)
# Per script, a str.translate table keeping the script's letters and other characters, and
# turning letters of other scripts into spaces.
_KEEP_SCRIPT: dict[str, _CharTable] = {}


def _keep_table(script: str) -> _CharTable:
    table = _KEEP_SCRIPT.get(script)
    if table is None:
        table = _KEEP_SCRIPT[script] = _CharTable(
            lambda ch: ch if not ch.isalpha() or script_of(ch) == script else " ")
    return table


# --- langdetect's profiles as per-script tables ------------------------------------------------------

TOKEN_CACHE_SIZE = 1 << 15  # words whose evidence is kept, per script (Latin: about 13 MB when full, measured with tracemalloc)
# A text reads at most MAX_CHARS characters, and each character ends at most three n-grams, with
# the space closing each word (langdetect pads words with spaces): at most this many profile rows.
MAX_ROWS = 6 * MAX_CHARS
# Ones to sum a text's words' evidence with (a text detect reads has at most MAX_CHARS + 1 words).
_ONES = np.ones(MAX_CHARS + 1)


class _WordEvidence:
    """Each word's n-gram evidence for a script's candidates, cached: the sum of its profile rows
    (float64, one value per candidate, as bytes), for at most TOKEN_CACHE_SIZE words (the oldest
    goes first).

    Summing per word and then over the words (a dot product with ones) gives the same float64
    sums, to the bit, as summing the text's rows one by one: every value of the profile matrix is
    a float32 of magnitude at least 1 (langdetect 1.0.9's profiles: 1.14 to 9.9), so a multiple of
    2**-23, and a text's sum stays far below 2**53 such steps (:func:`_sums_are_exact`, checked
    when the profiles load), so no addition rounds and their order does not matter."""

    def __init__(self, index: dict[str, int], logp: np.ndarray, unseen: np.float32) -> None:
        """``index``: n-gram → row of ``logp`` (float32, n-grams × candidates), where ``unseen``
        is the value of an n-gram a language's profile lacks."""
        self.index = index
        self.width = logp.shape[1]
        self.absent = logp.shape[0]  # the row of any n-gram outside the profiles: it adds nothing
        # Most n-grams are in none of these candidates' profiles, and their rows are all
        # ``unseen``: they share one row, so the table is a fraction of the profile matrix.
        own = np.flatnonzero((logp != unseen).any(axis=1))
        self.table = np.vstack([logp[own], np.full((2, self.width), unseen, dtype=np.float32)])
        self.table[-1] = 0.0
        self.row = np.full(self.absent + 1, len(own), dtype=np.int32)  # n-gram's row → row of the table
        self.row[own] = np.arange(len(own))
        self.row[self.absent] = len(own) + 1
        self.cache: OrderedDict[str, bytes] = OrderedDict()
        self.lock = threading.Lock()  # the cache is filled by whichever thread reads a new word

    def logp(self, rows: list[int] | np.ndarray) -> np.ndarray:
        """The log-probabilities (float32, rows × candidates) of the n-grams at ``rows`` of the
        profile matrix (``self.absent``: outside the profiles, zeros)."""
        return self.table[self.row[rows]]

    def sum(self, tokens: list[str]) -> np.ndarray:
        """The summed log-probabilities of the n-grams of ``tokens`` (words as
        :meth:`_Profiles.tokens` gives them, "" allowed), float64, one per candidate."""
        parts = list(map(self.cache.get, tokens))
        if None in parts:
            found = self._read([t for t, part in zip(tokens, parts) if part is None])
            parts = [found[t] if part is None else part for t, part in zip(tokens, parts)]
        joined = b"".join(parts)  # type: ignore[arg-type]
        if not joined:
            return np.zeros(self.width)
        words = np.frombuffer(joined).reshape(-1, self.width)
        ones = _ONES[:len(words)] if len(words) <= len(_ONES) else np.ones(len(words))
        return np.dot(ones, words)  # the sum over the words (BLAS: cheaper than np.sum here)

    def _read(self, tokens: list[str]) -> dict[str, bytes]:
        """The evidence of words not in the cache, summed in one pass, and cached."""
        found: dict[str, bytes] = {}
        grams: list[str] = []
        starts: list[int] = []
        read: list[str] = []
        for token in dict.fromkeys(tokens):
            token_ngrams = token_grams(token)
            if token_ngrams:
                starts.append(len(grams))
                grams += token_ngrams
                read.append(token)
            else:
                found[token] = b""  # no n-gram at all: nothing to add
        if grams:
            rows = list(map(self.index.get, grams, itertools.repeat(self.absent)))
            sums = np.add.reduceat(self.logp(rows), starts, axis=0, dtype=np.float64)
            for token, row in zip(read, sums):
                found[token] = row.tobytes()
        with self.lock:
            cache = self.cache
            for token, part in found.items():
                cache[token] = part
            while len(cache) > TOKEN_CACHE_SIZE:
                cache.popitem(last=False)
        return found


def _sums_are_exact(logp: np.ndarray) -> bool:
    """Whether any sum of at most MAX_ROWS values of ``logp`` (float32) is exact in float64, whatever
    the order of the additions: every value is a multiple of the spacing of float32 numbers at the
    smallest magnitude present, and float64 holds every multiple of that spacing up to 2**53 of it."""
    magnitudes = np.abs(logp[logp != 0]).astype(np.float64)
    if not magnitudes.size:
        return True
    _, exponent = np.frexp(magnitudes.min())  # smallest magnitude in [2**(exponent-1), 2**exponent)
    spacing = 2.0 ** (int(exponent) - 1 - 23)  # float32: 24 significant bits
    return MAX_ROWS * float(magnitudes.max()) <= 2.0 ** 53 * spacing


@dataclass(frozen=True)
class _ScriptTable:
    """Everything per script that does not depend on the text, computed once: the candidate
    languages, their columns of the profile matrix (in :class:`_WordEvidence`), their default prior,
    the frequent words of each, and the letters that only some of them write."""

    candidates: list[str]
    prior: np.ndarray  # float64, log web share of each candidate
    stopwords: dict[str, list[int]]  # lower-case word → positions of the candidates listing it
    stopword_bonus: np.ndarray  # float64, nats per frequent word found, for each candidate
    markers: list[str]  # the letters only some candidates write
    marker_penalty: np.ndarray  # float64, markers × candidates: MARKER_PENALTY where the candidate does not write it
    words: _WordEvidence  # each word's n-gram evidence, cached


class _Profiles:
    """langdetect's n-gram profiles as per-script tables of log-probabilities (n-grams ×
    languages), and what else :func:`_distribution` reads."""

    def __init__(self) -> None:
        names, self.index, probs = read_profiles(PROFILES_DIRECTORY)
        # Sort the profiles by name so ties break the same way everywhere.
        codes = [_iso639_1(code) for code in names]
        order = sorted(range(len(codes)), key=lambda i: names[i])
        merged: dict[str, list[int]] = {}
        for i in order:
            merged.setdefault(codes[i], []).append(i)  # zh-cn and zh-tw both become zh
        self.langs: list[str] = list(merged)
        columns = np.empty((len(self.index), len(merged)), order="F")
        for j, cols in enumerate(merged.values()):
            columns[:, j] = probs[:, cols[0]] if len(cols) == 1 else probs[:, cols].max(axis=1)
        # log(p + SMOOTHING), as float32; most n-grams are absent from most profiles (p = 0), and
        # those all get the one value log(SMOOTHING): the log is taken of the others only.
        present = columns != 0
        unseen = np.float32(np.log(np.full(1, SMOOTHING))[0])
        logp = np.full(columns.shape, unseen, dtype=np.float32, order="F")
        logp[present] = np.log(columns[present] + SMOOTHING)
        if not _sums_are_exact(logp):  # only a change of langdetect's profiles could do this
            raise RuntimeError("langdetect's profiles: per-word sums of n-gram log-probabilities would round")
        self.column = {lang: i for i, lang in enumerate(self.langs)}
        latin = [lang for lang in self.langs if lang not in _NON_LATIN_PROFILES]
        self.candidates: dict[str, list[str]] = {"latin": latin, **{s: [l for l in ls if l in self.column]
                                                                     for s, ls in _SHARED.items()}}
        self.stopwords: dict[str, frozenset[str]] = {
            lang: frozenset(w.lower() for w in justext.get_stoplist(name)) for lang, name in _STOPLIST_NAMES.items()}
        self.scripts: dict[str, _ScriptTable] = {
            script: self._script_table(script, candidates, logp, unseen) for script, candidates in self.candidates.items()}
        self.word = _word_pattern()

    def _script_table(self, script: str, candidates: list[str], logp: np.ndarray, unseen: np.float32) -> _ScriptTable:
        columns = [self.column[lang] for lang in candidates]
        stopwords: dict[str, list[int]] = {}
        for position, lang in enumerate(candidates):
            for word in sorted(self.stopwords.get(lang, ())):
                stopwords.setdefault(word, []).append(position)
        markers = _MARKERS.get(script, {})
        penalty = [[0.0 if lang in users else MARKER_PENALTY for lang in candidates] for users in markers.values()]
        return _ScriptTable(
            candidates=candidates,
            prior=np.array([_prior(lang, LanguageHints()) for lang in candidates]),
            stopwords=stopwords,
            stopword_bonus=np.array([_stopword_bonus(len(self.stopwords.get(lang, ()))) for lang in candidates]),
            markers=list(markers),
            marker_penalty=np.array(penalty).reshape(len(markers), len(candidates)),
            # One entry per distinct word (as NGram.normalize leaves it), bounded: most words of
            # news text are among a few thousand frequent ones, so nearly every word is a cache hit.
            words=_WordEvidence(self.index, logp[:, columns], unseen))

    @staticmethod
    def tokens(text: str, distinct: Iterable[str] | None = None) -> list[str]:
        """``text`` as langdetect's NGram reads it (NGram.normalize_vi, then NGram.normalize on
        each character), split at every space: words, and "" between two spaces. NGram starts
        afresh at every space, so a text's n-grams are its words' n-grams (:func:`token_grams`).
        ``distinct``: characters that include all of ``text``'s, when the caller knows them."""
        if text.isascii():  # bytes.translate: a third of str.translate's time, even on ASCII
            return text.encode("ascii").translate(_ASCII_NORMALIZE).decode("ascii").split(" ")
        if _VI_MARK.search(text):
            return NGram.normalize_vi(text).translate(_NORMALIZE).split(" ")
        # str.translate looks every character up in a dict; a text has a few dozen distinct
        # characters, a handful of which NGram.normalize changes: replace those. NGram.normalize
        # gives characters it leaves alone (a test checks it for every character), so no replacement
        # is replaced again and this is the translation.
        for ch in set(text) if distinct is None else distinct:
            normal = _NORMAL_CHAR[ch]
            if normal != ch:
                text = text.replace(ch, normal)
        return text.split(" ")


def token_grams(token: str) -> list[str]:
    """The n-grams langdetect's NGram reads in " " + token + " ", for a token NGram.normalize has
    already read (no spaces in it): after each character, its last 1, 2 and 3 characters, except
    while two capital letters stand in a row (NGram's ``capitalword``) and except a lone space.
    Grouped by length (1-grams, then 2-grams, then 3-grams), not in NGram's order: they are summed."""
    if not token:  # two spaces in a row: NGram reads nothing between them
        return []
    padded = " " + token + " "
    # islower(): no capital letter at all (cheap); else look for two in a row
    if token.islower() or "UU" not in token.translate(_UPPER):  # no capital word: every n-gram counts
        grams = list(token)
        pairs = list(map(operator.add, padded, padded[1:]))  # padded[i:i + 2], without a slice each
        grams += pairs
        grams += map(operator.add, pairs, padded[2:])  # padded[i:i + 3]
        return grams
    grams = []
    previous_upper = False
    for end in range(2, len(padded) + 1):  # padded[:end] has been read
        upper = padded[end - 1].isupper()
        capital_word = upper and previous_upper
        previous_upper = upper
        if capital_word:
            continue
        for n in (1, 2, 3):
            if end < n:
                break
            gram = padded[end - n:end]
            if gram != " ":
                grams.append(gram)
    return grams


def read_profiles(directory: str) -> tuple[list[str], dict[str, int], np.ndarray]:
    """langdetect's language profiles in ``directory`` as langdetect's DetectorFactory.load_profile
    reads them, without its Python list per n-gram (a third of a worker's start-up): the profiles'
    names, each n-gram's row, and the matrix (float64, n-grams × profiles, in the order of the
    names: the files sorted by name) of each n-gram's probability in each language, its count over
    the language's number of n-grams of its length (DetectorFactory.add_profile's figure), 0 where
    a profile lacks it. Raises OSError or ValueError on an unreadable profile, as langdetect does."""
    names: list[str] = []
    index: dict[str, int] = {}
    entries: list[tuple[list[int], np.ndarray]] = []
    for filename in sorted(os.listdir(directory)):
        path = os.path.join(directory, filename)
        if filename.startswith(".") or not os.path.isfile(path):
            continue
        with open(path, encoding="utf-8") as file:
            profile = json.load(file)
        freq: dict[str, int] = profile["freq"]
        # n-grams of one to three characters have a probability; any other length stays at 0
        totals = np.array([0.0, *map(float, profile["n_words"]), 0.0])
        lengths = np.fromiter(map(len, freq), dtype=np.intp, count=len(freq))
        counts = np.fromiter(freq.values(), dtype=np.float64, count=len(freq))
        rows = [index.setdefault(gram, len(index)) for gram in freq]
        valid = (lengths >= 1) & (lengths <= 3)
        probs = np.zeros(len(freq))
        probs[valid] = counts[valid] / totals[lengths[valid]]
        names.append(profile["name"])
        entries.append((rows, probs))
    matrix = np.zeros((len(index), len(entries)), order="F")  # read column by column
    for column, (rows, probs) in enumerate(entries):
        matrix[rows, column] = probs
    return names, index, matrix


_profiles: _Profiles | None = None
_profiles_lock = threading.Lock()


def _load() -> _Profiles:
    global _profiles
    if _profiles is None:
        with _profiles_lock:
            if _profiles is None:
                _profiles = _Profiles()
    return _profiles


# --- Detection -----------------------------------------------------------------------------------

def detect(text: Any, hints: LanguageHints | None = None) -> Detection:
    """The language of ``text`` (ISO 639-1) and how sure we are; ``und`` when there is nothing to
    decide on. Deterministic, and never raises: bytes are decoded, anything else becomes ``und``."""
    text = _as_text(text)
    if text is None:
        return Detection(UNDETERMINED, 0.0)
    return _detect(text, hints)[0]


def _detect(text: str, hints: LanguageHints | None) -> tuple[Detection, int | None]:
    """:func:`detect` of a str, and the number of letters in ``text`` when it was read whole (no
    longer than MAX_CHARS, no URL taken out), None otherwise: detect_document weighs by it
    without counting the characters a second time."""
    read = text[:MAX_CHARS]
    if "http" in read or "www." in read or "@" in read:  # what a URL or an address needs: else no match
        read = _URL.sub(" ", read)
    counts, chars = _count_letters(read)
    letters = sum(counts.values()) if len(text) <= MAX_CHARS and read == text else None
    other = counts.pop("other", None)
    if not counts:
        return Detection(UNDETERMINED, 0.0), letters
    return _detect_counted(read, hints, chars, counts, other is None and len(counts) == 1), letters


def _detect_counted(text: str, hints: LanguageHints | None, chars: set[str] | None, counts: dict[str, int],
                    one_script: bool) -> Detection:
    """:func:`_detect` once the letters are counted: ``chars`` holds the distinct characters of
    ``text`` (None for an ASCII text: no script whose letters or markers need them is involved),
    ``counts`` its letters by script; ``one_script`` says all its letters are of one script."""
    script = _main_script(counts)
    hints = hints or LanguageHints()
    if script in ("han", "kana"):  # kana among Chinese characters is Japanese
        return Detection("ja" if counts.get("kana") else "zh", 1.0, script)
    if script in _SINGLE:
        return Detection(_SINGLE[script], 1.0, script)
    if script == "latin" and counts["latin"] < MIN_LATIN_LETTERS:
        return Detection(UNDETERMINED, 0.0, script)
    only = _letter_only(script, chars) if chars is not None else None
    if only:
        return Detection(only, 1.0, script)
    return _score(text if one_script else _in_script(text, script), script, hints, chars)


def _as_text(text: Any) -> str | None:
    if isinstance(text, str):
        return text
    if isinstance(text, (bytes, bytearray, memoryview)):
        return bytes(text).decode("utf-8", errors="replace")
    return None


def _main_script(counts: dict[str, int]) -> str:
    """The script with the most letters, except that Latin yields to a non-Latin script holding a
    third of the letters: Latin names, brands and headings are common in Arabic, Persian, Urdu or
    Russian text, while English text rarely carries that much of another script."""
    if len(counts) == 1:
        return next(iter(counts))
    total = sum(counts.values())
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    best = ranked[0][0]
    if best == "latin":
        others = [(s, n) for s, n in ranked if s != "latin"]
        if others and others[0][1] >= MIXED_SCRIPT_SHARE * total:
            best = others[0][0]
    return best


def _in_script(text: str, script: str) -> str:
    """Keep the script's letters (and spaces between words); drop letters of other scripts."""
    return text.translate(_keep_table(script))


def _letter_only(script: str, chars: set[str]) -> str | None:
    table = _LETTER_ONLY.get(script)
    if not table:
        return None
    found = {table[ch] for ch in chars if ch in table}
    return found.pop() if len(found) == 1 else None


def _score(text: str, script: str, hints: LanguageHints, chars: set[str] | None) -> Detection:
    """Choose among the script's languages; ``chars`` holds the distinct characters of the text
    before letters of other scripts were dropped (the script's own letters are the same; None
    for an ASCII text)."""
    profiles = _load()
    table = profiles.scripts.get(script)
    if table is None or not table.candidates:
        return Detection(UNDETERMINED, 0.0, script)
    candidates = table.candidates
    if len(candidates) == 1:
        return Detection(candidates[0], 1.0, script)
    probs, decisive, words = _distribution(profiles, table, text, chars, hints)
    if decisive is not None:
        return Detection(candidates[decisive], round(float(probs[decisive]), 4), script)
    if 2 <= len(words) <= SECOND_OPINION_WORDS:  # one word: both are guessing
        second = _second_opinion(text)
        if second:
            languages = candidates + sorted(set(second) - set(candidates))
            ours = np.concatenate([probs, np.zeros(len(languages) - len(candidates))])
            # lingua has no opinion on a language it does not know (Nepali, Norwegian): it only redistributes
            # the share ours gives the languages it knows, and the others keep ours on both sides (with
            # FLOOR there, lingua's silence read as certainty against them: Nepali headlines went to Hindi).
            known = np.array([lang in _SECOND_OPINION_SET for lang in languages])
            theirs = np.array([second.get(lang, 0.0) for lang in languages])
            theirs = np.where(known, theirs * float(ours[known].sum()), ours)
            # lingua knows nothing of the hints: they weigh on its share as they do on ours (ours has them).
            bonus = np.array([_hint_bonus(lang, hints) if lang in _SECOND_OPINION_SET else 0.0 for lang in languages])
            scores = (1 - LINGUA_SHARE) * np.log(ours + FLOOR) + LINGUA_SHARE * (np.log(theirs + FLOOR) + bonus)
            probs, candidates = np.exp(scores - scores.max()), languages
            probs /= probs.sum()
    best = int(np.argmax(probs))
    return Detection(candidates[best], round(float(probs[best]), 4), script)


def _distribution(profiles: _Profiles, table: _ScriptTable, text: str, chars: set[str] | None,
                  hints: LanguageHints) -> tuple[np.ndarray, int | None, list[str]]:
    """Our probability of each of ``table.candidates`` (summing to 1), for ``text`` (letters of
    the table's script only) and its distinct characters (a superset will do; None for an ASCII
    text, whose script has no markers); the position of the candidate the n-grams and letters alone decide on
    (DECISIVE_MARGIN), None when they do not; and the words of the text, read only when they do
    not decide ([] when they do). When they decide, the probabilities are theirs alone (the
    prior, hints and frequent words left out)."""
    candidates = table.candidates
    evidence = table.words.sum(profiles.tokens(text, chars))
    markers = _marker_evidence(table, text, chars) if table.markers and chars is not None else None
    decided = evidence if markers is None else evidence + markers
    values = decided.tolist()  # a few dozen: Python's max is cheaper than numpy's calls here
    top = max(values)
    best = values.index(top)  # the first of equals, as numpy's argmax
    second = max(values[:best] + values[best + 1:])
    if top - second >= DECISIVE_MARGIN:
        probs = np.exp(decided - top)
        return probs / probs.sum(), best, []
    words = profiles.word.findall(text)
    prior = table.prior
    if hints.expected or hints.declared:
        prior = prior + np.array([_hint_bonus(lang, hints) for lang in candidates])
    scores = NGRAM_WEIGHT * evidence + prior
    if markers is not None:
        scores = scores + markers
    positions: list[int] = []
    for word in words:
        found = table.stopwords.get(word.lower())
        if found:
            positions.extend(found)
    if positions:
        scores = scores + table.stopword_bonus * np.bincount(positions, minlength=len(candidates))
    probs = np.exp(scores - scores.max())
    return probs / probs.sum(), None, words


_lingua: Any = None
_lingua_lock = threading.Lock()


def _lingua_detector() -> Any:
    """lingua's detector over SECOND_OPINION_LANGUAGES, in its low-accuracy mode (trigram models
    only: a fraction of the memory and time of the high-accuracy mode, measured in
    benchmarks/langid_eval.py), built once per process."""
    global _lingua
    if _lingua is None:
        with _lingua_lock:
            if _lingua is None:
                from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

                languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper()))
                             for code in SECOND_OPINION_LANGUAGES]
                detector = LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()
                # The ISO code of each of lingua's languages, looked up once rather than per result.
                _lingua = detector, {language: code for language, code in zip(languages, SECOND_OPINION_LANGUAGES)}
    return _lingua


def _second_opinion(text: str) -> dict[str, float]:
    """lingua's confidence for each language (ISO 639-1), {} when it has none."""
    text = text.encode("utf-8", errors="replace").decode("utf-8")  # lone surrogates: lingua wants UTF-8
    detector, codes = _lingua_detector()
    values = detector.compute_language_confidence_values(text)
    return {codes[value.language]: value.value for value in values if value.value > 0}


def _stopword_bonus(size: int) -> float:
    """Nats for a word found in a list of ``size`` frequent words (0 for no list)."""
    if not size:
        return 0.0
    return max(0.0, STOPWORD_BONUS + STOPWORD_SIZE_WEIGHT * math.log(STOPWORD_REFERENCE_SIZE / size))


def _prior(lang: str, hints: LanguageHints) -> float:
    return math.log(WEB_SHARE.get(lang, DEFAULT_SHARE) / 100) + _hint_bonus(lang, hints)


def _hint_bonus(lang: str, hints: LanguageHints) -> float:
    score = 0.0
    if lang in hints.expected:
        score += EXPECTED_BONUS
    if hints.declared and _iso639_1(hints.declared) == lang:
        score += DECLARED_BONUS
    return score


def _marker_evidence(table: _ScriptTable, text: str, chars: set[str]) -> np.ndarray:
    """Minus MARKER_PENALTY per occurrence in ``text`` of a letter a candidate does not write,
    down to minus MARKER_PENALTY_CAP; ``chars`` holds (at least) the distinct characters of
    ``text``. (Whole multiples of MARKER_PENALTY: exact whatever the order of the sums.)"""
    counts = [text.count(ch) if ch in chars else 0 for ch in table.markers]
    return np.maximum(0.0 - np.dot(counts, table.marker_penalty), -MARKER_PENALTY_CAP)


def detect_document(paragraphs: list[str], hints: LanguageHints | None = None) -> DocumentLanguage:
    """Detect each paragraph and weight it by its letters: a few Arabic interface labels do not
    outvote an English article, and a bilingual page shows both shares."""
    weights: dict[str, float] = {}
    for paragraph in paragraphs:
        found, letters = _detect(paragraph, hints)
        if found.lang == UNDETERMINED:
            continue
        if letters is None:  # a long paragraph, or one with URLs: count all its letters
            letters = sum(n for ch, n in Counter(paragraph).items() if ch.isalpha())
        weights[found.lang] = weights.get(found.lang, 0.0) + letters * max(found.confidence, 0.01)
    total = sum(weights.values())
    if not total:
        return DocumentLanguage(UNDETERMINED, 0.0)
    shares = {lang: round(w / total, 4) for lang, w in sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))}
    primary = next(iter(shares))
    return DocumentLanguage(primary, shares[primary], shares)


def article_language(title: str | None, text: str, hints: LanguageHints) -> DocumentLanguage:
    """The text's primary language, weighted over its paragraphs (processing.language.detect_document);
    the title's when the text decides nothing; ``und`` with confidence 0 when neither does."""
    found = detect_document([p for p in text.split("\n\n") if p], hints)
    if found.lang != UNDETERMINED:
        return DocumentLanguage(found.lang, found.confidence, found.shares)
    if title:
        single = detect(title, hints)
        return DocumentLanguage(single.lang, single.confidence)
    return DocumentLanguage(UNDETERMINED, 0.0)


def plain_langdetect(text: str) -> str:
    """Seeded langdetect as it is, for comparisons (benchmarks/langid_eval.py)."""
    DetectorFactory.seed = 0
    try:
        return _iso639_1(detect_langs(text)[0].lang)
    except LangDetectException:
        return UNDETERMINED


def _iso639_1(code: str) -> str:
    return code.split("-")[0].split("_")[0].lower()
