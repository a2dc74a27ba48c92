"""Writing exports: JSON Lines or CSV records to a file or stdout, and the cron state file.

The rows come from :mod:`storage.export` one batch at a time; each record is written as soon as it
is read, so an export of any size runs in constant memory. A file output is written beside its
target and renamed into place when complete; the state file is updated only after that.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, IO, Iterable

import sqlite_utils

from crawler import userfiles
from storage import export as store_export
from storage import records

logger = logging.getLogger(__name__)

FORMATS = ("jsonl", "csv")
STATE_VERSION = 1
MAX_CURSOR = 2 ** 63 - 1  # the largest SQLite integer (a record id)
MAX_STATE_BYTES = 1024 * 1024  # a state file is a few hundred bytes: a larger one is the wrong file


class ExportError(Exception):
    """An export cannot write its output or its state file."""


class ExportStateError(ExportError):
    """The --state file cannot be read, or was written for another kind of export."""


@dataclass(frozen=True)
class ExportResult:
    records: int
    cursor: int
    mode: str


def parse_since(text: str) -> str:
    """An ISO 8601 date or time as the store's UTC form (naive times are taken as UTC); ValueError for one
    that is not, or whose UTC time falls outside years 1-9999 (``0001-01-01T00:00+05:00`` raised
    OverflowError, a traceback from `export --since` and `watch hits --since`)."""
    moment = datetime.fromisoformat(text.strip())
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    try:
        return moment.astimezone(timezone.utc).isoformat(timespec="seconds")
    except OverflowError:
        raise ValueError(f"{text!r} in UTC is outside years 1 to 9999") from None


def mode_of(query: store_export.ExportQuery) -> str:
    return "stories" if query.stories_only else "articles"


_JSON_KINDS = {list: "array", str: "string", int: "number", float: "number", bool: "boolean", type(None): "null"}


def read_state(path: Path, mode: str) -> int | None:
    """The cursor a previous export left in ``path``, or None when there is no state yet. Raises
    :class:`ExportStateError` (one line naming the file and what is wrong) for a file that is not such a state:
    not JSON, not an object, a field missing, or a cursor that is not a whole number (``1e999`` was an
    OverflowError traceback, ``1.5`` was read as 1)."""
    if not path.exists():
        return None
    not_ours = "not a file `wirewatch export --state` wrote? fix or delete it"
    try:
        state = json.loads(userfiles.read_text(path, limit=MAX_STATE_BYTES))
    except ValueError as exc:  # json.JSONDecodeError; an empty file too
        raise ExportStateError(f"cannot read export state {path}: not JSON ({exc}; {not_ours})") from None
    except (OSError, userfiles.UnreadableFile) as exc:
        raise ExportStateError(f"cannot read export state {path}: {exc}") from None
    if not isinstance(state, dict):
        raise ExportStateError(f"cannot read export state {path}: a JSON {_JSON_KINDS.get(type(state), 'value')}, not an object "
                               f"({not_ours})")
    for name in ("after_id", "mode"):
        if name not in state:
            raise ExportStateError(f"cannot read export state {path}: it has no {name!r} field ({not_ours})")
    after_id, saved_mode = state["after_id"], state["mode"]
    if type(after_id) is not int:  # bool is an int subclass, and no cursor
        raise ExportStateError(f"export state {path} has cursor {after_id!r}, not a whole number; fix or delete "
                               "the file")
    if not 0 <= after_id <= MAX_CURSOR:
        raise ExportStateError(f"export state {path} has cursor {after_id}, outside 0..{MAX_CURSOR}; "
                               "fix or delete the file")
    if saved_mode != mode:
        raise ExportStateError(f"export state {path} is for {saved_mode} exports, not {mode}; use another --state file")
    return after_id


def check_state_writable(path: Path) -> None:
    """Raise :class:`ExportError` when the state file ``path`` could not be written after the export (its folder
    missing or read-only): checked before any record is written, since records sent to stdout without their
    cursor saved would be sent again by the next run."""
    part = path.with_name(path.name + ".part")
    try:
        _opened(part, path).close()
    finally:
        if part.exists():
            part.unlink()


def write_state(path: Path, result: ExportResult, query: store_export.ExportQuery) -> None:
    state = {"state_version": STATE_VERSION, "schema_version": records.SCHEMA_VERSION, "mode": result.mode,
             "after_id": result.cursor, "records": result.records,
             "exported_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
             "languages": list(query.languages), "regions": list(query.regions)}
    _replace_with(path, lambda out: out.write(json.dumps(state, indent=2) + "\n"))


def write_records(rows: Iterable[dict[str, Any]], out: IO[str], fmt: str, bom: bool = False) -> int:
    """Write each record as it comes; return how many were written. ``bom``: begin with a UTF-8 byte-order
    mark (U+FEFF), the one sign Excel takes that a CSV file is UTF-8 (without it, it reads the system's
    legacy code page, and Arabic turns to mojibake); CSV only (JSON forbids it: RFC 8259, section 8.1)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    if bom and fmt != "csv":
        raise ValueError("a byte-order mark is for CSV only")
    if bom:
        out.write("\ufeff")
    count = 0
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps({name: row[name] for name in records.NAMES}, ensure_ascii=False) + "\n")
            count += 1
        return count
    writer = csv.writer(out)
    writer.writerow(records.NAMES)
    for row in rows:
        writer.writerow([_csv_value(row[name]) for name in records.NAMES])
        count += 1
    return count


def export(db: sqlite_utils.Database, query: store_export.ExportQuery, fmt: str, output: Path | None,
           stdout: IO[bytes], bom: bool = False) -> ExportResult:
    """Run one export to ``output`` (or ``stdout``, a binary stream) and return its count and cursor;
    ``bom``: see :func:`write_records`."""
    plan = store_export.plan(db, query)
    rows = store_export.iter_records(db, plan)
    if output is None or (output.exists() and not output.is_file()):  # stdout, or a device such as /dev/null
        try:
            count = _write_stream(rows, fmt, stdout, output, bom)
        except BrokenPipeError:
            raise  # the reader went away (`| head`): Click exits quietly
        except OSError as exc:
            raise ExportError(f"cannot write the export to {output or 'stdout'}: {exc.strerror or exc}") from None
    else:
        counted: list[int] = []
        _replace_with(output, lambda out: counted.append(write_records(rows, out, fmt, bom)))
        count = counted[0]
    logger.info("exported %d %s records up to id %d", count, mode_of(query), plan.cursor)
    return ExportResult(count, plan.cursor, mode_of(query))


def _write_stream(rows: Iterable[dict[str, Any]], fmt: str, stdout: IO[bytes], output: Path | None,
                  bom: bool) -> int:
    if output is not None:
        with open(output, "w", encoding="utf-8", newline="") as out:
            return write_records(rows, out, fmt, bom)
    text = io.TextIOWrapper(stdout, encoding="utf-8", newline="", write_through=False)
    try:
        count = write_records(rows, text, fmt, bom)
        text.flush()
    finally:
        text.detach()
    return count


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return value


def _opened(path: Path, shown: Path) -> IO[str]:
    """``path`` opened for writing; an :class:`ExportError` naming ``shown`` (the file the user gave) when it cannot be."""
    try:
        return open(path, "w", encoding="utf-8", newline="")
    except OSError as exc:
        reason = exc.strerror or str(exc)
        if isinstance(exc, FileNotFoundError):  # /proc/version: the folder is there but takes no new file
            reason = f"its folder {shown.parent} does not exist" if not shown.parent.is_dir() else \
                f"no new file can be created in {shown.parent} ({reason})"
        raise ExportError(f"cannot write {shown}: {reason}") from None


def _replace_with(path: Path, write: Callable[[IO[str]], Any]) -> None:
    """Write a file beside ``path`` and rename it into place, so readers never see half of it."""
    part = path.with_name(path.name + ".part")
    try:
        with _opened(part, path) as out:
            write(out)
        os.replace(part, path)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        if part.exists():
            part.unlink()
