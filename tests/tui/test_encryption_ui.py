"""Encryption from the settings screen, and the auto-lock of an encrypted journal."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import Checkbox, Input, Select, TextArea

from reflectie.at_rest import staging_folder
from reflectie.drafts import Draft
from reflectie.encryption import enable, is_encrypted
from reflectie.paths import AppPaths
from reflectie.session import open_session
from reflectie.store.fileio import TEMP_MARK
from reflectie.tui.screens.home import HomeScreen
from reflectie.tui.screens.passphrase import MISMATCH, NOT_CONFIRMED, PassphraseDialog
from reflectie.tui.screens.settings import SettingsScreen
from reflectie.tui.screens.unlock import UnlockScreen
from reflectie.tui.screens.write import WriteScreen
from reflectie.tui.startup import load_lock_minutes
from tests.tui.tui_support import (
    SIZE,
    MovableClock,
    configure,
    make_app,
    seed_entries,
    settle,
    visible_text,
)

OLD = "correct paard batterij"
NEW = "nieuw nietje 42"


def fill(dialog: PassphraseDialog, **values: str) -> None:
    for widget_id, value in values.items():
        dialog.query_one(f"#wachtwoord-{widget_id}", Input).value = value


async def status(pilot) -> str:  # type: ignore[no-untyped-def]
    """The settings screen scrolled to the encryption section, as the teacher sees it."""
    pilot.app.screen.query_one("#versleuteling-status").scroll_visible(animate=False)
    await pilot.pause()
    return visible_text(pilot.app)


async def unlock(pilot, passphrase: str) -> None:  # type: ignore[no-untyped-def]
    assert isinstance(pilot.app.screen, UnlockScreen)
    await pilot.press(*passphrase, "enter")
    await settle(pilot, rounds=3)


async def test_enable_from_settings_then_write_and_unlock_after_restart(paths: AppPaths) -> None:
    configure(paths)
    app = make_app(paths)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        assert isinstance(app.screen, SettingsScreen)
        assert "Uit:" in await status(pilot)
        await pilot.press("f5")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, PassphraseDialog)
        shown = " ".join(visible_text(app).split())
        assert "een vergeten wachtwoord kan niemand herstellen" in shown

        await pilot.press(*"kort", "enter")  # too short: the core's message
        await pilot.press(*"kort", "enter")
        await settle(pilot)
        assert "Kies een wachtwoord van minstens 8 tekens" in visible_text(app)
        fill(dialog, nieuw=OLD, herhaal=OLD + "x")  # the two do not match
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert MISMATCH.split(";")[0] in visible_text(app)
        fill(dialog, herhaal=OLD)
        await pilot.press("ctrl+s")  # not yet confirmed that it cannot be recovered
        await settle(pilot)
        assert NOT_CONFIRMED[:40] in " ".join(visible_text(app).split())
        assert not is_encrypted(paths)

        dialog.query_one(Checkbox).value = True
        await pilot.press("ctrl+s")
        await settle(pilot, rounds=4)
        assert is_encrypted(paths)
        assert isinstance(app.screen, SettingsScreen)  # back where the teacher was
        assert app.encrypted and app.holder is not None
        assert "Aan:" in await status(pilot)

        await pilot.press("escape")  # the app still works: write an entry
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        writer = app.screen
        assert isinstance(writer, WriteScreen)
        await pilot.press(*"Versleuteld geschreven")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert writer.entry is not None

    app = make_app(paths)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await unlock(pilot, OLD)
        assert isinstance(app.screen, HomeScreen)
        assert [e.tekst for e in app.session.journal.latest()] == ["Versleuteld geschreven"]


async def test_change_passphrase_then_disable(paths: AppPaths) -> None:
    configure(paths)
    enable(paths, OLD)
    app = make_app(paths)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await unlock(pilot, OLD)
        await pilot.press("i")
        await settle(pilot)
        assert "Aan:" in await status(pilot)

        await pilot.press("f6")  # a wrong current passphrase changes nothing
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, PassphraseDialog)
        fill(dialog, oud="verkeerd!", nieuw=NEW, herhaal=NEW)
        dialog.query_one(Checkbox).value = True
        await pilot.press("ctrl+s")
        await settle(pilot, rounds=3)
        assert "Onjuist wachtwoord" in visible_text(app)
        assert isinstance(app.screen, SettingsScreen) and app.holder is not None

        await pilot.press("f6")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, PassphraseDialog)
        fill(dialog, oud=OLD, nieuw=NEW, herhaal=NEW)
        dialog.query_one(Checkbox).value = True
        await pilot.press("ctrl+s")
        await settle(pilot, rounds=4)
        assert "Je wachtwoord is gewijzigd" in visible_text(app)
        assert isinstance(app.screen, SettingsScreen) and app.encrypted

        await pilot.press("f7")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, PassphraseDialog)
        fill(dialog, oud=NEW)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "echt uitzetten" in visible_text(app)
        await pilot.press("left", "enter")  # the safe answer has focus; choose "uit"
        await settle(pilot, rounds=4)
        assert not is_encrypted(paths)
        assert isinstance(app.screen, SettingsScreen) and not app.encrypted
        assert "Uit:" in await status(pilot)
    open_session(paths).close()  # no passphrase needed any more


async def test_auto_lock_hides_everything_and_unlocks_back_where_the_teacher_was(
    paths: AppPaths,
) -> None:
    configure(paths)
    seed_entries(paths, [("Geheime les over toetsing", ())])
    enable(paths, OLD)
    clock = MovableClock()
    app = make_app(paths, clock=clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await unlock(pilot, OLD)
        assert "Geheime les" in visible_text(app)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Nog niet bewaard")
        writer = app.screen
        assert isinstance(writer, WriteScreen)

        clock.now += timedelta(minutes=9)
        app.check_auto_lock()
        await settle(pilot)
        assert app.screen is writer  # not yet

        clock.now += timedelta(minutes=2)
        app.check_auto_lock()
        await settle(pilot, rounds=4)
        assert isinstance(app.screen, UnlockScreen)
        assert app.holder is None
        text = visible_text(app)
        assert "Geheime les" not in text and "Nog niet bewaard" not in text
        assert "vergrendeld" in text
        # Hidden, not closed: the editor waits under the lock with its text.
        assert writer in app.screen_stack
        assert [p.name for p in paths.drafts.iterdir()] == ["nieuw.json"]  # flushed first

        await unlock(pilot, OLD)
        assert app.screen is writer
        assert writer.query_one(TextArea).text == "Nog niet bewaard"
        drafts = app.session.drafts.all()
        assert [d.tekst for d in drafts] == ["Nog niet bewaard"]
        await pilot.press("ctrl+s")  # the editor works on the reopened journal
        await settle(pilot)
        assert [e.tekst for e in app.session.journal.latest(1)] == ["Nog niet bewaard"]


async def test_unencrypted_journal_never_locks(paths: AppPaths) -> None:
    configure(paths)
    clock = MovableClock()
    app = make_app(paths, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        clock.now += timedelta(hours=3)
        app.check_auto_lock()
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_auto_lock_minutes_are_chosen_in_settings_and_kept(paths: AppPaths) -> None:
    configure(paths)
    enable(paths, OLD)
    clock = MovableClock()
    app = make_app(paths, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await unlock(pilot, OLD)
        await pilot.press("i")
        await settle(pilot)
        app.screen.query_one("#vergrendelen", Select).value = 5
        await settle(pilot)
        assert app.lock_minutes == 5
        clock.now += timedelta(minutes=6)
        app.check_auto_lock()
        await settle(pilot, rounds=4)
        assert isinstance(app.screen, UnlockScreen)
    assert load_lock_minutes(paths) == 5


# -- a switch that fails says what is true and reopens the way the journal opens now ------


def _fail_writes_under(*folders: Path) -> Callable[..., int]:
    """``os.write`` that finds the disk full for files in ``folders`` (a nearly full disk:
    room for the database, none for the converted copies)."""
    real = os.write

    def write(fd: int, data: object) -> int:
        where = os.readlink(f"/proc/self/fd/{fd}")
        if where.startswith(tuple(str(folder) for folder in folders)):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(fd, data)  # type: ignore[arg-type]

    return write


async def _change_passphrase(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("i")
    await settle(pilot)
    await pilot.press("f6")
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, PassphraseDialog)
    fill(dialog, oud=OLD, nieuw=NEW, herhaal=NEW)
    dialog.query_one(Checkbox).value = True
    await pilot.press("ctrl+s")
    await settle(pilot, rounds=6)


def _draft_texts(paths: AppPaths, passphrase: str) -> list[str]:
    session = open_session(paths, passphrase=passphrase)
    try:
        return [d.tekst for d in session.drafts.all()]
    finally:
        session.close()


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc/self/fd")
async def test_a_change_on_a_full_disk_changes_nothing_and_says_so(
    paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    configure(paths)
    seed_entries(paths, [("Een reflectie", ())])
    enable(paths, OLD)
    session = open_session(paths, passphrase=OLD)
    session.drafts.save(Draft("nieuw", "Een concept"))
    session.close()
    app = make_app(paths)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await unlock(pilot, OLD)
        monkeypatch.setattr(os, "write", _fail_writes_under(paths.backups, staging_folder(paths)))
        await _change_passphrase(pilot)
        monkeypatch.undo()
        shown = " ".join(visible_text(app).split())
        assert "niet gelukt" in shown and "niets gewijzigd" in shown
        # Reopened with the old passphrase, as the message says: no unlock screen.
        assert isinstance(app.screen, SettingsScreen) and app.holder is not None
        assert [d.tekst for d in app.session.drafts.all()] == ["Een concept"]
    assert _draft_texts(paths, OLD) == ["Een concept"]


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc/self/fd")
async def test_a_change_that_fails_after_its_commit_point_says_the_new_passphrase_holds(
    paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    configure(paths)
    enable(paths, OLD)
    session = open_session(paths, passphrase=OLD)
    session.drafts.save(Draft("nieuw", "Een concept"))
    session.close()
    real_replace = os.replace
    failed: list[str] = []

    def replace(source: object, target: object, *args: object, **kwargs: object) -> None:
        # Moving a staged draft into place (after the commit) fails, once.
        if not failed and "omzetting/concepten" in str(source) and TEMP_MARK not in str(source):
            failed.append(str(source))
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        real_replace(source, target, *args, **kwargs)  # type: ignore[arg-type]

    app = make_app(paths)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await unlock(pilot, OLD)
        monkeypatch.setattr(os, "replace", replace)
        await _change_passphrase(pilot)
        monkeypatch.undo()
        assert failed
        shown = " ".join(visible_text(app).split())
        assert "Je wachtwoord is gewijzigd" in shown and "met het nieuwe wachtwoord" in shown
        # Reopened with the new passphrase (the reopen finished the move).
        assert isinstance(app.screen, SettingsScreen) and app.holder is not None
        assert [d.tekst for d in app.session.drafts.all()] == ["Een concept"]
    assert _draft_texts(paths, NEW) == ["Een concept"]


async def test_a_tampered_journal_is_reported_as_tampering_with_the_last_good_copy(
    paths: AppPaths,
) -> None:
    from reflectie.backups import make_backup
    from reflectie.tui.screens.recovery import StartupProblemScreen

    configure(paths)
    enable(paths, OLD)
    session = open_session(paths, passphrase=OLD)
    session.journal.write("Eerste")
    session.journal.write("Tweede")
    session.close()
    copy = make_backup(paths, reason="handmatig")
    lines = paths.database.read_bytes().splitlines(keepends=True)
    tampered = b"".join(lines[:-2] + lines[-1:])  # a whole record taken out
    paths.database.write_bytes(tampered)
    app = make_app(paths)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await unlock(pilot, OLD)
        assert isinstance(app.screen, StartupProblemScreen)
        shown = " ".join(visible_text(app).split())
        assert "buiten reflectie om veranderd" in shown and "manipulatie" in shown
        assert app.screen.query("#keuze-terugzetten")  # the last good copy is offered
    assert paths.database.read_bytes() == tampered
    assert copy.exists()
