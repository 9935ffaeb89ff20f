"""Auto-lock keeps every unsaved form: it locks over the screens instead of closing them.

An encrypted journal locks after a while without a key press. Before, only the
editor's text survived (as a draft); the feedback request form, a BKC answer, the
reflection on a received answer and a dialog with half a leervraag were closed
without a word. Each of those is filled in here, the movable clock passes the lock
time, and the journal locks: the passphrase screen hides everything (nothing typed
is visible, the session is closed). After the passphrase, the same form is back
with its text, and saving it works on the reopened journal.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.screen import Screen
from textual.widgets import Input, TextArea
from tui_support import SIZE, MovableClock, configure, make_app, settle, visible_text

import reflectie.store.crypto as crypto
from reflectie import encryption
from reflectie.paths import AppPaths, resolve_paths
from reflectie.session import open_session
from reflectie.tui.app import ReflectieApp
from reflectie.tui.screens.answer import AnswerScreen
from reflectie.tui.screens.dialogs import TextDialog
from reflectie.tui.screens.leervragen import LeervragenScreen
from reflectie.tui.screens.request import ComposeScreen
from reflectie.tui.screens.round import RoundScreen
from reflectie.tui.screens.unlock import UnlockScreen

PASSPHRASE = "correct paard batterij"
SECRET = "Geheimzinnig"


@pytest.fixture(autouse=True)
def _cheap_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(crypto, "KDF_MEMORY_KIB", 64)
    monkeypatch.setattr(crypto, "KDF_TIME", 1)
    monkeypatch.setattr(crypto, "KDF_PARALLELISM", 1)


def journal_with_feedback(paths: AppPaths, tmp_path: Path) -> dict[str, str]:
    """Sanne's encrypted journal with a leervraag, an answered round of her own, and a
    request she received from Bram (to answer). Returns the ids."""
    configure(paths, naam="Sanne")
    bram = resolve_paths(tmp_path / "bram")
    configure(bram, naam="Bram")
    sanne_s, bram_s = open_session(paths), open_session(bram)
    try:
        leervraag = sanne_s.feedback.new_leervraag("Hoe krijg ik iedereen aan het woord?")
        own = sanne_s.feedback.new_request(leervraag["id"], aan="Bram", focus="beurten")
        received = bram_s.feedback.import_text(sanne_s.feedback.export_request(own["id"]))
        answer = bram_s.feedback.answer(
            received.id, bevestiging="Goed", kritiek="Tempo", constructief="Wachttijd"
        )
        sanne_s.feedback.import_text(answer)
        bram_lv = bram_s.feedback.new_leervraag("Hoe geef ik betere uitleg?")
        ask = bram_s.feedback.new_request(bram_lv["id"], aan="Sanne", focus="uitleg")
        to_answer = sanne_s.feedback.import_text(bram_s.feedback.export_request(ask["id"]))
    finally:
        sanne_s.close()
        bram_s.close()
    encryption.enable(paths, PASSPHRASE)
    return {"leervraag": leervraag["id"], "round": own["id"], "received": to_answer.id}


async def unlock(pilot: Any) -> None:
    assert isinstance(pilot.app.screen, UnlockScreen)
    await pilot.press(*PASSPHRASE, "enter")
    await settle(pilot, rounds=3)


def fill(screen: Screen[Any], **values: str) -> None:
    for field_id, value in values.items():
        widget = screen.query_one(f"#{field_id}")
        if isinstance(widget, TextArea):
            widget.load_text(value)
        else:
            assert isinstance(widget, Input)
            widget.value = value


def values(screen: Screen[Any], *field_ids: str) -> list[str]:
    out = []
    for field_id in field_ids:
        widget = screen.query_one(f"#{field_id}")
        out.append(widget.text if isinstance(widget, TextArea) else widget.value)  # type: ignore[attr-defined]
    return out


async def open_request_form(app: ReflectieApp, pilot: Any, ids: dict[str, str]) -> Screen[Any]:
    doc = app.session.feedback.leervraag(ids["leervraag"])
    app.push_screen(ComposeScreen(doc))
    await settle(pilot)
    assert isinstance(app.screen, ComposeScreen)
    fill(app.screen, aan="Bram", focus=f"{SECRET} beurten", wanneer="dinsdag")
    return app.screen


async def open_answer_form(app: ReflectieApp, pilot: Any, ids: dict[str, str]) -> Screen[Any]:
    app.open_received(ids["received"])
    await settle(pilot)
    assert isinstance(app.screen, AnswerScreen)
    fill(app.screen, bevestiging=f"{SECRET} sterk", kritiek="Te snel", constructief="Pauzeer")
    return app.screen


async def open_round_reflection(app: ReflectieApp, pilot: Any, ids: dict[str, str]) -> Screen[Any]:
    app.open_round(ids["round"])
    await settle(pilot)
    assert isinstance(app.screen, RoundScreen)
    fill(app.screen, ontvangst=f"{SECRET}: dat herken ik")
    return app.screen


async def open_leervraag_dialog(app: ReflectieApp, pilot: Any, ids: dict[str, str]) -> Screen[Any]:
    app.show_leervragen()
    await settle(pilot)
    assert isinstance(app.screen, LeervragenScreen)
    await pilot.press("n")
    await settle(pilot)
    assert isinstance(app.screen, TextDialog)
    fill(app.screen, **{"form-text": f"{SECRET} nieuwe leervraag"})
    return app.screen


Opener = Callable[[ReflectieApp, Any, dict[str, str]], Awaitable[Screen[Any]]]
FORMS: dict[str, tuple[Opener, tuple[str, ...]]] = {
    "feedback request form": (open_request_form, ("aan", "focus", "wanneer")),
    "BKC answer": (open_answer_form, ("bevestiging", "kritiek", "constructief")),
    "reflection on the answer": (open_round_reflection, ("ontvangst",)),
    "leervraag dialog": (open_leervraag_dialog, ("form-text",)),
}


@pytest.mark.parametrize("form", FORMS, ids=list(FORMS))
async def test_auto_lock_keeps_the_form_and_its_text(
    paths: AppPaths, tmp_path: Path, form: str
) -> None:
    ids = journal_with_feedback(paths, tmp_path)
    opener, field_ids = FORMS[form]
    clock = MovableClock()
    app = make_app(paths, clock=clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await unlock(pilot)
        screen = await opener(app, pilot, ids)
        typed = values(screen, *field_ids)
        assert any(SECRET in value for value in typed)
        assert SECRET in visible_text(app)

        clock.now += timedelta(minutes=app.lock_minutes + 1)
        app.check_auto_lock()
        await settle(pilot, rounds=4)
        assert isinstance(app.screen, UnlockScreen)
        assert app.holder is None  # the journal is closed: the key is gone
        assert SECRET not in visible_text(app)
        assert screen in app.screen_stack  # hidden, not closed

        await unlock(pilot)
        assert app.screen is screen
        assert values(screen, *field_ids) == typed
        assert app.holder is not None and not app.closing_on_purpose


async def test_a_form_still_saves_after_unlocking(paths: AppPaths, tmp_path: Path) -> None:
    ids = journal_with_feedback(paths, tmp_path)
    clock = MovableClock()
    app = make_app(paths, clock=clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await unlock(pilot)
        screen = await open_round_reflection(app, pilot, ids)
        clock.now += timedelta(minutes=app.lock_minutes + 1)
        app.check_auto_lock()
        await settle(pilot, rounds=4)
        await unlock(pilot)
        assert app.screen is screen
        screen.query_one("#ontvangst", TextArea).focus()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.session.feedback.round(ids["round"])["ontvangst"] == f"{SECRET}: dat herken ik"


async def test_a_wrong_passphrase_after_a_lock_shows_nothing_underneath(
    paths: AppPaths, tmp_path: Path
) -> None:
    ids = journal_with_feedback(paths, tmp_path)
    clock = MovableClock()
    app = make_app(paths, clock=clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await unlock(pilot)
        screen = await open_answer_form(app, pilot, ids)
        clock.now += timedelta(minutes=app.lock_minutes + 1)
        app.check_auto_lock()
        await settle(pilot, rounds=4)
        lock = app.screen
        assert isinstance(lock, UnlockScreen)
        await pilot.press(*"verkeerd wachtwoord", "enter")
        await settle(pilot, rounds=3)
        assert app.screen is lock and app.holder is None  # still locked, same screen
        text = visible_text(app)
        assert "Onjuist wachtwoord" in text and SECRET not in text
        await unlock(pilot)
        assert app.screen is screen


async def test_escape_on_the_lock_asks_before_closing_the_forms(
    paths: AppPaths, tmp_path: Path
) -> None:
    ids = journal_with_feedback(paths, tmp_path)
    clock = MovableClock()
    app = make_app(paths, clock=clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await unlock(pilot)
        await open_request_form(app, pilot, ids)
        clock.now += timedelta(minutes=app.lock_minutes + 1)
        app.check_auto_lock()
        await settle(pilot, rounds=4)
        await pilot.press("escape")
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, UnlockScreen)
        shown = " ".join(visible_text(app).replace("│", " ").split())
        assert "nog een keer op Esc" in shown and "formulier gaat dan verloren" in shown
        await pilot.press("escape")
        await settle(pilot)
    assert app.return_code == 1
