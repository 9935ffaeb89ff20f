"""Opening the journal (and restoring a backup), as plain functions for a worker.

Every way opening can end becomes one message: the journal is open, it is
locked by another window, it is damaged (with the newest intact backup), or it
cannot be used at all. The app's worker posts whatever these return; nothing
here touches a widget, so the outcome is easy to test and the app stays small.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.message import Message

from reflectie.backups import BackupInfo, last_good_backup, restore_backup
from reflectie.clock import Clock
from reflectie.paths import AppPaths
from reflectie.prompts import PromptFileError
from reflectie.session import open_session
from reflectie.store.errors import (
    CorruptDatabaseError,
    DatabaseLockedError,
    PassphraseRequiredError,
    StorageError,
    WrongPassphraseError,
)
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
        return msg.SessionCorrupt(exc.path, exc.detail, find_backup(paths))
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
    return msg.SessionOpened(holder, settings, library, drafts)


def restore(paths: AppPaths, backup: BackupInfo, clock: Clock) -> Message:
    """Put ``backup`` in place of the damaged file (which is kept aside)."""
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
