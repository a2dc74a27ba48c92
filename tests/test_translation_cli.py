"""Translation end to end: `wirewatch crawl`, `translate` and `models` on the sample web, with and
without a (tiny, real) model installed (`demo` with a model: tests/test_crawl.py)."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import sqlite3
import threading
from pathlib import Path
from typing import Iterator

import pytest

from storage import search

from tests.conftest import LOCAL, ArgosModels, Crawled, Result, run_cli
from tests.test_crawl import EXPECTED, rows

ARABIC = sum(1 for lang in EXPECTED.values() if lang == "ar")
ENGLISH = len(EXPECTED) - ARABIC


def copy_db(source: Path, dest: Path) -> Path:
    """A consistent copy of a store (WAL included), through SQLite's backup API."""
    src, dst = sqlite3.connect(source), sqlite3.connect(dest)
    src.backup(dst)
    src.close()
    dst.close()
    return dest


def one_line_error(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    return lines[0]


def test_crawl_without_a_model_stores_pending_and_warns_once_per_language(crawled: Crawled) -> None:
    stored = rows(crawled.db, "SELECT language, translation_status, title_en, text_en, language_shares FROM articles")
    assert sorted((r["language"], r["translation_status"]) for r in stored) == sorted(
        [("ar", "pending")] * ARABIC + [("en", "original")] * ENGLISH)
    assert all(r["title_en"] is None and r["text_en"] is None for r in stored)
    for r in stored:
        shares = json.loads(r["language_shares"])
        assert max(shares, key=shares.get) == r["language"] and abs(sum(shares.values()) - 1) < 0.01
    assert rows(crawled.db, "SELECT count(*) AS n FROM translations")[0]["n"] == 0
    log = crawled.log.read_text(encoding="utf-8")
    warnings = [line for line in log.splitlines() if "no translation model for" in line]
    assert len(warnings) == 1 and "ar→en" in warnings[0] and "wirewatch models install ar en" in warnings[0]
    stats = json.loads(rows(crawled.db, "SELECT stats FROM crawl_runs WHERE id = 1")[0]["stats"])
    assert stats["translation/pending"] == ARABIC and stats["translation/original"] == ENGLISH


@pytest.fixture(scope="module")
def backfilled(crawled: Crawled, argos_models: ArgosModels, tmp_path_factory: pytest.TempPathFactory):
    """The no-model store, copied, then `wirewatch translate` run on it with the model installed."""
    db = copy_db(crawled.db, tmp_path_factory.mktemp("backfill") / "store.db")
    result = run_cli("translate", "--db", db, env=argos_models.env())
    assert result.code == 0, result.stderr
    return db, result


def test_translate_backfills_pending_articles_with_provenance(backfilled) -> None:
    db, result = backfilled
    assert result.stdout.startswith(f"wirewatch: {ARABIC} translated, 0 pending, 0 failed")
    done = rows(db, "SELECT a.id, a.title_en, a.text_en, a.text, t.* FROM articles a "
                    "JOIN translations t ON t.article_id = a.id")
    assert len(done) == ARABIC
    for row in done:
        assert row["title_en"] and len(row["text_en"].split("\n\n")) == len(row["text"].split("\n\n"))
        assert (row["engine"], row["model_package"], row["model_version"], row["source_lang"],
                row["target_lang"]) == ("argostranslate", "translate-ar_en", "1.0", "ar", "en")
        assert row["translated_at"].startswith("20")
    statuses = rows(db, "SELECT translation_status AS s, count(*) AS n FROM articles GROUP BY 1 ORDER BY 1")
    assert statuses == [{"s": "done", "n": ARABIC}, {"s": "original", "n": ENGLISH}]
    assert rows(db, "SELECT count(*) AS n FROM translation_cache")[0]["n"] > 0


def test_translate_again_has_nothing_to_do(backfilled, argos_models: ArgosModels) -> None:
    db, _ = backfilled
    cached = rows(db, "SELECT count(*) AS n FROM translation_cache")[0]["n"]
    again = run_cli("translate", "--db", db, env=argos_models.env())
    assert again.code == 0 and again.stdout.startswith("wirewatch: 0 translated, 0 pending, 0 failed")
    assert rows(db, "SELECT count(*) AS n FROM translation_cache")[0]["n"] == cached


def test_full_text_search_covers_the_translation(backfilled) -> None:
    db, _ = backfilled
    article = rows(db, "SELECT id, text_en FROM articles WHERE translation_status = 'done' LIMIT 1")[0]
    word = max((w for w in article["text_en"].split() if w.isalpha()), key=len)
    hits = {r["rowid"] for r in rows(db, f"SELECT rowid FROM articles_fts WHERE articles_fts MATCH '\"{word}\"'")}
    assert article["id"] in hits
    # The index holds the search form (storage.search): a query is folded the same way first.
    arabic = {r["rowid"] for r in rows(db, f"SELECT rowid FROM articles_fts WHERE articles_fts MATCH "
                                           f"'{search.fts_query('الأحساء')}'")}
    assert arabic  # the original is still searched


def test_retranslate_redoes_translations_of_an_older_model(backfilled, argos_models: ArgosModels,
                                                           tmp_path: Path) -> None:
    db = copy_db(backfilled[0], tmp_path / "store.db")
    packages = tmp_path / "packages"
    shutil.copytree(argos_models.packages, packages)
    metadata = packages / "translate-ar_en-1_0" / "metadata.json"
    metadata.write_text(json.dumps({**json.loads(metadata.read_text()), "package_version": "1.1"}))
    plain = run_cli("translate", "--db", db, env=argos_models.env(packages))
    assert plain.code == 0 and plain.stdout.startswith("wirewatch: 0 translated")
    redo = run_cli("translate", "--db", db, "--retranslate", env=argos_models.env(packages))
    assert redo.code == 0 and redo.stdout.startswith(f"wirewatch: {ARABIC} translated"), redo.stdout
    versions = rows(db, "SELECT model_version AS v, count(*) AS n FROM translations GROUP BY 1")
    assert versions == [{"v": "1.1", "n": ARABIC}]


def test_crawl_translates_inline_and_not_again(sample_web, sample_sources: Path, argos_models: ArgosModels,
                                               tmp_path: Path) -> None:
    db, log = tmp_path / "store.db", tmp_path / "crawl.log"
    env = {**sample_web.environment(), **argos_models.env()}
    first = run_cli("crawl", "--sources", sample_sources, "--db", db, "--log-file", log, *LOCAL, env=env)
    assert first.code == 0 and first.stderr.strip() == "", first.stderr
    done = rows(db, "SELECT a.language, t.model_package, t.translated_at FROM articles a "
                    "JOIN translations t ON t.article_id = a.id WHERE a.translation_status = 'done'")
    assert len(done) == ARABIC and {r["language"] for r in done} == {"ar"}
    assert "no translation model" not in log.read_text(encoding="utf-8")
    assert rows(db, "SELECT count(*) AS n FROM translation_cache")[0]["n"] > 0  # written with the articles
    before = rows(db, "SELECT * FROM translations ORDER BY article_id")
    # Fetched again (--refresh: a plain crawl does not fetch stored articles at all), the unchanged
    # articles are not translated again; deferring keeps what is done.
    for run, extra in ((2, ["--refresh"]), (3, ["--refresh", "--no-translate"])):
        again = run_cli("crawl", *extra, "--sources", sample_sources, "--db", db, *LOCAL, env=env)
        assert again.code == 0, again.stderr
        stats = json.loads(rows(db, f"SELECT stats FROM crawl_runs WHERE id = {run}")[0]["stats"])
        assert stats["translation/unchanged"] == ARABIC and "translation/done" not in stats
        assert rows(db, "SELECT * FROM translations ORDER BY article_id") == before
    assert rows(db, "SELECT count(*) AS n FROM articles WHERE translation_status = 'done'")[0]["n"] == ARABIC


def test_crawl_no_translate_defers_even_with_a_model(deferred_crawl: tuple[Path, Result]) -> None:
    db, _ = deferred_crawl
    statuses = rows(db, "SELECT translation_status AS s, count(*) AS n FROM articles GROUP BY 1 ORDER BY 1")
    assert statuses == [{"s": "original", "n": ENGLISH}, {"s": "pending", "n": ARABIC}]


def test_models_list(argos_models: ArgosModels) -> None:
    empty = run_cli("models", "list")
    assert empty.code == 0 and "No translation models installed" in empty.stdout
    assert "wirewatch models install ar en" in empty.stdout
    listed = run_cli("models", "list", env=argos_models.env())
    assert listed.code == 0
    assert "translate-ar_en" in listed.stdout and "translate-en_de" in listed.stdout
    assert "Into en: ar (direct)" in listed.stdout
    german = run_cli("models", "list", "--target", "de", env=argos_models.env())
    assert "Into de: ar (through English)" in german.stdout


def test_models_install_offline_is_one_actionable_line() -> None:
    result = run_cli("models", "install", "ar", "en")  # the test session's index address refuses connections
    assert result.code == 1
    line = one_line_error(result.stderr)
    assert "cannot reach the Argos package index" in line and "--from-path FILE.argosmodel" in line


@pytest.mark.parametrize("args, code, message", [
    (["--from-path", "missing.argosmodel"], 1, "no such file"),
    (["--from-path", "pyproject.toml"], 1, "not an Argos model package"),
    (["--from-path", "tests"], 1, "tests: is a folder, not a model package"),  # was "no such file"
    (["ar"], 2, "give two language codes"),
    # not ISO 639-1: refused before the package index is fetched (the network was asked first) (#11)
    (["xx", "en"], 2, "Error: FROM: 'xx' is not an ISO 639-1 language code"),
    (["ar", "yy"], 2, "Error: TO: 'yy' is not an ISO 639-1 language code"),
])
def test_models_install_bad_input(args: list[str], code: int, message: str, tmp_path: Path) -> None:
    result = run_cli("models", "install", *args, env={"ARGOS_PACKAGES_DIR": str(tmp_path / "p")})
    assert result.code == code and message in result.stderr, result.stderr


@pytest.fixture
def package_index(argos_models: ArgosModels, tmp_path: Path) -> Iterator[str]:
    """An Argos package index on 127.0.0.1 offering the tiny ar→en package."""
    root = tmp_path / "index"
    root.mkdir()
    shutil.copy(argos_models.files["ar-en"], root / "ar_en.argosmodel")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *args: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    (root / "index.json").write_text(json.dumps([{
        "package_version": "1.0", "argos_version": "1.9.0", "from_code": "ar", "from_name": "Arabic",
        "to_code": "en", "to_name": "English", "type": "translate", "links": [base + "ar_en.argosmodel"]}]))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()
    server.server_close()


def test_models_install_from_the_index(package_index: str, tmp_path: Path) -> None:
    env = {"ARGOS_PACKAGE_INDEX": package_index, "ARGOS_PACKAGES_DIR": str(tmp_path / "packages"),
           "NO_PROXY": "127.0.0.1", "no_proxy": "127.0.0.1"}
    result = run_cli("models", "install", "ar", "en", env=env)
    assert result.code == 0, result.stderr
    assert "Installed translate-ar_en 1.0" in result.stdout
    assert (tmp_path / "packages" / "translate-ar_en-1_0" / "model" / "model.bin").is_file()
    missing = run_cli("models", "install", "fa", "en", env=env)
    assert missing.code == 1 and "has no fa→en model (into en it has: ar)" in one_line_error(missing.stderr)


@pytest.mark.parametrize("args, message", [
    (["translate", "--target", "english"], "Error: --target: 'english' is not an ISO 639-1 language code"),
    (["translate", "--target", "EN"], "did you mean 'en'?"),
    (["translate", "--target", "fr"], "Error: --target: no installed model translates into 'fr' (installed models "
                                      "translate into: nothing yet); the store's target is 'en'"),
    (["models", "list", "--target", "xx"], "Error: --target: 'xx' is not an ISO 639-1 language code"),
    (["crawl", "-s", "WIREWATCH_TRANSLATION_TARGET=english"],
     "Error: -s/--set: setting WIREWATCH_TRANSLATION_TARGET: 'english' is not an ISO 639-1 language code"),
])
def test_a_bad_target_language_is_one_line_and_changes_nothing(args: list[str], message: str, tmp_path: Path) -> None:
    """#11: a target that is no language code, or one no installed model translates into, is refused
    before the store is touched (it used to make every English article `pending`)."""
    from tests.conftest import invoke_cli

    db = tmp_path / "w.db"
    result = invoke_cli(*args, "--db", db) if args[0] != "models" else invoke_cli(*args)
    assert result.code == 2 and message in one_line_error(result.stderr), result.stderr
    assert not db.exists()  # checked before any store is opened (`crawl` would create one)


def test_another_target_is_taken_when_a_model_translates_into_it(argos_models: ArgosModels, tmp_path: Path) -> None:
    """#11: `--target de` is a request to translate into German, accepted with the en→de model installed."""
    import storage

    db = tmp_path / "w.db"
    storage.open_db(db).close()
    result = run_cli("translate", "--target", "de", "--db", db, env=argos_models.env())
    assert result.code == 0 and result.stdout.startswith("wirewatch: "), result.stderr


def test_the_store_keeps_its_target_and_pending_counts_the_whole_store(argos_models: ArgosModels,
                                                                       tmp_path: Path) -> None:
    """#11: after `translate --target de`, a plain `translate` (cron) keeps German, not English; only an
    explicit target switches, with one stderr line. `--limit` leaves the rest pending, and says so."""
    from crawler import runner

    lines = tmp_path / "a.jsonl"
    lines.write_text("".join(json.dumps({
        "url": f"https://wire-en.example/{i}", "outlet": "wire-en", "title": f"The council meets on day {i}",
        "text": f"The council met on day {i} to discuss the water plan. The members agreed on a new budget.",
        "language": "en", "published": "2026-11-16T10:00:00Z"}) + "\n" for i in range(6)))
    db = tmp_path / "w.db"
    assert run_cli("import", lines, "--db", db).code == 0
    first = run_cli("translate", "--target", "de", "--limit", "2", "--db", db, env=argos_models.env())
    assert first.code == 0 and first.stdout.startswith("wirewatch: 2 translated, 4 pending, 0 failed"), first
    assert first.stderr == ""  # nothing was translated before: no switch to report
    plain = run_cli("translate", "--db", db, env=argos_models.env())
    assert plain.code == 0 and plain.stdout.startswith("wirewatch: 4 translated, 0 pending, 0 failed"), plain
    assert plain.stderr == ""
    assert rows(db, "SELECT target_lang, count(*) AS n FROM translations GROUP BY 1") == [{"target_lang": "de", "n": 6}]
    config = runner.CrawlConfig(db=db)  # a plain `wirewatch crawl` keeps German too
    assert runner.keep_translation_target(config) is None
    assert config.overrides["WIREWATCH_TRANSLATION_TARGET"] == "de"
    switched = runner.CrawlConfig(db=db, overrides={"WIREWATCH_TRANSLATION_TARGET": "en"})
    assert "switched from de to en" in (runner.keep_translation_target(switched) or "")
    back = run_cli("translate", "--target", "en", "--db", db, env=argos_models.env())
    assert back.code == 0, back.stderr
    assert back.stderr.strip().splitlines() == ["wirewatch: translation target switched from de to en for this "
                                                "store (its translations into de stay until `wirewatch translate "
                                                "--retranslate --target en`)"]
