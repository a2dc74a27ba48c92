"""Translation speed and sentence-cache hit rate.

1. Sentences per second through our pipeline (ArticleTranslator: sentence splitting, normalising,
   SQLite cache look-ups and writes, batches through ctranslate2, reassembly), all articles in one
   ``translate_many`` call (and with ``--each`` one article at a time), against the bare library
   doing the same work in the same process: sentencepiece encoding + one
   ``ctranslate2.Translator.translate_batch`` + decoding, on the same loaded model (warm), the same
   sentences and the same batch size, the sides taking turns; wall and CPU time.
2. The sentence cache's hit rate on the bundled sample web: translating every non-English
   article once (what repeats between articles), and again (a re-crawl of changed pages).

No real model can be downloaded here, so by default the model is a random one of the shape of an
argos package (transformer base, int8: tests/tiny_argos.py BASE); its output is gibberish of
random length (so both sides stop at ``--max-decoding-length`` tokens, 64 by default, about a news
sentence's length), the same for both sides. ``--package DIR`` uses an installed argos package instead.

    python benchmarks/translate_benchmark.py [--package DIR] [--rounds N] [--max-decoding-length N] [--each]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Callable, Sequence

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import storage  # noqa: E402
from processing.extract import extract  # noqa: E402
from processing.language import detect_document  # noqa: E402
from processing.models import ModelInfo, installed  # noqa: E402
from processing.translate import ArgosOptions, ArgosTranslator, ArticleTranslator, MemoryCache  # noqa: E402
from storage import translations  # noqa: E402
from tests.tiny_argos import BASE, TINY, build_package  # noqa: E402

SITES = ROOT / "crawler" / "sampleweb" / "sites"


def sample_articles() -> list[tuple[str, str, str, str]]:
    """(path, language, title, text) of every article page of the sample web."""
    found = []
    for page in sorted(SITES.glob("*/**/20*/**/*.html")):
        result = extract(page.read_bytes(), f"http://{page.relative_to(SITES)}")
        language = detect_document(result.paragraphs).lang
        found.append((str(page.relative_to(SITES)), language, result.title or "", result.text))
    return found


def unpack(archive: Path, packages: Path) -> ModelInfo:
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(packages)
    return installed([packages])[0]


class _Recording(ArgosTranslator):
    """ArgosTranslator that keeps the sentences it was asked to translate (what goes to the model)."""

    def __init__(self, options: ArgosOptions) -> None:
        super().__init__(options)
        self.sent: list[str] = []

    def translate_batch(self, sentences: Sequence[str], model: ModelInfo) -> list[str]:
        self.sent.extend(sentences)
        return super().translate_batch(sentences, model)


def speed(model: ModelInfo, articles: list[tuple[str, str, str, str]], rounds: int, max_decoding_length: int,
          tmp: Path, each: bool) -> None:
    """Wirewatch's ArticleTranslator against the bare library, in this process, on one loaded model
    (the same ctranslate2.Translator and sentencepiece tokenizer, warm), the same sentences (those
    the pipeline hands the model: distinct, normalised, with a letter) and the same batch size;
    which side goes first alternates by round. The pipeline starts each round with an empty cache."""
    options = ArgosOptions(packages_dirs=(model.path.parent,), max_decoding_length=max_decoding_length)
    ours = _Recording(options)
    texts = [(title, text) for _, lang, title, text in articles if lang == model.source]
    batch = [(title, text, model.source) for title, text in texts]
    # Warm-up (not timed): loads the model, and records the sentences the pipeline sends to it.
    ArticleTranslator(ours, MemoryCache(), model.target).translate_many(batch)
    sentences, opts = list(ours.sent), ours.options
    loaded = ours._load(model)  # the pipeline's own loaded model: both sides use one Translator
    prefix = [[loaded.target_prefix] for _ in sentences] if loaded.target_prefix else None

    def bare() -> None:
        tokens = [loaded.tokenizer.encode(s, out_type=str) for s in sentences]
        results = loaded.translator.translate_batch(
            tokens, target_prefix=prefix, beam_size=int(opts.beam_size or 1), max_batch_size=int(opts.max_batch_size or 32),
            replace_unknowns=True, max_decoding_length=opts.max_decoding_length)
        [loaded.tokenizer.decode_pieces(r.hypotheses[0]) for r in results]

    def pipeline(name: str, one_at_a_time: bool = False) -> None:
        db = storage.open_db(tmp / f"{name}.db")
        translator = ArticleTranslator(ours, translations.SentenceCache(db), model.target)
        if one_at_a_time:
            for title, text, source in batch:
                translator.translate(title, text, source)
        else:
            translator.translate_many(batch)
        db.close()

    bare()
    print(f"model: {model.package} {model.version} at {model.path}")
    print(f"work: {len(texts)} {model.source} articles of the sample web, {len(sentences)} distinct sentences to "
          f"the model, beam {opts.beam_size}, batch {opts.max_batch_size}, at most {opts.max_decoding_length} "
          f"tokens out, {rounds} round(s), cold cache each round; load average {os.getloadavg()[0]:.1f} before")
    sides: dict[str, Callable[[int], None]] = {
        "ours": lambda r: pipeline(f"many-{r}"), "raw": lambda r: bare()}
    if each:
        sides["each"] = lambda r: pipeline(f"each-{r}", one_at_a_time=True)
    wall = {k: 0.0 for k in sides}
    cpu = {k: 0.0 for k in sides}
    for round_ in range(rounds):
        order = list(sides) if round_ % 2 == 0 else list(sides)[::-1]
        for side in order:
            started, started_cpu = time.perf_counter(), time.process_time()
            sides[side](round_)
            wall[side] += time.perf_counter() - started
            cpu[side] += time.process_time() - started_cpu
    total = len(sentences) * rounds
    labels = {"ours": "wirewatch, batched across articles", "each": "wirewatch, one article at a time",
              "raw": "raw ctranslate2 translate_batch"}
    for side in sides:
        print(f"{labels[side] + ':':36} {total / wall[side]:8.1f} sentences/s  ({wall[side]:.2f} s wall, "
              f"{cpu[side]:.2f} s CPU)")
    print(f"ratio wirewatch / raw (raw time / our time): {wall['raw'] / wall['ours']:.2f} wall, "
          f"{cpu['raw'] / cpu['ours']:.2f} CPU, batched across articles"
          + (f"; {wall['raw'] / wall['each']:.2f} wall one article at a time" if each else "")
          + f"; load average {os.getloadavg()[0]:.1f} after")


def hit_rates(articles: list[tuple[str, str, str, str]], tmp: Path) -> None:
    """Cache hit rates with tiny models (the rate does not depend on the model)."""
    packages = tmp / "tiny-packages"
    sources = sorted({lang for _, lang, _, _ in articles if lang != "en"})
    for source in sources:
        unpack(build_package(tmp, source, "en", size=TINY), packages)
    unpack(build_package(tmp, "en", "de", size=TINY, seed=1), packages)
    for target, langs in (("en", sources), ("de", ["en"])):
        db = storage.open_db(tmp / f"hits-{target}.db")
        translator = ArticleTranslator(ArgosTranslator(ArgosOptions(packages_dirs=(packages,))),
                                       translations.SentenceCache(db), target)
        chosen = [a for a in articles if a[1] in langs]
        for label in ("first pass", "second pass"):
            before = (translator.stats.sentences, translator.stats.cached)
            for _, lang, title, text in chosen:
                translator.translate(title, text, lang)
            looked, hits = translator.stats.sentences - before[0], translator.stats.cached - before[1]
            print(f"sample web {'/'.join(langs)}→{target}, {len(chosen)} articles, {label}: "
                  f"{hits}/{looked} sentences from the cache ({100 * hits / looked:.1f}%)")
        db.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--package", type=Path, help="an installed argos package folder (default: a random base-size model)")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--max-decoding-length", type=int, default=64)
    parser.add_argument("--each", action="store_true", help="Also time the pipeline one article at a time.")
    args = parser.parse_args(argv)
    articles = sample_articles()
    with tempfile.TemporaryDirectory(prefix="wirewatch-translate-bench-") as name:
        tmp = Path(name)
        if args.package:
            found = installed([args.package.parent])
            model = next(m for m in found if m.path == args.package.resolve())
        else:
            started = time.perf_counter()
            texts = tuple(s for _, lang, title, text in articles if lang == "ar"
                          for s in [title, *text.split("\n\n")])
            model = unpack(build_package(tmp, "ar", "en", sentences=texts, size=BASE), tmp / "packages")
            print(f"built a random base-size ar→en model in {time.perf_counter() - started:.1f} s")
        speed(model, articles, args.rounds, args.max_decoding_length, tmp, args.each)
        print()
        hit_rates(articles, tmp)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
