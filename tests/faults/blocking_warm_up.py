"""A worker warm-up that never finishes: it writes the worker's pid to ``$WIREWATCH_TEST_WARM_UP_FILE``
and blocks, so a test can interrupt a crawl while its extraction workers start (deterministically)."""

from __future__ import annotations

import os
import threading
from pathlib import Path


def warm_up() -> None:
    """Write this worker's pid to the file named by ``WIREWATCH_TEST_WARM_UP_FILE``, then block for ever."""
    Path(os.environ["WIREWATCH_TEST_WARM_UP_FILE"]).write_text(str(os.getpid()), encoding="utf-8")
    threading.Event().wait()


def main() -> None:
    """`wirewatch` with every extraction worker's warm-up replaced by :func:`warm_up`."""
    import processing.page
    from crawler.cli import main as cli
    from tests.faults import blocking_warm_up  # by its importable name, not __main__

    processing.page.warm_up = blocking_warm_up.warm_up
    cli()


if __name__ == "__main__":
    main()
