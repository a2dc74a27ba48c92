"""`wirewatch crawl`: crawl every configured source once, process, store."""

from __future__ import annotations

from pathlib import Path

import click

from crawler import logs
from crawler.cli.common import (FilePath, db_option, log_file_option, not_the_store, option_setting, parse_overrides,
                                 user_errors)
from crawler.lock import CrawlLocked


@click.command()
@click.option("--sources", type=FilePath(), envvar="WIREWATCH_SOURCES", show_envvar=True,
              help="Source registry (TOML). Default: sources.toml of the project.")
@db_option
@click.option("-s", "--set", "overrides", multiple=True, metavar="NAME=VALUE",
              help="Override a setting for this run (repeatable), e.g. -s DOWNLOAD_DELAY=2.")
@click.option("-v", "--verbose", count=True,
              help="-v: Wirewatch's progress on stderr (documents read, articles stored, failures; a progress "
                   "line on a terminal); -vv: also Scrapy's own log. Default: errors only.")
@log_file_option
@click.option("--refresh", is_flag=True,
              help="Fetch articles already stored again and read feeds in full (ignore ETag/Last-Modified).")
@click.option("--no-translate", is_flag=True,
              help="Store articles in other languages untranslated (pending) for `wirewatch translate`.")
@user_errors
def crawl(sources: Path | None, db: Path, overrides: tuple[str, ...], verbose: int, log_file: Path | None,
          refresh: bool, no_translate: bool) -> None:
    """Crawl every enabled source once, process and store the articles.

    Exit status 0 when the run completed (failed pages are counted, not fatal), when Ctrl-C
    interrupted it (the run, if one started, is recorded `interrupted`), or when another
    crawl is already running on the same database (nothing is done), 1 when it could not run at
    all (bad registry, unusable database), 2 on a usage error.
    """
    try:
        from crawler import runner  # imports Scrapy: only when a crawl runs
        from crawler.sources import load as load_sources
        from crawler.sources import registry_path

        settings = parse_overrides(overrides)
        db = option_setting(settings, "WIREWATCH_DB", "db", db)
        not_the_store("--log-file", log_file, db)
        logs.configure(verbose, log_file)
        sources = option_setting(settings, "WIREWATCH_SOURCES", "sources", sources)
        if refresh:
            settings["WIREWATCH_REFRESH"] = True
        if no_translate:
            settings["WIREWATCH_TRANSLATE"] = False
        config = runner.CrawlConfig(db=db, sources=sources, overrides=settings)
        registry = registry_path(sources)
        if not any(source.enabled for source in load_sources(registry)):  # a run of nothing looks like a quiet day
            click.echo(f"wirewatch: warning: no outlet of {registry} is enabled: nothing will be crawled "
                       "(set `enabled = true` on those to crawl)", err=True)
        note = runner.keep_translation_target(config)  # runner.crawl checks the registry and store
        if note:
            click.echo(f"wirewatch: {note}", err=True)
        run = runner.crawl(config)
    except CrawlLocked as exc:
        click.echo(f"wirewatch: {exc}; nothing to do")
        return
    except KeyboardInterrupt:  # Ctrl-C before the crawl recorded a run (once it has, the run says so)
        click.echo("wirewatch: interrupted before the crawl started a run; nothing was crawled or recorded")
        return
    if verbose:
        runner.log_outlet_summary(db, run["id"])
    click.echo(runner.summary_line(run))
