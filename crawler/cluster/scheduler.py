"""HostScheduler: scrapy-redis's scheduler over the host queue, waking the engine when a host is due.

With crawler.cluster.host_queue the queue can hold requests while handing out none (every queued
host is still within its delay). Scrapy's engine then stops asking until something else happens
(a download finishing) or its own heartbeat, every 5 s: long next to a per-site delay of a second or
less. So when the queue answers "nothing due for X s", this scheduler asks the engine to try again
in X s (one timer, moved earlier when a sooner time is given). When the queue is empty it asks again
in IDLE_POLL_S: the idle worker then takes requests and discovery documents other processes queue
(RedisSpider reads those when the engine finds it idle), and stops after ``--until-idle``, within
about that time rather than the heartbeat's 5 s.

Scrapy has no public call for "ask the scheduler again" (its scheduler documentation, 2.13, lists
none; the engine's heartbeat is the documented fallback), so the timer calls the engine's own
``_slot.nextcall.schedule()`` when the engine has one, and otherwise leaves it to the heartbeat.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from scrapy.crawler import Crawler
from scrapy.http import Request
from scrapy_redis.scheduler import Scheduler
from twisted.internet.base import DelayedCall

logger = logging.getLogger(__name__)

WAKE_MARGIN_S = 0.002  # the host is due a little after Redis said so: never wake before it
IDLE_POLL_S = 0.5  # an empty queue is looked at again this often (two Redis calls each time)


class HostScheduler(Scheduler):
    """scrapy-redis Scheduler for a queue with ``due_in_s`` (crawler.cluster.host_queue.HostQueue)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.crawler: Crawler | None = None
        self._wake: DelayedCall | None = None
        self._wake_at = 0.0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "HostScheduler":
        instance = super().from_crawler(crawler)
        instance.crawler = crawler
        return instance

    def next_request(self) -> Request | None:
        request = self.queue.pop()
        if request is not None:
            if self.stats:
                self.stats.inc_value("scheduler/dequeued/redis")
            return request
        due_in = getattr(self.queue, "due_in_s", None)
        self.wake_in(IDLE_POLL_S if due_in is None else due_in + WAKE_MARGIN_S)
        return None

    def wake_in(self, delay_s: float) -> None:
        """Have the engine ask for the next request again in ``delay_s`` seconds (or sooner, if a
        sooner wake-up is already set)."""
        at = time.monotonic() + delay_s
        if self._wake is not None and self._wake.active():
            if self._wake_at <= at:
                return
            self._wake.cancel()
        from twisted.internet import reactor  # the one Scrapy installed (importing it earlier would pick one)

        self._wake_at = at
        self._wake = reactor.callLater(delay_s, self._wake_engine)

    def _wake_engine(self) -> None:
        self._wake = None
        engine = self.crawler.engine if self.crawler is not None else None
        slot = getattr(engine, "_slot", None)
        if slot is not None and slot.closing is None:
            slot.nextcall.schedule()

    def close(self, reason: str) -> None:
        if self._wake is not None and self._wake.active():
            self._wake.cancel()
        self._wake = None
        super().close(reason)
