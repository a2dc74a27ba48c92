"""ProcessingPipeline: each article page's extraction, language and MinHash signatures, off the reactor.

One round-trip per page to a worker process (processing.page.process_page, in a
processing.workers pool of ``WIREWATCH_EXTRACT_WORKERS`` processes, one per CPU core by default)
does all of a page's CPU-bound work, under a hard time limit per page, so one page can never
stall or crash the crawl, and the reactor keeps downloading meanwhile. A small thread pool of its
own waits for the workers (one thread per page a worker holds: its next page waits in its pipe).

Every extraction failure is stored with the page (extraction_status, extraction_error) and
counted by reason (``extraction_<status>``); each article's language is counted
(``wirewatch/language/<lang>``).
"""

from __future__ import annotations

import logging
import os

from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import threads
from twisted.python.threadpool import ThreadPool

from crawler import failures
from crawler.items import Article
from crawler.sources import Source, load, registry_path
from processing.dedup import DedupOptions
from processing.extract import ExtractHints, ExtractionFailure, ExtractOptions
from processing.language import UNDETERMINED
from processing.page import PageJob, ProcessedPage, new_pool, process_within
from processing.workers import WorkerPool

logger = logging.getLogger(__name__)

# Fields of the extraction result the Article item carries under the same name.
COPIED_FIELDS = ("title", "text", "authors", "published", "modified", "site_name", "section", "description",
                 "image", "declared_language", "wire_agency", "encoding")


def worker_count(setting: int) -> int:
    """Worker processes for a ``WIREWATCH_EXTRACT_WORKERS`` value: 0 means one per CPU core."""
    if setting < 0:
        raise ValueError(f"WIREWATCH_EXTRACT_WORKERS must be 0 (one per CPU core) or more, not {setting}")
    return setting or os.cpu_count() or 1


class ProcessingPipeline:
    def __init__(self, stats: StatsCollector, hints: dict[str, ExtractHints], languages: dict[str, tuple[str, ...]],
                 options: ExtractOptions, dedup: DedupOptions | None, *, workers: int = 1,
                 time_limit: float = 20.0) -> None:
        self.stats = stats
        self.hints = hints
        self.languages = languages
        self.options = options
        self.dedup = dedup
        self.workers = workers
        self.time_limit = time_limit
        self.pool: WorkerPool | None = None
        self.threads: ThreadPool | None = None
        self._shutdown_trigger: object | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "ProcessingPipeline":
        settings = crawler.settings
        sources: list[Source] = load(registry_path(settings.get("WIREWATCH_SOURCES")))
        options = ExtractOptions(max_html_bytes=settings.getint("WIREWATCH_MAX_HTML_BYTES"),
                                 max_elements=settings.getint("WIREWATCH_MAX_ELEMENTS"))
        dedup = DedupOptions() if settings.getbool("WIREWATCH_DEDUP") else None
        return cls(crawler.stats, {s.id: s.extract_hints() for s in sources}, {s.id: s.languages for s in sources},
                   options, dedup, workers=worker_count(settings.getint("WIREWATCH_EXTRACT_WORKERS")),
                   time_limit=settings.getfloat("WIREWATCH_EXTRACT_TIMEOUT"))

    async def open_spider(self) -> None:
        """Start the worker pool and wait, off the reactor, until every worker has imported and warmed
        up: the crawl's first request goes out once they are ready, so no page waits for a cold worker
        and no worker's start-up competes with the first pages for the cores. (The other pipelines open
        meanwhile: Scrapy opens them together.)

        A crawl stopped before the spider opens (Ctrl-C while the workers start) never calls
        close_spider: the pool is closed when the reactor shuts down, which ends the wait."""
        from twisted.internet import reactor

        self.pool = new_pool(self.workers, self.time_limit)
        # One thread per call a worker can hold: each waits for its page's result.
        self.threads = ThreadPool(minthreads=1, maxthreads=self.workers * self.pool.depth, name="wirewatch-processing")
        self.threads.start()
        self._shutdown_trigger = reactor.addSystemEventTrigger("before", "shutdown", self.close)
        logger.debug("starting %d extraction worker process(es)", self.workers)
        await maybe_deferred_to_future(threads.deferToThreadPool(reactor, self.threads, self.pool.start))

    def close_spider(self) -> None:
        self.close()

    def close(self) -> None:
        """Close the worker pool (its workers end, a wait for them to start ends), then stop the
        threads. Idempotent: called by close_spider and when the reactor shuts down."""
        from twisted.internet import reactor

        if self._shutdown_trigger is not None:
            trigger, self._shutdown_trigger = self._shutdown_trigger, None
            try:
                reactor.removeSystemEventTrigger(trigger)
            except (ValueError, KeyError):  # running now: the reactor is shutting down
                pass
        pool, self.pool = self.pool, None
        if pool is not None:
            pool.close()
        pool_threads, self.threads = self.threads, None
        if pool_threads is not None:
            pool_threads.stop()

    async def process_item(self, item: Article) -> Article:
        assert self.pool is not None and self.threads is not None, "open_spider was not called"
        from twisted.internet import reactor

        job = PageJob(item.body, item.url, self.hints.get(item.outlet), self.options, item.header_charset,
                      tuple(self.languages.get(item.outlet, ())), self.dedup)
        waiting = threads.deferToThreadPool(reactor, self.threads, process_within, self.pool, job)
        self.apply(item, await maybe_deferred_to_future(waiting))
        return item

    def apply(self, item: Article, page: ProcessedPage) -> None:
        """Set the item's fields from a processed page and count what happened."""
        result = page.extracted
        if isinstance(result, ExtractionFailure):
            item.extraction_status, item.extraction_error = result.status, result.error
            failures.record(self.stats, f"extraction_{result.status}", item.url, result.error, outlet=item.outlet)
            item.language, item.language_confidence = UNDETERMINED, 0.0  # nothing to read it in
            self.stats.inc_value(f"wirewatch/language/{UNDETERMINED}")
            return
        for name in COPIED_FIELDS:
            setattr(item, name, getattr(result, name))
        item.boilerplate_removed = result.boilerplate_removed_count
        item.extraction_status = "ok"
        item.content_hash = page.content_hash
        self.stats.inc_value("wirewatch/boilerplate_removed", result.boilerplate_removed_count)
        if result.wire_agency:
            self.stats.inc_value("wirewatch/wire_stories")
        if result.encoding_mislabelled:
            self.stats.inc_value("wirewatch/charset_mislabelled")
            logger.warning("charset_mislabelled: %s (declared %s, decoded as %s)",
                           item.url, item.header_charset or "in <meta>", result.encoding)
        language = page.language
        if language is not None:
            item.language, item.language_confidence = language.lang, language.confidence
            item.language_shares = dict(language.shares)
        else:
            item.language, item.language_confidence = UNDETERMINED, 0.0
        self.stats.inc_value(f"wirewatch/language/{item.language}")
        item.signatures = page.signatures
