"""Automatic rotating copies of the database file, and recovery from them.

A copy is the database file byte for byte (it is self-verifying through its
checksums), written atomically into ``backups/``. A damaged database is never
overwritten or deleted: recovery moves it aside first.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from reflectie.clock import Clock, system_clock
from reflectie.paths import AppPaths, ensure_private_dir
from reflectie.store.errors import StorageError
from reflectie.store.fileio import TEMP_MARK, atomic_write_bytes, fsync_dir
from reflectie.store.locking import FileLock
from reflectie.store.records import parse_log

#: How many daily copies to keep; copies made before a migration or restore are kept apart.
KEEP_DAILY = 7
_NAME = re.compile(r"^reflectie-(\d{4}-\d{2}-\d{2})(T\d{6})?(?:-([a-z-]+))?\.db$")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    day: str
    reason: str | None

    @property
    def label(self) -> str:
        suffix = f" ({self.reason.replace('-', ' ')})" if self.reason else ""
        return f"{self.day}{suffix}"


def list_backups(paths: AppPaths) -> list[BackupInfo]:
    """All automatic copies, newest first."""
    if not paths.backups.is_dir():
        return []
    found = []
    for candidate in paths.backups.iterdir():
        match = _NAME.match(candidate.name)
        if match:
            found.append((candidate.name, BackupInfo(candidate, match.group(1), match.group(3))))
    return [info for _, info in sorted(found, key=lambda item: item[0], reverse=True)]


def is_intact(path: Path) -> bool:
    try:
        parse_log(path.read_bytes(), path)
    except (OSError, StorageError):
        return False
    return True


def last_good_backup(paths: AppPaths) -> BackupInfo | None:
    for info in list_backups(paths):
        if is_intact(info.path):
            return info
    return None


def make_backup(
    paths: AppPaths,
    *,
    reason: str | None = None,
    clock: Clock = system_clock,
    data: bytes | None = None,
) -> Path:
    """Copy the database file now. ``reason`` names copies made before risky steps.

    ``data`` (a complete database file) is written instead of the current file's bytes:
    switching encryption stores its copy already in the new codec.
    """
    ensure_private_dir(paths.backups)
    now = clock()
    stamp = now.strftime("%Y-%m-%d") + (now.strftime("T%H%M%S") + f"-{reason}" if reason else "")
    target = paths.backups / f"reflectie-{stamp}.db"
    atomic_write_bytes(target, paths.database.read_bytes() if data is None else data)
    return target


def daily_backup(paths: AppPaths, *, clock: Clock = system_clock, keep: int = KEEP_DAILY) -> None:
    """Make today's copy if there is none, and drop daily copies beyond ``keep``."""
    if not paths.database.exists():
        return
    for leftover in paths.backups.glob(f"*{TEMP_MARK}*"):  # from a copy a kill interrupted
        leftover.unlink(missing_ok=True)
    today = clock().strftime("%Y-%m-%d")
    daily = [info for info in list_backups(paths) if info.reason is None]
    if not daily or daily[0].day != today:
        make_backup(paths, clock=clock)
        daily = [info for info in list_backups(paths) if info.reason is None]
    for old in daily[keep:]:
        old.path.unlink(missing_ok=True)
    fsync_dir(paths.backups)


def restore_backup(paths: AppPaths, backup: Path, *, clock: Clock = system_clock) -> Path | None:
    """Put ``backup`` in place of the database; the current file is kept aside, never deleted.

    Returns where the previous database file was moved (or None if there was none).
    The caller must not hold the database open.
    """
    if not is_intact(backup):
        raise StorageError(f"De reservekopie {backup} is zelf beschadigd; kies een andere.")
    ensure_private_dir(paths.data_dir)
    lock = FileLock(paths.database.with_name(paths.database.name + ".lock"))
    lock.acquire()  # refuses while another window has the journal open
    try:
        aside: Path | None = None
        if paths.database.exists():
            stamp = clock().strftime("%Y%m%dT%H%M%S")
            aside = paths.database.with_name(f"{paths.database.name}.beschadigd-{stamp}")
            os.replace(paths.database, aside)
        atomic_write_bytes(paths.database, backup.read_bytes())
        return aside
    finally:
        lock.release()


def backup_age_days(info: BackupInfo, now: datetime) -> int:
    return (now.date() - datetime.strptime(info.day, "%Y-%m-%d").date()).days
