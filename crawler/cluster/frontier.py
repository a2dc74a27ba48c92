"""RedisFrontier: the crawl frontier of crawler.frontier, with its state in Redis for a whole cluster.

Same interface and rules as crawler.frontier.Frontier, so the news spider runs unchanged on it:

- Validators (ETag / Last-Modified) of feeds and sitemaps live in one Redis hash. A document read in
  full (200) loses its validators at once and gets them back only when every article it listed has
  been dealt with, by whichever worker fetched it: a worker killed mid-crawl leaves the document
  without validators, so the next cycle reads it in full and finds what was lost.
- Per document, a counter of article requests not finished yet is kept in Redis (HINCRBY), since
  the articles are fetched by any worker through the shared scrapy-redis queue.
- "Known" (stored, directly or as an alias) is a Redis set written by the ingester after each commit;
  "already requested in this cycle" is a Redis set emptied by each `cluster schedule`.
- Aliases (redirects, rel=canonical) go to the ingester through the stream, which stores them.
"""

from __future__ import annotations

import json
import logging
from typing import Iterable

import redis

from crawler.cluster import keys, messages
from crawler.frontier import ALIAS_BATCH, Document
from processing.urls import canonicalize

logger = logging.getLogger(__name__)

DOCUMENT_TTL_S = 2 * 24 * 3600  # a document's progress outlives any cycle, not forever


class RedisFrontier:
    def __init__(self, client: redis.Redis, *, refresh: bool = False) -> None:
        self.client = client
        self.refresh = refresh
        self._aliases: list[tuple[str, str]] = []

    # --- life cycle ---------------------------------------------------------------------
    def open(self, discovery_urls: Iterable[str]) -> None:
        """Nothing to load: every look-up goes to Redis."""

    def close(self) -> None:
        self._flush_aliases()

    # --- discovery documents ------------------------------------------------------------
    def conditional_headers(self, url: str) -> dict[str, str]:
        if self.refresh:
            return {}
        raw = self.client.hget(keys.VALIDATORS, url)
        if not raw:
            return {}
        found = json.loads(raw)
        headers = {}
        if found.get("etag"):
            headers["If-None-Match"] = found["etag"]
        if found.get("last_modified"):
            headers["If-Modified-Since"] = found["last_modified"]
        return headers

    def fetched(self, url: str, outlet: str, kind: str, status: int, headers: dict[str, str | None]) -> Document:
        document = Document(url, outlet, kind, status, headers.get("etag"), headers.get("last-modified"))
        if status == 304:
            document.read = document.done = True  # the stored validators stay
            return document
        key = keys.document(url)
        with self.client.pipeline() as pipe:
            pipe.hdel(keys.VALIDATORS, url)  # until every article it lists is dealt with
            pipe.delete(key)
            pipe.hset(key, mapping={"etag": document.etag or "", "last_modified": document.last_modified or "",
                                    "pending": 0, "read": 0, "retry": 0, "keep": 1})
            pipe.expire(key, DOCUMENT_TTL_S)
            pipe.execute()
        return document

    def read(self, document: Document, *, keep_validators: bool = True) -> None:
        document.read = True
        document.keep_validators = keep_validators
        if document.done:
            return
        self.client.hset(keys.document(document.url), mapping={"read": 1, "keep": int(keep_validators)})
        self._maybe_finish(document.url)

    def failed(self, url: str, outlet: str, kind: str, reason: str, status: int | None) -> None:
        with self.client.pipeline() as pipe:
            pipe.hdel(keys.VALIDATORS, url)
            pipe.delete(keys.document(url))
            pipe.execute()

    # --- articles ---------------------------------------------------------------------------
    def select(self, urls: Iterable[str]) -> tuple[list[str], int, int]:
        """The canonical forms of ``urls`` to fetch, how many were already stored, and how many are
        duplicates: listed twice in ``urls`` (in one canonical form) or already requested in this cycle
        (by any worker)."""
        canonical = [canonicalize(u) for u in urls]
        candidates = list(dict.fromkeys(canonical))
        repeats = len(canonical) - len(candidates)
        if not candidates:
            return [], 0, 0
        stored = [False] * len(candidates) if self.refresh else self.client.smismember(keys.KNOWN, candidates)
        fresh = [u for u, is_known in zip(candidates, stored) if not is_known]
        with self.client.pipeline() as pipe:
            for url in fresh:
                pipe.sadd(keys.CLAIMED, url)
            added = pipe.execute() if fresh else []
        chosen = [u for u, new in zip(fresh, added) if new]
        return chosen, len(candidates) - len(fresh), repeats + len(fresh) - len(chosen)

    def expect(self, document: Document, n: int) -> None:
        if n and not document.done:
            self.client.hincrby(keys.document(document.url), "pending", n)

    def article_done(self, document_url: str | None, *, retry: bool = False) -> None:
        if not document_url:
            return
        key = keys.document(document_url)
        if not self.client.exists(key):
            return  # fetched in an earlier cycle, or the document failed
        with self.client.pipeline() as pipe:
            pipe.hincrby(key, "pending", -1)
            if retry:
                pipe.hset(key, "retry", 1)
            pipe.execute()
        self._maybe_finish(document_url)

    def is_stored(self, canonical_url: str) -> bool:
        return not self.refresh and bool(self.client.sismember(keys.KNOWN, canonical_url))

    def claim(self, canonical_url: str) -> bool:
        return bool(self.client.sadd(keys.CLAIMED, canonical_url))

    def alias(self, urls: Iterable[str], canonical_url: str) -> None:
        self._aliases.extend((canonicalize(u), canonical_url) for u in urls if canonicalize(u) != canonical_url)
        if len(self._aliases) >= ALIAS_BATCH:
            self._flush_aliases()

    # --- internals ------------------------------------------------------------------------
    def _maybe_finish(self, url: str) -> None:
        key = keys.document(url)
        state = {k.decode(): v.decode() for k, v in self.client.hgetall(key).items()}
        if state.get("read") != "1" or int(state.get("pending", "0")) > 0 or state.get("done"):
            return
        if not self.client.hsetnx(key, "done", 1):
            return  # another worker finished it first
        if state.get("keep") == "1" and state.get("retry") != "1" and (state.get("etag") or state.get("last_modified")):
            self.client.hset(keys.VALIDATORS, url, json.dumps({"etag": state.get("etag") or None,
                                                              "last_modified": state.get("last_modified") or None}))

    def _flush_aliases(self) -> None:
        if self._aliases:
            messages.publish(self.client, messages.aliases(self._aliases))
        self._aliases = []
