"""`wirewatch ingest`: the cluster's one SQLite writer, beside the store."""

from __future__ import annotations

import os
import signal
import socket
from pathlib import Path

import click

import settings
from crawler import logs
from crawler.cli.cluster import cluster_errors, redis_option
from crawler.cli.common import FiniteFloatRange, db_option, log_file_option, not_the_store, user_errors, verbose_option


# Largest --batch-size: a batch is read from Redis and held in memory whole, and a bigger COUNT was refused
# by Redis mid-run with a traceback ("COUNT must be > 0" for 2**63-1, "out of range" above it).
MAX_BATCH_SIZE = 10_000


@click.command("ingest")
@redis_option
@db_option
@click.option("--batch-size", type=click.IntRange(min=1, max=MAX_BATCH_SIZE), default=200, show_default=True,
              help=f"Stream entries committed in one transaction (at most {MAX_BATCH_SIZE:,}: one batch is read "
                   "and held in memory at once).")
@click.option("--until-idle", type=FiniteFloatRange(min=0), default=None, metavar="SECONDS",
              help="Exit once nothing arrived for this long and nothing is pending (default: run until stopped).")
@click.option("--consumer", default=None, help="Consumer name in the group (default: HOST:PID).")
@verbose_option
@log_file_option
@cluster_errors
@user_errors
def ingest(redis_url: str | None, db: Path, batch_size: int, until_idle: float | None, consumer: str | None,
           verbose: bool, log_file: Path | None) -> None:
    """Store what the workers publish: upsert in batches, cluster stories, acknowledge after commit.

    Stop it with SIGTERM or Ctrl-C: the batch in hand is finished first.
    """
    from crawler.cluster.connection import connect
    from crawler.cluster.ingest import IngestOptions, Ingester

    not_the_store("--log-file", log_file, db)
    logs.configure(verbose, log_file)
    stopping: list[int] = []
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda number, frame: stopping.append(number))
    options = IngestOptions(batch_size=batch_size, until_idle_s=until_idle, dedup=settings.WIREWATCH_DEDUP)
    ingester = Ingester(connect(redis_url or ""), db, consumer or f"{socket.gethostname()}:{os.getpid()}", options)
    report = ingester.run(stop=lambda: bool(stopping))
    click.echo(f"wirewatch: ingest stopped: {report.line()}")
