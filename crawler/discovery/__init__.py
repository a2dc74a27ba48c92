"""Reading discovery documents from response bytes: RSS/Atom feeds, (news) sitemaps, section pages.

Pure functions, no Scrapy: each takes bytes (or text) and returns :class:`Link` objects, or
raises :class:`DiscoveryError` whose ``reason`` is the failure counter's name.
"""

from crawler.discovery.feeds import Feed, parse_feed, read_feed
from crawler.discovery.links import DiscoveryError, Link
from crawler.discovery.sections import section_links
from crawler.discovery.sitemaps import Sitemap, in_window, parse_sitemap

__all__ = ["DiscoveryError", "Feed", "Link", "Sitemap", "in_window", "parse_feed", "parse_sitemap", "read_feed",
           "section_links"]
