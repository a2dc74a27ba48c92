"""`wirewatch extract`: extract one page (a file or a URL) the way a crawl does, and show the result."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import click

import settings
from typing import TYPE_CHECKING

from crawler.cli.common import BadValue, FilePath, FiniteFloatRange, user_errors
from crawler.overrides import maximum, minimum

if TYPE_CHECKING:
    from processing.extract import ExtractHints, Extracted

FIELDS = ("title", "authors", "published", "modified", "canonical_url", "site_name", "section", "description",
          "image", "declared_language", "wire_agency", "encoding")


@click.command("extract")
@click.argument("source", metavar="FILE_OR_URL")
@click.option("--url", help="The page's address, for a file (resolves relative links; default: the file's URI).")
@click.option("--json", "as_json", is_flag=True, help="Print the result as one JSON object.")
@click.option("--outlet", help="Apply this outlet's per-outlet rules from the source registry.")
@click.option("--sources", type=FilePath(), envvar="WIREWATCH_SOURCES", show_envvar=True,
              help="Source registry for --outlet (default: sources.toml of the project).")
@click.option("--timeout", type=FiniteFloatRange(min=minimum("WIREWATCH_EXTRACT_TIMEOUT"),
                                                max=maximum("WIREWATCH_EXTRACT_TIMEOUT")),
              default=settings.WIREWATCH_EXTRACT_TIMEOUT,
              show_default=True, help="Seconds the extraction may take before it is stopped.")
@user_errors
def extract_command(source: str, url: str | None, as_json: bool, outlet: str | None, sources: Path | None,
                    timeout: float) -> None:
    """Extract the article from one page, as a crawl would, and print its fields and text.

    FILE_OR_URL is an HTML file (gzipped or not) or an http(s) address, fetched once (no robots.txt
    check: this is for looking at one page). Exit status 1 when no article could be extracted.
    """
    from crawler import pages
    from processing.extract import ExtractionFailure, ExtractOptions
    from processing.language import UNDETERMINED
    from processing.page import PRELOAD, PageJob, process_within
    from processing.workers import WorkerPool

    if not source.strip():
        raise BadValue("an empty file name or address (a variable set to nothing?); give an HTML file or an "
                       "http(s) address", "FILE_OR_URL")
    if url is not None and not pages.is_url(url):
        raise BadValue(f"expected the page's http:// or https:// address, not {url!r}", "--url")
    hints, languages = _hints(outlet, sources)
    options = ExtractOptions(max_html_bytes=settings.WIREWATCH_MAX_HTML_BYTES, max_elements=settings.WIREWATCH_MAX_ELEMENTS)
    page = pages.load(source, url, max_bytes=options.max_html_bytes, timeout=settings.DOWNLOAD_TIMEOUT,
                      user_agent=settings.USER_AGENT)
    # The crawl's own per-page step (extraction, then language detection), in a worker stopped at --timeout.
    with WorkerPool(1, timeout, preload=PRELOAD) as pool:
        processed = process_within(pool, PageJob(page.body, page.url, hints, options, page.header_charset,
                                                 expected_languages=languages))
    result = processed.extracted
    if isinstance(result, ExtractionFailure):
        error = result.error
        if len(page.body) > options.max_html_bytes:  # only the limit and one byte were read: say no more
            error = f"more than {options.max_html_bytes} bytes (WIREWATCH_MAX_HTML_BYTES)"
        if as_json:  # a tool reading stdout gets the outcome in the same shape, with the crawl's status name
            click.echo(json.dumps({"url": page.url, "status": result.status, "error": error}, ensure_ascii=False))
        raise click.ClickException(f"no article extracted from {page.url} ({result.status}): {error}")
    language = processed.language
    found = {"language": language.lang if language else UNDETERMINED,
             "language_confidence": language.confidence if language else 0.0}
    click.echo(_as_json(page.url, result, found) if as_json else _as_text(page.url, result, found))


def _hints(outlet: str | None, sources: Path | None) -> tuple[ExtractHints | None, tuple[str, ...]]:
    """The outlet's extraction hints and configured languages (what a crawl gives its pages), or none."""
    if outlet is None:
        return None, ()
    from crawler.sources import load as load_sources
    from crawler.sources import registry_path

    registry = load_sources(registry_path(sources))
    for source in registry:
        if source.id == outlet:
            return source.extract_hints(), tuple(source.languages)
    raise BadValue(f"no outlet {outlet!r} in the source registry; valid: {', '.join(s.id for s in registry)}",
                   "--outlet")


def _as_json(url: str, result: Extracted, language: dict[str, object]) -> str:
    return json.dumps({"url": url, "status": "ok", **dataclasses.asdict(result), **language}, ensure_ascii=False,
                      indent=2)


def _as_text(url: str, result: Extracted, language: dict[str, object]) -> str:
    lines = [f"{'url':<18} {url}"]
    for name in FIELDS:
        value = getattr(result, name)
        if isinstance(value, list):
            value = "; ".join(value)
        if name == "encoding" and result.encoding_mislabelled:
            value = f"{value} (the declared charset was wrong)"
        lines.append(f"{name:<18} {'' if value is None else value}".rstrip())
    lines.append(f"{'language':<18} {language['language']} ({float(language['language_confidence']):.2f})")
    removed = ", ".join(f"{rule} {count}" for rule, count in result.boilerplate_removed.items())
    lines.append(f"{'boilerplate':<18} {removed or 'none'}")
    lines.append(f"\n-- text ({len(result.paragraphs)} paragraphs) --\n")
    lines.append(result.text)
    return "\n".join(lines)
