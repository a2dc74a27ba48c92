"""Language identification on langdetect, made deterministic and paragraph-aware."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from langdetect import DetectorFactory, LangDetectException, detect_langs

logger = logging.getLogger(__name__)

UNDETERMINED = "und"
DetectorFactory.seed = 0  # langdetect samples at random; a fixed seed makes it repeatable


@dataclass(frozen=True)
class Detection:
    lang: str
    confidence: float


@dataclass(frozen=True)
class DocumentLanguage:
    """The article's primary language and the share of its text in each language."""

    lang: str
    confidence: float
    shares: dict[str, float] = field(default_factory=dict)


def detect(text: str) -> Detection:
    """Detect the language of ``text``; ``und`` when there is nothing to decide on. Never raises."""
    if not any(ch.isalpha() for ch in text):
        return Detection(UNDETERMINED, 0.0)
    DetectorFactory.seed = 0
    try:
        best = detect_langs(text)[0]
    except LangDetectException:
        return Detection(UNDETERMINED, 0.0)
    return Detection(_iso639_1(best.lang), round(float(best.prob), 4))


def detect_document(paragraphs: list[str]) -> DocumentLanguage:
    """Detect each paragraph and weight it by its letters: a few Arabic interface labels do not
    outvote an English article, and a bilingual page shows both shares."""
    weights: dict[str, float] = {}
    for paragraph in paragraphs:
        letters = sum(ch.isalpha() for ch in paragraph)
        if not letters:
            continue
        found = detect(paragraph)
        weights[found.lang] = weights.get(found.lang, 0.0) + letters * max(found.confidence, 0.01)
    weights.pop(UNDETERMINED, None)
    total = sum(weights.values())
    if not total:
        return DocumentLanguage(UNDETERMINED, 0.0)
    shares = {lang: round(w / total, 4) for lang, w in sorted(weights.items(), key=lambda kv: -kv[1])}
    primary = next(iter(shares))
    return DocumentLanguage(primary, shares[primary], shares)


def _iso639_1(code: str) -> str:
    return code.split("-")[0].lower()
