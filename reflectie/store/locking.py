"""An OS-level exclusive lock: released by the kernel when its holder dies, so a
killed process never leaves a lock that blocks the next start (unlike PID files)."""

from __future__ import annotations

import os
from pathlib import Path

from reflectie.store.errors import DatabaseLockedError
from reflectie.store.fileio import open_private

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True


class FileLock:
    """Hold an exclusive lock on ``path`` for as long as this object is open."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = open_private(self.path, os.O_RDWR | os.O_CREAT)
        if not _try_lock(fd):
            os.close(fd)
            raise DatabaseLockedError(self.path)
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor drops the lock
            self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None
