"""`wirewatch import` and `export` given hostile input: each bad line or cursor is one line of error,
and everything else is kept."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

import storage

from crawler.importer import MAX_LINE_BYTES
from tests.conftest import invoke_cli

TEXT = "The harbour authority confirmed the new berth.\n\nIt opens next spring."


def line(**fields: object) -> str:
    record = {"url": "http://fault.test/news/x", "outlet": "fault-gazette", "text": TEXT, "language": "en"}
    record.update(fields)
    return json.dumps(record)


def test_bad_lines_are_rejected_with_their_reason_and_the_rest_is_stored(tmp_path: Path) -> None:
    lines = [
        line(url="http://fault.test/news/first"),  # line 1, after a BOM
        line(url="http://fault.test/news/surrogate", text="broken \\ud800 text").replace("\\\\ud800", "\\ud800"),
        line(url="http://fault.test/news/nul", title="a\u0000b"),
        line(url="http://fault.test/news/date", published="2026-02-30"),
        line(url="http://fault.test/news/outlet", outlet="Fault Gazette!"),
        line(url="http://fault.test/news/huge", text="x" * (MAX_LINE_BYTES + 10)),
        line(url="http://fault.test/news/last", published="2026-11-20T10:00:00+00:00"),
    ]
    assert "\\ud800" in lines[1]
    path = tmp_path / "in.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + "\n".join(lines).encode() + b"\n")
    db = tmp_path / "w.db"
    result = invoke_cli("import", path, "--db", db, "--no-dedup")
    assert result.code == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "7 lines, 2 new" in result.stdout and "5 rejected" in result.stdout, result.stdout
    assert "bad_encoding 1, bad_field 3, too_large 1" in result.stdout
    for number, reason in [(2, "bad_encoding"), (3, "bad_field"), (4, "bad_field"), (5, "bad_field"),
                           (6, "too_large")]:
        assert f"line {number}: {reason}: " in result.stderr
    stored = {r[0] for r in sqlite3.connect(db).execute("SELECT url FROM articles")}
    assert stored == {"http://fault.test/news/first", "http://fault.test/news/last"}


def test_authors_given_are_stored_and_a_bad_authors_field_is_rejected(tmp_path: Path) -> None:
    """`authors` is an articles column the README's import takes; the crawl's empty list (`[]`) was kept
    over the file's names, without a word."""
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join([line(url="http://fault.test/news/names", authors=["Huda Nasser", " Tom Ellery "]),
                               line(url="http://fault.test/news/string", authors="Huda Nasser"),
                               line(url="http://fault.test/news/none")]) + "\n", encoding="utf-8")
    db = tmp_path / "w.db"
    result = invoke_cli("import", path, "--db", db, "--no-dedup")
    assert result.code == 0 and "2 new" in result.stdout and "1 rejected (bad_field 1)" in result.stdout, result.stdout
    assert "line 2: bad_field: field 'authors' must be a list of names" in result.stderr
    stored = dict(sqlite3.connect(db).execute("SELECT url, authors FROM articles"))
    assert json.loads(stored["http://fault.test/news/names"]) == ["Huda Nasser", "Tom Ellery"]
    assert json.loads(stored["http://fault.test/news/none"]) == []


def test_boilerplate_removed_given_is_stored_as_the_crawl_stores_it(tmp_path: Path) -> None:
    """`boilerplate_removed` is an articles column (a count of lines); the crawl's 0 was kept over the file's
    value without a word. A count, or `extract --json`'s {rule: count} (summed, as the crawl sums it); a
    malformed one is a bad line."""
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join([line(url="http://fault.test/news/count", boilerplate_removed=3),
                               line(url="http://fault.test/news/rules", boilerplate_removed={"ad-marker": 2, "share": 1}),
                               line(url="http://fault.test/news/none"),
                               line(url="http://fault.test/news/bad", boilerplate_removed=-1),
                               line(url="http://fault.test/news/text", boilerplate_removed="3")]) + "\n",
                    encoding="utf-8")
    db = tmp_path / "w.db"
    result = invoke_cli("import", path, "--db", db, "--no-dedup")
    assert result.code == 0 and "3 new" in result.stdout and "2 rejected (bad_field 2)" in result.stdout, result.stdout
    assert "line 4: bad_field: field 'boilerplate_removed' must be a count of lines" in result.stderr
    stored = dict(sqlite3.connect(db).execute("SELECT url, boilerplate_removed FROM articles"))
    assert stored == {"http://fault.test/news/count": 3, "http://fault.test/news/rules": 3,
                      "http://fault.test/news/none": 0}


def test_a_file_of_which_no_line_could_be_imported_exits_1(tmp_path: Path) -> None:
    """A binary file or another format (every line rejected) exited 0 like a quiet day, and left the new
    empty store it had created behind; an empty file still exits 0 (an export with nothing new), and a
    store that existed before is kept whatever the file."""
    wrong, empty = tmp_path / "photo.jpg", tmp_path / "empty.jsonl"
    wrong.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\n\x89\x00\xff\n")
    empty.write_bytes(b"")
    db = tmp_path / "w.db"
    result = invoke_cli("import", wrong, "--db", db, "--no-dedup")
    assert result.code == 1 and "2 lines, 0 new" in result.stdout and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1] == (
        f"Error: nothing imported from {wrong}: all 2 lines were rejected (the new store {db} was removed); is it "
        "a JSON Lines file of articles (one object a line with url, outlet and text)?")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.jsonl", "photo.jpg"]
    assert invoke_cli("import", empty, "--db", db, "--no-dedup").code == 0 and db.exists()
    result = invoke_cli("import", wrong, "--db", db)
    assert result.code == 1 and result.stderr.splitlines()[-1].endswith(
        "all 2 lines were rejected; is it a JSON Lines file of articles (one object a line with url, outlet and text)?")
    assert db.exists() and "dedup:" not in result.stdout


@pytest.mark.parametrize("name, message", [("missing.jsonl", "no such file"), ("folder", "is a folder")])
def test_an_input_that_cannot_be_read_creates_no_store(tmp_path: Path, name: str, message: str) -> None:
    """A mistyped file name left a new empty store (the full schema) behind the one-line error."""
    (tmp_path / "folder").mkdir()
    db = tmp_path / "fresh.db"
    result = invoke_cli("import", tmp_path / name, "--db", db)
    assert result.code == 1 and message in result.stderr and "Traceback" not in result.stderr
    assert not db.exists()


def test_a_compressed_file_or_a_store_given_to_import_is_one_line_naming_what_to_do(tmp_path: Path) -> None:
    """A gzipped export was read as hundreds of `bad_encoding` lines (100 error lines on stderr) before the
    import said it had imported nothing; a store given for the file likewise. One line, no store created."""
    import gzip

    packed = tmp_path / "export.jsonl.gz"
    packed.write_bytes(gzip.compress((line() + "\n").encode()))
    other = tmp_path / "other.db"
    storage.open_db(other).conn.close()
    db = tmp_path / "w.db"
    for path, message in [(packed, f"{packed} is gzip-compressed, not a JSON Lines file; decompress it first: "
                                   f"gunzip -c {packed} | wirewatch import -"),
                          (other, f"{other} is an SQLite database, not a JSON Lines file; export its articles "
                                  f"first: wirewatch export --db {other} -o {other}.jsonl")]:
        result = invoke_cli("import", path, "--db", db)
        assert result.code == 1
        assert result.stderr.strip().splitlines() == [f"Error: {message}"]
        assert not db.exists()


def test_an_export_imported_into_another_store_keeps_its_outlets(tmp_path: Path) -> None:
    """An export's records name each outlet's name, region and country; imported elsewhere, every outlet
    became "region other" named by its id, so `--region gulf` and the region facet lost them."""
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join([line(url="http://fault.test/news/a", outlet_name="Fault Gazette", region="gulf",
                                     country="AE"),
                                line(url="http://gulf.test/news/b", outlet="bad-details", outlet_name="",
                                     region="mars", country="uae")]) + "\n", encoding="utf-8")
    db = tmp_path / "w.db"
    result = invoke_cli("import", path, "--db", db, "--no-dedup")
    assert result.code == 0 and "2 new" in result.stdout, result.stdout
    rows = sorted(sqlite3.connect(db).execute("SELECT id, name, region, country FROM sources"))
    assert rows == [("bad-details", "bad-details", "other", None), ("fault-gazette", "Fault Gazette", "gulf", "AE")]
    exported = invoke_cli("export", "--db", db, "--region", "gulf")
    assert [json.loads(r)["outlet"] for r in exported.stdout.splitlines()] == ["fault-gazette"]


def test_dash_is_standard_output_and_input_so_an_export_pipes_into_an_import(tmp_path: Path) -> None:
    """`export -o -` wrote a file named "-", and `import -` said "-: no such file"."""
    from click.testing import CliRunner

    from crawler.cli import main

    path = tmp_path / "in.jsonl"
    path.write_text(line(url="http://fault.test/news/piped", outlet_name="Fault Gazette", region="uk") + "\n",
                    encoding="utf-8")
    source, target = tmp_path / "a.db", tmp_path / "b.db"
    assert invoke_cli("import", path, "--db", source, "--no-dedup").code == 0
    exported = invoke_cli("export", "--db", source, "-o", "-")
    assert exported.code == 0 and not (Path.cwd() / "-").exists()
    records = exported.stdout
    assert json.loads(records)["url"] == "http://fault.test/news/piped"
    result = CliRunner().invoke(main, ["import", "-", "--db", str(target), "--no-dedup"], input=records.encode())
    assert result.exit_code == 0, result.output
    assert "imported -: 1 lines, 1 new" in result.output
    assert sqlite3.connect(target).execute("SELECT url FROM articles").fetchall() == [("http://fault.test/news/piped",)]


@pytest.mark.parametrize("args, message", [
    (["--after-id", "99999999999999999999999"], "99999999999999999999999 is not in the range 0<=x<=9223372036854775807"),
])
def test_an_impossible_cursor_is_a_one_line_usage_error(tmp_path: Path, args: list[str], message: str) -> None:
    db = tmp_path / "w.db"
    sqlite3.connect(db).close()
    result = invoke_cli("export", "--db", db, *args)
    assert result.code == 2 and message in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("cursor", [99999999999999999999999, -5])
def test_an_impossible_cursor_in_the_state_file_is_one_line(tmp_path: Path, cursor: int) -> None:
    db, state = tmp_path / "w.db", tmp_path / "state.json"
    storage.open_db(db).close()
    state.write_text(json.dumps({"after_id": cursor, "mode": "articles"}), encoding="utf-8")
    result = invoke_cli("export", "--db", db, "--state", state)
    assert result.code == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0 and f"has cursor {cursor}, outside 0..9223372036854775807" in result.stderr



@pytest.mark.parametrize("content, message", [
    ('{"after_id": 1e999, "mode": "articles"}', "has cursor inf, not a whole number; fix or delete the file"),
    ('{"after_id": 1.5, "mode": "articles"}', "has cursor 1.5, not a whole number; fix or delete the file"),
    ('{"after_id": null, "mode": "articles"}', "has cursor None, not a whole number; fix or delete the file"),
    ("[3]", "a JSON array, not an object (not a file `wirewatch export --state` wrote? fix or delete it)"),
    ("", "not JSON (Expecting value: line 1 column 1 (char 0); not a file `wirewatch export --state` wrote? "
         "fix or delete it)"),
])
def test_a_state_file_that_is_no_export_state_is_one_line_and_kept(tmp_path: Path, content: str,
                                                                   message: str) -> None:
    """A cursor of 1e999 in the state file was an OverflowError traceback; 1.5 was taken as 1 and the file
    rewritten; a list gave "list indices must be integers or slices, not str"."""
    db, state = tmp_path / "w.db", tmp_path / "state.json"
    storage.open_db(db).close()
    state.write_text(content, encoding="utf-8")
    result = invoke_cli("export", "--db", db, "--state", state)
    assert result.code == 1 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and message in result.stderr
    assert state.read_text(encoding="utf-8") == content


def test_ctrl_c_during_an_import_says_how_far_it_got(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C printed click's bare `Aborted!`: nothing said that the batches before were stored, nor what to
    do. The interrupt arrives here while the second batch is being stored."""
    from crawler.importer import Importer

    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(line(url=f"http://fault.test/news/{n}") for n in range(5)) + "\n", encoding="utf-8")
    store = Importer._store
    calls = []

    def interrupted(self: Importer, batch: list, report: object) -> None:
        calls.append(len(batch))
        if len(calls) == 2:
            raise KeyboardInterrupt
        store(self, batch, report)

    monkeypatch.setattr(Importer, "__init__", _small_batches(Importer.__init__))
    monkeypatch.setattr(Importer, "_store", interrupted)
    db = tmp_path / "w.db"
    result = invoke_cli("import", path, "--db", db, "--no-dedup")
    assert result.code == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        f"Error: import of {path} interrupted after 4 lines: 2 stored (2 new, 0 updated, 0 unchanged), the batch "
        "in progress not; run the same command again to import the rest (stored lines come back unchanged)"]
    assert sqlite3.connect(db).execute("SELECT count(*) FROM articles").fetchone() == (2,)


def test_ctrl_c_before_anything_was_stored_in_a_new_store_removes_it(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """An import interrupted in its first batch left the empty store it had created behind; a store that
    existed before stays."""
    from crawler.importer import Importer

    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(line(url=f"http://fault.test/news/{n}") for n in range(3)) + "\n", encoding="utf-8")

    def interrupted(self: Importer, batch: list, report: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(Importer, "_store", interrupted)
    db = tmp_path / "new.db"
    result = invoke_cli("import", path, "--db", db, "--no-dedup")
    assert result.code == 1 and f"the batch in progress not (the new store {db} was removed);" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]
    storage.open_db(db).close()
    result = invoke_cli("import", path, "--db", db, "--no-dedup")
    assert result.code == 1 and "was removed" not in result.stderr and db.exists()


def _small_batches(init):  # type: ignore[no-untyped-def]
    def wrapped(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        kwargs["batch_size"] = 2
        init(self, *args, **kwargs)
    return wrapped


def test_ctrl_c_during_an_export_is_one_line_not_aborted(tmp_path: Path) -> None:
    """Ctrl-C in a command without its own interrupt message (export, dedup, translate, ...) printed click's
    bare `Aborted!`. A real SIGINT, sent while the export is blocked writing to a pipe nobody reads yet (its
    output is far larger than the pipe's buffer, so it cannot have finished)."""
    import os
    import signal
    import subprocess
    import sys

    from tests.conftest import ROOT

    source = tmp_path / "in.jsonl"
    paragraph = "The harbour authority confirmed the new berth and its opening date. " * 15
    source.write_text("\n".join(line(url=f"http://fault.test/news/{n}", text=paragraph) for n in range(400)) + "\n",
                      encoding="utf-8")
    db = tmp_path / "w.db"
    assert invoke_cli("import", source, "--db", db, "--no-dedup").code == 0
    env = {k: v for k, v in os.environ.items() if not k.startswith("WIREWATCH_")}
    proc = subprocess.Popen([sys.executable, "-m", "crawler.cli", "export", "--db", str(db)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.readline().startswith(b"{")  # the command is running and writing
    proc.send_signal(signal.SIGINT)
    out = proc.stdout.read()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 1
    assert len(out) < 400 * len(paragraph)  # it stopped early
    assert err.strip().splitlines()[-1] == ("Error: export interrupted (Ctrl-C): what it finished before the "
                                            "interrupt is kept; run it again for the rest"), err
    assert "Aborted!" not in err and "Traceback" not in err
