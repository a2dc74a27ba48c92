"""`wirewatch demo`: crawl the bundled sample news web on 127.0.0.1, then summarise."""

from __future__ import annotations

import tempfile
from pathlib import Path

import click

import settings
import storage
from crawler import logs, runner
from crawler.cli.common import db_option, table, user_errors
from crawler.cli.dedup import summary as dedup_summary
from crawler.sampleweb.server import SampleWeb
from processing.models import install_hint
from storage import stats as store_stats
from storage import translations

# The sample web is on loopback: no need to be polite to ourselves.
LOCAL_OVERRIDES = {"AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0, "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
                   "DOWNLOAD_TIMEOUT": 10,
                   "WIREWATCH_ALLOW_PRIVATE_ADDRESSES": True}  # the sample web (and its dead feed) is on 127.0.0.1


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
    click.echo(translation_summary(translations.status_counts(database), db))
    click.echo(f"\nBrowse them:  wirewatch serve --db {db}")


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
