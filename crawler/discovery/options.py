"""How the news spider discovers: built once from the settings and passed down."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DiscoveryOptions:
    db_path: str
    max_html_bytes: int
    max_xml_bytes: int  # a gzipped sitemap may not expand beyond this
    window_hours: float  # sitemap entries (and child sitemaps) older than this are not fetched
    refresh: bool = False  # fetch stored articles again, and ignore feed validators
    parse_timeout: float = 20.0  # seconds a feed or sitemap may take to parse (off the reactor thread)
