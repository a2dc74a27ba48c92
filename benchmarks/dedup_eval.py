"""Dedup quality: precision and recall per threshold on the labelled pair set.

Data: ``tests/fixtures/dedup/documents.jsonl`` and ``pairs.jsonl`` (built by benchmarks/dedup_pairs.py
from hand-written articles): duplicates (republished copies), same event with different text,
Arabic versions of English stories with an English translation, unrelated articles.

For each pair the older article ``a`` is stored and ``b`` arrives: they are compared only if they share
an LSH band key (as in the store), then :func:`processing.dedup.decide` says whether ``b`` joins
``a``'s story and which link it gets. Three questions, each swept over its threshold:

- joining a story: positives are duplicates; negatives are rewrites, same-event-different-text and
  unrelated pairs;
- ``related`` links: positives are rewrites; negatives unrelated pairs (a link between two articles on
  the same event is allowed, not required: counted apart);
- ``translation-of`` links: positives are Arabic articles with the English story their translation
  renders; negatives the other English articles, including other text on the same event.

The two seed articles (``../shared/seeds``, same event, different text) are scored too when present.

    python benchmarks/dedup_eval.py [--show-misses]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from processing.dedup import Candidate, DedupOptions, Document, decide, jaccard, normalize  # noqa: E402
from processing.minhash import Signer, shingle_hashes, word_hashes  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "dedup"
SEEDS = ROOT.parent / "shared" / "seeds"
JOIN_THRESHOLDS = (0.2, 0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 0.8, 0.9)
NOT_COPIES = {"rewrite", "same-event", "unrelated"}
LINK_THRESHOLDS = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6)


@dataclass(frozen=True)
class Scored:
    pair: dict[str, Any]
    copy_exact: float  # exact Jaccard of the texts' word shingles
    copy: float  # MinHash estimate
    terms: float
    cross: float | None  # English-translation terms vs English terms, for translation pairs
    copy_candidate: bool  # share a copy band key
    link_candidate: bool  # share a band key of any kind


def load(name: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (FIXTURES / name).read_text(encoding="utf-8").splitlines() if line]


def as_document(d: dict[str, Any]) -> Document:
    return Document(d["text"], d.get("title"), d["lang"], d.get("title_en"), d.get("text_en"))


class Scorer:
    """Signatures of every document, computed once; pairs scored and decided under any options."""

    def __init__(self, documents: dict[str, dict[str, Any]], options: DedupOptions = DedupOptions()) -> None:
        self.options = options
        self.signer = Signer(options)
        self.ids = list(documents)
        self.docs = {i: as_document(documents[i]) for i in self.ids}
        fps = self.signer.fingerprints([self.docs[i] for i in self.ids])
        self.fps = dict(zip(self.ids, fps))
        signed = [self.fps[i] for i in self.ids]
        assert all(signed), "every document has words"
        self.stored = {i: set(k) for i, k in zip(self.ids, self.signer.keys_many(signed))}  # type: ignore[arg-type]
        self.lookup = {i: set(k) for i, k in zip(self.ids, self.signer.keys_many(signed, query=True))}  # type: ignore[arg-type]
        self.copy_keys = {i: set(k[:options.bands]) for i, k in zip(self.ids, self.signer.keys_many(signed))}  # type: ignore[arg-type]

    def shingles(self, i: str) -> set[int]:
        return set(shingle_hashes(word_hashes(normalize(self.docs[i].text).split()), self.options.shingle_words).tolist())

    def score(self, pair: dict[str, Any]) -> Scored:
        a, b = self.fps[pair["a"]], self.fps[pair["b"]]
        assert a is not None and b is not None
        cross = (float(np.mean(a.english == b.terms)) if a.english is not None
                 else float(np.mean(b.english == a.terms)) if b.english is not None else None)
        return Scored(pair, jaccard(self.shingles(pair["a"]), self.shingles(pair["b"])),
                      float(np.mean(a.copy == b.copy)), float(np.mean(a.terms == b.terms)), cross,
                      bool(self.copy_keys[pair["a"]] & self.copy_keys[pair["b"]]),
                      bool(self.stored[pair["a"]] & self.lookup[pair["b"]]))

    def decide(self, s: Scored, options: DedupOptions) -> tuple[bool, str | None]:
        """(b joins a's story, the link between them if any) as the clustering would decide."""
        if not s.link_candidate:
            return False, None
        a, b = s.pair["a"], s.pair["b"]
        cand = Candidate(1, 1, self.fps[a], self.docs[a].is_english)  # type: ignore[arg-type]
        decision = decide(2, self.fps[b], self.docs[b].is_english, [cand], options)  # type: ignore[arg-type]
        return decision.story_id is not None, (decision.links[0].relation if decision.links else None)


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def sweep(scorer: Scorer, scored: list[Scored], field: str, thresholds: tuple[float, ...],
          positive: set[str], negative: set[str], outcome: Any) -> list[dict[str, Any]]:
    rows = []
    for t in thresholds:
        options = dataclasses.replace(scorer.options, **{field: t})
        tp = fp = fn = 0
        for s in scored:
            label = s.pair["label"]
            if label not in positive | negative:
                continue
            predicted = outcome(scorer.decide(s, options))
            tp += predicted and label in positive
            fp += predicted and label in negative
            fn += (not predicted) and label in positive
        p, r, f = prf(tp, fp, fn)
        rows.append({"threshold": t, "tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f})
    return rows


def joins(decided: tuple[bool, str | None]) -> bool:
    return decided[0]


def linked(relation: str) -> Any:
    return lambda decided: (not decided[0]) and decided[1] == relation


def evaluate(options: DedupOptions = DedupOptions()) -> dict[str, Any]:
    documents = {d["id"]: d for d in load("documents.jsonl")}
    pairs = load("pairs.jsonl")
    scorer = Scorer(documents, options)
    scored = [scorer.score(p) for p in pairs]
    same_language = [s for s in scored if "-" not in s.pair["lang"]]
    cross_language = [s for s in scored if "-" in s.pair["lang"]]
    return {
        "scorer": scorer,
        "scored": scored,
        "join": sweep(scorer, same_language, "join_threshold", JOIN_THRESHOLDS,
                      {"duplicate"}, NOT_COPIES, joins),
        "join_by_language": {lang: sweep(scorer, [s for s in same_language if s.pair["lang"] == lang],
                                         "join_threshold", (options.join_threshold,),
                                         {"duplicate"}, NOT_COPIES, joins)[0]
                             for lang in ("en", "ar")},
        "related": sweep(scorer, same_language, "related_threshold", LINK_THRESHOLDS,
                         {"rewrite"}, {"unrelated"}, linked("related")),
        "same_event_linked": sum(linked("related")(scorer.decide(s, options)) for s in same_language
                                 if s.pair["label"] == "same-event"),
        "same_event": sum(s.pair["label"] == "same-event" for s in same_language),
        "translation": sweep(scorer, cross_language, "translation_threshold", LINK_THRESHOLDS,
                             {"translation"}, {"unrelated", "same-event"}, linked("translation-of")),
    }


def seeds(options: DedupOptions) -> dict[str, float] | None:
    files = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if len(files) < 2:
        return None
    docs = {f.stem: {"text": f.read_text(encoding="utf-8"), "lang": "en", "title": None} for f in files[:2]}
    scorer = Scorer(docs, options)
    a, b = list(docs)
    s = scorer.score({"a": a, "b": b, "label": "same-event", "lang": "en"})
    joined, link = scorer.decide(s, options)
    five = jaccard(_shingles(docs[a]["text"], 5), _shingles(docs[b]["text"], 5))
    return {"shingle_jaccard_5_words": five, "copy_estimate": s.copy, "terms_estimate": s.terms,
            "candidate": s.link_candidate, "joined": joined, "link": link}


def _shingles(text: str, k: int) -> set[tuple[str, ...]]:
    w = normalize(text).split()
    return {tuple(w[i:i + k]) for i in range(len(w) - k + 1)}


def _table(rows: list[dict[str, Any]], chosen: float) -> str:
    lines = ["  threshold    TP   FP   FN  precision  recall     F1"]
    for r in rows:
        mark = "  <- chosen" if abs(r["threshold"] - chosen) < 1e-9 else ""
        lines.append(f"  {r['threshold']:>9.2f} {r['tp']:>5} {r['fp']:>4} {r['fn']:>4} {r['precision']:>10.3f} "
                     f"{r['recall']:>7.3f} {r['f1']:>6.3f}{mark}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show-misses", action="store_true", help="List the pairs decided wrongly.")
    args = parser.parse_args(argv)
    options = DedupOptions()
    result = evaluate(options)
    scored: list[Scored] = result["scored"]
    counts: dict[str, int] = {}
    for s in scored:
        counts[s.pair["label"]] = counts.get(s.pair["label"], 0) + 1
    print(f"Labelled pairs: {len(scored)} ({', '.join(f'{k} {v}' for k, v in sorted(counts.items()))}); "
          f"scheme: {options.scheme}\n")
    print("Exact Jaccard of the texts' word shingles, by label (min / median / max):")
    for label in ("duplicate", "rewrite", "same-event", "unrelated", "translation"):
        values = [s.copy_exact for s in scored if s.pair["label"] == label]
        if values:
            print(f"  {label:<12} {min(values):.3f} / {statistics.median(values):.3f} / {max(values):.3f}")
    print("\nJoining a story (duplicates vs rewrites, same-event-different-text and unrelated; same language):")
    print(_table(result["join"], options.join_threshold))
    for lang, row in result["join_by_language"].items():
        print(f"  {lang} at {options.join_threshold}: precision {row['precision']:.3f}, recall {row['recall']:.3f} "
              f"({row['tp']} TP, {row['fp']} FP, {row['fn']} FN)")
    print("\n`related` links (rewrites vs unrelated; same language):")
    print(_table(result["related"], options.related_threshold))
    print(f"  same event, different text (allowed, not required): {result['same_event_linked']} of "
          f"{result['same_event']} linked at {options.related_threshold}")
    print("\n`translation-of` links (Arabic article with English translation vs English articles):")
    print(_table(result["translation"], options.translation_threshold))
    scorer: Scorer = result["scorer"]
    by_variant: dict[str, list[bool]] = {}
    misses = []
    for s in scored:
        joined, link = scorer.decide(s, options)
        if s.pair["label"] == "duplicate":
            by_variant.setdefault(s.pair["note"], []).append(joined)
        expected = {"duplicate": [(True, None)], "rewrite": [(False, "related")],
                    "same-event": [(False, None), (False, "related")],
                    "translation": [(False, "translation-of")], "unrelated": [(False, None)]}[s.pair["label"]]
        if (joined, link) not in expected:
            misses.append((s, joined, link))
    print(f"\nDuplicates joined at {options.join_threshold}, by kind of copy:")
    for variant, decided in sorted(by_variant.items()):
        print(f"  {variant:<20} {sum(decided):>3}/{len(decided)}")
    seed = seeds(options)
    if seed is None:
        print("\nSeeds: ../shared/seeds not found; skipped.")
    else:
        print(f"\nSeeds (same event, different text): 5-word-shingle Jaccard {seed['shingle_jaccard_5_words']:.3f}, "
              f"copy estimate {seed['copy_estimate']:.3f}, terms estimate {seed['terms_estimate']:.3f}; "
              f"LSH candidates: {seed['candidate']}; joined: {seed['joined']}; link: {seed['link']}")
    print(f"\n{len(misses)} pairs not decided as labelled" + (":" if args.show_misses and misses else "."))
    if args.show_misses:
        for s, joined, link in misses:
            print(f"  {s.pair['label']:<11} {s.pair['a']} ~ {s.pair['b']} ({s.pair['note']}): joined={joined} "
                  f"link={link} copy={s.copy:.2f} (exact {s.copy_exact:.2f}) terms={s.terms:.2f} "
                  f"cross={'' if s.cross is None else f'{s.cross:.2f}'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
