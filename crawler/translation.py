"""Translating articles into the target language: what the crawl's TranslationPipeline and
`wirewatch translate` share (status rules, the SQLite sentence cache, one warning per language)."""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Sequence

import sqlite_utils

from processing.models import ModelError, install_hint
from processing.translate import ArticleTranslator, SentenceCache, TranslationError, Translator
from storage import translations

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outcome:
    status: str  # original | pending | done | failed
    title_en: str | None = None
    text_en: str | None = None
    provenance: dict[str, str] | None = None
    detail: str = ""


@dataclass
class Tally:
    """What a run of the service did, for summaries and run stats."""

    done: int = 0
    original: int = 0
    failed: int = 0
    pending: Counter[str] = field(default_factory=Counter)  # by language

    def line(self) -> str:
        pending = sum(self.pending.values())
        text = f"{self.done} translated, {pending} pending, {self.failed} failed"
        if self.pending:
            text += " (pending: " + ", ".join(f"{lang} {n}" for lang, n in sorted(self.pending.items())) + ")"
        return text


def choose_target(stored: str | None, setting: str, explicit: bool) -> tuple[str, str | None]:
    """The language to translate a store into, and a one-line note for stderr (None: nothing to say).

    ``stored`` is the store's target (:func:`storage.translations.latest_target`), ``setting`` the
    configured one (``WIREWATCH_TRANSLATION_TARGET``, or ``--target``), ``explicit`` whether it was given
    for this run. A run that does not name a target keeps the store's: a plain `wirewatch crawl` or
    `wirewatch translate` from cron must not switch a German store back to English. Naming another target
    switches, and says so."""
    if stored is None or stored == setting:
        return setting, None
    if not explicit:
        return stored, None
    return setting, (f"translation target switched from {stored} to {setting} for this store (its translations "
                     f"into {stored} stay until `wirewatch translate --retranslate --target {setting}`)")


class TranslationService:
    """Decides each article's translation status and translates it when a model is installed.

    ``translator`` None means translation is deferred (``crawl --no-translate``): articles that
    need a translation are marked pending without looking for a model.
    """

    def __init__(self, db: sqlite_utils.Database, translator: Translator | None, target: str,
                 cache: SentenceCache | None = None) -> None:
        self.db = db
        self.target = target
        self.translator = translator
        self.articles = (ArticleTranslator(translator, cache or translations.SentenceCache(db), target)
                         if translator is not None else None)
        self.tally = Tally()
        self._warned: set[str] = set()

    def needs_translation(self, language: str | None) -> bool:
        return bool(language) and language not in ("und", self.target)

    def process(self, title: str | None, text: str, language: str | None) -> Outcome:
        if not self.needs_translation(language):
            self.tally.original += 1
            return Outcome("original")
        assert language is not None
        if self.articles is None:
            self.tally.pending[language] += 1
            return Outcome("pending", detail="translation deferred")
        if self.articles.route(language) is None:
            self.tally.pending[language] += 1
            self._warn_no_model(language)
            return Outcome("pending", detail=f"no model for {language}→{self.target}")
        try:
            result = self.articles.translate(title, text, language)
        except (TranslationError, ModelError) as exc:  # the caller logs and counts the failure
            self.tally.failed += 1
            return Outcome("failed", detail=str(exc))
        self.tally.done += 1
        return Outcome("done", result.title, result.text, result.provenance.row())

    def process_many(self, articles: Sequence[tuple[str | None, str, str | None]]) -> list[Outcome]:
        """:meth:`process` for many (title, text, language) articles: those a model can translate go
        through it together (ArticleTranslator.translate_many: one batch per language). When the
        batch fails, each of its articles is tried on its own, so a failure is the article's alone."""
        outcomes: list[Outcome | None] = [None] * len(articles)
        batch = [i for i, (_, _, lang) in enumerate(articles)
                 if self.articles is not None and self.needs_translation(lang) and self.articles.route(lang or "")]
        if len(batch) > 1:
            assert self.articles is not None
            try:
                results = self.articles.translate_many([articles[i] for i in batch])  # type: ignore[misc]
            except (TranslationError, ModelError) as exc:
                logger.info("translating %d articles together failed (%s); one at a time", len(batch), exc)
            else:
                for i, result in zip(batch, results):
                    self.tally.done += 1
                    outcomes[i] = Outcome("done", result.title, result.text, result.provenance.row())
        return [outcome if outcome is not None else self.process(*articles[i]) for i, outcome in enumerate(outcomes)]

    def _warn_no_model(self, language: str) -> None:
        if language in self._warned:
            return
        self._warned.add(language)
        logger.warning("no translation model for %s→%s: such articles are stored untranslated (pending); "
                       "install one with `%s` (or `wirewatch models install --from-path FILE.argosmodel`), "
                       "then run `wirewatch translate`", language, self.target, install_hint(language, self.target))

    def is_current(self, state: dict[str, Any]) -> bool:
        """Is a stored done translation the one the installed models would make now?"""
        if state.get("translation_status") != "done" or state.get("target_lang") != self.target:
            return False
        if self.articles is None:
            return True
        route = self.articles.route(state.get("language") or "")
        return route is not None and (route.package, route.version) == (state.get("model_package"),
                                                                           state.get("model_version"))

    def save(self, article_id: int, outcome: Outcome) -> None:
        translations.record(self.db, article_id, status=outcome.status, title_en=outcome.title_en,
                            text_en=outcome.text_en, provenance=outcome.provenance)
