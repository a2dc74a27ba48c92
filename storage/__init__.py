"""Storage: every line of Wirewatch's SQL, through sqlite-utils. No Scrapy here."""

from storage.db import ReadAccess, open_db, open_readonly, read_access
from storage.errors import DatabaseMissing, DatabaseUnavailable, SchemaTooNew, StorageError

__all__ = ["open_db", "open_readonly", "read_access", "ReadAccess", "StorageError", "DatabaseMissing", "DatabaseUnavailable", "SchemaTooNew"]
