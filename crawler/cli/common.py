"""What the CLI's commands share: the --db option, the error boundary, plain tables."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence, TypeVar

import click

import settings
from crawler.export import ExportError
from crawler.importer import ImportFileError
from crawler.lock import CrawlLocked
from crawler.pages import PageUnavailable
from crawler.runner import CrawlError
from crawler.sources import RegistryError
from processing.models import ModelError
from processing.translate import TranslationError
from storage.errors import StorageError

F = TypeVar("F", bound=Callable[..., Any])

db_option = click.option(
    "--db", "db", type=click.Path(path_type=Path), default=settings.WIREWATCH_DB, envvar="WIREWATCH_DB",
    show_default=True, show_envvar=True, help="SQLite store.")

# Errors a user can fix; each becomes a one-line message and exit status 1.
USER_ERRORS: tuple[type[Exception], ...] = (StorageError, RegistryError, CrawlError, CrawlLocked, ExportError,
                                             PageUnavailable, ModelError, TranslationError, ImportFileError)


def user_errors(func: F) -> F:
    """Turn the project's named errors into one-line CLI errors at the command boundary."""
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except USER_ERRORS as exc:
            raise click.ClickException(str(exc)) from None
    return wrapper  # type: ignore[return-value]


def table(rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> str:
    """A plain, aligned text table."""
    cells = [[str(c) for c in columns]] + [["" if r.get(c) is None else str(r.get(c)) for c in columns] for r in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(columns))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def parse_overrides(pairs: Sequence[str]) -> dict[str, str]:
    overrides = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"expected NAME=VALUE, got {pair!r}", param_hint="--set")
        overrides[name.strip()] = value
    return overrides
