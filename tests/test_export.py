"""`wirewatch export` on the demo store and on a large synthetic one: schema, cursor, state, memory."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import sqlite_utils

import storage
from storage import articles, records, sources
from tests.conftest import ROOT, Crawled, invoke_cli
from tests.contract_schema import TRANSLATED, add_contract_schema, copy_store, fill_contract_data

CURSOR = re.compile(rf"exported (\d+) (articles|stories) \(record schema {records.SCHEMA_VERSION}\); next: --after-id (\d+)$")


def exported(result) -> tuple[int, int]:
    """(records, cursor) from the export's last stderr line."""
    assert result.code == 0, result.stderr
    match = CURSOR.search(result.stderr.strip().splitlines()[-1])
    assert match, result.stderr
    return int(match.group(1)), int(match.group(3))


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


def add_article(db_path: Path, slug: str, language: str = "en") -> int:
    db = storage.open_db(db_path)
    try:
        return articles.upsert(db, {
            "canonical_url": f"http://gulf-herald.test/article/late/{slug}", "url": f"http://gulf-herald.test/x/{slug}",
            "outlet": "gulf-herald", "title": f"Late story {slug}", "text": "Written after the first export.",
            "language": language, "content_hash": slug, "fetched": "2026-11-21T10:00:00+00:00",
            "extraction_status": "ok"}).id
    finally:
        db.close()


@pytest.fixture
def store(crawled: Crawled, tmp_path: Path) -> Path:
    return copy_store(crawled.db, tmp_path / "store.db")


def ok_articles(db_path: Path) -> list[dict]:
    with sqlite3.connect(db_path) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute(
            "SELECT a.id, a.language, s.region FROM articles a JOIN sources s ON s.id = a.outlet "
            "WHERE extraction_status = 'ok' ORDER BY a.id")]


def test_jsonl_and_csv_give_the_documented_records(store: Path) -> None:
    expected = ok_articles(store)
    as_jsonl = invoke_cli("export", "--db", store)
    count, cursor = exported(as_jsonl)
    rows = jsonl(as_jsonl.stdout)
    assert count == len(rows) == len(expected) > 0
    assert [r["id"] for r in rows] == [e["id"] for e in expected]
    assert all(list(r) == list(records.NAMES) for r in rows)
    assert all(r["schema_version"] == records.SCHEMA_VERSION for r in rows)
    assert cursor == max(e["id"] for e in expected)
    arabic = [r for r in rows if r["language"] == "ar"]
    assert arabic and all(r["region"] == "gulf" and r["outlet_name"] and r["text"] for r in arabic)
    english = [r for r in rows if r["language"] == "en"]
    assert all(r["title_en"] == r["title"] and r["translation_status"] == "original" for r in english)

    as_csv = invoke_cli("export", "--db", store, "--format", "csv")
    assert exported(as_csv) == (count, cursor)
    table = list(csv.reader(io.StringIO(as_csv.stdout)))
    assert table[0] == list(records.NAMES)
    by_id = {int(r[1]): dict(zip(table[0], r)) for r in table[1:]}
    assert sorted(by_id) == [r["id"] for r in rows]
    for row in rows:
        assert by_id[row["id"]]["text"] == row["text"]  # multi-line Arabic text survives CSV quoting


def test_csv_for_excel_begins_with_a_byte_order_mark(store: Path, tmp_path: Path) -> None:
    """Excel reads a CSV without a BOM in the system's code page: Arabic came out as mojibake. `--bom` writes
    one (to a file and to stdout); the default stays without (a BOM is an odd first column name to other
    CSV readers); JSON Lines refuses it."""
    plain = invoke_cli("export", "--db", store, "--format", "csv")
    assert not plain.stdout.startswith("\ufeff")
    output, without = tmp_path / "for-excel.csv", tmp_path / "plain.csv"
    assert invoke_cli("export", "--db", store, "--format", "csv", "--bom", "-o", output).code == 0
    assert invoke_cli("export", "--db", store, "--format", "csv", "-o", without).code == 0
    raw = output.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfschema_version,") and raw[3:] == without.read_bytes()
    stdout = invoke_cli("export", "--db", store, "--format", "csv", "--bom")
    assert stdout.stdout == "\ufeff" + plain.stdout
    refused = invoke_cli("export", "--db", store, "--bom")
    assert refused.code == 2 and refused.stdout == ""
    assert refused.stderr.strip().splitlines() == [
        "Error: --bom: a byte-order mark is for --format csv only (JSON Lines must not begin with one)"]


def test_a_state_file_that_is_a_fifo_or_a_device_is_one_line_unread(store: Path, tmp_path: Path) -> None:
    """`--state` naming a FIFO blocked for ever, and `/dev/zero` filled memory."""
    import os

    fifo = tmp_path / "export.state"
    os.mkfifo(fifo)
    for state, kind in ((fifo, "a FIFO (named pipe)"), (Path("/dev/zero"), "a character device")):
        result = invoke_cli("export", "--db", store, "--state", state)
        assert result.code == 1 and result.stdout == ""
        assert result.stderr.splitlines() == [f"Error: cannot read export state {state}: is {kind}, not a file"]


def test_cursor_gives_only_what_is_new(store: Path) -> None:
    count, cursor = exported(invoke_cli("export", "--db", store))
    again = invoke_cli("export", "--db", store, "--after-id", cursor)
    assert exported(again) == (0, cursor) and again.stdout == ""
    new_ids = [add_article(store, "one"), add_article(store, "two")]
    later = invoke_cli("export", "--db", store, "--after-id", cursor)
    assert [r["id"] for r in jsonl(later.stdout)] == new_ids
    assert exported(later) == (2, max(new_ids))


def test_state_file_remembers_the_cursor(store: Path, tmp_path: Path) -> None:
    state, out = tmp_path / "export.state", tmp_path / "out.jsonl"
    first = invoke_cli("export", "--db", store, "--state", state, "--output", out)
    count, cursor = exported(first)
    assert first.stdout == "" and len(jsonl(out.read_text(encoding="utf-8"))) == count > 0
    assert json.loads(state.read_text())["after_id"] == cursor
    assert exported(invoke_cli("export", "--db", store, "--state", state, "--output", out))[0] == 0
    assert out.read_text(encoding="utf-8") == ""
    new_id = add_article(store, "three")
    exported(invoke_cli("export", "--db", store, "--state", state, "--output", out))
    assert [r["id"] for r in jsonl(out.read_text(encoding="utf-8"))] == [new_id]
    assert json.loads(state.read_text())["after_id"] == new_id
    assert not list(tmp_path.glob("*.part"))


def test_filters_by_language_region_and_since(store: Path) -> None:
    expected = ok_articles(store)
    arabic = jsonl(invoke_cli("export", "--db", store, "--lang", "ar").stdout)
    assert [r["id"] for r in arabic] == [e["id"] for e in expected if e["language"] == "ar"] != []
    uk_or_ar = jsonl(invoke_cli("export", "--db", store, "--lang", "ar,en", "--region", "uk").stdout)
    assert [r["id"] for r in uk_or_ar] == [e["id"] for e in expected if e["region"] == "uk"] != []
    assert jsonl(invoke_cli("export", "--db", store, "--since", "2999-01-01").stdout) == []
    everything = invoke_cli("export", "--db", store, "--since", "2000-01-01T00:00:00+03:00")
    assert len(jsonl(everything.stdout)) == len(expected)


def test_contract_columns_fill_the_record(store: Path) -> None:
    db = sqlite_utils.Database(store)
    add_contract_schema(db)
    ids = fill_contract_data(db)
    db.close()
    rows = {r["id"]: r for r in jsonl(invoke_cli("export", "--db", store).stdout)}
    book = rows[ids["ahsa-book-fair-opens"]]
    assert book["title_en"] == TRANSLATED["ahsa-book-fair-opens"][0]
    assert (book["translation_status"], book["translation_engine"], book["translation_model_package"],
            book["translation_source_lang"], book["translation_target_lang"]) == (
        "done", "argostranslate", "translate-ar_en", "ar", "en")
    assert rows[ids["dammam-bus-rapid-transit"]]["translation_status"] == "pending"
    forum = rows[ids["riyadh-water-security-forum-opens"]]
    assert forum["wire_agency"] == "SPA" and forum["story_id"] is not None

    result = invoke_cli("export", "--db", store, "--stories-only")
    count, cursor = exported(result)
    stories = jsonl(result.stdout)
    assert count == len(stories) >= 2 and cursor == max(s["story_id"] for s in stories)
    assert [s["story_id"] for s in stories] == sorted(s["story_id"] for s in stories)
    story = next(s for s in stories if s["story_id"] == forum["story_id"])
    assert story["id"] == forum["id"]  # the story's canonical article
    assert story["story_outlets"] == ["gulf-herald", "gulf-mirror"] and story["story_articles"] == 2
    assert exported(invoke_cli("export", "--db", store, "--stories-only", "--after-id", cursor))[0] == 0


@pytest.mark.parametrize("args, message", [
    (["--stories-only"], "no stories yet"),
    (["--since", "yesterday"], "not an ISO 8601"),
    (["--since", "0001-01-01T00:00:00+05:00"], "of years 1 to 9999 (UTC)"),  # an OverflowError traceback
    (["--lang", ""], "--lang: empty (a variable set to nothing?); leave --lang out for all"),  # exported all
    (["--region", " , "], "--region: empty (a variable set to nothing?); leave --region out for all"),
    (["--since", "9999-12-31T23:59:59-05:00"], "of years 1 to 9999 (UTC)"),
    (["--since", "2026-01-01", "--after-id", "3"], "not both"),
    (["--state", "{state}", "--after-id", "3"], "--state keeps the cursor"),
    (["--state", "{bad_state}"], "cannot read export state"),
    (["--output", "{missing}/out.jsonl"], "nowhere/out.jsonl: its folder"),  # the file given, not its .part
])
def test_bad_requests_get_one_line(store: Path, tmp_path: Path, args: list[str], message: str) -> None:
    bad_state = tmp_path / "bad.state"
    bad_state.write_text("{not json")
    filled = [a.format(state=tmp_path / "s.state", bad_state=bad_state, missing=tmp_path / "nowhere") for a in args]
    db = sqlite_utils.Database(store)
    if "--stories-only" in args:  # a store without story tables, whatever the current migrations add
        for table in ("story_members", "stories"):
            if db[table].exists():
                db[table].drop()
    db.close()
    result = invoke_cli("export", "--db", store, *filled)
    assert result.code in (1, 2) and message in result.stderr
    assert len([line for line in result.stderr.splitlines() if line.strip()]) <= 3  # usage line + error
    assert result.stdout == ""


def test_unusable_store_or_output_gets_one_line(tmp_path: Path, store: Path) -> None:
    missing = invoke_cli("export", "--db", tmp_path / "nope.db")
    assert missing.code == 1 and "no database" in missing.stderr and "Traceback" not in missing.stderr
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"\x00garbage" * 4096)
    assert invoke_cli("export", "--db", junk).code == 1
    if Path("/dev/full").exists():
        full = invoke_cli("export", "--db", store, "--output", "/dev/full")
        assert full.code == 1 and "No space left" in full.stderr and "Traceback" not in full.stderr


def measured_export(db: Path, *args: str) -> tuple[int, int]:
    """Run `wirewatch export` in a fresh process; return its record count and peak RSS in KiB."""
    proc = subprocess.Popen([sys.executable, "-m", "crawler.cli", "export", "--db", str(db), *args], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    stderr = proc.stderr.read()
    proc.stderr.close()
    assert proc.returncode == 0, stderr
    return int(CURSOR.search(stderr.strip()).group(1)), usage.ru_maxrss


@pytest.fixture
def large_store(tmp_path: Path) -> Path:
    path = tmp_path / "large.db"
    db = storage.open_db(path)
    sources.sync(db, [{"id": "north", "name": "North", "country": "GB", "region": "uk", "languages": ["en"],
                       "homepage": "http://n.example/", "enabled": True}])
    text = "A paragraph of synthetic news text about water, energy and transport in the region. " * 3

    def rows(n: int):
        for i in range(n):
            yield {"canonical_url": f"http://n.example/news/{i}", "url": f"http://n.example/news/{i}",
                   "outlet": "north", "title": f"Synthetic article {i}", "text": text, "language": "en",
                   "content_hash": f"h{i}", "fetched": "2026-11-20T10:00:00+00:00",
                   "first_seen": "2026-11-20T10:00:00+00:00", "extraction_status": "ok"}

    with db.conn:
        db["articles"].insert_all(rows(40_000), batch_size=2000)
    db.close()
    yield path
    path.unlink()


def test_memory_does_not_grow_with_the_number_of_records(large_store: Path) -> None:
    small, small_rss = measured_export(large_store, "--after-id", "36000")
    large, large_rss = measured_export(large_store)
    assert (small, large) == (4_000, 40_000)
    # Ten times the records: holding the 36,000 more would add well over 30 MB (a row of ~300 characters
    # of text is over 1 KB as a dict of Python objects); streaming adds (almost) nothing.
    assert large_rss - small_rss < 10 * 1024, (small_rss, large_rss)


def test_readme_documents_the_record_schema() -> None:
    from crawler.cli.export import schema_markdown

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("<!-- export-schema:start -->\n", 1)[1].split("\n<!-- export-schema:end -->", 1)[0]
    assert table == schema_markdown()
    assert f"`{records.FIELDS[-1].name}`" in table


def test_state_that_cannot_be_saved_stops_before_any_record(store: Path, tmp_path: Path) -> None:
    """A --state in a missing folder: the records went to stdout, then the cursor could not be saved, so the
    next run sent them again. Now it stops first, with one line and nothing on stdout."""
    result = invoke_cli("export", "--db", store, "--state", tmp_path / "nope" / "export.state")
    assert result.code == 1
    assert result.stdout == ""
    assert result.stderr.strip() == f"Error: cannot write {tmp_path / 'nope' / 'export.state'}: its folder " \
                                    f"{tmp_path / 'nope'} does not exist"


@pytest.mark.skipif(not Path("/proc/version").is_file(), reason="needs Linux's /proc")
def test_an_output_in_a_folder_that_takes_no_new_file_is_not_called_missing(store: Path) -> None:
    """`-o /proc/version` said "its folder /proc does not exist" (#11)."""
    result = invoke_cli("export", "--db", store, "-o", "/proc/version")
    assert result.code == 1 and result.stderr.strip() == (
        "Error: cannot write /proc/version: no new file can be created in /proc (No such file or directory)")


def test_state_file_of_another_shape_is_named(store: Path, tmp_path: Path) -> None:
    state = tmp_path / "export.state"
    state.write_text('{"after_id": 3}')
    result = invoke_cli("export", "--db", store, "--state", state)
    assert result.code == 1 and result.stdout == ""
    assert "has no 'mode' field" in result.stderr


def test_records_carry_the_authors(store: Path) -> None:
    """Schema 2: the names `extract` shows and the store keeps reach downstream tools (schema 1 had none)."""
    stored = {r[0]: json.loads(r[1] or "[]") for r in sqlite3.connect(store).execute(
        "SELECT id, authors FROM articles WHERE extraction_status = 'ok'")}
    rows = jsonl(invoke_cli("export", "--db", store).stdout)
    assert {r["id"]: r["authors"] for r in rows} == stored
    assert any(stored.values())  # the sample web credits somebody
    as_csv = list(csv.DictReader(io.StringIO(invoke_cli("export", "--db", store, "--format", "csv").stdout)))
    assert {int(r["id"]): json.loads(r["authors"]) for r in as_csv} == stored


@pytest.mark.parametrize("args, option", [(["--output", "{db}"], "--output"), (["-o", "{link}"], "--output"),
                                          (["--state", "{db}"], "--state"),
                                          (["--output", "{out}", "--state", "{out}"], "--state")])
def test_output_or_state_on_the_store_or_each_other_is_refused(store: Path, tmp_path: Path, args: list[str],
                                                               option: str) -> None:
    """`export -o wirewatch.db` replaced the whole store with JSON Lines, exit 0; the same file for --output
    and --state lost the records under the cursor."""
    link = tmp_path / "link.db"
    link.symlink_to(store)
    before = store.read_bytes()
    paths = {"db": str(store), "link": str(link), "out": str(tmp_path / "o.jsonl")}
    result = invoke_cli("export", "--db", store, *[a.format(**paths) for a in args])
    assert result.code == 2 and result.stdout == ""
    assert result.stderr.startswith(f"Error: {option}: ") and len(result.stderr.strip().splitlines()) == 1
    assert store.read_bytes() == before and not (tmp_path / "o.jsonl").exists()
