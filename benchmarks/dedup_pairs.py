"""Build the labelled pair set of the dedup evaluation from the hand-written articles.

Reads ``tests/fixtures/dedup/articles.toml`` and writes, beside it:

- ``documents.jsonl``: every article and every generated republished copy of a wire story (one JSON
  object a line: id, event, lang, kind, variant, title, text, and title_en/text_en for translations);
- ``pairs.jsonl``: labelled pairs of document ids: ``duplicate`` (a wire story and a copy of it, or two
  copies: must join one story), ``rewrite`` (the story rewritten in an outlet's own words: must not join,
  should be linked ``related``), ``same-event`` (another article on the same event, different text: must
  not join), ``translation`` (an Arabic article whose English translation renders an English wire
  story: linked ``translation-of``), ``unrelated`` (different events).

The copies are what outlets do to agency copy: a new headline and byline, their own boilerplate, the
last paragraph cut, a sentence rephrased, their typography (English) or spelling (Arabic: hamza forms,
ta marbuta, alef maqsura, tatweel, diacritics, Arabic-Indic digits, "الـ46"/"ال 46"), or all of these at
once. Deterministic: the same input gives the same files (a test checks they are up to date).

    python benchmarks/dedup_pairs.py [--check]
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import sys
import tomllib
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "dedup"

Doc = dict[str, Any]

BYLINES = {
    "en": ["By Sarah Quinn, Business Reporter", "Staff and agencies", "By our Gulf correspondent",
           "Reporting by Omar Haddad; editing by Claire Dunn"],
    "ar": ["كتب: محرر الشؤون المحلية", "المصدر: وكالات", "متابعات - الواحة", "تحرير: قسم الأخبار"],
}
BOILERPLATE = {
    "en": ["Sign up for our morning newsletter to get the day's top stories in your inbox.",
           "Follow us on X, Facebook and Instagram for the latest updates.",
           "© 2026 The Westmarsh Echo. All rights reserved.",
           "Read more: {other}",
           "Do you have a story to share? Email our newsroom."],
    "ar": ["اقرأ أيضاً: {other}",
           "تابعونا على منصات التواصل الاجتماعي لمعرفة آخر الأخبار.",
           "جميع الحقوق محفوظة © 2026",
           "اشترك في النشرة البريدية اليومية لتصلك أهم الأخبار."],
}
EN_SPELLING = [("organizers", "organisers"), ("center", "centre"), ("kilometers", "kilometres"),
               ("percent", "per cent"), ("neighboring", "neighbouring"), ("program", "programme")]
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
HARAKAT = ["\u064e", "\u064f", "\u0650", "\u0651", "\u064b"]


def load(path: Path = FIXTURES / "articles.toml") -> list[Doc]:
    docs = tomllib.loads(path.read_text(encoding="utf-8"))["article"]
    for d in docs:
        d["text"] = d["text"].strip()
        if "text_en" in d:
            d["text_en"] = d["text_en"].strip()
    return docs


def paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


def join(paras: list[str]) -> str:
    return "\n\n".join(paras)


# --- what outlets do to agency copy ----------------------------------------------------------


def new_headline(doc: Doc, rnd: random.Random, which: int = 0) -> Doc:
    byline = rnd.choice(BYLINES[doc["lang"]])
    return {**doc, "title": doc["alt_titles"][which], "text": join([byline] + paragraphs(doc["text"]))}


def add_boilerplate(doc: Doc, rnd: random.Random, others: list[Doc]) -> Doc:
    lines = [line.format(other=rnd.choice(others)["title"]) for line in rnd.sample(BOILERPLATE[doc["lang"]], 3)]
    paras = paragraphs(doc["text"])
    middle = max(1, len(paras) // 2)
    return {**doc, "text": join([lines[0]] + paras[:middle] + [lines[1]] + paras[middle:] + [lines[2]])}


def cut_last_paragraph(doc: Doc) -> Doc:
    return {**doc, "text": join(paragraphs(doc["text"])[:-1])}


def rephrase(doc: Doc, which: int = 0) -> Doc:
    before, after = (s.rstrip(".") for s in doc["rephrase"][which])  # the sentence may go on after a comma
    if before not in doc["text"]:
        raise ValueError(f"{doc['id']}: rephrase source not in text: {before[:40]}")
    return {**doc, "text": doc["text"].replace(before, after)}


def english_typography(doc: Doc, rnd: random.Random) -> Doc:
    text = doc["text"].replace("“", '"').replace("”", '"').replace("’", "'").replace("‘", "'")
    text = text.replace(" – ", " - ").replace("–", "-")
    text = re.sub(r"(\d),(\d{3})", r"\1\2", text)
    for us, uk in EN_SPELLING:
        text = re.sub(rf"\b{us}\b", uk, text)
    return {**doc, "text": text}


def arabic_spelling(doc: Doc, rnd: random.Random) -> Doc:
    """The same words as another outlet's system writes them."""
    def word(w: str) -> str:
        if rnd.random() < 0.6:
            w = w.replace("أ", "ا").replace("إ", "ا").replace("آ", "ا")
        if w.endswith("ة") and rnd.random() < 0.5:
            w = w[:-1] + "ه"
        if w.endswith("ى") and rnd.random() < 0.5:
            w = w[:-1] + "ي"
        elif w.endswith("ي") and rnd.random() < 0.3:
            w = w[:-1] + "ى"
        if len(w) > 3 and rnd.random() < 0.08:
            w = w[:2] + "ـ" + w[2:]
        if len(w) > 2 and rnd.random() < 0.1:
            w = w[0] + rnd.choice(HARAKAT) + w[1:]
        return w

    def variants(text: str) -> str:
        text = re.sub(r"الـ(\d)", lambda m: rnd.choice(["ال ", "ال", "الـ "]) + m.group(1), text)
        text = " ".join(word(w) for w in text.split(" "))
        return text.translate(ARABIC_INDIC).replace(",", "،")

    return {**doc, "title": variants(doc["title"]), "text": join([variants(p) for p in paragraphs(doc["text"])])}


def combined(doc: Doc, rnd: random.Random, others: list[Doc]) -> Doc:
    copy = rephrase(doc, 1)
    copy = cut_last_paragraph(copy)
    copy = add_boilerplate(copy, rnd, others)
    return new_headline(copy, rnd, 1)


def spelled(doc: Doc, rnd: random.Random) -> Doc:
    return english_typography(doc, rnd) if doc["lang"] == "en" else arabic_spelling(doc, rnd)


def variants_of(doc: Doc, others: list[Doc]) -> dict[str, Doc]:
    rnd = random.Random(doc["id"])
    makers: dict[str, Callable[[], Doc]] = {
        "headline-byline": lambda: new_headline(doc, rnd),
        "boilerplate": lambda: add_boilerplate(doc, rnd, others),
        "last-paragraph-cut": lambda: cut_last_paragraph(doc),
        "sentence-rephrased": lambda: rephrase(doc),
        "spelling": lambda: spelled(doc, rnd),
        "exact-other-url": lambda: {**doc, "title": doc["alt_titles"][0]},
        "combined": lambda: combined(doc, rnd, others),
        "combined-spelling": lambda: spelled(combined(doc, rnd, others), rnd),
    }
    return {name: make() for name, make in makers.items()}


# --- the set ---------------------------------------------------------------------------------


def document(doc: Doc, variant: str = "original", id_: str | None = None) -> Doc:
    out = {"id": id_ or doc["id"], "event": doc["event"], "lang": doc["lang"], "kind": doc["kind"],
           "variant": variant, "title": doc["title"], "text": doc["text"]}
    for key in ("title_en", "text_en"):
        if key in doc:
            out[key] = doc[key]
    return out


def build(articles: list[Doc]) -> tuple[list[Doc], list[Doc]]:
    documents = [document(a) for a in articles]
    pairs: list[Doc] = []

    def pair(a: Doc, b: Doc, label: str, note: str) -> None:
        pairs.append({"a": a["id"], "b": b["id"], "label": label, "lang": _langs(a, b), "note": note})

    by_id = {d["id"]: d for d in documents}
    for article in (a for a in articles if a["kind"] == "wire"):
        others = [a for a in articles if a["event"] != article["event"] and a["lang"] == article["lang"]]
        copies = {name: document(v, name, f"{article['id']}~{name}") for name, v in variants_of(article, others).items()}
        documents.extend(copies.values())
        for name, copy in copies.items():
            pair(by_id[article["id"]], copy, "duplicate", name)
        pair(copies["headline-byline"], copies["combined"], "duplicate", "copy-to-copy")
        for other in (a for a in articles if a["event"] == article["event"] and a["kind"] == "independent"):
            pair(by_id[article["id"]], by_id[other["id"]], "same-event", "same event, different text")
            pair(copies["combined"], by_id[other["id"]], "same-event", "copy vs same event, different text")
        for other in (a for a in articles if a["event"] == article["event"] and a["kind"] == "rewrite"):
            pair(by_id[article["id"]], by_id[other["id"]], "rewrite", "rewritten in the outlet's words")
            pair(copies["combined"], by_id[other["id"]], "rewrite", "copy vs rewrite")
        for other in (a for a in articles if a.get("translation_of") == article["id"]):
            pair(by_id[other["id"]], by_id[article["id"]], "translation", "Arabic version, English translation")
            pair(by_id[other["id"]], copies["combined"], "translation", "Arabic version vs republished copy")
    for a, b in itertools.combinations(articles, 2):
        if a["event"] == b["event"]:
            kinds = {a["kind"], b["kind"]}
            if a["lang"] != b["lang"] and kinds == {"translated", "independent"}:
                translated, other = (a, b) if a["kind"] == "translated" else (b, a)
                pair(by_id[translated["id"]], by_id[other["id"]], "same-event",
                     "translation vs same event, different text")
            elif kinds == {"independent", "rewrite"}:
                pair(by_id[a["id"]], by_id[b["id"]], "same-event", "rewrite vs same event, different text")
            continue
        if a["lang"] == b["lang"] or "translated" in (a["kind"], b["kind"]):
            first, second = (a, b) if a["kind"] == "translated" or b["kind"] != "translated" else (b, a)
            pair(by_id[first["id"]], by_id[second["id"]], "unrelated", "different events")
    return documents, pairs


def _langs(a: Doc, b: Doc) -> str:
    return a["lang"] if a["lang"] == b["lang"] else f"{a['lang']}-{b['lang']}"


def dumps(rows: list[Doc]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="Only check that the files are up to date.")
    args = parser.parse_args(argv)
    documents, pairs = build(load())
    outputs = {FIXTURES / "documents.jsonl": dumps(documents), FIXTURES / "pairs.jsonl": dumps(pairs)}
    if args.check:
        stale = [p.name for p, text in outputs.items() if not p.exists() or p.read_text(encoding="utf-8") != text]
        print("up to date" if not stale else f"stale: {', '.join(stale)} (run python benchmarks/dedup_pairs.py)")
        return 1 if stale else 0
    for path, text in outputs.items():
        path.write_text(text, encoding="utf-8")
    labels: dict[str, int] = {}
    for p in pairs:
        labels[p["label"]] = labels.get(p["label"], 0) + 1
    print(f"{len(documents)} documents, {len(pairs)} pairs: "
          + ", ".join(f"{k} {v}" for k, v in sorted(labels.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
