"""Crawl counters kept twice: for the whole run (``wirewatch/<name>``) and per outlet, and skips with their log line."""

from __future__ import annotations

import logging

from scrapy.statscollectors import StatsCollector

from crawler.failures import OUTLET_PREFIX

logger = logging.getLogger(__name__)

SKIPPED = "skipped/"


def count(stats: StatsCollector, name: str, outlet: str | None, n: int = 1) -> None:
    if n <= 0:
        return
    stats.inc_value(f"wirewatch/{name}", n)
    if outlet:
        stats.inc_value(f"{OUTLET_PREFIX}{outlet}/{name}", n)


def skip(stats: StatsCollector, why: str, url: str, outlet: str | None, detail: str = "") -> None:
    """A link or document deliberately not fetched: counted under ``skipped/<why>`` and logged at INFO."""
    count(stats, SKIPPED + why, outlet)
    logger.info("skipped (%s): %s%s", why, url, f" ({detail})" if detail else "")


def skip_many(stats: StatsCollector, why: str, outlet: str | None, n: int, where: str) -> None:
    """Many entries of one document skipped for one reason (e.g. already stored): one counter update,
    one log line."""
    if n > 0:
        count(stats, SKIPPED + why, outlet, n)
        logger.info("skipped (%s): %d entries of %s", why, n, where)


def outlet_counters(stats: dict, outlet: str) -> dict[str, int]:
    """One outlet's counters, without the prefix (``feeds_fetched``, ``failed/http_404``, ...)."""
    prefix = f"{OUTLET_PREFIX}{outlet}/"
    return {k[len(prefix):]: int(v) for k, v in stats.items() if k.startswith(prefix)}
