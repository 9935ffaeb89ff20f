"""Small durable-file primitives shared by the storage, backups and exports.

A rename is only durable once the containing folder is fsynced, and a file only
once its own descriptor is; both are easy to forget, so they live here once.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path

from reflectie.paths import FILE_MODE

TEMP_MARK = ".tmp-"


def fsync_dir(path: Path) -> None:
    """Make a rename or creation inside ``path`` durable (no-op where unsupported)."""
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def open_private(path: Path, flags: int) -> int:
    """Open (or create) a file readable by its owner only."""
    fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0), FILE_MODE)
    if os.name == "posix":
        os.fchmod(fd, FILE_MODE)
    return fd


def write_all(fd: int, data: bytes) -> None:
    """``os.write`` may write less than asked; loop until everything is out."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def temp_path_for(target: Path) -> Path:
    """A unique sibling temp name that :func:`remove_stale_temps` recognises."""
    return target.with_name(f"{target.name}{TEMP_MARK}{secrets.token_hex(6)}")


class ReplacedNotConfirmedError(OSError):
    """The new file is in place, but the folder fsync that makes the rename last failed.

    Callers that tell the user "nothing changed" on an ``OSError`` must not say so
    for this one: the new contents are what a reader sees now.
    """


class RemovalNotConfirmedError(OSError):
    """The file is gone, but the folder fsync that makes that last failed."""


def write_temp_file(target: Path, data: bytes) -> Path:
    """Write ``data`` durably to a fresh temp file beside ``target``; return its path."""
    tmp = temp_path_for(target)
    fd = open_private(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL)
    try:
        try:
            write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return tmp


def commit_temp_file(tmp: Path, target: Path) -> None:
    """Rename a :func:`write_temp_file` result over ``target`` and make that durable."""
    try:
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    try:
        fsync_dir(target.parent)
    except OSError as exc:
        raise ReplacedNotConfirmedError(exc.errno, exc.strerror, exc.filename) from exc


def atomic_write_bytes(target: Path, data: bytes) -> None:
    """Replace ``target`` with ``data`` so that a crash leaves either old or new, never a mix."""
    commit_temp_file(write_temp_file(target, data), target)


def unused_name(folder: Path, stem: str, suffix: str) -> Path:
    """``folder/stem+suffix``, or ``stem-2``, ``stem-3`` … when that name is taken.

    Callers hold the journal lock, so no other reflectie process picks the same name.
    """
    candidate = folder / f"{stem}{suffix}"
    number = 1
    while candidate.exists() or candidate.is_symlink():
        number += 1
        candidate = folder / f"{stem}-{number}{suffix}"
    return candidate


def remove_stale_temps(target: Path) -> list[Path]:
    """Delete temp files a killed process left beside ``target``; they are never loaded."""
    removed = []
    for leftover in target.parent.glob(f"{target.name}{TEMP_MARK}*"):
        with contextlib.suppress(OSError):
            leftover.unlink()
            removed.append(leftover)
    return removed


@contextlib.contextmanager
def private_umask() -> Iterator[None]:
    """Create files and folders private even where a library ignores our modes."""
    if os.name != "posix":
        yield
        return
    old = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(old)
