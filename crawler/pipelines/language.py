"""LanguagePipeline: the article's primary language and its share of other languages."""

from __future__ import annotations

from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector

from crawler.items import Article
from processing.language import detect, detect_document


class LanguagePipeline:
    def __init__(self, stats: StatsCollector) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "LanguagePipeline":
        return cls(crawler.stats)

    def process_item(self, item: Article) -> Article:
        paragraphs = [p for p in item.text.split("\n\n") if p]
        if paragraphs:
            found = detect_document(paragraphs)
            item.language, item.language_confidence, item.language_shares = found.lang, found.confidence, found.shares
        elif item.title:
            single = detect(item.title)
            item.language, item.language_confidence = single.lang, single.confidence
        else:
            item.language, item.language_confidence = "und", 0.0
        self.stats.inc_value(f"wirewatch/language/{item.language}")
        return item
