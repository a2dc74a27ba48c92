"""LanguagePipeline: the article's primary language and its share of other languages."""

from __future__ import annotations

from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector

from crawler.items import Article
from crawler.sources import load, registry_path
from processing.language import UNDETERMINED, LanguageHints, detect, detect_document


class LanguagePipeline:
    def __init__(self, stats: StatsCollector, outlet_languages: dict[str, tuple[str, ...]]) -> None:
        self.stats = stats
        self.outlet_languages = outlet_languages

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "LanguagePipeline":
        sources = load(registry_path(crawler.settings.get("WIREWATCH_SOURCES")))
        return cls(crawler.stats, {s.id: s.languages for s in sources})

    def process_item(self, item: Article) -> Article:
        hints = LanguageHints(expected=self.outlet_languages.get(item.outlet, ()), declared=item.declared_language)
        paragraphs = [p for p in item.text.split("\n\n") if p]
        found = detect_document(paragraphs, hints)
        if found.lang != UNDETERMINED:
            item.language, item.language_confidence, item.language_shares = found.lang, found.confidence, found.shares
        elif item.title:
            single = detect(item.title, hints)
            item.language, item.language_confidence = single.lang, single.confidence
        else:
            item.language, item.language_confidence = UNDETERMINED, 0.0
        self.stats.inc_value(f"wirewatch/language/{item.language}")
        return item
