"""Operators' CLI (#12): strict about settings and arguments, honest about missing or read-only stores,
quick to start, and a README command table that matches every command's options."""

from __future__ import annotations

import os
import re
import shutil
import socket
import sqlite3
import stat
import subprocess
import sys
import urllib.request
import json
import logging
from pathlib import Path
from typing import Iterator

import click
import pytest
from click.testing import CliRunner

from crawler import overrides
from crawler.cli import main
from tests.conftest import ROOT, Crawled, invoke_cli, run_cli
from tests.serving import serving

README = (ROOT / "README.md").read_text(encoding="utf-8")


def invoke(*args: str | Path) -> click.testing.Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def one_error_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, text
    assert lines[0].startswith("Error: "), text
    return lines[0]


# --- -s NAME=VALUE is checked against the settings declaration ---------------------------------------------

@pytest.mark.parametrize("pair, expected", [
    ("DOWNLOAD_DELAY=abc", "setting DOWNLOAD_DELAY is a number, not 'abc'"),
    ("BOGUS=1", "unknown setting 'BOGUS'"),
    ("download_delay=2", "unknown setting 'download_delay'; did you mean DOWNLOAD_DELAY?"),
    ("DOWNLOAD_DELY=2", "did you mean DOWNLOAD_DELAY?"),
    ("RETRY_TIMES=1.5", "setting RETRY_TIMES is a whole number"),
    ("ROBOTSTXT_OBEY=maybe", "setting ROBOTSTXT_OBEY is true or false"),
    ("HTTPCACHE_ENABLED=perhaps", "setting HTTPCACHE_ENABLED is true or false"),  # Scrapy's own, typed by its default
    ("ITEM_PIPELINES=[1]", "setting ITEM_PIPELINES is a JSON object"),
    ("WIREWATCH_EXTRACT_WORKERS=-3",  # below the declared minimum (settings.Setting.minimum)
     "-s/--set: setting WIREWATCH_EXTRACT_WORKERS is a whole number from 0 to 64, not '-3'"),
    ("DOWNLOAD_DELAY", "expected NAME=VALUE"),
    # Above the declared maximum: an OverflowError in the run deadline's timer thread, one in the sitemap window
    # before the run was recorded, and a crawl that grew until the system killed it (issue #11).
    ("WIREWATCH_MAX_RUN_SECONDS=99999999999999999999999", "is a whole number from 0 to 31536000, not "),
    ("WIREWATCH_SITEMAP_WINDOW_HOURS=99999999999999999999999", "is a whole number from 1 to 87600, not "),
    ("CONCURRENT_ITEMS=99999999999999999999999", "setting CONCURRENT_ITEMS is a whole number from 1 to 1000, not "),
    ("CONCURRENT_REQUESTS=99999999999999999999999", "setting CONCURRENT_REQUESTS is a whole number from 1 to 10000"),
    # Right type, impossible value: the constraints declared in settings.SETTINGS (minimum, choices, url_schemes).
    ("DOWNLOAD_TIMEOUT=-5", "setting DOWNLOAD_TIMEOUT is a whole number from 1 to 3600, not '-5'"),
    ("CONCURRENT_REQUESTS=0", "setting CONCURRENT_REQUESTS is a whole number from 1 to 10000, not '0'"),
    ("WIREWATCH_PARSE_TIMEOUT=0", "setting WIREWATCH_PARSE_TIMEOUT is a number from 0.01 to 3600, not '0'"),
    ("LOG_LEVEL=LOUD", "setting LOG_LEVEL is one of CRITICAL, ERROR, WARNING, INFO, DEBUG, not 'LOUD'"),
    ("WIREWATCH_REDIS_URL=notaurl", "setting WIREWATCH_REDIS_URL is empty or a redis://, rediss:// or unix:// URL"),
    ("WIREWATCH_REDIS_URL=http://x:6379/0", "not 'http://x:6379/0'"),
    # Scrapy's lists of status codes (typed by a default of numbers, or known when the default is empty),
    # and its spider modules: a page of Twisted traceback, a bare ModuleNotFoundError, or taken silently.
    ("RETRY_HTTP_CODES=abc", "setting RETRY_HTTP_CODES is a list of whole numbers, not 'abc' (e.g. -s RETRY_HTTP_CODES=500,502,503)"),
    ("RETRY_HTTP_CODES=500,abc", "setting RETRY_HTTP_CODES is a list of whole numbers, not '500,abc'"),
    ("HTTPERROR_ALLOWED_CODES=abc", "setting HTTPERROR_ALLOWED_CODES is a list of whole numbers"),
    ("SPIDER_MODULES=nope", "setting SPIDER_MODULES: cannot import 'nope' (ModuleNotFoundError"),
    # An empty User-Agent sent no header at all (sites refuse such requests); an empty bot name, no name.
    ("USER_AGENT=", "setting USER_AGENT is a non-empty text, not ''"),
    # A delay of 1e300 s was taken, and the crawl fetched nothing more until its time limit; delays and
    # timeouts are at most an hour, retries at most 100.
    ("DOWNLOAD_DELAY=1e300", "setting DOWNLOAD_DELAY is a number from 0 to 3600, not '1e300'"),
    ("AUTOTHROTTLE_MAX_DELAY=86400", "setting AUTOTHROTTLE_MAX_DELAY is a number from 0 to 3600, not '86400'"),
    ("RETRY_TIMES=1000000", "setting RETRY_TIMES is a whole number from 0 to 100, not '1000000'"),
    ("BOT_NAME=  ", "setting BOT_NAME is a non-empty text, not '  '"),
    ("DEFAULT_REQUEST_HEADERS=notjson", "(e.g. -s DEFAULT_REQUEST_HEADERS='{\"Name\": \"value\"}')"),  # not a component's
])
def test_bad_setting_override_is_one_line_exit_2(tmp_path: Path, pair: str, expected: str) -> None:
    db = tmp_path / "w.db"
    result = invoke("crawl", "--db", db, "-s", pair)
    assert result.exit_code == 2, result.output
    assert expected in one_error_line(result.stderr)
    assert not db.exists()


def test_sources_check_online_checks_its_overrides_too() -> None:
    result = invoke("sources", "check", "--online", "-s", "DOWNLOAD_TIMEOUT=soon")
    assert result.exit_code == 2
    assert "DOWNLOAD_TIMEOUT is a whole number" in one_error_line(result.stderr)
    assert "valid" not in result.stdout  # the usage error comes first, not after "sources.toml: valid." (#11)


@pytest.mark.parametrize("typed, expected", [
    ("expor", "Error: No such command 'expor'. Did you mean 'export'? (see `wirewatch --help`)"),
    ("zzzz", "Error: No such command 'zzzz'. (see `wirewatch --help`)"),
])
def test_an_unknown_command_names_the_closest_one(typed: str, expected: str) -> None:
    result = run_cli(typed)  # a fresh process: no command is loaded yet (the group imports them lazily)
    assert result.code == 2 and one_error_line(result.stderr) == expected


def test_lists_of_status_codes_take_whole_numbers() -> None:
    assert overrides.check({"RETRY_HTTP_CODES": "500, 503", "HTTPERROR_ALLOWED_CODES": "[404]"}) == {
        "RETRY_HTTP_CODES": [500, 503], "HTTPERROR_ALLOWED_CODES": [404]}
    assert overrides.check({"METAREFRESH_IGNORE_TAGS": "noscript"}) == {"METAREFRESH_IGNORE_TAGS": ["noscript"]}
    assert overrides.check({"SPIDER_MODULES": "spiders"}) == {"SPIDER_MODULES": ["spiders"]}


def test_override_values_take_the_declared_type() -> None:
    assert overrides.check({"DOWNLOAD_DELAY": "2", "RETRY_TIMES": "3", "AUTOTHROTTLE_ENABLED": "False",
                            "WIREWATCH_TRANSLATE": "off", "USER_AGENT": "Test/1 (x@example.org)",
                            "SPIDER_MODULES": "spiders,processing"}) == {
        "DOWNLOAD_DELAY": 2.0, "RETRY_TIMES": 3, "AUTOTHROTTLE_ENABLED": False, "WIREWATCH_TRANSLATE": False,
        "USER_AGENT": "Test/1 (x@example.org)", "SPIDER_MODULES": ["spiders", "processing"]}
    # Scrapy's own settings that Wirewatch does not declare: accepted, typed by Scrapy's default.
    assert overrides.check({"HTTPCACHE_ENABLED": "yes", "CONCURRENT_ITEMS": "50", "JOBDIR": "/tmp/j"}) == {
        "HTTPCACHE_ENABLED": True, "CONCURRENT_ITEMS": 50, "JOBDIR": "/tmp/j"}
    assert isinstance(overrides.check({"DOWNLOAD_DELAY": "2"})["DOWNLOAD_DELAY"], float)


def test_constraints_accept_what_they_declare() -> None:
    assert overrides.check({"DOWNLOAD_TIMEOUT": "1", "LOG_LEVEL": "DEBUG", "WIREWATCH_REDIS_URL": "",
                            "WIREWATCH_MAX_RUN_SECONDS": "0"})["LOG_LEVEL"] == "DEBUG"
    for url in ("redis://h:6379/0", "rediss://:pw@h/1", "unix:///run/redis.sock"):
        assert overrides.problem("WIREWATCH_REDIS_URL", url) is None


@pytest.mark.parametrize("command", [("cluster", "status"), ("worker",), ("ingest",), ("cluster", "schedule")])
@pytest.mark.parametrize("url", ["notaurl", "http://store:6379/0"])
def test_bad_redis_url_is_a_usage_error(command: tuple[str, ...], url: str) -> None:
    result = invoke(*command, "--redis", url)
    assert result.exit_code == 2, result.output
    line = one_error_line(result.stderr)
    assert "'--redis'" in line and "redis://, rediss:// or unix://" in line and repr(url) in line


@pytest.mark.parametrize("args", [("stats", "--runs", "-1"), ("stats", "--runs", "0"), ("health", "--runs", "0"),
                                  ("health", "--max-error-rate", "50"), ("health", "--silent-factor", "-3"),
                                  ("health", "--min-silent-hours", "-5"), ("health", "--stale-hours", "0"),
                                  ("dedup", "--show", "-1")])
def test_numeric_option_out_of_range_is_exit_2(tmp_path: Path, args: tuple[str, ...]) -> None:
    result = invoke(*args, "--db", tmp_path / "none.db")  # refused before the store is looked at
    assert result.exit_code == 2, result.output
    assert f"Invalid value for '{args[1]}'" in one_error_line(result.stderr)


def test_every_numeric_option_has_a_range() -> None:
    # A plain INT or FLOAT option takes -5 for a count or a duration; each one says its range.
    unranged = [f"{path} {param.opts[0]}" for path, command in command_paths(main) for param in command.params
                if param.type in (click.INT, click.FLOAT)]
    assert unranged == []


# --- commands that read a store never create one -----------------------------------------------------------

@pytest.mark.parametrize("command", ["stats", "health", "export", "dedup", "translate", "serve"])
def test_reading_commands_say_no_database_and_create_nothing(tmp_path: Path, command: str) -> None:
    db = tmp_path / "typo.db"
    result = invoke(command, "--db", db)
    assert result.exit_code == 1, result.output
    assert f"no database at {db}" in one_error_line(result.stderr)
    assert sorted(tmp_path.iterdir()) == []


# --- serve on a busy port --------------------------------------------------------------------------------

def test_serve_on_a_busy_port_is_one_line_exit_1(crawled: Crawled) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        result = run_cli("serve", "--db", crawled.db, "--port", str(busy.getsockname()[1]))
    assert result.code == 1, result.stderr
    assert result.stdout == ""  # no URL that does not work
    assert "Address already in use" in one_error_line(result.stderr)


def test_ctrl_c_stops_serve_with_one_line_exit_0(crawled: Crawled, tmp_path: Path) -> None:
    """Ctrl-C is how a server is stopped: uvicorn shuts down gracefully, then raises the interrupt again,
    which click printed as "Aborted!" with exit 1."""
    import signal

    from tests.serving import wait_for, wait_for_base

    log = tmp_path / "serve.log"
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "crawler.cli", "serve", "--db", str(crawled.db), "--port", "0"],
                                cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, text=True)
    try:
        wait_for(wait_for_base(proc, log) + "/-/versions.json", proc, log)
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=30) == 0, log.read_text()
    finally:
        if proc.poll() is None:
            proc.kill()
    text = log.read_text()
    assert "wirewatch: server stopped" in text and "Aborted" not in text and "Traceback" not in text


# --- export: unknown filter values list the valid ones ---------------------------------------------------

@pytest.mark.parametrize("args, expected", [
    (("--region", "mars"), "Error: --region: unknown 'mars'; valid: uk, gulf, other"),
    (("--lang", "ar,xx"), "Error: --lang: unknown 'xx'; valid: ar, en"),
])
def test_export_unknown_filter_values(crawled: Crawled, args: tuple[str, str], expected: str) -> None:
    result = invoke("export", "--db", crawled.db, *args)
    assert result.exit_code == 2, result.output
    assert one_error_line(result.stderr) == expected
    assert result.stdout == ""


def test_extract_unknown_outlet_lists_the_registry() -> None:
    result = invoke("extract", str(ROOT / "README.md"), "--outlet", "nope")
    assert result.exit_code == 2
    line = one_error_line(result.stderr)
    assert "no outlet 'nope'" in line and "bbc-news" in line


# --- a read-only store: an analyst's copy, a mounted backup ------------------------------------------------

# Root ignores file modes; without CAP_DAC_OVERRIDE (dropped from the bounding set for the child only) it
# is held to them like any user, so a chmod'ed folder really is read-only to the command under test.
UNPRIVILEGED = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"] if os.geteuid() == 0 else []


def run_unprivileged(*args: str | Path, **popen: object) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WIREWATCH_")}
    return subprocess.run([*UNPRIVILEGED, sys.executable, "-m", "crawler.cli", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, env=env, timeout=120, **popen)  # type: ignore[arg-type]


def copy_store(source: Path, target: Path) -> None:
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    dst.close()


@pytest.fixture
def readonly_store(crawled: Crawled, tmp_path: Path) -> Iterator[Path]:
    """A copy of the crawled store (WAL mode, no -shm/-wal) in a folder nobody may write to."""
    if UNPRIVILEGED and not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: cannot make a folder read-only to the command")
    folder = tmp_path / "backup"
    folder.mkdir()
    db = folder / "analyst.db"
    copy_store(crawled.db, db)
    db.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP | stat.S_IROTH | stat.S_IXOTH)
    probe = subprocess.run([*UNPRIVILEGED, sys.executable, "-c", f"open({str(folder / 'x')!r}, 'w')"],
                           capture_output=True)
    if probe.returncode == 0:
        pytest.skip("this process can write to a chmod 555 folder; cannot test a read-only store here")
    yield db
    folder.chmod(0o755)


@pytest.mark.parametrize("command", [("stats",), ("health",), ("export", "--lang", "ar")])
def test_read_only_store_is_read_as_immutable(readonly_store: Path, command: tuple[str, ...]) -> None:
    result = run_unprivileged(command[0], "--db", readonly_store, *command[1:])
    assert result.returncode == 0, result.stderr
    assert "its folder is not writable, so it is read as a fixed copy (immutable)" in result.stderr
    assert "readonly database" not in result.stderr
    if command[0] == "export":
        assert len(result.stdout.splitlines()) == 3  # the sample web's three Arabic articles
    assert sorted(p.name for p in readonly_store.parent.iterdir()) == ["analyst.db"]


def test_writing_command_on_read_only_store_is_one_line(readonly_store: Path) -> None:
    result = run_unprivileged("dedup", "--db", readonly_store)
    assert result.returncode == 1
    assert "cannot write database" in one_error_line(result.stderr)
    assert "read-only" in one_error_line(result.stderr)


@pytest.mark.parametrize("command", [("watch", "list"), ("watch", "hits", "nope")])
def test_watches_of_a_read_only_store_are_read(readonly_store: Path, command: tuple[str, ...]) -> None:
    """Listing watches and their hits only reads: it works on an analyst's copy as `stats` does (was "unable
    to open database file")."""
    result = run_unprivileged(*command, "--db", readonly_store)
    if command[1] == "list":
        assert result.returncode == 0, result.stderr
    else:
        assert result.returncode == 1
        assert result.stderr.splitlines()[-1] == "Error: no watch named 'nope' (watches: none yet)"
    assert sorted(p.name for p in readonly_store.parent.iterdir()) == ["analyst.db"]


@pytest.mark.parametrize("command", [("crawl",), ("watch", "add", "w", "water"), ("translate",)])
def test_writing_command_on_read_only_file_is_one_line(crawled: Crawled, tmp_path: Path,
                                                       command: tuple[str | Path, ...]) -> None:
    """A read-only file in a writable folder: SQLite opens it read-only without a word, so each writing command
    failed at its first write with a traceback (`crawl` with dozens of lines). Now one line before anything runs."""
    db = tmp_path / "copy.db"
    copy_store(crawled.db, db)
    db.chmod(0o444)
    result = run_unprivileged(*command, "--db", db)
    assert result.returncode == 1, result.stderr
    assert one_error_line(result.stderr) == (f"Error: cannot write database {db}: the file is read-only (stats, "
                                             "health, export, serve and watch list/hits only read it)")


def test_read_only_file_in_writable_folder_is_not_immutable(crawled: Crawled, tmp_path: Path) -> None:
    db = tmp_path / "copy.db"
    copy_store(crawled.db, db)
    db.chmod(0o444)
    result = run_unprivileged("stats", "--db", db)
    assert result.returncode == 0, result.stderr
    assert "immutable" not in result.stderr  # mode=ro, so a crawl writing it would be seen


def test_serve_read_only_store_over_http(readonly_store: Path, tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    logs.mkdir()
    with serving(readonly_store, prefix=UNPRIVILEGED, log_dir=logs) as url:
        with urllib.request.urlopen(f"{url}/articles.json?_shape=array&language=ar", timeout=30) as resp:
            rows = json.load(resp)
    assert len(rows) == 3
    assert "read as a fixed copy (immutable)" in next(logs.glob("serve-*.log")).read_text()


# --- fast to start ------------------------------------------------------------------------------------

HEAVY = {"scrapy", "twisted", "datasette", "trafilatura", "torch", "argostranslate", "uvicorn"}


def imported_packages(*args: str | Path) -> set[str]:
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "crawler.cli", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    names = [line.rsplit("|", 1)[1].strip() for line in proc.stderr.splitlines() if line.startswith("import time:")]
    assert "click" in names  # the -X importtime output was read
    return {name.split(".")[0] for name in names}


@pytest.mark.parametrize("args", [("--help",), ("stats",)])
def test_help_and_stats_import_no_crawler_or_server_stack(crawled: Crawled, args: tuple[str, ...]) -> None:
    if args == ("stats",):
        args = ("stats", "--db", str(crawled.db))
    assert imported_packages(*args) & HEAVY == set()


# --- the README's command table is every command's real options ----------------------------------------

def command_paths(group: click.Group, prefix: str = "wirewatch") -> Iterator[tuple[str, click.Command]]:
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None
        if isinstance(command, click.Group):
            yield from command_paths(command, f"{prefix} {name}")
        else:
            yield f"{prefix} {name}", command


def table_cells() -> list[str]:
    section = README.split("## Commands", 1)[1]
    return [line.split(" | ", 1)[0] for line in section.splitlines() if line.startswith("| `wirewatch ")]


def documented_usage(path: str) -> str:
    cells = [cell for cell in table_cells() if re.search(rf"`{re.escape(path)}(?=[ `])", cell)]
    assert cells, f"no row for `{path}` in the README's command table"
    return " ".join(cells)


@pytest.mark.parametrize("path, command", list(command_paths(main)), ids=lambda v: v if isinstance(v, str) else "")
def test_readme_command_row_lists_exactly_its_options(path: str, command: click.Command) -> None:
    usage = documented_usage(path)
    options = [p for p in command.params if isinstance(p, click.Option) and not p.hidden]
    missing = [p.opts[-1] for p in options if not any(re.search(rf"{re.escape(o)}(?![\w-])", usage) for o in p.opts)]
    assert missing == [], f"README row for {path} lacks {missing}"
    real = {o for p in options for o in p.opts + p.secondary_opts}
    invented = [o for o in re.findall(r"(?<![\w-])(--?[a-zA-Z][\w-]*)", usage) if o not in real]
    assert invented == [], f"README row for {path} lists options it does not have: {invented}"


# --- demo --serve: a sample web to try cron lines and health checks against -------------------------------

def wait_for_text(log: Path, proc: subprocess.Popen, pattern: str, deadline: float = 120.0) -> re.Match[str]:
    """Poll the process's output file until ``pattern`` appears (fails at once if the process exits)."""
    import time

    end = time.monotonic() + deadline
    while time.monotonic() < end:
        found = re.search(pattern, log.read_text(encoding="utf-8"), re.M)
        if found:
            return found
        if proc.poll() is not None:
            raise AssertionError(f"demo exited with {proc.returncode}: {log.read_text(encoding='utf-8')}")
        time.sleep(0.05)
    raise AssertionError(f"{pattern!r} not printed within {deadline}s: {log.read_text(encoding='utf-8')}")


def test_demo_serve_keeps_the_sample_web_for_crawls_and_health(tmp_path: Path) -> None:
    db, log = tmp_path / "demo.db", tmp_path / "demo.out"
    env = {k: v for k, v in os.environ.items() if not k.startswith("WIREWATCH_")}
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "crawler.cli", "demo", "--serve", "--db", str(db)], cwd=ROOT,
                                stdout=out, stderr=subprocess.STDOUT, text=True, env=env)
    try:
        down = wait_for_text(log, proc, r"^  curl (\S+/down/(\S+))$")
        text = log.read_text(encoding="utf-8")
        assert "4 failed — the sample web's broken pages, on purpose" in text
        proxy = re.search(r"^  export http_proxy=(\S+) no_proxy=(\S+)$", text, re.M)
        crawl_line = re.search(r"^  wirewatch (crawl --sources (\S+) --db \S+ .*)$", text, re.M)
        assert proxy and crawl_line, text
        direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        assert direct.open(down.group(1), timeout=30).read().decode().strip() == f"{down.group(2)} down"
        crawl = run_cli(*crawl_line.group(1).split(), env={"http_proxy": proxy.group(1), "no_proxy": proxy.group(2)})
        assert crawl.code == 0, crawl.stderr
        assert re.search(r"run 2 completed: .* [1-9]\d* failed", crawl.stdout), crawl.stdout
        health = invoke_cli("health", "--db", db, "--check")
        assert health.code == 3, health.stdout + health.stderr
        assert f"1 of 4 enabled outlets flagged: {down.group(2)}" in health.stdout
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert proc.returncode == 0
    assert "Sample web stopped." in log.read_text(encoding="utf-8")


# --- logs an operator can read -----------------------------------------------------------------------------

@pytest.mark.parametrize("verbose, shown", [(1, False), (2, True)])
def test_library_warnings_only_at_vv(capsys: pytest.CaptureFixture[str], verbose: int, shown: bool) -> None:
    # A deprecation inside Scrapy or a dependency is for developers: -vv (and the log file), not -v.
    from crawler import logs

    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        logs.configure(verbose)
        logging.getLogger("py.warnings").warning("lib.py:1: ScrapyDeprecationWarning: X is deprecated")
        logging.getLogger("crawler.tests").warning("own warning")
    finally:
        for handler in list(root.handlers):
            root.removeHandler(handler)
        for handler in handlers:
            root.addHandler(handler)
        root.setLevel(level)
    err = capsys.readouterr().err
    assert "own warning" in err and ("ScrapyDeprecationWarning" in err) == shown


def test_worker_settings_use_no_deprecated_scrapy_setting() -> None:
    from scrapy.settings import SETTINGS_PRIORITIES

    from crawler.cluster import worker_settings
    from crawler.runner import CrawlConfig, build_settings

    settings = build_settings(CrawlConfig(db=Path("w.db"), overrides={"WIREWATCH_REDIS_URL": "redis://h:6379/0"}))
    worker_settings.apply(settings)
    assert settings.getpriority("RANDOMIZE_DOWNLOAD_DELAY") <= SETTINGS_PRIORITIES["default"]
    assert settings.getfloat("DOWNLOAD_DELAY") == 0  # so no random variation of the delay to turn off


def crawl_on_a_terminal(web, sources: Path, db: Path, *flags: str) -> tuple[int, str]:
    """`crawl FLAGS` with stderr on a pseudo-terminal, as an operator runs it; returns (status, stderr)."""
    import pty

    from tests.conftest import LOCAL

    master, slave = pty.openpty()
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("WIREWATCH_")}, **web.environment()}
    proc = subprocess.Popen([sys.executable, "-m", "crawler.cli", "crawl", "--sources", str(sources), "--db", str(db),
                             *LOCAL, *flags], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=slave, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the terminal's other side is closed, the process has exited
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    return proc.wait(timeout=120), b"".join(chunks).decode("utf-8", "replace")


def test_crawl_v_shows_own_progress_and_a_progress_line(sample_web, sample_sources: Path, tmp_path: Path) -> None:
    code, err = crawl_on_a_terminal(sample_web, sample_sources, tmp_path / "v.db", "-v")
    assert code == 0, err
    assert "\r\x1b[Kcrawling: " in err
    assert re.search(r"\r\x1b\[Kcrawled: \d+ responses, 9 articles stored, 4 failed\r?\n", err), err
    assert "crawler.pipelines.storage: stored new article" in err
    assert re.search(r"crawler.runner: outlet northern-courier: \d+ documents read .* 2 new, .*2 failed "
                     r"\(http_404 1, not_html 1\)", err), err
    assert " INFO scrapy." not in err  # Scrapy's internals only at -vv
    assert "Overridden settings" not in err


def test_crawl_vv_adds_scrapy_internals_and_no_progress_line_off_a_terminal(deferred_crawl) -> None:
    _, result = deferred_crawl  # `crawl --no-translate -vv`, stderr a pipe
    assert "INFO scrapy.middleware: Enabled" in result.stderr
    assert "crawler.pipelines.storage: stored new article" in result.stderr
    assert "\x1b[K" not in result.stderr
