"""Every Redis key cluster mode uses, in one place (one prefix, so one Redis can serve one cluster)."""

from __future__ import annotations

PREFIX = "wirewatch"

# scrapy-redis: the shared request queue and its fingerprints ("%(spider)s" is filled in by scrapy-redis).
SCHEDULER_QUEUE = f"{PREFIX}:%(spider)s:requests"
SCHEDULER_DUPEFILTER = f"{PREFIX}:%(spider)s:dupefilter"
# scrapy-redis RedisSpider start key: discovery documents (JSON) that `cluster schedule` enqueues.
DISCOVERY = f"{PREFIX}:discovery"

CYCLE = f"{PREFIX}:cycle"  # integer, incremented by each `cluster schedule`
CLAIMED = f"{PREFIX}:claimed"  # set: canonical article URLs requested in the current cycle
KNOWN = f"{PREFIX}:known"  # set: canonical URLs of stored articles and their aliases
SEEDED = f"{PREFIX}:seeded"  # string: set once KNOWN was loaded from the store
STORE = f"{PREFIX}:store"  # string: identity of the store KNOWN, VALIDATORS and RUNS were seeded from
VALIDATORS = f"{PREFIX}:validators"  # hash: discovery document URL -> JSON {etag, last_modified}
DOCUMENT = f"{PREFIX}:document:"  # + URL: hash of one discovery document's progress in this cycle
RATE = f"{PREFIX}:rate:"  # + host: next time (ms) a request to that host may start
WORKERS = f"{PREFIX}:workers"  # hash: worker id -> JSON heartbeat
RUNS = f"{PREFIX}:runs"  # hash: worker run key -> crawl_runs id in the store

STREAM = f"{PREFIX}:articles"  # stream of finished articles (and worker run events)
GROUP = "ingest"  # the stream's consumer group


def document(url: str) -> str:
    return DOCUMENT + url


def rate(host: str) -> str:
    return RATE + host
