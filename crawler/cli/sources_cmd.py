"""`wirewatch sources list` and `wirewatch sources check [--online]`: the registry, as the crawler reads it."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import click

from crawler import logs
from crawler.cli.common import BadValue, FilePath, parse_overrides, table, user_errors
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from crawler.sources import Source

sources_option = click.option(
    "--sources", type=FilePath(), envvar="WIREWATCH_SOURCES", show_envvar=True,
    help="Source registry (TOML). Default: sources.toml of the project.")


@click.group("sources")
def sources_group() -> None:
    """The source registry: list its outlets, validate it, check its addresses online."""


@sources_group.command("list")
@sources_option
@user_errors
def list_command(sources: Path | None) -> None:
    """A table of the registry's outlets."""
    from crawler.sources import load, registry_path

    outlets = load(registry_path(sources))
    rows = [{"id": s.id, "name": s.name, "region": s.region, "country": s.country,
             "languages": ",".join(s.languages), "feeds": len(s.feeds), "sitemaps": len(s.sitemaps),
             "sections": len(s.sections), "enabled": "yes" if s.enabled else "no", "verified": s.verified}
            for s in outlets]
    click.echo(table(rows, ["id", "name", "region", "country", "languages", "feeds", "sitemaps", "sections",
                            "enabled", "verified"]))
    click.echo(f"\n{summary(outlets)}")


@sources_group.command("check")
@sources_option
@click.option("--online", is_flag=True, help="Also fetch every feed, sitemap and section page once and report.")
@click.option("-s", "--set", "overrides", multiple=True, metavar="NAME=VALUE",
              help="Override a setting for the online check (repeatable; only with --online), e.g. -s DOWNLOAD_TIMEOUT=10.")
@click.option("-v", "--verbose", is_flag=True, help="Log the online check's progress to stderr.")
@user_errors
def check_command(sources: Path | None, online: bool, overrides: tuple[str, ...], verbose: bool) -> None:
    """Validate the registry; with --online, fetch each address once and report its status.

    Exit status 0 when every outlet is valid (and, with --online, every address answered with a
    usable feed, sitemap or page), 1 otherwise.
    """
    from crawler.sources import check, registry_path

    if overrides and not online:
        raise BadValue("settings apply only to the online check; add --online (see `wirewatch sources check "
                       "--help`)", "-s/--set")
    settings = parse_overrides(overrides)  # a wrong -s is the usage error, before anything is printed
    path = registry_path(sources)
    outlets, problems = check(path)
    for problem in problems:
        click.echo(f"Error: {problem}", err=True)
    if problems:
        click.echo(f"{path}: {len(problems)} problem{'s' * (len(problems) != 1)}", err=True)
        sys.exit(1)
    click.echo(f"{path}: valid. {summary(outlets)}")
    if not online:
        return
    from crawler.source_check import check_online

    logs.configure(verbose)
    results = check_online(outlets, settings)
    click.echo()
    click.echo(table([{"outlet": r.outlet, "kind": r.kind, "status": r.status or "-", "ok": "ok" if r.ok else "FAIL",
                       "what": r.detail, "url": r.url} for r in results],
                     ["outlet", "kind", "status", "ok", "what", "url"]))
    bad = [r for r in results if not r.ok]
    verified = sorted({r.outlet for r in results} - {r.outlet for r in bad})
    click.echo(f"\n{len(results) - len(bad)} of {len(results)} addresses usable.")
    if verified:
        click.echo(f"Every address usable for: {', '.join(verified)} (you may record verified = \"YYYY-MM-DD\").")
    if bad:
        sys.exit(1)


def summary(outlets: list[Source]) -> str:
    regions = Counter(s.region for s in outlets)
    languages = Counter(lang for s in outlets for lang in s.languages)
    unverified = sum(1 for s in outlets if s.verified == "no")
    return (f"{len(outlets)} outlets ({sum(s.enabled for s in outlets)} enabled); "
            f"regions: {', '.join(f'{k} {v}' for k, v in sorted(regions.items()))}; "
            f"languages: {', '.join(f'{k} {v}' for k, v in sorted(languages.items()))}; "
            f"{len(outlets) - unverified} verified online, {unverified} not yet (`wirewatch sources check --online`).")
