"""EgressPolicy: the one downloader middleware every request passes before it leaves (see crawler.egress).

It runs first (before robots.txt is fetched), on the spider's requests and on the requests the
redirect and meta-refresh middlewares make from them, and on robots.txt requests. A refused
request fails with :class:`EgressRefused`, whose ``reason`` the spider's errback counts like any
other failure (one log line, one counter). A host name is resolved (through Scrapy's caching
resolver, so the connection uses the address checked) unless the request goes through a proxy,
which resolves it itself.
"""

from __future__ import annotations

import logging
import urllib.request
from urllib.parse import urlsplit
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached

from crawler import egress, meta

logger = logging.getLogger(__name__)


class EgressRefused(IgnoreRequest):
    """The egress rule refuses this request; ``reason`` names the rule, ``detail`` says why."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


class EgressPolicy:
    def __init__(self, crawler: Crawler, allow_private: bool) -> None:
        self.crawler = crawler
        self.allow_private = allow_private
        self.proxies = urllib.request.getproxies()
        self._bypass: dict[str, bool] = {}  # host → no_proxy applies (read from the environment once per host)
        self._domains: dict[str, frozenset[str]] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "EgressPolicy":
        return cls(crawler, crawler.settings.getbool("WIREWATCH_ALLOW_PRIVATE_ADDRESSES"))

    async def process_request(self, request: Request) -> None:
        redirects = request.meta.get("redirect_urls") or []
        refused = egress.refusal(request.url, self._outlet_domains(request.meta.get(meta.OUTLET)),
                                 allow_private=self.allow_private,
                                 redirected_from=redirects[-1] if redirects else None)
        if refused is None and not self.allow_private:
            refused = await self._resolved_refusal(request)
        if refused is not None:
            raise EgressRefused(refused.reason, refused.detail)
        return None

    def _outlet_domains(self, outlet: str | None) -> frozenset[str] | None:
        if outlet is None:
            return None
        if self._domains is None:
            self._domains = {}
            for source in getattr(self.crawler.spider, "sources", []):
                hosts = {urlsplit(u).hostname or "" for _, u in source.discovery_urls()}
                self._domains[source.id] = frozenset(d.lower() for d in (*source.allowed_domains, *hosts) if d)
        return self._domains.get(outlet)

    async def _resolved_refusal(self, request: Request) -> egress.Refusal | None:
        parts = urlparse_cached(request)
        host = parts.hostname or ""
        if egress.literal_address(host) is not None or self._proxied(request, parts.scheme, host):
            return None
        from twisted.internet import reactor

        try:
            address = await maybe_deferred_to_future(reactor.resolve(host))  # type: ignore[attr-defined]
        except Exception as exc:  # noqa: BLE001 (any resolver error: the download itself will fail and say why)
            logger.debug("egress: %s not resolved (%s); left to the download", host, exc)
            return None
        found = egress.literal_address(address)
        return egress.address_refusal(found, host) if found is not None else None

    def _proxied(self, request: Request, scheme: str, host: str) -> bool:
        if "proxy" in request.meta:
            return request.meta["proxy"] is not None
        if scheme not in self.proxies:
            return False
        bypass = self._bypass.get(host)
        if bypass is None:  # proxy_bypass scans the whole environment: once per host, not per request
            bypass = self._bypass[host] = bool(urllib.request.proxy_bypass(host))
        return not bypass

