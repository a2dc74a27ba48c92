"""`wirewatch dedup`: cluster the stored articles into stories (new ones, or all again with --all)."""

from __future__ import annotations

import logging
from pathlib import Path

import click
import sqlite_utils

import storage
from crawler import logs
from crawler.cli.common import CountRange, db_option, table, user_errors, verbose_option
from storage import dedup as store_dedup

logger = logging.getLogger(__name__)


@click.command()
@db_option
@click.option("--all", "rebuild", is_flag=True,
              help="Forget every story and signature and cluster all articles again.")
@click.option("--show", default=10, show_default=True, type=CountRange(min=0), help="How many shared stories to list.")
@verbose_option
@user_errors
def dedup(db: Path, rebuild: bool, show: int, verbose: bool) -> None:
    """Group near-duplicate articles into stories and link related coverage and translations.

    Without --all only articles not clustered yet (new, changed, or translated since) are compared with
    everything stored; the crawl does the same for each article it stores.
    """
    logs.configure(verbose)
    from crawler.clustering import Clusterer

    database = storage.open_db(db, create=False)
    clusterer = Clusterer(database)

    def progress(done: int, total: int) -> None:
        logger.info("dedup: %d of %d articles", done, total)

    report = clusterer.rebuild(progress) if rebuild else clusterer.cluster(progress=progress)
    click.echo(f"wirewatch: dedup{' --all' if rebuild else ''}: {report.summary()}")
    click.echo(summary(database, show))


def summary(database: sqlite_utils.Database, show: int = 10) -> str:
    """Stories in the store, and the ones carried by more than one outlet (also the demo's)."""
    totals = store_dedup.totals(database)
    lines = [f"{totals['stories']} stories; {totals['multi_outlet_stories']} carried by more than one outlet, "
             f"{totals['multi_article_stories']} with more than one article "
             f"({totals['articles_in_multi_article_stories']} articles); "
             f"{totals['related']} related and {totals['translations']} translation-of links"]
    shared = store_dedup.shared_stories(database, show)
    if shared:
        lines += ["", table(shared, ["story", "outlets", "articles", "carried_by", "title"])]
    return "\n".join(lines)
