"""What the TUI does when work fails: nothing typed is lost, every message is true.

* A save that fails still leaves the text as a draft on disk.
* A worker that raises something unexpected never ends the app: one handler tells
  the teacher in Dutch, and the screen that started the work puts itself right.
* The reopen after an encryption switch or a restore does not cancel the worker
  that led to it (each runs in its own worker group).
* A missing journal file next to copies gets a recovery screen, not an empty journal.
* The TUI's own settings file (``tui.json``) is replaced atomically and durably.
"""

from __future__ import annotations

import errno
import os
import random
import threading
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.message import Message
from textual.widgets import TextArea
from textual.worker import Worker, WorkerState

from reflectie.backups import make_backup
from reflectie.drafts import NEW_ENTRY, DraftStore
from reflectie.encryption import is_encrypted
from reflectie.paths import AppPaths
from reflectie.store.fileio import TEMP_MARK
from reflectie.tui import messages as msg
from reflectie.tui.app import ReflectieApp
from reflectie.tui.data import UiOptions
from reflectie.tui.screens.confirm import ChoiceDialog
from reflectie.tui.screens.home import HomeScreen
from reflectie.tui.screens.recovery import StartupProblemScreen
from reflectie.tui.screens.unlock import UnlockScreen
from reflectie.tui.screens.write import WriteScreen
from reflectie.tui.startup import LOCK_FILE, load_lock_minutes, store_lock_minutes
from tests.tui.tui_support import (
    SIZE,
    MovableClock,
    configure,
    fixed_clock,
    make_app,
    seed_entries,
    settle,
    visible_text,
)

#: Drafts wait far longer than any test runs: only an explicit flush writes one.
SLOW_DRAFTS = UiOptions(draft_delay=3600.0, search_delay=0.0, cursor_blink=False)


def slow_draft_app(paths: AppPaths) -> ReflectieApp:
    return ReflectieApp(paths, clock=fixed_clock(), rng=random.Random(7), options=SLOW_DRAFTS)


def notifications(app: ReflectieApp) -> list[Any]:
    """The notifications shown now (toasts wrap between other text on the screen)."""
    return list(app._notifications)


async def open_writer(pilot: Any, text: str) -> WriteScreen:
    await settle(pilot)
    await pilot.press("n")
    await settle(pilot)
    writer = pilot.app.screen
    assert isinstance(writer, WriteScreen)
    await pilot.press(*text)
    await pilot.pause()
    return writer


async def test_a_failed_save_still_writes_the_pending_draft(paths: AppPaths) -> None:
    configure(paths)
    app = slow_draft_app(paths)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        writer = await open_writer(pilot, "Bijna kwijt")
        assert DraftStore(paths).load(NEW_ENTRY) is None  # the draft timer has not fired

        def full_disk(*_args: Any, **_kwargs: Any) -> None:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        app.session.journal.write = full_disk  # type: ignore[method-assign]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is writer and "Niet opgeslagen" in visible_text(app)
        draft = DraftStore(paths).load(NEW_ENTRY)
        assert draft is not None and draft.tekst == "Bijna kwijt"
        assert len(app.session.journal) == 0


async def test_an_unexpected_worker_error_is_reported_and_loses_nothing(paths: AppPaths) -> None:
    configure(paths)
    app = slow_draft_app(paths)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        writer = await open_writer(pilot, "Blijft staan")
        journal = app.session.journal
        real_write = journal.write

        def bug(*_args: Any, **_kwargs: Any) -> None:
            raise RuntimeError("een fout die niemand verwachtte")

        journal.write = bug  # type: ignore[method-assign]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.is_running and app.screen is writer
        (shown,) = [n.message for n in notifications(app) if n.title == "Onverwachte fout"]
        assert "Er ging onverwacht iets mis" in shown and "een fout die niemand" in shown
        assert writer.query_one(TextArea).text == "Blijft staan"
        draft = DraftStore(paths).load(NEW_ENTRY)
        assert draft is not None and draft.tekst == "Blijft staan"

        journal.write = real_write  # type: ignore[method-assign]
        await pilot.press("ctrl+s")  # not stuck in "bezig met opslaan": it saves now
        await settle(pilot)
        assert [e.tekst for e in journal.latest()] == ["Blijft staan"]
        assert DraftStore(paths).load(NEW_ENTRY) is None

        # A worker of the app itself (settings are stored behind the scenes).
        app.session.settings.update = bug  # type: ignore[method-assign]
        app.choose_theme("donker")
        await settle(pilot)
        assert app.is_running
        assert len([n for n in notifications(app) if n.title == "Onverwachte fout"]) == 2
        assert app.theme == "donker"
    assert app.return_code in (None, 0)


class HoldingApp(ReflectieApp):
    """Keeps a switch or restore worker running until the app has started the reopen.

    That is the moment an exclusive reopen in the same group would cancel it; here
    it always happens, instead of only on a loaded machine.
    """

    HOLD = (msg.EncryptionSwitched, msg.BackupRestored)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.reopen_started = threading.Event()
        self.states: list[tuple[str, WorkerState]] = []

    def post_message(self, message: Message) -> bool:
        posted = super().post_message(message)
        if isinstance(message, self.HOLD) and threading.get_ident() != self._thread_id:
            assert self.reopen_started.wait(timeout=60), "the app never reopened the journal"
        return posted

    def open_journal(self, read_only: bool, passphrase: str | None = None) -> Any:
        worker = super().open_journal(read_only, passphrase)
        self.reopen_started.set()
        return worker

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        self.states.append((event.worker.name, event.state))
        handler = getattr(super(), "on_worker_state_changed", None)
        if handler is not None:
            handler(event)


async def test_the_reopen_after_a_switch_does_not_cancel_the_switch(paths: AppPaths) -> None:
    configure(paths)
    seed_entries(paths, [("Wordt versleuteld", ())])
    app = make_app(paths, app_class=HoldingApp)
    assert isinstance(app, HoldingApp)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        app.reopen_started.clear()
        app.switch_encryption("aan", None, "correct paard batterij")
        await settle(pilot, rounds=4)
        switch_states = [state for name, state in app.states if name == "_run_switch"]
        assert WorkerState.CANCELLED not in switch_states
        assert switch_states[-1] is WorkerState.SUCCESS
        assert is_encrypted(paths) and app.encrypted and app.holder is not None
        assert [e.tekst for e in app.session.journal.latest()] == ["Wordt versleuteld"]
        assert "Je dagboek is nu versleuteld" in visible_text(app)


def damage(paths: AppPaths) -> None:
    """Bytes inside the snapshot record that no longer match its checksum."""
    raw = bytearray(paths.database.read_bytes())
    second_line = raw.index(b"\n") + 1
    raw[second_line + 20 : second_line + 24] = b"XXXX"
    paths.database.write_bytes(bytes(raw))


async def test_the_reopen_after_a_restore_does_not_cancel_the_restore(paths: AppPaths) -> None:
    configure(paths)
    seed_entries(paths, [("Staat in de kopie", ())])
    make_backup(paths, reason="handmatig", clock=fixed_clock())
    damage(paths)
    app = make_app(paths, app_class=HoldingApp)
    assert isinstance(app, HoldingApp)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StartupProblemScreen) and screen.kind == "corrupt"
        app.reopen_started.clear()
        await pilot.press("enter")
        await settle(pilot, rounds=4)
        restore_states = [state for name, state in app.states if name == "restore"]
        assert WorkerState.CANCELLED not in restore_states
        assert restore_states[-1] is WorkerState.SUCCESS
        assert isinstance(app.screen, HomeScreen)
        assert [e.tekst for e in app.session.journal.latest()] == ["Staat in de kopie"]


async def test_a_missing_journal_offers_its_newest_copy(paths: AppPaths) -> None:
    configure(paths)
    seed_entries(paths, [("Staat in de kopie", ())])
    make_backup(paths, reason="handmatig", clock=fixed_clock())
    paths.database.unlink()  # gone, while its copies are not
    app = make_app(paths)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StartupProblemScreen) and screen.kind == "missing"
        text = " ".join(visible_text(app).split())
        assert "ontbreekt" in text and "geen nieuw, leeg dagboek" in text
        assert "Nieuwste kopie terugzetten" in text
        assert not paths.database.exists()  # nothing was created behind the screen
        await pilot.press("enter")
        await settle(pilot, rounds=4)
        assert isinstance(app.screen, HomeScreen)
        assert [e.tekst for e in app.session.journal.latest()] == ["Staat in de kopie"]


async def test_a_missing_journal_can_be_left_without_creating_one(paths: AppPaths) -> None:
    configure(paths)
    seed_entries(paths, [("Staat in de kopie", ())])
    make_backup(paths, reason="handmatig", clock=fixed_clock())
    paths.database.unlink()
    app = make_app(paths)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
    assert app.return_code == 1
    assert not paths.database.exists()


def test_the_auto_lock_choice_is_written_durably(
    paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not Path("/proc/self/fd").is_dir():
        pytest.skip("needs /proc/self/fd")
    store_lock_minutes(paths, 30)
    target = paths.config_dir / LOCK_FILE
    synced: list[str] = []
    real_fsync = os.fsync

    def recording(fd: int) -> None:
        synced.append(os.readlink(f"/proc/self/fd/{fd}"))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", recording)
    store_lock_minutes(paths, 15)
    assert load_lock_minutes(paths) == 15
    assert any(p.startswith(f"{target}{TEMP_MARK}") for p in synced)  # the new contents
    assert str(paths.config_dir) in synced  # the rename
    monkeypatch.undo()

    def no_rename(*_args: Any) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(os, "replace", no_rename)
    with pytest.raises(OSError):
        store_lock_minutes(paths, 60)
    assert load_lock_minutes(paths) == 15  # the old choice, whole
    assert sorted(p.name for p in paths.config_dir.iterdir()) == [LOCK_FILE]


# -- waiting for workers never ends the app (review of issue 11) ---------------------------


def blocking(release: threading.Event, then: Any) -> Any:
    """A stand-in that waits (in its worker thread) until ``release``, then does ``then``."""

    def stand_in(*args: Any, **kwargs: Any) -> Any:
        assert release.wait(timeout=30), "the test never released the worker"
        return then(*args, **kwargs)

    return stand_in


def bug(*_args: Any, **_kwargs: Any) -> None:
    raise RuntimeError("een fout die niemand verwachtte")


def release_inside_the_wait(
    monkeypatch: pytest.MonkeyPatch, app: ReflectieApp, release: threading.Event, group: str
) -> None:
    """Set ``release`` the moment the app starts waiting for a worker of ``group``, so
    that worker ends (fails) while the app waits for it, every time, on any machine.

    Covers both ways of waiting: ours and Textual's ``wait_for_complete``.
    """
    import reflectie.tui.app as app_module
    import reflectie.tui.screens.write as write_module
    import tests.tui.tui_support as support_module

    def wrap(wait: Any, *, manager: bool) -> Any:
        async def waiting(workers: Any = None) -> Any:
            listed = list(app.workers if workers is None else workers)
            if any(w.group == group for w in listed):
                release.set()
            return await (wait(None if workers is None else listed) if manager else wait(listed))

        return waiting

    for module in (app_module, write_module, support_module):
        if hasattr(module, "wait_for_workers"):
            monkeypatch.setattr(
                module, "wait_for_workers", wrap(module.wait_for_workers, manager=False)
            )
    monkeypatch.setattr(
        app.workers, "wait_for_complete", wrap(app.workers.wait_for_complete, manager=True)
    )


def release_when(condition: Any, release: threading.Event) -> None:
    """Set ``release`` from a watcher thread once ``condition()`` holds."""

    def watch() -> None:
        for _ in range(3000):
            if condition():
                release.set()
                return
            time.sleep(0.01)

    threading.Thread(target=watch, daemon=True).start()


async def test_waiting_in_the_tests_survives_a_worker_that_fails_meanwhile(
    paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``settle`` waited with Textual's ``wait_for_complete``, which raises when a
    worker fails during the wait: tests of failing workers failed on a slow machine."""
    configure(paths)
    app = make_app(paths)
    release = threading.Event()
    try:
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await settle(pilot)
            app.run_worker(blocking(release, bug), thread=True, group="test-failing")
            release_inside_the_wait(monkeypatch, app, release, "test-failing")
            await settle(pilot)
            assert release.is_set() and app.is_running
            assert "Onverwachte fout" in [n.title for n in notifications(app)]
    finally:
        release.set()


async def test_quitting_while_a_worker_fails_ends_the_app_cleanly(
    paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Quitting waits for the work in flight; one that fails there was reported and
    must not end the app with a traceback (Textual's wait re-raised it)."""
    configure(paths)
    app = make_app(paths)
    release = threading.Event()
    try:
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await settle(pilot)
            app.session.settings.update = blocking(release, bug)  # type: ignore[method-assign]
            release_inside_the_wait(monkeypatch, app, release, "settings")
            app.choose_theme("donker")  # stored by a worker, which fails
            await pilot.pause()
            await pilot.press("ctrl+q")  # nothing unsaved: quit once the work is done
            await settle(pilot)
    finally:
        release.set()
    assert release.is_set() and app.return_code == 0


async def test_a_switch_goes_on_when_a_draft_worker_fails_while_it_waits(
    paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    configure(paths)
    app = slow_draft_app(paths)
    release = threading.Event()
    try:
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            writer = await open_writer(pilot, "Tijdens het omzetten")
            app.session.drafts.save = blocking(release, bug)  # type: ignore[method-assign]
            release_inside_the_wait(monkeypatch, app, release, "draft")
            app.switch_encryption("aan", None, PASSPHRASE)
            await settle(pilot, rounds=4)
            assert release.is_set()
            assert app.is_running and app.return_code is None
            assert "Onverwachte fout" in [n.title for n in notifications(app)]
            assert is_encrypted(paths) and app.encrypted and app.holder is not None
            assert not app._closing_on_purpose
            assert app.screen is writer
            assert writer.query_one(TextArea).text == "Tijdens het omzetten"
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert [e.tekst for e in app.session.journal.latest()] == ["Tijdens het omzetten"]
    finally:
        release.set()


PASSPHRASE = "correct paard batterij"


def encrypted_app(paths: AppPaths, clock: Any) -> ReflectieApp:
    from reflectie.encryption import enable

    configure(paths)
    enable(paths, PASSPHRASE)
    return ReflectieApp(paths, clock=clock, rng=random.Random(7), options=SLOW_DRAFTS)


async def unlock(pilot: Any) -> None:
    await settle(pilot)
    await pilot.press(*PASSPHRASE, "enter")
    await settle(pilot, rounds=3)
    # At the start the home screen; after a lock, whatever the teacher had open.
    assert not isinstance(pilot.app.screen, UnlockScreen) and pilot.app.holder is not None


async def test_auto_lock_over_an_editor_whose_draft_failed_keeps_its_text(
    paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The draft written before locking fails. The lock goes over the editor instead
    of closing it, so the text waits there, and is drafted once the journal is open."""
    clock = MovableClock()
    app = encrypted_app(paths, clock)
    release = threading.Event()
    try:
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await unlock(pilot)
            writer = await open_writer(pilot, "Niet kwijtraken")
            real_save = app.session.drafts.save
            app.session.drafts.save = blocking(release, bug)  # type: ignore[method-assign]
            release_inside_the_wait(monkeypatch, app, release, "draft")
            clock.now += timedelta(minutes=11)
            app.check_auto_lock()
            await settle(pilot, rounds=4)
            assert release.is_set()
            assert app.is_running and app.return_code is None
            assert isinstance(app.screen, UnlockScreen) and app.holder is None
            assert writer in app.screen_stack
            assert "Onverwachte fout" in [n.title for n in notifications(app)]
            assert not paths.drafts.is_dir() or not list(paths.drafts.iterdir())

            await unlock(pilot)
            assert app.screen is writer and writer.query_one(TextArea).text == "Niet kwijtraken"
            del real_save  # the reopened session has its own, working draft store
            await settle(pilot, rounds=3)
            assert [d.tekst for d in app.session.drafts.all()] == ["Niet kwijtraken"]
    finally:
        release.set()


async def test_auto_lock_waits_for_a_save_in_flight(paths: AppPaths) -> None:
    """A save that starts just before the lock closes the journal: the lock waits for
    it, the editor stays (hidden) and shows the saved state after unlocking."""
    clock = MovableClock()
    app = encrypted_app(paths, clock)
    release = threading.Event()
    try:
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await unlock(pilot)
            writer = await open_writer(pilot, "Net op tijd opgeslagen")
            journal = app.session.journal
            journal.write = blocking(release, journal.write)  # type: ignore[method-assign]
            real_flush_then = app._flush_then

            def save_at_the_last_moment(then: Any) -> None:
                def save_then_lock() -> None:
                    writer.save()  # a ctrl+s that lands between the flush and the close
                    then()

                real_flush_then(save_then_lock)

            app._flush_then = save_at_the_last_moment  # type: ignore[method-assign]
            release_when(lambda: isinstance(app.screen, UnlockScreen), release)
            clock.now += timedelta(minutes=11)
            app.check_auto_lock()
            await settle(pilot, rounds=4)
            assert release.is_set()
            assert app.is_running and app.return_code is None
            assert isinstance(app.screen, UnlockScreen) and app.holder is None
            await unlock(pilot)
            assert [e.tekst for e in app.session.journal.latest()] == ["Net op tijd opgeslagen"]
            assert app.screen is writer and not writer.has_unsaved_changes()
    finally:
        release.set()


# -- "concept bewaren" closes only once the draft is on disk --------------------------------


async def choose_keep_as_draft(pilot: Any) -> None:
    await pilot.press("escape")  # leave → asked
    await pilot.pause()
    assert isinstance(pilot.app.screen, ChoiceDialog)
    await pilot.press("right", "enter")  # concept bewaren


async def test_keep_as_draft_that_cannot_be_written_keeps_the_editor_open(
    paths: AppPaths,
) -> None:
    """The draft worker ran on the screen: closing it cancelled the worker and
    dropped its failure, so the text was gone without a word."""
    configure(paths)
    app = slow_draft_app(paths)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        writer = await open_writer(pilot, "Bijna weg")

        def full_disk(*_args: Any, **_kwargs: Any) -> None:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        app.session.drafts.save = full_disk  # type: ignore[method-assign]
        await choose_keep_as_draft(pilot)
        await settle(pilot)
        assert app.screen is writer and writer.query_one(TextArea).text == "Bijna weg"
        shown = [n.message for n in notifications(app)]
        assert any("Concept niet bewaard" in m for m in shown)
        assert any("het venster blijft open" in m for m in shown)
        assert DraftStore(paths).load(NEW_ENTRY) is None


async def test_keep_as_draft_closes_once_the_draft_is_on_disk(
    paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    configure(paths)
    app = slow_draft_app(paths)
    release = threading.Event()
    try:
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            writer = await open_writer(pilot, "Even wachten")
            drafts = app.session.drafts
            writing = threading.Event()
            closed_too_soon: list[bool] = []

            def slow_save(draft: Any) -> None:
                writing.set()
                assert release.wait(timeout=30)
                closed_too_soon.append(writer not in app.screen_stack)
                drafts.__class__.save(drafts, draft)

            drafts.save = slow_save  # type: ignore[method-assign]
            # The screen would be gone well within this pause if it did not wait.
            release_when(lambda: writing.wait(timeout=30) and not time.sleep(0.3), release)
            await choose_keep_as_draft(pilot)
            await settle(pilot)
            assert closed_too_soon == [False]  # the screen was there while it wrote
            assert isinstance(app.screen, HomeScreen)
            draft = DraftStore(paths).load(NEW_ENTRY)
            assert draft is not None and draft.tekst == "Even wachten"
    finally:
        release.set()


# -- a failed draft is tried again; a save that got as far as the journal is kept -----------


async def test_a_draft_that_failed_unexpectedly_is_written_again(paths: AppPaths) -> None:
    configure(paths)
    app = make_app(paths)  # drafts after no delay at all
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        drafts = app.session.drafts
        real_save = drafts.save
        calls: list[str] = []

        def fails_once(draft: Any) -> None:
            calls.append(draft.tekst)
            if len(calls) == 1:
                raise RuntimeError("een fout die niemand verwachtte")
            real_save(draft)

        drafts.save = fails_once  # type: ignore[method-assign]
        await pilot.press("x")  # one change, one draft: it fails
        await settle(pilot, rounds=4)
        assert "Onverwachte fout" in [n.title for n in notifications(app)]
        assert calls == ["x", "x"]  # tried again without another key press
        draft = DraftStore(paths).load(NEW_ENTRY)
        assert draft is not None and draft.tekst == "x"


async def test_a_save_that_fails_after_the_write_never_makes_a_second_entry(
    paths: AppPaths,
) -> None:
    configure(paths)
    app = slow_draft_app(paths)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        writer = await open_writer(pilot, "Eerste versie")
        drafts = app.session.drafts
        real_discard = drafts.discard
        calls: list[str] = []

        def fails_once(key: str) -> None:
            calls.append(key)
            if len(calls) == 1:
                raise RuntimeError("een fout die niemand verwachtte")
            real_discard(key)

        drafts.discard = fails_once  # type: ignore[method-assign]
        await pilot.press("ctrl+s")  # the entry is written, then removing the draft fails
        await settle(pilot)
        assert "Onverwachte fout" in [n.title for n in notifications(app)]
        journal = app.session.journal
        (stored,) = journal.latest()
        assert writer.entry is not None and writer.entry.id == stored.id
        assert not writer.has_unsaved_changes()
        assert calls == [NEW_ENTRY, NEW_ENTRY]  # the draft the save replaced goes again

        await pilot.press(*" en meer")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert [e.tekst for e in journal.latest()] == ["Eerste versie en meer"]
