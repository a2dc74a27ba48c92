"""Processing: pure functions over text and bytes (extract, language, translate, dedup). No Scrapy here."""
