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
import os
import signal
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass, field
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
READY_POLL = 0.1  # seconds between checks, while waiting for a worker to start, that the pool is not closed


class _Job:
    """One call sent to a worker: its outcome, and whether it is the oldest unanswered one there."""

    __slots__ = ("outcome", "turn")

    def __init__(self) -> None:
        self.outcome: tuple[str, Any] | None = None  # ("ok" | "raised" | "resend" | "error", value)
        self.turn = threading.Event()  # set when the job is its worker's oldest, or has its outcome


@dataclass
class _Worker:
    process: Any  # multiprocessing.Process of the pool's context
    conn: Connection
    ready: bool = False
    calls: int = 0
    jobs: deque = field(default_factory=deque)  # sent and unanswered, oldest first (the one running)
    started: float = 0.0  # monotonic time the oldest job started (sent, or the one before it answered)
    sending: threading.Lock = field(default_factory=threading.Lock)  # one sender at a time, in order
    reserved: int = 0  # callers that chose this worker and wait for its sending lock
    gone: bool = False  # replaced: sends nothing more


def _exit_now() -> None:
    """End a worker told to stop at once, skipping the interpreter's teardown: freeing every module's
    objects (lxml, numpy, the language models) one by one took a worker 0.1 to 0.5 s, and the crawl
    waits for its workers before it closes. A worker has nothing to finalise: its results went back
    through the pipe, it writes no file, and standard output and error are flushed here."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # closed or gone: nothing left to write
            pass
    os._exit(0)


def _serve(conn: Connection, preload: Sequence[str], warm_up: tuple[str, str] | None = None) -> None:
    """A worker's loop: import ``preload``, run ``warm_up`` (module name, function name), say ready, then
    run each (function, args, kwargs) received and send back the outcome.

    The warm-up comes by name, not as a function: unpickling a function imports its module before this
    line runs, and a Ctrl-C meanwhile would print the worker's KeyboardInterrupt traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    for name in preload:
        importlib.import_module(name)
    if warm_up is not None:
        module, function = warm_up
        getattr(importlib.import_module(module), function)()
    conn.send(("ready", None))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:  # the pool's polite stop
            _exit_now()
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

    Thread-safe: concurrent callers share the workers, each worker taking up to ``depth`` calls at a
    time (callers wait for room). With ``depth`` 2 a worker finds its next call in its pipe when it
    finishes one, instead of idling until its caller's thread has taken the result and sent the
    next (on a loaded machine that thread may wait for a core, or for the GIL, for milliseconds); the
    calls still run one at a time, in order, and each one's time limit counts from when it starts.
    A call queued behind one that kills its worker, or runs past its limit, has not started: it is
    sent again, to a live worker.
    """

    def __init__(self, size: int = 1, time_limit: float = 20.0, preload: Sequence[str] = (),
                 warm_up: Callable[[], Any] | None = None, depth: int = 1) -> None:
        if size < 1:
            raise ValueError("a worker pool needs at least one worker")
        if time_limit <= 0:
            raise ValueError("the time limit must be positive")
        if depth < 1:
            raise ValueError("a worker takes at least one call at a time")
        self.size = size
        self.time_limit = time_limit
        self.depth = depth
        self.preload = list(preload)
        self.warm_up = warm_up  # importable by name: run in each new worker before it reports ready
        self.replaced = 0  # workers killed or lost and replaced
        self._context = multiprocessing.get_context("spawn")
        self._all: list[_Worker] = []
        self._lock = threading.Condition()  # guards _all and every worker's jobs; notified when room frees
        self._closed = False

    def __enter__(self) -> "WorkerPool":
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self, wait: bool = True) -> None:
        """Start the workers. With ``wait``, return once they are ready; without, at once: they
        import in the background while the caller goes on, and each worker's first call waits for
        its readiness (up to ``STARTUP_LIMIT`` seconds, not counted in ``time_limit``).

        Raises RuntimeError when the pool is closed (by another thread) before its workers are ready:
        :meth:`close` ends the wait at once (within ``READY_POLL`` seconds)."""
        with self._lock:
            if self._closed:
                raise RuntimeError("the worker pool is closed")
            fresh = [self._spawn() for _ in range(self.size - len(self._all))]
            self._all.extend(fresh)
            self._lock.notify_all()
        if wait:
            for worker in fresh:
                with worker.sending:
                    self._ensure_ready(worker)
            if self._closed:
                raise RuntimeError("the worker pool was closed while its workers started")

    def call(self, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """``function(*args, **kwargs)`` in a worker. ``function`` must be importable by name."""
        if self._closed:
            raise RuntimeError("the worker pool is closed")
        if not self._all:
            self.start(wait=False)
        while True:
            worker, job = self._send(function, args, kwargs)
            kind, value = self._wait(worker, job)
            if kind != "resend":
                break
        if kind == "raised":
            raise WorkerRaised(value)
        if kind == "error":
            raise value
        return value

    def close(self) -> None:
        """Stop every worker: a ready one politely (then by force after 2 s), one still starting at
        once (it would only read the request to stop after its imports and warm-up). Safe to call
        again, and from another thread than one waiting in :meth:`start`, whose wait it ends."""
        with self._lock:
            self._closed = True
            workers, self._all = self._all, []
            for worker in workers:
                worker.gone = True
                self._fail_all(worker, ("error", WorkerCrashed("the worker pool was closed")))
            self._lock.notify_all()
        for worker in workers:
            if not worker.ready:
                worker.process.kill()
                continue
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

    # --- sending and waiting --------------------------------------------------------------

    def _send(self, function: Callable[..., Any], args: tuple, kwargs: dict) -> tuple[_Worker, _Job]:
        """Send the call to the live worker with the fewest calls (waiting for room); its job.
        A worker's jobs are queued in the order they are sent (both under its ``sending`` lock)."""
        unstarted = 0  # workers that could not start for this call
        while True:
            with self._lock:
                while True:
                    if self._closed:
                        raise RuntimeError("the worker pool is closed")
                    live = [w for w in self._all if not w.gone and len(w.jobs) + w.reserved < self.depth]
                    if live:
                        break
                    self._lock.wait()
                # The fewest calls; among those, the worker whose current call started last (one running
                # long, perhaps towards its time limit, is the last to get a call queued behind it).
                worker = min(live, key=lambda w: (len(w.jobs) + w.reserved, -w.started if w.jobs else 0.0))
                worker.reserved += 1  # room held while this caller waits for the worker's sending lock
            job = _Job()
            with worker.sending:
                ready = self._ensure_ready(worker)
                with self._lock:
                    worker.reserved -= 1
                    usable = ready and not worker.gone
                    if usable:
                        worker.jobs.append(job)
                        if worker.jobs[0] is job:
                            worker.started = time.monotonic()
                            job.turn.set()
                if not usable:
                    if not ready:
                        self._lose(worker, f"did not start ({self._exit_code(worker)})")
                        unstarted += 1
                        if unstarted >= 2:  # its replacement could not start either
                            raise WorkerCrashed("worker process could not start")
                    continue
                try:
                    worker.conn.send((function, args, kwargs))
                except (BrokenPipeError, ConnectionResetError, OSError):
                    code = self._exit_code(worker)
                    self._lose(worker, f"died ({code})")  # this job, not started, is sent again
            return worker, job

    def _wait(self, worker: _Worker, job: _Job) -> tuple[str, Any]:
        """Wait for the job's outcome: when it is its worker's oldest, read the result (in order)."""
        job.turn.wait()
        if job.outcome is not None:
            return job.outcome
        remaining = worker.started + self.time_limit - time.monotonic()
        try:
            if not worker.conn.poll(max(0.0, remaining)):
                self._lose(worker, "ran past the time limit", job,
                           ("error", TimeLimitExceeded(f"no result within {self.time_limit:g}s")))
                return job.outcome  # type: ignore[return-value]
            outcome = worker.conn.recv()
        except (EOFError, OSError):
            code = self._exit_code(worker)
            self._lose(worker, f"died ({code})", job, ("error", WorkerCrashed(f"worker process died ({code})")))
            return job.outcome  # type: ignore[return-value]
        with self._lock:
            worker.calls += 1
            if worker.jobs and worker.jobs[0] is job:
                worker.jobs.popleft()
            job.outcome = outcome
            if worker.jobs:
                worker.started = time.monotonic()
                worker.jobs[0].turn.set()
            self._lock.notify_all()
        return outcome

    def _lose(self, worker: _Worker, why: str, job: _Job | None = None,
              outcome: tuple[str, Any] | None = None) -> None:
        """Kill and replace ``worker``: ``job`` (the one running) gets ``outcome``, the calls queued
        behind it are sent again."""
        with self._lock:
            if worker.gone:
                if job is not None and job.outcome is None and outcome is not None:
                    job.outcome = outcome
                return
            worker.gone = True
            if job is not None and outcome is not None:
                job.outcome = outcome
            self._fail_all(worker, ("resend", None))
        self._replace(worker, why)
        with self._lock:
            self._lock.notify_all()  # the new worker has room

    @staticmethod
    def _fail_all(worker: _Worker, outcome: tuple[str, Any]) -> None:
        """Give every call still queued on ``worker`` (under the pool's lock) ``outcome``."""
        while worker.jobs:
            queued = worker.jobs.popleft()
            if queued.outcome is None:
                queued.outcome = outcome
            queued.turn.set()

    def _ensure_ready(self, worker: _Worker) -> bool:
        """Wait for a new worker's imports (with its ``sending`` lock held); False if it cannot start,
        or once the pool is closed (checked every ``READY_POLL`` seconds)."""
        if worker.ready:
            return True
        deadline = time.monotonic() + STARTUP_LIMIT
        try:
            while not self._closed:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                if worker.conn.poll(min(READY_POLL, remaining)):
                    if worker.conn.recv()[0] == "ready":
                        worker.ready = True
                        return True
                    return False
        except (EOFError, OSError):  # the worker died, or close() closed the pipe
            pass
        return False

    def _spawn(self) -> _Worker:
        """Start one worker process. It ignores SIGINT from its first line (:func:`_serve`): a Ctrl-C
        sent to the whole process group, as a terminal does, is the crawl's process to handle, which
        closes the pool. (A new interpreter does not inherit a blocked signal mask from a thread,
        and only the main thread may ignore a signal; one arriving while the worker's interpreter
        and this module load still interrupts it, with its traceback.)"""
        warm_up = (self.warm_up.__module__, self.warm_up.__qualname__) if self.warm_up is not None else None
        parent, child = self._context.Pipe(duplex=True)
        process = self._context.Process(target=_serve, args=(child, self.preload, warm_up), name="wirewatch-worker",
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
            if self._closed:
                fresh.gone = True
            self._all = [fresh if w is worker else w for w in self._all]
        if fresh.gone:
            fresh.process.kill()
            fresh.process.join(2)
            fresh.conn.close()
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
