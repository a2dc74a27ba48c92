"""`cluster status`: what the cluster is doing, read from Redis only."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field

import redis

from crawler.cluster import keys

SPIDER = "news-cluster"
SEEN_WINDOW_S = 60.0


@dataclass
class ClusterStatus:
    cycle: int
    discovery_queued: int  # discovery documents not yet taken by a worker
    requests_queued: int  # scrapy-redis queue: requests not yet taken by a worker
    stream_length: int  # entries published and not yet acknowledged
    pending: int  # delivered to the ingester, not acknowledged yet
    undelivered: int  # not yet read by the ingester
    lag_s: float  # age of the oldest entry not yet acknowledged (0 when none)
    known: int  # URLs in the known set
    workers: list[dict] = field(default_factory=list)  # seen in the last minute

    @property
    def in_flight(self) -> int:
        return sum(int(w.get("in_flight", 0)) for w in self.workers)


def status(client: redis.Redis, now: float | None = None) -> ClusterStatus:
    now = time.time() if now is None else now
    length = client.xlen(keys.STREAM)
    try:
        pending = int(client.xpending(keys.STREAM, keys.GROUP)["pending"])
    except redis.ResponseError:  # no consumer group yet: no ingester ever ran
        pending = 0
    oldest = client.xrange(keys.STREAM, count=1)
    lag = max(0.0, now - int(oldest[0][0].split(b"-")[0]) / 1000) if oldest else 0.0
    workers = []
    for worker, raw in client.hgetall(keys.WORKERS).items():
        beat = json.loads(raw)
        if now - float(beat.get("seen", 0)) <= SEEN_WINDOW_S and not beat.get("stopped"):
            workers.append({"worker": worker.decode(), **beat, "age_s": round(now - float(beat["seen"]), 1)})
    return ClusterStatus(
        cycle=int(client.get(keys.CYCLE) or 0),
        discovery_queued=client.llen(keys.DISCOVERY),
        requests_queued=keys.queued_requests(client, SPIDER),
        stream_length=length, pending=pending, undelivered=max(0, length - pending), lag_s=round(lag, 1),
        known=client.scard(keys.KNOWN), workers=sorted(workers, key=lambda w: w["worker"]))
