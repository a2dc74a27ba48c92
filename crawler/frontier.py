"""The crawl frontier: what discovery fetches, and what it must not fetch again.

It keeps its state in SQLite (storage.discovery), never in memory between runs or in a JOBDIR:

- Feeds, sitemaps and section pages are requested with the ETag / Last-Modified seen last time;
  a 304 means nothing new.
- A document's validators are saved only once every article it listed has been dealt with, and
  only if none of them failed for a reason worth retrying (timeout, 5xx, ...). A crawl that is
  killed half-way therefore reads those documents in full next time, and finds what it missed.
- An article URL already stored (directly, or as a known alias of a stored article) is not
  fetched again unless ``refresh`` is set. Links are compared after canonicalisation (tracking
  parameters and fragments dropped), and fetched under that canonical form.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import sqlite_utils

import storage
from processing.urls import canonicalize
from storage import discovery as state

logger = logging.getLogger(__name__)

ALIAS_BATCH = 100


@dataclass
class Document:
    """A feed, sitemap or section page fetched in this run."""

    url: str
    outlet: str
    kind: str
    status: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    keep_validators: bool = True  # False for a sitemap index (its children change without it) and on errors
    pending: int = 0  # article requests not finished yet
    read: bool = False  # parsed; its article requests are all scheduled
    retry: bool = False  # an article failed transiently: read it in full again next run
    done: bool = False


class Frontier:
    def __init__(self, db_path: str | Path, *, refresh: bool = False) -> None:
        self.db_path = db_path
        self.refresh = refresh
        self.db: sqlite_utils.Database | None = None
        self._validators: dict[str, state.Validators] = {}
        self._documents: dict[str, Document] = {}
        self._scheduled: set[str] = set()  # canonical article URLs requested (or claimed) in this run
        self._aliases: list[tuple[str, str]] = []

    # --- life cycle ---------------------------------------------------------------------
    def open(self, discovery_urls: Iterable[str]) -> None:
        self.db = storage.open_db(self.db_path)
        if not self.refresh:
            self._validators = state.validators(self.db, discovery_urls)

    def close(self) -> None:
        if self.db is None:
            return
        unfinished = [d for d in self._documents.values() if not d.done]
        # Their articles were not all dealt with: keep the old validators so the next run reads them again.
        state.record_fetch(self.db, [{"url": d.url, "outlet": d.outlet, "kind": d.kind, "last_status": d.status,
                                      "last_error": "unfinished"} for d in unfinished])
        if unfinished:
            logger.info("%d discovery documents left unfinished; they will be read in full next run", len(unfinished))
        self._flush_aliases()
        self.db.close()
        self.db = None

    # --- discovery documents ------------------------------------------------------------
    def conditional_headers(self, url: str) -> dict[str, str]:
        if self.refresh:
            return {}
        found = self._validators.get(url)
        if found is None and self.db is not None and url not in self._validators:
            found = state.validators(self.db, [url]).get(url)
        headers = {}
        if found is not None and found.etag:
            headers["If-None-Match"] = found.etag
        if found is not None and found.last_modified:
            headers["If-Modified-Since"] = found.last_modified
        return headers

    def fetched(self, url: str, outlet: str, kind: str, status: int, headers: dict[str, str | None]) -> Document:
        """A discovery document answered ``status`` (200, or 304 which finishes it at once)."""
        document = Document(url, outlet, kind, status, headers.get("etag"), headers.get("last-modified"))
        self._documents[url] = document
        if status == 304:
            document.read = True
            self._finish(document, validators=False)  # keep the stored ones
        return document

    def read(self, document: Document, *, keep_validators: bool = True) -> None:
        """Every article request of ``document`` is scheduled (or there were none)."""
        document.read = True
        document.keep_validators = keep_validators
        self._maybe_finish(document)

    def failed(self, url: str, outlet: str, kind: str, reason: str, status: int | None) -> None:
        """The document could not be fetched or read: forget its validators, keep the reason."""
        document = self._documents.get(url) or Document(url, outlet, kind, status)
        self._documents[url] = document
        document.done = True
        self._write({"url": url, "outlet": outlet, "kind": kind, "last_status": status, "last_error": reason,
                     "etag": None, "last_modified": None})

    # --- articles ---------------------------------------------------------------------------
    def select(self, urls: Iterable[str]) -> tuple[list[str], int, int]:
        """The canonical forms of ``urls`` to fetch, how many were already stored, and how many are
        duplicates: listed twice in ``urls`` (in one canonical form) or already requested in this run."""
        canonical = [canonicalize(u) for u in urls]
        candidates = list(dict.fromkeys(canonical))
        fresh = [u for u in candidates if u not in self._scheduled]
        duplicates = len(canonical) - len(fresh)
        known = set() if self.refresh or self.db is None else state.stored(self.db, fresh)
        chosen = [u for u in fresh if u not in known]
        self._scheduled.update(chosen)
        return chosen, len(known), duplicates

    def expect(self, document: Document, n: int) -> None:
        document.pending += n

    def article_done(self, document_url: str | None, *, retry: bool = False) -> None:
        document = self._documents.get(document_url or "")
        if document is None:
            return
        document.pending -= 1
        document.retry = document.retry or retry
        self._maybe_finish(document)

    def is_stored(self, canonical_url: str) -> bool:
        return not self.refresh and self.db is not None and bool(state.stored(self.db, [canonical_url]))

    def claim(self, canonical_url: str) -> bool:
        """False when this canonical URL was already requested or claimed in this run."""
        if canonical_url in self._scheduled:
            return False
        self._scheduled.add(canonical_url)
        return True

    def alias(self, urls: Iterable[str], canonical_url: str) -> None:
        """Remember that ``urls`` lead to ``canonical_url`` so later runs do not fetch them."""
        self._aliases.extend((canonicalize(u), canonical_url) for u in urls if canonicalize(u) != canonical_url)
        if len(self._aliases) >= ALIAS_BATCH:
            self._flush_aliases()

    # --- internals ------------------------------------------------------------------------
    def _maybe_finish(self, document: Document) -> None:
        if document.read and document.pending <= 0 and not document.done:
            self._finish(document, validators=document.keep_validators and not document.retry)

    def _finish(self, document: Document, *, validators: bool) -> None:
        document.done = True
        row: dict[str, Any] = {"url": document.url, "outlet": document.outlet, "kind": document.kind,
                               "last_status": document.status, "last_error": None}
        if document.status != 304:
            row.update(etag=document.etag if validators else None,
                       last_modified=document.last_modified if validators else None)
        self._write(row)

    def _write(self, row: dict[str, Any]) -> None:
        if self.db is not None:
            state.record_fetch(self.db, [row])

    def _flush_aliases(self) -> None:
        if self.db is not None and self._aliases:
            state.add_aliases(self.db, self._aliases)
        self._aliases = []
