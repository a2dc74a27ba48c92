"""Translation through a tiny but real argostranslate package (random weights: gibberish, real code path)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import storage
from crawler.translation import TranslationService
from processing import models
from processing.translate import (ArgosOptions, ArgosTranslator, ArticleTranslator, MemoryCache, NoModel,
                                  normalise)
from storage import translations
from tests.conftest import ArgosModels

ARTICLE_TITLE = "افتتاح معرض الكتاب في الأحساء"
ARTICLE = ("افتتح معرض الكتاب في الأحساء صباح اليوم. وقالت الهيئة إن المشروع سيكتمل العام المقبل.\n\n"
           "تعمل المحطة الجديدة بالطاقة الشمسية.\n\n"
           "ارتفعت أسعار النفط في الأسواق العالمية. 2026")
# A wire copy: the same second and third paragraphs under another first one.
WIRE_COPY = ("يبدأ تشغيل الحافلات السريعة في الدمام الشهر المقبل.\n\n"
             "تعمل المحطة الجديدة بالطاقة الشمسية.\n\n"
             "ارتفعت أسعار النفط في الأسواق العالمية. 2026")


def translator(argos: ArgosModels, packages: Path | None = None) -> ArgosTranslator:
    return ArgosTranslator(ArgosOptions(packages_dirs=(packages or argos.packages,)))


def test_models_are_listed_through_argostranslate(argos_models: ArgosModels) -> None:
    found = models.installed([argos_models.packages])
    assert [(m.package, m.version, m.source, m.target) for m in found] == [
        ("translate-ar_en", "1.0", "ar", "en"), ("translate-en_de", "1.0", "en", "de")]


def test_routes_direct_through_english_or_none(argos_models: ArgosModels) -> None:
    t = translator(argos_models)
    assert [m.package for m in t.route("ar", "en").hops] == ["translate-ar_en"]
    pivot = t.route("ar", "de")
    assert [m.package for m in pivot.hops] == ["translate-ar_en", "translate-en_de"]
    assert (pivot.package, pivot.version) == ("translate-ar_en+translate-en_de", "1.0+1.0")
    assert t.route("fa", "en") is None and t.route("en", "en") is None


def test_article_is_translated_paragraph_by_paragraph_with_provenance(argos_models: ArgosModels) -> None:
    t = translator(argos_models)
    result = ArticleTranslator(t, MemoryCache(), "en").translate(ARTICLE_TITLE, ARTICLE, "ar")
    assert result.title and result.text
    assert len(result.text.split("\n\n")) == len(ARTICLE.split("\n\n"))
    assert result.text.split("\n\n")[2].endswith(" 2026")  # numbers pass through untranslated
    assert result.text != ARTICLE
    p = result.provenance
    assert (p.engine, p.model_package, p.model_version, p.source_lang, p.target_lang) == (
        "argostranslate", "translate-ar_en", "1.0", "ar", "en")
    assert result.sentences == result.translated == 5  # title + four sentences with letters
    assert t.model_calls == 1  # one batch
    again = ArticleTranslator(translator(argos_models), MemoryCache(), "en").translate(ARTICLE_TITLE, ARTICLE, "ar")
    assert (again.title, again.text) == (result.title, result.text)  # the same model says the same


def test_shared_sentences_are_translated_once(argos_models: ArgosModels, tmp_path: Path) -> None:
    db = storage.open_db(tmp_path / "cache.db")
    t = translator(argos_models)
    articles = ArticleTranslator(t, translations.SentenceCache(db), "en")
    first = articles.translate(ARTICLE_TITLE, ARTICLE, "ar")
    calls, sent = t.model_calls, t.sentences_translated
    repeat = articles.translate(ARTICLE_TITLE, ARTICLE, "ar")
    assert (t.model_calls, t.sentences_translated) == (calls, sent)  # all from the cache: no model call
    assert repeat.text == first.text and repeat.cached == repeat.sentences
    copy = articles.translate(None, WIRE_COPY, "ar")
    assert t.model_calls == calls + 1 and t.sentences_translated == sent + 1  # only its new first sentence
    assert (copy.sentences, copy.cached, copy.translated) == (3, 2, 1)
    assert copy.text.split("\n\n")[1:] == first.text.split("\n\n")[1:]
    # The cache is in SQLite: a new process (a new translator) needs no model call either.
    fresh = translator(argos_models)
    ArticleTranslator(fresh, translations.SentenceCache(db), "en").translate(ARTICLE_TITLE, ARTICLE, "ar")
    assert fresh.model_calls == 0
    row = next(db.query("SELECT * FROM translation_cache LIMIT 1"))
    assert (row["source_lang"], row["target_lang"], row["model_version"]) == ("ar", "en", "translate-ar_en@1.0")
    assert len(row["source_hash"]) == 64


def test_cache_key_uses_the_normalised_sentence(argos_models: ArgosModels) -> None:
    t = translator(argos_models)
    articles = ArticleTranslator(t, MemoryCache(), "en")
    articles.translate(None, "تعمل المحطة الجديدة بالطاقة الشمسية.", "ar")
    articles.translate(None, "تعمل   المحطــة الجديدة بالطاقة الشمسية.", "ar")  # extra spaces, tatweel
    assert t.sentences_translated == 1
    assert normalise("ﻻ  بد") == "لا بد"  # presentation forms become letters


def test_pivot_through_english_caches_both_halves(argos_models: ArgosModels) -> None:
    t = translator(argos_models)
    cache = MemoryCache()
    result = ArticleTranslator(t, cache, "de").translate(ARTICLE_TITLE, ARTICLE, "ar")
    assert result.provenance.model_package == "translate-ar_en+translate-en_de"
    assert t.model_calls == 2
    assert {key.split("|")[2] for key in cache.entries} == {"translate-ar_en@1.0", "translate-en_de@1.0"}


def test_no_model_raises_a_named_error_with_the_install_command(argos_models: ArgosModels) -> None:
    with pytest.raises(NoModel, match="wirewatch models install fa en"):
        ArticleTranslator(translator(argos_models), MemoryCache(), "en").translate(None, "متن", "fa")


def test_a_broken_model_fails_the_article_not_the_run(argos_models: ArgosModels, tmp_path: Path) -> None:
    packages = tmp_path / "packages"
    shutil.copytree(argos_models.packages, packages)
    (packages / "translate-ar_en-1_0" / "model" / "model.bin").write_bytes(b"not a model")
    db = storage.open_db(tmp_path / "store.db")
    service = TranslationService(db, translator(argos_models, packages), "en")
    outcome = service.process(ARTICLE_TITLE, ARTICLE, "ar")
    assert outcome.status == "failed" and "translate-ar_en" in outcome.detail
    assert service.process("Title", "English text.", "en").status == "original"
    assert service.tally.failed == 1


def test_service_marks_pending_without_a_model(argos_models: ArgosModels, tmp_path: Path,
                                               caplog: pytest.LogCaptureFixture) -> None:
    db = storage.open_db(tmp_path / "store.db")
    service = TranslationService(db, translator(argos_models), "en")
    outcomes = [service.process("عنوان", "متن فارسی.", "fa") for _ in range(3)]
    assert {o.status for o in outcomes} == {"pending"}
    warnings = [r for r in caplog.records if "no translation model for fa→en" in r.getMessage()]
    assert len(warnings) == 1 and "wirewatch models install fa en" in warnings[0].getMessage()
    assert service.tally.pending == {"fa": 3}
    deferred = TranslationService(db, None, "en")
    assert deferred.process("عنوان", ARTICLE, "ar").status == "pending"


@pytest.mark.parametrize("content, error", [
    (b"not a zip", "not an Argos model package"),
    (None, "no <folder>/metadata.json"),
])
def test_bad_package_files_are_refused(tmp_path: Path, content: bytes | None, error: str) -> None:
    import zipfile

    path = tmp_path / "bad.argosmodel"
    if content is None:
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("readme.txt", json.dumps({}))
    else:
        path.write_bytes(content)
    with pytest.raises(models.BadPackage, match=error):
        models.check_package_file(path)


def test_translating_never_imports_torch_or_stanza(argos_models: ArgosModels) -> None:
    """argostranslate.translate imports stanza and torch (seconds, hundreds of MB); the crawl must not."""
    code = (
        "import sys, crawler.pipelines.translation\n"
        "from processing.translate import ArgosTranslator, ArticleTranslator, MemoryCache\n"
        "t = ArticleTranslator(ArgosTranslator(), MemoryCache(), 'en')\n"
        f"assert t.translate(None, {ARTICLE!r}, 'ar').text\n"
        "print(sorted(m for m in ('torch', 'stanza', 'argostranslate.translate', 'minisbd') if m in sys.modules))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                            env={**os.environ, **argos_models.env()})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
