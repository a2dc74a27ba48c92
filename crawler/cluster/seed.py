"""Seeding Redis from the store: the known set and the validators, when a cluster starts on an existing
database (or Redis lost its data: nothing persisted, or a new server)."""

from __future__ import annotations

import json
import logging
import time

import redis
import sqlite_utils

from crawler.cluster import keys
from storage import cluster as store

logger = logging.getLogger(__name__)

CHUNK = 1000


def seed(client: redis.Redis, db: sqlite_utils.Database, *, force: bool = False) -> int | None:
    """Load the store's known URLs and validators into Redis unless already done (the SEEDED key).

    Returns how many URLs were loaded, or None when Redis was seeded already.
    """
    if not force and client.exists(keys.SEEDED):
        return None
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
    logger.info("seeded Redis from the store: %d known URLs, %d validators", n, len(mapping))
    return n


def _add(client: redis.Redis, urls: list[str]) -> int:
    if urls:
        client.sadd(keys.KNOWN, *urls)
    return len(urls)
