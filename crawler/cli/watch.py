"""`wirewatch watch`: saved searches that record every new matching article (storage.watches)."""

from __future__ import annotations

import json
from contextlib import closing
from pathlib import Path

import click

import storage
from crawler.cli.common import BadValue, db_option, language_code, open_store, require_known, table, user_errors
from storage import watches

FORMATS = ("table", "jsonl")
NO_WATCHES = "no watches yet: add one with `wirewatch watch add NAME QUERY`"


@click.group("watch")
def watch_group() -> None:
    """Saved searches: each crawl (and `watch run`) records the new articles they match.

    `add` may create the store (watches can be set up before the first crawl); the other
    subcommands need an existing one (`no database at PATH` otherwise)."""


@watch_group.command("add")
@click.argument("name")
@click.argument("query")
@click.option("--lang", "language", callback=language_code,
              help="Only articles in this language (ISO 639-1 code, e.g. ar).")
@click.option("--region", help="Only articles from outlets of this region (uk, gulf, other).")
@click.option("--outlet", help="Only articles from this outlet (its id in the registry).")
@db_option
@user_errors
def add(name: str, query: str, language: str | None, region: str | None, outlet: str | None, db: Path) -> None:
    """Add the watch NAME for QUERY (search syntax: words, "a phrase", prefix*), matched against the
    original and the English text."""
    from crawler.sources import REGIONS
    from storage import search

    if not name.strip():  # usage errors, before a store is created for nothing
        raise BadValue("a watch needs a name", "NAME")
    if not search.parse(query):
        raise BadValue(f"{query!r} has no words to search for", "QUERY")
    for option, value in (("--region", region), ("--outlet", outlet)):
        if value is not None and not value.strip():  # `--outlet "$OUTLET"` unset: a watch of every outlet
            raise BadValue(f"empty (a variable set to nothing?); leave {option} out for all, or name one", option)
    require_known("--region", [region] if region else [], REGIONS)
    with closing(storage.open_db(db)) as database:  # watches may be set up before the first crawl
        outlets = [row["id"] for row in database["sources"].rows]
        if outlets:  # a new store knows no outlets yet: the first crawl brings the registry's
            require_known("--outlet", [outlet] if outlet else [], outlets)
        watch = watches.add(database, watches.Watch(name=name, query=query, language=language or None,
                                                    region=region or None, outlet=outlet or None))
        found = watches.run(database).get(watch.name, 0)
    click.echo(f"watch {watch.name} added; {found} stored articles match it already")


@watch_group.command("list")
@db_option
@user_errors
def list_command(db: Path) -> None:
    """Every watch with its query, filters and hit count."""
    with closing(open_store(db)) as database:  # read-only: works on a copy in a folder this user cannot write
        rows = watches.all_watches(database) if "watches" in database.table_names() else []
    if not rows:
        click.echo(NO_WATCHES)
        return
    click.echo(table(rows, ["name", "query", "language", "region", "outlet", "hits", "latest_hit"]))


@watch_group.command("remove")
@click.argument("name")
@db_option
@user_errors
def remove(name: str, db: Path) -> None:
    """Remove the watch NAME and its recorded hits."""
    with closing(storage.open_db(db, create=False)) as database:
        hits = watches.remove(database, name)
    click.echo(f"watch {name} removed with its {hits} hits")


@watch_group.command("run")
@db_option
@user_errors
def run(db: Path) -> None:
    """Record new matches of every watch now (crawls do it themselves; run it after `import` or
    `translate`)."""
    with closing(storage.open_db(db, create=False)) as database:
        found = watches.run(database)
    if not found:
        click.echo(NO_WATCHES)
    for name, count in found.items():
        click.echo(f"{name}: {count} new hits")


@watch_group.command("hits")
@click.argument("name")
@click.option("--since", callback=lambda ctx, param, value: _since(value),
              help="Only hits recorded at or after this time (ISO 8601, e.g. 2026-11-30 or 2026-11-30T08:00Z).")
@click.option("--format", "format_", type=click.Choice(FORMATS), default="table", show_default=True,
              help="table for people, jsonl (one JSON object a line) for tools.")
@db_option
@user_errors
def hits(name: str, since: str | None, format_: str, db: Path) -> None:
    """The articles watch NAME matched, oldest first."""
    with closing(open_store(db)) as database:
        if "watches" not in database.table_names():
            raise click.ClickException(f"no watch named {name!r} (no watches yet)")
        rows = watches.hits(database, name, since=since)
    if format_ == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    click.echo(table(rows, ["matched", "article_id", "outlet", "language", "published", "title"]))


def _since(value: str | None) -> str | None:
    """``--since`` as the UTC ISO 8601 form watch_hits stores; a bad time is a one-line usage error."""
    if value is None:
        return None
    from crawler.export import parse_since  # one reading of --since for export and watch hits

    try:
        return parse_since(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not an ISO 8601 time of years 1 to 9999 (UTC); try 2026-11-30 or "
                                 "2026-11-30T08:00:00Z",
                                 param_hint="--since") from None
