"""Automatic rotating copies of the database file, and recovery from them.

A copy is the database file byte for byte (it is self-verifying through its
checksums), written atomically into ``backups/``. A journal file is never
overwritten or deleted by a restore: it keeps a second name beside the journal
before the copy durably takes its place.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from reflectie.at_rest import SettleError, settle_switch
from reflectie.clock import Clock, system_clock
from reflectie.errors_text import describe_os_error
from reflectie.paths import AppPaths, ensure_private_dir
from reflectie.store.anchor import drop_anchor
from reflectie.store.errors import StorageError
from reflectie.store.fileio import (
    TEMP_MARK,
    ReplacedNotConfirmedError,
    atomic_write_bytes,
    commit_temp_file,
    fsync_dir,
    unused_name,
    write_temp_file,
)
from reflectie.store.locking import FileLock
from reflectie.store.records import parse_log

#: How many daily copies to keep; copies made before a migration or restore are kept apart.
KEEP_DAILY = 7
#: reflectie-<day>[T<time>][-<reason>][-<n>].db; ``n`` tells copies made in one second apart.
_NAME = re.compile(
    r"^reflectie-(\d{4}-\d{2}-\d{2})(?:T(\d{6}))?(?:-([a-z]+(?:-[a-z]+)*))?(?:-(\d+))?\.db$"
)
#: Where restoring puts the file it replaces: intact ("vorige") or not ("beschadigd").
ASIDE_KINDS = ("vorige", "beschadigd")


class RestoreError(StorageError):
    """Putting a copy in place failed; the message says exactly what state is left."""


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
            day, time, reason, number = match.groups()
            key = (day, time or "", int(number or 1), candidate.name)
            found.append((key, BackupInfo(candidate, day, reason)))
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
    switching encryption stores its copy already in the new codec. A copy never
    replaces another one: two made in the same second get different names.
    """
    ensure_private_dir(paths.backups)
    target = unused_name(paths.backups, backup_stem(clock(), reason), ".db")
    atomic_write_bytes(target, paths.database.read_bytes() if data is None else data)
    return target


def backup_stem(now: datetime, reason: str | None = None) -> str:
    """``reflectie-<day>`` for a daily copy, ``reflectie-<day>T<time>-<reason>`` otherwise."""
    stamp = now.strftime("%Y-%m-%d") + (now.strftime("T%H%M%S") + f"-{reason}" if reason else "")
    return f"reflectie-{stamp}"


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
    """Put the automatic copy ``backup`` in place of the journal file; never delete it.

    Each step is durable before the next, so a kill or a full disk at any point
    leaves the previous journal in place (and opening) or the restored one:

    1. read and verify the copy;
    2. write it to a temp file beside the journal and fsync it;
    3. give the current journal file a second name, ``reflectie.db.vorige-<tijd>``
       (``.beschadigd-<tijd>`` when it is damaged): a hard link, or a durable copy
       where the file system has no links; fsync the folder;
    4. rename the temp file over the journal and fsync the folder.

    Returns where the previous file is kept (None if there was none). Every failure
    is a :class:`RestoreError` whose message says truthfully what is left. The caller
    must not hold the database open (the journal lock is taken here).
    """
    try:
        ensure_private_dir(paths.data_dir)
    except OSError as exc:
        raise _not_restored(exc) from exc
    lock = FileLock(paths.database.with_name(paths.database.name + ".lock"))
    lock.acquire()  # refuses while another window has the journal open
    try:
        # An interrupted encryption switch is settled first, so the copy is read
        # as it is once its drafts and copies follow the journal the switch left.
        try:
            settle_switch(paths)
        except SettleError as exc:
            raise RestoreError(f"De kopie is niet teruggezet. {exc}") from exc
        return _put_in_place(paths.database, _read_copy(backup), clock)
    finally:
        lock.release()


def _read_copy(backup: Path) -> bytes:
    try:
        data = backup.read_bytes()
    except OSError as exc:
        raise RestoreError(
            f"De kopie {backup} kan niet worden gelezen ({describe_os_error(exc)}). "
            "Er is niets gewijzigd."
        ) from exc
    try:
        parse_log(data, backup)
    except StorageError as exc:
        raise RestoreError(
            f"De reservekopie {backup} is zelf beschadigd of geen dagboek; kies een andere. "
            "Er is niets gewijzigd."
        ) from exc
    return data


def _not_restored(exc: OSError) -> RestoreError:
    return RestoreError(
        f"De kopie is niet teruggezet ({describe_os_error(exc)}). "
        "Er is niets gewijzigd: je dagboek is zoals het was."
    )


def _put_in_place(target: Path, data: bytes, clock: Clock) -> Path | None:
    try:
        tmp = write_temp_file(target, data)
    except OSError as exc:
        raise _not_restored(exc) from exc
    aside: Path | None = None
    linked = False
    try:
        # The copy is an older state of the log: the anchor would call it shortened.
        # Without it, the journal (still the old one) merely lacks the tail check.
        drop_anchor(target)
        if target.exists():
            aside, linked = _keep_aside(target, clock)
    except OSError as exc:  # never "niet bevestigd": the journal has not been touched
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise _not_restored(exc) from exc
    try:
        commit_temp_file(tmp, target)
    except ReplacedNotConfirmedError as exc:
        # The one step after which the copy is what a reader sees: only here.
        kept = f" Het vorige bestand staat in {aside}." if aside else ""
        raise RestoreError(
            "De kopie staat op de plaats van je dagboek, maar het vastleggen op schijf is "
            f"niet bevestigd ({describe_os_error(exc)}).{kept} Zet de kopie bij twijfel "
            "opnieuw terug."
        ) from exc
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if aside is not None:  # the journal is still in place: the extra name can go
            with contextlib.suppress(OSError):
                if not linked or os.path.samefile(aside, target):
                    aside.unlink()
        raise _not_restored(exc) from exc
    return aside


#: errno values of "this file system cannot hard-link": fall back to a copy.
_NO_LINKS = {errno.EPERM, errno.EXDEV, errno.EMLINK, errno.ENOSYS, errno.EOPNOTSUPP}


def _keep_aside(target: Path, clock: Clock) -> tuple[Path, bool]:
    """Give ``target`` a second, durable name; returns it and whether it is a hard link."""
    kind = ASIDE_KINDS[0] if is_intact(target) else ASIDE_KINDS[1]
    stamp = clock().strftime("%Y%m%dT%H%M%S")
    aside = unused_name(target.parent, f"{target.name}.{kind}-{stamp}", "")
    try:
        os.link(target, aside)
        linked = True
    except OSError as exc:
        if exc.errno not in _NO_LINKS and getattr(errno, "ENOTSUP", None) != exc.errno:
            raise
        try:
            atomic_write_bytes(aside, target.read_bytes())
        except ReplacedNotConfirmedError as not_confirmed:
            # The copy aside is whole but its name may not last; the journal itself
            # is untouched, so this is a plain failure: the copy goes again.
            with contextlib.suppress(OSError):
                aside.unlink()
            raise OSError(
                not_confirmed.errno, not_confirmed.strerror, not_confirmed.filename
            ) from not_confirmed
        linked = False
    try:
        fsync_dir(target.parent)
    except OSError:
        with contextlib.suppress(OSError):
            aside.unlink()  # the journal itself is still in place under its own name
        raise
    return aside, linked


def forget_unfinished_aside(paths: AppPaths) -> None:
    """Drop a second name a killed restore gave the journal file without replacing it.

    Such a name is a hard link to the journal in use (it would silently change with
    it); the journal itself stays. Anything else beside it is left alone.
    """
    database = paths.database
    for kind in ASIDE_KINDS:
        for candidate in paths.data_dir.glob(f"{database.name}.{kind}-*"):
            with contextlib.suppress(OSError):
                if os.path.samefile(candidate, database):
                    candidate.unlink()
                    fsync_dir(paths.data_dir)


def backup_age_days(info: BackupInfo, now: datetime) -> int:
    return (now.date() - datetime.strptime(info.day, "%Y-%m-%d").date()).days
