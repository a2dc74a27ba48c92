"""`wirewatch settings`: every setting with its default and help (the README's table is this output)."""

from __future__ import annotations

import json

import click

import settings as project_settings
from crawler.overrides import allowed


def described(setting: project_settings.Setting) -> str:
    """The setting's help, followed by what its declared constraints accept (if any)."""
    accepts = allowed(setting)
    return f"{setting.help} Accepts {accepts}." if accepts else setting.help


def markdown_table() -> str:
    lines = ["| Setting | Default | What it does |", "| --- | --- | --- |"]
    for s in project_settings.SETTINGS:
        default = json.dumps(s.default, ensure_ascii=False) if not isinstance(s.default, str) else repr(s.default)
        lines.append(f"| `{s.name}` | `{default}` | {described(s)} |")
    return "\n".join(lines)


@click.command("settings")
@click.option("--markdown", is_flag=True, help="Print the README's Markdown table.")
def settings_command(markdown: bool) -> None:
    """List every setting with its default and what it does."""
    if markdown:
        click.echo(markdown_table())
        return
    for s in project_settings.SETTINGS:
        click.echo(f"{s.name} = {s.default!r}\n    {described(s)}")
