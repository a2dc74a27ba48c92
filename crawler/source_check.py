"""`wirewatch sources check --online`: fetch every feed, sitemap and section page of the registry once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from crawler.sources import Source

SPIDER = "source-check"


@dataclass(frozen=True, order=True)
class CheckResult:
    outlet: str
    kind: str  # feed | sitemap | section
    url: str
    status: int | None  # HTTP status, None when there was no response
    ok: bool  # a usable document of the expected kind
    detail: str  # what it holds (e.g. "RSS/Atom, 25 entries") or why it failed


def check_online(sources: list[Source], overrides: dict[str, Any] | None = None) -> list[CheckResult]:
    """One polite request per address (robots.txt obeyed, the configured User-Agent), nothing stored."""
    settings = Settings()
    settings.setmodule("settings", priority="project")
    settings.set("LOG_INSTALL_ROOT_HANDLER", False, priority="cmdline")
    settings.set("ITEM_PIPELINES", {}, priority="cmdline")  # nothing is processed or stored
    settings.set("EXTENSIONS", {}, priority="cmdline")  # and no crawl run is recorded
    for name, value in (overrides or {}).items():
        settings.set(name, value, priority="cmdline")
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(SPIDER)
    process.crawl(crawler, sources=sources)
    process.start()
    assert crawler.spider is not None
    return sorted(crawler.spider.results)
