"""A per-host rate limit shared by every worker: the next time a request to the host may start.

One Redis key per host holds that time (ms, Redis's own clock). A Lua script reserves the next slot
atomically: slot = max(now, next); next = slot + interval; it returns how long to wait for the slot.
N workers therefore start requests to one host at most once per ``interval`` together, not N times as
often (the usual next-allowed-time scheme, e.g. as in Google's crawler politeness papers).
"""

from __future__ import annotations

import redis

from crawler.cluster import keys

# KEYS[1]: the host's key; ARGV[1]: interval (ms). Returns ms to wait before the reserved slot.
RESERVE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local nxt = tonumber(redis.call('GET', KEYS[1]) or '0')
local slot = math.max(now, nxt)
local interval = tonumber(ARGV[1])
redis.call('SET', KEYS[1], slot + interval, 'PX', slot - now + interval + 60000)
return slot - now
"""


class HostRateLimit:
    """Reserve request slots per host; ``interval_s`` is the shortest gap between two request starts."""

    def __init__(self, client: redis.Redis) -> None:
        self.script = client.register_script(RESERVE)

    def reserve(self, host: str, interval_s: float) -> float:
        """Seconds to wait before starting the request to ``host`` (0 when it may start now)."""
        if interval_s <= 0:
            return 0.0
        return int(self.script(keys=[keys.rate(host)], args=[int(interval_s * 1000)])) / 1000.0
