"""StoragePipeline: upserts each article into the SQLite store on its canonical URL."""

from __future__ import annotations

import json
import logging
from typing import Any

import sqlite_utils
from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector

import storage
from crawler.items import Article
from storage import articles, translations

logger = logging.getLogger(__name__)

RUN_ID_STAT = "wirewatch/run_id"


class StoragePipeline:
    def __init__(self, stats: StatsCollector, db_path: str) -> None:
        self.stats = stats
        self.db_path = db_path
        self.db: sqlite_utils.Database | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "StoragePipeline":
        return cls(crawler.stats, crawler.settings.get("WIREWATCH_DB"))

    def open_spider(self) -> None:
        self.db = storage.open_db(self.db_path)

    def close_spider(self) -> None:
        if self.db is not None:
            self.db.close()

    def process_item(self, item: Article) -> Article:
        assert self.db is not None, "open_spider was not called"
        result = articles.upsert(self.db, row(item), run_id=self.stats.get_value(RUN_ID_STAT))
        item.article_id, item.store_outcome = result.id, result.outcome
        if item.translation_status is not None:  # also for an unchanged article translated only now
            translations.record(self.db, result.id, status=item.translation_status, title_en=item.title_en,
                                text_en=item.text_en, provenance=item.translation)
        if item.cache_entries:  # written here so that one connection writes during the crawl
            translations.SentenceCache(self.db).put_many(item.cache_entries)
        self.stats.inc_value(f"wirewatch/stored/{result.outcome}")
        logger.info("stored %s article %d: %s", result.outcome, result.id, item.canonical_url)
        return item


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
