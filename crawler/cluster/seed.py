"""Seeding Redis from the store: the known set and the validators, when a cluster starts on an existing
database (or Redis lost its data: nothing persisted, or a new server)."""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass

import redis
import sqlite_utils

from crawler.cluster import keys
from storage import cluster as store

logger = logging.getLogger(__name__)

CHUNK = 1000


@dataclass(frozen=True)
class Seeded:
    urls: int  # known URLs loaded from the store
    replaced: str | None = None  # the other store Redis had been seeded from, whose URLs were forgotten


def seed(client: redis.Redis, db: sqlite_utils.Database, store_id: str, *, force: bool = False) -> Seeded | None:
    """Load the store's known URLs and validators into Redis unless already done for this store.

    ``store_id`` is :func:`storage.cluster.identity`. Redis seeded from another store (a new
    database, or one deleted and created again, on a Redis that kept its data) holds URLs and
    validators this store does not have: they are forgotten, with a warning, and Redis is seeded
    again. Returns how many URLs were loaded (and the other store's identity, when its URLs were
    forgotten), or None when Redis was seeded from this store already.
    """
    seeded_from = client.get(keys.STORE)
    seeded_from = seeded_from.decode() if isinstance(seeded_from, bytes) else seeded_from
    replaced = None
    if not force and client.exists(keys.SEEDED):
        if seeded_from in (None, store_id):  # None: seeded before stores were named; keep it
            return None
        replaced = seeded_from
        logger.warning("Redis holds the known URLs and validators of another store (%s); forgetting them and "
                       "seeding from %s", seeded_from, store_id)
    if seeded_from != store_id:
        client.delete(keys.KNOWN, keys.VALIDATORS, keys.RUNS, keys.SEEDED)
    n = 0
    batch: list[str] = []
    for url in store.known_urls(db):
        batch.append(url)
        if len(batch) >= CHUNK:
            n += _add(client, batch)
            batch = []
    n += _add(client, batch)
    mapping = {url: json.dumps({"etag": etag, "last_modified": modified})
               for url, etag, modified in store.validators(db)}
    for start in range(0, len(mapping), CHUNK):
        chunk = dict(list(mapping.items())[start:start + CHUNK])
        # Validators Redis already has are newer than the store's: keep them.
        with client.pipeline() as pipe:
            for url, value in chunk.items():
                pipe.hsetnx(keys.VALIDATORS, url, value)
            pipe.execute()
    client.set(keys.SEEDED, str(time.time()))
    client.set(keys.STORE, store_id)
    logger.info("seeded Redis from the store: %d known URLs, %d validators", n, len(mapping))
    return Seeded(n, replaced)


def _add(client: redis.Redis, urls: list[str]) -> int:
    if urls:
        client.sadd(keys.KNOWN, *urls)
    return len(urls)
