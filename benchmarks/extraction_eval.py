"""Extraction quality and cost on trafilatura's evaluation set, ours against bare trafilatura.

    python benchmarks/extraction_eval.py [--limit N] [--no-pool] [--variant NAME ...]

The set (../shared/data/extraction-eval: 990 pages in many languages and encodings, and for each
page snippets its text must contain, `with`, and must not contain, `without`) is scored the way
trafilatura's own evaluation scores it: a `with` snippet found is a true positive, missing a false
negative; a `without` snippet found is a false positive, absent a true negative; a page with no
result counts all its `with` snippets as false negatives. Precision, recall and F1 follow.

Contenders, run on the same pages in the same process, in alternating order page by page so that
a busy machine slows them alike:
  bare        trafilatura.extract(page bytes, url, include_comments=False, include_tables=True),
              the settings of trafilatura's evaluation (text only, no metadata)
  ours        processing.extract.extract(page bytes, url): text plus all metadata, wire agency,
              boilerplate rules; scored on the stored text, which leaves the headline out (it is
              the `title` field)
  ours+title  the same run, scored on title + text: what the store holds for the article, the
              same content bare trafilatura returns when the headline is inside the article
  ours+pool   ours through a one-worker processing.workers pool with its time limit, as a crawl
              runs it (--no-pool skips it)
Extra --variant NAMEs (see VARIANTS) try other options of ours. Each page file is read as bytes.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import trafilatura  # noqa: E402

from processing.extract import ExtractionError, ExtractionFailure, ExtractOptions, extract, extract_within, new_pool  # noqa: E402

EVAL_DIR = ROOT.parent / "shared" / "data" / "extraction-eval"

VARIANTS: dict[str, ExtractOptions] = {
    "ours": ExtractOptions(),
    "no-rules": ExtractOptions(rules=()),
    "precision": ExtractOptions(favor_precision=True),
    "recall": ExtractOptions(favor_recall=True),
    "no-layout-unwrap": ExtractOptions(unwrap_layout_tables=False),
    # Generic pruning of page furniture before trafilatura sees the page.
    "prune": ExtractOptions(prune_xpath=(
        "//aside", "//*[contains(@class, 'related')]", "//*[contains(@class, 'newsletter')]",
        "//*[contains(@class, 'share')]", "//*[contains(@class, 'social')]", "//*[contains(@class, 'advert')]",
        "//*[contains(@class, 'breadcrumb')]", "//*[contains(@class, 'comment')]")),
}


@dataclass
class Score:
    name: str
    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0
    seconds: float = 0.0
    pages: int = 0
    failed: dict[str, int] = field(default_factory=dict)

    def add(self, text: str | None, item: dict, seconds: float) -> None:
        self.seconds += seconds
        self.pages += 1
        if text is None:
            self.fn += len(item["with"])
            self.tn += len(item["without"])
            return
        for snippet in item["with"]:
            if snippet in text:
                self.tp += 1
            else:
                self.fn += 1
        for snippet in item["without"]:
            if snippet in text:
                self.fp += 1
            else:
                self.tn += 1

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp else 0.0

    @property
    def accuracy(self) -> float:
        total = self.tp + self.fn + self.fp + self.tn
        return (self.tp + self.tn) / total if total else 0.0

    @property
    def ms_per_page(self) -> float:
        return 1000 * self.seconds / self.pages if self.pages else 0.0


def load(limit: int | None) -> list[tuple[str, bytes, dict]]:
    data = json.loads((EVAL_DIR / "evaldata.json").read_text(encoding="utf-8"))
    pages = []
    for url, item in list(data.items())[:limit]:
        pages.append((url, gzip.decompress((EVAL_DIR / "pages" / (item["file"] + ".gz")).read_bytes()), item))
    return pages


def run_bare(html: bytes, url: str) -> str | None:
    """trafilatura.extract with the settings of trafilatura's evaluation."""
    return trafilatura.extract(html, url=url, include_comments=False, include_tables=True)


Views = dict[str, "str | None"]  # what a run is scored on, by contender name


def bare_views(html: bytes, url: str) -> Views:
    return {"bare": run_bare(html, url)}


def ours_with(name: str, options: ExtractOptions) -> Callable[[bytes, str], Views]:
    def run(html: bytes, url: str) -> Views:
        try:
            result = extract(html, url, options=options)
        except ExtractionError:
            return {name: None} if name != "ours" else {"ours": None, "ours+title": None}
        if name != "ours":
            return {name: result.text}
        return {"ours": result.text, "ours+title": f"{result.title or ''}\n{result.text}"}
    return run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Extraction P/R/F1 and ms/page: ours vs bare trafilatura.")
    parser.add_argument("--limit", type=int, help="only the first N pages")
    parser.add_argument("--no-pool", action="store_true", help="skip the run through the worker pool")
    parser.add_argument("--variant", action="append", default=[], choices=sorted(VARIANTS),
                        help="also run this variant of our options (repeatable)")
    args = parser.parse_args(argv)
    if not (EVAL_DIR / "evaldata.json").exists():
        print(f"skipped: the evaluation set is not at {EVAL_DIR} (../shared beside the checkout)")
        return 0

    pages = load(args.limit)
    contenders: dict[str, Callable[[bytes, str], Views]] = {"bare": bare_views, "ours": ours_with("ours", VARIANTS["ours"])}
    for name in args.variant:
        if name != "ours":
            contenders[name] = ours_with(name, VARIANTS[name])
    pool = None
    if not args.no_pool:
        pool = new_pool(1, 20.0)
        pool.start()

        def run_pool(html: bytes, url: str) -> Views:
            result = extract_within(pool, html, url)
            return {"ours+pool": None if isinstance(result, ExtractionFailure) else result.text}

        contenders["ours+pool"] = run_pool

    for url, html, _ in pages[:5]:  # warm up: imports, caches, the worker
        for run in contenders.values():
            run(html, url)
    scores: dict[str, Score] = {}
    names = list(contenders)
    started = time.perf_counter()
    for index, (url, html, item) in enumerate(pages):
        shift = index % len(names)
        for name in names[shift:] + names[:shift]:
            begin = time.perf_counter()
            views = contenders[name](html, url)
            seconds = time.perf_counter() - begin
            for view, text in views.items():
                scores.setdefault(view, Score(view)).add(text, item, seconds)
    if pool is not None:
        pool.close()

    bare = scores["bare"]
    print(f"{len(pages)} pages, {sum(len(i['with']) for _, _, i in pages)} 'with' and "
          f"{sum(len(i['without']) for _, _, i in pages)} 'without' snippets "
          f"({time.perf_counter() - started:.0f}s)")
    print(f"{'extractor':<18}{'precision':>10}{'recall':>9}{'F1':>8}{'accuracy':>10}{'ms/page':>10}{'vs bare':>9}")
    order = ["bare", "ours", "ours+title", "ours+pool"]
    for score in sorted(scores.values(), key=lambda s: order.index(s.name) if s.name in order else len(order)):
        print(f"{score.name:<18}{score.precision:>10.4f}{score.recall:>9.4f}{score.f1:>8.4f}{score.accuracy:>10.4f}"
              f"{score.ms_per_page:>10.1f}{score.ms_per_page / bare.ms_per_page:>8.2f}x")
    ours, titled = scores["ours"], scores["ours+title"]
    print(f"F1 ours - bare: {ours.f1 - bare.f1:+.4f} (text), {titled.f1 - bare.f1:+.4f} (title + text); "
          f"cost ours / bare: {ours.ms_per_page / bare.ms_per_page:.2f}x"
          + (f", through the worker pool {scores['ours+pool'].ms_per_page / bare.ms_per_page:.2f}x"
             if "ours+pool" in scores else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
