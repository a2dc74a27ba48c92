"""The Article item that flows from the spider through the pipelines into storage."""

from __future__ import annotations

from dataclasses import dataclass, field

from processing.dedup import Signatures


@dataclass
class Article:
    # Set by the spider from the response.
    url: str
    canonical_url: str
    outlet: str
    body: bytes = field(repr=False)
    header_charset: str | None = None
    http_status: int = 200
    fetched: str = ""
    # Set by ProcessingPipeline (extraction, then language, then signatures, in a worker process).
    title: str | None = None
    text: str = ""
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    modified: str | None = None
    site_name: str | None = None
    section: str | None = None
    description: str | None = None
    image: str | None = None
    declared_language: str | None = None
    wire_agency: str | None = None
    encoding: str | None = None
    boilerplate_removed: int = 0
    extraction_status: str = "pending"  # ok | empty | too_large | binary | timeout | crashed | failed
    extraction_error: str | None = None
    content_hash: str | None = None
    language: str | None = None
    language_confidence: float | None = None
    language_shares: dict[str, float] = field(default_factory=dict)
    signatures: Signatures | None = field(default=None, repr=False)  # MinHash of title and text, for dedup
    # Set by TranslationPipeline (None: keep what the store has).
    translation_status: str | None = None  # original | pending | done | failed
    title_en: str | None = None
    text_en: str | None = None
    translation: dict[str, str] | None = None  # provenance of a done translation
    cache_entries: list[dict] = field(default_factory=list, repr=False)  # new sentence-cache rows to store
    # Set by StoragePipeline.
    article_id: int | None = None
    store_outcome: str | None = None  # new | updated | unchanged
