"""Reading discovery documents from response bytes: RSS/Atom feeds, (news) sitemaps, section pages.

Pure functions, no Scrapy: each takes bytes (or text) and returns :class:`Link` objects, or
raises :class:`DiscoveryError` whose ``reason`` is the failure counter's name.
"""

from crawler.discovery.feeds import parse_feed
from crawler.discovery.links import DiscoveryError, Link
from crawler.discovery.sections import section_links
from crawler.discovery.sitemaps import Sitemap, in_window, parse_sitemap

__all__ = ["DiscoveryError", "Link", "Sitemap", "in_window", "parse_feed", "parse_sitemap", "section_links"]
