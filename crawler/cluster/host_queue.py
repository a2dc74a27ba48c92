"""HostQueue: scrapy-redis's shared request queue, by host, handing out only requests whose host is due.

scrapy-redis's own queues (``SCHEDULER_QUEUE_CLASS``) hand out requests in priority order whatever
their host, so a worker could take a run of one host's requests and each would then wait inside the
downloader for the host's per-site delay, holding a download slot the other hosts could have used.
This queue keeps the per-site delay at the moment a request is handed out instead:

- one sorted set per host (``keys.QueueKeys.host``) holds its serialized requests, scored by
  ``-priority`` as scrapy-redis's PriorityQueue does;
- one sorted set of hosts (``hosts``) scores each host with a queued request by the time (Redis's
  clock, µs) it is next due, its next-allowed time (keys.NEXT_ALLOWED, shared with crawler.cluster.ratelimit);
- ``pop`` (one Lua script, so atomic across workers) takes the host that has been due longest,
  pops its best request, claims the host (next-allowed = now + delay, and the host goes to the back
  of the hosts set) and returns the request with its claim in ``meta[ratelimit.SLOT_META]``. When no
  host is due it returns nothing, and ``due_in_s`` says when the first one will be (for the scheduler,
  crawler.cluster.scheduler, to wake the engine then).

Hosts are therefore served round-robin, each at most once per delay for the whole cluster, and a
request that is handed out can start at once. The delay is WIREWATCH_CLUSTER_DELAY (seconds; 0 means
none). The keys are addressed from the scripts by prefix, which a single Redis (not Redis Cluster) allows.
"""

from __future__ import annotations

import logging

import redis
from scrapy.http import Request
from scrapy.utils.httpobj import urlparse_cached
from scrapy_redis import picklecompat
from scrapy_redis.queue import Base

from crawler import meta
from crawler.cluster import keys
from crawler.cluster.ratelimit import NOW_US, SLOT_META

logger = logging.getLogger(__name__)

# KEYS: hosts zset, count, NEXT_ALLOWED. ARGV: host queue key prefix, host, score, request.
PUSH = """
if redis.call('ZADD', ARGV[1] .. ARGV[2], ARGV[3], ARGV[4]) == 1 then
  redis.call('INCR', KEYS[2])
end
local due = tonumber(redis.call('HGET', KEYS[3], ARGV[2]) or '0')
redis.call('ZADD', KEYS[1], 'NX', due, ARGV[2])
return 1
"""

# KEYS: hosts zset, count, NEXT_ALLOWED. ARGV: host queue key prefix, delay (µs).
# Returns {request, next-allowed µs} when a host was due, {'', µs until the first host is due} when
# none is, {'', -1} when the queue is empty.
POP = NOW_US + """
while true do
  local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, 1)
  if #due == 0 then
    local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
    if #first == 0 then
      return {'', -1}
    end
    return {'', math.max(1, tonumber(first[2]) - now)}
  end
  local host = due[1]
  local queue = ARGV[1] .. host
  local allowed = tonumber(redis.call('HGET', KEYS[3], host) or '0')
  local item = {}
  if allowed > now then
    redis.call('ZADD', KEYS[1], allowed, host)  -- claimed since it was scored (robots.txt): not due yet
  else
    item = redis.call('ZPOPMIN', queue)
  end
  if #item > 0 then
    local nxt = now + tonumber(ARGV[2])
    redis.call('HSET', KEYS[3], host, nxt)
    if redis.call('EXISTS', queue) == 1 then
      redis.call('ZADD', KEYS[1], nxt, host)
    else
      redis.call('ZREM', KEYS[1], host)
    end
    if redis.call('DECR', KEYS[2]) < 0 then
      redis.call('SET', KEYS[2], 0)
    end
    return {item[1], nxt}
  end
  if allowed <= now then
    redis.call('ZREM', KEYS[1], host)  -- a host without requests (its queue was deleted): skip it
  end
end
"""

# KEYS: hosts zset, count. ARGV: host queue key prefix.
CLEAR = """
for _, host in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  redis.call('DEL', ARGV[1] .. host)
end
redis.call('DEL', KEYS[1], KEYS[2])
return 1
"""


def host_of(request: Request) -> str:
    """The host a request counts against for politeness: its URL's netloc (host[:port])."""
    return urlparse_cached(request).netloc


class HostQueue(Base):
    """scrapy-redis queue (``SCHEDULER_QUEUE_CLASS``) that hands out a request only when its host is due.

    ``pop`` returns a request or None; after a None, ``due_in_s`` is the seconds until the first
    queued host is due (None: the queue is empty).
    """

    def __init__(self, server, spider, key, serializer=None) -> None:  # noqa: ANN001 (scrapy-redis's signature)
        super().__init__(server, spider, key, serializer)
        self.keys = keys.queue_keys(self.key)
        self.delay_us = round(float(spider.settings.get("WIREWATCH_CLUSTER_DELAY") or 0) * 1e6)
        self.due_in_s: float | None = None
        self._push = server.register_script(PUSH)
        self._pop = server.register_script(POP)
        self._clear = server.register_script(CLEAR)

    def __len__(self) -> int:
        return int(self.server.get(self.keys.count) or 0)

    def push(self, request: Request) -> None:
        self._push(keys=[self.keys.hosts, self.keys.count, keys.NEXT_ALLOWED],
                   args=[self.keys.host_prefix, host_of(request), -request.priority, self._encode_request(request)])

    def pop(self, timeout: int = 0) -> Request | None:  # noqa: ARG002 (no blocking pop: hosts become due over time)
        data, when = self._pop(keys=[self.keys.hosts, self.keys.count, keys.NEXT_ALLOWED],
                               args=[self.keys.host_prefix, self.delay_us])
        if not data:
            self.due_in_s = None if int(when) < 0 else int(when) / 1e6
            return None
        self.due_in_s = 0.0
        request = self._decode_request(data)
        request.meta[SLOT_META] = int(when)
        return request

    def clear(self) -> None:
        self._clear(keys=[self.keys.hosts, self.keys.count], args=[self.keys.host_prefix])


def queued_documents(client: redis.Redis, spider: str) -> set[str]:
    """URLs (as Scrapy's Request normalises them) of the discovery documents (request meta kind feed,
    sitemap or section) waiting in ``spider``'s host queue: taken from the start list by a worker that
    stopped before fetching them. Reads every queued request, serialized as scrapy-redis's default
    serializer (picklecompat) writes it: ``cluster schedule`` runs once a cycle, so this is affordable."""
    queue = keys.queue_keys(keys.SCHEDULER_QUEUE % {"spider": spider})
    found: set[str] = set()
    for host in client.zrange(queue.hosts, 0, -1):
        for data in client.zrange(queue.host(host.decode()), 0, -1):
            request = picklecompat.loads(data)
            if (request.get("meta") or {}).get(meta.KIND) in meta.DISCOVERY_KINDS:
                found.add(request["url"])
    return found
