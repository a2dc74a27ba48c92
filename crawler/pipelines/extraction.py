"""ExtractionPipeline: the article's text and metadata from its HTML (processing.extract)."""

from __future__ import annotations

import logging

from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector

from crawler import failures
from crawler.items import Article
from crawler.sources import Source, load, registry_path
from processing.extract import ExtractHints, ExtractionError, ExtractOptions, extract
from processing.fingerprint import content_hash

logger = logging.getLogger(__name__)


class ExtractionPipeline:
    def __init__(self, stats: StatsCollector, hints: dict[str, ExtractHints], options: ExtractOptions) -> None:
        self.stats = stats
        self.hints = hints
        self.options = options

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "ExtractionPipeline":
        sources: list[Source] = load(registry_path(crawler.settings.get("WIREWATCH_SOURCES")))
        return cls(crawler.stats, {s.id: s.extract_hints() for s in sources}, ExtractOptions())

    def process_item(self, item: Article) -> Article:
        try:
            result = extract(item.body, item.url, self.hints.get(item.outlet), self.options,
                             header_charset=item.header_charset)
        except ExtractionError as exc:
            item.extraction_status, item.extraction_error = "failed", str(exc)
            failures.record(self.stats, "extraction", item.url, str(exc), outlet=item.outlet)
            return item
        item.title = result.title
        item.text = result.text
        item.authors = result.authors
        item.published = result.published
        item.declared_language = result.declared_language
        item.encoding = result.encoding
        item.boilerplate_removed = result.boilerplate_removed_count
        item.extraction_status = "ok"
        item.content_hash = content_hash(result.title, result.text)
        self.stats.inc_value("wirewatch/boilerplate_removed", result.boilerplate_removed_count)
        if result.encoding_mislabelled:
            self.stats.inc_value("wirewatch/charset_mislabelled")
            logger.warning("charset_mislabelled: %s (declared %s, decoded as %s)",
                           item.url, item.header_charset or "in <meta>", result.encoding)
        return item
