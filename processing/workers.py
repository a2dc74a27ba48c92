"""Running a function in worker processes that can be stopped: a hard time limit per call.

A thread cannot be interrupted in Python, and lxml holds the GIL in C code, so a page that makes
the parser or extractor spin would stall whoever called it. :class:`WorkerPool` keeps a few worker
processes alive and reuses them (starting one costs far more than one call); a call that overruns
its limit gets its worker killed and replaced, and a worker that dies (a crash in C code, the
kernel's OOM killer) is replaced too. Either way the caller gets a named exception, at once.

Workers are fresh interpreters (the "spawn" start method: the caller's threads are never forked)
that import the ``preload`` modules, run the optional ``warm_up`` function (lazily loaded data such
as language profiles) and report ready before their first call, so neither counts against a
call's time limit (under load a cold first call can take longer than the limit; if every
replacement paid it again, every page would time out).
"""

from __future__ import annotations

import importlib
import logging
import multiprocessing
import queue
import signal
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any, Callable, Sequence

logger = logging.getLogger(__name__)


class WorkerPoolError(Exception):
    """A call could not complete in a worker."""


class TimeLimitExceeded(WorkerPoolError):
    """The call ran past the time limit; its worker was killed and replaced."""


class WorkerCrashed(WorkerPoolError):
    """The worker died during the call (signal or exit); it was replaced."""


class WorkerRaised(WorkerPoolError):
    """The function raised in the worker; the message is ``Type: message``."""


STARTUP_LIMIT = 120.0  # seconds a new worker may take to import its modules


@dataclass
class _Worker:
    process: Any  # multiprocessing.Process of the pool's context
    conn: Connection
    ready: bool = False
    calls: int = 0


def _serve(conn: Connection, preload: Sequence[str], warm_up: Callable[[], Any] | None = None) -> None:
    """A worker's loop: import ``preload``, run ``warm_up``, say ready, then run each (function, args, kwargs)
    received and send back the outcome."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    for name in preload:
        importlib.import_module(name)
    if warm_up is not None:
        warm_up()
    conn.send(("ready", None))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        function, args, kwargs = job
        try:
            outcome: tuple[str, Any] = ("ok", function(*args, **kwargs))
        except Exception as exc:  # reported to the caller as WorkerRaised, never lost
            outcome = ("raised", f"{type(exc).__name__}: {exc}")
        try:
            conn.send(outcome)
        except (BrokenPipeError, OSError):
            return


class WorkerPool:
    """``size`` reusable worker processes; :meth:`call` runs a function in one, within ``time_limit``.

    Thread-safe: each concurrent caller gets its own worker (callers wait for a free one).
    """

    def __init__(self, size: int = 1, time_limit: float = 20.0, preload: Sequence[str] = (),
                 warm_up: Callable[[], Any] | None = None) -> None:
        if size < 1:
            raise ValueError("a worker pool needs at least one worker")
        if time_limit <= 0:
            raise ValueError("the time limit must be positive")
        self.size = size
        self.time_limit = time_limit
        self.preload = list(preload)
        self.warm_up = warm_up  # importable by name: run in each new worker before it reports ready
        self.replaced = 0  # workers killed or lost and replaced
        self._context = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: list[_Worker] = []
        self._lock = threading.Lock()
        self._closed = False

    def __enter__(self) -> "WorkerPool":
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self, wait: bool = True) -> None:
        """Start the workers. With ``wait``, return once they are ready; without, at once: they
        import in the background while the caller goes on, and each worker's first call waits for
        its readiness (up to ``STARTUP_LIMIT`` seconds, not counted in ``time_limit``)."""
        with self._lock:
            fresh = [self._spawn() for _ in range(self.size - len(self._all))]
            self._all.extend(fresh)
        for worker in fresh:
            self._idle.put(self._wait_ready(worker) if wait else worker)

    def call(self, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """``function(*args, **kwargs)`` in a worker. ``function`` must be importable by name."""
        if self._closed:
            raise RuntimeError("the worker pool is closed")
        if not self._all:
            self.start()
        worker = self._idle.get()
        try:
            if not worker.ready:
                worker = self._wait_ready(worker)
                if not worker.ready:
                    raise WorkerCrashed("worker process could not start")
            worker.conn.send((function, args, kwargs))
            if not worker.conn.poll(self.time_limit):
                worker = self._replace(worker, "ran past the time limit")
                raise TimeLimitExceeded(f"no result within {self.time_limit:g}s")
            try:
                kind, value = worker.conn.recv()
            except (EOFError, OSError):
                code = self._exit_code(worker)
                worker = self._replace(worker, f"died ({code})")
                raise WorkerCrashed(f"worker process died ({code})") from None
        except (BrokenPipeError, ConnectionResetError):
            code = self._exit_code(worker)
            worker = self._replace(worker, f"died ({code})")
            raise WorkerCrashed(f"worker process died ({code})") from None
        finally:
            self._idle.put(worker)
        worker.calls += 1
        if kind == "raised":
            raise WorkerRaised(value)
        return value

    def close(self) -> None:
        """Stop every worker (politely, then by force)."""
        self._closed = True
        with self._lock:
            workers, self._all = self._all, []
        for worker in workers:
            try:
                worker.conn.send(None)
            except OSError:
                pass
        deadline = time.monotonic() + 2
        for worker in workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join(2)
            worker.conn.close()

    @property
    def pids(self) -> list[int]:
        return [w.process.pid for w in self._all]

    def _wait_ready(self, worker: _Worker) -> _Worker:
        """Wait for a new worker's imports. One that cannot start is replaced once; the returned
        worker is still not ready if its replacement could not start either."""
        for attempt in (1, 2):
            try:
                if worker.conn.poll(STARTUP_LIMIT) and worker.conn.recv()[0] == "ready":
                    worker.ready = True
                    return worker
            except (EOFError, OSError):
                pass
            worker = self._replace(worker, f"did not start ({self._exit_code(worker)})")
        return worker

    def _spawn(self) -> _Worker:
        parent, child = self._context.Pipe(duplex=True)
        process = self._context.Process(target=_serve, args=(child, self.preload, self.warm_up), name="wirewatch-worker",
                                        daemon=True)
        process.start()
        child.close()
        return _Worker(process, parent)

    def _replace(self, worker: _Worker, why: str) -> _Worker:
        logger.warning("worker %s %s; starting a new one", worker.process.pid, why)
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(5)
        worker.conn.close()
        fresh = self._spawn()
        with self._lock:
            self._all = [fresh if w is worker else w for w in self._all]
        self.replaced += 1
        return fresh

    @staticmethod
    def _exit_code(worker: _Worker) -> str:
        worker.process.join(1)
        code = worker.process.exitcode
        if code is None:
            return "still running"
        if code < 0:
            try:
                return f"signal {signal.Signals(-code).name}"
            except ValueError:
                return f"signal {-code}"
        return f"exit status {code}"
