"""Everything one fetched page needs before it is stored, in one call: extraction, language, signatures.

The crawl sends each article page to a worker process once (processing.workers) with a
:class:`PageJob` and gets a :class:`ProcessedPage` back, so that no CPU-bound step runs on the
crawler's reactor thread and one round-trip carries all of a page's work:

1. :func:`processing.extract.extract` — text and metadata (trafilatura);
2. :func:`processing.language.article_language` — the primary language of the text (its title's
   when the text decides nothing) and each language's share, on langdetect's profiles;
3. the content hash of title and text (processing.fingerprint), and the MinHash signatures of the
   text as dedup compares it (processing.minhash.Signer, the same shingles and permutations
   `wirewatch dedup` uses), so that clustering only looks them up.

Pure functions, no Scrapy.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass

from processing.dedup import DedupOptions, Document, Signatures
from processing.extract import (CRASHED, FAILED, TIMEOUT, TOO_LARGE, ExtractHints, Extracted, ExtractionFailure,
                                ExtractOptions, extract_or_failure)
from processing.fingerprint import content_hash
from processing.language import DocumentLanguage, LanguageHints, article_language
from processing.minhash import Signer
from processing.workers import TimeLimitExceeded, WorkerCrashed, WorkerPool, WorkerRaised

logger = logging.getLogger(__name__)

# Modules a worker imports before its first page (their import is not part of any page's time limit).
PRELOAD = ("processing.page", "processing.extract", "processing.language", "processing.minhash")


@dataclass(frozen=True)
class PageJob:
    """One fetched page and what is known about it (every field pickles: it travels to a worker)."""

    body: bytes
    url: str
    hints: ExtractHints | None = None
    options: ExtractOptions = ExtractOptions()
    header_charset: str | None = None
    expected_languages: tuple[str, ...] = ()  # the outlet's configured languages (ISO 639-1)
    dedup: DedupOptions | None = None  # None: no signatures (dedup is off)


@dataclass(frozen=True)
class ProcessedPage:
    extracted: Extracted | ExtractionFailure
    language: DocumentLanguage | None = None  # None when extraction failed
    signatures: Signatures | None = None  # None when extraction failed, dedup is off, or there are no words
    content_hash: str | None = None  # processing.fingerprint.content_hash of title and text; None when extraction failed


def process_page(job: PageJob) -> ProcessedPage:
    """Extract, detect the language, hash and sign one page. Never raises for a bad page: extraction
    failures come back as :class:`ExtractionFailure` (the caller counts them)."""
    extracted = extract_or_failure(job.body, job.url, job.hints, job.options, job.header_charset)
    if isinstance(extracted, ExtractionFailure):
        return ProcessedPage(extracted)
    language = article_language(extracted.title, extracted.text,
                                LanguageHints(expected=job.expected_languages, declared=extracted.declared_language))
    digest = content_hash(extracted.title, extracted.text)
    signatures = None
    if job.dedup is not None:
        signatures = sign(extracted.title, extracted.text, job.dedup, digest=digest)
    return ProcessedPage(extracted, language, signatures, digest)


def process_within(pool: WorkerPool, job: PageJob) -> ProcessedPage:
    """:func:`process_page` in one of ``pool``'s workers, stopped at the pool's time limit. Never
    raises: a page too large to send, a timeout, a crash or an error comes back as an
    :class:`ExtractionFailure` (status ``too_large``, ``timeout``, ``crashed`` or ``failed``)."""
    if len(job.body) > job.options.max_html_bytes:  # not worth sending to a worker
        return ProcessedPage(ExtractionFailure(TOO_LARGE, f"{len(job.body)} bytes, limit {job.options.max_html_bytes}"))
    try:
        return pool.call(process_page, job)
    except TimeLimitExceeded:
        return ProcessedPage(ExtractionFailure(TIMEOUT, f"extraction took longer than {pool.time_limit:g}s; stopped"))
    except WorkerCrashed as exc:
        return ProcessedPage(ExtractionFailure(CRASHED, f"extraction crashed: {exc}"))
    except WorkerRaised as exc:
        return ProcessedPage(ExtractionFailure(FAILED, str(exc)))
    except Exception as exc:  # the pool's own machinery failed, not the page: never lose the page uncounted
        logger.debug("extraction could not run for %s", job.url, exc_info=True)
        return ProcessedPage(ExtractionFailure(FAILED, f"extraction could not run: {type(exc).__name__}: {exc}"))


QUEUE_DEPTH = 2  # pages a worker holds at a time: the next one waits in its pipe (processing.workers)


def new_pool(size: int, time_limit: float) -> WorkerPool:
    """A pool of ``size`` worker processes with everything :func:`process_page` uses imported and
    warmed up (:func:`warm_up`), each holding up to ``QUEUE_DEPTH`` pages, so that it starts the next
    page as soon as it has sent one back."""
    return WorkerPool(size, time_limit, preload=PRELOAD, warm_up=warm_up, depth=QUEUE_DEPTH)


_WARM_UP_PAGE = ("<html lang='en'><head><title>Warm-up</title></head><body><article><h1>Warm-up</h1>"
                 "<p>The harbour council met on Monday to discuss the new ferry timetable for the spring.</p>"
                 "<p>قال المجلس يوم الاثنين إن الخطط الجديدة للميناء ستنشر قبل نهاية العام.</p>"
                 "</article></body></html>").encode("utf-8")


def warm_up() -> None:
    """Process one small page, so that what loads lazily (language profiles, trafilatura's and
    htmldate's tables, the MinHash permutations) is loaded before a worker's first real page."""
    process_page(PageJob(_WARM_UP_PAGE, "http://warm-up.invalid/article", dedup=DedupOptions()))


def sign(title: str | None, text: str, options: DedupOptions, *, digest: str | None = None) -> Signatures | None:
    """The copy and terms signatures dedup would compute for this title and text (None: no words).
    ``digest`` is their :func:`~processing.fingerprint.content_hash` when the caller has it already
    (computed here otherwise)."""
    fp = _signer(options).fingerprints([Document(text, title)])[0]
    if fp is None:
        return None
    return Signatures(fp.copy, fp.terms, options.scheme, digest if digest is not None else content_hash(title, text))


@functools.lru_cache(maxsize=4)
def _signer(options: DedupOptions) -> Signer:
    """One Signer per options in a process (building one draws the permutations)."""
    return Signer(options)
