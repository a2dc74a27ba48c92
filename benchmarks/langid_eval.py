"""Language identification accuracy: our `detect` beside plain seeded langdetect and lingua alone, same run.

Data: ``../shared/data/langid`` beside the repository (sentences and word pairs, one a line, a file
per language). Two groups are reported apart: the TUNE group (ar en fa ur fr de ru tr), the only
one our constants were chosen on, and the HELD-OUT group (bn pa ta ms tl id so sw pt nl pl ko),
never tuned on. Prints accuracy per language, each group's mean, and seconds, without hints; then
(--modes) lingua's low- and high-accuracy modes alone: memory, time and accuracy on word pairs.
--speed instead times ``detect`` per text and ``detect_document`` per article (paragraphs of the
tune group's sentences), best of --rounds, beside the load average; with --against FILE, the same
for another version of processing/language.py (``git show REV:processing/language.py > FILE``),
rounds interleaved in one process, and whether the two give identical results. With --pages N,
also the CPU (time.process_time) of ``article_language`` per page of the crawl benchmark's first N
pages (benchmarks/crawl_benchmark.py's site, extracted as the crawl does; a third Arabic), median of
--rounds, with the words cached ("warm") and with the word caches emptied before each round
("cold": a crawl worker meets each story's own words once).

    python benchmarks/langid_eval.py [--data DIR] [--group all|tune|held-out] [--show-errors N] [--modes]
    python benchmarks/langid_eval.py --speed [--against FILE] [--rounds N] [--pages N]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import resource
import sys
import time
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import processing.language  # noqa: E402
from processing.language import SECOND_OPINION_LANGUAGES, detect, plain_langdetect  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "langid"
KINDS = ("sentences", "word-pairs")
TUNE = ("ar", "en", "fa", "ur", "fr", "de", "ru", "tr")
HELD_OUT = ("bn", "pa", "ta", "ms", "tl", "id", "so", "sw", "pt", "nl", "pl", "ko")


def lines_of(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]


def evaluate(files: list[Path], guess: Callable[[str], str], show_errors: int = 0) -> dict[str, float]:
    accuracy: dict[str, float] = {}
    for path in files:
        lines = lines_of(path)
        wrong: Counter[str] = Counter()
        for line in lines:
            found = guess(line)
            if found != path.stem:
                wrong[found] += 1
                if show_errors and sum(wrong.values()) <= show_errors:
                    print(f"    {path.stem} → {found}: {line[:100]}")
        accuracy[path.stem] = 1 - sum(wrong.values()) / len(lines) if lines else 0.0
    return accuracy


def lingua_alone(low: bool) -> Callable[[str], str]:
    """lingua over the languages it is asked about in processing.language, alone."""
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    builder = LanguageDetectorBuilder.from_languages(
        *(Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in SECOND_OPINION_LANGUAGES))
    detector = (builder.with_low_accuracy_mode() if low else builder).with_preloaded_language_models().build()

    def guess(text: str) -> str:
        found = detector.detect_language_of(text)
        return found.iso_code_639_1.name.lower() if found else "und"
    return guess


def load_module(path: Path) -> ModuleType:
    """Another version of processing/language.py, imported under its own name."""
    spec = importlib.util.spec_from_file_location(f"language_{path.stem}", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def benchmark_pages(count: int) -> list[tuple[str | None, str]]:
    """(title, text) of the crawl benchmark's first ``count`` pages, extracted as the crawl does."""
    import tempfile

    sys.path.insert(0, str(ROOT / "benchmarks"))
    import crawl_benchmark

    from processing.extract import ExtractOptions, extract_or_failure

    with tempfile.TemporaryDirectory() as folder:
        _, _, paths = crawl_benchmark.build_site(Path(folder), count)
        site = Path(folder) / "sites" / crawl_benchmark.SITE
        pages = [(site / (path.lstrip("/") + ".html")).read_bytes().replace(b"{{base}}", b"http://bench.test")
                 for path in paths]
    found = [extract_or_failure(html, f"http://bench.test/news/{i}", None, ExtractOptions(), None)
             for i, html in enumerate(pages)]
    return [(page.title, page.text) for page in found]


def _empty_word_caches(module: ModuleType) -> None:
    """Forget the words a version of processing.language has cached (this one's per-script
    caches, or the per-word lru_cache of the versions before #15's per-word sums)."""
    profiles = module._load()
    token_rows = getattr(profiles, "token_rows", None)
    if hasattr(token_rows, "cache_clear"):
        token_rows.cache_clear()
    for table in profiles.scripts.values():
        if hasattr(table, "words"):
            table.words.cache.clear()


def page_speed(versions: dict[str, ModuleType], count: int, rounds: int) -> None:
    """ms of CPU per page of ``article_language``, warm and cold, median of ``rounds``, versions interleaved."""
    pages = benchmark_pages(count)
    times: dict[tuple[str, str], list[float]] = {}
    outputs = {}
    for name, module in versions.items():
        hints = module.LanguageHints(expected=("en", "ar"))  # the benchmark outlet's languages
        outputs[name] = [repr(module.article_language(title, text, hints)) for title, text in pages]
    for index in range(rounds):
        for state in ("warm", "cold"):
            for name, module in (list(versions.items())[::-1] if index % 2 else versions.items()):
                hints = module.LanguageHints(expected=("en", "ar"))
                if state == "cold":
                    _empty_word_caches(module)
                started = time.process_time()
                for title, text in pages:
                    module.article_language(title, text, hints)
                times.setdefault((name, state), []).append(1000 * (time.process_time() - started) / len(pages))
    print(f"\narticle_language, ms CPU per page, median of {rounds} (crawl benchmark, {len(pages)} pages); "
          f"load average {os.getloadavg()[0]:.2f}")
    print(f"{'version':24}{'warm':>12}{'cold':>12}")
    for name in versions:
        print(f"{name:24}" + "".join(f"{sorted(times[name, s])[rounds // 2]:>12.3f}" for s in ("warm", "cold")))
    if len(versions) == 2:
        print(f"identical results: {len(set(map(tuple, outputs.values()))) == 1}")


def speed(data: Path, against: Path | None, rounds: int, pages: int = 0) -> int:
    """ms per text (sentences, word pairs) and per article, best of ``rounds``, for this version
    and optionally another one: tune-group data only."""
    per_lang = 150
    sentences = [t for lang in TUNE for t in lines_of(data / "sentences" / f"{lang}.txt")[:per_lang]]
    pairs = [t for lang in TUNE for t in lines_of(data / "word-pairs" / f"{lang}.txt")[:per_lang]]
    # An article: 8 paragraphs of 4 sentences each, in one language (as the crawl sees them).
    articles = []
    for lang in TUNE:
        lines = lines_of(data / "sentences" / f"{lang}.txt")[per_lang:per_lang + 8 * 4 * 5]
        for a in range(0, len(lines), 32):
            articles.append([" ".join(lines[a + p:a + p + 4]) for p in range(0, 32, 4)])
    versions: dict[str, ModuleType] = {"this version": processing.language}
    if against is not None:
        versions[f"{against.name}"] = load_module(against)
    outputs: dict[str, list[Any]] = {}
    for name, module in versions.items():  # warm: profiles, lingua
        outputs[name] = ([module.detect(t) for t in sentences + pairs]
                         + [module.detect_document(a) for a in articles])
    best: dict[tuple[str, str], float] = {}
    for _ in range(rounds):
        for name, module in versions.items():
            for kind, items, call in (("sentence", sentences, module.detect), ("word pair", pairs, module.detect),
                                      ("article", articles, module.detect_document)):
                started = time.perf_counter()
                for item in items:
                    call(item)
                ms = 1000 * (time.perf_counter() - started) / len(items)
                best[name, kind] = min(best.get((name, kind), ms), ms)
    print(f"ms per item, best of {rounds} (tune group: {len(sentences)} sentences, {len(pairs)} word pairs, "
          f"{len(articles)} articles of 8 paragraphs); load average {os.getloadavg()[0]:.2f}")
    print(f"{'version':24}{'sentence':>12}{'word pair':>12}{'article':>12}")
    for name in versions:
        print(f"{name:24}" + "".join(f"{best[name, kind]:>12.3f}" for kind in ("sentence", "word pair", "article")))
    if against is not None:
        names = list(versions)
        same = [repr(a) for a in outputs[names[0]]] == [repr(b) for b in outputs[names[1]]]
        ratios = (f"{kind} {best[names[1], kind] / best[names[0], kind]:.2f}x"
                  for kind in ("sentence", "word pair", "article"))
        print(f"identical results: {same}; speed-up " + ", ".join(ratios))
    if pages:
        page_speed(versions, pages, rounds)
    return 0


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--show-errors", type=int, default=0, help="print the first N errors per language")
    parser.add_argument("--modes", action="store_true", help="also measure lingua's two modes alone")
    parser.add_argument("--group", choices=("all", "tune", "held-out"), default="all",
                        help="one group only (tune while choosing constants; held-out once, at the end)")
    parser.add_argument("--speed", action="store_true", help="time detect and detect_document instead")
    parser.add_argument("--against", type=Path, help="with --speed: another version of processing/language.py")
    parser.add_argument("--rounds", type=int, default=3, help="with --speed: rounds, the best one counts")
    parser.add_argument("--pages", type=int, default=0,
                        help="with --speed: also CPU per page of article_language on this many crawl-benchmark pages")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"skipped: no language-identification data at {args.data}")
        return 0
    if args.speed:
        return speed(args.data, args.against, args.rounds, args.pages)
    detectors: dict[str, Callable[[str], str]] = {
        "wirewatch detect": lambda text: detect(text).lang,
        "plain langdetect (seed 0)": plain_langdetect,
        "lingua alone (low acc.)": lingua_alone(low=True),
    }
    for kind in KINDS:
        wanted = {"all": TUNE + HELD_OUT, "tune": TUNE, "held-out": HELD_OUT}[args.group]
        files = sorted(f for f in (args.data / kind).glob("*.txt") if f.stem in wanted)
        if not files:
            print(f"skipped {kind}: no files in {args.data / kind}")
            continue
        results, seconds = {}, {}
        for name, guess in detectors.items():
            started = time.perf_counter()
            results[name] = evaluate(files, guess, args.show_errors if name.startswith("wirewatch") else 0)
            seconds[name] = time.perf_counter() - started
        count = sum(len(lines_of(f)) for f in files)
        names = list(detectors)
        print(f"\n{kind} ({count} lines, no hints): accuracy %")
        print(f"{'language':12}" + "".join(f"{n:>28}" for n in names))
        for group, langs in (("tune", TUNE), ("held-out", HELD_OUT)):
            present = [lang for lang in langs if lang in results[names[0]]]
            for lang in present:
                flag = "  < plain" if results[names[0]][lang] < results[names[1]][lang] else ""
                print(f"{lang:12}" + "".join(f"{100 * results[n][lang]:>28.1f}" for n in names) + flag)
            if present:
                means = {n: 100 * sum(results[n][lang] for lang in present) / len(present) for n in names}
                print(f"{'mean ' + group:12}" + "".join(f"{means[n]:>28.2f}" for n in names))
        print(f"{'seconds':12}" + "".join(f"{seconds[n]:>28.1f}" for n in names))
    if args.modes:
        pairs = sorted((args.data / "word-pairs").glob("*.txt"))
        pairs = [p for p in pairs if p.stem in TUNE]
        print("\nlingua alone, word pairs of the tune group: mode, max RSS growth, build s, ms/line, mean accuracy %")
        for low in (True, False):
            before, started = rss_mb(), time.perf_counter()
            guess = lingua_alone(low)
            built = time.perf_counter() - started
            started = time.perf_counter()
            accuracy = evaluate(pairs, guess)
            lines = sum(len(lines_of(p)) for p in pairs)
            print(f"  {'low ' if low else 'high'}  +{rss_mb() - before:.0f} MB  {built:.1f}s  "
                  f"{1000 * (time.perf_counter() - started) / lines:.2f}  "
                  f"{100 * sum(accuracy.values()) / len(accuracy):.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
