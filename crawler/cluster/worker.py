"""Running one cluster worker in this process: the news-cluster spider on scrapy-redis."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scrapy.crawler import CrawlerProcess

from crawler.cluster.connection import connect
from crawler.runner import CrawlConfig, CrawlError, build_settings, check

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class WorkerConfig:
    redis_url: str
    db: Path  # the worker's own SQLite file: translation sentence cache only
    sources: Path | None = None
    until_idle_s: int = 0  # 0: run until stopped
    overrides: dict[str, Any] = field(default_factory=dict)


def run_worker(config: WorkerConfig) -> dict[str, Any]:
    """Crawl from the cluster's queue until stopped (or idle); returns the run's Scrapy stats.

    Before Scrapy starts, the same checks as a crawl's (:func:`crawler.runner.check`: the registry, the
    cache database) and then Redis, so that each problem is one named error (RegistryError, StorageError,
    ClusterError) rather than a traceback inside Scrapy.
    """
    overrides = {**config.overrides, "WIREWATCH_REDIS_URL": config.redis_url,
                 "MAX_IDLE_TIME_BEFORE_CLOSE": config.until_idle_s}
    crawl_config = CrawlConfig(db=config.db, sources=config.sources, overrides=overrides)
    check(crawl_config)
    connect(config.redis_url).close()
    process = CrawlerProcess(build_settings(crawl_config))
    crawler = process.create_crawler("news-cluster")
    process.crawl(crawler)
    process.start()
    stats = crawler.stats.get_stats()
    if "finish_reason" not in stats:  # Scrapy logged why; the worker must not look like it ran
        raise CrawlError("the worker stopped before it started crawling; run again with -v to see why")
    return stats
