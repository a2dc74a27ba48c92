"""Connecting to Redis: one URL, a version check, reconnection with exponential backoff.

Errors are small named exceptions (``ClusterError``); the CLI turns them into one line.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

import redis
from redis.backoff import ExponentialBackoff
from redis.retry import Retry

from crawler.overrides import problem

logger = logging.getLogger(__name__)

# Streams with XAUTOCLAIM (and GETEX) arrived in Redis 6.2.
MIN_VERSION = (6, 2)
# Backoff on a lost connection: 0.1 s doubling up to 2 s, about a minute in all before giving up.
RETRIES = 35
BACKOFF_BASE_S = 0.1
BACKOFF_CAP_S = 2.0
SOCKET_TIMEOUT_S = 30.0


class ClusterError(Exception):
    """Cluster mode cannot run: Redis unreachable, too old, or not configured."""


class RedisUnavailable(ClusterError):
    pass


class RedisTooOld(ClusterError):
    pass


def retry_params() -> dict:
    """redis-py connection keyword arguments: retry with exponential backoff on connection errors.

    Also used as scrapy-redis's ``REDIS_PARAMS`` so the workers' scheduler reconnects the same way.
    """
    return {
        "retry": Retry(ExponentialBackoff(cap=BACKOFF_CAP_S, base=BACKOFF_BASE_S), RETRIES),
        "retry_on_error": [redis.ConnectionError, redis.TimeoutError],
        "socket_timeout": SOCKET_TIMEOUT_S,
        "socket_connect_timeout": 5.0,
        "health_check_interval": 10,
    }


def connect(url: str, *, retries: bool = True) -> redis.Redis:
    """A client for ``url`` (``redis://host:port/db``) that answered PING and runs Redis >= 6.2.

    Raises RedisUnavailable (with the URL, password hidden) or RedisTooOld.
    """
    if not url:
        raise ClusterError("no Redis URL: give --redis redis://HOST:6379/0 or set WIREWATCH_REDIS_URL")
    shown = safe_url(url)
    right = problem("WIREWATCH_REDIS_URL", url)  # the schemes the setting's declaration accepts
    if right is not None:
        raise ClusterError(f"--redis {shown}: expected {right.removeprefix('empty or ')}, e.g. redis://HOST:6379/0")
    try:
        probe = redis.Redis.from_url(url, socket_connect_timeout=5.0, socket_timeout=5.0)
        version = probe.info("server").get("redis_version", "0")
        probe.close()
    except (redis.ConnectionError, redis.TimeoutError, OSError) as exc:
        raise RedisUnavailable(f"Redis at {shown} is unreachable ({first_line(exc)}); start it or fix --redis") from None
    except redis.RedisError as exc:
        raise RedisUnavailable(f"Redis at {shown} refused us ({first_line(exc)})") from None
    except ValueError as exc:  # redis-py's reading of the URL: `?socket_timeout=abc`, a port out of range
        raise ClusterError(f"--redis {shown}: not a usable Redis URL ({first_line(exc)})") from None
    if parse_version(version) < MIN_VERSION:
        raise RedisTooOld(f"Redis at {shown} is version {version}; Wirewatch needs Redis >= "
                          f"{'.'.join(map(str, MIN_VERSION))} (streams with XAUTOCLAIM)")
    return redis.Redis.from_url(url, **(retry_params() if retries else {}))


def parse_version(text: str) -> tuple[int, ...]:
    parts = []
    for piece in str(text).split(".")[:3]:
        digits = "".join(ch for ch in piece if ch.isdigit())
        parts.append(int(digits or 0))
    return tuple(parts)


def safe_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.password:
        return url.replace(f":{parts.password}@", ":***@")
    return url


def first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]
