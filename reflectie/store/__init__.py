"""Crash-safe local storage: a TinyDB storage backed by a checksummed append-only log."""

from reflectie.store.errors import CorruptDatabaseError, DatabaseLockedError, StorageError
from reflectie.store.fasttable import JournalDB
from reflectie.store.logstorage import LogStorage

__all__ = [
    "CorruptDatabaseError",
    "DatabaseLockedError",
    "JournalDB",
    "LogStorage",
    "StorageError",
]
