"""processing.dedup and processing.minhash: matching form, signatures equal to datasketch's, band keys, decisions."""

from __future__ import annotations

import json
import random
import unicodedata
from pathlib import Path

import numpy as np
import pytest

from processing.dedup import (Candidate, DedupOptions, Document, Fingerprint, _normalize_arrays, decide, normalize,
                              normalize_reference, period_of, similarity, terms, words)
from processing.minhash import COPY, Signer, shingle_hash, term_hash

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "dedup"


@pytest.fixture(scope="module")
def signer() -> Signer:
    return Signer()


@pytest.fixture(scope="module")
def documents() -> dict[str, dict]:
    lines = (FIXTURES / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    return {d["id"]: d for d in map(json.loads, lines)}


@pytest.mark.parametrize("variants", [
    ["أحمد", "إحمد", "آحمد", "ٱحمد", "احمد"],
    ["مدرسة", "مدرسه"],
    ["على", "علي"],
    ["مسؤول", "مسوول"],
    ["القاهرة", "القـــاهرة", "القَاهِرَةُ"],
    ["القمة الـ46", "القمة ال46", "القمة ال 46", "القمة الـ ٤٦", "القمة ال۴۶"],
    ["2,400 people", "2400 people", "٢٬٤٠٠ people", "2.400 people"],
    ["«قال»، ثم؟", "قال ثم"],
    ["Café CRÈME – “naïve”", "cafe creme naive"],
    ["Straße", "STRASSE"],
])
def test_spelling_variants_have_one_matching_form(variants: list[str]) -> None:
    assert len({normalize(v) for v in variants}) == 1, [normalize(v) for v in variants]


def test_normalisation_keeps_words_apart() -> None:
    assert words("UK's sanctions: 12 commanders—and more.") == ["uk", "s", "sanctions", "12", "commanders", "and", "more"]
    assert normalize("Iran\u200f Russia") == "iran russia"


# Pieces the fuzz strings are made of: Arabic letters, variants, harakat, tatweel and the article's
# prefixes; Latin with accents and capitals; digits of several scripts and the digit joiners; odd spaces,
# controls, format marks, punctuation, ligatures, letters that case-fold to several, astral symbols.
_ARABIC = ([chr(c) for c in range(0x0621, 0x0653)] + list("ـأإآٱىةؤئیک٠١٢٣٤٥٦٧٨٩۰۴۶")
           + ["ال", "وال", "فال", "بال", "كال", "لل", "ولل", "وبال", "الـ", "ال ", " ال ", "،", "؟", "\u066b", "\u066c"])
_LATIN = list("abcxyzABCXYZéÈüÑçøıΣσς0123456789,.'’-_!?\u0301\u0308")
_OTHER = list("\u2009\u202f«» \t\n\u00a0\u200f\u200c\u3000\x00\x1f०३ﷺﻻ²½İßﬁ") + ["\U0001F600", "\U0001D7CF"]


def fuzz_strings(count: int, seed: int = 0) -> list[str]:
    """Random strings, a third each Arabic (with harakat and digits), Latin (with accents) and mixed
    (with odd spaces, controls, ligatures, astral symbols); short and long (the numpy path of
    normalize takes only long ones)."""
    rng = random.Random(seed)
    kinds = (_ARABIC, _LATIN + _ARABIC[-6:], _ARABIC + _LATIN + _OTHER)
    out = []
    for i in range(count):
        pool = kinds[i % 3]
        words = ("".join(rng.choice(pool) for _ in range(rng.randint(1, 7))) for _ in range(rng.choice((3, 40, 120))))
        out.append(" ".join(words))
    return out


def test_normalize_equals_its_reference_on_fuzz_strings() -> None:
    strings = fuzz_strings(1_500)
    via_arrays = 0
    for text in strings:
        expected = normalize_reference(text)
        assert normalize(text) == expected, text
        decomposed = unicodedata.normalize("NFKD", text)
        if not decomposed.isascii() and (form := _normalize_arrays(decomposed)) is not None:
            assert form == expected, text
            via_arrays += 1
    assert via_arrays > 700


def test_terms_drop_function_words_and_light_affixes() -> None:
    assert terms("The drones were launched from Iran") == ["drone", "launched", "iran"]
    assert terms("وقال إن الحكومة والحكومة بالحكومة للحكومة") == ["حكومه"] * 4


def test_arabic_spelling_variants_sign_identically(signer: Signer, documents: dict[str, dict]) -> None:
    arabic = [d for d in documents.values() if d["lang"] == "ar" and d["variant"] == "spelling"]
    assert len(arabic) >= 5
    for copy in arabic:
        original = documents[copy["id"].split("~")[0]]
        a, b = signer.fingerprints([Document(original["text"], original["title"]), Document(copy["text"], copy["title"])])
        assert a is not None and b is not None
        assert np.array_equal(a.copy, b.copy) and np.array_equal(a.terms, b.terms), copy["id"]


def test_batched_signatures_equal_datasketch(signer: Signer, documents: dict[str, dict]) -> None:
    sample = list(documents.values())[:12]
    fps = signer.fingerprints([Document(d["text"], d["title"]) for d in sample])
    k = signer.options.shingle_words
    for doc, fp in zip(sample, fps):
        assert fp is not None
        tokens = words(doc["text"])
        copy = signer.datasketch_minhash()
        copy.hashfunc = shingle_hash
        copy.update_batch([tuple(tokens[i:i + k]) for i in range(len(tokens) - k + 1)])
        assert np.array_equal(copy.hashvalues, fp.copy)
        term = signer.datasketch_minhash()
        term.hashfunc = term_hash
        term.update_batch(terms(f"{doc['title']} {doc['text']}"))
        assert np.array_equal(term.hashvalues, fp.terms)


def test_estimates_follow_exact_jaccard(signer: Signer) -> None:
    rng = np.random.default_rng(7)
    base = rng.integers(0, 2**32, 2000, dtype=np.uint64).astype(np.uint32)
    for overlap in (0.2, 0.5, 0.8):
        keep = int(2000 * overlap)
        other = np.concatenate([base[:keep], rng.integers(0, 2**32, 2000 - keep, dtype=np.uint64).astype(np.uint32)])
        sigs = signer.minhash([base, other])
        exact = keep / (4000 - keep)
        assert abs(similarity(sigs[0], sigs[1])[0] - exact) < 0.12


def test_empty_documents_are_not_signed(signer: Signer) -> None:
    assert signer.fingerprints([Document(""), Document("  ", "—"), Document("", "Only a title")])[:2] == [None, None]
    assert signer.fingerprints([Document("", "Only a title")])[0] is not None


def test_band_keys_are_stable_and_namespaced(signer: Signer) -> None:
    fp = signer.fingerprints([Document("one two three four five six seven eight nine ten")])[0]
    assert fp is not None
    keys = signer.keys(fp)
    assert keys == signer.keys(fp) and len(keys) == 2 * signer.options.bands
    assert all(isinstance(k, int) and -2**63 <= k < 2**63 for k in keys)
    # The same values in the terms namespace do not collide with the copy keys.
    assert not set(signer.band_keys(fp.copy[None, :], COPY)[0].tolist()) & set(keys[signer.options.bands:])


def test_terms_keys_depend_on_the_period_copy_keys_do_not(signer: Signer) -> None:
    text = "Harwood dockers strike for two days over pay after talks collapse at the conciliation service"
    now, later = signer.fingerprints([Document(text, published="2026-11-16"), Document(text, published="2026-12-20")])
    assert now is not None and later is not None and now.period != later.period
    bands = signer.options.bands
    assert signer.keys(now)[:bands] == signer.keys(later)[:bands]
    assert not set(signer.keys(now)[bands:]) & set(signer.keys(later)[bands:])
    next_week = signer.fingerprints([Document(text, published="2026-11-23T10:00:00+03:00")])[0]
    assert next_week is not None and next_week.period == now.period + 1
    looked_up = set(signer.keys_many([now], query=True)[0])
    assert set(signer.keys(next_week)) <= looked_up
    assert not set(signer.keys(later)[bands:]) & looked_up


def test_period_of_reads_dates_and_falls_back() -> None:
    assert period_of("2026-11-16T14:20:00+03:00", 7) == period_of("2026-11-16", 7)
    assert period_of("Mon, 16 Nov 2026 14:20:00 GMT", 7) == 0
    assert period_of(None, 7) == 0
    assert Document("x", published="Mon, 16 Nov 2026", seen="2026-11-17T01:00:00+00:00").period_date == \
        "2026-11-17T01:00:00+00:00"


def _fp(signer: Signer, text: str, english: str | None = None, language: str = "en") -> Fingerprint:
    fp = signer.fingerprints([Document(text, language=language, text_en=english)])[0]
    assert fp is not None
    return fp


def test_decide_joins_copies_and_links_the_rest(signer: Signer, documents: dict[str, dict]) -> None:
    options = DedupOptions()
    wire = _fp(signer, documents["en-port-strike-wire"]["text"])
    copy = _fp(signer, documents["en-port-strike-wire~combined"]["text"])
    rewrite = _fp(signer, documents["en-port-strike-rewrite"]["text"])
    own = _fp(signer, documents["en-port-strike-own"]["text"])
    stored = [Candidate(1, 10, wire, True)]
    joined = decide(2, copy, True, stored, options)
    assert joined.story_id == 10 and joined.matched_article_id == 1 and 0.3 <= joined.similarity < 1
    exact = decide(3, wire, True, stored, options)
    assert exact.story_id == 10 and exact.similarity == 1.0
    linked = decide(4, rewrite, True, stored, options)
    assert linked.story_id is None and [(l.relation, l.other_article_id) for l in linked.links] == [("related", 1)]
    apart = decide(5, own, True, stored, options)
    assert apart.story_id is None and apart.links == []
    # The best match wins when two stories qualify.
    two = decide(6, copy, True, [Candidate(7, 20, own, True), Candidate(1, 10, wire, True)], options)
    assert two.story_id == 10


def test_decide_links_a_translation_in_both_directions(signer: Signer, documents: dict[str, dict]) -> None:
    options = DedupOptions()
    arabic = documents["ar-metro-translated"]
    translated = _fp(signer, arabic["text"], arabic["text_en"], "ar")
    english = _fp(signer, documents["en-metro-wire"]["text"])
    assert translated.english is not None
    forward = decide(2, translated, False, [Candidate(1, 10, english, True)], options)
    assert forward.story_id is None
    assert [(l.article_id, l.other_article_id, l.relation) for l in forward.links] == [(2, 1, "translation-of")]
    backward = decide(3, english, True, [Candidate(2, 11, translated, False)], options)
    assert [(l.article_id, l.other_article_id, l.relation) for l in backward.links] == [(2, 3, "translation-of")]
    assert backward.links[0].score >= options.translation_threshold


def test_english_article_has_no_translation_side(signer: Signer) -> None:
    fp = _fp(signer, "Some English text about the port strike at Harwood.", "Some English text", "en")
    assert fp.english is None


def test_options_are_checked() -> None:
    with pytest.raises(ValueError):
        DedupOptions(bands=50, rows=3)
    with pytest.raises(ValueError):
        DedupOptions(join_threshold=0)
    assert DedupOptions().scheme != DedupOptions(shingle_words=4).scheme
    assert DedupOptions().scheme == DedupOptions(join_threshold=0.9).scheme


def test_band_index_finds_every_pair_of_a_key_across_its_runs() -> None:
    from processing.band_index import BandIndex, keys_blob, pairs_of_blobs

    rng = np.random.default_rng(3)
    index, pairs = BandIndex(), []
    for size in (5, 40, 3, 100, 7, 7, 60):  # runs merge as they are added
        keys = rng.integers(0, 50, size).astype(np.int64)  # repeated keys, within and across adds
        ids = rng.integers(1, 1000, size).astype(np.int64)
        index.add(keys, ids)
        pairs += list(zip(keys.tolist(), ids.tolist()))
    wanted = np.arange(-5, 60, dtype=np.int64)
    at, found = index.lookup(wanted)
    assert sorted(zip(wanted[at].tolist(), found.tolist())) == sorted(p for p in pairs if -5 <= p[0] < 60)
    assert len(index) == len(pairs)
    keys, owners = pairs_of_blobs([7, 9], [keys_blob(np.array([1, -2])), keys_blob(np.array([2**62]))])
    assert keys.tolist() == [1, -2, 2**62] and owners.tolist() == [7, 7, 9]
