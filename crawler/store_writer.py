"""StoreWriter: the crawl's single writer to the SQLite store, in a thread of its own.

Pipelines hand it writes and await a Deferred; the reactor never waits on SQL. The writer thread
owns one connection and takes what has queued up as one batch: up to ``batch_items`` writes, or
whatever arrived within ``batch_seconds`` of the first. Each kind of write has a handler
(registered in order: articles before their stories), called once per batch with all the batch's
writes of its kind; a handler returns one result per write, once its transaction is committed.
Only then are the results handed back, on the reactor thread: nothing is acknowledged (or
counted) as stored before it is.

A handler returns an exception in place of a result for a write that failed (the others are kept);
a handler that raises fails all its writes of that batch, and the writer carries on.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable, Sequence

import sqlite_utils
from twisted.internet import defer
from twisted.python.failure import Failure

import storage

logger = logging.getLogger(__name__)

Handler = Callable[[sqlite_utils.Database, Sequence[Any]], Sequence[Any]]

BATCH_ITEMS = 64  # writes per batch at most
BATCH_SECONDS = 0.02  # how long a batch waits for more writes after its first


@dataclass
class _Write:
    kind: str
    payload: Any
    done: defer.Deferred


_STOP = object()
_CALL = ""  # the kind of a :meth:`StoreWriter.call` (no handler kind is empty)


class StoreWriter:
    """One thread, one connection, batched writes. :meth:`handle` each kind and :meth:`submit` from
    the reactor thread, after :meth:`start`; :meth:`close` when done."""

    def __init__(self, db_path: str, *, batch_items: int = BATCH_ITEMS, batch_seconds: float = BATCH_SECONDS) -> None:
        if batch_items < 1 or batch_seconds < 0:
            raise ValueError("a batch needs at least one item and a non-negative wait")
        self.db_path = db_path
        self.batch_items = batch_items
        self.batch_seconds = batch_seconds
        self.batches = 0  # committed so far
        self._handlers: dict[str, Handler] = {}
        self._queue: queue.Queue[Any] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._held: _Write | None = None  # a call taken from the queue while collecting a batch: the next batch

    def handle(self, kind: str, handler: Handler) -> None:
        """Write ``kind`` payloads with ``handler(db, payloads) -> results`` (one result per payload,
        or an exception for a payload not written), called in the writer thread. Kinds are written
        in the order they were registered (a batch's articles before their stories)."""
        self._handlers = {**self._handlers, kind: handler}  # a new dict: the writer thread may be reading it

    def start(self) -> None:
        """Open the store (in the calling thread, so a store that cannot be opened fails the crawl's
        start with its own error) and start the writer thread."""
        db = storage.open_db(self.db_path)
        self._thread = threading.Thread(target=self._run, args=(db,), name="wirewatch-store-writer", daemon=True)
        self._thread.start()

    def submit(self, kind: str, payload: Any) -> defer.Deferred:
        """Queue one write; the Deferred fires on the reactor thread with its result once committed
        (errback with the exception when it was not written)."""
        if kind not in self._handlers:
            raise KeyError(f"no handler for {kind!r} writes")
        if self._thread is None or not self._thread.is_alive():
            raise RuntimeError("the store writer is not running")
        done: defer.Deferred = defer.Deferred()
        self._queue.put(_Write(kind, payload, done))
        return done

    def call(self, function: Callable[[sqlite_utils.Database], Any]) -> defer.Deferred:
        """Run ``function(db)`` in the writer thread, in the order of the writes queued before it (a
        batch of its own: set-up such as building a handler's state before the first write); the
        Deferred fires on the reactor thread with its result, or errbacks with its exception."""
        if self._thread is None or not self._thread.is_alive():
            raise RuntimeError("the store writer is not running")
        done: defer.Deferred = defer.Deferred()
        self._queue.put(_Write(_CALL, function, done))
        return done

    def close(self) -> None:
        """Write what is queued, then stop the thread and close its connection."""
        if self._thread is None:
            return
        self._queue.put(_STOP)
        self._thread.join()
        self._thread = None

    # --- the writer thread ------------------------------------------------------------------

    def _run(self, db: sqlite_utils.Database) -> None:
        try:
            while True:
                batch, stop = self._collect()
                if batch:
                    results = self._write(db, batch)
                    self.batches += 1
                    self._deliver(batch, results)
                if stop:
                    return
        finally:
            db.close()

    def _collect(self) -> tuple[list[_Write], bool]:
        """The next batch (waiting for its first write), and whether the writer was told to stop."""
        first, self._held = (self._held, None) if self._held is not None else (self._queue.get(), None)
        if first is _STOP:
            return [], True
        batch = [first]
        if first.kind == _CALL:
            return batch, False
        deadline = time.monotonic() + self.batch_seconds
        while len(batch) < self.batch_items:
            try:
                write = self._queue.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                break
            if write is _STOP:
                return batch, True
            if write.kind == _CALL:  # a batch of its own, the next one
                self._held = write
                break
            batch.append(write)
        return batch, False

    def _write(self, db: sqlite_utils.Database, batch: list[_Write]) -> list[Any]:
        if batch[0].kind == _CALL:
            try:
                return [batch[0].payload(db)]
            except Exception as exc:  # handed to the caller's Deferred
                logger.error("store writer: call failed: %s", exc)
                if db.conn.in_transaction:
                    db.conn.rollback()
                return [exc]
        results: list[Any] = [None] * len(batch)
        for kind, handler in self._handlers.items():  # the dict is replaced, never changed
            mine = [i for i, w in enumerate(batch) if w.kind == kind]
            if not mine:
                continue
            try:
                out = list(handler(db, [batch[i].payload for i in mine]))
                if len(out) != len(mine):
                    raise RuntimeError(f"{kind} handler returned {len(out)} results for {len(mine)} writes")
            except Exception as exc:  # every write of the kind fails with it; the writer carries on
                logger.error("store writer: %s writes failed: %s", kind, exc)
                if db.conn.in_transaction:
                    db.conn.rollback()
                out = [exc] * len(mine)
            for i, result in zip(mine, out):
                results[i] = result
        return results

    @staticmethod
    def _deliver(batch: list[_Write], results: list[Any]) -> None:
        from twisted.internet import reactor

        def fire() -> None:
            for write, result in zip(batch, results):
                if isinstance(result, Exception):
                    write.done.errback(Failure(result))
                else:
                    write.done.callback(result)

        reactor.callFromThread(fire)
