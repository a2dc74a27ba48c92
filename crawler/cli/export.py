"""`wirewatch export`: stream article (or story) records as JSON Lines or CSV, with a cursor for cron."""

from __future__ import annotations

from pathlib import Path

import click

from crawler import export as exporter
from crawler.cli.common import (BadValue, FilePath, db_option, not_the_store, open_store, require_known, same_file,
                                 user_errors)
from storage import export as store_export
from storage import records
from storage.export import ExportQuery


def split_values(values: tuple[str, ...], option: str) -> tuple[str, ...]:
    """Repeated options and comma-separated lists both work: --lang ar --lang en, --lang ar,en. An option given
    only empty (``--lang "$LANGS"`` with the variable unset) is a usage error: it exported every language."""
    found = tuple(v.strip() for value in values for v in value.split(",") if v.strip())
    if values and not found:
        raise BadValue(f"empty (a variable set to nothing?); leave {option} out for all, or name one", option)
    return found


def _check_distinct(db: Path, output: Path | None, state: Path | None) -> None:
    """A usage error (exit 2) when ``--output`` or ``--state`` is the store (:func:`not_the_store`), or the two are
    one file: the export replaced the whole store with JSON Lines (`-o wirewatch.db`), or its state file the
    records."""
    not_the_store("--output", output, db)
    not_the_store("--state", state, db)
    if output is not None and state is not None and same_file(output, state):
        raise BadValue(f"{output} is also the --output file; the cursor needs a file of its own", "--state")


def schema_markdown() -> str:
    lines = [f"Record schema version {records.SCHEMA_VERSION}.", "",
             "| Field | Type | Meaning |", "| --- | --- | --- |"]
    lines += [f"| `{f.name}` | {f.type} | {f.description} |" for f in records.FIELDS]
    return "\n".join(lines)


@click.command("export")
@db_option
@click.option("--since", metavar="ISO", help="Only articles first seen at or after this time (ISO 8601; UTC if no "
                                             "offset). With --state, only where the state file has no cursor yet.")
@click.option("--after-id", type=click.IntRange(min=0, max=exporter.MAX_CURSOR), metavar="N",
              help="Only records with an id above N (the cursor a previous export printed).")
@click.option("--format", "fmt", type=click.Choice(exporter.FORMATS), default="jsonl", show_default=True,
              help="JSON Lines (one object a line) or CSV (a header row, then one row a record).")
@click.option("--bom", is_flag=True, help="CSV for Excel: begin with a UTF-8 byte-order mark, so Excel reads "
                                          "Arabic as Arabic (not for JSON Lines).")
@click.option("--lang", "languages", multiple=True, metavar="CODE",
              help="Only these original languages (repeat, or comma-separate: --lang ar,en).")
@click.option("--region", "regions", multiple=True, metavar="REGION", help="Only outlets of these regions "
                                                                           "(uk, gulf, other; repeatable).")
@click.option("--stories-only", is_flag=True, help="One record per story: its canonical article, with the outlets "
                                                   "carrying it. The cursor is then a story id.")
@click.option("--output", "-o", type=FilePath(dir_okay=False),
              help="Write here (replaced when complete) instead of stdout (`-`: stdout).")
@click.option("--state", type=FilePath(dir_okay=False),
              help="Cursor file: read the cursor from it (when it exists) and save the new one after the export.")
@click.option("--schema", "show_schema", is_flag=True, help="Print the record schema (Markdown) and exit.")
@user_errors
def export_command(db: Path, since: str | None, after_id: int | None, fmt: str, bom: bool, languages: tuple[str, ...],
                   regions: tuple[str, ...], stories_only: bool, output: Path | None, state: Path | None,
                   show_schema: bool) -> None:
    """Stream the store's cleaned articles in id order, for downstream tools.

    Memory stays constant whatever the number of records. At the end one line on stderr gives
    the number of records and the cursor: pass it as --after-id next time (or use --state FILE)
    to get only what is new.
    """
    if show_schema:
        click.echo(schema_markdown())
        return
    if output is not None and str(output) == "-":  # standard output, as for most command-line tools
        output = None
    if since is not None and after_id is not None:
        raise click.UsageError("use --since or --after-id, not both")
    if bom and fmt != "csv":
        raise BadValue("a byte-order mark is for --format csv only (JSON Lines must not begin with one)", "--bom")
    if state is not None and after_id is not None:
        raise click.UsageError("--state keeps the cursor itself; do not also give --after-id")
    _check_distinct(db, output, state)
    since_utc = None
    if since is not None:
        try:
            since_utc = exporter.parse_since(since)
        except ValueError:
            raise click.BadParameter(f"not an ISO 8601 date or time of years 1 to 9999 (UTC): {since!r}",
                                     param_hint="--since") from None
    query = ExportQuery(after_id=after_id or 0, since=since_utc, languages=split_values(languages, "--lang"),
                        regions=split_values(regions, "--region"), stories_only=stories_only)
    from crawler.sources import REGIONS

    require_known("--region", query.regions, REGIONS)
    if state is not None:
        exporter.check_state_writable(state)
        saved = exporter.read_state(state, exporter.mode_of(query))
        if saved is not None:
            query = ExportQuery(after_id=saved, languages=query.languages, regions=query.regions,
                                stories_only=stories_only)
    database = open_store(db)
    try:
        require_known("--lang", query.languages, store_export.known_languages(database))
        result = exporter.export(database, query, fmt, output, click.open_file("-", "wb"), bom)
    finally:
        database.close()
    if state is not None:
        exporter.write_state(state, result, query)
    noun = "stories" if stories_only else "articles"
    click.echo(f"wirewatch: exported {result.records} {noun} (record schema {records.SCHEMA_VERSION}); "
               f"next: --after-id {result.cursor}", err=True)
