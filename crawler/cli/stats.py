"""`wirewatch stats`: counts per outlet, language and run."""

from __future__ import annotations

import json
from pathlib import Path

import click

from crawler.cli.common import CountRange, db_option, open_store, table, user_errors
from storage import stats as store_stats


@click.command()
@db_option
@click.option("--runs", "run_limit", default=10, show_default=True, type=CountRange(min=1), help="How many recent runs to list.")
@user_errors
def stats(db: Path, run_limit: int) -> None:
    """Counts of stored articles per outlet and language, and recent crawl runs."""
    database = open_store(db)
    totals = store_stats.totals(database)
    click.echo(f"{totals['articles']} articles from {totals['sources']} sources in {totals['runs']} runs "
               f"({totals['boilerplate_removed']} boilerplate lines removed)\n")
    click.echo(table(store_stats.articles_by_outlet_and_language(database),
                     ["outlet", "region", "language", "articles"]))
    click.echo()
    click.echo(table(store_stats.articles_by_language(database), ["language", "articles"]))
    click.echo()
    runs = store_stats.recent_runs(database, run_limit)
    for run in runs:
        run["failures"] = ", ".join(f"{k} {v}" for k, v in json.loads(run["failures"] or "{}").items())
    worker = ["worker"] if any(run["worker"] for run in runs) else []  # cluster runs only (README, "Cluster mode")
    click.echo(table(runs, ["id", "started", "status", *worker, "fetched", "new", "updated", "unchanged", "failed",
                            "failures"]))
