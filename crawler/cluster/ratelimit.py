"""A per-host rate limit shared by every worker: the next time a request to the host may start.

One Redis key per host holds that time (ms, Redis's own clock). A Lua script claims the host atomically:
when the time has come, it sets next = now + interval and answers 0 (start now); otherwise it answers
how long to wait, and the caller asks again then. Claiming at the moment of starting (not reserving a
slot in advance) keeps the spacing true even when a worker wakes up late. N workers therefore start
requests to one host at most once per ``interval`` together, not N times as often.
"""

from __future__ import annotations

import redis

from crawler.cluster import keys

# KEYS[1]: the host's key; ARGV[1]: interval (ms). Returns 0 (claimed: start now) or ms to wait.
CLAIM = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local nxt = tonumber(redis.call('GET', KEYS[1]) or '0')
if now < nxt then
  return nxt - now
end
local interval = tonumber(ARGV[1])
redis.call('SET', KEYS[1], now + interval, 'PX', interval + 60000)
return 0
"""


class HostRateLimit:
    """Claim request starts per host; ``interval_s`` is the shortest gap between two request starts."""

    def __init__(self, client: redis.Redis) -> None:
        self.script = client.register_script(CLAIM)

    def claim(self, host: str, interval_s: float) -> float:
        """0 when a request to ``host`` may start now (and the host is claimed for ``interval_s``), else
        the seconds to wait before asking again."""
        if interval_s <= 0:
            return 0.0
        return int(self.script(keys=[keys.rate(host)], args=[int(interval_s * 1000)])) / 1000.0
