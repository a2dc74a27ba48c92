"""Scrapy spiders: discovery of which URLs to fetch. Nothing else lives here."""
