"""Near-duplicate detection: the matching form of a text, dedup options, and the decisions.

Pure functions, no storage. Every article gets two MinHash signatures (processing.minhash):

- the *copy* signature, over the article text's word ``shingle_words``-grams: its similarity
  estimates the Jaccard resemblance of two texts, and decides whether two articles are copies of one
  story;
- the *terms* signature, over its content words (title and text, function words left out, light
  stemming): its similarity finds rewrites of one story (``related``) and, computed over an English
  translation, the English original of a translated article (``translation-of``).

Each signature is cut into LSH bands; two articles that share a band key are candidates; only
candidates have their signatures compared. The text is normalised for matching only (the stored text
is never changed): see :func:`normalize`.

Semantics, with the thresholds of :class:`DedupOptions`:

- exact duplicates (the same words after normalisation, under any URL, with any headline) always
  join one story: their copy signatures are equal (similarity 1.0);
- near-identical copies (copy similarity >= ``join_threshold``) join the story of the most similar
  candidate;
- other candidates are linked, not merged: ``translation-of`` when a translated article's English
  terms match an English article (terms similarity >= ``translation_threshold``), ``related`` when
  two articles in one language share enough terms (>= ``related_threshold``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Iterable, Sequence

import numpy as np

from processing.arabic import LETTERS as ARABIC_LETTERS, TATWEEL
from processing.stopwords import ALL as STOPWORDS

# --- matching form -------------------------------------------------------------------------------

# A digit group separator or decimal mark between two digits: "2,400", "2.400", "٢٬٤٠٠" all match.
_DIGIT_JOINER = re.compile(r"(\d)[,.'’\u066b\u066c\u2009\u202f](?=\d)")
# The definite article written apart from a following number or Latin word: "الـ188" (tatweel,
# removed above), "ال 188" and "ال188" all become "ال188"; with a preposition or "wa" in front too.
_ARTICLE_SPACE = re.compile(r"(?<!\w)([وف]?(?:[بكل]?ال|لل))\s+(?=[0-9a-z])")
# ASCII text: upper case → lower case, every byte that is not a letter or digit → space.
_ASCII = bytes(b + 32 if 65 <= b <= 90 else b if (48 <= b <= 57 or 97 <= b <= 122) else 32 for b in range(256))


@cache
def _table() -> dict[int, str | None]:
    """str.translate table for text that is not ASCII: combining and format marks (harakat, shadda,
    Latin accents after NFKD, direction marks) removed, punctuation, symbols and controls → space,
    every decimal digit → ASCII (Arabic-Indic, Persian, Devanagari...), tatweel dropped and Arabic
    letter variants unified as :mod:`processing.arabic` (the one Arabic normalisation) does."""
    table: dict[int, str | None] = {}
    for code in range(0x10000):
        char = chr(code)
        category = unicodedata.category(char)
        if category in ("Mn", "Mc", "Me", "Cf"):
            table[code] = None
        elif category[0] in "PSZ" or category == "Cc" or char == "_":
            table[code] = " "
        elif category == "Nd" and code > 0x7F:
            table[code] = str(unicodedata.digit(char))
    table.update({ord(k): v for k, v in ARABIC_LETTERS.items()})
    table[ord(TATWEEL)] = None
    return table


def normalize_reference(text: str) -> str:
    """:func:`normalize` written with ``re`` and ``str.translate``: the definition, which
    :func:`normalize` computes with lookup tables and tests compare it with."""
    text = unicodedata.normalize("NFKD", text)
    if text.isascii():
        text = _DIGIT_JOINER.sub(r"\1", text).encode("ascii").translate(_ASCII).decode("ascii")
        return " ".join(text.split())
    text = _DIGIT_JOINER.sub(r"\1", text.casefold()).translate(_table())
    return " ".join(_ARTICLE_SPACE.sub(r"\1", " ".join(text.split())).split())


_SHORT = 200  # characters: shorter texts are done by normalize_reference (numpy's overhead is fixed)
_MULTI = np.uint32(0xFFFFFFFF)
_DELETE = np.uint32(0xFFFFFFFE)
_SPACE = np.uint32(32)
_JOINERS = ",.'’\u066b\u066c\u2009\u202f"  # the separators of _DIGIT_JOINER
_LAM = np.uint32(ord("ل"))
# The definite article (and what _ARTICLE_SPACE allows in front of it) as a whole run of word characters.
_ARTICLE = re.compile(r"[وف]?(?:[بكل]?ال|لل)")


@dataclass(frozen=True)
class _Lookup:
    """``str.casefold`` then :func:`_table` as arrays over the Basic Multilingual Plane: each code
    point's replacement (``_DELETE`` for none, ``_MULTI`` when it case-folds to several), whether it
    case-folds to a decimal digit (``\\d``) or a digit joiner, and whether it is ASCII ``[0-9a-z]``
    (what may follow a detached article)."""

    out: np.ndarray  # uint32
    digit: np.ndarray  # bool
    joiner: np.ndarray  # bool
    latin: np.ndarray  # bool


@cache
def _lookup() -> _Lookup:
    table = _table()
    out = np.empty(0x10000, dtype=np.uint32)
    digit = np.zeros(0x10000, dtype=bool)
    joiner = np.zeros(0x10000, dtype=bool)
    for code in range(0x10000):
        folded = chr(code).casefold()
        if len(folded) != 1:
            out[code] = _MULTI
            continue
        value = table.get(ord(folded), folded)
        out[code] = _DELETE if value is None else ord(value)
        digit[code] = folded.isdecimal()
        joiner[code] = folded in _JOINERS
    latin = np.zeros(0x10000, dtype=bool)
    latin[[ord(c) for c in "0123456789abcdefghijklmnopqrstuvwxyz"]] = True
    # Every replacement is one code point; the only white space left after it is U+0020.
    assert all(c == 32 or not chr(c).isspace() for c in out[out < _DELETE].tolist())
    return _Lookup(out, digit, joiner, latin)


def _is_word(char: str) -> bool:
    """Whether ``re``'s ``\\w`` matches ``char``."""
    return char.isalnum() or char == "_"


def normalize(text: str) -> str:
    """The matching form of ``text``: words separated by single spaces; NFKD (compatibility forms,
    accents split off), case-folded, combining marks and tatweel removed, digits ASCII and digit
    groups joined, Arabic letter variants unified, punctuation and symbols turned into spaces.

    Defined by :func:`normalize_reference`; a long text that is not ASCII goes through numpy lookup
    tables (:func:`_lookup`) instead of ``re`` and ``str.translate``: the same output, about 5x faster
    on Arabic articles. Text with code points beyond U+FFFF, or with a letter that case-folds to
    several (``ß``), takes the reference path."""
    text = unicodedata.normalize("NFKD", text)
    if text.isascii():
        text = _DIGIT_JOINER.sub(r"\1", text).encode("ascii").translate(_ASCII).decode("ascii")
        return " ".join(text.split())
    if len(text) >= _SHORT and (form := _normalize_arrays(text)) is not None:
        return form
    return normalize_reference(text)


def _normalize_arrays(text: str) -> str | None:
    """:func:`normalize_reference` of an NFKD ``text`` computed with numpy over its code points;
    None for text it leaves to the reference (code points beyond U+FFFF, letters that case-fold to
    several)."""
    table = _lookup()
    codes = np.array(text).reshape(1).view(np.uint32)  # UCS-4 code points, no codec
    if not len(codes) or codes.max() >= 0x10000 or (mapped := table.out.take(codes)).max() == _MULTI:
        return None
    digit = table.digit.take(codes)
    # A joiner between two digits goes (_DIGIT_JOINER).
    drop = np.zeros(len(codes), dtype=bool)
    drop[1:-1] = table.joiner.take(codes[1:-1]) & digit[:-2] & digit[2:]
    mapped = mapped[~drop & (mapped != _DELETE)]
    # Runs of spaces → one space, none at either end.
    space = mapped == _SPACE
    keep = ~space
    keep[1:] |= ~space[:-1]
    mapped = mapped[keep]
    if len(mapped) and mapped[-1] == _SPACE:
        mapped = mapped[:-1]
    # A space after the definite article, before a Latin letter or digit, goes (_ARTICLE_SPACE).
    candidates = np.flatnonzero((mapped[:-2] == _LAM) & (mapped[1:-1] == _SPACE)) + 1
    candidates = candidates[table.latin.take(mapped[candidates + 1])]
    form = mapped.view(f"<U{len(mapped)}")[0].item() if len(mapped) else ""
    if not len(candidates):
        return form
    cut = []
    for end in candidates.tolist():
        start = end
        while start > 0 and end - start < 5 and _is_word(form[start - 1]):
            start -= 1
        if (start == 0 or not _is_word(form[start - 1])) and _ARTICLE.fullmatch(form, start, end):
            cut.append(end)
    if not cut:
        return form
    pieces, last = [], 0
    for end in cut:
        pieces.append(form[last:end])
        last = end + 1
    pieces.append(form[last:])
    return "".join(pieces)


def words(text: str) -> list[str]:
    return normalize(text).split()


# The article and the prepositions written onto it ("wal-", "bil-", "lil-"...), before 3+ letters.
_ARABIC_PREFIX = re.compile(r"(?<!\w)[وف]?(?:[بكل]?ال|لل)(?=\w{3})")


def terms_form(form: str) -> str:
    """The form terms are taken from: the Arabic article and prepositions written onto it stripped."""
    return form if form.isascii() else _ARABIC_PREFIX.sub("", form)


def terms(text: str, *, normalized: bool = False) -> list[str]:
    """Content words of ``text`` in matching form: function words and words shorter than three
    letters left out; the Arabic article and its attached prepositions stripped, an English plural
    -s dropped (so a translation's "drone" meets the original's "drones")."""
    found = []
    for word in terms_form(text if normalized else normalize(text)).split():
        if len(word) < 3 or word in STOPWORDS:
            continue
        if len(word) > 4 and word.isascii() and word[-1] == "s" and word[-2] != "s":
            word = word[:-1]
        found.append(word)
    return found


# --- options ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class DedupOptions:
    """How articles are compared. Changing anything but the thresholds and ``max_relations`` changes
    :attr:`scheme`: stored signatures then need `wirewatch dedup --all`.

    The LSH bands (``bands`` x ``rows`` of the ``num_perm`` signature values) make two articles
    candidates with probability 1 - (1 - J**rows)**bands for Jaccard similarity J: with 42 x 3, 0.68 at
    J = 0.3, 0.93 at 0.4, 0.996 at 0.5, and 0.001 at 0.03 (two unrelated articles' terms). Copy bands
    are global (a copy joins its story whenever it turns up); terms bands are keyed by
    ``period_days``-long periods of the publication date and looked up in the article's period and the
    two beside it, so links are found between articles up to a period apart and the number of
    unrelated candidates depends on how much is published in three periods, not on the store's size.

    ``bucket_cap``: the candidates taken from one band key, its earliest members (lowest article ids
    in the store, earliest in a batch). Joining any member of a story joins the story, so a copy
    arriving among thousands of copies of one story (a wire story republished everywhere, or imported
    at once) needs to be compared with a few of them, not all: without the cap every copy was compared
    with every earlier one, quadratic in time and memory (#15: 3,000 copies in one batch took 12.9 s and
    831 MiB, 10,000 went past 4 GiB). The cap only bites on a key shared by more articles than it: the
    largest bucket of a 30k-article synthetic store published 300 a day (benchmarks/dedup_scale.py's
    feed) holds 34 articles, all terms keys of unrelated articles in one period, so 64 leaves normal
    data as it was.
    """

    shingle_words: int = 5
    num_perm: int = 128
    seed: int = 1
    bands: int = 42
    rows: int = 3
    period_days: int = 7
    join_threshold: float = 0.3
    related_threshold: float = 0.25
    translation_threshold: float = 0.25
    max_relations: int = 10  # links kept per article, the highest scores
    bucket_cap: int = 64  # candidates taken from one band key: its earliest members

    def __post_init__(self) -> None:
        if self.bucket_cap < 1:
            raise ValueError("bucket_cap must be at least 1")
        if self.bands * self.rows > self.num_perm:
            raise ValueError("LSH bands x rows must not exceed num_perm")
        for name in ("join_threshold", "related_threshold", "translation_threshold"):
            if not 0.0 < getattr(self, name) <= 1.0:
                raise ValueError(f"{name} must be in (0, 1]")

    @property
    def scheme(self) -> str:
        return (f"v2 words{self.shingle_words} perm{self.num_perm} seed{self.seed} "
                f"lsh{self.bands}x{self.rows} period{self.period_days}")


# --- articles and their fingerprints ----------------------------------------------------------

_EPOCH = date(1970, 1, 1)


def period_of(when: str | None, days: int) -> int:
    """The publication period (``days`` long, counted from 1970-01-01) of an ISO date or timestamp;
    0 when there is none or it cannot be read."""
    if not when:
        return 0
    try:
        return (date.fromisoformat(when.strip()[:10]) - _EPOCH).days // days
    except ValueError:
        return 0


@dataclass
class Fingerprint:
    """An article's signatures, ready to compare and to store."""

    copy: np.ndarray  # (num_perm,) uint32
    terms: np.ndarray  # (num_perm,) uint32
    english: np.ndarray | None = None  # terms of its English translation, for a non-English article
    period: int = 0  # publication period: terms band keys depend on it


@dataclass(frozen=True)
class Signatures:
    """The copy and terms MinHash signatures of a text (``(num_perm,)`` uint32 each), for the
    ``scheme`` they were made with and the ``content_hash`` of the title and text they sign."""

    copy: np.ndarray
    terms: np.ndarray
    scheme: str
    content_hash: str


@dataclass(frozen=True)
class Document:
    """What dedup needs of an article."""

    text: str
    title: str | None = None
    language: str | None = None
    title_en: str | None = None
    text_en: str | None = None
    published: str | None = None  # ISO date or timestamp
    seen: str | None = None  # when it was first stored: the period when ``published`` is missing or unreadable

    @property
    def period_date(self) -> str | None:
        return self.published if period_of(self.published, 1) else self.seen

    @property
    def is_english(self) -> bool:
        return (self.language or "").lower().startswith("en")

    @property
    def translation(self) -> str | None:
        """The English text to link by, for an article not in English that has one."""
        if self.is_english or not (self.text_en or "").strip():
            return None
        return f"{self.title_en or ''}\n{self.text_en}"


def similarity(signature: np.ndarray, others: np.ndarray) -> np.ndarray:
    """Estimated Jaccard similarity of one signature to each row of ``others``."""
    if others.ndim == 1:
        others = others[None, :]
    return np.count_nonzero(others == signature, axis=1) / signature.shape[0]


def to_blob(signature: np.ndarray | None) -> bytes | None:
    return None if signature is None else signature.astype("<u4").tobytes()


def from_blob(blob: bytes | None) -> np.ndarray | None:
    """A stored signature as a read-only uint32 array over the blob (no copy on a little-endian machine)."""
    return None if blob is None else np.frombuffer(blob, dtype="<u4").astype(np.uint32, copy=False)


def jaccard(a: Iterable[object], b: Iterable[object]) -> float:
    """Exact Jaccard similarity of two collections taken as sets (for evaluation)."""
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb) if sa or sb else 1.0


# --- decisions -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """A stored (or earlier in the batch) article that shares a band key with the new one."""

    article_id: int
    story_id: int
    fingerprint: Fingerprint
    is_english: bool


@dataclass(frozen=True)
class Link:
    article_id: int  # the translated article for translation-of; the newer article for related
    other_article_id: int
    relation: str  # related | translation-of
    score: float


@dataclass
class Decision:
    story_id: int | None  # None: the article starts a story of its own
    similarity: float  # to the member it matched (1.0 for a new story)
    matched_article_id: int | None
    links: list[Link] = field(default_factory=list)


RELATED, TRANSLATION_OF = "related", "translation-of"


def decide(article_id: int, fp: Fingerprint, is_english: bool, candidates: Sequence[Candidate],
           options: DedupOptions) -> Decision:
    """Which story the article joins, and which candidates it is linked to."""
    if not candidates:
        return Decision(None, 1.0, None)
    copies = similarity(fp.copy, np.stack([c.fingerprint.copy for c in candidates]))
    best = max(range(len(candidates)), key=lambda i: (copies[i], -candidates[i].story_id))
    joined = copies[best] >= options.join_threshold
    decision = (Decision(candidates[best].story_id, round(float(copies[best]), 4), candidates[best].article_id)
                if joined else Decision(None, 1.0, None))
    term_sims = similarity(fp.terms, np.stack([c.fingerprint.terms for c in candidates]))
    links: dict[tuple[int, int, str], Link] = {}
    for i, cand in enumerate(candidates):
        if joined and cand.story_id == decision.story_id:
            continue
        link = _link(article_id, fp, is_english, cand, float(term_sims[i]), options)
        if link is not None:
            key = (link.article_id, link.other_article_id, link.relation)
            if key not in links or links[key].score < link.score:
                links[key] = link
    decision.links = sorted(links.values(), key=lambda l: -l.score)[:options.max_relations]
    return decision


def _link(article_id: int, fp: Fingerprint, is_english: bool, cand: Candidate, terms_similarity: float,
          options: DedupOptions) -> Link | None:
    if fp.english is not None and cand.is_english:
        score = float(similarity(fp.english, cand.fingerprint.terms)[0])
        if score >= options.translation_threshold:
            return Link(article_id, cand.article_id, TRANSLATION_OF, round(score, 4))
        return None
    if cand.fingerprint.english is not None and is_english:
        score = float(similarity(cand.fingerprint.english, fp.terms)[0])
        if score >= options.translation_threshold:
            return Link(cand.article_id, article_id, TRANSLATION_OF, round(score, 4))
        return None
    if terms_similarity >= options.related_threshold:
        return Link(article_id, cand.article_id, RELATED, round(terms_similarity, 4))
    return None
