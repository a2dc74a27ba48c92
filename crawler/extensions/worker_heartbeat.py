"""WorkerHeartbeat: a cluster worker's run, announced on the stream, and its heartbeat in Redis.

Takes RunRecorder's place in cluster mode (workers have no SQLite store): the run's start (with the
registry's outlets) and end (with its Scrapy stats) go to the ingester as ``run`` stream entries, which
records them in crawl_runs, one row per worker run. Every ``HEARTBEAT_S`` the worker writes
``{seen, run, articles_fetched, published, in_flight}`` under its id in the workers hash, which
`wirewatch cluster status` reads. It also shortens Scrapy's engine heartbeat so an idle worker
picks up requests other workers queued within ``POLL_S`` (Scrapy polls the scheduler every 5 s).
"""

from __future__ import annotations

import json
import logging
import os
import socket
import time
from typing import Any

import redis
from scrapy import Spider, signals
from scrapy.core.engine import ExecutionEngine
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet import task

from crawler.cluster import keys, messages
from crawler.cluster.connection import connect
from crawler.pipelines.stream import RUN_KEY_STAT

logger = logging.getLogger(__name__)

HEARTBEAT_S = 5.0
POLL_S = 0.5


def worker_id() -> str:
    """``host:pid``: unique among live workers."""
    return f"{socket.gethostname()}:{os.getpid()}"


class WorkerHeartbeat:
    def __init__(self, crawler: Crawler, redis_url: str, sources_file: str) -> None:
        self.crawler = crawler
        self.redis_url = redis_url
        self.sources_file = sources_file
        self.worker = worker_id()
        self.run = f"{self.worker}:{time.time():.3f}"
        self.client: redis.Redis | None = None
        self.loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "WorkerHeartbeat":
        url = crawler.settings.get("WIREWATCH_REDIS_URL")
        if not url:
            raise NotConfigured("WIREWATCH_REDIS_URL is empty (single-machine mode)")
        ExecutionEngine._SLOT_HEARTBEAT_INTERVAL = POLL_S  # see the module docstring
        extension = cls(crawler, url, crawler.settings.get("WIREWATCH_SOURCES") or "")
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self, spider: Spider) -> None:
        self.client = connect(self.redis_url)
        self.crawler.stats.set_value(RUN_KEY_STAT, self.run)
        outlets = [s.row() for s in getattr(spider, "sources", [])]
        messages.publish(self.client, messages.run_event({
            "event": "start", "run": self.run, "worker": self.worker, "sources_file": self.sources_file,
            "outlets": outlets}))
        self.loop = task.LoopingCall(self.beat)
        self.loop.start(HEARTBEAT_S, now=True)
        logger.info("worker %s started run %s", self.worker, self.run)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        if self.client is None:
            return
        stats = {k: v for k, v in self.crawler.stats.get_stats().items()
                 if k.startswith(("wirewatch/", "downloader/"))}
        messages.publish(self.client, messages.run_event({
            "event": "end", "run": self.run, "worker": self.worker, "reason": reason, "stats": stats,
            "outlets": [s.id for s in getattr(spider, "sources", [])]}))
        self.beat(stopped=True)
        self.client.close()
        logger.info("worker %s finished run %s (%s)", self.worker, self.run, reason)

    def beat(self, stopped: bool = False) -> None:
        if self.client is None:
            return
        stats = self.crawler.stats
        engine = self.crawler.engine
        in_flight = len(engine.downloader.active) if engine is not None and engine.downloader else 0
        state: dict[str, Any] = {"seen": time.time(), "run": self.run, "stopped": stopped, "in_flight": in_flight,
                                 "articles_fetched": stats.get_value("wirewatch/articles_fetched", 0),
                                 "published": stats.get_value("wirewatch/published", 0)}
        try:
            self.client.hset(keys.WORKERS, self.worker, json.dumps(state))
        except redis.RedisError as exc:  # a missed heartbeat is not worth stopping the crawl
            logger.warning("heartbeat not written: %s", exc)
