"""The teacher's settings as the UI holds them: changed at once, stored in a worker.

Screens read :attr:`Preferences.current` (memory, never a disk read) and change
it with :meth:`Preferences.update`; the change is visible immediately and reaches
the database in a thread worker. Each field remembers the sequence number of its
latest change and a worker writes only the fields it is still the latest for,
so two quick changes (licht → donker → licht) can never land in the wrong order.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import Any

from textual.message_pump import MessagePump

from reflectie.settings import Settings
from reflectie.store.errors import StorageError
from reflectie.tui import messages as msg
from reflectie.tui.data import SessionHolder

#: How many shown prompts the core keeps (mirrors ``SettingsStore.remember_prompt``).
RECENT_PROMPTS = 30


class Preferences:
    """In-memory settings with write-behind to the session's ``SettingsStore``."""

    def __init__(self, owner: MessagePump) -> None:
        self._owner = owner
        self.current = Settings()
        self._holder: SessionHolder | None = None
        self._sequence = 0
        self._latest: dict[str, int] = {}

    def attach(self, holder: SessionHolder, stored: Settings) -> None:
        """Start from what is stored in a freshly opened journal."""
        self._holder = holder
        self.current = stored

    @property
    def writable(self) -> bool:
        return self._holder is not None and not self._holder.read_only

    def update(self, **changes: Any) -> bool:
        """Apply ``changes`` now; store them in a worker. False when read-only."""
        self.current = replace(self.current, **changes)
        if not self.writable:
            return False
        self._sequence += 1
        for field in changes:
            self._latest[field] = self._sequence
        self._run(partial(self._store, self._sequence, dict(changes)))
        return True

    def remember_prompt(self, prompt_id: str) -> None:
        """Note a shown prompt so rotation avoids it (memory now, disk in a worker)."""
        recent = (prompt_id, *[p for p in self.current.recente_vragen if p != prompt_id])
        self.current = replace(self.current, recente_vragen=recent[:RECENT_PROMPTS])
        if self.writable:
            self._run(partial(self._store_prompt, prompt_id))

    def _run(self, work: partial[None]) -> None:
        self._owner.run_worker(work, thread=True, group="settings")

    def _store(self, sequence: int, changes: dict[str, Any]) -> None:
        fields = {k: v for k, v in changes.items() if self._latest.get(k) == sequence}
        if not fields or self._holder is None:
            return
        try:
            with self._holder.use() as session:
                stored = session.settings.update(**fields)
        except (StorageError, ValueError, OSError) as exc:
            self._owner.post_message(msg.OperationFailed(f"Instellingen niet bewaard: {exc}"))
            return
        self._owner.post_message(msg.SettingsStored(stored))

    def _store_prompt(self, prompt_id: str) -> None:
        if self._holder is None:
            return
        try:
            with self._holder.use() as session:
                session.settings.remember_prompt(prompt_id)
        except (StorageError, OSError) as exc:
            message = f"Kon de getoonde vraag niet onthouden: {exc}"
            self._owner.post_message(msg.OperationFailed(message))
