"""`wirewatch worker`: one cluster crawl worker (long-running; several per machine)."""

from __future__ import annotations

from pathlib import Path

import click

from crawler import logs
from crawler.cli.cluster import cluster_errors, redis_option
from crawler.cli.common import FilePath, log_file_option, not_the_store, parse_overrides, user_errors, verbose_option


@click.command("worker")
@redis_option
@click.option("--sources", type=FilePath(), envvar="WIREWATCH_SOURCES", show_envvar=True,
              help="Source registry (TOML), the same file on every machine. Default: sources.toml of the project.")
@click.option("--cache-db", type=FilePath(), default=Path("wirewatch-worker.db"), show_default=True,
              help="This worker's own SQLite file (translation sentence cache); never the store.")
@click.option("--until-idle", type=click.IntRange(min=0), default=0, show_default=True, metavar="SECONDS",
              help="Exit once the cluster's queues have been empty this long (0: run until stopped).")
@click.option("-s", "--set", "overrides", multiple=True, metavar="NAME=VALUE",
              help="Override a setting for this worker (repeatable), e.g. -s DOWNLOAD_DELAY=2.")
@click.option("--no-translate", is_flag=True, help="Leave translation to `wirewatch translate` on the store's host.")
@verbose_option
@log_file_option
@cluster_errors
@user_errors
def worker(redis_url: str | None, sources: Path | None, cache_db: Path, until_idle: int,
           overrides: tuple[str, ...], no_translate: bool, verbose: bool, log_file: Path | None) -> None:
    """Fetch, extract, detect language and translate what the cluster queued; publish articles to Redis.

    Stop it with SIGTERM or Ctrl-C (requests it took and did not finish are read again next cycle).
    """
    from crawler.cluster.worker import WorkerConfig, run_worker

    not_the_store("--log-file", log_file, cache_db)
    logs.configure(verbose, log_file)
    settings = parse_overrides(overrides)
    if no_translate:
        settings["WIREWATCH_TRANSLATE"] = False
    stats = run_worker(WorkerConfig(redis_url=redis_url or "", db=cache_db, sources=sources,
                                    until_idle_s=until_idle, overrides=settings))
    click.echo(f"wirewatch: worker finished ({stats.get('finish_reason', 'unknown')}): "
               f"{stats.get('wirewatch/articles_fetched', 0)} articles fetched, "
               f"{stats.get('wirewatch/published', 0)} published")
