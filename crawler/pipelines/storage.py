"""StoragePipeline: upserts each article into the SQLite store on its canonical URL.

The writes go through the crawl's StoreWriter (crawler.store_writer): one thread with one
connection, batched transactions, so the reactor never waits on SQLite. An article is counted
(``wirewatch/stored/<outcome>``) and logged as stored once its batch is committed. DedupPipeline
clusters through the same writer (``self.writer``): one connection writes during the crawl.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from dataclasses import dataclass, field
from typing import Any, Sequence

import sqlite_utils
from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector
from scrapy.utils.defer import maybe_deferred_to_future

from crawler import failures
from crawler.items import Article
from crawler.store_writer import StoreWriter
from storage import articles, translations
from storage.dedup import write_transaction

logger = logging.getLogger(__name__)

RUN_ID_STAT = "wirewatch/run_id"


class StoragePipeline:
    def __init__(self, stats: StatsCollector, db_path: str) -> None:
        self.stats = stats
        self.db_path = db_path
        self.writer: StoreWriter | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "StoragePipeline":
        return cls(crawler.stats, crawler.settings.get("WIREWATCH_DB"))

    def open_spider(self) -> None:
        self.writer = StoreWriter(self.db_path)
        self.writer.handle("articles", write_articles)
        self.writer.start()

    def close_spider(self) -> None:
        if self.writer is not None:
            self.writer.close()

    async def process_item(self, item: Article) -> Article:
        assert self.writer is not None, "open_spider was not called"
        write = ArticleWrite(row(item), self.stats.get_value(RUN_ID_STAT), item.translation_status, item.title_en,
                             item.text_en, item.translation, item.cache_entries)
        item.cache_entries = []  # handed over: not kept in memory with the item
        try:
            result = await maybe_deferred_to_future(self.writer.submit("articles", write))
        except sqlite3.Error as exc:
            failures.record(self.stats, "storage", item.canonical_url, str(exc), outlet=item.outlet)
            return item
        item.article_id, item.store_outcome = result.id, result.outcome
        self.stats.inc_value(f"wirewatch/stored/{result.outcome}")
        logger.info("stored %s article %d: %s", result.outcome, result.id, item.canonical_url)
        return item


@dataclass(frozen=True)
class ArticleWrite:
    """What storing one article writes: its row, and its translation and new sentence-cache entries."""

    row: dict[str, Any]
    run_id: int | None
    translation_status: str | None = None  # None: keep the stored translation
    title_en: str | None = None
    text_en: str | None = None
    provenance: dict[str, str] | None = None
    cache_entries: list[dict] = field(default_factory=list)


def write_articles(db: sqlite_utils.Database, writes: Sequence[ArticleWrite]) -> list[Any]:
    """Upsert a batch of articles in one transaction, each in a savepoint of its own: one that fails
    comes back as its sqlite3.Error and the others are kept. Runs in the store writer's thread."""
    results: list[Any] = []
    articles.check_columns(articles.columns(db), [write.row for write in writes])  # once per batch
    with write_transaction(db):
        for write in writes:
            try:
                with db.atomic():
                    result = articles.upsert_checked(db, write.row, run_id=write.run_id)
                    if write.translation_status is not None:  # also for an unchanged article translated only now
                        translations.record_stored(db, result.id, result.outcome, status=write.translation_status,
                                                   title_en=write.title_en, text_en=write.text_en,
                                                   provenance=write.provenance)
                    if write.cache_entries:
                        translations.SentenceCache(db).put_many(write.cache_entries)
                results.append(result)
            except sqlite3.Error as exc:
                results.append(exc)
    return results


def row(item: Article) -> dict[str, Any]:
    """The article's columns in the store."""
    return {
        "canonical_url": item.canonical_url, "url": item.url, "outlet": item.outlet,
        "title": item.title, "text": item.text, "language": item.language,
        "language_confidence": item.language_confidence, "published": item.published,
        "fetched": item.fetched, "content_hash": item.content_hash,
        "boilerplate_removed": item.boilerplate_removed, "extraction_status": item.extraction_status,
        "extraction_error": item.extraction_error, "http_status": item.http_status, "encoding": item.encoding,
        "authors": json.dumps(item.authors, ensure_ascii=False), "modified": item.modified,
        "site_name": item.site_name, "section": item.section, "description": item.description,
        "image": item.image, "declared_language": item.declared_language, "wire_agency": item.wire_agency,
        "language_shares": json.dumps(item.language_shares) if item.language_shares else None,
        "translation_status": item.translation_status, "title_en": item.title_en, "text_en": item.text_en,
    }
