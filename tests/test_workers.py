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
