"""Schema migrations, applied in order and recorded in ``schema_migrations``.

Each migration is a module in :mod:`storage.migrations` named ``mNNNN_what.py`` with an
``apply(db)`` function. They run in name order, once each; the schema version is the number
of migrations applied (``PRAGMA user_version`` holds it too, for tools that look there).
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
from datetime import datetime, timezone
from pathlib import Path
from types import ModuleType

import sqlite_utils

from storage import migrations as migrations_package
from storage.errors import DatabaseUnavailable, SchemaTooNew

logger = logging.getLogger(__name__)

MIGRATIONS_TABLE = "schema_migrations"


def available() -> list[ModuleType]:
    names = sorted(m.name for m in pkgutil.iter_modules(migrations_package.__path__) if m.name.startswith("m"))
    return [importlib.import_module(f"{migrations_package.__name__}.{name}") for name in names]


def applied(db: sqlite_utils.Database) -> list[str]:
    if not db[MIGRATIONS_TABLE].exists():
        return []
    return [row["name"] for row in db.query(f"SELECT name FROM {MIGRATIONS_TABLE} ORDER BY name")]


def version(db: sqlite_utils.Database) -> int:
    return len(applied(db))


def migrate(db: sqlite_utils.Database) -> list[str]:
    """Apply the migrations this database lacks; return their names."""
    done = set(applied(db))
    known = available()
    unknown = done - {_short(m) for m in known}
    if unknown:
        raise SchemaTooNew(f"database has migrations this Wirewatch does not know: {', '.join(sorted(unknown))}")
    new: list[str] = []
    for module in known:
        name = _short(module)
        if name in done:
            continue
        with db.conn:
            module.apply(db)
            db[MIGRATIONS_TABLE].insert(
                {"name": name, "applied": datetime.now(timezone.utc).isoformat(timespec="seconds")},
                pk="name",
            )
        new.append(name)
        logger.debug("applied schema migration %s", name)
    if new:
        db.execute(f"PRAGMA user_version = {len(done) + len(new)}")
        if done:
            logger.info("applied schema migrations %s", ", ".join(new))
        else:
            logger.info("new store: schema created (%d migrations, up to %s)", len(new), new[-1])
    return new


def check_readable(db: sqlite_utils.Database, path: Path) -> None:
    if not db[MIGRATIONS_TABLE].exists():
        raise DatabaseUnavailable(f"{path} is not a Wirewatch database (no {MIGRATIONS_TABLE} table)")


def _short(module: ModuleType) -> str:
    return module.__name__.rsplit(".", 1)[-1]
