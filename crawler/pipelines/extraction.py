"""ExtractionPipeline: the article's text and metadata from its HTML (processing.extract).

Extraction runs in worker processes (processing.workers) under a hard time limit per page, so one
page can never stall or crash the crawl: every failure is stored with the page (extraction_status,
extraction_error) and counted by reason (``extraction_<status>``). The reactor is never blocked: a
small thread pool of its own waits for the workers.
"""

from __future__ import annotations

import logging

from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import threads
from twisted.python.threadpool import ThreadPool

from crawler import failures
from crawler.items import Article
from crawler.sources import Source, load, registry_path
from processing.extract import ExtractHints, ExtractionFailure, ExtractOptions, extract_within, new_pool
from processing.fingerprint import content_hash
from processing.workers import WorkerPool

logger = logging.getLogger(__name__)

# Fields of the extraction result the Article item carries under the same name.
COPIED_FIELDS = ("title", "text", "authors", "published", "modified", "site_name", "section", "description",
                 "image", "declared_language", "wire_agency", "encoding")


class ExtractionPipeline:
    def __init__(self, stats: StatsCollector, hints: dict[str, ExtractHints], options: ExtractOptions,
                 *, workers: int = 1, time_limit: float = 20.0) -> None:
        self.stats = stats
        self.hints = hints
        self.options = options
        self.workers = workers
        self.time_limit = time_limit
        self.pool: WorkerPool | None = None
        self.threads: ThreadPool | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "ExtractionPipeline":
        settings = crawler.settings
        sources: list[Source] = load(registry_path(settings.get("WIREWATCH_SOURCES")))
        options = ExtractOptions(max_html_bytes=settings.getint("WIREWATCH_MAX_HTML_BYTES"),
                                 max_elements=settings.getint("WIREWATCH_MAX_ELEMENTS"))
        return cls(crawler.stats, {s.id: s.extract_hints() for s in sources}, options,
                   workers=max(1, settings.getint("WIREWATCH_EXTRACT_WORKERS")),
                   time_limit=settings.getfloat("WIREWATCH_EXTRACT_TIMEOUT"))

    def open_spider(self) -> None:
        self.pool = new_pool(self.workers, self.time_limit)
        self.pool.start()
        self.threads = ThreadPool(minthreads=1, maxthreads=self.workers, name="wirewatch-extraction")
        self.threads.start()

    def close_spider(self) -> None:
        if self.threads is not None:
            self.threads.stop()
        if self.pool is not None:
            self.pool.close()

    async def process_item(self, item: Article) -> Article:
        assert self.pool is not None and self.threads is not None, "open_spider was not called"
        from twisted.internet import reactor

        waiting = threads.deferToThreadPool(
            reactor, self.threads, extract_within, self.pool, item.body, item.url,
            self.hints.get(item.outlet), self.options, item.header_charset)
        result = await maybe_deferred_to_future(waiting)
        if isinstance(result, ExtractionFailure):
            item.extraction_status, item.extraction_error = result.status, result.error
            failures.record(self.stats, f"extraction_{result.status}", item.url, result.error, outlet=item.outlet)
            return item
        for name in COPIED_FIELDS:
            setattr(item, name, getattr(result, name))
        item.boilerplate_removed = result.boilerplate_removed_count
        item.extraction_status = "ok"
        item.content_hash = content_hash(result.title, result.text)
        self.stats.inc_value("wirewatch/boilerplate_removed", result.boilerplate_removed_count)
        if result.wire_agency:
            self.stats.inc_value("wirewatch/wire_stories")
        if result.encoding_mislabelled:
            self.stats.inc_value("wirewatch/charset_mislabelled")
            logger.warning("charset_mislabelled: %s (declared %s, decoded as %s)",
                           item.url, item.header_charset or "in <meta>", result.encoding)
        return item
