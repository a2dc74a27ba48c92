"""CLI start-up time: `wirewatch --help` and `wirewatch stats` against `python -c "import sqlite_utils"`.

Each command runs in a fresh interpreter, interleaved with the baseline in the same run (the machine's
load affects all alike); the median wall time of --repeat runs is printed with its ratio to the baseline
(goal of #12: at most 1.5x). Then `python -X importtime` lists the slowest top-level imports of each
command and whether any of Scrapy, Twisted, Datasette, trafilatura or torch was imported.

    python benchmarks/cli_startup.py [--repeat 7]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import storage  # noqa: E402

HEAVY = ("scrapy", "twisted", "datasette", "trafilatura", "torch", "argostranslate", "uvicorn")


def commands(db: Path) -> dict[str, list[str]]:
    python = sys.executable
    return {
        "baseline: python -c 'import sqlite_utils'": [python, "-c", "import sqlite_utils"],
        "wirewatch --help": [python, "-m", "crawler.cli", "--help"],
        "wirewatch stats": [python, "-m", "crawler.cli", "stats", "--db", str(db)],
    }


def wall(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def imports(argv: list[str]) -> tuple[list[tuple[int, str]], list[str]]:
    """(cumulative microseconds, module) of the top-level imports, slowest first; and the heavy ones."""
    proc = subprocess.run([argv[0], "-X", "importtime", *argv[1:]], cwd=ROOT, capture_output=True, text=True,
                          check=True)
    rows = []
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _, cumulative, name = line[len("import time:"):].split("|")
        rows.append((int(cumulative), name))
    top = sorted(((us, name.strip()) for us, name in rows if not name.startswith("  ")), reverse=True)
    heavy = sorted({name.strip().split(".")[0] for _, name in rows} & set(HEAVY))
    return top, heavy


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        storage.open_db(db).close()
        runs = commands(db)
        times: dict[str, list[float]] = {name: [] for name in runs}
        for _ in range(args.repeat):
            for name, argv in runs.items():  # interleaved: load changes hit every command alike
                times[name].append(wall(argv))
        baseline = statistics.median(next(iter(times.values())))
        print(f"Median wall time of {args.repeat} runs each (fresh interpreter):")
        for name, values in times.items():
            median = statistics.median(values)
            print(f"  {name:<45} {median * 1000:7.0f} ms   {median / baseline:4.2f}x baseline")
        for name, argv in list(runs.items())[1:]:
            top, heavy = imports(argv)
            print(f"\n{name}: heavy packages imported: {', '.join(heavy) or 'none'}; slowest top-level imports:")
            for us, module in top[:5]:
                print(f"  {us / 1000:7.1f} ms  {module}")


if __name__ == "__main__":
    main()
