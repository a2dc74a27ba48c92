"""Extraction and metadata on real article pages: ours beside bare trafilatura, same bytes, same run.

    python benchmarks/real_pages_eval.py [--data DIR] [--worst N]

Data: ``../shared/data/real-pages`` beside the repository (40 pages from 40 publishers, each with a
golden title, author list, publication date and body; see its README). None of those publishers is
in the registry: the figures measure generality, and no rule may be written for one of them.

Scores, per page, then the mean over pages:
  body      shingle F1 of the extracted text against the golden body (multisets of 4-word shingles
            over lower-cased word tokens, as in Zyte's article-extraction benchmark)
  title     exact match after collapsing white space
  authors   the set of person names matches, case-folded; a news agency (any name processing.wire
            knows: "AP", "The Associated Press", "AFP, MANILA") is left out on both sides, since
            Wirewatch keeps it in its own field, wire_agency
  date      the calendar day of publication as the page states it (the golden's local date)
  ms/page   wall time of one extraction, both contenders interleaved page by page

Bare trafilatura is ``trafilatura.bare_extraction(bytes, url=..., with_metadata=True)``: its
``title``, ``author`` (split on ";"), ``date`` and ``text``. Ours is ``processing.extract.extract``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import trafilatura  # noqa: E402

from processing import wire  # noqa: E402
from processing.extract import ExtractionError, extract  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "real-pages"
SHINGLE = 4
_TOKEN = re.compile(r"\w+")


@dataclass
class Fields:
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    agency: str | None = None
    published: str | None = None
    text: str = ""


@dataclass
class PageScore:
    body: float
    title: bool
    authors: bool
    date: bool

    @property
    def total(self) -> float:
        return self.body + self.title + self.authors + self.date


def shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text.lower())
    return Counter(tuple(tokens[i:i + SHINGLE]) for i in range(max(len(tokens) - SHINGLE + 1, 0)))


def shingle_f1(found: str, golden: str) -> float:
    """F1 of the 4-word shingle multisets of ``found`` against ``golden`` (1.0 when both are empty)."""
    a, b = shingles(found), shingles(golden)
    if not a and not b:
        return 1.0
    common = sum((a & b).values())
    if not common:
        return 0.0
    precision, recall = common / sum(a.values()), common / sum(b.values())
    return 2 * precision * recall / (precision + recall)


def person_set(authors: list[str]) -> frozenset[str]:
    """The person names among ``authors``, case-folded; news agencies left out."""
    return frozenset(" ".join(name.split()).casefold() for name in authors if not wire.from_byline(name))


def day(value: str | None) -> str | None:
    match = re.match(r"\d{4}-\d\d-\d\d", value or "")
    return match.group(0) if match else None


def score(found: Fields, golden: dict) -> PageScore:
    return PageScore(
        body=shingle_f1(found.text, golden["text"]),
        title=" ".join((found.title or "").split()) == " ".join(golden["title"].split()),
        authors=person_set(found.authors) == person_set(golden["authors"]),
        date=day(found.published) == day(golden["published"]),
    )


def run_bare(html: bytes, url: str) -> Fields:
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    if doc is None:
        return Fields()
    authors = [a.strip() for a in (doc.author or "").split(";") if a.strip()]
    return Fields(doc.title, authors, None, doc.date, doc.text or "")


def run_ours(html: bytes, url: str) -> Fields:
    try:
        result = extract(html, url)
    except ExtractionError:
        return Fields()
    return Fields(result.title, result.authors, result.wire_agency, result.published, result.text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Body/title/authors/date on real pages: ours vs bare trafilatura.")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--worst", type=int, default=10, help="print the N worst pages (ours)")
    args = parser.parse_args(argv)
    golden_file = args.data / "golden.jsonl"
    if not golden_file.exists():
        print(f"skipped: no real pages at {args.data}")
        return 0
    goldens = [json.loads(line) for line in golden_file.read_text(encoding="utf-8").splitlines() if line.strip()]
    contenders = {"bare": run_bare, "ours": run_ours}
    pages = []
    for item in goldens:
        raw = (args.data / "pages" / item["file"]).read_bytes()
        pages.append((item, gzip.decompress(raw) if item["file"].endswith(".gz") else raw))
    for item, html in pages[:2]:  # warm up imports and caches
        for run in contenders.values():
            run(html, item["url"])
    scores: dict[str, list[PageScore]] = {name: [] for name in contenders}
    fields: dict[str, list[Fields]] = {name: [] for name in contenders}
    seconds = dict.fromkeys(contenders, 0.0)
    names = list(contenders)
    for index, (item, html) in enumerate(pages):
        for name in names[index % 2:] + names[:index % 2]:  # alternate who goes first
            started = time.perf_counter()
            found = contenders[name](html, item["url"])
            seconds[name] += time.perf_counter() - started
            fields[name].append(found)
            scores[name].append(score(found, item))

    count = len(pages)
    print(f"{count} real pages ({args.data})")
    print(f"{'extractor':<10}{'body F1':>9}{'title':>8}{'authors':>9}{'date':>7}{'ms/page':>9}")
    for name in names:
        s = scores[name]
        print(f"{name:<10}{sum(p.body for p in s) / count:>9.4f}{sum(p.title for p in s) / count:>8.3f}"
              f"{sum(p.authors for p in s) / count:>9.3f}{sum(p.date for p in s) / count:>7.3f}"
              f"{1000 * seconds[name] / count:>9.1f}")
    print(f"time ours / bare: {seconds['ours'] / seconds['bare']:.2f}x")
    print(f"\n{args.worst} worst pages (ours; bare's values in brackets where they differ):")
    ranked = sorted(range(count), key=lambda i: scores["ours"][i].total)
    for i in ranked[:args.worst]:
        item, ours, bare = pages[i][0], fields["ours"][i], fields["bare"][i]
        s, b = scores["ours"][i], scores["bare"][i]
        print(f"- {item['file']}: body {s.body:.2f} [{b.body:.2f}]")
        if not s.title:
            print(f"    title   {ours.title!r} ≠ {item['title']!r}" + ("" if b.title else " [bare also wrong]"))
        if not s.authors:
            print(f"    authors {ours.authors} {ours.agency or ''} ≠ {item['authors']} [bare {bare.authors}]")
        if not s.date:
            print(f"    date    {ours.published} ≠ {item['published']} [bare {bare.published}]")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
