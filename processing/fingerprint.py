"""Content fingerprints: a stable hash of an article's text for change detection."""

from __future__ import annotations

import hashlib
import unicodedata


def content_hash(title: str | None, text: str) -> str:
    """SHA-256 of the NFC-normalised title and text with white space collapsed."""
    joined = " ".join(f"{title or ''}\n{text}".split())
    return hashlib.sha256(unicodedata.normalize("NFC", joined).encode("utf-8")).hexdigest()
