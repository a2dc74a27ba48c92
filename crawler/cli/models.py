"""`wirewatch models`: the translation models (argostranslate packages): list and install."""

from __future__ import annotations

import re
from pathlib import Path

import click

import settings
from crawler.cli.common import BadValue, FilePath, language_code, table, user_errors
from processing import models as model_store

_CODE = re.compile(r"^[a-z]{2,3}$")


@click.group("models")
def models() -> None:
    """Translation models (argostranslate packages): list and install."""


@models.command("list")
@click.option("--target", default=settings.WIREWATCH_TRANSLATION_TARGET, show_default=True,
              callback=language_code, help="Show which languages can be translated into this one (ISO 639-1).")
@user_errors
def list_models(target: str) -> None:
    """The installed models, and which languages they translate into the target."""
    folder = model_store.packages_dirs()[0]
    found = model_store.installed()
    if not found:
        click.echo(f"No translation models installed in {folder}.")
        click.echo(f"Install one: {model_store.install_hint('ar', target)}   "
                   "(offline: wirewatch models install --from-path FILE.argosmodel)")
        return
    click.echo(table([{"package": m.package, "version": m.version, "from": m.source, "to": m.target,
                       "path": m.path} for m in found], ["package", "version", "from", "to", "path"]))
    from processing.translate import ArgosTranslator

    translator = ArgosTranslator()
    routes = [translator.route(source, target) for source in sorted({m.source for m in found} - {target})]
    usable = [f"{r.source} ({'direct' if len(r.hops) == 1 else 'through English'})" for r in routes if r]
    click.echo(f"\nInto {target}: {', '.join(usable) or 'none'}. Packages folder: {folder}")


@models.command("install")
@click.argument("pair", nargs=-1, metavar="[FROM TO]")
@click.option("--from-path", "files", multiple=True, type=FilePath(),
              help="Install this .argosmodel file (repeatable); works offline.")
@user_errors
def install(pair: tuple[str, ...], files: tuple[Path, ...]) -> None:
    """Install a model: `wirewatch models install ar en` from the Argos package index (online), or
    `wirewatch models install --from-path FILE.argosmodel`."""
    if files and pair:
        raise click.UsageError("give either FROM TO or --from-path FILE, not both")
    if not files and (len(pair) != 2 or not all(_CODE.match(code) for code in pair)):
        raise click.UsageError("give two language codes (e.g. `ar en`) or --from-path FILE.argosmodel")
    if not files:  # before the package index is fetched: `xx yy` went to the network first
        from processing.language_codes import code_problem

        for name, code in zip(("FROM", "TO"), pair):
            problem = code_problem(code)
            if problem:
                raise BadValue(problem, name)
    done = [model_store.install_from_path(path) for path in files] if files else \
        [model_store.install_from_index(*pair)]
    for model in done:
        click.echo(f"Installed {model.package} {model.version} ({model.name}) in {model.path}")
    click.echo("Translate the articles waiting for it: wirewatch translate")
