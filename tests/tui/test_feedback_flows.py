"""Feedback between two teachers, driven through the TUI as they would (Pilot, no sleeps).

Two data folders play A (Sanne, who asks) and B (Bram, who answers). The
files between them are real files in ``tmp_path``; the answer travels back as
pasted text.
"""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path

from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Select, Static, TextArea
from tui_support import (
    NOW,
    SIZE,
    MovableClock,
    configure,
    fixed_clock,
    make_app,
    seed_entries,
    settle,
    visible_text,
)

from reflectie.exchange import FeedbackRequest, encode
from reflectie.paths import AppPaths, resolve_paths
from reflectie.session import open_session
from reflectie.tui.commands import BY_ID
from reflectie.tui.palette import ReflectieCommands
from reflectie.tui.screens.answer import AnswerScreen
from reflectie.tui.screens.confirm import ChoiceDialog
from reflectie.tui.screens.dialogs import EvaluateDialog, TextDialog, VoornemenDialog
from reflectie.tui.screens.feedback import FeedbackOverviewScreen
from reflectie.tui.screens.home import HomeScreen
from reflectie.tui.screens.importer import ImportScreen
from reflectie.tui.screens.leervragen import LeervragenScreen
from reflectie.tui.screens.request import ComposeScreen
from reflectie.tui.screens.round import RoundScreen
from reflectie.tui.screens.write import WriteScreen

LEERVRAAG = "Hoe krijg ik iedereen aan het woord?"


def fill(screen: object, **values: str) -> None:
    """Set fields by id (typing long texts key by key would only slow the tests down)."""
    from textual.screen import Screen

    assert isinstance(screen, Screen)
    for field_id, value in values.items():
        widget = screen.query_one(f"#{field_id}")
        if isinstance(widget, TextArea):
            widget.load_text(value)
        else:
            assert isinstance(widget, Input)
            widget.value = value


def journals(tmp_path: Path) -> tuple[AppPaths, AppPaths]:
    a, b = resolve_paths(tmp_path / "sanne"), resolve_paths(tmp_path / "bram")
    configure(a, naam="Sanne")
    configure(b, naam="Bram")
    return a, b


async def test_full_round_trip_between_two_journals(tmp_path: Path) -> None:
    paths_a, paths_b = journals(tmp_path)
    request_file = tmp_path / "vraag.txt"
    answer_file = tmp_path / "antwoord.txt"
    clock = MovableClock()

    # -- A: a leervraag, a request, saved as a file --------------------------------------
    app = make_app(paths_a, clock=clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, LeervragenScreen)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, TextDialog)
        fill(app.screen, **{"form-text": LEERVRAAG})
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, LeervragenScreen)
        (leervraag,) = app.session.feedback.leervragen()
        assert leervraag["tekst"] == LEERVRAAG and leervraag["deelbaar"] is False
        assert LEERVRAAG in visible_text(app)

        await pilot.press("f")
        await settle(pilot)
        compose = app.screen
        assert isinstance(compose, ComposeScreen)
        assert "specifiek" not in visible_text(app)  # tips are ours, not the seed's
        assert "Zo vraag je feedback" in visible_text(app)
        await pilot.press(*"Bram", "tab")  # the name typed, the rest filled in
        fill(compose, focus="wie er praat na de opdracht", wanneer="dinsdag 3e uur")
        fill(compose, kijkpunten="wachttijd\n- beurten\n")
        await pilot.press("ctrl+s")
        await settle(pilot)
        round_screen = app.screen
        assert isinstance(round_screen, RoundScreen)
        (doc,) = app.session.feedback.rounds()
        assert (doc["aan"], doc["focus"], doc["kijkpunten"]) == (
            "Bram",
            "wie er praat na de opdracht",
            ["wachttijd", "beurten"],
        )
        assert doc["status"] == "concept"
        path_field = round_screen.query_one("#send-path", Input)
        assert path_field.value == "~/feedbackvraag-sanne-aan-bram.txt"
        assert path_field.has_focus  # the next step is the file: the cursor waits there
        await pilot.press("ctrl+u", *str(request_file))  # typed, as a teacher would
        assert path_field.value == str(request_file)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert request_file.read_text(encoding="utf-8").startswith("Feedbackvraag van Sanne")
        assert app.session.feedback.round(doc["id"])["status"] == "verstuurd"
        shown = round_screen.query_one("#send-text", TextArea).text
        assert shown == request_file.read_text(encoding="utf-8")
        assert "Bestand bewaard" in visible_text(app)
        round_id = doc["id"]

    # -- B: import the file, answer in BKC form, save the answer ---------------------------
    app = make_app(paths_b)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        assert "om te beantwoorden" not in visible_text(app)
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, FeedbackOverviewScreen)
        await pilot.press("i")
        await settle(pilot)
        assert isinstance(app.screen, ImportScreen)
        app.screen.query_one("#import-path", Input).value = str(request_file)
        await pilot.press("ctrl+s")
        await settle(pilot)
        answer = app.screen
        assert isinstance(answer, AnswerScreen)
        assert answer.query_one("#bevestiging", TextArea).has_focus
        text = visible_text(app)
        assert "Feedbackvraag van Sanne" in text
        assert LEERVRAAG in text and "wie er praat na de opdracht" in text
        assert "Zo geef je bruikbare feedback" in text
        await pilot.press(*"Rustig", "tab")
        fill(answer, kritiek="Drie leerlingen zwegen", constructief="Eerst in tweetallen")
        await pilot.press("ctrl+s")
        await settle(pilot)
        (received,) = app.session.feedback.received()
        assert received["status"] == "beantwoord"
        answer.query_one("#send-path", Input).value = str(answer_file)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert answer_file.read_text(encoding="utf-8").startswith("Feedback van Bram")

        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, FeedbackOverviewScreen)
        assert "✓ beantwoord" in visible_text(app)

    # -- A: paste the answer, reflect, a voornemen; later evaluate, thank ------------------
    app = make_app(paths_a, clock=clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("f", "i")
        await settle(pilot)
        importer = app.screen
        assert isinstance(importer, ImportScreen)
        paste_area = importer.query_one("#import-paste", TextArea)
        paste_area.focus()
        paste_area.post_message(events.Paste(answer_file.read_text(encoding="utf-8")))
        await settle(pilot)
        assert paste_area.text.startswith("Feedback van Bram")
        await pilot.press("ctrl+s")
        await settle(pilot)
        round_screen = app.screen
        assert isinstance(round_screen, RoundScreen)
        text = visible_text(app)
        assert "Drie leerlingen zwegen" in text and "Herken ik wat" in text
        assert app.session.feedback.round(round_id)["status"] == "beantwoord"

        assert round_screen.query_one("#ontvangst", TextArea).has_focus
        await pilot.press(*"Klopt", "ctrl+s")
        await settle(pilot)
        assert app.session.feedback.round(round_id)["ontvangst"] == "Klopt"
        # typing on after saving goes into the text, never into a command key
        text_area = round_screen.query_one("#ontvangst", TextArea)
        assert text_area.has_focus
        await pilot.press(*" Ik ben benieuwd", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, RoundScreen)
        round_doc = app.session.feedback.round(round_id)
        assert round_doc["ontvangst"] == "Klopt Ik ben benieuwd" and not round_doc["bedankt"]
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, VoornemenDialog)
        await pilot.press(*"Duo's", "tab")
        assert app.screen.query_one("#voornemen-datum", Input).value == "2026-11-30"  # +2 weken
        fill(app.screen, **{"voornemen-datum": "2026-13-01"})  # not a date
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, VoornemenDialog)
        assert "geen bestaande datum" in visible_text(app)
        fill(app.screen, **{"voornemen-datum": "2026-11-20"})
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, RoundScreen)
        (voornemen,) = app.session.feedback.round(round_id)["voornemens"]
        assert (voornemen["tekst"], voornemen["evalueren_op"]) == ("Duo's", "2026-11-20")

        await pilot.press("escape", "escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "om te evalueren" not in visible_text(app)
        assert LEERVRAAG in visible_text(app)  # a running leervraag, shown quietly

        clock.now = NOW + timedelta(days=5)
        await pilot.press("d", "escape")  # leave and come back: home refreshes
        await settle(pilot)
        assert "1 voornemen om te evalueren" in visible_text(app)
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, RoundScreen)
        assert app.screen.query_one("#voornemens", OptionList).has_focus
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, EvaluateDialog)
        await pilot.press("enter", "tab", *"Beter", "enter")
        await settle(pilot)
        evaluated = app.session.feedback.round(round_id)["voornemens"][0]["evaluatie"]
        assert evaluated["uitkomst"] == "gelukt" and evaluated["reflectie"] == "Beter"
        assert app.session.feedback.round(round_id)["status"] == "beantwoord"

        await pilot.press("b")  # asks first: it records something about a colleague
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("escape")
        await settle(pilot)
        assert app.session.feedback.round(round_id)["status"] == "beantwoord"
        await pilot.press("b")
        await settle(pilot)
        await pilot.press("left", "enter")  # from "Annuleren" to "Ja, vastleggen"
        await settle(pilot)
        assert app.session.feedback.round(round_id)["status"] == "afgerond"
        head = app.screen.query_one("#round-head", Static).content
        assert "Status: afgerond" in str(head)
        assert "is bedankt" in str(app.screen.query_one("#round-thanks", Static).content)

        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "om te evalueren" not in visible_text(app)


# -- helpers for the shorter tests -------------------------------------------------------------

REQUEST_ID = "ab" * 8
OTHER_JOURNAL = "cd" * 8


def seed_leervraag(paths: AppPaths, tekst: str = LEERVRAAG) -> str:
    session = open_session(paths, clock=fixed_clock())
    try:
        return str(session.feedback.new_leervraag(tekst)["id"])
    finally:
        session.close()


def hostile_request() -> str:
    """A valid exchange whose fields carry markup and terminal control sequences."""
    return encode(
        FeedbackRequest(
            id=REQUEST_ID,
            van="[@click=app.quit]Sanne\x1b]52;c;aGFjaw==\x07",
            van_dagboek=OTHER_JOURNAL,
            leervraag="[b]vet[/b] \x1b[31mrood",
            focus="[@click=app.quit]klik[/]",
            wanneer="",
            kijkpunten=("\x1b]8;;http://example.org\x07link\x1b]8;;\x07",),
            verstuurd="2026-11-16T09:00:00+01:00",
        )
    )


async def open_import(pilot: Pilot[object]) -> ImportScreen:
    await settle(pilot)
    await pilot.press("f", "i")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ImportScreen)
    return screen


# -- the shorter tests -------------------------------------------------------------------------


async def test_copy_puts_the_request_on_the_clipboard_and_shows_it(paths: AppPaths) -> None:
    configure(paths, naam="Sanne")
    seed_leervraag(paths)
    app = make_app(paths)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("l", "f")
        await settle(pilot)
        fill(app.screen, aan="Bram", focus="de start")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, RoundScreen)
        assert app.clipboard == ""
        await pilot.press("ctrl+t")
        await settle(pilot)
        (doc,) = app.session.feedback.rounds()
        assert doc["status"] == "verstuurd"
        assert app.clipboard == app.session.feedback.export_request(doc["id"])
        assert app.clipboard.startswith("Feedbackvraag van Sanne")
        assert "-----BEGIN REFLECTIE-UITWISSELING-----" in app.clipboard
        assert app.screen.query_one("#send-text", TextArea).text == app.clipboard
        assert "Gekopieerd" in visible_text(app)


async def test_hostile_imports_are_refused_or_shown_literally(tmp_path: Path) -> None:
    _, paths_b = journals(tmp_path)
    junk = tmp_path / "rommel.bin"
    junk.write_bytes(random.Random(3).randbytes(3000))
    app = make_app(paths_b)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        importer = await open_import(pilot)
        fill(importer, **{"import-path": str(junk)})
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is importer
        result = str(importer.query_one("#import-result", Static).content)
        assert result.startswith("✗ Niet geïmporteerd: ")
        assert app.session.feedback.received() == []

        fill(importer, **{"import-path": str(tmp_path / "bestaat-niet.txt")})
        await pilot.press("ctrl+s")
        await settle(pilot)
        result = str(importer.query_one("#import-result", Static).content)
        assert "bestand of map bestaat niet" in result and app.screen is importer

        fill(importer, **{"import-path": ""})
        paste = importer.query_one("#import-paste", TextArea)
        paste.focus()
        paste.post_message(events.Paste("\x1b[2J\x1b]0;titel\x07" + hostile_request()))
        await settle(pilot)
        assert "\x1b" not in paste.text and "\x07" not in paste.text
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.is_running
        assert isinstance(app.screen, AnswerScreen)
        text = visible_text(app)
        assert "[@click=app.quit]Sanne" in text
        assert "[@click=app.quit]klik[/]" in text
        assert "[b]vet[/b] rood" in text
        assert "- link" in text
        assert "52;c" not in text and "8;;" not in text
        assert "\x1b" not in app.export_screenshot()
        (received,) = app.session.feedback.received()
        assert received["van"] == "[@click=app.quit]Sanne"

        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, FeedbackOverviewScreen)
        assert "[@click=app.quit]Sanne" in visible_text(app)
    assert app.return_code in (None, 0)


async def test_importing_the_same_file_twice_changes_nothing(tmp_path: Path) -> None:
    _, paths_b = journals(tmp_path)
    request_file = tmp_path / "vraag.txt"
    request_file.write_text(hostile_request(), encoding="utf-8")
    app = make_app(paths_b)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        importer = await open_import(pilot)
        fill(importer, **{"import-path": str(request_file)})
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, AnswerScreen)
        await pilot.press("escape", "i")
        await settle(pilot)
        importer = app.screen
        assert isinstance(importer, ImportScreen)
        fill(importer, **{"import-path": f"'{request_file}'"})  # quotes from drag and drop
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is importer
        assert "al geïmporteerd" in visible_text(app)
        assert len(app.session.feedback.received()) == 1


async def test_leervraag_moves_to_afgerond_with_a_conclusie(paths: AppPaths) -> None:
    configure(paths)
    app = make_app(paths)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("l", "n")
        await settle(pilot)
        await pilot.press("enter")  # empty: refused in the dialog
        await settle(pilot)
        assert isinstance(app.screen, TextDialog)
        assert "Schrijf eerst je leervraag op" in visible_text(app)
        fill(app.screen, **{"form-text": LEERVRAAG})
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LeervragenScreen)
        (doc,) = app.session.feedback.leervragen()

        await pilot.press("s")
        await settle(pilot)
        assert app.session.feedback.leervraag(doc["id"])["status"] == "bezig"
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, TextDialog)
        await pilot.press("enter")
        await settle(pilot)
        assert "korte conclusie" in visible_text(app)
        await pilot.press(*"Wacht", "enter")
        await settle(pilot)
        stored = app.session.feedback.leervraag(doc["id"])
        assert (stored["status"], stored["conclusie"]) == ("afgerond", "Wacht")
        assert "Conclusie" in visible_text(app) and "● afgerond" in visible_text(app)
        assert screen.command_state(BY_ID["feedback_vragen"]) is None  # closed: no new round

        await pilot.press("d")
        await settle(pilot)
        assert app.session.feedback.leervraag(doc["id"])["deelbaar"] is True
        assert "● deelbaar" in visible_text(app)
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("end", *" nu", "enter")
        await settle(pilot)
        assert app.session.feedback.leervraag(doc["id"])["tekst"] == LEERVRAAG + " nu"
        await pilot.press("s")  # afgerond → open again, the conclusie kept
        await settle(pilot)
        stored = app.session.feedback.leervraag(doc["id"])
        assert (stored["status"], stored["conclusie"]) == ("open", "Wacht")


async def test_reflections_linked_to_a_leervraag_are_listed_under_it(paths: AppPaths) -> None:
    configure(paths)
    (older,) = seed_entries(paths, [("Een eerdere les", ())])
    leervraag_id = seed_leervraag(paths)
    app = make_app(paths)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LeervragenScreen)
        linked = screen.query_one("#lv-entries", OptionList)
        assert "Nog geen" in visible_text(app)

        await pilot.press("w")  # a new reflection, linked from the start
        await settle(pilot)
        writer = app.screen
        assert isinstance(writer, WriteScreen)
        assert writer.query_one("#leervraag", Select).value == leervraag_id
        assert not writer.has_unsaved_changes()
        await pilot.press(*"Nieuw", "ctrl+s")
        await settle(pilot)
        assert writer.entry is not None and writer.entry.leervraag == leervraag_id
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        assert [linked.get_option_at_index(i).id for i in range(linked.option_count)] == [
            writer.entry.id
        ]

        # an existing reflection, linked with the selector on the write screen
        await pilot.press("escape", "d", "down", "e")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, WriteScreen) and editor.entry is not None
        assert editor.entry.id == older
        await pilot.press("ctrl+l")
        await settle(pilot)
        await pilot.press("down", "enter")  # past "Geen leervraag" to the leervraag
        await settle(pilot)
        assert editor.query_one("#leervraag", Select).value == leervraag_id
        assert editor.has_unsaved_changes()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.session.journal.get(older).leervraag == leervraag_id
        await pilot.press("escape", "escape", "l")
        await settle(pilot)
        listed = app.screen.query_one("#lv-entries", OptionList)
        ids = {listed.get_option_at_index(i).id for i in range(listed.option_count)}
        assert ids == {older, writer.entry.id}
        assert "Een eerdere les" in visible_text(app)


async def test_feedback_commands_are_in_palette_and_refused_read_only(paths: AppPaths) -> None:
    configure(paths)
    seed_leervraag(paths)
    app = make_app(paths, read_only=True)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        titles = [hit.text or "" async for hit in ReflectieCommands(app.screen).discover()]
        for title in ("Nieuwe leervraag", "Vraag feedback", "Schrijf erbij", "Volgende status"):
            assert any(t.startswith(title) for t in titles), title
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, LeervragenScreen)  # no dialog: refused
        assert "alleen-lezen" in visible_text(app)


async def test_home_screen_shows_what_waits(tmp_path: Path) -> None:
    """A colleague's request to answer and an answer to work through are on the home
    screen, so nothing waits unseen."""
    paths_a, paths_b = journals(tmp_path)
    a = open_session(paths_a)
    b = open_session(paths_b)
    try:
        leervraag = a.feedback.new_leervraag(LEERVRAAG)
        first = a.feedback.new_request(leervraag["id"], aan="Bram", focus="wie praat er")
        second = a.feedback.new_request(leervraag["id"], aan="Bram", focus="de afsluiting")
        b.feedback.import_text(a.feedback.export_request(first["id"]))
        b.feedback.import_text(a.feedback.export_request(second["id"]))
        answer = b.feedback.answer(first["id"], bevestiging="B", kritiek="K", constructief="C")
        a.feedback.import_text(answer)
    finally:
        a.close()
        b.close()
    app = make_app(paths_b)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "1 feedbackvraag om te beantwoorden" in visible_text(app)
    app = make_app(paths_a)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "1 antwoord om te verwerken" in visible_text(app)
        assert "om te beantwoorden" not in visible_text(app)
