"""The `wirewatch` command line. One module per command (group); errors become one line here.

Commands are loaded when used (:class:`LazyGroup`), so `wirewatch --help` and `wirewatch stats` do not
import Scrapy, Datasette or the extraction and translation stacks. Command modules keep those imports
inside their functions; `tests/test_cli_startup.py` checks it.
"""

from __future__ import annotations

import os
import sys

from crawler.cli import interrupt

if sys.argv and (sys.argv[0] == "-m" or os.path.basename(sys.argv[0]).startswith("wirewatch")):
    interrupt.install()  # the CLI is the program: Ctrl-C from here on is one line (see crawler.cli.interrupt)

import importlib  # noqa: E402
from typing import Any  # noqa: E402

import click  # noqa: E402

# Command name -> "module:attribute". To add a command, add one line.
COMMANDS: dict[str, str] = {
    "crawl": "crawler.cli.crawl:crawl",
    "demo": "crawler.cli.demo:demo",
    "serve": "crawler.cli.serve:serve",
    "stats": "crawler.cli.stats:stats",
    "settings": "crawler.cli.settings_cmd:settings_command",
    "sources": "crawler.cli.sources_cmd:sources_group",
    "health": "crawler.cli.health:health",
    "export": "crawler.cli.export:export_command",
    "extract": "crawler.cli.extract:extract_command",
    "models": "crawler.cli.models:models",
    "translate": "crawler.cli.translate_cmd:translate",
    "dedup": "crawler.cli.dedup:dedup",
    "import": "crawler.cli.import_cmd:import_command",
    "watch": "crawler.cli.watch:watch_group",
    "cluster": "crawler.cli.cluster:cluster_group",
    "worker": "crawler.cli.worker:worker",
    "ingest": "crawler.cli.ingest:ingest",
}


class LazyGroup(click.Group):
    """A click group whose subcommands are imported from ``lazy`` ({name: "module:attribute"}) on first use."""

    def __init__(self, *args: object, lazy: dict[str, str] | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.lazy = dict(lazy or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(self.lazy))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy and cmd_name not in self.commands:
            module, _, attribute = self.lazy[cmd_name].partition(":")
            command = getattr(importlib.import_module(module), attribute)
            if not isinstance(command, click.Command):
                raise TypeError(f"{self.lazy[cmd_name]} is not a click command")
            self.add_command(command, cmd_name)
        return super().get_command(ctx, cmd_name)

    def resolve_command(self, ctx: click.Context, args: list[str]) -> Any:
        """click's, with the closest command named for an unknown one (``expor``: did you mean 'export'?):
        click looks among the commands loaded so far, which in a lazy group is none."""
        try:
            return super().resolve_command(ctx, args)
        except click.exceptions.NoSuchCommand as exc:
            raise click.exceptions.NoSuchCommand(exc.command_name, possibilities=self.list_commands(ctx),
                                                 ctx=ctx) from None

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """click's ``main``, with Ctrl-C before the command starts one line (:mod:`crawler.cli.interrupt`),
        and so is a syntax error in ``settings.py`` (exit 1); the SIGINT handler found is put back when it
        returns."""
        previous = interrupt.install()
        try:
            return super().main(*args, **kwargs)
        except SyntaxError as exc:  # an operator's edit of settings.py: one line, not an import traceback
            if os.path.basename(exc.filename or "") != "settings.py":
                raise
            click.echo(f"Error: {exc.filename}, line {exc.lineno}: {exc.msg}; settings.py is Python: fix the line "
                       "(or delete it: every setting has its default)", err=True)
            sys.exit(1)
        finally:
            interrupt.restore(previous)

    def invoke(self, ctx: click.Context) -> object:
        """Run the subcommand; click's usage errors (a missing argument, a bad ``--since``, an
        unknown command) become one line with a pointer to ``--help`` and exit status 2, like
        :class:`crawler.cli.common.BadValue`, instead of click's four-line usage block."""
        from crawler.cli.common import BadValue

        try:
            return super().invoke(ctx)
        except click.UsageError as exc:
            if isinstance(exc, BadValue):
                raise
            where = exc.ctx.command_path if exc.ctx is not None else ctx.command_path
            raise BadValue(f"{exc.format_message()} (see `{where} --help`)") from None


@click.group(cls=LazyGroup, lazy=COMMANDS, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="wirewatch")
def main() -> None:
    """Wirewatch: monitor UK, Gulf and other news outlets in English and Arabic."""
    from crawler.cli.common import OPTION_ENVVARS, BadValue

    # click reads an option's variable set to "" as unset: a cron line's WIREWATCH_DB=$UNSET would
    # silently crawl into ./wirewatch.db of whatever folder cron runs in.
    empty = [name for name in OPTION_ENVVARS if name in os.environ and not os.environ[name].strip()]
    if empty:
        raise BadValue(f"{empty[0]} is set but empty; give it a value or unset it (then its default is used)")
