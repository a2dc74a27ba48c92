"""Storage: every line of Wirewatch's SQL, through sqlite-utils. No Scrapy here."""

from storage.db import ReadAccess, open_db, open_readonly, read_access, remove_db
from storage.errors import DatabaseMissing, DatabaseUnavailable, SchemaTooNew, StorageError

__all__ = ["open_db", "open_readonly", "read_access", "remove_db", "ReadAccess", "StorageError", "DatabaseMissing", "DatabaseUnavailable", "SchemaTooNew"]
