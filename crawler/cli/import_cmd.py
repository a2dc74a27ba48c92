"""`wirewatch import FILE.jsonl`: pre-extracted articles into the store, through the crawl's processing."""

from __future__ import annotations

import logging
from pathlib import Path

import click

import storage
from crawler import logs
from crawler.cli.common import FilePath, db_option, user_errors, verbose_option
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils

    from crawler.importer import ImportReport

logger = logging.getLogger(__name__)


@click.command("import")
@click.argument("file", type=FilePath())
@db_option
@click.option("--no-dedup", is_flag=True, help="Store only; cluster later with `wirewatch dedup`.")
@verbose_option
@user_errors
def import_command(file: Path, db: Path, no_dedup: bool, verbose: bool) -> None:
    """Import articles from a JSON Lines file (`-`: standard input): one object a line with url, outlet and
    text, and optionally title, published and language (detected when missing).

    Bad lines are skipped with a one-line error each (line number and reason) and counted; exit
    status 0 when the file was read, 1 when it could not be, when it had lines and none could be imported
    (the wrong file: a binary, another format), or when the database is unusable.
    """
    from crawler.importer import Importer, check_input

    logs.configure(verbose)
    check_input(file)  # a mistyped file name creates no store
    existed = db.exists()
    database = storage.open_db(db)
    importer = Importer(database, dedup=not no_dedup)

    def progress(report: ImportReport) -> None:
        logger.info("import: %d lines read, %d stored", report.lines, report.imported)

    try:
        report = importer.run(file, progress)
    except KeyboardInterrupt:  # batches stored so far stay (each is one transaction); say how far it got
        done = importer.report
        removed = _discard_new_store(database, db, existed) if not done.imported else ""
        raise click.ClickException(
            f"import of {file} interrupted after {done.lines} lines: {done.imported} stored ({done.new} new, "
            f"{done.updated} updated, {done.unchanged} unchanged), the batch in progress not{removed}; run the "
            "same command again to import the rest (stored lines come back unchanged)") from None
    for message in report.errors:
        click.echo(f"wirewatch: import {file}: {message}", err=True)
    hidden = sum(report.rejected.values()) - len(report.errors)
    if hidden > 0:
        click.echo(f"wirewatch: import {file}: {hidden} more rejected lines (see -v)", err=True)
    click.echo(report.summary(file))
    if report.outlets_created:
        shown = ", ".join(report.outlets_created[:10]) + (" ..." if len(report.outlets_created) > 10 else "")
        click.echo(f"{len(report.outlets_created)} outlets not in the store were added as minimal sources "
                   f"(not crawled; region other unless their lines gave one): {shown}")
    if not no_dedup and report.imported:
        click.echo(f"dedup: {report.dedup.summary()}")
    if report.lines and not report.imported:  # from cron, a wrong file must not pass for a quiet day
        from crawler.importer import ImportFileError

        removed = _discard_new_store(database, db, existed)
        raise ImportFileError(f"nothing imported from {file}: all {report.lines} lines were rejected{removed}; is it "
                              "a JSON Lines file of articles (one object a line with url, outlet and text)?")


def _discard_new_store(database: sqlite_utils.Database, db: Path, existed: bool) -> str:
    """Close ``database`` and remove it when this run created it (``existed`` false) and stored nothing in
    it: a wrong file or an early Ctrl-C leaves no empty store behind. Returns the words to add to the
    message (" (the new store PATH was removed)"), "" when the store stays."""
    if existed:
        return ""
    database.conn.close()
    storage.remove_db(db)
    return f" (the new store {db} was removed)"
