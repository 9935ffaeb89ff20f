"""Messages that thread workers post back to the UI.

Workers never touch widgets: they do the blocking work (disk, search) and post
one of these; the handler on the UI thread updates the screen. That keeps every
widget change on one thread and makes the flow easy to assert on in tests
(``run_test(message_hook=...)``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textual.message import Message

from reflectie.backups import BackupInfo
from reflectie.drafts import Draft
from reflectie.model import Entry
from reflectie.prompts import PromptLibrary
from reflectie.settings import Settings
from reflectie.tui.data import SessionHolder
from reflectie.tui.feedback_data import FeedbackState


@dataclass
class SessionOpened(Message):
    """The journal is open; the app can show its first real screen."""

    holder: SessionHolder
    settings: Settings
    library: PromptLibrary
    drafts: list[Draft]
    encrypted: bool = False
    lock_minutes: int = 10


@dataclass
class SessionLocked(Message):
    """Another window holds the write lock on this journal."""

    message: str


@dataclass
class SessionCorrupt(Message):
    """The database file is damaged; ``backup`` is the newest intact copy, if any.

    ``tampered``: its records are intact one by one but not as a whole (an encrypted
    log that was shortened, or had records removed, moved or repeated).
    """

    path: Path
    message: str
    backup: BackupInfo | None
    tampered: bool = False


@dataclass
class SessionMissing(Message):
    """The journal file is gone but copies exist; ``backup`` is the newest intact one."""

    message: str
    backup: BackupInfo | None


@dataclass
class SessionNeedsPassphrase(Message):
    """The journal is encrypted; ``error`` says why the last passphrase failed, if one did."""

    error: str


@dataclass
class SessionUnusable(Message):
    """The journal cannot be opened at all (newer schema, unreadable folder …)."""

    message: str


@dataclass
class BackupRestored(Message):
    """A copy replaced the journal file; ``aside`` is where the previous file went."""

    aside: Path | None


@dataclass
class DraftFound(Message):
    """Answer to "is there a draft for this entry?" before the write screen opens."""

    draft: Draft | None
    entry: Entry | None
    prompt_id: str | None
    leervraag: str | None = None
    leervragen: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class DraftKeptAsNew(Message):
    """A stale draft was stored as a new entry; the editor opens on the entry it
    came from (``found`` and ``prompt`` as the draft lookup had them)."""

    entry: Entry
    found: DraftFound
    prompt: Any = None


@dataclass
class DraftSaved(Message):
    """A draft reached the disk (the editor shows when)."""

    bewaard: str


class DraftFailed(Message):
    """A draft did not reach the disk (the app has said why)."""


@dataclass
class EntrySaved(Message):
    """An entry was written durably; ``generation`` is the editor state that was saved."""

    entry: Entry
    generation: int
    close_after: bool


@dataclass
class OperationFailed(Message):
    """A worker could not do its job; ``message`` is Dutch and shown as plain text."""

    message: str


@dataclass
class SearchDone(Message):
    """The ids matching the journal filters, newest first."""

    ids: list[str]
    request: int


@dataclass
class EntryDeleted(Message):
    entry: Entry


@dataclass
class EntryRestored(Message):
    entry: Entry


@dataclass
class BackupMade(Message):
    path: Path


@dataclass
class SettingsStored(Message):
    """Settings reached the database (sent once per persisted change)."""

    settings: Settings


@dataclass
class SaveFailed(Message):
    """Saving an entry did not happen; ``message`` is Dutch (validation or disk)."""

    message: str


# -- feedback --------------------------------------------------------------------------------


@dataclass
class FeedbackDone(Message):
    """A feedback job finished; ``state`` is a fresh snapshot taken right after it."""

    action: str
    result: Any
    state: FeedbackState


@dataclass
class FeedbackFailed(Message):
    """A feedback job was refused or failed; ``message`` is Dutch, shown as plain text."""

    action: str
    message: str


@dataclass
class LinkedEntries(Message):
    """The reflections linked to one leervraag, newest first."""

    leervraag_id: str
    entries: list[Entry]


@dataclass
class ExchangeReady(Message):
    """The exchange text exists (and was written to ``path`` when one was given)."""

    text: str
    path: Path | None
    copy: bool
    state: FeedbackState


@dataclass
class OverwriteAsked(Message):
    """The target file exists; ask before replacing it."""

    path: Path
    copy: bool


@dataclass
class EncryptionSwitched(Message):
    """An encryption switch ended; ``reopen`` is the passphrase to open with (None: plain).

    ``error`` is empty on success. ``closed`` says whether the session was closed
    (then the app must reopen it, whatever the outcome). ``committed``: the switch
    happened although something after its commit point failed (``error`` says what).
    """

    kind: str
    error: str
    closed: bool
    reopen: str | None
    committed: bool = False
