"""The ingester: the cluster's one SQLite writer.

Reads the articles stream with a consumer group (XREADGROUP), upserts each batch of articles on
their canonical URL, stores aliases, translations and sentence-cache rows, clusters the batch into
stories (crawler.clustering), adds the stored URLs to the "known" set, and only then acknowledges
(XACK) and deletes (XDEL) the entries. A crash between commit and acknowledgement re-delivers the
batch; the canonical-URL upsert and the clusterer's "only what needs it" make that harmless.

On start, entries another consumer took and never acknowledged (an ingester killed mid-batch) are
claimed at once with XAUTOCLAIM: there is one ingester per cluster by design. While running, entries
idle for longer than ``claim_idle_ms`` are claimed again (a stuck consumer). Workers' ``run`` entries
become crawl_runs rows, one per worker run, with the worker named in ``sources_file`` and ``stats``.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections import defaultdict
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Callable

import redis
import sqlite_utils

import storage
from crawler.cluster import keys, messages
from crawler.cluster.messages import Message
from crawler.cluster.seed import seed
from crawler.clustering import Clusterer
from crawler.extensions.run_recorder import COMPLETED_REASONS, run_counts, source_counts
from processing.dedup import DedupOptions
from storage import articles, discovery, run_sources, runs, sources, translations
from storage.dedup import SchemeMismatch
from storage import cluster as cluster_store

logger = logging.getLogger(__name__)

RUN_STATS = f"{keys.PREFIX}:runstats:"  # + run key: hash of stored/new|updated|unchanged tallies


@dataclass(frozen=True)
class IngestOptions:
    batch_size: int = 200  # entries read (and committed) at once
    block_ms: int = 1000  # how long one XREADGROUP waits for entries
    claim_idle_ms: int = 60_000  # entries pending this long with another consumer are claimed
    until_idle_s: float | None = None  # stop once nothing arrived for this long and nothing is pending
    dedup: bool = True  # cluster articles into stories (WIREWATCH_DEDUP)


@dataclass
class IngestReport:
    entries: int = 0
    batches: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    aliases: int = 0
    runs_started: int = 0
    runs_finished: int = 0
    claimed: int = 0
    bad: int = 0

    def line(self) -> str:
        return ", ".join(f"{f.name.replace('_', ' ')} {getattr(self, f.name)}" for f in fields(self))


class Ingester:
    def __init__(self, client: redis.Redis, db_path: Path, consumer: str, options: IngestOptions) -> None:
        self.client = client
        self.db_path = db_path
        self.consumer = consumer
        self.options = options
        self.report = IngestReport()
        self.db: sqlite_utils.Database | None = None
        self.clusterer: Clusterer | None = None
        self._runs: dict[str, int] = {}

    # --- the loop -------------------------------------------------------------------------
    def run(self, stop: Callable[[], bool] = lambda: False) -> IngestReport:
        """Ingest until ``stop()`` is true (checked between batches) or, with ``until_idle_s``, idle."""
        self.db = storage.open_db(self.db_path)
        try:
            if self.options.dedup:
                self.clusterer = Clusterer(self.db, DedupOptions(), batch_size=self.options.batch_size)
            self._prepare()
            self._drain_own_pending()
            self._claim(min_idle_ms=0)
            last_entry, last_claim = time.monotonic(), time.monotonic()
            while not stop():
                if time.monotonic() - last_claim > self.options.claim_idle_ms / 1000:
                    self._claim(self.options.claim_idle_ms)
                    last_claim = time.monotonic()
                if self._read(">"):
                    last_entry = time.monotonic()
                elif (self.options.until_idle_s is not None
                      and time.monotonic() - last_entry >= self.options.until_idle_s and not self._pending()):
                    break
        finally:
            self.db.close()
            self.db = None
        return self.report

    def _prepare(self) -> None:
        try:
            self.client.xgroup_create(keys.STREAM, keys.GROUP, id="0", mkstream=True)
        except redis.ResponseError as exc:
            if "BUSYGROUP" not in str(exc):
                raise
        assert self.db is not None
        seed(self.client, self.db, cluster_store.identity(self.db, str(Path(self.db_path).resolve())))

    def _read(self, start: str) -> int:
        try:
            answer = self.client.xreadgroup(keys.GROUP, self.consumer, {keys.STREAM: start},
                                            count=self.options.batch_size, block=self.options.block_ms)
        except redis.ResponseError as exc:
            if "NOGROUP" not in str(exc):
                raise
            logger.warning("the consumer group is gone (Redis lost its data?); creating it and seeding again")
            self._prepare()
            return 0
        entries = answer[0][1] if answer else []
        if entries:
            self.ingest(entries)
        return len(entries)

    def _drain_own_pending(self) -> None:
        """Entries delivered to this consumer name before and never acknowledged (same --consumer)."""
        while self._read("0"):
            pass

    def _claim(self, min_idle_ms: int) -> None:
        """Take over entries other consumers were given and never acknowledged (XAUTOCLAIM)."""
        start = "0-0"
        while True:
            answer = self.client.xautoclaim(keys.STREAM, keys.GROUP, self.consumer, min_idle_ms,
                                            start_id=start, count=self.options.batch_size)
            start, entries = answer[0], answer[1]
            start = start.decode() if isinstance(start, bytes) else start
            for deleted in answer[2] if len(answer) > 2 else []:  # Redis 7: gone from the stream
                self.client.xack(keys.STREAM, keys.GROUP, deleted)
            if entries:
                self.report.claimed += len(entries)
                logger.info("claimed %d unacknowledged stream entries", len(entries))
                self.ingest(entries)
            if start == "0-0":
                return

    def _pending(self) -> int:
        try:
            return int(self.client.xpending(keys.STREAM, keys.GROUP)["pending"])
        except redis.ResponseError:
            return 0

    # --- one batch ------------------------------------------------------------------------
    def ingest(self, entries: list[tuple[Any, dict[bytes, bytes] | None]]) -> None:
        """Store one batch of stream entries, then acknowledge and delete them."""
        assert self.db is not None
        decoded: list[Message] = []
        ids = []
        for entry_id, entry_fields in entries:
            ids.append(entry_id)
            if not entry_fields:
                continue  # deleted from the stream after delivery: nothing to store
            try:
                decoded.append(messages.decode(entry_id, entry_fields))
            except ValueError as exc:
                self.report.bad += 1
                logger.error("ingest: %s; acknowledged and dropped", exc)
        for message in decoded:
            if message.type == messages.RUN and message.data.get("event") == "start":
                self._run_started(message.data)
        known = self._store([m.data for m in decoded if m.type == messages.ARTICLE])
        pairs = [(u, c) for m in decoded if m.type == messages.ALIASES for u, c in m.data]
        if pairs:
            discovery.add_aliases(self.db, pairs)
            known.extend(discovery.stored(self.db, [u for u, _ in pairs]))
            self.report.aliases += len(pairs)
        for message in decoded:
            if message.type == messages.RUN and message.data.get("event") == "end":
                self._run_finished(message.data)
        # Committed: now Redis may know it, and the entries may go.
        with self.client.pipeline() as pipe:
            if known:
                pipe.sadd(keys.KNOWN, *known)
            if ids:
                pipe.xack(keys.STREAM, keys.GROUP, *ids)
                pipe.xdel(keys.STREAM, *ids)
            pipe.execute()
        self.report.entries += len(ids)
        self.report.batches += 1

    def _store(self, items: list[dict[str, Any]]) -> list[str]:
        """Upsert the articles (one transaction per worker run), their translations and cache rows,
        then cluster them. Returns the canonical URLs stored."""
        assert self.db is not None
        if not items:
            return []
        by_run: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for item in items:
            by_run[item.get("run") or ""].append(item)
        ids: list[int] = []
        for run_key, group in by_run.items():
            run_id = self._run_id(run_key) if run_key else None
            results = articles.upsert_many(self.db, [item["row"] for item in group], run_id=run_id)
            tally: dict[str, int] = defaultdict(int)
            for item, result in zip(group, results):
                ids.append(result.id)
                tally[result.outcome] += 1
                setattr(self.report, result.outcome, getattr(self.report, result.outcome) + 1)
                row = item["row"]
                if row.get("translation_status") is not None:  # the row carries its translation columns
                    translations.record_stored(self.db, result.id, result.outcome, status=row["translation_status"],
                                               title_en=row.get("title_en"), text_en=row.get("text_en"),
                                               provenance=item.get("translation"))
                if item.get("cache_entries"):
                    translations.SentenceCache(self.db).put_many(item["cache_entries"])
            if run_key:
                with self.client.pipeline() as pipe:
                    for outcome, n in tally.items():
                        pipe.hincrby(RUN_STATS + run_key, outcome, n)
                    pipe.execute()
        self._cluster(ids)
        return [item["row"]["canonical_url"] for item in items]

    def _cluster(self, ids: list[int]) -> None:
        if self.clusterer is None or not ids:
            return
        try:
            self.clusterer.cluster(ids)
        except SchemeMismatch as exc:
            logger.error("dedup off for this ingester: %s", exc)
            self.clusterer = None
        except sqlite3.Error as exc:
            logger.error("dedup failed for a batch of %d articles (%s); `wirewatch dedup` clusters them later",
                         len(ids), exc)

    # --- worker runs ----------------------------------------------------------------------
    def _run_id(self, run_key: str, sources_file: str | None = None) -> int:
        if run_key in self._runs:
            return self._runs[run_key]
        stored = self.client.hget(keys.RUNS, run_key)
        if stored is not None:
            self._runs[run_key] = int(stored)
            return int(stored)
        assert self.db is not None
        run_id = runs.start(self.db, sources_file=sources_file or f"cluster worker run {run_key}")
        self.client.hset(keys.RUNS, run_key, run_id)
        self._runs[run_key] = run_id
        return run_id

    def _run_started(self, data: dict[str, Any]) -> None:
        assert self.db is not None
        if data.get("outlets"):
            sources.sync(self.db, data["outlets"])
        run_id = self._run_id(data["run"], f"cluster worker {data.get('worker')}: {data.get('sources_file', '')}")
        self.report.runs_started += 1
        logger.info("worker %s: run %s is crawl run %d", data.get("worker"), data["run"], run_id)

    def _run_finished(self, data: dict[str, Any]) -> None:
        assert self.db is not None
        run_id = self._run_id(data["run"])
        tallies = {k.decode(): int(v) for k, v in self.client.hgetall(RUN_STATS + data["run"]).items()}
        stats = dict(data.get("stats") or {})
        stats.update({f"wirewatch/stored/{k}": v for k, v in tallies.items()})
        stats["wirewatch/worker"] = data.get("worker")
        counts = run_counts(stats)
        reason = data.get("reason") or "finished"
        status = "completed" if reason in COMPLETED_REASONS else "interrupted" if reason == "shutdown" else "failed"
        run_sources.record(self.db, run_id, source_counts(stats, data.get("outlets") or [],
                                                          run_sources.new_articles_by_outlet(self.db, run_id)))
        runs.finish(self.db, run_id, counts, status=status, finish_reason=reason)
        self.report.runs_finished += 1
