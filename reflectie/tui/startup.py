"""Opening the journal (and restoring a backup), as plain functions for a worker.

Every way opening can end becomes one message: the journal is open, it is
locked by another window, it is damaged (with the newest intact backup), or it
cannot be used at all. The app's worker posts whatever these return; nothing
here touches a widget, so the outcome is easy to test and the app stays small.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from textual.message import Message

from reflectie.backups import BackupInfo, last_good_backup, restore_backup
from reflectie.clock import Clock
from reflectie.database import MissingJournalError
from reflectie.encryption import is_encrypted
from reflectie.paths import AppPaths, ensure_private_dir
from reflectie.prompts import PromptFileError
from reflectie.session import open_session
from reflectie.store.errors import (
    CorruptDatabaseError,
    DatabaseLockedError,
    PassphraseRequiredError,
    StorageError,
    TamperedDatabaseError,
    WrongPassphraseError,
)
from reflectie.store.fileio import atomic_write_bytes
from reflectie.tui import messages as msg
from reflectie.tui.data import SessionHolder


def open_journal(
    paths: AppPaths,
    read_only: bool,
    clock: Clock,
    keep: Callable[[SessionHolder], bool],
    passphrase: str | None = None,
) -> Message:
    """Open the session; ``keep`` registers the holder (False: the app is closing)."""
    try:
        session = open_session(paths, read_only=read_only, clock=clock, passphrase=passphrase)
    except PassphraseRequiredError:
        return msg.SessionNeedsPassphrase("")
    except WrongPassphraseError as exc:
        return msg.SessionNeedsPassphrase(str(exc))
    except DatabaseLockedError as exc:
        return msg.SessionLocked(str(exc))
    except CorruptDatabaseError as exc:
        tampered = isinstance(exc, TamperedDatabaseError)
        return msg.SessionCorrupt(exc.path, exc.detail, find_backup(paths), tampered)
    except MissingJournalError as exc:
        return msg.SessionMissing(str(exc), exc.backup)
    except StorageError as exc:  # newer schema or format, a broken write, …
        return msg.SessionUnusable(str(exc))
    except OSError as exc:
        return msg.SessionUnusable(folder_message(paths, exc))
    holder = SessionHolder(session)
    if not keep(holder):
        holder.close()
        return msg.SessionUnusable("reflectie wordt afgesloten.")
    try:
        settings = session.settings.load()
        library = session.prompt_library()
        drafts = session.drafts.all()
    except (StorageError, PromptFileError, OSError) as exc:
        return msg.SessionUnusable(str(exc))
    return msg.SessionOpened(
        holder,
        settings,
        library,
        drafts,
        encrypted=is_encrypted(paths),
        lock_minutes=load_lock_minutes(paths),
    )


#: Choices for the auto-lock (minutes without a key press or mouse event).
LOCK_CHOICES = (5, 10, 15, 30, 60)
DEFAULT_LOCK_MINUTES = 10
LOCK_FILE = "tui.json"


def load_lock_minutes(paths: AppPaths) -> int:
    """The auto-lock minutes from the TUI's own small file (the core Settings has no field)."""
    try:
        doc = json.loads((paths.config_dir / LOCK_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return DEFAULT_LOCK_MINUTES
    value = doc.get("vergrendelen_na_minuten") if isinstance(doc, dict) else None
    return value if value in LOCK_CHOICES else DEFAULT_LOCK_MINUTES


def store_lock_minutes(paths: AppPaths, minutes: int) -> None:
    """Write the choice atomically and durably (a worker calls this)."""
    folder = ensure_private_dir(paths.config_dir)
    data = json.dumps({"vergrendelen_na_minuten": minutes}).encode("utf-8")
    atomic_write_bytes(folder / LOCK_FILE, data)


def restore(paths: AppPaths, backup: BackupInfo, clock: Clock) -> Message:
    """Put ``backup`` in place of the journal file (which keeps a second name).

    The same core function as ``reflectie herstel``: the copy is durably in place
    before the old file moves aside, and a failure says what is left.
    """
    try:
        aside = restore_backup(paths, backup.path, clock=clock)
    except (StorageError, OSError) as exc:
        return msg.SessionUnusable(str(exc))
    return msg.BackupRestored(aside)


def find_backup(paths: AppPaths) -> BackupInfo | None:
    try:
        return last_good_backup(paths)
    except OSError:
        return None


def folder_message(paths: AppPaths, exc: OSError) -> str:
    return (
        f"De map {paths.data_dir} kan niet worden gebruikt ({exc.strerror or exc}). "
        "Controleer of de map bestaat en of je er mag schrijven, of kies een andere met --data-dir."
    )
