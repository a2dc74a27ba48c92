"""The Scrapy settings a cluster worker runs with, applied over the project's (spider priority).

scrapy-redis's scheduler and dupefilter (the shared request queue and fingerprints) with the host
queue (crawler.cluster.host_queue: a request is handed out only when its host is due) and its
scheduler (crawler.cluster.scheduler), the stream pipeline in place of the store's pipelines
(settings.WIREWATCH_CLUSTER_PIPELINES), the worker heartbeat in place of the run recorder, and the
cluster-wide politeness middleware as the last check before a request leaves.
"""

from __future__ import annotations

from scrapy.settings import BaseSettings

from crawler.cluster import keys
from crawler.cluster.connection import retry_params

RUN_RECORDER = "crawler.extensions.run_recorder.RunRecorder"
HEARTBEAT = "crawler.extensions.worker_heartbeat.WorkerHeartbeat"
POLITENESS = "crawler.middlewares.cluster_politeness.ClusterPoliteness"
POLITENESS_ORDER = 950  # last: after RobotsPolicy (100) and Scrapy's own, just before the download
SCHEDULER = "crawler.cluster.scheduler.HostScheduler"
QUEUE = "crawler.cluster.host_queue.HostQueue"


def apply(settings: BaseSettings, priority: str = "spider") -> None:
    """Turn a project's settings into a cluster worker's (needs WIREWATCH_REDIS_URL set).

    The local politeness settings are replaced at command-line priority (they would win otherwise):
    the per-site delay becomes WIREWATCH_CLUSTER_DELAY (default: the DOWNLOAD_DELAY given).
    """
    settings.set("REDIS_URL", settings.get("WIREWATCH_REDIS_URL"), priority=priority)
    settings.set("REDIS_PARAMS", retry_params(), priority=priority)
    settings.set("SCHEDULER", SCHEDULER, priority=priority)
    settings.set("SCHEDULER_QUEUE_CLASS", QUEUE, priority=priority)
    settings.set("DUPEFILTER_CLASS", "scrapy_redis.dupefilter.RFPDupeFilter", priority=priority)
    settings.set("SCHEDULER_QUEUE_KEY", keys.SCHEDULER_QUEUE, priority=priority)
    settings.set("SCHEDULER_DUPEFILTER_KEY", keys.SCHEDULER_DUPEFILTER, priority=priority)
    settings.set("SCHEDULER_PERSIST", True, priority=priority)  # the queue outlives any one worker
    settings.set("SCHEDULER_IDLE_BEFORE_CLOSE", 0, priority=priority)
    settings.set("REDIS_START_URLS_KEY", keys.DISCOVERY, priority=priority)
    pipelines = dict(settings.getdict("ITEM_PIPELINES"))
    pipelines.update(settings.getdict("WIREWATCH_CLUSTER_PIPELINES"))
    settings.set("ITEM_PIPELINES", pipelines, priority=priority)
    extensions = dict(settings.getdict("EXTENSIONS"))
    extensions.update({RUN_RECORDER: None, HEARTBEAT: 100})
    settings.set("EXTENSIONS", extensions, priority=priority)
    # Politeness moves from each worker's downloader to the cluster's per-host slot (HostQueue, then
    # ClusterPoliteness): a local delay or concurrency queue after the slot was claimed would shift the start.
    if settings.get("WIREWATCH_CLUSTER_DELAY") in ("", None):
        settings.set("WIREWATCH_CLUSTER_DELAY", settings.getfloat("DOWNLOAD_DELAY"), priority="cmdline")
    # A delay of 0 has no random variation to turn off (RANDOMIZE_DOWNLOAD_DELAY is deprecated since Scrapy 2.19).
    for name, value in (("DOWNLOAD_DELAY", 0), ("AUTOTHROTTLE_ENABLED", False),
                        ("CONCURRENT_REQUESTS_PER_DOMAIN", settings.getint("CONCURRENT_REQUESTS"))):
        settings.set(name, value, priority="cmdline")
    middlewares = dict(settings.getdict("DOWNLOADER_MIDDLEWARES"))
    middlewares[POLITENESS] = POLITENESS_ORDER
    settings.set("DOWNLOADER_MIDDLEWARES", middlewares, priority=priority)
