"""The Textual app: opens the journal, holds the session, routes between screens.

Kept small on purpose: the screens do the screen work, the commands come from
:mod:`reflectie.tui.commands`, and all disk work runs in thread workers that
post :mod:`reflectie.tui.messages`. The same constructor serves ``run_tui``
and the tests (which pass a fixed clock, a seeded ``Random`` and zero delays).
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Sequence
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, on, work
from textual.app import App
from textual.content import Content
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from reflectie import encryption
from reflectie.backups import BackupInfo
from reflectie.clock import Clock, system_clock
from reflectie.drafts import NEW_ENTRY, Draft, is_stale
from reflectie.errors_text import describe_os_error
from reflectie.journal import NotFoundError
from reflectie.model import Entry, ValidationError
from reflectie.paths import AppPaths
from reflectie.prompts import Prompt, PromptLibrary
from reflectie.session import Session
from reflectie.settings import Settings
from reflectie.store.errors import StorageError, WrongPassphraseError
from reflectie.theme_files import DEFAULT_THEME
from reflectie.tui import messages as msg
from reflectie.tui import startup
from reflectie.tui.commands import BY_ID, READ_ONLY_MESSAGE, app_bindings, key_of
from reflectie.tui.data import SessionHolder, UiOptions
from reflectie.tui.preferences import Preferences
from reflectie.tui.screens import recovery
from reflectie.tui.screens.base import CommandScreen
from reflectie.tui.themes import register_theme_specs
from reflectie.tui.workers import ReportedWorkers, error_text, is_error, wait_for_workers

if TYPE_CHECKING:
    from textual.command import Provider

    from reflectie.tui.screens.unlock import UnlockScreen


def palette_provider() -> type[Provider]:
    """The palette's provider, imported when the palette first opens (start-up time)."""
    from reflectie.tui.palette import ReflectieCommands

    return ReflectieCommands


class ReflectieApp(ReportedWorkers, App[int], inherit_bindings=False):
    """reflectie's terminal interface."""

    TITLE = "reflectie"
    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute: subclasses live elsewhere
    BINDINGS: ClassVar = app_bindings()
    COMMANDS: ClassVar = {palette_provider}
    NOTIFICATION_TIMEOUT = 6

    def __init__(
        self,
        paths: AppPaths,
        *,
        clock: Clock | None = None,
        rng: random.Random | None = None,
        read_only: bool = False,
        options: UiOptions | None = None,
    ) -> None:
        super().__init__()
        self.paths = paths
        self.clock: Clock = clock or system_clock
        self.rng = rng or random.Random()
        self.options = options or UiOptions()
        self.holder: SessionHolder | None = None
        self.preferences = Preferences(self)
        self.library = PromptLibrary(sets=())
        self.theme_labels: dict[str, str] = {}
        self._want_read_only = read_only
        self._open_lock = threading.Lock()
        self._journal_closing = False
        self._opened: list[SessionHolder] = []
        #: Is the open journal encrypted (auto-lock and the settings section ask this)?
        self.encrypted = False
        self.lock_minutes = startup.DEFAULT_LOCK_MINUTES
        self._last_activity = self.clock()
        #: While the journal is closed on purpose (switching encryption, locking).
        self._closing_on_purpose = False
        #: After a switch: reopen in place (keep the screens) rather than show home.
        self._reopen_in_place = False
        #: Workers run on the app for a screen (see run_for): errors go to the screen.
        self._worker_owners: dict[Worker[Any], Any] = {}
        #: The passphrase screen while one is shown (at the start, or over the screens
        #: after an auto-lock); it stays until the journal is open.
        self._unlock_screen: UnlockScreen | None = None
        #: A lock is still closing the journal: a passphrase typed meanwhile waits.
        self._lock_closing = False
        self._pending_passphrase: str | None = None

    # -- state --------------------------------------------------------------------

    @property
    def read_only(self) -> bool:
        return self.holder.read_only if self.holder is not None else self._want_read_only

    @property
    def closing_on_purpose(self) -> bool:
        """Is the journal being closed (switch, lock)? Nothing may write to it now."""
        return self._closing_on_purpose

    @property
    def session(self) -> Session:
        """The open session (only valid once :class:`msg.SessionOpened` arrived)."""
        assert self.holder is not None, "the journal is not open yet"
        return self.holder.session

    # -- start-up -----------------------------------------------------------------

    def get_default_screen(self) -> Screen[Any]:
        return recovery.LoadingScreen()

    def on_mount(self) -> None:
        specs, problems = register_theme_specs(self, self.paths.user_themes)
        self.theme_labels = {spec.name: spec.label for spec in specs}
        self.theme = DEFAULT_THEME
        if problems:
            self.notify(
                "\n".join(problems),
                title="Niet alle thema's konden worden geladen",
                severity="warning",
                timeout=12,
                markup=False,
            )
        self.open_journal(self._want_read_only)
        self.set_interval(self.options.idle_check_seconds, self.check_auto_lock, name="auto-lock")

    @work(thread=True, exclusive=True, group="session")
    def open_journal(self, read_only: bool, passphrase: str | None = None) -> None:
        """Open the session off the UI thread; the outcome arrives as a message."""
        self.post_message(
            startup.open_journal(self.paths, read_only, self.clock, self._keep, passphrase)
        )

    @on(msg.SessionNeedsPassphrase)
    def session_needs_passphrase(self, message: msg.SessionNeedsPassphrase) -> None:
        """Ask the passphrase, or say on the screen that asks why the last one failed.

        When the journal is reopened in place (after a lock or a switch), the screen
        lies over the teacher's screens, which stay as they are.
        """
        from reflectie.tui.screens.unlock import UnlockScreen

        screen = self._unlock_screen
        if screen is not None and screen in self.screen_stack:
            screen.show_error(message.error)
            return
        screen = UnlockScreen(
            message.error,
            on_submit=self._try_passphrase,
            on_quit=lambda: self.exit(return_code=1),
            over_screens=self._reopen_in_place,
        )
        self._unlock_screen = screen
        self.push_screen(screen)

    def _try_passphrase(self, passphrase: str) -> None:
        if self._lock_closing:  # the journal is still being closed: try once it is
            self._pending_passphrase = passphrase
            return
        self.open_journal(self._want_read_only, passphrase)

    def _remove_unlock_screen(self) -> None:
        """The journal is open: the passphrase screen goes (and anything on top of it)."""
        screen, self._unlock_screen = self._unlock_screen, None
        while screen is not None and screen in self.screen_stack:
            self.pop_screen()

    def _keep(self, holder: SessionHolder) -> bool:
        """Register an opened session so unmount closes it, unless we are closing already."""
        with self._open_lock:
            if self._journal_closing:
                return False
            self._opened.append(holder)
            return True

    @on(msg.SessionOpened)
    def session_opened(self, message: msg.SessionOpened) -> None:
        self.holder = message.holder
        self.encrypted = message.encrypted
        self.lock_minutes = message.lock_minutes
        self._closing_on_purpose = False
        self._last_activity = self.clock()
        self._remove_unlock_screen()
        if self._reopen_in_place:
            self._reopen_in_place = False
            self.preferences.attach(message.holder, message.settings)
            self._journal_usable_again()
            return
        self.preferences.attach(message.holder, message.settings)
        self.library = message.library
        self.theme = (
            message.settings.thema if message.settings.thema in self.theme_labels else DEFAULT_THEME
        )
        if self.read_only:
            self.notify(READ_ONLY_MESSAGE, title="Alleen-lezen", severity="warning", markup=False)
        if message.library.problems:
            self.notify(
                "\n".join(message.library.problems),
                title="Niet alle vragensets konden worden geladen",
                severity="warning",
                timeout=12,
                markup=False,
            )
        if message.drafts and not self.read_only:
            self.notify(
                "Er staat een niet-opgeslagen concept klaar. Het wordt aangeboden zodra je "
                f"die reflectie weer opent ({key_of('schrijf')} of {key_of('vrij_schrijven')} "
                "voor een nieuwe).",
                title="Concept gevonden",
            )
        if message.settings.configured:
            self.show_home()
        else:
            from reflectie.tui.screens.welcome import WelcomeScreen

            self.push_screen(WelcomeScreen())

    def _journal_usable_again(self) -> None:
        """The journal is open for writing again after a switch or a lock that did not
        happen: screens catch up (an editor writes the draft it held back)."""
        for screen in self.screen_stack:
            refresh = getattr(screen, "journal_reopened", None)
            if callable(refresh):
                refresh()

    def format_title(self, title: str, sub_title: str) -> Content:
        """The header text; a read-only journal says so on every screen."""
        if self.read_only:
            sub_title = f"{sub_title} · alleen-lezen" if sub_title else "alleen-lezen"
        return super().format_title(title, sub_title)

    def show_home(self) -> None:
        """The start screen, on top of the loading screen (or in place of the welcome)."""
        from reflectie.tui.screens.home import HomeScreen

        if isinstance(self.screen, CommandScreen) and self.screen.SCREEN_NAME == "welcome":
            self.switch_screen(HomeScreen())
        else:
            self.push_screen(HomeScreen())

    @on(msg.SessionLocked)
    def session_locked(self, message: msg.SessionLocked) -> None:
        def chosen(choice: str | None) -> None:
            if choice == recovery.READ_ONLY:
                self._want_read_only = True  # also when a passphrase is asked next
                self.open_journal(True)
            else:
                self.exit(return_code=1)

        self.push_screen(recovery.locked_screen(message.message), chosen)

    @on(msg.SessionCorrupt)
    def session_corrupt(self, message: msg.SessionCorrupt) -> None:
        def chosen(choice: str | None) -> None:
            if choice == recovery.RESTORE and message.backup is not None:
                self.restore(message.backup)
            else:
                self.exit(return_code=1)

        screen = recovery.corrupt_screen(
            str(message.path), message.message, message.backup, tampered=message.tampered
        )
        self.push_screen(screen, chosen)

    @on(msg.SessionMissing)
    def session_missing(self, message: msg.SessionMissing) -> None:
        def chosen(choice: str | None) -> None:
            if choice == recovery.RESTORE and message.backup is not None:
                self.restore(message.backup)
            else:
                self.exit(return_code=1)

        self.push_screen(recovery.missing_screen(message.message, message.backup), chosen)

    @on(msg.SessionUnusable)
    def session_unusable(self, message: msg.SessionUnusable) -> None:
        self.push_screen(
            recovery.unusable_screen(message.message), lambda _: self.exit(return_code=1)
        )

    # Its own group, like the encryption switch: the reopen must not cancel it.
    @work(thread=True, exclusive=True, group="restore")
    def restore(self, backup: BackupInfo) -> None:
        self.post_message(startup.restore(self.paths, backup, self.clock))

    @on(msg.BackupRestored)
    def backup_restored(self, message: msg.BackupRestored) -> None:
        where = f" Het vorige bestand staat apart: {message.aside}" if message.aside else ""
        self.notify(
            "De reservekopie is teruggezet." + where, title="Hersteld", markup=False, timeout=12
        )
        self.open_journal(False)

    # -- encryption at rest -------------------------------------------------------

    def switch_encryption(self, kind: str, old: str | None, new: str | None) -> None:
        """Turn encryption on (``aan``), change it (``wijzig``) or off (``uit``).

        The core opens the database itself, so drafts are flushed first, then a
        worker checks the passphrases, closes the session, switches and the app
        reopens the journal with the new passphrase, keeping the screens.
        """
        holder = self.holder
        if holder is None or self._closing_on_purpose:
            return
        self._closing_on_purpose = True
        self.notify("Even geduld: je dagboek wordt omgezet…", markup=False)

        def start() -> None:
            self._run_switch(holder, kind, old, new)

        self._flush_then(start)

    def _flush_then(self, then: Callable[[], object]) -> None:
        """Write every editor's text as a draft, wait for disk work, then ``then()``."""
        from reflectie.tui.screens.write import WriteScreen

        for screen in self.screen_stack:
            if isinstance(screen, WriteScreen):
                screen.flush_draft()

        async def finish() -> None:
            # A disk worker that failed has told the teacher (the one handler) and
            # its screen kept what it holds; whoever goes on checks what is safe.
            await wait_for_workers([w for w in self.workers if w.group in DISK_GROUPS])
            then()

        self.call_later(finish)

    # Its own group: the reopen it leads to (group "session", exclusive) must not
    # cancel it while it is still finishing.
    @work(thread=True, exclusive=True, group="encryption-switch")
    def _run_switch(
        self, holder: SessionHolder, kind: str, old: str | None, new: str | None
    ) -> None:
        paths = self.paths
        current = old if kind != "aan" else None
        try:
            if new is not None:
                encryption.check_new_passphrase(new)
            if current is not None:
                encryption.check_passphrase(paths, current)
        except (ValidationError, StorageError) as exc:
            self.post_message(msg.EncryptionSwitched(kind, _switch_error(exc), False, None))
            return
        holder.close()
        try:
            if kind == "aan":
                assert new is not None
                encryption.enable(paths, new, clock=self.clock)
            elif kind == "wijzig":
                assert old is not None and new is not None
                encryption.change(paths, old, new, clock=self.clock)
            else:
                assert old is not None
                encryption.disable(paths, old, clock=self.clock)
        except encryption.SwitchError as exc:
            # The core says whether the commit point was passed: reopen the way the
            # journal opens now, and show its message, which says the same.
            reopen = (None if kind == "uit" else new) if exc.committed else current
            self.post_message(
                msg.EncryptionSwitched(kind, str(exc), True, reopen, committed=exc.committed)
            )
            return
        except (ValidationError, StorageError, OSError) as exc:
            # Refused before anything was staged (wrong passphrase, the open failed).
            self.post_message(msg.EncryptionSwitched(kind, _switch_error(exc), True, current))
            return
        reopen = None if kind == "uit" else new
        self.post_message(msg.EncryptionSwitched(kind, "", True, reopen))

    @on(msg.EncryptionSwitched)
    def encryption_switched(self, message: msg.EncryptionSwitched) -> None:
        if message.error and message.committed:
            self.notify(message.error, title="Let op", severity="warning", markup=False, timeout=15)
        elif message.error:
            self.notify(
                message.error, title="Niet gelukt", severity="error", markup=False, timeout=15
            )
        else:
            self.notify(SWITCHED[message.kind], title="Versleuteling", markup=False, timeout=10)
        if not message.closed:
            self._closing_on_purpose = False
            self._journal_usable_again()
            return
        self.holder = None
        self._reopen_in_place = True
        self.open_journal(self._want_read_only, message.reopen)

    # -- auto-lock ----------------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.MouseEvent)) and not event.is_forwarded:
            self._last_activity = self.clock()
        await super().on_event(event)

    def check_auto_lock(self) -> None:
        """Lock an encrypted journal after ``lock_minutes`` without a key or mouse event."""
        if not self.encrypted or self.holder is None or self._closing_on_purpose:
            return
        if self.clock() - self._last_activity >= timedelta(minutes=self.lock_minutes):
            self.lock_journal()

    def lock_journal(self) -> None:
        """Hide every screen under the passphrase screen, then close the session.

        The screens are not closed: an editor, a feedback form, a BKC answer or a
        dialog keeps what was typed in it, and is back once the journal is open
        again. Editors still write their drafts first (a crash while locked loses
        nothing), and whatever writes to disk finishes before the session closes.
        """
        holder = self.holder
        if holder is None or self._closing_on_purpose:
            return
        self._closing_on_purpose = True
        self._lock_closing = True
        self._reopen_in_place = True
        self.session_needs_passphrase(
            msg.SessionNeedsPassphrase("Vergrendeld na een tijd zonder activiteit.")
        )

        async def close() -> None:
            # A disk worker that failed has told the teacher; its screen kept its text.
            await wait_for_workers([w for w in self.workers if w.group in DISK_GROUPS])
            self.holder = None
            await wait_for_workers([self._close_holder(holder)])  # an error was reported
            self._lock_closing = False
            pending, self._pending_passphrase = self._pending_passphrase, None
            if pending is not None:
                self.open_journal(self._want_read_only, pending)

        self._flush_then(lambda: self.call_later(close))

    @work(thread=True, group="session-close")
    def _close_holder(self, holder: SessionHolder) -> None:
        holder.close()

    def store_lock_minutes(self, minutes: int) -> None:
        """Use ``minutes`` now; remember it in the TUI's own file (a worker)."""
        self.lock_minutes = minutes
        self.run_worker(lambda: _store_minutes(self, minutes), thread=True, group="lock-minutes")

    # -- themes and settings ------------------------------------------------------

    def choose_theme(self, name: str) -> None:
        """Apply a theme now and remember it (palette and settings screen)."""
        if name not in self.theme_labels:
            return
        self.theme = name
        if not self.update_settings(thema=name):
            self.notify(
                "Thema toegepast, maar niet bewaard: dit dagboek is alleen-lezen.", markup=False
            )

    @property
    def settings(self) -> Settings:
        """The current settings (memory; see :class:`Preferences`)."""
        return self.preferences.current

    def update_settings(self, **changes: Any) -> bool:
        """Change settings now and store them; False when the journal is read-only."""
        return self.preferences.update(**changes)

    def remember_prompt(self, prompt_id: str) -> None:
        self.preferences.remember_prompt(prompt_id)

    # -- worker errors ------------------------------------------------------------

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The one handler for worker errors: the app's own and those screens forward.

        No worker ends the app (see :mod:`reflectie.tui.workers`). The teacher is
        told, and the node that started the work puts itself right.
        """
        worker = event.worker
        owner = self._worker_owners.get(worker, worker.node)
        if event.state in (WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED):
            self._worker_owners.pop(worker, None)
        if not is_error(event):
            return
        self.log.error(f"worker {worker.name!r} ({worker.group}) failed: {worker.error!r}")
        self.notify(
            error_text(worker), title="Onverwachte fout", severity="error", markup=False, timeout=15
        )
        recover = getattr(owner, "worker_failed", None)
        if callable(recover):
            recover(worker)

    def run_for(
        self, owner: Any, work: Callable[[], object], *, name: str, group: str
    ) -> Worker[Any]:
        """Run ``work`` in a thread worker of the app on behalf of ``owner`` (a screen).

        Closing the screen does not cancel it (Textual cancels a screen's own
        workers on unmount, and waiting for a cancelled thread worker returns while
        its thread still writes); an error still reaches ``owner.worker_failed``.
        """
        worker = self.run_worker(work, name=name, group=group, thread=True)
        self._worker_owners[worker] = owner
        return worker

    def worker_failed(self, worker: Worker[Any]) -> None:
        """Recover from an unexpected error in one of the app's own workers."""
        if worker.name == "open_journal" and self.holder is None:
            self.session_unusable(msg.SessionUnusable(error_text(worker)))
        elif worker.name == "restore":
            self.open_journal(False)  # shows whatever state the journal is in now
        elif worker.name == "_run_switch":
            holder = self.holder
            if holder is not None and holder.closed:
                # The switch got as far as closing the journal: open it again (the
                # unlock screen asks which passphrase opens it now), keep the screens.
                self.holder = None
                self._reopen_in_place = True
                self.open_journal(self._want_read_only)
            else:
                self._closing_on_purpose = False
                self._journal_usable_again()

    @on(msg.OperationFailed)
    def operation_failed(self, message: msg.OperationFailed) -> None:
        self.notify(
            message.message, title="Niet gelukt", severity="error", markup=False, timeout=10
        )

    # -- navigation ---------------------------------------------------------------

    def show_help(self) -> None:
        from reflectie.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def show_journal(self, select: str | None = None) -> None:
        from reflectie.tui.screens.journal import JournalScreen

        self.push_screen(JournalScreen(select=select))

    def show_settings(self) -> None:
        from reflectie.tui.screens.settings import SettingsScreen

        self.push_screen(SettingsScreen())

    def show_leervragen(self, select: str | None = None) -> None:
        from reflectie.tui.screens.leervragen import LeervragenScreen

        self.push_screen(LeervragenScreen(select=select))

    def show_feedback(self) -> None:
        from reflectie.tui.screens.feedback import FeedbackOverviewScreen

        self.push_screen(FeedbackOverviewScreen())

    def show_import(self) -> None:
        from reflectie.tui.screens.importer import ImportScreen

        self.push_screen(ImportScreen())

    def open_round(self, round_id: str, *, voornemen: str | None = None) -> None:
        """A's feedback round; ``voornemen`` is highlighted (to evaluate it)."""
        from reflectie.tui.screens.round import RoundScreen

        self.push_screen(RoundScreen(round_id, voornemen=voornemen))

    def open_received(self, request_id: str) -> None:
        """B's answer form for a received feedbackvraag."""
        from reflectie.tui.screens.answer import AnswerScreen

        self.push_screen(AnswerScreen(request_id))

    def open_due(self, due: Sequence[tuple[dict[str, Any], dict[str, Any]]]) -> None:
        """The round of the first voornemen whose evaluation day has come."""
        if not due:
            self.notify("Er zijn nu geen voornemens om te evalueren.")
            return
        doc, voornemen = due[0]
        self.open_round(doc["id"], voornemen=voornemen["id"])

    def open_writer(
        self,
        *,
        entry: Entry | None = None,
        prompt: Prompt | None = None,
        leervraag: str | None = None,
    ) -> None:
        """Open the editor for a new entry or ``entry``, offering a draft when one exists.

        ``leervraag`` links a new entry to that leervraag (it can be changed there).
        """
        if self.read_only:
            self.notify(READ_ONLY_MESSAGE, title="Alleen-lezen", severity="warning", markup=False)
            return
        if self.holder is not None:
            self._look_for_draft(self.holder, entry, prompt.id if prompt else None, leervraag)

    @work(thread=True, exclusive=True, group="draft-lookup")
    def _look_for_draft(
        self,
        holder: SessionHolder,
        entry: Entry | None,
        prompt_id: str | None,
        leervraag: str | None,
    ) -> None:
        """The draft (if any), the entry as it is now (a draft is compared with that,
        not with what a list showed) and the leervragen the editor offers to link to."""
        try:
            with holder.use() as session:
                draft = session.drafts.load(entry.id if entry else NEW_ENTRY)
                if entry is not None:
                    entry = session.journal.get(entry.id)
                leervragen = session.feedback.leervragen()
        except (NotFoundError, StorageError, OSError) as exc:  # e.g. deleted meanwhile
            self.post_message(msg.OperationFailed(str(exc)))
            return
        self.post_message(msg.DraftFound(draft, entry, prompt_id, leervraag, leervragen))

    @on(msg.DraftFound)
    def draft_found(self, message: msg.DraftFound) -> None:
        """Open the editor, first asking about a draft if there is one."""
        if not isinstance(self.screen, CommandScreen) or self.screen.SCREEN_NAME == "write":
            return  # a second press of the key while the first one was answered
        prompt = self.library.find(message.prompt_id) if message.prompt_id else None
        draft = message.draft
        if draft is None:
            self._push_writer(message, prompt, None)
            return
        if message.entry is not None and is_stale(draft, message.entry):
            self._offer_stale_draft(message, prompt, draft, message.entry)
            return

        def chosen(choice: str | None) -> None:
            if choice == "verder":
                draft_prompt = self.library.find(draft.prompt) if draft.prompt else prompt
                self._push_writer(message, draft_prompt, draft)
            elif choice == "opnieuw":
                self._discard_draft(draft.entry_id)
                self._push_writer(message, prompt, None)

        from reflectie.tui.screens.write import draft_offer

        self.push_screen(draft_offer(draft, editing=message.entry is not None), chosen)

    def _push_writer(
        self, found: msg.DraftFound, prompt: Prompt | None, draft: Draft | None
    ) -> None:
        from reflectie.tui.screens.write import WriteScreen

        self.push_screen(
            WriteScreen(
                entry=found.entry,
                prompt=prompt,
                draft=draft,
                leervraag=found.leervraag,
                leervragen=found.leervragen,
            )
        )

    @work(thread=True, group="draft")
    def _discard_draft(self, entry_id: str) -> None:
        try:
            self.session.drafts.discard(entry_id)
        except OSError as exc:
            from reflectie.tui.screens.write import discard_failed

            self.post_message(msg.OperationFailed(discard_failed(exc)))

    def _offer_stale_draft(
        self, found: msg.DraftFound, prompt: Prompt | None, draft: Draft, entry: Entry
    ) -> None:
        """A draft of an older version of ``entry``: keep it as a new entry, compare,
        or discard it; never continue it over the newer text."""
        from reflectie.tui.screens.draft_compare import (
            COMPARE,
            DISCARD,
            KEEP_AS_NEW,
            DraftCompareScreen,
            stale_draft_offer,
        )

        def chosen(choice: str | None) -> None:
            if choice == KEEP_AS_NEW and self.holder is not None:
                self._keep_draft_as_new(self.holder, draft, found, prompt)
            elif choice == COMPARE:
                self.push_screen(DraftCompareScreen(draft, entry), compared)
            elif choice == DISCARD:
                self._discard_draft(draft.entry_id)
                self._push_writer(found, prompt, None)

        def compared(choice: str | None) -> None:
            if choice is None:  # back to the question
                self.push_screen(stale_draft_offer(draft, entry), chosen)
            else:
                chosen(choice)

        self.push_screen(stale_draft_offer(draft, entry), chosen)

    @work(thread=True, group="save")
    def _keep_draft_as_new(
        self,
        holder: SessionHolder,
        draft: Draft,
        found: msg.DraftFound,
        prompt: Prompt | None,
    ) -> None:
        """Store the stale draft as a new entry, then remove it (the entry it came from
        keeps its newer text); the editor then opens on that entry."""
        try:
            with holder.use() as session:
                new = session.journal.write(
                    draft.tekst,
                    prompt=draft.prompt,
                    promptset=draft.promptset,
                    tags=draft.tags,
                    deelbaar=draft.deelbaar,
                    leervraag=draft.leervraag,
                )
                try:
                    session.drafts.discard(draft.entry_id)
                except OSError as exc:
                    from reflectie.tui.screens.write import discard_failed

                    self.post_message(msg.OperationFailed(discard_failed(exc)))
        except (ValidationError, StorageError, OSError) as exc:
            self.post_message(
                msg.OperationFailed(f"Het concept is niet bewaard ({exc}); het staat nog klaar.")
            )
            return
        self.post_message(msg.DraftKeptAsNew(new, found, prompt))

    @on(msg.DraftKeptAsNew)
    def kept_as_new(self, message: msg.DraftKeptAsNew) -> None:
        title = message.entry.title[:50]
        self.notify(
            f"Je concept staat nu als nieuwe reflectie in je dagboek: “{title}”.",
            title="Bewaard als nieuwe reflectie",
            markup=False,
        )
        self._push_writer(message.found, message.prompt, None)

    # -- app-wide commands --------------------------------------------------------

    def action_run(self, command_id: str) -> None:
        self.run_command(command_id)

    def run_command(self, command_id: str) -> None:
        handler = getattr(self, f"cmd_{BY_ID[command_id].id}")
        handler()

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(
                CommandPalette(placeholder="Zoek een opdracht…", id="--command-palette")
            )

    def cmd_afsluiten(self) -> None:
        """Quit, but never past unsaved text without asking."""
        locked = self._unlock_screen
        if locked is not None and locked is self.screen and locked.over_screens:
            locked.action_quit()  # asks once: the screens beneath may hold typed text
            return
        for screen in reversed(self.screen_stack):
            if isinstance(screen, CommandScreen) and screen.has_unsaved_changes():
                if screen is not self.screen:
                    self.notify("Sluit eerst dit venster; er is nog niet-opgeslagen tekst.")
                    return
                screen.request_leave(self._quit_after_work)
                return
        self._quit_after_work()

    def _quit_after_work(self) -> None:
        async def finish() -> None:
            await wait_for_workers(list(self.workers))  # a failed one was reported
            self.exit(return_code=0)

        self.call_later(finish)

    def on_unmount(self) -> None:
        """Close the session; waits for a worker that is still writing."""
        with self._open_lock:
            self._journal_closing = True
            opened = list(self._opened)
        for holder in opened:
            holder.close()


#: Worker groups that write to disk and must finish before the session closes.
DISK_GROUPS = frozenset(
    {"draft", "save", "settings", "backup", "feedback", "plg-write", "lock-minutes"}
)

SWITCHED = {
    "aan": "Je dagboek is nu versleuteld. Vergeet je wachtwoord niet.",
    "wijzig": "Je wachtwoord is gewijzigd.",
    "uit": "Je dagboek is niet meer versleuteld.",
}


def _switch_error(exc: Exception) -> str:
    if isinstance(exc, WrongPassphraseError):
        return "Onjuist wachtwoord. Er is niets gewijzigd."
    if isinstance(exc, OSError):
        return f"Niet gelukt ({describe_os_error(exc)}). Er is niets gewijzigd."
    return str(exc)


def _store_minutes(app: ReflectieApp, minutes: int) -> None:
    try:
        startup.store_lock_minutes(app.paths, minutes)
    except OSError as exc:
        app.post_message(msg.OperationFailed(f"Instelling niet bewaard: {exc}"))
