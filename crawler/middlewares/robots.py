"""RobotsPolicy: robots.txt obeyed as RFC 9309 asks, including for a robots.txt that fails.

- 2xx: its rules apply.
- 4xx: there are no rules (everything allowed).
- 5xx (after the retries): the host is unavailable; every request to it is skipped for this run,
  and that is said once, on one line, and counted as ``robots_unavailable``.
- No response at all (DNS, refused, timeout): unreachable, which RFC 9309 (section 2.3.1.4) says
  means "complete disallow": the host is skipped for this run like a 5xx, and the failure is
  counted once, under the download's reason (``unreachable``, ``timeout``), logged with the first
  request that needed the robots.txt.

It replaces Scrapy's RobotsTxtMiddleware (which parses a 5xx error page as if it were rules).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Request
from scrapy.http.request import NO_CALLBACK
from scrapy.robotstxt import RobotParser
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.misc import load_object
from twisted.internet.defer import Deferred
from twisted.python.failure import Failure

from crawler import failures, meta

logger = logging.getLogger(__name__)


class RobotsDisallowed(IgnoreRequest):
    """robots.txt disallows this URL for our user agent."""


class HostSkipped(IgnoreRequest):
    """The host's robots.txt answered a server error: nothing is fetched from it in this run."""


@dataclass(frozen=True)
class HostRules:
    parser: RobotParser | None = None
    unavailable: str | None = None  # why the host is skipped, when it is


class RobotsPolicy:
    PRIORITY = 1000  # robots.txt goes before the requests waiting for it

    def __init__(self, crawler: Crawler, user_agent: str, parser_class: Any) -> None:
        self.crawler = crawler
        self.user_agent = user_agent
        self.parser_class = parser_class
        self._rules: dict[str, HostRules] = {}
        self._waiting: dict[str, list[Deferred[HostRules]]] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "RobotsPolicy":
        settings = crawler.settings
        if not settings.getbool("ROBOTSTXT_OBEY"):
            raise NotConfigured("ROBOTSTXT_OBEY is off")
        return cls(crawler, settings.get("ROBOTSTXT_USER_AGENT") or settings.get("USER_AGENT"),
                   load_object(settings.get("ROBOTSTXT_PARSER")))

    async def process_request(self, request: Request) -> None:
        if request.meta.get("dont_obey_robotstxt") or not request.url.startswith(("http://", "https://")):
            return None
        netloc = urlparse_cached(request).netloc
        rules = await self._rules_for(netloc, request)
        if rules.unavailable:
            raise HostSkipped(f"{netloc}: {rules.unavailable}; host skipped for this run")
        if rules.parser is not None and not rules.parser.allowed(request.url, self.user_agent):
            self.crawler.stats.inc_value("robotstxt/forbidden")
            raise RobotsDisallowed("disallowed by robots.txt")
        return None

    async def _rules_for(self, netloc: str, request: Request) -> HostRules:
        if netloc in self._rules:
            return self._rules[netloc]
        if netloc in self._waiting:
            waiter: Deferred[HostRules] = Deferred()
            self._waiting[netloc].append(waiter)
            return await maybe_deferred_to_future(waiter)
        self._waiting[netloc] = []
        rules = await self._fetch(netloc, request)
        self._rules[netloc] = rules
        for waiter in self._waiting.pop(netloc):
            waiter.callback(rules)
        return rules

    async def _fetch(self, netloc: str, request: Request) -> HostRules:
        url = f"{urlparse_cached(request).scheme}://{netloc}/robots.txt"
        robots = Request(url, priority=self.PRIORITY, callback=NO_CALLBACK,
                         meta={"dont_obey_robotstxt": True, meta.OUTLET: request.meta.get(meta.OUTLET)})
        stats = self.crawler.stats
        stats.inc_value("robotstxt/request_count")
        try:
            response = await self.crawler.engine.download_async(robots)
        except Exception as exc:  # noqa: BLE001 (any download failure: unreachable, so disallow all)
            stats.inc_value("robotstxt/exception_count")
            reason, detail = failures.reason_of(Failure(exc))
            # Logged under the request that needed it: that is what could not be fetched.
            failures.record(stats, reason, request.url,
                            f"robots.txt {url}: {detail}; host {netloc} skipped for this run (RFC 9309)",
                            outlet=request.meta.get(meta.OUTLET))
            return HostRules(unavailable=f"robots.txt unreachable ({detail})")
        stats.inc_value(f"robotstxt/response_status_count/{response.status}")
        if response.status >= 500:
            failures.record(stats, "robots_unavailable", url,
                            f"HTTP {response.status}: host {netloc} skipped for this run",
                            outlet=request.meta.get(meta.OUTLET))
            return HostRules(unavailable=f"robots.txt answered HTTP {response.status}")
        body = response.body if 200 <= response.status < 300 else b""
        return HostRules(parser=self.parser_class.from_crawler(self.crawler, body))
