"""A per-host rate limit shared by every worker: the next time a request to the host may start.

One Redis hash (keys.NEXT_ALLOWED) holds, per host, the next time (µs, Redis's own clock) a request
to it may start. Two places claim a host, both atomically in Lua, both setting next = now + interval:

- the host queue (crawler.cluster.host_queue) when it hands out a request: only hosts that are due
  give one, so queued requests never wait inside a worker;
- ClusterPoliteness (this module's ``HostRateLimit``), just before a request leaves the worker. A
  request the queue handed out carries its claim (``SLOT_META``): while that claim is still the
  host's latest and its time has not run out, the request starts without a second claim. Any other
  request (robots.txt, fetched outside the queue; or a queued request whose claim robots.txt
  overtook) claims the host like anyone, waiting when it is not due. Either way the host's next
  slot is then set from this moment, the actual start: a request the worker was slow to send moves
  the next one along instead of shortening the gap (as Scrapy's own delay counts from the last start).
  So every request start, from any worker, is at least ``interval`` after the previous one.

N workers therefore start requests to one host at most once per ``interval`` together.
"""

from __future__ import annotations

import redis

from crawler.cluster import keys

# Request.meta key: the host's next-allowed time (µs) the queue set when it handed the request out.
SLOT_META = "wirewatch_cluster_slot"

# Redis's clock in µs (exact in a Lua number: < 2^53), so a gap is never shortened by rounding;
# shared by the scripts here and in host_queue.
NOW_US = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
"""

# KEYS[1]: NEXT_ALLOWED; KEYS[2]: the queue's hosts zset. ARGV[1]: host; ARGV[2]: interval (µs);
# ARGV[3]: the request's own claim (the next-allowed time the queue set) or ''.
# Returns 0 (start now) or the µs to wait before asking again.
CLAIM = NOW_US + """
local nxt = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
local own = ARGV[3] ~= '' and tonumber(ARGV[3]) == nxt
if now < nxt and not own then
  return nxt - now
end
nxt = now + tonumber(ARGV[2])  -- from the actual start: a request sent late moves the next slot too
redis.call('HSET', KEYS[1], ARGV[1], nxt)
redis.call('ZADD', KEYS[2], 'XX', 'GT', nxt, ARGV[1])
return 0
"""


class HostRateLimit:
    """Claim request starts per host; ``interval_s`` is the shortest gap between two request starts.

    ``queue`` is the host queue's keys, so that a claim made here also holds back the host's queued
    requests (keys.queue_keys).
    """

    def __init__(self, client: redis.Redis, queue: keys.QueueKeys) -> None:
        self.script = client.register_script(CLAIM)
        self.queue = queue

    def claim(self, host: str, interval_s: float, slot_us: int | None = None) -> float:
        """0 when a request to ``host`` may start now, else the seconds to wait before asking again.

        ``slot_us`` is the claim the host queue made for this request (``request.meta[SLOT_META]``):
        when it is still the host's latest, the request starts now. Otherwise it may start when the
        host is due. Either way the next start is then ``interval_s`` from now.
        """
        if interval_s <= 0:
            return 0.0
        wait_us = self.script(keys=[keys.NEXT_ALLOWED, self.queue.hosts],
                              args=[host, round(interval_s * 1e6), "" if slot_us is None else int(slot_us)])
        return int(wait_us) / 1e6
