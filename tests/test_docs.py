"""Docs that tests keep true: commands, settings, Quick start and CI."""

from __future__ import annotations

import re
from pathlib import Path

import click

from crawler.cli import main
from crawler.cli.settings_cmd import markdown_table

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```\n(.*?)```", section, re.S)]


def all_commands(group: click.Group, prefix: str = "wirewatch") -> list[str]:
    names = []
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        names.append(f"{prefix} {name}")
        if isinstance(command, click.Group):
            names.extend(all_commands(command, f"{prefix} {name}"))
    return names


def test_quick_start_is_two_commands_and_ci_runs_the_second() -> None:
    commands = quick_start_commands()
    assert len(commands) == 2
    assert "wirewatch demo" in commands[0]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert ci[-1] == commands[1]


def test_every_command_is_documented() -> None:
    commands = all_commands(main)
    assert "wirewatch crawl" in commands
    missing = [c for c in commands if f"`{c}" not in README]
    assert missing == []


def test_settings_table_matches_the_declaration() -> None:
    table = README.split("<!-- settings-table:start -->\n", 1)[1].split("\n<!-- settings-table:end -->", 1)[0]
    assert table == markdown_table()


def test_every_setting_declared_once() -> None:
    import settings

    names = [s.name for s in settings.SETTINGS]
    assert len(names) == len(set(names))
    assert all(s.help.strip() for s in settings.SETTINGS)
    assert all(getattr(settings, s.name) == s.default for s in settings.SETTINGS)


def test_changelog_bullets_name_an_issue() -> None:
    bullets = [line for line in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8").splitlines()
               if line.startswith("- ")]
    assert bullets and all(re.search(r"\(#\d+(, ?#\d+)*\)\.?\s*$", b) for b in bullets)


def test_every_table_is_documented(crawled) -> None:
    """Every table a crawl creates is in the README's Storage table and in the Datasette metadata."""
    import json
    import sqlite3

    tables = [name for (name,) in sqlite3.connect(crawled.db).execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'articles_fts%' "
        "AND name NOT LIKE 'sqlite_%'")]
    metadata = json.loads((ROOT / "crawler" / "datasette" / "metadata.json").read_text(encoding="utf-8"))
    described = metadata["databases"]["wirewatch"]["tables"]
    assert "stories" in tables and "translations" in tables
    assert [t for t in tables if f"| `{t}` |" not in README] == []
    assert [t for t in tables if t not in described] == []
