"""`wirewatch demo`: crawl the bundled sample news web on 127.0.0.1, then summarise."""

from __future__ import annotations

import signal
import tempfile
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import click

import settings
import storage
from crawler import logs
from crawler.cli.common import db_option, table, user_errors, verbose_option
from crawler.cli.dedup import summary as dedup_summary
from processing.models import install_hint
from storage import articles as store_articles
from storage import stats as store_stats
from storage import translations

if TYPE_CHECKING:
    import sqlite_utils

    from crawler.sampleweb.server import SampleWeb

# The sample web is on loopback: no need to be polite to ourselves.
LOCAL_OVERRIDES = {"AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0, "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
                   "DOWNLOAD_TIMEOUT": 10,
                   "WIREWATCH_ALLOW_PRIVATE_ADDRESSES": True}  # the sample web (and its dead feed) is on 127.0.0.1


PLANTED_FAILURES = 4  # the sample web's broken pages: a 404, an empty page, a PDF, an unreachable address


@click.command()
@db_option
@click.option("--serve", "keep_serving", is_flag=True,
              help="Keep the sample web running after the demo (until Ctrl-C) and print how to crawl it.")
@verbose_option
@user_errors
def demo(db: Path, keep_serving: bool, verbose: bool) -> None:
    """Serve the bundled sample news web locally, crawl it like `crawl` does, and summarise.

    With --serve the sample web stays up afterwards, and the demo prints the http_proxy and
    --sources to give `wirewatch crawl` (and how to take an outlet down) to try cron lines and
    `health --check` against it.
    """
    from crawler import runner  # imports Scrapy: only when the demo runs
    from crawler.sampleweb.server import SampleWeb

    logs.configure(verbose)
    # The store first: a path that cannot hold one is one line before the sample web starts (or `--serve`
    # writes its registry beside it, a FileNotFoundError traceback in a missing folder).
    check_demo_store(db)
    with SampleWeb() as web, tempfile.TemporaryDirectory(prefix="wirewatch-demo-") as tmp:
        sources = web.write_sources(served_sources(db) if keep_serving else Path(tmp) / "sources.toml")
        click.echo(f"Sample news web: {len(web.sites)} outlets ({', '.join(web.base(s) for s in web.sites)}) "
                   f"served from {web.proxy}")
        with web.proxied():
            run = runner.crawl(runner.CrawlConfig(db=db, sources=sources, overrides=LOCAL_OVERRIDES))
        click.echo(runner.summary_line(run))
        click.echo(planted_note(run["failed"]))
        database = storage.open_readonly(db)
        summarise(database, db)
        database.close()
        if keep_serving:
            click.echo(serving_instructions(web, sources, db))
            wait_for_interrupt()


def check_demo_store(db: Path) -> None:
    """Open (create) the demo's store, and refuse one that holds other outlets' articles: the demo's default is
    `./wirewatch.db`, so `wirewatch demo` in an operator's crawl folder mixed the sample web's made-up outlets
    and articles into the real store (and from there into exports). A new store, or an earlier demo's, is fine."""
    from crawler.sampleweb.server import SITES_DIR

    sample = [p.name for p in SITES_DIR.iterdir() if p.is_dir()]
    database = storage.open_db(db)
    try:
        others = store_articles.other_outlets(database, sample)
    finally:
        database.close()
    if others:
        shown = ", ".join(others[:5]) + (" ..." if len(others) > 5 else "")
        raise click.ClickException(f"{db} holds articles of other outlets ({shown}): the demo would mix its sample "
                                   "web's made-up articles into it; give the demo a store of its own, e.g. "
                                   "--db demo.db")


def served_sources(db: Path) -> Path:
    """Where `demo --serve` leaves its registry (beside the store) for the operator's own crawls."""
    return db.with_name(db.name + ".sources.toml")


def planted_note(failed: int) -> str:
    if failed == PLANTED_FAILURES:
        return f"  {failed} failed — the sample web's broken pages, on purpose"
    return (f"  {failed} failed, but the sample web plants {PLANTED_FAILURES} broken pages: "
            "run again with -v to see why")


def summarise(database: "sqlite_utils.Database", db: Path) -> None:
    click.echo()
    click.echo(table(store_stats.articles_by_outlet_and_language(database),
                     ["outlet", "region", "language", "articles", "boilerplate_removed"]))
    totals = store_stats.totals(database)
    click.echo(f"\n{totals['articles']} articles stored, {totals['boilerplate_removed']} boilerplate lines removed, "
               f"{totals['runs']} crawl run{'s' * (totals['runs'] != 1)} in {db}")
    click.echo(f"\nDuplicates: {dedup_summary(database)}")
    click.echo(translation_summary(translations.status_counts(database), db))
    click.echo(f"\nBrowse them:  wirewatch serve --db {db}")


def serving_instructions(web: SampleWeb, sources: Path, db: Path) -> str:
    """The lines an operator copies to crawl the running sample web (the test reads them too)."""
    from crawler.sampleweb.server import CONTROL

    env = " ".join(f"{k}={v}" for k, v in web.environment().items())
    flags = " ".join(f"-s {k}={v}" for k, v in LOCAL_OVERRIDES.items())
    outlet = next(iter(web.sites))
    return "\n".join([
        "", f"The sample web keeps running at {web.proxy} until Ctrl-C. From another terminal, crawl it as cron would:",
        "", f"  export {env}",
        f"  wirewatch crawl --sources {sources} --db {db} {flags}",
        f"  wirewatch health --db {db} --check; echo $?",
        "", "Take an outlet down (it answers 503 to everything) and bring it back:",
        f"  curl {web.proxy}{CONTROL}down/{outlet}",
        f"  curl {web.proxy}{CONTROL}up/{outlet}",
    ])


def wait_for_interrupt() -> None:
    """Until Ctrl-C or SIGTERM (Scrapy's shutdown handlers, left by the crawl, are put back first)."""
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        click.echo("\nSample web stopped.")


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def translation_summary(counts: list[dict], db: Path) -> str:
    """What was translated, and for what is pending the exact command that installs a model."""
    target = settings.WIREWATCH_TRANSLATION_TARGET
    lines = []
    done = [c for c in counts if c["status"] == "done"]
    if done:
        models = sorted({m for c in done for m in (c["models"] or "").split(",") if m})
        lines.append(f"Translated into {target}: {sum(c['articles'] for c in done)} articles "
                     f"({', '.join(sorted({c['language'] for c in done}))}) with {', '.join(models)}")
    failed = sum(c["articles"] for c in counts if c["status"] == "failed")
    if failed:
        lines.append(f"Translations failed: {failed} articles (see the log; `wirewatch translate` retries them)")
    pending = [c for c in counts if c["status"] == "pending"]
    for language in sorted({c["language"] for c in pending}):
        n = sum(c["articles"] for c in pending if c["language"] == language)
        lines.append(f"Translations pending: {n} {language} articles, no {language}→{target} model installed.\n"
                     f"  Install one:  {install_hint(language, target)}   "
                     f"(offline: wirewatch models install --from-path FILE.argosmodel)\n"
                     f"  then:         wirewatch translate --db {db}")
    return "\n" + "\n".join(lines) if lines else ""
