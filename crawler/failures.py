"""Failures of a crawl: one log line each, one stats counter each, by reason."""

from __future__ import annotations

import logging

from scrapy.exceptions import (DownloadCancelledError, DownloadConnectionRefusedError, DownloadFailedError,
                               DownloadTimeoutError)
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.statscollectors import StatsCollector
from twisted.internet.error import (ConnectionRefusedError, DNSLookupError, TCPTimedOutError,
                                    TimeoutError as TwistedTimeoutError)
from twisted.python.failure import Failure

logger = logging.getLogger(__name__)

FAILED_PREFIX = "wirewatch/failed/"


def record(stats: StatsCollector, reason: str, url: str, detail: str = "") -> None:
    """Count ``reason`` and log it once, on one line."""
    stats.inc_value(FAILED_PREFIX + reason)
    logger.warning("%s: %s%s", reason, url, f" ({detail})" if detail else "")


def reason_of(failure: Failure) -> tuple[str, str]:
    """A short reason (the counter's name) and a one-line detail for a request's failure."""
    if failure.check(HttpError):
        status = failure.value.response.status
        return f"http_{status}", f"HTTP {status}"
    if failure.check(DNSLookupError):
        return "unreachable", "DNS lookup failed"
    if failure.check(ConnectionRefusedError, DownloadConnectionRefusedError):
        return "unreachable", "connection refused"
    if failure.check(TwistedTimeoutError, TCPTimedOutError, DownloadTimeoutError):
        return "timeout", "timed out"
    if failure.check(DownloadCancelledError):
        return "too_large", _first_line(failure)
    if failure.check(DownloadFailedError):
        return "download_error", _first_line(failure)
    message = _first_line(failure)
    return "download_error", f"{failure.type.__name__}: {message}" if message else failure.type.__name__


def _first_line(failure: Failure) -> str:
    text = str(failure.value).strip()
    return text.splitlines()[0] if text else ""


def counts(stats: dict) -> dict[str, int]:
    """The failure counters of a finished crawl's stats, by reason."""
    return {k[len(FAILED_PREFIX):]: int(v) for k, v in stats.items() if k.startswith(FAILED_PREFIX)}
