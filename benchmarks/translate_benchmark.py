"""Translation speed and sentence-cache hit rate.

1. Sentences per second through our pipeline (ArticleTranslator: sentence splitting, normalising,
   SQLite cache look-ups and writes, batches through ctranslate2, reassembly), all articles in one
   ``translate_many`` call and one article at a time, against the bare
   library doing the same work in the same run: sentencepiece encoding + one
   ``ctranslate2.Translator.translate_batch`` + decoding, on the same model and sentences.
2. The sentence cache's hit rate on the bundled sample web: translating every non-English
   article once (what repeats between articles), and again (a re-crawl of changed pages).

No real model can be downloaded here, so by default the model is a random one of the shape of an
argos package (transformer base, int8: tests/tiny_argos.py BASE); its output is gibberish of
random length (so both sides stop at ``--max-decoding-length`` tokens, 64 by default, about a news
sentence's length), the same for both sides. ``--package DIR`` uses an installed argos package instead.

    python benchmarks/translate_benchmark.py [--package DIR] [--rounds N] [--max-decoding-length N]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import storage  # noqa: E402
from processing.extract import extract  # noqa: E402
from processing.language import detect_document  # noqa: E402
from processing.models import ModelInfo, installed  # noqa: E402
from processing.sentences import split_sentences  # noqa: E402
from processing.translate import ArgosOptions, ArgosTranslator, ArticleTranslator, normalise  # noqa: E402
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


def speed(model: ModelInfo, articles: list[tuple[str, str, str, str]], rounds: int, max_decoding_length: int,
          tmp: Path) -> None:
    import ctranslate2
    import sentencepiece

    options = ArgosOptions(packages_dirs=(model.path.parent,), max_decoding_length=max_decoding_length)
    ours = ArgosTranslator(options)
    ours.translate_batch(["warm up"], model)  # load the model outside the timing
    opts = ours.options
    raw = ctranslate2.Translator(str(model.path / "model"), device=opts.device, compute_type=opts.compute_type,
                                 inter_threads=opts.inter_threads, intra_threads=opts.intra_threads)
    tokenizer = sentencepiece.SentencePieceProcessor(model_file=str(model.path / "sentencepiece.model"))
    texts = [(title, text) for _, lang, title, text in articles if lang == model.source]
    sentences = [normalise(s) for title, text in texts
                 for part in [title, *text.split("\n\n")] for s in split_sentences(part)]
    print(f"model: {model.package} {model.version} at {model.path}")
    print(f"work: {len(texts)} {model.source} articles of the sample web, {len(sentences)} sentences, "
          f"beam {opts.beam_size}, batch {opts.max_batch_size}, at most {opts.max_decoding_length} tokens out, "
          f"{rounds} round(s), cold cache each round")

    ours_seconds = each_seconds = raw_seconds = 0.0
    for round_ in range(rounds):
        db = storage.open_db(tmp / f"speed-{round_}.db")
        translator = ArticleTranslator(ours, translations.SentenceCache(db), model.target)
        started = time.perf_counter()
        for title, text in texts:
            translator.translate(title, text, model.source)
        each_seconds += time.perf_counter() - started
        db.close()

        db = storage.open_db(tmp / f"speed-many-{round_}.db")
        translator = ArticleTranslator(ours, translations.SentenceCache(db), model.target)
        started = time.perf_counter()
        translator.translate_many([(title, text, model.source) for title, text in texts])
        ours_seconds += time.perf_counter() - started
        db.close()

        started = time.perf_counter()
        tokens = [tokenizer.encode(s, out_type=str) for s in sentences]
        results = raw.translate_batch(tokens, beam_size=opts.beam_size, max_batch_size=opts.max_batch_size,
                                      replace_unknowns=True, max_decoding_length=opts.max_decoding_length)
        [tokenizer.decode_pieces(r.hypotheses[0]) for r in results]
        raw_seconds += time.perf_counter() - started
    total = len(sentences) * rounds
    print(f"wirewatch, batched across articles: {total / ours_seconds:8.1f} sentences/s  ({ours_seconds:.2f} s)")
    print(f"wirewatch, one article at a time:   {total / each_seconds:8.1f} sentences/s  ({each_seconds:.2f} s)")
    print(f"raw ctranslate2 translate_batch:    {total / raw_seconds:8.1f} sentences/s  ({raw_seconds:.2f} s)")
    print(f"ratio wirewatch / raw: {raw_seconds / ours_seconds:.2f} batched across articles, "
          f"{raw_seconds / each_seconds:.2f} one article at a time")


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
        speed(model, articles, args.rounds, args.max_decoding_length, tmp)
        print()
        hit_rates(articles, tmp)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
