"""The worker pool: calls run in reused worker processes, and a call that overruns its time limit
or kills its worker is stopped, reported by name, and the worker replaced."""

from __future__ import annotations

import os
import signal
import threading
import time
from typing import Iterator

import pytest

from processing.workers import TimeLimitExceeded, WorkerCrashed, WorkerPool, WorkerRaised


# Functions the workers run (a worker imports them by name). Every pool preloads this module, so the
# import (pytest among it, seconds on a loaded machine) happens before a worker reports ready, never
# inside a call's time limit.
PRELOAD = [__name__]


def pid_and_double(value: int) -> tuple[int, int]:
    return os.getpid(), value * 2


def sleep_forever() -> None:
    while True:
        time.sleep(60)


def spin_forever() -> None:
    while True:
        pass


def die_by_signal() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def exit_hard() -> None:
    os._exit(3)


def raise_value_error() -> None:
    raise ValueError("not like this")


@pytest.fixture(scope="module")
def pool() -> Iterator[WorkerPool]:
    with WorkerPool(size=1, time_limit=2.0, preload=PRELOAD) as started:
        yield started


def test_calls_reuse_the_same_worker(pool: WorkerPool) -> None:
    first_pid, doubled = pool.call(pid_and_double, 21)
    second_pid, _ = pool.call(pid_and_double, 1)
    assert doubled == 42
    assert first_pid == second_pid != os.getpid()


@pytest.mark.parametrize("endless", [sleep_forever, spin_forever])
def test_a_call_past_the_time_limit_is_stopped_and_the_worker_replaced(pool: WorkerPool, endless) -> None:
    before, _ = pool.call(pid_and_double, 0)
    with pytest.raises(TimeLimitExceeded):
        pool.call(endless)
    after, value = pool.call(pid_and_double, 5)
    assert value == 10 and after != before
    with pytest.raises(ProcessLookupError):
        os.kill(before, 0)  # the old worker is gone, not left running


@pytest.mark.parametrize("fatal, reason", [(die_by_signal, "signal SIGKILL"), (exit_hard, "exit status 3")])
def test_a_worker_that_dies_is_reported_and_replaced(pool: WorkerPool, fatal, reason: str) -> None:
    with pytest.raises(WorkerCrashed, match=reason):
        pool.call(fatal)
    assert pool.call(pid_and_double, 2)[1] == 4


def test_an_exception_in_the_worker_is_reported_by_type_and_message(pool: WorkerPool) -> None:
    before, _ = pool.call(pid_and_double, 0)
    with pytest.raises(WorkerRaised, match="ValueError: not like this"):
        pool.call(raise_value_error)
    assert pool.call(pid_and_double, 0)[0] == before  # the worker survives an exception


def test_concurrent_callers_each_get_a_worker() -> None:
    results: list[int] = []
    with WorkerPool(size=2, time_limit=5.0, preload=PRELOAD) as two:
        threads = [threading.Thread(target=lambda v=v: results.append(two.call(pid_and_double, v)[1]))
                   for v in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(results) == [0, 2, 4, 6, 8, 10]
        assert len(set(two.pids)) == 2


def test_close_stops_the_workers() -> None:
    pool = WorkerPool(size=1, time_limit=5.0, preload=PRELOAD)
    pid, _ = pool.call(pid_and_double, 1)
    pool.close()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    with pytest.raises(RuntimeError):
        pool.call(pid_and_double, 1)


def _in_thread(function, *args) -> tuple[threading.Thread, list]:
    """Run ``function(*args)`` in a thread; the list gets its result or exception."""
    out: list = []

    def run() -> None:
        try:
            out.append(function(*args))
        except Exception as exc:  # handed to the test
            out.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    return thread, out


def test_queued_calls_run_in_order_in_one_worker() -> None:
    with WorkerPool(size=1, time_limit=5.0, depth=2) as queued:
        threads = [_in_thread(queued.call, pid_and_double, v) for v in range(6)]
        for thread, _ in threads:
            thread.join()
        assert sorted(out[0][1] for _, out in threads) == [0, 2, 4, 6, 8, 10]
        assert len({out[0][0] for _, out in threads}) == 1


def test_a_call_queued_behind_one_past_its_limit_is_sent_again() -> None:
    """Depth 2: the second call waits in the worker's pipe behind an endless one; when that one is
    stopped at its limit, the second (never started) runs in the new worker instead of failing."""
    with WorkerPool(size=1, time_limit=1.0, depth=2) as queued:
        first_pid, _ = queued.call(pid_and_double, 0)
        endless, endless_out = _in_thread(queued.call, spin_forever)
        while not queued._all[0].jobs:  # wait until the endless call is the worker's
            time.sleep(0.01)
        behind, behind_out = _in_thread(queued.call, pid_and_double, 4)
        endless.join()
        behind.join()
        assert isinstance(endless_out[0], TimeLimitExceeded)
        pid, value = behind_out[0]
        assert value == 8 and pid != first_pid


def test_a_page_is_never_lost_when_the_pool_itself_fails() -> None:
    """A time limit past what the system's clock takes (`-s WIREWATCH_EXTRACT_TIMEOUT=1e9`, refused by the
    settings now) made the pool's wait raise OverflowError: the page was dropped, counted nowhere. Whatever
    the pool raises, the page comes back as a failure (`extraction_failed`), to be stored and counted."""
    from processing.extract import FAILED, ExtractionFailure
    from processing.page import PageJob, process_within

    with WorkerPool(1, 1e10) as pool:
        page = process_within(pool, PageJob(b"<html><body><p>Some text.</p></body></html>", "https://x.test/a"))
    assert isinstance(page.extracted, ExtractionFailure) and page.extracted.status == FAILED
    assert page.extracted.error.startswith("extraction could not run: OverflowError")
