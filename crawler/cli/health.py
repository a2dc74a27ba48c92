"""`wirewatch health`: per outlet, last success, recent articles, error rate, silent/failing flags."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from crawler.cli.common import CountRange, FiniteFloatRange, db_option, open_store, table, user_errors
from crawler.health import HealthOptions, assess, stale_run
from storage import health as store_health

FLAGGED_EXIT = 3


@click.command()
@db_option
@click.option("--runs", "runs", default=HealthOptions.runs, show_default=True, type=CountRange(min=1),
              help="Window of recent runs for articles and error rate.")
@click.option("--silent-factor", default=HealthOptions.silent_factor, show_default=True,
              type=FiniteFloatRange(min=0, min_open=True),
              help="Silent after this many usual intervals without a new article (more than 0).")
@click.option("--min-silent-hours", default=HealthOptions.min_silent_hours, show_default=True,
              type=FiniteFloatRange(min=0), help="Never flag an outlet silent sooner than this.")
@click.option("--max-error-rate", default=HealthOptions.max_error_rate, show_default=True,
              type=FiniteFloatRange(0, 1),
              help="Failing above this fraction (0 to 1; 0.5 is half) of failed requests over the window.")
@click.option("--stale-hours", default=HealthOptions.stale_hours, show_default=True,
              type=FiniteFloatRange(min=0, min_open=True), help="Flag the store when its latest crawl run started longer ago than this, or ended timed_out.")
@click.option("--check", is_flag=True, help=f"Exit {FLAGGED_EXIT} when any enabled outlet is flagged (for monitoring).")
@user_errors
def health(db: Path, runs: int, silent_factor: float, min_silent_hours: float, max_error_rate: float,
           stale_hours: float, check: bool) -> None:
    """Health of each outlet over recent crawl runs: silent or failing outlets are flagged.

    Exit status 0, or with --check 3 when an enabled outlet is flagged, the store is stale or nothing was
    ever crawled (a store filled only by `wirewatch import`); 1 when the store cannot be read.
    """
    options = HealthOptions(runs=runs, silent_factor=silent_factor, min_silent_hours=min_silent_hours,
                            max_error_rate=max_error_rate, stale_hours=stale_hours)
    database = open_store(db)
    store_health.require_run_sources(database)
    latest = store_health.recent_runs(database, 1)
    report = assess(store_health.outlets(database), store_health.run_sources(database, options.history),
                    store_health.last_success(database), options)
    stale = stale_run(latest[0] if latest else None, options)
    if latest:
        click.echo(f"Latest crawl run {latest[0]['id']}: {latest[0]['started']} ({latest[0]['status']})"
                   + (f"\nFLAG {stale}" if stale else "") + "\n")
    else:
        click.echo("No crawl runs yet." + ("\nFLAG nothing was ever crawled" if check else "") + "\n")
    click.echo(table([{
        "outlet": h.outlet, "enabled": "yes" if h.enabled else "no", "last_success": h.last_success or "never",
        "runs": h.runs, "articles": h.articles, "error_rate": f"{h.error_rate:.0%}",
        "usual_every": f"{h.usual_hours:.1f} h" if h.usual_hours is not None else "-",
        "flags": "; ".join(h.flags) or "ok",
    } for h in report], ["outlet", "enabled", "last_success", "runs", "articles", "error_rate", "usual_every", "flags"]))
    flagged = [h.outlet for h in report if h.flagged]
    click.echo(f"\n{len(flagged)} of {sum(h.enabled for h in report)} enabled outlets flagged"
               + (f": {', '.join(flagged)}" if flagged else "."))
    if check and (flagged or not report or stale or not latest):
        sys.exit(FLAGGED_EXIT)
