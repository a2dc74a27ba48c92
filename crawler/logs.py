"""Logging for the CLI: quiet console for cron, full detail in --log-file or with --verbose."""

from __future__ import annotations

import logging
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class _DropDuplicateFailures(logging.Filter):
    """Scrapy logs a failed download at ERROR (retry give-up, robots.txt fetch, with a traceback)
    or WARNING (a response over DOWNLOAD_MAXSIZE) before our errback logs the same failure once,
    on one line, with its reason."""

    DUPLICATES = (
        ("scrapy.downloadermiddlewares.retry", "Gave up retrying"),
        ("scrapy.downloadermiddlewares.robotstxt", "Error downloading"),
        ("scrapy.core.downloader.handlers.http11", "Expected to receive"),
        ("scrapy.core.downloader.handlers.http11", "Received"),
    )

    def filter(self, record: logging.LogRecord) -> bool:
        return not any(record.name == name and str(record.msg).startswith(prefix)
                       for name, prefix in self.DUPLICATES)


def configure(verbose: bool = False, log_file: Path | None = None) -> None:
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    root.setLevel(logging.INFO)
    console = logging.StreamHandler()
    console.setLevel(logging.INFO if verbose else logging.ERROR)
    handlers: list[logging.Handler] = [console]
    if log_file is not None:
        handlers.append(logging.FileHandler(log_file, encoding="utf-8"))
    for handler in handlers:
        handler.setFormatter(logging.Formatter(FORMAT))
        handler.addFilter(_DropDuplicateFailures())
        root.addHandler(handler)
