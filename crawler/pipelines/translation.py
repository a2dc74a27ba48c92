"""TranslationPipeline: an English title and text for articles in other languages, when a model is installed.

Translation runs in one worker thread of its own, so the crawl keeps downloading meanwhile, in
batches: the articles that arrive while one batch is translated make the next, and their sentences
go through the model together (one ctranslate2 call per language, issue #15). The
worker only reads the store (its own connection); the sentences it translates wait in memory and
travel with the item to StoragePipeline, which writes them to the cache with the article: one
connection writes during the crawl (two threads writing through two connections fail with
"database is locked" when SQLite cannot upgrade a reader's stale snapshot). No model installed: the
article is marked pending (one warning per language per run) and `wirewatch translate` does it
later. ``WIREWATCH_TRANSLATE = False`` (``crawl --no-translate``) defers every translation.
"""

from __future__ import annotations

import logging
import threading
from typing import Any, Mapping, Sequence

import sqlite_utils
from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import defer, reactor, threads
from twisted.python.failure import Failure
from twisted.python.threadpool import ThreadPool

import storage
from crawler import failures
from crawler.items import Article
from crawler.translation import Outcome, TranslationService
from processing.translate import ArgosOptions, ArgosTranslator, SentenceCache
from storage import translations

logger = logging.getLogger(__name__)


class TranslationPipeline:
    def __init__(self, stats: StatsCollector, db_path: str, target: str, translate: bool,
                 options: ArgosOptions) -> None:
        self.stats = stats
        self.db_path = db_path
        self.target = target
        self.translate = translate
        self.options = options
        self.db: sqlite_utils.Database | None = None  # read by the worker only
        self.cache: BufferedCache | None = None
        self.service: TranslationService | None = None
        self.pool: ThreadPool | None = None
        self.waiting: list[tuple[Article, defer.Deferred]] = []  # articles for the next batch
        self.running = False  # a batch is in the worker thread

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "TranslationPipeline":
        settings = crawler.settings
        return cls(crawler.stats, settings.get("WIREWATCH_DB"), settings.get("WIREWATCH_TRANSLATION_TARGET"),
                   settings.getbool("WIREWATCH_TRANSLATE"), ArgosOptions())

    def open_spider(self) -> None:
        self.db = storage.open_db(self.db_path)
        # Listing models imports argostranslate.package only; ctranslate2 loads with the first translation.
        translator = ArgosTranslator(self.options) if self.translate else None
        if self.translate:
            self.cache = BufferedCache(translations.SentenceCache(self.db))
        self.service = TranslationService(self.db, translator, self.target, self.cache)
        if self.translate:
            self.pool = ThreadPool(minthreads=1, maxthreads=1, name="wirewatch-translation")
            self.pool.start()
        else:
            logger.info("translation deferred (WIREWATCH_TRANSLATE is off): run `wirewatch translate` later")

    def close_spider(self) -> None:
        if self.pool is not None:
            self.pool.stop()
        if self.service is not None:
            logger.info("translation: %s", self.service.tally.line())
        if self.db is not None:
            self.db.close()

    async def process_item(self, item: Article) -> Article:
        assert self.service is not None, "open_spider was not called"
        if not self.service.needs_translation(item.language):
            self._apply(item, self.service.process(item.title, item.text, item.language))
        elif self.pool is None:  # deferred: no model work, only the status
            self._apply(item, self._work([item])[0])
        else:
            done: defer.Deferred = defer.Deferred()
            self.waiting.append((item, done))
            self._next_batch()
            self._apply(item, await maybe_deferred_to_future(done))
            assert self.cache is not None
            item.cache_entries = self.cache.drain()  # the batch's new entries go with its first item stored
        return item

    def _next_batch(self) -> None:
        """Hand every article waiting to the worker thread as one batch, unless a batch is running
        (the articles that arrive meanwhile make the next one)."""
        if self.running or not self.waiting:
            return
        batch, self.waiting, self.running = self.waiting, [], True
        work = threads.deferToThreadPool(reactor, self.pool, self._work, [item for item, _ in batch])

        def finished(result: Any) -> None:
            self.running = False
            for i, (_, done) in enumerate(batch):
                if isinstance(result, Failure):
                    done.errback(result)
                else:
                    done.callback(result[i])
            self._next_batch()

        work.addBoth(finished)

    def _work(self, items: list[Article]) -> list[Outcome | None]:
        """Translate (in the worker thread, all of them together), or mark pending when deferred;
        None for an article stored with the same text and a current translation, which keeps it."""
        assert self.service is not None and self.db is not None
        outcomes: list[Outcome | None] = [None] * len(items)
        todo = []
        for i, item in enumerate(items):
            state = translations.stored_state(self.db, item.canonical_url)
            if not (state and state["content_hash"] == item.content_hash and self.service.is_current(state)):
                todo.append(i)
        done = self.service.process_many([(items[i].title, items[i].text, items[i].language) for i in todo])
        for i, outcome in zip(todo, done):
            outcomes[i] = outcome
        return outcomes

    def _apply(self, item: Article, outcome: Outcome | None) -> None:
        if outcome is None:
            self.stats.inc_value("wirewatch/translation/unchanged")
            return  # item.translation_status stays None: the stored translation is kept
        item.translation_status = outcome.status
        item.title_en, item.text_en, item.translation = outcome.title_en, outcome.text_en, outcome.provenance
        self.stats.inc_value(f"wirewatch/translation/{outcome.status}")
        if outcome.status == "failed":
            failures.record(self.stats, "translation", item.url, outcome.detail)


class BufferedCache:
    """A SentenceCache that reads through to the store and keeps new entries in memory, served from
    there, until :meth:`drain` hands them over to be written."""

    def __init__(self, reader: SentenceCache) -> None:
        self.reader = reader
        self.pending: dict[str, Mapping[str, Any]] = {}
        self.lock = threading.Lock()

    def get_many(self, keys: Sequence[str]) -> dict[str, str]:
        with self.lock:
            found = {k: str(self.pending[k]["translated"]) for k in keys if k in self.pending}
        rest = [k for k in keys if k not in found]
        return {**self.reader.get_many(rest), **found} if rest else found

    def put_many(self, entries: Sequence[Mapping[str, Any]]) -> None:
        with self.lock:
            self.pending.update({str(e["key"]): e for e in entries})

    def drain(self) -> list[dict[str, Any]]:
        with self.lock:
            entries = [dict(e) for e in self.pending.values()]
            self.pending.clear()
        return entries
