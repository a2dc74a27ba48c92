"""A command that cannot run says why on one line and exits non-zero.

In this process (:func:`invoke_cli`): each of these stops before Scrapy's reactor would start. `serve`
runs in a subprocess: should its check ever let it through, it would serve forever.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import invoke_cli, run_cli


def one_line_error(result) -> str:
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    return lines[0]


@pytest.mark.parametrize("command", ["crawl", "stats"])
def test_database_in_missing_folder(tmp_path: Path, command: str) -> None:
    result = invoke_cli(command, "--db", tmp_path / "nope" / "w.db")
    assert result.code == 1
    assert "nope" in one_line_error(result)


@pytest.mark.parametrize("command", ["crawl", "stats", "serve"])
def test_database_path_is_not_a_database(tmp_path: Path, command: str) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"\x00garbage" * 4096)
    result = (run_cli if command == "serve" else invoke_cli)(command, "--db", junk)
    assert result.code == 1
    assert "junk.db" in one_line_error(result)


def test_database_path_is_a_folder(tmp_path: Path) -> None:
    result = invoke_cli("crawl", "--db", tmp_path)
    assert result.code == 1
    assert "directory" in one_line_error(result)


@pytest.mark.parametrize("command", [["crawl"], ["stats"], ["export"], ["import", "-"]])
@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_database_path_that_is_a_fifo_or_a_device_is_one_line(tmp_path: Path, command: list[str], kind: str) -> None:
    """`--db` naming a FIFO blocked `stats` and `export` for ever (SQLite opened it); `/dev/null` gave
    "disk I/O error" to a crawl."""
    import os

    path = tmp_path / "w.db" if kind == "fifo" else Path(os.devnull)
    if kind == "fifo":
        os.mkfifo(path)
    result = invoke_cli(*command, "--db", path)
    assert result.code == 1
    assert one_line_error(result) == (f"Error: database path {path} is not a regular file (a FIFO, a device or a "
                                      "socket); give the store's file")


def test_db_from_environment(tmp_path: Path) -> None:
    result = invoke_cli("stats", env={"WIREWATCH_DB": str(tmp_path / "env.db")})
    assert result.code == 1
    assert "env.db" in one_line_error(result)


def test_invalid_registry_names_file_outlet_and_field(tmp_path: Path) -> None:
    registry = tmp_path / "sources.toml"
    registry.write_text('[[outlet]]\nid = "x"\nname = "X"\ncountry = "GB"\nregion = "mars"\n'
                        'languages = ["en"]\nhomepage = "https://x.example/"\nallowed_domains = ["x.example"]\n')
    result = invoke_cli("crawl", "--sources", registry, "--db", tmp_path / "w.db")
    assert result.code == 1
    line = one_line_error(result)
    assert "sources.toml" in line and "outlet x" in line and "'region'" in line


@pytest.mark.parametrize("args, option", [
    (["crawl", "--db", ""], "'--db' (env var: 'WIREWATCH_DB')"),
    (["crawl", "--sources", ""], "'--sources' (env var: 'WIREWATCH_SOURCES')"),
    (["import", ""], "'FILE'"),
    (["export", "-o", ""], "'--output' / '-o'"),
    (["worker", "--cache-db", ""], "'--cache-db'"),
])
def test_an_empty_path_is_a_usage_error(args: list[str], option: str) -> None:
    """`--sources "$UNSET"` in a cron line was the current folder: ".: is a folder, not a source registry"."""
    result = invoke_cli(*args)
    assert result.code == 2
    assert one_line_error(result).startswith(f"Error: Invalid value for {option}: an empty path (a variable set "
                                             "to nothing?); give a file")


def test_extract_of_an_empty_name_is_a_usage_error() -> None:
    result = invoke_cli("extract", "")
    assert result.code == 2
    assert one_line_error(result) == ("Error: FILE_OR_URL: an empty file name or address (a variable set to "
                                      "nothing?); give an HTML file or an http(s) address")


def test_usage_error_exits_2(tmp_path: Path) -> None:
    assert invoke_cli("crawl", "--no-such-option").code == 2


@pytest.mark.parametrize("args", [
    ["export", "--since", "yesterday"], ["export", "--format", "xml"], ["serve", "--port", "99999"],
    ["watch", "hits"], ["health", "--runs", "0"], ["no-such-command"], ["sources", "nope"],
    ["export", "--since", "2026-01-01", "--after-id", "3"],
])
def test_every_usage_error_is_one_line_with_exit_2(tmp_path: Path, args: list[str]) -> None:
    result = (run_cli if args[0] == "serve" else invoke_cli)(*args, env={"WIREWATCH_DB": str(tmp_path / "none.db")})
    assert result.code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and "--help`)" in lines[0], lines
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", ["crawl", "worker", "ingest"])
@pytest.mark.parametrize("where", ["missing folder", "directory", "under a file"])
def test_unwritable_log_file_is_one_line_exit_1(tmp_path: Path, command: str, where: str) -> None:
    (tmp_path / "file.txt").write_text("")
    log = {"missing folder": tmp_path / "nope" / "c.log", "directory": tmp_path,
           "under a file": tmp_path / "file.txt" / "x.log"}[where]
    result = invoke_cli(command, "--log-file", log, env={"WIREWATCH_DB": str(tmp_path / "w.db")})
    assert result.code == 1
    line = one_line_error(result)
    assert f"cannot write the log file {log}: " in line
    assert {"missing folder": f"its folder {log.parent} does not exist", "directory": "is a directory",
            "under a file": f"not a directory ({tmp_path / 'file.txt'} is a file)"}[where] in line
    assert "does not exist" not in line or where == "missing folder"  # the real reason, not a guess (#12)


@pytest.mark.parametrize("args, expected", [
    (["--sources", "missing.toml"], "missing.toml: source registry not found"),  # as `crawl` says it
    (["--cache-db", "/nonexistent/w.db"], "/nonexistent"),
])
def test_worker_checks_registry_and_cache_db_before_scrapy(tmp_path: Path, args: list[str], expected: str) -> None:
    # No Redis is reached: the local checks come first (the URL given is never contacted).
    result = invoke_cli("worker", "--redis", "redis://127.0.0.1:9/0", "--until-idle", "1", *args)
    assert result.code == 1
    assert expected in one_line_error(result)


@pytest.mark.parametrize("command", [["sources", "list"], ["crawl"]])
def test_registry_error_suggests_checking_the_file_given(tmp_path: Path, command: list[str]) -> None:
    registry = tmp_path / "bad2.toml"
    registry.write_text('[[outlet]]\nid = "x"\n[[outlet]]\nid = "y"\n')
    result = invoke_cli(*command, "--sources", registry, env={"WIREWATCH_DB": str(tmp_path / "w.db")})
    assert result.code == 1
    assert f"more; run `wirewatch sources check --sources {registry}`)" in one_line_error(result)


def test_extract_url_must_be_http(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>x</p></body></html>")
    result = invoke_cli("extract", page, "--url", "notaurl")
    assert result.code == 2
    assert "--url: expected the page's http:// or https:// address, not 'notaurl'" in one_line_error(result)


@pytest.mark.parametrize("command", [["crawl"], ["stats"], ["watch", "add", "w", "x"], ["watch", "list"], ["dedup"],
                                     ["translate"], ["import", "a.jsonl"]])
def test_another_programs_sqlite_file_is_refused_and_left_as_it_was(tmp_path: Path, command: list[str]) -> None:
    """One rule for every command (#12): a SQLite file with tables, none of Wirewatch's, is not adopted."""
    import sqlite3

    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
    before = other.read_bytes()
    (tmp_path / "a.jsonl").write_text("")
    result = invoke_cli(*[tmp_path / c if c == "a.jsonl" else c for c in command], "--db", other)
    assert result.code == 1
    assert "not a Wirewatch database" in one_line_error(result)
    assert other.read_bytes() == before, "the file was changed (journal mode or pages) before being refused"
    assert not (tmp_path / "other.db-wal").exists()
    with sqlite3.connect(other) as conn:
        assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")] == ["notes"]


def test_store_and_registry_named_with_set_are_the_ones_used(tmp_path: Path) -> None:
    """`-s WIREWATCH_DB=X` is `--db X` (the settings table says so): the crawl's checks, lock and summary use
    that store, not the default one beside it (which the crawl did not write: a traceback after the run)."""
    result = invoke_cli("crawl", "-s", f"WIREWATCH_SOURCES={tmp_path / 'none.toml'}",
                        "-s", f"WIREWATCH_DB={tmp_path / 'w.db'}")
    assert result.code == 1
    assert "none.toml" in one_line_error(result)
    result = invoke_cli("crawl", "-s", f"WIREWATCH_DB={tmp_path / 'nope' / 'w.db'}")
    assert result.code == 1
    assert "nope" in one_line_error(result)
    assert not (tmp_path / "w.db").exists()


def test_set_and_option_naming_two_stores_is_a_usage_error(tmp_path: Path) -> None:
    result = invoke_cli("crawl", "--db", tmp_path / "a.db", "-s", f"WIREWATCH_DB={tmp_path / 'b.db'}")
    assert result.code == 2
    assert "--db" in one_line_error(result) and "b.db" in one_line_error(result)
    assert not (tmp_path / "a.db").exists() and not (tmp_path / "b.db").exists()


@pytest.mark.parametrize("args", [
    ("crawl", "-s", "DOWNLOAD_DELAY=nan"), ("crawl", "-s", "WIREWATCH_EXTRACT_TIMEOUT=inf"),
    ("crawl", "-s", "WIREWATCH_CLUSTER_DELAY=nan"), ("health", "--max-error-rate", "nan"),
    ("health", "--silent-factor", "inf"), ("extract", "page.html", "--timeout", "nan"),
])
def test_nan_and_infinity_are_not_numbers(tmp_path: Path, args: tuple[str, ...]) -> None:
    """nan passed every minimum (no comparison with it is true): `-s DOWNLOAD_DELAY=nan` crawled,
    `health --max-error-rate nan` flagged no failing outlet, `extract --timeout nan` timed out at once."""
    result = invoke_cli(*args, "--db", tmp_path / "w.db") if args[0] != "extract" else invoke_cli(*args)
    assert result.code == 2
    line = one_line_error(result)
    assert "nan" in line or "inf" in line
    assert not (tmp_path / "w.db").exists()


@pytest.mark.parametrize("serve", [[], ["--serve"]])
def test_demo_with_a_store_it_cannot_use_is_one_line_before_the_sample_web(tmp_path: Path, serve: list[str]) -> None:
    """The sample web started (its line printed) before the store was checked; with --serve, whose registry
    goes beside the store, a store in a missing folder was a FileNotFoundError traceback."""
    result = invoke_cli("demo", "--db", tmp_path / "nope" / "demo.db", *serve)
    assert result.code == 1
    assert result.stdout == ""
    assert "nope" in one_line_error(result)


@pytest.mark.parametrize("value, expected", [
    ('{"crawler.pipelines.storag.StoragePipeline": 900}', "No module named 'crawler.pipelines.storag'"),
    ('{"crawler.pipelines.storage.StoragePipelin": 900}', "no 'StoragePipelin' in module 'crawler.pipelines.storage'"),
])
def test_a_component_that_cannot_be_imported_is_one_line(tmp_path: Path, value: str, expected: str) -> None:
    """A typo in a pipeline or middleware path was a page of Twisted tracebacks and "the crawl stopped before
    it recorded a run"; a disabled entry (null) is not imported."""
    result = invoke_cli("crawl", "--db", tmp_path / "w.db", "-s", f"ITEM_PIPELINES={value}")
    assert result.code == 2
    line = one_line_error(result)
    assert line.startswith("Error: -s/--set: setting ITEM_PIPELINES: cannot import ") and expected in line
    ok = invoke_cli("crawl", "--db", tmp_path / "w.db", "--sources", tmp_path / "none.toml",
                    "-s", 'DOWNLOADER_MIDDLEWARES={"no.such.Middleware": null}')
    assert ok.code == 1 and "none.toml" in one_line_error(ok)  # past the settings check


@pytest.mark.parametrize("command", [["crawl"], ["ingest", "--redis", "redis://127.0.0.1:9/0"]])
@pytest.mark.parametrize("suffix", ["", "-wal"])
def test_a_log_file_that_is_the_store_is_refused(tmp_path: Path, command: list[str], suffix: str) -> None:
    """`crawl --log-file wirewatch.db` appended the log to the SQLite file the crawl was writing."""
    db = tmp_path / "w.db"
    db.write_bytes(b"")
    result = invoke_cli(*command, "--db", db, "--log-file", f"{db}{suffix}")
    assert result.code == 2
    assert one_line_error(result) == f"Error: --log-file: {db}{suffix} is the store itself ({db}); give another file"
    assert db.read_bytes() == b""


def test_demo_refuses_a_store_with_other_outlets(tmp_path: Path) -> None:
    """`wirewatch demo` (default ./wirewatch.db) in an operator's crawl folder mixed the sample web's made-up
    outlets and articles into the real store, and from there into its exports."""
    import sqlite3

    lines = tmp_path / "real.jsonl"
    lines.write_text('{"url": "https://real.example/news/1", "outlet": "real-outlet", "text": "A real story."}\n')
    db = tmp_path / "wirewatch.db"
    assert invoke_cli("import", lines, "--db", db, "--no-dedup").code == 0
    before = sqlite3.connect(db).execute("SELECT count(*) FROM articles").fetchone()
    result = invoke_cli("demo", "--db", db)
    assert result.code == 1 and result.stdout == ""
    assert "holds articles of other outlets (real-outlet)" in one_line_error(result)
    assert sqlite3.connect(db).execute("SELECT count(*) FROM articles").fetchone() == before


@pytest.mark.parametrize("name", ["WIREWATCH_DB", "WIREWATCH_SOURCES", "WIREWATCH_REDIS_URL"])
def test_option_variable_set_but_empty_is_refused(tmp_path: Path, name: str) -> None:
    """`WIREWATCH_DB=$UNSET wirewatch crawl` from cron: click reads "" as unset, and the crawl went to
    ./wirewatch.db of whatever folder cron ran it in. Now one line naming the variable, exit 2, nothing made."""
    result = invoke_cli("stats", "--db", tmp_path / "w.db", env={name: "  "})
    assert result.code == 2, result.stderr
    assert result.stderr.strip().splitlines() == [
        f"Error: {name} is set but empty; give it a value or unset it (then its default is used)"]
    assert not (tmp_path / "w.db").exists()


def test_every_option_variable_is_checked_when_empty() -> None:
    import re

    from crawler.cli.common import OPTION_ENVVARS

    sources = "".join(p.read_text(encoding="utf-8") for p in (Path(__file__).parents[1] / "crawler" / "cli").glob("*.py"))
    assert set(re.findall(r'envvar="([A-Z_]+)"', sources)) == set(OPTION_ENVVARS)


@pytest.mark.parametrize("command, stdout, stderr, code", [
    ("crawl", "wirewatch: interrupted before the crawl started a run; nothing was crawled or recorded\n", "", 0),
    ("export", "", "wirewatch: interrupted before the command started; nothing was done\n", 1),
])
def test_ctrl_c_while_the_cli_starts_is_one_line(command: str, stdout: str, stderr: str, code: int) -> None:
    """Ctrl-C while Python imported the CLI or click resolved the command printed a KeyboardInterrupt
    traceback from inside importlib (or click's `Aborted!`), exit 1 or death by the signal, for a crawl that
    had not started. The interrupt arrives here at a known point: just after the CLI's import."""
    import os
    import subprocess
    import sys

    program = (f"import os, signal, sys; sys.argv = ['wirewatch', {command!r}]; import crawler.cli; "
               "os.kill(os.getpid(), signal.SIGINT); import time; time.sleep(60)")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(Path(__file__).parent.parent),
                                                        os.environ.get("PYTHONPATH", "")]))
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=60, env=env)
    assert (done.returncode, done.stdout, done.stderr) == (code, stdout, stderr)


def test_a_command_takes_over_ctrl_c_when_it_starts_and_the_handler_is_put_back() -> None:
    """From the command's first line Ctrl-C is a KeyboardInterrupt (the crawl records its run `interrupted`);
    after the call, the process's own handler is back (the CLI run inside a longer-lived process)."""
    import signal

    import click

    from crawler.cli import LazyGroup
    from crawler.cli.common import user_errors

    seen = []

    @click.command()
    @user_errors
    def probe() -> None:
        seen.append(signal.getsignal(signal.SIGINT))

    before = signal.getsignal(signal.SIGINT)
    LazyGroup(commands={"probe": probe}).main(["probe"], standalone_mode=False)
    assert seen == [signal.default_int_handler] and signal.getsignal(signal.SIGINT) is before


@pytest.mark.parametrize("command", [["import", "{lines}"], ["watch", "add", "harbour", "harbour"], ["dedup"]])
def test_a_store_another_program_keeps_locked_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          command: list[str]) -> None:
    """A store another program keeps write-locked (an `sqlite3` shell in a transaction) past the busy
    timeout gave `import` a traceback ending in `sqlite3.OperationalError: database is locked`. The wait is
    shortened here; the message is the same."""
    import sqlite3

    import storage
    import storage.db

    db, lines = tmp_path / "w.db", tmp_path / "in.jsonl"
    lines.write_text('{"url": "http://x.test/a", "outlet": "x", "text": "The harbour opens."}\n', encoding="utf-8")
    storage.open_db(db).close()
    monkeypatch.setattr(storage.db, "BUSY_TIMEOUT_MS", 200)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = invoke_cli(*[part.format(lines=lines) for part in command], "--db", db)
    finally:
        holder.rollback()
        holder.close()
    assert result.code == 1
    error = one_line_error(result)
    assert error.startswith(f"Error: {db}: another program holds a write lock on the store and kept it past the "
                            "0.2 s wait"), error


def test_a_log_file_that_is_a_fifo_nobody_reads_is_one_line(tmp_path: Path) -> None:
    """Opening a FIFO for writing waits for a reader: `crawl --log-file FIFO` hung before it started."""
    import os

    fifo = tmp_path / "log.fifo"
    os.mkfifo(fifo)
    result = invoke_cli("crawl", "--db", tmp_path / "w.db", "--log-file", fifo)
    assert result.code == 1
    assert one_line_error(result) == (f"Error: cannot write the log file {fifo}: it is a FIFO (named pipe) that "
                                      "no process is reading")


def test_a_log_file_that_cannot_be_written_is_one_line_not_a_traceback_a_record(
        capsys: pytest.CaptureFixture[str]) -> None:
    """A full disk (`/dev/full`) printed `--- Logging error ---` and a traceback for every record."""
    import logging

    from crawler import logs

    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        logs.configure(False, Path("/dev/full"))
        for n in range(3):
            logging.getLogger("crawler.test").error("record %d", n)
    finally:
        for handler in list(root.handlers):
            root.removeHandler(handler)
            handler.close()
        for handler in handlers:
            root.addHandler(handler)
        root.setLevel(level)
    lines = [line for line in capsys.readouterr().err.splitlines() if "record" not in line]
    assert lines == ["wirewatch: cannot write the log file /dev/full: no space left on device; its further lines "
                     "are dropped"]


def test_output_to_a_full_disk_is_one_line(tmp_path: Path) -> None:
    """`wirewatch stats >> report` on a full disk (here /dev/full) ended in an OSError traceback."""
    import os
    import subprocess
    import sys

    import storage

    storage.open_db(tmp_path / "w.db").close()
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(Path(__file__).parent.parent),
                                                        os.environ.get("PYTHONPATH", "")]))
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "crawler.cli", "stats", "--db", str(tmp_path / "w.db")],
                              stdout=full, stderr=subprocess.PIPE, text=True, timeout=60, env=env)
    assert done.returncode == 1
    assert done.stderr.splitlines() == ["Error: cannot write the output: No space left on device"]


def test_extraction_workers_have_a_ceiling(tmp_path: Path) -> None:
    """`-s WIREWATCH_EXTRACT_WORKERS=100000` spawned worker processes (about 100 MB each) until the machine
    ran out of memory and the crawl was killed."""
    result = invoke_cli("crawl", "--db", tmp_path / "w.db", "-s", "WIREWATCH_EXTRACT_WORKERS=100000")
    assert result.code == 2
    assert one_line_error(result) == ("Error: -s/--set: setting WIREWATCH_EXTRACT_WORKERS is a whole number from 0 "
                                      "to 64, not '100000' (e.g. -s WIREWATCH_EXTRACT_WORKERS=0)")
    assert not (tmp_path / "w.db").exists()


def test_a_wrong_value_in_settings_py_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An operator's `DOWNLOAD_DELAY = "slow"` in settings.py ended in a ValueError traceback inside Scrapy."""
    import settings

    monkeypatch.setattr(settings, "DOWNLOAD_DELAY", "slow")
    result = invoke_cli("crawl", "--db", tmp_path / "w.db")
    assert result.code == 1
    assert one_line_error(result) == (f"Error: {settings.__file__}: DOWNLOAD_DELAY = 'slow': must be a number (fix "
                                      "or delete the line)")
    monkeypatch.setattr(settings, "DOWNLOAD_DELAY", -2)
    assert "DOWNLOAD_DELAY = -2: from 0 to 3600" in one_line_error(invoke_cli("crawl", "--db", tmp_path / "w.db"))


def test_a_syntax_error_in_settings_py_is_one_line(tmp_path: Path) -> None:
    """A typo in settings.py (an unclosed quote) was an import traceback for every command."""
    import os
    import subprocess
    import sys

    root = Path(__file__).parent.parent
    broken = tmp_path / "settings.py"
    broken.write_text((root / "settings.py").read_text(encoding="utf-8") + '\nUSER_AGENT = "unclosed\n',
                      encoding="utf-8")
    lines = broken.read_text(encoding="utf-8").count("\n")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(tmp_path), str(root), os.environ.get("PYTHONPATH", "")]))
    done = subprocess.run([sys.executable, "-m", "crawler.cli", "stats", "--db", str(tmp_path / "w.db")],
                          capture_output=True, text=True, timeout=60, env=env, cwd=tmp_path)  # -m: cwd first
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.splitlines() == [
        f"Error: {broken}, line {lines}: unterminated string literal (detected at line {lines}); settings.py is "
        "Python: fix the line (or delete it: every setting has its default)"]


@pytest.mark.parametrize("args, where", [
    (["watch", "add", "n\udcff", "water"], "NAME"),
    (["watch", "add", "water", "wat\udcffer"], "QUERY"),
    (["export", "--lang", "\udcff"], "--lang"),
])
def test_text_arguments_that_are_not_utf8_are_a_usage_error(tmp_path: Path, args: list[str], where: str) -> None:
    """Bytes that are not UTF-8 (a Latin-1 terminal) reach Python as lone surrogates: `watch add` ended in a
    UnicodeEncodeError traceback from SQLite."""
    import storage

    storage.open_db(tmp_path / "w.db").close()
    result = invoke_cli(*args, "--db", tmp_path / "w.db")
    assert result.code == 2
    assert one_line_error(result).startswith(f"Error: {where}: not UTF-8 text: ")


def test_a_registry_with_no_enabled_outlet_is_said_before_the_crawl(tmp_path: Path) -> None:
    """Every outlet disabled (a mistake in the registry) gave a crawl of nothing whose summary looks like a quiet
    day. The store here is unusable, so the crawl stops before Scrapy; the warning came first."""
    registry = tmp_path / "sources.toml"
    registry.write_text('[[outlet]]\nid = "x"\nname = "X"\ncountry = "GB"\nregion = "uk"\nlanguages = ["en"]\n'
                        'homepage = "https://x.example/"\nallowed_domains = ["x.example"]\nenabled = false\n',
                        encoding="utf-8")
    result = invoke_cli("crawl", "--sources", registry, "--db", tmp_path / "nope" / "w.db")
    assert result.stderr.splitlines()[0] == (f"wirewatch: warning: no outlet of {registry} is enabled: nothing will "
                                             "be crawled (set `enabled = true` on those to crawl)")


@pytest.mark.parametrize("command", [["crawl"], ["stats"]])
def test_a_store_path_that_is_a_broken_link_is_one_line(tmp_path: Path, command: list[str]) -> None:
    """A symbolic link that loops ended `crawl` in a RuntimeError traceback; one into a missing folder was said
    to be in a folder "not writable"."""
    loop, dangling = tmp_path / "loop.db", tmp_path / "dangling.db"
    loop.symlink_to(loop)
    dangling.symlink_to(tmp_path / "gone" / "w.db")
    looped = invoke_cli(*command, "--db", loop)
    assert looped.code == 1
    assert one_line_error(looped) == f"Error: database path {loop} is a symbolic link that loops; give the store's file"
    missing = invoke_cli(*command, "--db", dangling)
    assert missing.code == 1
    assert one_line_error(missing) == (f"Error: database path {dangling} is a symbolic link to {tmp_path}/gone/w.db, "
                                       f"whose folder {tmp_path}/gone does not exist")


HUGE = "99999999999999999999999"  # above SQLite's largest integer, 2**63 - 1


@pytest.mark.parametrize("args", [["stats", "--runs", HUGE], ["health", "--runs", HUGE], ["dedup", "--show", HUGE],
                                  ["translate", "--limit", HUGE]])
def test_a_count_above_sqlite_integers_means_all(tmp_path: Path, args: list[str]) -> None:
    """`stats --runs 99999999999999999999999` passed the count on to SQLite: an OverflowError traceback."""
    import storage

    db = tmp_path / "w.db"
    storage.open_db(db).conn.close()
    result = invoke_cli(*args, "--db", db)
    assert result.code == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_an_ingest_batch_size_too_large_is_a_usage_error() -> None:
    """A batch of 2**63-1 entries was refused by Redis mid-run (`COUNT must be > 0`), a traceback; checked
    before Redis is contacted."""
    result = invoke_cli("ingest", "--batch-size", HUGE, "--redis", "redis://127.0.0.1:1/0")
    assert result.code == 2
    assert one_line_error(result) == (f"Error: Invalid value for '--batch-size': {HUGE} is not in the range "
                                      "1<=x<=10000. (see `wirewatch ingest --help`)")


def test_an_interrupted_subcommand_is_named_as_typed() -> None:
    """The one-line interrupt message names the command as typed ("watch run"), not its last word (#11)."""
    import click
    from click.testing import CliRunner

    from crawler.cli.common import user_errors

    @click.group()
    def program() -> None:
        pass

    @program.group()
    def watch() -> None:
        pass

    @watch.command("run")
    @user_errors
    def run() -> None:
        raise KeyboardInterrupt

    result = CliRunner().invoke(program, ["watch", "run"])
    assert result.exit_code == 1 and result.output == (
        "Error: watch run interrupted (Ctrl-C): what it finished before the interrupt is kept; run it again for the rest\n")
