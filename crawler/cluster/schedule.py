"""`cluster schedule`: one crawl cycle's discovery documents, enqueued for the workers.

Each enabled outlet's feeds, sitemaps and section pages go to the scrapy-redis start list as JSON
(``{url, outlet, kind}``), as `crawl` starts from them; the cycle's "already requested" set is
emptied so this cycle may request again what an earlier cycle requested but never stored. A
document still waiting from the previous cycle (in the start list, or as a request in the host
queue) is not queued twice, and is counted as still queued.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

import redis
from scrapy.http import Request

import storage
from crawler.cluster import keys
from crawler.cluster.host_queue import queued_documents
from crawler.cluster.seed import seed
from crawler.cluster.status import SPIDER
from crawler.sources import load, registry_path
from storage import cluster as cluster_store

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Scheduled:
    cycle: int
    queued: int
    already_queued: int
    outlets: int
    seeded: int | None  # URLs loaded from the store into the known set (None: already seeded)
    replaced: str | None = None  # another store Redis had been seeded from: its known URLs were forgotten


def schedule(client: redis.Redis, sources: Path | None, db: Path | None) -> Scheduled:
    """Queue every enabled outlet's discovery documents; seed Redis from ``db`` first when needed.

    ``db`` must exist (the ingester creates it): a mistyped path would otherwise be a new, empty store
    for which Redis forgets every known URL. Raises ``storage.DatabaseMissing`` then, before Redis is
    touched, and ``storage.DatabaseUnavailable`` for a file that is not a Wirewatch store.
    """
    outlets = [s for s in load(registry_path(sources)) if s.enabled]
    seeded = None
    if db is not None:
        if not Path(db).exists():
            raise storage.DatabaseMissing(
                f"no database at {db}; the cluster's store is created by `wirewatch ingest --db {db}`")
        database = storage.open_db(db, create=False)
        try:
            seeded = seed(client, database, cluster_store.identity(database, str(Path(db).resolve())))
        finally:
            database.close()
    # Still waiting: in the start list, or already turned into a request in the host queue by a worker
    # that stopped before fetching it (`cluster status` counts those among its requests queued).
    waiting = set(client.lrange(keys.DISCOVERY, 0, -1))
    requested = queued_documents(client, SPIDER)
    entries = [(Request(url).url, json.dumps({"url": url, "outlet": s.id, "kind": kind})) for s in outlets
               for kind, url in s.discovery_urls()]
    fresh = [e for url, e in entries if e.encode() not in waiting and url not in requested]
    with client.pipeline() as pipe:
        pipe.incr(keys.CYCLE)
        pipe.delete(keys.CLAIMED)
        if fresh:
            pipe.rpush(keys.DISCOVERY, *fresh)
        cycle = pipe.execute()[0]
    logger.info("cycle %d: %d discovery documents queued for %d outlets", cycle, len(fresh), len(outlets))
    return Scheduled(int(cycle), len(fresh), len(entries) - len(fresh), len(outlets),
                     seeded.urls if seeded else None, seeded.replaced if seeded else None)
