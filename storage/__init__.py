"""Storage: every line of Wirewatch's SQL, through sqlite-utils. No Scrapy here."""

from storage.db import open_db, open_readonly
from storage.errors import DatabaseMissing, DatabaseUnavailable, SchemaTooNew, StorageError

__all__ = ["open_db", "open_readonly", "StorageError", "DatabaseMissing", "DatabaseUnavailable", "SchemaTooNew"]
