"""Shared fixtures: the sample news web on 127.0.0.1, the CLI in this process or a subprocess, a demo store."""

from __future__ import annotations

import atexit
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pytest

from crawler.sampleweb.server import Hit, SampleWeb

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

# argostranslate reads its folders from the environment when first imported. The test session,
# and every CLI it starts, gets empty ones and an index address that refuses connections, so a
# developer's installed models never change a result and nothing reaches the internet.
ARGOS_HOME = Path(tempfile.mkdtemp(prefix="wirewatch-tests-argos-"))
atexit.register(shutil.rmtree, ARGOS_HOME, ignore_errors=True)
for _name in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
    os.environ[_name] = str(ARGOS_HOME / _name.lower())
os.environ["ARGOS_PACKAGES_DIR"] = str(ARGOS_HOME / "no-packages")
os.environ["ARGOS_PACKAGE_INDEX"] = "http://127.0.0.1:9/"

# Settings for crawls of the loopback sample web (the same as the demo's).
# The sample web is on 127.0.0.1, which the egress rule refuses unless told otherwise. One worker
# process: each one costs ~3.5 s of CPU to start (imports and warm-up), and the suite's few dozen
# crawls of a dozen pages gain nothing from a second (tests/test_throughput.py asks for two).
LOCAL = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8",
         "-s", "WIREWATCH_ALLOW_PRIVATE_ADDRESSES=True", "-s", "WIREWATCH_EXTRACT_WORKERS=1"]


@dataclass
class Result:
    code: int
    stdout: str
    stderr: str


def run_cli(*args: str | Path, env: dict[str, str] | None = None, cwd: Path | None = None,
            timeout: float = 180) -> Result:
    """Run `wirewatch ARGS` in a fresh process, as a user or cron would."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("WIREWATCH_")}
    full_env.update(env or {})
    proc = subprocess.run([sys.executable, "-m", "crawler.cli", *map(str, args)], capture_output=True,
                          text=True, env=full_env, cwd=cwd or ROOT, timeout=timeout)
    return Result(proc.returncode, proc.stdout, proc.stderr)


def invoke_cli(*args: str | Path, env: dict[str, str] | None = None) -> Result:
    """Run `wirewatch ARGS` in this process (click's CliRunner on the real command group), as
    :func:`run_cli` would in a fresh one: the same exit status, stdout and stderr.

    For calls that never start Scrapy's reactor (it runs once per process: a crawl or ``demo`` that
    runs, ``sources check --online``; a crawl refused before it starts is fine) and do not depend on
    process state (signals, the crawl lock held by another process, what importing the CLI loads,
    argostranslate's folders, read once at import). There is no timeout: use :func:`run_cli` for a call
    that could hang.
    ``WIREWATCH_*`` variables of this process are hidden, ``env`` is set for the call only, and the
    root logger the command configures is put back afterwards, as is urllib's default opener (built on
    first use with the proxy variables of that moment: `extract URL` with the sample web's proxy must not
    send this process's later requests to 127.0.0.1 through it).
    """
    import urllib.request

    from click.testing import CliRunner

    from crawler.cli import main

    call_env: dict[str, str | None] = {k: None for k in os.environ if k.startswith("WIREWATCH_")}
    call_env.update(env or {})
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        result = CliRunner(env=call_env).invoke(main, [str(a) for a in args], prog_name="wirewatch",
                                               catch_exceptions=True)
    finally:
        for handler in list(root.handlers):
            if handler not in handlers:
                root.removeHandler(handler)
                handler.close()
        for handler in handlers:
            if handler not in root.handlers:
                root.addHandler(handler)
        root.setLevel(level)
        urllib.request.install_opener(None)  # the next urlopen builds one from the environment of then
    stderr = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        import traceback

        stderr += "".join(traceback.format_exception(*result.exc_info))  # type: ignore[misc]
        return Result(1, result.stdout, stderr)
    return Result(result.exit_code, result.stdout, stderr)


@pytest.fixture(scope="session")
def sample_web() -> Iterator[SampleWeb]:
    with SampleWeb() as web:
        yield web


@pytest.fixture(scope="session")
def sample_sources(sample_web: SampleWeb, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sample_web.write_sources(tmp_path_factory.mktemp("sources") / "sources.toml")


@dataclass
class Crawled:
    db: Path
    log: Path
    first: Result
    second: Result
    first_hits: list[Hit]  # requests the sample web answered during each crawl
    second_hits: list[Hit]


@pytest.fixture(scope="session")
def crawled(sample_web: SampleWeb, sample_sources: Path, tmp_path_factory: pytest.TempPathFactory) -> Crawled:
    """The sample web crawled twice into one store by `wirewatch crawl`."""
    proxy_env = sample_web.environment()
    tmp = tmp_path_factory.mktemp("crawled")
    db, log = tmp / "store.db", tmp / "crawl.log"
    mark = len(sample_web.hits)
    first = run_cli("crawl", "--sources", sample_sources, "--db", db, "--log-file", log, *LOCAL, env=proxy_env)
    assert first.code == 0, first.stderr
    first_hits, mark = sample_web.hits_since(mark), len(sample_web.hits)
    second = run_cli("crawl", "--sources", sample_sources, "--db", db, *LOCAL, env=proxy_env)
    assert second.code == 0, second.stderr
    return Crawled(db, log, first, second, first_hits, sample_web.hits_since(mark))


@dataclass
class ArgosModels:
    """Tiny real argostranslate packages (tests/tiny_argos.py), installed by `wirewatch models install`."""

    packages: Path  # an ARGOS_PACKAGES_DIR holding ar→en and en→de
    files: dict[str, Path]  # "ar-en", "en-de": the .argosmodel files

    def env(self, packages: Path | None = None) -> dict[str, str]:
        return {"ARGOS_PACKAGES_DIR": str(packages or self.packages)}


@pytest.fixture(scope="session")
def argos_models(tmp_path_factory: pytest.TempPathFactory) -> ArgosModels:
    from tests.tiny_argos import build_package

    tmp = tmp_path_factory.mktemp("argos")
    files = {"ar-en": build_package(tmp, "ar", "en"), "en-de": build_package(tmp, "en", "de", seed=1)}
    packages = tmp / "packages"
    installed = run_cli("models", "install", "--from-path", files["ar-en"], "--from-path", files["en-de"],
                        env={"ARGOS_PACKAGES_DIR": str(packages)})
    assert installed.code == 0, installed.stderr
    return ArgosModels(packages, files)


@pytest.fixture(scope="session")
def deferred_crawl(sample_web: SampleWeb, sample_sources: Path, argos_models: ArgosModels,
                   tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result]:
    """The sample web crawled once by `wirewatch crawl --no-translate -vv` with a model installed, its
    stderr a pipe (not a terminal): (store, result). Read by the translation tests (deferred though a
    model is there) and the operator-log tests (-vv adds Scrapy's internals, no progress line)."""
    db = tmp_path_factory.mktemp("deferred") / "store.db"
    result = run_cli("crawl", "--no-translate", "-vv", "--sources", sample_sources, "--db", db, *LOCAL,
                     env={**sample_web.environment(), **argos_models.env()})
    assert result.code == 0, result.stderr
    return db, result
