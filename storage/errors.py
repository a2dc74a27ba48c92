"""Named storage errors; the CLI turns them into one-line messages at the command boundary."""


class StorageError(Exception):
    """Base class of every error the storage layer raises on purpose."""


class DatabaseUnavailable(StorageError):
    """The database path cannot be opened or created (missing folder, not a file, not SQLite)."""


class DatabaseMissing(StorageError):
    """A read-only command was pointed at a database that does not exist yet."""


class SchemaTooNew(StorageError):
    """The database was written by a newer Wirewatch whose migrations this one does not know."""
