"""`wirewatch cluster schedule|status`: the cluster's cron job and its dashboard (crawler.cluster)."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, Callable, TypeVar

import click
import redis

import settings
from crawler import logs
from crawler.cli.common import FilePath, db_option, table, user_errors, verbose_option
from crawler.cluster.connection import ClusterError, connect, first_line, safe_url

F = TypeVar("F", bound=Callable[..., Any])



class RedisUrl(click.ParamType):
    """``--redis``: a URL with one of the schemes WIREWATCH_REDIS_URL's declaration accepts (a bad one: exit 2)."""

    name = "url"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from crawler.overrides import problem

        right = problem("WIREWATCH_REDIS_URL", str(value))
        if right is not None:
            self.fail(f"expected {right.removeprefix('empty or ')} (e.g. redis://HOST:6379/0), "
                      f"not {safe_url(str(value))!r}", param, ctx)
        return str(value)


redis_option = click.option(
    "--redis", "redis_url", type=RedisUrl(), default=settings.WIREWATCH_REDIS_URL or None,
    envvar="WIREWATCH_REDIS_URL", show_envvar=True, metavar="URL",
    help="Redis of the cluster, e.g. redis://127.0.0.1:6379/0 (also rediss:// or unix://).")


def cluster_errors(func: F) -> F:
    """Redis problems as one line (the named ones, and a connection lost for good)."""
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ClusterError as exc:
            raise click.ClickException(str(exc)) from None
        except (redis.ConnectionError, redis.TimeoutError) as exc:
            raise click.ClickException(f"lost Redis and could not reconnect ({first_line(exc)})") from None
    return wrapper  # type: ignore[return-value]


@click.group("cluster")
def cluster_group() -> None:
    """Cluster mode: many workers, one Redis, one SQLite writer (see README, "Cluster mode")."""


@cluster_group.command("schedule")
@redis_option
@click.option("--sources", type=FilePath(), envvar="WIREWATCH_SOURCES", show_envvar=True,
              help="Source registry (TOML). Default: sources.toml of the project.")
@db_option
@verbose_option
@cluster_errors
@user_errors
def schedule_command(redis_url: str | None, sources: Path | None, db: Path, verbose: bool) -> None:
    """Queue one crawl cycle: every enabled outlet's feeds, sitemaps and section pages (run from cron).

    Seeds Redis from the store (--db) first when Redis does not know it yet.
    """
    from crawler.cluster.schedule import schedule

    logs.configure(verbose)
    done = schedule(connect(redis_url or ""), sources, db)
    if done.replaced:
        click.echo(f"wirewatch: warning: Redis had been seeded from another store ({done.replaced}); its known URLs "
                   f"were forgotten and {done.seeded} loaded from {db}", err=True)
    seeded = f"; {done.seeded} known URLs loaded from {db}" if done.seeded is not None else ""
    click.echo(f"wirewatch: cycle {done.cycle}: {done.queued} discovery documents queued for {done.outlets} "
               f"outlets ({done.already_queued} still queued from before){seeded}")


@cluster_group.command("status")
@redis_option
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@cluster_errors
def status_command(redis_url: str | None, as_json: bool) -> None:
    """Queue lengths, deliveries in flight and pending, workers seen in the last minute, ingest lag."""
    import dataclasses
    import json

    from crawler.cluster.status import status

    now = status(connect(redis_url or "", retries=False))
    if as_json:
        click.echo(json.dumps({**dataclasses.asdict(now), "in_flight": now.in_flight}, indent=2))
        return
    click.echo(f"cycle {now.cycle}: {now.discovery_queued} discovery documents and {now.requests_queued} requests "
               f"queued, {now.in_flight} requests in flight on {len(now.workers)} workers")
    click.echo(f"stream: {now.undelivered} articles waiting for the ingester, {now.pending} delivered and not yet "
               f"acknowledged, ingest lag {now.lag_s:g} s; {now.known} known URLs")
    if now.workers:
        click.echo()
        click.echo(table(now.workers, ["worker", "age_s", "in_flight", "articles_fetched", "published", "run"]))
