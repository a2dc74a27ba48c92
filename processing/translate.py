"""Machine translation of articles, sentence by sentence, through argostranslate's installed models.

argostranslate finds and installs the packages (:mod:`processing.models`); the translating is
done here, through each package's own CTranslate2 model and sentencepiece tokenizer, because
argostranslate's ``translate`` module splits sentences with a stanza/MiniSBD model that it
downloads on first use (and imports torch). Sentences come from :mod:`processing.sentences`,
go to ctranslate2 in batches, and are cached by (source, target, model version, normalised
sentence): a sentence repeated across wire copies or in recurring boilerplate is translated once.
Pairs without a direct model go through English when both halves are installed.
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Mapping, Protocol, Sequence

from processing import models as model_store
from processing.models import ModelError, ModelInfo
from processing.sentences import split_sentences

logger = logging.getLogger(__name__)

ENGINE = "argostranslate"
PIVOT = "en"
UNSPACED = frozenset({"zh", "ja", "th", "lo", "km", "my"})  # languages written without spaces between sentences


class TranslationError(Exception):
    """A translation could not be made (model broken, ctranslate2 failed)."""


class NoModel(TranslationError):
    """No installed model (direct or through English) for the language pair."""

    def __init__(self, source: str, target: str) -> None:
        super().__init__(f"no translation model for {source}→{target}; install one with "
                         f"`{model_store.install_hint(source, target)}` or "
                         f"`wirewatch models install --from-path FILE.argosmodel`")
        self.source, self.target = source, target


@dataclass(frozen=True)
class Route:
    """The models a translation goes through: one, or two through English."""

    hops: tuple[ModelInfo, ...]

    @property
    def source(self) -> str:
        return self.hops[0].source

    @property
    def target(self) -> str:
        return self.hops[-1].target

    @property
    def package(self) -> str:
        return "+".join(h.package for h in self.hops)

    @property
    def version(self) -> str:
        return "+".join(h.version for h in self.hops)


@dataclass(frozen=True)
class Provenance:
    engine: str
    model_package: str
    model_version: str
    source_lang: str
    target_lang: str
    translated_at: str

    def row(self) -> dict[str, str]:
        return {"engine": self.engine, "model_package": self.model_package, "model_version": self.model_version,
                "source_lang": self.source_lang, "target_lang": self.target_lang,
                "translated_at": self.translated_at}


@dataclass(frozen=True)
class TranslatedArticle:
    title: str | None
    text: str  # paragraphs separated by blank lines, as the original
    provenance: Provenance
    sentences: int  # sentences looked up (each hop counts)
    cached: int  # of which the cache had
    translated: int  # of which went to the model


@dataclass
class TranslationStats:
    articles: int = 0
    sentences: int = 0
    cached: int = 0
    translated: int = 0

    @property
    def hit_rate(self) -> float:
        return self.cached / self.sentences if self.sentences else 0.0


class Translator(Protocol):
    """A machine-translation engine: which pairs it can do, and a batch of sentences through a model."""

    engine: str

    def route(self, source: str, target: str) -> Route | None: ...

    def translate_batch(self, sentences: Sequence[str], model: ModelInfo) -> list[str]: ...


class SentenceCache(Protocol):
    """Translated sentences by key (storage.translations.SentenceCache keeps them in SQLite)."""

    def get_many(self, keys: Sequence[str]) -> dict[str, str]: ...

    def put_many(self, entries: Sequence[Mapping[str, Any]]) -> None: ...


class MemoryCache:
    """A SentenceCache in a dict (tests, benchmarks, one-off runs)."""

    def __init__(self) -> None:
        self.entries: dict[str, str] = {}

    def get_many(self, keys: Sequence[str]) -> dict[str, str]:
        return {k: self.entries[k] for k in keys if k in self.entries}

    def put_many(self, entries: Sequence[Mapping[str, Any]]) -> None:
        self.entries.update({e["key"]: e["translated"] for e in entries})


# --- argostranslate ------------------------------------------------------------------------------

@dataclass(frozen=True)
class ArgosOptions:
    """How to run argostranslate's models. None takes argostranslate's own setting (its environment
    variables ARGOS_DEVICE_TYPE, ARGOS_BEAM_SIZE, ARGOS_BATCH_SIZE, ARGOS_INTER_THREADS,
    ARGOS_INTRA_THREADS, ARGOS_COMPUTE_TYPE, or its settings.json)."""

    packages_dirs: tuple[Path, ...] | None = None  # None: argostranslate's package directories
    device: str | None = None
    beam_size: int | None = None
    max_batch_size: int | None = None
    inter_threads: int | None = None
    intra_threads: int | None = None
    compute_type: str | None = None
    max_decoding_length: int = 256

    def resolved(self) -> "ArgosOptions":
        from argostranslate import settings

        def pick(value: Any, default: Any) -> Any:
            return default if value is None else value

        return ArgosOptions(
            packages_dirs=self.packages_dirs, device=pick(self.device, settings.device),
            beam_size=pick(self.beam_size, settings.beam_size),
            max_batch_size=pick(self.max_batch_size, settings.batch_size),
            inter_threads=pick(self.inter_threads, settings.inter_threads),
            intra_threads=pick(self.intra_threads, settings.intra_threads),
            compute_type=pick(self.compute_type, settings.compute_type),
            max_decoding_length=self.max_decoding_length)


class _LoadedModel:
    """A package's CTranslate2 translator and sentencepiece tokenizer."""

    def __init__(self, model: ModelInfo, options: ArgosOptions) -> None:
        import ctranslate2
        import sentencepiece

        tokenizer = model.path / "sentencepiece.model"
        if not tokenizer.is_file():
            raise ModelError(f"{model.package} {model.version} ({model.path}) has no sentencepiece.model; "
                             "only sentencepiece packages are supported")
        try:
            self.translator = ctranslate2.Translator(
                str(model.path / "model"), device=options.device, compute_type=options.compute_type,
                inter_threads=options.inter_threads, intra_threads=options.intra_threads)
            self.tokenizer = sentencepiece.SentencePieceProcessor(model_file=str(tokenizer))
        except (RuntimeError, ValueError, OSError) as exc:
            raise ModelError(f"cannot load {model.package} {model.version} from {model.path}: {exc}") from None
        self.target_prefix = self._target_prefix(model.path)

    @staticmethod
    def _target_prefix(path: Path) -> str:
        from argostranslate import package

        return package.Package(path).target_prefix or ""


class ArgosTranslator:
    """Translator over argostranslate's installed packages. Models load on first use and stay loaded."""

    engine = ENGINE

    def __init__(self, options: ArgosOptions | None = None) -> None:
        self.options = (options or ArgosOptions()).resolved()
        self._models: list[ModelInfo] | None = None
        self._loaded: dict[Path, _LoadedModel] = {}
        self._lock = threading.Lock()
        self.model_calls = 0  # ctranslate2 translate_batch calls
        self.sentences_translated = 0  # sentences given to the models

    def models(self) -> list[ModelInfo]:
        if self._models is None:
            self._models = model_store.installed(self.options.packages_dirs)
        return self._models

    def refresh(self) -> None:
        self._models = None

    def route(self, source: str, target: str) -> Route | None:
        if source == target:
            return None
        models = self.models()
        direct = model_store.best(models, source, target)
        if direct is not None:
            return Route((direct,))
        if PIVOT in (source, target):
            return None
        first, second = model_store.best(models, source, PIVOT), model_store.best(models, PIVOT, target)
        return Route((first, second)) if first and second else None

    def translate_batch(self, sentences: Sequence[str], model: ModelInfo) -> list[str]:
        if not sentences:
            return []
        loaded = self._load(model)
        tokens = [loaded.tokenizer.encode(s, out_type=str) for s in sentences]
        prefix = [[loaded.target_prefix] for _ in tokens] if loaded.target_prefix else None
        batch = int(self.options.max_batch_size or 32)
        try:
            results = loaded.translator.translate_batch(
                tokens, target_prefix=prefix, beam_size=int(self.options.beam_size or 1), max_batch_size=batch,
                replace_unknowns=True, max_decoding_length=self.options.max_decoding_length)
        except (RuntimeError, ValueError) as exc:
            raise TranslationError(f"{model.package} {model.version} failed: {exc}") from None
        self.model_calls += 1
        self.sentences_translated += len(sentences)
        out = []
        for result in results:
            pieces = list(result.hypotheses[0]) if result.hypotheses else []
            if loaded.target_prefix and pieces[:1] == [loaded.target_prefix]:
                pieces = pieces[1:]
            out.append(loaded.tokenizer.decode_pieces(pieces).strip())
        return out

    def _load(self, model: ModelInfo) -> _LoadedModel:
        with self._lock:
            loaded = self._loaded.get(model.path)
            if loaded is None:
                logger.info("loading translation model %s %s from %s", model.package, model.version, model.path)
                loaded = self._loaded[model.path] = _LoadedModel(model, self.options)
            return loaded


# --- Articles ------------------------------------------------------------------------------------

_SPACES = re.compile(r"\s+")
_TATWEEL = "\u0640"


def normalise(sentence: str) -> str:
    """The form a sentence is translated and cached in: NFKC (Arabic presentation forms and
    full-width letters become plain letters), no tatweel, single spaces."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", sentence).replace(_TATWEEL, "")).strip()


def cache_entry_key(source: str, target: str, model: ModelInfo, sentence: str) -> tuple[str, str]:
    digest = hashlib.sha256(sentence.encode("utf-8")).hexdigest()
    return f"{source}|{target}|{model.tag}|{digest}", digest


class ArticleTranslator:
    """Translates an article's title and text into ``target`` through a Translator and a cache."""

    def __init__(self, translator: Translator, cache: SentenceCache, target: str = "en") -> None:
        self.translator = translator
        self.cache = cache
        self.target = target
        self.stats = TranslationStats()

    def route(self, source: str) -> Route | None:
        return self.translator.route(source, self.target)

    def translate(self, title: str | None, text: str, source: str) -> TranslatedArticle:
        """Raises :class:`NoModel` when no route exists, :class:`TranslationError` when it fails."""
        return self.translate_many([(title, text, source)])[0]

    def translate_many(self, articles: Sequence[tuple[str | None, str, str]]) -> list[TranslatedArticle]:
        """Translate many (title, text, source language) articles, each language's sentences in one
        batch through the model (ctranslate2 sorts a batch by length itself; batching across
        articles fills its batches, issue #15). The sentence counts of each article's result are
        those of the whole batch for its language. Raises :class:`NoModel` when a language has no
        route (before translating anything), :class:`TranslationError` when a batch fails."""
        routes = {source: self.route(source) for _, _, source in articles}
        for source, route in routes.items():
            if route is None:
                raise NoModel(source, self.target)
        units_of = [[split_sentences(title) if title else []] + [split_sentences(p) for p in text.split("\n\n")]
                    for title, text, _ in articles]
        done: list[list[str]] = [[] for _ in articles]
        counts: dict[str, tuple[int, int, int]] = {}
        for source, route in routes.items():
            mine = [i for i, (_, _, s) in enumerate(articles) if s == source]
            flat = [sentence for i in mine for unit in units_of[i] for sentence in unit]
            before = (self.stats.sentences, self.stats.cached, self.stats.translated)
            out = self.translate_sentences(flat, route)  # type: ignore[arg-type]
            counts[source] = (self.stats.sentences - before[0], self.stats.cached - before[1],
                              self.stats.translated - before[2])
            at = 0
            for i in mine:
                size = sum(len(unit) for unit in units_of[i])
                done[i], at = out[at:at + size], at + size
        joiner = "" if self.target in UNSPACED else " "
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        results = []
        for (title, _, source), units, translated in zip(articles, units_of, done):
            pieces, at = [], 0
            for unit in units:
                pieces.append(joiner.join(s for s in translated[at:at + len(unit)] if s))
                at += len(unit)
            route = routes[source]
            assert route is not None
            self.stats.articles += 1
            provenance = Provenance(self.translator.engine, route.package, route.version, source, self.target, now)
            sentences, cached, fresh = counts[source]
            results.append(TranslatedArticle(title=pieces[0] if title else None, text="\n\n".join(pieces[1:]),
                                             provenance=provenance, sentences=sentences, cached=cached,
                                             translated=fresh))
        return results

    def translate_sentences(self, sentences: Sequence[str], route: Route) -> list[str]:
        current = list(sentences)
        for model in route.hops:
            current = self._through(current, model)
        return current

    def _through(self, sentences: list[str], model: ModelInfo) -> list[str]:
        normalised = [normalise(s) for s in sentences]
        wanted = {s for s in normalised if any(ch.isalpha() for ch in s)}  # numbers and dashes pass as they are
        keys = {s: cache_entry_key(model.source, model.target, model, s) for s in sorted(wanted)}
        found = self.cache.get_many([key for key, _ in keys.values()])
        misses = [s for s, (key, _) in keys.items() if key not in found]
        if misses:
            outputs = self.translator.translate_batch(misses, model)
            entries = []
            for sentence, output in zip(misses, outputs):
                key, digest = keys[sentence]
                found[key] = output
                entries.append({"key": key, "source_lang": model.source, "target_lang": model.target,
                                "model_version": model.tag, "source_hash": digest, "translated": output})
            self.cache.put_many(entries)
        lookups = sum(1 for s in normalised if s in wanted)
        self.stats.sentences += lookups
        self.stats.translated += len(misses)
        self.stats.cached += lookups - len(misses)
        return [found[keys[s][0]] if s in wanted else s for s in normalised]
