"""What the CLI's commands share: the --db option, the error boundary, plain tables."""

from __future__ import annotations

import errno
import functools
import math
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Sequence, TypeVar

import click

import settings
import storage

if TYPE_CHECKING:
    import sqlite_utils

F = TypeVar("F", bound=Callable[..., Any])

# The environment variables options are read from (``envvar=``): one set but empty is refused (crawler.cli.main).
OPTION_ENVVARS = ("WIREWATCH_DB", "WIREWATCH_SOURCES", "WIREWATCH_REDIS_URL")

class FilePath(click.Path):
    """``click.Path`` (as a :class:`pathlib.Path`) that refuses an empty value, a usage error (exit 2): an
    empty ``--sources ""`` (a cron line's ``$UNSET``) was the current folder, "`.`: is a folder"."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("path_type", Path)
        super().__init__(**kwargs)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and not value.strip():
            self.fail("an empty path (a variable set to nothing?); give a file", param, ctx)
        return super().convert(value, param, ctx)


db_option = click.option(
    "--db", "db", type=FilePath(), default=settings.WIREWATCH_DB, envvar="WIREWATCH_DB",
    show_default=True, show_envvar=True, help="SQLite store.")
verbose_option = click.option("-v", "--verbose", is_flag=True, help="Log progress to stderr.")
log_file_option = click.option("--log-file", type=FilePath(),
                               help="Write the full log (INFO and up) here.")

# Errors a user can fix; each becomes a one-line message and exit status 1. Named "module:Class" so that
# this module imports none of them (a command that never loads Scrapy never imports crawler.runner); an
# error can only have been raised if its module is loaded. A class object works here too.
USER_ERRORS: tuple[str | type[Exception], ...] = (
    "storage.errors:StorageError", "crawler.sources:RegistryError", "crawler.runner:CrawlError",
    "crawler.lock:CrawlLocked", "crawler.export:ExportError", "crawler.pages:PageUnavailable",
    "processing.models:ModelError", "processing.translate:TranslationError", "crawler.importer:ImportFileError",
    "crawler.logs:LogFileError",
)


def is_user_error(exc: BaseException) -> bool:
    """Whether ``exc`` is one of :data:`USER_ERRORS` (looked up among the modules already imported)."""
    for spec in USER_ERRORS:
        if isinstance(spec, type):
            cls: object = spec
        else:
            module, _, name = spec.partition(":")
            cls = getattr(sys.modules.get(module), name, None)
        if isinstance(cls, type) and isinstance(exc, cls):
            return True
    return False


class BadValue(click.UsageError):
    """A wrong argument or setting: exit status 2, and ONE line on stderr (no usage block), naming the
    option and what would be right."""

    def __init__(self, message: str, option: str | None = None) -> None:
        super().__init__(f"{option}: {message}" if option else message)

    def show(self, file: Any = None) -> None:
        click.echo(f"Error: {self.format_message()}", err=True, file=file)


def user_errors(func: F) -> F:
    """Turn the project's named errors into one-line CLI errors at the command boundary."""
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from crawler.cli import interrupt

        interrupt.command_started()  # Ctrl-C is the command's to handle from here on
        _refuse_undecodable(kwargs)
        try:
            return func(*args, **kwargs)
        except KeyboardInterrupt:  # commands that say more (crawl, import, serve) catch it themselves first
            ctx, words = click.get_current_context(silent=True), []
            while ctx is not None and ctx.parent is not None:  # "watch run", not "run"; never the program's name
                words.append(ctx.info_name or "")
                ctx = ctx.parent
            name = " ".join(reversed(words)) or "the command"
            # click printed "Aborted!", which says nothing of what was kept; exit status 1 as before.
            raise click.ClickException(f"{name} interrupted (Ctrl-C): what it finished before the interrupt "
                                       "is kept; run it again for the rest") from None
        except Exception as exc:  # only USER_ERRORS are turned into a message; the rest propagate as they are
            if is_user_error(exc):
                raise click.ClickException(str(exc)) from None
            store_problem = sqlite_problem(exc, kwargs.get("db"))
            if store_problem is not None:
                raise click.ClickException(store_problem) from None
            if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):  # stdout on a full disk
                where = exc.filename or "the output"
                raise click.ClickException(f"cannot write {where}: {exc.strerror or exc}") from None
            raise
    return wrapper  # type: ignore[return-value]


def _refuse_undecodable(values: dict[str, Any]) -> None:
    """A usage error (exit 2) for a text argument that is not UTF-8 (bytes Python decoded to lone surrogates
    under a UTF-8 locale, e.g. a Latin-1 terminal): `watch add` stored it and ended in a UnicodeEncodeError
    traceback. Paths are left alone (a file name may be any bytes)."""
    for name, value in values.items():
        texts = value if isinstance(value, (tuple, list)) else (value,)
        bad = next((t for t in texts if isinstance(t, str) and any("\udc80" <= c <= "\udcff" for c in t)), None)
        if bad is not None:
            shown = bad.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            raise BadValue(f"not UTF-8 text: {shown!r} (is the terminal's or the script's encoding UTF-8?)",
                           _param_name(name))


def _param_name(name: str) -> str:
    """How the user wrote the parameter ``name`` of the running command (``--lang``, ``NAME``)."""
    ctx = click.get_current_context(silent=True)
    for param in ctx.command.params if ctx is not None else ():
        if param.name == name:
            return param.opts[0] if isinstance(param, click.Option) else (param.human_readable_name or name).upper()
    return name


# SQLite errors a command meets on a store it opened fine, which the operator fixes outside Wirewatch:
# (words of SQLite's message, what to tell). SQLite's result codes SQLITE_BUSY, SQLITE_LOCKED, SQLITE_FULL,
# SQLITE_READONLY, SQLITE_IOERR (https://www.sqlite.org/rescode.html) as Python's sqlite3 words them.
_SQLITE_PROBLEMS = (
    (("database is locked", "database table is locked"),
     "another program holds a write lock on the store and kept it past the {timeout:g} s wait (an open "
     "`sqlite3` shell transaction, a backup tool?); what was committed before is kept: run the command again "
     "once it is released"),
    (("database or disk is full",), "the disk holding the store is full; what was committed before is kept: "
                                    "free space and run the command again"),
    (("attempt to write a readonly database",), "the store became read-only while the command ran (its file "
                                                "or folder permissions, or a read-only mount)"),
    (("disk i/o error",), "the disk failed to read or write the store (SQLite's disk I/O error); check the "
                          "disk and run `sqlite3 STORE 'PRAGMA integrity_check'`"),
)


def sqlite_problem(exc: BaseException, db: Any = None) -> str | None:
    """The one line for a ``sqlite3.OperationalError`` the operator must fix outside Wirewatch (a store
    locked by another program past the busy timeout, a full disk, a store made read-only, an I/O error),
    naming the store ``db`` when known; None for any other exception (a bug: its traceback is kept)."""
    sqlite3 = sys.modules.get("sqlite3")
    if sqlite3 is None or not isinstance(exc, sqlite3.OperationalError):
        return None
    text = str(exc).lower()
    for words, why in _SQLITE_PROBLEMS:
        if any(w in text for w in words):
            from storage.db import BUSY_TIMEOUT_MS

            where = f"{db}: " if db is not None else ""
            return f"{where}{why.format(timeout=BUSY_TIMEOUT_MS / 1000)} ({exc})"
    return None


class FiniteFloatRange(click.FloatRange):
    """click.FloatRange that also refuses ``nan`` and ``inf``: nan passes every bound (no comparison with it is
    true), so ``health --max-error-rate nan`` flagged nothing and ``extract --timeout nan`` timed out at once."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        number = super().convert(value, param, ctx)
        if not math.isfinite(number):
            self.fail(f"{value!r} is not a finite number.", param, ctx)
        return number


# The largest integer SQLite stores (a signed 64-bit integer, https://www.sqlite.org/datatype3.html).
SQLITE_MAX_INT = 2 ** 63 - 1


class CountRange(click.IntRange):
    """click.IntRange for a count of things to list or process (``stats --runs``, ``dedup --show``,
    ``translate --limit``): below ``min`` is a usage error as before, and a count above
    :data:`SQLITE_MAX_INT` means "all of them" and is taken as that number: passed on to SQLite as it was,
    ``--runs 99999999999999999999999`` ended in an OverflowError traceback."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        number = super().convert(value, param, ctx)
        return min(number, SQLITE_MAX_INT)


def same_file(a: Path, b: Path) -> bool:
    """Whether ``a`` and ``b`` name one file (the same path, or links to one file)."""
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


def not_the_store(option: str, path: Path | None, db: Path) -> None:
    """A usage error (exit 2) when the file ``path`` a command would write (``--output``, ``--state``,
    ``--log-file``) is the store ``db`` or one of SQLite's files beside it (-wal, -shm) or its crawl lock:
    writing it destroys or corrupts the store."""
    if path is None:
        return
    for store_file in (db, *(db.with_name(db.name + suffix) for suffix in ("-wal", "-shm", ".lock"))):
        if same_file(path, store_file):
            raise BadValue(f"{path} is the store itself ({db}); give another file", option)


def require_known(option: str, values: Sequence[str], valid: Sequence[str]) -> None:
    """A usage error (exit 2) naming the unknown values and listing the valid ones."""
    unknown = [v for v in values if v not in valid]
    if unknown:
        raise BadValue(f"unknown {', '.join(map(repr, unknown))}; valid: {', '.join(valid) or 'none yet'}", option)


def language_code(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Click callback for an option that takes an ISO 639-1 code: a usage error (exit 2, one line) otherwise
    (:func:`processing.language_codes.code_problem`). None (option not given) passes."""
    from processing.language_codes import code_problem

    problem = code_problem(value) if value is not None else None
    if problem:
        raise BadValue(problem, "/".join(param.opts))
    return value


def open_store(db: Path) -> "sqlite_utils.Database":
    """Open the store at ``db`` for a read-only command: never created, written or migrated.

    A store whose folder cannot be written (an analyst's copy, a mounted backup) is read as immutable,
    and one line on stderr says so. Raises ``storage.DatabaseMissing`` ("no database at ...") when absent.
    """
    access = storage.read_access(db)
    if access.immutable:
        click.echo(f"wirewatch: note: {access.reason}", err=True)
    return storage.open_readonly(db, access)


def table(rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> str:
    """A plain, aligned text table."""
    cells = [[str(c) for c in columns]] + [["" if r.get(c) is None else str(r.get(c)) for c in columns] for r in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(columns))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def option_setting(settings: dict[str, Any], name: str, param: str, value: Any) -> Any:
    """The value of option ``param`` (e.g. ``db``, ``--db``) when ``-s NAME=VALUE`` may name the same thing
    (``-s WIREWATCH_DB=X`` is ``--db X``, as the settings table says): ``name`` is taken out of ``settings``
    so that the command and the crawl it starts use one value, the store it locks and reads being the one
    the crawl writes. The ``-s`` value wins over the option's default and its environment variable; given
    with the option on the command line and a different value, it is a usage error (exit 2, one line).
    An empty ``-s`` value means the default, as the setting's declaration says."""
    if name not in settings:
        return value
    given = str(settings.pop(name))
    ctx = click.get_current_context()
    source = ctx.get_parameter_source(param)
    option = "--" + param.replace("_", "-")
    if source is click.core.ParameterSource.COMMANDLINE:
        if given and (value is None or Path(given) != Path(value)):
            raise BadValue(f"-s {name}={given} and {option} {value} name two different files; give one of them",
                           "-s/--set")
        return value
    return Path(given) if given else value


def parse_overrides(pairs: Sequence[str]) -> dict[str, Any]:
    """``-s NAME=VALUE`` options as typed values, checked against the settings declaration
    (:mod:`crawler.overrides`); a bad one is a one-line usage error (exit 2)."""
    from crawler import overrides as checker

    texts = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise BadValue(f"expected NAME=VALUE, got {pair!r}", "-s/--set")
        texts[name.strip()] = value
    try:
        return checker.check(texts)
    except checker.SettingError as exc:
        raise BadValue(str(exc), "-s/--set") from None
