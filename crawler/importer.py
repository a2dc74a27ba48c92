"""`wirewatch import`: pre-extracted articles from a JSON Lines file, through the crawl's processing.

Each line is one JSON object: ``url``, ``outlet`` and ``text`` (paragraphs separated by blank lines)
are required; ``title``, ``published`` (ISO 8601) and ``language`` (ISO 639-1) are optional, and so is
any other column the ``articles`` table has (for example ``title_en``/``text_en`` or ``wire_agency``);
``authors`` and ``boilerplate_removed`` are checked and read as the crawl sets them (``READ_FIELDS``).
An article without ``language`` gets the crawl's detection (processing.language.article_language).
Articles are upserted on their canonical URL in batches (one transaction each) and clustered into
stories batch by batch, as the crawl's DedupPipeline does.

Outlets not in the store yet get a minimal ``sources`` row (name = id, region ``other``, not enabled),
or the ``outlet_name``, ``region`` and ``country`` the outlet's first line gives (as ``wirewatch export``
writes them, so an export imported elsewhere keeps its outlets' regions); a crawl's registry sync fills
it in if the outlet is added to the registry.

A bad line (not UTF-8, not JSON, not an object, a required field missing or empty, a URL that is not http(s), a
field of the wrong type) is skipped with a one-line error naming its line number and is counted by
reason; the other lines are imported. So is a line longer than ``MAX_LINE_BYTES`` (``too_large``, read
in pieces and never held whole) or a text longer than ``MAX_TEXT_CHARS``, a string holding a lone
surrogate (``bad_encoding``) or a NUL character, a ``published`` date that is impossible or
implausible (as the crawl's date parser judges it), and an ``outlet`` that is not an outlet id
(lower-case letters, digits and hyphens, as in the registry). A UTF-8 byte-order mark on line 1 is
accepted.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import sys
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterator

import sqlite_utils

from crawler.clustering import Clusterer, ClusterReport
from crawler.items import Article
from crawler.pipelines.storage import row as storage_row
from processing.country_codes import country_problem
from processing.dates import parse_machine
from processing.dedup import DedupOptions
from processing.fingerprint import content_hash
from processing.language import LanguageHints, article_language
from processing.urls import canonicalize
from storage import articles
from storage import sources as store_sources

logger = logging.getLogger(__name__)

REQUIRED = ("url", "outlet", "text")
OPTIONAL_TEXT = ("title", "published", "language")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$")
MAX_ERRORS_KEPT = 100
MAX_LINE_BYTES = 8 * 1024 * 1024  # one JSON line; longer lines are rejected as too_large
MAX_TEXT_CHARS = 2_000_000  # one article's text (the longest real articles are under 200,000)
_READ_CHUNK = 1 << 20
_OUTLET_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")  # the registry's rule for outlet ids (crawler.sources)
_SURROGATE = re.compile("[\ud800-\udfff]")


class ImportFileError(Exception):
    """The import file cannot be read at all (missing, a folder, not UTF-8 text)."""


@dataclass
class ImportReport:
    lines: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)  # the first MAX_ERRORS_KEPT, one line each
    ignored_fields: set[str] = field(default_factory=set)
    outlets_created: list[str] = field(default_factory=list)
    languages_detected: int = 0
    dedup: ClusterReport = field(default_factory=ClusterReport)

    @property
    def imported(self) -> int:
        return self.new + self.updated + self.unchanged

    def reject(self, line_no: int, reason: str, detail: str) -> None:
        self.rejected[reason] = self.rejected.get(reason, 0) + 1
        message = f"line {line_no}: {reason}: {detail}"
        logger.warning("import %s", message)
        if len(self.errors) < MAX_ERRORS_KEPT:
            self.errors.append(message)

    def summary(self, path: Path) -> str:
        rejected = sum(self.rejected.values())
        detail = ", ".join(f"{k} {v}" for k, v in sorted(self.rejected.items()))
        return (f"wirewatch: imported {path}: {self.lines} lines, {self.new} new, {self.updated} updated, "
                f"{self.unchanged} unchanged, {rejected} rejected" + (f" ({detail})" if detail else ""))


class Importer:
    def __init__(self, db: sqlite_utils.Database, *, dedup: bool = True, batch_size: int = 500,
                 options: DedupOptions = DedupOptions()) -> None:
        self.db = db
        self.batch_size = batch_size
        # Outlets created by this import have no languages: detection then goes without priors.
        self.languages: dict[str, tuple[str, ...]] = store_sources.languages(db)
        self.clusterer = Clusterer(db, options, batch_size=batch_size) if dedup else None
        self.columns = articles.columns(db)
        self.outlet_details: dict[str, dict[str, str]] = {}  # outlet id -> name, region, country lines gave
        self.report = ImportReport()  # the current (or last) run's

    def run(self, path: Path, progress: Callable[[ImportReport], None] | None = None) -> ImportReport:
        report = self.report = ImportReport()  # kept on the importer: what an interrupted run had stored
        batch: list[dict[str, Any]] = []
        for line_no, raw in _lines(path):
            report.lines += 1
            if raw is None:
                report.reject(line_no, "too_large", f"line longer than {MAX_LINE_BYTES} bytes; skipped unread")
                continue
            row = self._row(line_no, raw, report)
            if row is not None:
                batch.append(row)
            if len(batch) >= self.batch_size:
                self._store(batch, report)
                batch = []
                if progress is not None:
                    progress(report)
        if batch:
            self._store(batch, report)
        if progress is not None:
            progress(report)
        return report

    def _row(self, line_no: int, raw: bytes, report: ImportReport) -> dict[str, Any] | None:
        try:
            data = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            report.reject(line_no, "bad_encoding", f"not UTF-8 ({exc.reason} at byte {exc.start})")
            return None
        except json.JSONDecodeError as exc:
            report.reject(line_no, "bad_json", f"not valid JSON ({exc.msg} at column {exc.colno})")
            return None
        if not isinstance(data, dict):
            report.reject(line_no, "not_object", f"expected a JSON object, got {type(data).__name__}")
            return None
        for name in REQUIRED:
            if not isinstance(data.get(name), str) or not data[name].strip():
                reason = "missing_field" if data.get(name) in (None, "") else "bad_field"
                report.reject(line_no, reason, f"field '{name}' must be a non-empty string")
                return None
        for name in OPTIONAL_TEXT:
            if data.get(name) is not None and not isinstance(data[name], str):
                report.reject(line_no, "bad_field", f"field '{name}' must be a string")
                return None
        problem = _text_problem(data)
        if problem is not None:
            report.reject(line_no, *problem)
            return None
        url = data["url"].strip()
        if not re.match(r"^https?://[^/\s]+", url):
            report.reject(line_no, "bad_url", f"not an http(s) URL: {url[:80]!r}")
            return None
        outlet = data["outlet"].strip()
        if not _OUTLET_ID.match(outlet):
            report.reject(line_no, "bad_field", f"field 'outlet' is not an outlet id (lower-case letters, digits, "
                                                f"hyphens): {outlet[:40]!r}")
            return None
        if data.get("published") and parse_machine(data["published"]) is None:
            report.reject(line_no, "bad_field", f"field 'published' is not a possible ISO 8601 date: "
                                                f"{data['published'][:40]!r}")
            return None
        authors = data.get("authors")
        if authors is not None and (not isinstance(authors, list)
                                    or not all(isinstance(a, str) and a.strip() for a in authors)):
            report.reject(line_no, "bad_field", "field 'authors' must be a list of names (strings)")
            return None
        removed = _removed_count(data.get("boilerplate_removed"))
        if removed is None:
            report.reject(line_no, "bad_field", "field 'boilerplate_removed' must be a count of lines (an integer "
                                                "from 0) or, as `extract --json` gives it, {rule: count}")
            return None
        language = (data.get("language") or "").strip()
        if language and not _LANGUAGE.match(language):
            report.reject(line_no, "bad_field", f"field 'language' is not a language code: {language[:20]!r}")
            return None
        item = Article(url=url, canonical_url=canonicalize(url), outlet=data["outlet"].strip(), body=b"",
                       http_status=None,  # type: ignore[arg-type]
                       fetched=datetime.now(timezone.utc).isoformat(timespec="seconds"))
        item.title = (data.get("title") or "").strip() or None
        item.text = data["text"].strip()
        item.published = data.get("published") or None
        item.extraction_status = "ok"
        item.authors = [a.strip() for a in authors or []]
        item.boilerplate_removed = removed
        item.content_hash = content_hash(item.title, item.text)
        if language:
            item.language = language
        else:
            hints = LanguageHints(expected=self.languages.get(item.outlet, ()))
            found = article_language(item.title, item.text, hints)
            item.language, item.language_confidence = found.lang, found.confidence
            item.language_shares = dict(found.shares)
            report.languages_detected += 1
        row = storage_row(item)
        if item.outlet not in self.outlet_details:
            self.outlet_details[item.outlet] = outlet_details(data)
        for name, value in data.items():
            if name in REQUIRED or name in OPTIONAL_TEXT or name in READ_FIELDS or name in OUTLET_FIELDS:
                continue
            if name in self.columns:
                if row.get(name) is None:  # what the file gives fills what processing left empty
                    row[name] = json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value
            elif name not in report.ignored_fields:
                report.ignored_fields.add(name)
                logger.warning("import: field '%s' (first on line %d) is not an article column; ignored",
                               name, line_no)
        return row

    def _store(self, batch: list[dict[str, Any]], report: ImportReport) -> None:
        report.outlets_created += store_sources.ensure(self.db, {r["outlet"] for r in batch}, self.outlet_details)
        results = articles.upsert_many(self.db, batch)
        changed = []
        for result in results:
            setattr(report, result.outcome, getattr(report, result.outcome) + 1)
            if result.outcome != "unchanged":
                changed.append(result.id)
        if self.clusterer is not None and changed:
            report.dedup.add(self.clusterer.cluster(changed))


# Fields read into the article (checked, then set as the crawl sets them), not copied as given.
READ_FIELDS = ("authors", "boilerplate_removed")


def _removed_count(value: Any) -> int | None:
    """The number of boilerplate lines a line's ``boilerplate_removed`` gives, as the crawl stores it (the
    sum of :attr:`processing.extract.Extracted.boilerplate_removed`): an integer from 0, or ``{rule: count}``
    as ``wirewatch extract --json`` prints it; 0 when absent (the text came clean); None when malformed."""
    def count(v: Any) -> bool:
        return isinstance(v, int) and not isinstance(v, bool) and v >= 0
    if value is None:
        return 0
    if count(value):
        return value
    if isinstance(value, dict) and all(isinstance(k, str) and count(v) for k, v in value.items()):
        return sum(value.values())
    return None


# Fields of an export record that describe the outlet, not the article: used for an outlet the store does
# not know yet (storage.sources.ensure), each only when valid.
OUTLET_FIELDS = {"outlet_name": "name", "region": "region", "country": "country"}


def outlet_details(data: dict[str, Any]) -> dict[str, str]:
    """The outlet's name, region and country a line gives (``outlet_name``, ``region``, ``country`` of an export
    record), each kept only when it is what the registry would accept; {} when none is."""
    from crawler.sources import REGIONS

    details = {}
    name = data.get("outlet_name")
    if isinstance(name, str) and name.strip() and len(name) <= 200:
        details["name"] = name.strip()
    if data.get("region") in REGIONS:
        details["region"] = data["region"]
    if isinstance(data.get("country"), str) and country_problem(data["country"]) is None:
        details["country"] = data["country"]
    return details


def _text_problem(data: dict[str, Any]) -> tuple[str, str] | None:
    """(reason, detail) when a string field holds what no article may: a lone surrogate (it cannot be
    encoded, so it could be neither hashed nor stored), a NUL character, a text beyond MAX_TEXT_CHARS."""
    for name, value in data.items():
        if not isinstance(value, str):
            continue
        if _SURROGATE.search(value):
            return "bad_encoding", f"field '{name[:40]}' holds a lone surrogate (not a Unicode character)"
        if "\x00" in value:
            return "bad_field", f"field '{name[:40]}' holds a NUL character"
    if len(data["text"]) > MAX_TEXT_CHARS:
        return "too_large", f"text of {len(data['text'])} characters, limit {MAX_TEXT_CHARS}"
    return None


def check_input(path: Path) -> None:
    """Raise ImportFileError when ``path`` (not ``-``) is no file that could be read: missing, a folder,
    or not readable. Nothing is opened (a FIFO would block until a writer comes), so the command checks
    its input before it creates a store for it."""
    if str(path) == "-":
        return
    if path.is_dir():
        raise ImportFileError(f"{path} is a folder, not a JSON Lines file")
    if not path.exists():
        raise ImportFileError(f"{path}: no such file")
    if not os.access(path, os.R_OK):
        raise ImportFileError(f"{path}: cannot read: Permission denied")
    if path.is_file():  # a regular file only: opening a FIFO would wait for a writer
        kind = _container_kind(path)
        if kind is not None:
            raise ImportFileError(f"{path} is {kind[0]}, not a JSON Lines file; {kind[1]}")


# Files that are plainly no JSON Lines, by their first bytes (each format's published signature): the
# import read a gzipped export as hundreds of `bad_encoding` lines before saying it imported nothing.
_SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"\x1f\x8b", "gzip-compressed", "decompress it first: gunzip -c FILE | wirewatch import -"),
    (b"BZh", "bzip2-compressed", "decompress it first: bunzip2 -c FILE | wirewatch import -"),
    (b"\xfd7zXZ\x00", "xz-compressed", "decompress it first: xz -dc FILE | wirewatch import -"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed", "decompress it first: zstd -dc FILE | wirewatch import -"),
    (b"PK\x03\x04", "a zip archive", "extract the .jsonl file from it first"),
    (b"SQLite format 3\x00", "an SQLite database",
     "export its articles first: wirewatch export --db FILE -o FILE.jsonl"),
)


def _container_kind(path: Path) -> tuple[str, str] | None:
    """(what ``path`` is, what to do) when its first bytes are a compressed file's, an archive's or an SQLite
    database's signature (FILE in the advice is ``path``); None for anything else, or a file that cannot be read."""
    try:
        with path.open("rb") as handle:
            head = handle.read(16)
    except OSError:
        return None  # reading it later says why
    for magic, kind, advice in _SIGNATURES:
        if head.startswith(magic):
            return kind, advice.replace("FILE", str(path))
    return None


def _lines(path: Path) -> Iterator[tuple[int, bytes | None]]:
    """Non-blank lines with their numbers (None for a line longer than MAX_LINE_BYTES, which is read
    in pieces and dropped); a UTF-8 BOM opening the file is skipped; a file that cannot be opened
    raises ImportFileError. ``-`` is standard input, as for most command-line tools (a pipe from an export)."""
    opened: Any
    if str(path) == "-":
        opened = contextlib.nullcontext(sys.stdin.buffer)  # read, not closed
    else:
        check_input(path)
        try:
            opened = path.open("rb")
        except FileNotFoundError:
            raise ImportFileError(f"{path}: no such file") from None
        except OSError as exc:
            raise ImportFileError(f"{path}: cannot read: {exc.strerror}") from None
    with opened as handle:
        line_no = 0
        while True:
            line = handle.readline(MAX_LINE_BYTES + 1)
            if not line:
                return
            line_no += 1
            if line_no == 1:
                line = line.removeprefix(b"\xef\xbb\xbf")
            if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
                while (rest := handle.readline(_READ_CHUNK)) and not rest.endswith(b"\n"):
                    pass
                yield line_no, None
            elif line.strip():
                yield line_no, line
