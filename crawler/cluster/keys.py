"""Every Redis key cluster mode uses, in one place (one prefix, so one Redis can serve one cluster)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import redis

PREFIX = "wirewatch"

# scrapy-redis: the shared request queue and its fingerprints ("%(spider)s" is filled in by scrapy-redis).
# The queue (crawler.cluster.host_queue) is several keys under this one: see queue_keys().
SCHEDULER_QUEUE = f"{PREFIX}:%(spider)s:requests"
SCHEDULER_DUPEFILTER = f"{PREFIX}:%(spider)s:dupefilter"
# scrapy-redis RedisSpider start key: discovery documents (JSON) that `cluster schedule` enqueues.
DISCOVERY = f"{PREFIX}:discovery"

CYCLE = f"{PREFIX}:cycle"  # integer, incremented by each `cluster schedule`
CLAIMED = f"{PREFIX}:claimed"  # set: canonical article URLs requested in the current cycle
KNOWN = f"{PREFIX}:known"  # set: canonical URLs of stored articles and their aliases
SEEDED = f"{PREFIX}:seeded"  # string: set once KNOWN was loaded from the store
STORE = f"{PREFIX}:store"  # string: identity of the store KNOWN, VALIDATORS and RUNS were seeded from
VALIDATORS = f"{PREFIX}:validators"  # hash: discovery document URL -> JSON {etag, last_modified}
DOCUMENT = f"{PREFIX}:document:"  # + URL: hash of one discovery document's progress in this cycle
NEXT_ALLOWED = f"{PREFIX}:next-allowed"  # hash: host -> next time (µs, Redis clock) a request to it may start
WORKERS = f"{PREFIX}:workers"  # hash: worker id -> JSON heartbeat
RUNS = f"{PREFIX}:runs"  # hash: worker run key -> crawl_runs id in the store

STREAM = f"{PREFIX}:articles"  # stream of finished articles (and worker run events)
GROUP = "ingest"  # the stream's consumer group


def document(url: str) -> str:
    return DOCUMENT + url


@dataclass(frozen=True)
class QueueKeys:
    """The keys of one spider's host queue (crawler.cluster.host_queue)."""

    hosts: str  # sorted set: host -> the time (µs) it is next due; only hosts with requests queued
    count: str  # integer: requests queued, all hosts together
    host_prefix: str  # + host: sorted set of that host's serialized requests, scored by -priority

    def host(self, host: str) -> str:
        return self.host_prefix + host


def queue_keys(base: str) -> QueueKeys:
    """The host queue's keys under ``base`` (SCHEDULER_QUEUE with the spider's name filled in)."""
    return QueueKeys(hosts=f"{base}:hosts", count=f"{base}:count", host_prefix=f"{base}:host:")


def queued_requests(client: "redis.Redis", spider: str) -> int:
    """Requests waiting in ``spider``'s host queue, every host together."""
    return int(client.get(queue_keys(SCHEDULER_QUEUE % {"spider": spider}).count) or 0)
