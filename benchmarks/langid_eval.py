"""Language identification accuracy: our `detect` against plain seeded langdetect, in the same run.

Data: ``../shared/data/langid`` beside the repository (sentences and word pairs, one a line, a file
per language: ar de en fa fr ru tr ur). Prints accuracy per language and the mean, without hints.

    python benchmarks/langid_eval.py [--data DIR] [--show-errors N]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from processing.language import detect, plain_langdetect  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "langid"
KINDS = ("sentences", "word-pairs")


def evaluate(files: list[Path], guess: Callable[[str], str], show_errors: int = 0) -> dict[str, float]:
    accuracy: dict[str, float] = {}
    for path in files:
        lines = [line.strip() for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
        wrong: Counter[str] = Counter()
        for line in lines:
            found = guess(line)
            if found != path.stem:
                wrong[found] += 1
                if show_errors and sum(wrong.values()) <= show_errors:
                    print(f"    {path.stem} → {found}: {line[:100]}")
        accuracy[path.stem] = 1 - sum(wrong.values()) / len(lines) if lines else 0.0
    return accuracy


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--show-errors", type=int, default=0, help="print the first N errors per language")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"skipped: no language-identification data at {args.data}")
        return 0
    detectors: dict[str, Callable[[str], str]] = {
        "wirewatch detect": lambda text: detect(text).lang,
        "plain langdetect (seed 0)": plain_langdetect,
    }
    for kind in KINDS:
        files = sorted((args.data / kind).glob("*.txt"))
        if not files:
            print(f"skipped {kind}: no files in {args.data / kind}")
            continue
        results, seconds = {}, {}
        for name, guess in detectors.items():
            started = time.perf_counter()
            results[name] = evaluate(files, guess, args.show_errors if name.startswith("wirewatch") else 0)
            seconds[name] = time.perf_counter() - started
        lines = sum(1 for f in files for line in f.read_text(encoding="utf-8").split("\n") if line.strip())
        print(f"\n{kind} ({lines} lines, no hints): accuracy %")
        names = list(detectors)
        print(f"{'language':10}" + "".join(f"{n:>28}" for n in names))
        for path in files:
            print(f"{path.stem:10}" + "".join(f"{100 * results[n][path.stem]:>28.1f}" for n in names))
        means = {n: 100 * sum(results[n].values()) / len(results[n]) for n in names}
        print(f"{'mean':10}" + "".join(f"{means[n]:>28.2f}" for n in names))
        print(f"{'seconds':10}" + "".join(f"{seconds[n]:>28.1f}" for n in names))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
