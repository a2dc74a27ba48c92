"""`wirewatch demo`: crawl the bundled sample news web on 127.0.0.1, then summarise."""

from __future__ import annotations

import tempfile
from pathlib import Path

import click

import storage
from crawler import logs, runner
from crawler.cli.common import db_option, table, user_errors
from crawler.cli.dedup import summary as dedup_summary
from crawler.sampleweb.server import SampleWeb
from storage import stats as store_stats

# The sample web is on loopback: no need to be polite to ourselves.
LOCAL_OVERRIDES = {"AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0, "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
                   "DOWNLOAD_TIMEOUT": 10}


@click.command()
@db_option
@click.option("-v", "--verbose", is_flag=True, help="Log progress to stderr.")
@user_errors
def demo(db: Path, verbose: bool) -> None:
    """Serve the bundled sample news web locally, crawl it like `crawl` does, and summarise."""
    logs.configure(verbose)
    with SampleWeb() as web, tempfile.TemporaryDirectory(prefix="wirewatch-demo-") as tmp:
        sources = web.write_sources(Path(tmp) / "sources.toml")
        click.echo(f"Sample news web: {len(web.sites)} outlets ({', '.join(web.base(s) for s in web.sites)}) "
                   f"served from {web.proxy}")
        with web.proxied():
            run = runner.crawl(runner.CrawlConfig(db=db, sources=sources, overrides=LOCAL_OVERRIDES))
    click.echo(runner.summary_line(run))
    database = storage.open_readonly(db)
    click.echo()
    click.echo(table(store_stats.articles_by_outlet_and_language(database),
                     ["outlet", "region", "language", "articles", "boilerplate_removed"]))
    totals = store_stats.totals(database)
    click.echo(f"\n{totals['articles']} articles stored, {totals['boilerplate_removed']} boilerplate lines removed, "
               f"{totals['runs']} crawl runs in {db}")
    click.echo(f"\nDuplicates: {dedup_summary(database)}")
    click.echo(f"\nBrowse them:  wirewatch serve --db {db}")
