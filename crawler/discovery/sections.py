"""Section pages: the links an outlet's listing page (e.g. /world/) points to."""

from __future__ import annotations

from urllib.parse import urljoin

import lxml.html

from crawler.discovery.links import DiscoveryError, Link, address


def section_links(html: str, base_url: str) -> list[Link]:
    """Every ``<a href>`` of the page, made absolute (honouring ``<base href>``), with its text as title."""
    if not html.strip():
        raise DiscoveryError("empty_body", "empty section page")
    try:
        document = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise DiscoveryError("not_html", f"section page is not HTML: {exc}") from None
    base = next(iter(document.xpath("//base/@href")), None)
    base_url = urljoin(base_url, base) if base else base_url
    links = []
    for anchor in document.iter("a"):
        href = address(anchor.get("href") or "")
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:", "data:")):
            continue
        url = urljoin(base_url, href)
        if url.startswith(("http://", "https://")):
            links.append(Link(url=url, title=" ".join(anchor.text_content().split()) or None))
    return links
