"""MinHash signatures and LSH band keys for batches of articles (datasketch's scheme, numpy speed).

Words are hashed from the UTF-8 bytes of a whole batch at once (:class:`_Tokens`), shingles from the
word hashes, and the MinHash of every set of a batch in a few numpy operations: signatures equal to
what :class:`datasketch.MinHash` (``affine32`` scheme, ``hashfunc`` :func:`shingle_hash` or
:func:`term_hash`) computes one article at a time, which the tests check.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Sequence

import numpy as np

from processing.dedup import DedupOptions, Document, Fingerprint, normalize, period_of, terms_form
from processing.stopwords import ALL as STOPWORDS

if TYPE_CHECKING:
    from datasketch import MinHash

COPY, TERMS = 0, 1  # band-key namespaces

# --- words and shingles --------------------------------------------------------------------

_U64 = np.uint64
_M1, _M2 = _U64(0xFF51AFD7ED558CCD), _U64(0xC4CEB9FE1A85EC53)
_SHINGLE_SEED = _U64(0x9E3779B97F4A7C15)
_P = 0x100000001B3  # polynomial base of the word hash (odd: invertible modulo 2**64)
_P_INV = pow(_P, -1, 2**64)


def _mix64(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 64-bit finalizer (array arithmetic wraps modulo 2**64 without warnings)."""
    h = h ^ (h >> _U64(33))
    h = h * _M1
    h = h ^ (h >> _U64(33))
    h = h * _M2
    return h ^ (h >> _U64(33))


def word_hash(word: str) -> int:
    """A stable 32-bit hash of a word: the polynomial sum of its UTF-8 bytes times powers of _P
    modulo 2**64, mixed with its length (what :class:`_Tokens` computes for all words at once)."""
    data = word.encode()
    raw = sum(b * pow(_P, j, 2**64) for j, b in enumerate(data)) % 2**64
    return int(_mix64(np.array([raw ^ len(data)], dtype=_U64))[0] >> _U64(32))


class _Powers:
    """Powers of _P and of its inverse modulo 2**64, grown on demand."""

    def __init__(self) -> None:
        self.up = self.down = np.ones(1, dtype=_U64)

    def get(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        if len(self.up) < n:
            size = max(n, 2 * len(self.up), 4096)
            with np.errstate(over="ignore"):
                one = np.ones(1, dtype=_U64)
                self.up = np.cumprod(np.concatenate((one, np.full(size - 1, _P, dtype=_U64))), dtype=_U64)
                self.down = np.cumprod(np.concatenate((one, np.full(size - 1, _P_INV, dtype=_U64))), dtype=_U64)
        return self.up, self.down


_POWERS = _Powers()


class _Tokens:
    """The words of a matching-form string, hashed all at once from its UTF-8 bytes."""

    def __init__(self, form: str) -> None:
        data = np.frombuffer(form.encode(), dtype=np.uint8)
        n = len(data)
        spaces = np.flatnonzero(data == 32)
        self.starts = np.concatenate(([0], spaces + 1)) if n else np.empty(0, dtype=np.int64)
        self.ends = np.concatenate((spaces, [n])) if n else np.empty(0, dtype=np.int64)
        up, down = _POWERS.get(n + 1)
        self.prefix = np.zeros(n + 1, dtype=_U64)
        with np.errstate(over="ignore"):
            np.cumsum(data.astype(_U64) * up[:n], out=self.prefix[1:])
        self.down = down
        self.data = data

    def hashes(self, drop_last: np.ndarray | None = None) -> np.ndarray:
        """Word hashes (:func:`word_hash`); where ``drop_last`` is set, of the word without its last byte."""
        ends = self.ends if drop_last is None else self.ends - drop_last.astype(np.int64)
        with np.errstate(over="ignore"):
            raw = (self.prefix[ends] - self.prefix[self.starts]) * self.down[self.starts]
        return (_mix64(raw ^ (ends - self.starts).astype(_U64)) >> _U64(32)).astype(np.uint32)

    def terms_mask(self) -> tuple[np.ndarray, np.ndarray]:
        """Every word's terms hash (stemmed as :func:`terms` stems) and whether it is a content word."""
        if not len(self.starts):
            return np.empty(0, dtype=np.uint32), np.empty(0, dtype=bool)
        continuation = (self.data & 0xC0) == 0x80
        letters = np.concatenate(([0], np.cumsum(~continuation)))
        chars = letters[self.ends] - letters[self.starts]
        ascii_word = chars == self.ends - self.starts
        last = self.data[np.maximum(self.ends - 1, 0)]
        before = self.data[np.maximum(self.ends - 2, 0)]
        plural = ascii_word & (chars > 4) & (last == ord("s")) & (before != ord("s"))
        whole = self.hashes()
        stop = _stopword_hashes()
        is_stop = stop[np.minimum(np.searchsorted(stop, whole), len(stop) - 1)] == whole
        keep = (chars >= 3) & ~is_stop
        return np.where(plural, self.hashes(plural), whole), keep


@cache
def _stopword_hashes() -> np.ndarray:
    return np.array(sorted({word_hash(w) for w in STOPWORDS}), dtype=np.uint32)


def word_hashes(tokens: Sequence[str]) -> np.ndarray:
    """:func:`word_hash` of each word."""
    return _Tokens(" ".join(tokens)).hashes() if tokens else np.empty(0, dtype=np.uint32)


def shingle_hashes(hashes: np.ndarray, k: int) -> np.ndarray:
    """32-bit hashes of every run of ``k`` consecutive words, from the words' hashes (one shingle of
    all the words when there are fewer than ``k``)."""
    n = len(hashes)
    if n == 0:
        return np.empty(0, dtype=np.uint32)
    k = min(k, n)
    count = n - k + 1
    h = np.full(count, _SHINGLE_SEED, dtype=_U64)
    wide = hashes.astype(_U64)
    for j in range(k):
        h = _mix64(h ^ wide[j:j + count])
    return (h >> _U64(32)).astype(np.uint32)


def shingle_hash(shingle: Sequence[str]) -> int:
    """The hash :func:`shingle_hashes` gives one shingle: the ``hashfunc`` to hand datasketch's
    :class:`~datasketch.MinHash` for the same signature one article at a time."""
    return int(shingle_hashes(np.array([word_hash(w) for w in shingle], dtype=np.uint32), len(shingle))[0])


def term_hash(term: str) -> int:
    """The hash a term contributes to the terms signature (datasketch ``hashfunc`` form)."""
    return word_hash(term)


def affine32_permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The (a, b) uint32 arrays of datasketch's ``affine32`` MinHash permutations ``a * h + b mod 2**32``
    for ``num_perm`` and ``seed``, drawn as datasketch 2.0's ``MinHash._init_permutations`` draws them
    (``numpy.random.RandomState(seed)``; ``a`` odd), without importing datasketch (and scipy with it:
    about a second, paid by every crawl worker). The tests check them against datasketch's."""
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


# Documents signed together: their words are hashed as one string (:class:`_Tokens`), about 30 bytes
# of arrays a byte of text, and the powers it takes are kept for the process's life (_POWERS). 10,000
# articles signed at once peaked at 2.2 GiB (benchmarks/dedup_copies.py, #15).
_SIGN_CHUNK = 500


class Signer:
    """MinHash signatures and LSH band keys for batches of documents."""

    def __init__(self, options: DedupOptions = DedupOptions()) -> None:
        self.options = options
        self._a, self._b = affine32_permutations(options.num_perm, options.seed)
        self._band_seeds = {kind: _mix64((np.arange(options.bands, dtype=_U64) + _U64(1 + kind * 1024))
                                         * _SHINGLE_SEED) for kind in (COPY, TERMS)}

    def datasketch_minhash(self) -> "MinHash":
        """An empty datasketch MinHash with this signer's permutations (the reference path)."""
        from datasketch import MinHash  # imported here: datasketch's package import takes half a second

        return MinHash(num_perm=self.options.num_perm, seed=self.options.seed, scheme="affine32")

    def features(self, doc: Document) -> tuple[np.ndarray, np.ndarray]:
        """The copy features (shingle hashes of the text) and terms features (hashes of the distinct
        content words of title and text) of one document (see :meth:`fingerprints`)."""
        copy, term = self._feature_sets([doc])
        return copy.get(0), term.get(0)

    def _feature_sets(self, docs: Sequence[Document]) -> tuple["_Sets", "_Sets"]:
        """Copy features (shingle hashes of the text; of the title when there is no text) and terms
        features (distinct content-word hashes of title and text; the copy features when there are
        none) of many documents, computed for all of them at once."""
        texts = [normalize(d.text) for d in docs]
        titles = [normalize(d.title) if d.title else "" for d in docs]
        copy = _shingle_sets([t or ti for t, ti in zip(texts, titles)], self.options.shingle_words)
        term = _term_sets([terms_form(f"{ti} {t}".strip()) for t, ti in zip(texts, titles)])
        return copy, term.or_else(copy)

    def terms_features(self, text: str) -> np.ndarray:
        return _term_sets([terms_form(normalize(text))]).get(0)

    def fingerprints(self, docs: Sequence[Document],
                     known: Sequence[tuple[np.ndarray, np.ndarray] | None] | None = None) -> list[Fingerprint | None]:
        """One fingerprint per document; None for a document with no words at all.

        ``known`` (one entry per document, or None) gives the (copy, terms) signatures already
        computed for a document's title and text with these options (processing.page signs pages
        in the crawl's worker processes); only the others are computed here."""
        todo = [i for i in range(len(docs)) if known is None or known[i] is None]
        translations = [d.translation for d in docs]
        english_index = [i for i, t in enumerate(translations) if t is not None]
        english = _term_sets([terms_form(normalize(translations[i])) for i in english_index])  # type: ignore[arg-type]
        english_sigs = self._minhash(english)
        parts = [self._signed([docs[i] for i in todo[start:start + _SIGN_CHUNK]])
                 for start in range(0, len(todo), _SIGN_CHUNK)] or [self._signed([])]
        copy_sigs, terms_sigs, sizes = (np.concatenate([part[j] for part in parts]) for j in range(3))
        result: list[Fingerprint | None] = [None] * len(docs)
        for row, i in enumerate(todo):
            if sizes[row]:
                result[i] = Fingerprint(copy_sigs[row], terms_sigs[row], None,
                                        period_of(docs[i].period_date, self.options.period_days))
        for i, given in enumerate(known or ()):
            if given is not None:
                result[i] = Fingerprint(given[0], given[1], None,
                                        period_of(docs[i].period_date, self.options.period_days))
        english_sizes = english.sizes()
        for row, i in enumerate(english_index):
            fp = result[i]
            if fp is not None and english_sizes[row]:
                fp.english = english_sigs[row]
        return result

    def _signed(self, docs: Sequence[Document]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Copy and terms signatures of ``docs``, and each one's number of copy features."""
        copy, term = self._feature_sets(docs) if docs else (_Sets.of([]), _Sets.of([]))
        return self._minhash(copy), self._minhash(term), copy.sizes()

    def minhash(self, feature_sets: Sequence[np.ndarray], chunk: int = 1024) -> np.ndarray:
        """MinHash signatures (n, num_perm) uint32 of many feature-hash sets (see :meth:`_minhash`)."""
        return self._minhash(_Sets.of(feature_sets), chunk)

    def _minhash(self, sets: "_Sets", chunk: int = 1024) -> np.ndarray:
        """datasketch's affine32 scheme (fmix32 pre-mix, then ``a * h + b mod 2**32``), min-reduced
        per set, for all sets at once, about ``chunk`` features at a time in one reused (cache-sized)
        buffer. An empty set gets the all-max signature (it matches nothing)."""
        n, perms = len(sets), self.options.num_perm
        out = np.full((n, perms), np.iinfo(np.uint32).max, dtype=np.uint32)
        if not n or not len(sets.values):
            return out
        values = _fmix32(sets.values)
        bounds, sizes = sets.bounds, sets.sizes()
        # Sets whose features start in the same ``chunk``-sized stretch are done together.
        group = bounds[:-1] // chunk
        edges = np.concatenate(([0], np.flatnonzero(np.diff(group)) + 1, [n]))
        buffer = np.empty((chunk + int(sizes.max()), perms), dtype=np.uint32)
        for start, stop in zip(edges[:-1].tolist(), edges[1:].tolist()):
            rows = np.flatnonzero(sizes[start:stop]) + start
            if len(rows):
                base, top = bounds[start], bounds[stop]
                permuted = buffer[:top - base]
                np.multiply(values[base:top, None], self._a, out=permuted)
                np.add(permuted, self._b, out=permuted)
                out[rows] = np.minimum.reduceat(permuted, bounds[rows] - base, axis=0)
        return out

    def band_keys(self, signatures: np.ndarray, kind: int, periods: np.ndarray | None = None) -> np.ndarray:
        """(n, bands) int64 LSH band keys of (n, num_perm) signatures, in namespace ``kind``.

        Terms keys (``periods`` given) are ``(period + 1) << 40`` plus 40 bits of hash: the keys of one
        period sit together in ``lsh_bands``' B-tree, so storing and looking up this week's articles
        touches the pages of the last few weeks, however large the archive behind them."""
        bands, rows = self.options.bands, self.options.rows
        n = len(signatures)
        values = signatures[:, :bands * rows].reshape(n, bands, rows).astype(_U64)
        h = np.broadcast_to(self._band_seeds[kind], (n, bands))
        for j in range(rows):
            h = _mix64(h ^ values[:, :, j])
        if periods is None:
            return h.view(np.int64)
        prefix = (np.clip(np.asarray(periods, dtype=np.int64), 0, 2**22 - 1) + 1).astype(_U64) << _U64(40)
        return (prefix[:, None] | (h >> _U64(24))).view(np.int64)

    def keys(self, fp: Fingerprint) -> list[int]:
        """The band keys an article is stored under."""
        return self.key_arrays([fp])[0].tolist()

    def keys_many(self, fps: Sequence[Fingerprint], *, query: bool = False) -> list[list[int]]:
        """Band keys of each fingerprint (see :meth:`key_arrays`)."""
        keys, owners = self.key_arrays(fps, query=query)
        bounds = np.searchsorted(owners, np.arange(len(fps) + 1))
        return [keys[bounds[i]:bounds[i + 1]].tolist() for i in range(len(fps))]

    def key_arrays(self, fps: Sequence[Fingerprint], *, query: bool = False) -> tuple[np.ndarray, np.ndarray]:
        """Band keys of many fingerprints as two flat arrays, keys (int64) and the position of the
        fingerprint each belongs to, grouped by position: the keys they are stored under, or
        (``query``) the keys to look up: copy keys, and terms keys in their period and the periods
        before and after. Each fingerprint's group starts with its ``bands`` copy keys."""
        if not fps:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
        offsets = (-1, 0, 1) if query else (0,)
        periods = np.array([f.period for f in fps], dtype=np.int64)
        terms_sigs = np.stack([f.terms for f in fps])
        parts = [self.band_keys(np.stack([f.copy for f in fps]), COPY)]
        parts += [self.band_keys(terms_sigs, TERMS, periods + o) for o in offsets]
        keys = np.concatenate(parts, axis=1)
        owners = np.repeat(np.arange(len(fps)), keys.shape[1])
        english_rows = np.array([i for i, f in enumerate(fps) if f.english is not None], dtype=np.int64)
        if not len(english_rows):
            return keys.ravel(), owners
        english_sigs = np.stack([fps[i].english for i in english_rows])  # type: ignore[misc]
        english = np.concatenate([self.band_keys(english_sigs, TERMS, periods[english_rows] + o)
                                  for o in offsets], axis=1)
        all_keys = np.concatenate([keys.ravel(), english.ravel()])
        all_owners = np.concatenate([owners, np.repeat(english_rows, english.shape[1])])
        order = np.argsort(all_owners, kind="stable")
        return all_keys[order], all_owners[order]


@dataclass(frozen=True)
class _Sets:
    """Many feature sets in one array: set i is ``values[bounds[i]:bounds[i + 1]]``."""

    values: np.ndarray  # uint32
    bounds: np.ndarray  # int64, len(sets) + 1

    @staticmethod
    def of(arrays: Sequence[np.ndarray]) -> "_Sets":
        bounds = np.zeros(len(arrays) + 1, dtype=np.int64)
        np.cumsum([len(a) for a in arrays], out=bounds[1:])
        values = np.concatenate(arrays).astype(np.uint32) if len(arrays) else np.empty(0, dtype=np.uint32)
        return _Sets(values, bounds)

    def __len__(self) -> int:
        return len(self.bounds) - 1

    def sizes(self) -> np.ndarray:
        return np.diff(self.bounds)

    def get(self, i: int) -> np.ndarray:
        return self.values[self.bounds[i]:self.bounds[i + 1]]

    def or_else(self, other: "_Sets") -> "_Sets":
        """These sets, with ``other``'s in place of the empty ones."""
        empty = self.sizes() == 0
        if not empty.any():
            return self
        return _Sets.of([other.get(i) if empty[i] else self.get(i) for i in range(len(self))])


def _words_of(forms: Sequence[str]) -> tuple[_Tokens, np.ndarray]:
    """All the words of many matching forms as one :class:`_Tokens`, and each form's word bounds."""
    counts = np.array([f.count(" ") + 1 if f else 0 for f in forms], dtype=np.int64)
    bounds = np.zeros(len(forms) + 1, dtype=np.int64)
    np.cumsum(counts, out=bounds[1:])
    return _Tokens(" ".join(f for f in forms if f)), bounds


def _shingle_sets(forms: Sequence[str], k: int) -> _Sets:
    """The ``k``-word shingle hashes of each form (one shingle of all its words when it has fewer)."""
    tokens, words_at = _words_of(forms)
    hashes = tokens.hashes()
    counts = np.diff(words_at)
    per_doc = np.where(counts >= k, counts - k + 1, np.minimum(counts, 1))
    bounds = np.zeros(len(forms) + 1, dtype=np.int64)
    np.cumsum(per_doc, out=bounds[1:])
    values = np.empty(int(bounds[-1]), dtype=np.uint32)
    long_docs = np.flatnonzero(counts >= k)
    if len(long_docs):
        per = per_doc[long_docs]
        within = np.arange(int(per.sum())) - np.repeat(np.cumsum(per) - per, per)  # 0, 1, ... in each doc
        values[np.repeat(bounds[long_docs], per) + within] = \
            shingle_hashes(hashes, k)[np.repeat(words_at[long_docs], per) + within]
    for doc in np.flatnonzero((counts > 0) & (counts < k)):
        values[bounds[doc]] = shingle_hashes(hashes[words_at[doc]:words_at[doc + 1]], int(counts[doc]))[0]
    return _Sets(values, bounds)


def _term_sets(forms: Sequence[str]) -> _Sets:
    """The distinct content-word hashes of each (terms) form."""
    tokens, words_at = _words_of(forms)
    hashes, keep = tokens.terms_mask()
    doc = np.repeat(np.arange(len(forms), dtype=np.uint64), np.diff(words_at))
    combined = distinct((doc[keep] << _U64(32)) | hashes[keep].astype(_U64))
    bounds = np.searchsorted(combined >> _U64(32), np.arange(len(forms) + 1, dtype=np.uint64)).astype(np.int64)
    return _Sets((combined & _U64(0xFFFFFFFF)).astype(np.uint32), bounds)


def distinct(values: np.ndarray) -> np.ndarray:
    """The distinct values of a 1-d array, sorted (what ``np.unique`` returns), by sorting and
    keeping each value that differs from the one before it. numpy 2.x's ``np.unique`` hashes
    integer arrays instead, which measured ~30x slower on 250k uint64 hashes (numpy 2.4)."""
    if len(values) < 2:
        return np.sort(values)
    ordered = np.sort(values)
    keep = np.empty(len(ordered), dtype=bool)
    keep[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]


def _fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer, as datasketch pre-mixes input hashes (affine32 scheme)."""
    with np.errstate(over="ignore"):
        h = h ^ (h >> np.uint32(16))
        h = h * np.uint32(0x85EBCA6B)
        h = h ^ (h >> np.uint32(13))
        h = h * np.uint32(0xC2B2AE35)
        return h ^ (h >> np.uint32(16))
