"""What every discovery parser returns or raises."""

from __future__ import annotations

from dataclasses import dataclass


class DiscoveryError(Exception):
    """A feed, sitemap or section page that cannot be used; ``reason`` names the counter, the message is one line."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message.splitlines()[0] if message else reason)
        self.reason = reason


@dataclass(frozen=True)
class Link:
    url: str
    title: str | None = None
    published: str | None = None  # as the document gives it (RFC 822 in RSS, W3C/ISO 8601 in sitemaps)
    guid: str | None = None

