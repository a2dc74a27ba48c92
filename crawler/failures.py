"""Failures of a crawl: one log line each, one stats counter each, by reason."""

from __future__ import annotations

import logging

from scrapy.exceptions import (CannotResolveHostError, DownloadCancelledError, DownloadConnectionRefusedError,
                               DownloadFailedError, DownloadTimeoutError)
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.statscollectors import StatsCollector
from twisted.internet.error import (ConnectionRefusedError, DNSLookupError, TCPTimedOutError,
                                    TimeoutError as TwistedTimeoutError)
from twisted.python.failure import Failure

from crawler.middlewares.egress import EgressRefused

logger = logging.getLogger(__name__)

FAILED_PREFIX = "wirewatch/failed/"
OUTLET_PREFIX = "wirewatch/outlet/"  # per-outlet counters: wirewatch/outlet/<id>/<name>

# Reasons worth trying again on the next run (the server or the network, not the page, was at fault).
TRANSIENT = {"timeout", "unreachable", "download_error", "robots_unavailable", "http_429"}


def record(stats: StatsCollector, reason: str, url: str, detail: str = "", *, outlet: str | None = None) -> None:
    """Count ``reason`` (also for ``outlet`` when given) and log it once, on one line."""
    stats.inc_value(FAILED_PREFIX + reason)
    if outlet:
        stats.inc_value(f"{OUTLET_PREFIX}{outlet}/failed/{reason}")
    logger.warning("%s: %s%s", reason, url, f" ({detail})" if detail else "")


def reason_of(failure: Failure) -> tuple[str, str]:
    """A short reason (the counter's name) and a one-line detail for a request's failure."""
    if failure.check(EgressRefused):
        return failure.value.reason, failure.value.detail
    if failure.check(HttpError):
        status = failure.value.response.status
        return f"http_{status}", f"HTTP {status}"
    if failure.check(DNSLookupError, CannotResolveHostError):  # Scrapy >= 2.13 wraps Twisted's as the latter
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


def is_transient(reason: str) -> bool:
    return reason in TRANSIENT or reason.startswith("http_5")


def counts(stats: dict, prefix: str = FAILED_PREFIX) -> dict[str, int]:
    """The failure counters of a finished crawl's stats, by reason (``prefix`` selects one outlet's)."""
    return {k[len(prefix):]: int(v) for k, v in stats.items() if k.startswith(prefix)}
