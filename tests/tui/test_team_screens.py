"""Speerpunten in the TUI: from the PLG's uitkomst back into the week (Pilot, no sleeps).

A keeper's journal writes the uitkomst (in the editor or with the core), members
import it by paste or by file, read the speerpunt, write monitoring notes, meet the
monitoring question and the borging reminder on the start screen as the (movable)
clock goes on, record a knelpunt and save the kwaliteitskaart.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import (
    Checkbox,
    Input,
    OptionList,
    RadioButton,
    Select,
    SelectionList,
    Static,
    TextArea,
)
from tui_support import (
    NOW,
    SIZE,
    MovableClock,
    configure,
    fixed_clock,
    make_app,
    settle,
    visible_text,
)

from reflectie.importing import import_exchange
from reflectie.paths import AppPaths, resolve_paths
from reflectie.session import open_session
from reflectie.team.model import make_plan
from reflectie.team.service import BORGING_PROMPTS, MONITOR_SET
from reflectie.tui.app import ReflectieApp
from reflectie.tui.commands import BY_ID
from reflectie.tui.screens.confirm import ChoiceDialog
from reflectie.tui.screens.home import HomeScreen
from reflectie.tui.screens.importer import ImportScreen
from reflectie.tui.screens.kaart import KaartScreen
from reflectie.tui.screens.plg_bundle import PlgBundleScreen
from reflectie.tui.screens.speerpunt import SpeerpuntScreen
from reflectie.tui.screens.speerpunten import SpeerpuntenScreen
from reflectie.tui.screens.team_base import TipsDialog
from reflectie.tui.screens.team_dialogs import (
    EvaluateSpeerpuntDialog,
    LinkLeervragenDialog,
    MonitorDialog,
    RolesDialog,
)
from reflectie.tui.screens.uitkomst import UitkomstScreen

TITLE = "Activerende afsluiting van de les"
AANPAK = "Elke les eindigt met een exit ticket van drie vragen; de volgende les begint ermee."
ZOALS = "In minstens vier van de vijf lessen is er een exit ticket en wordt het besproken."
NOTE = "In 2B werkte het ticket goed: de klas noemde zelf wat nog onduidelijk was."


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``~`` for default output paths: never the real home folder."""
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    return folder


def keeper_text(tmp_path: Path, *, aanpak: str = AANPAK) -> str:
    """An uitkomst as the keeper of the agenda writes it (a journal of its own)."""
    paths = resolve_paths(tmp_path / "keeper")
    session = open_session(paths, clock=fixed_clock())
    try:
        plan = make_plan(
            TITLE,
            aanpak,
            ZOALS,
            aandachtspunten=["Kort: hooguit vijf minuten"],
            monitoring=["Week 10: lesbezoek in duo's"],
            evaluatie=date(2027, 6, 1),
            rollen=["kwaliteitsbewaker", "aanspreekpunt-lerenden"],
            betrekken="Studenten kiezen mee welke vragen op het ticket komen.",
        )
        uitkomst = session.team.new_uitkomst([plan], titel="PLG Taal, bijeenkomst november")
        return session.team.publish(uitkomst, lambda _text: None)
    finally:
        session.close()


def member(tmp_path: Path, name: str = "anna", *, imported: str | None = None) -> AppPaths:
    """A configured member journal; ``imported`` is imported at NOW (with the core)."""
    paths = resolve_paths(tmp_path / name)
    configure(paths, naam=name.capitalize())
    if imported is not None:
        session = open_session(paths, clock=fixed_clock())
        try:
            import_exchange(session, imported)
        finally:
            session.close()
    return paths


def speerpunt_id(paths: AppPaths) -> str:
    session = open_session(paths, read_only=True, clock=fixed_clock())
    try:
        return session.team.speerpunten()[0].id
    finally:
        session.close()


async def open_speerpunt(pilot: Pilot[object], app: ReflectieApp) -> SpeerpuntScreen:
    """From the start screen: t (speerpunten), enter on the first one."""
    await pilot.press("t")
    await settle(pilot)
    assert isinstance(app.screen, SpeerpuntenScreen)
    await pilot.press("enter")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, SpeerpuntScreen)
    return screen


# -- import ----------------------------------------------------------------------------------


async def test_import_an_uitkomst_by_paste_and_by_file_and_see_what_changed(
    tmp_path: Path,
) -> None:
    text = keeper_text(tmp_path)
    paths = member(tmp_path)
    app = make_app(paths)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, SpeerpuntenScreen)
        assert "Nog geen speerpunten" in visible_text(app)
        await pilot.press("escape")
        await pilot.press("f", "i")  # the import screen of the feedback overview takes it too
        await settle(pilot)
        importer = app.screen
        assert isinstance(importer, ImportScreen)
        assert "PLG-bijeenkomst" in visible_text(app)
        importer.query_one("#import-paste", TextArea).load_text(text)
        await pilot.press("ctrl+s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SpeerpuntenScreen)
        shown = visible_text(app)
        assert "geïmporteerd: 1 speerpunt" in shown and TITLE in shown
        assert [s.titel for s in app.session.team.speerpunten()] == [TITLE]

        # the same file again: nothing changes, and the screen says so
        again = tmp_path / "uitkomst.txt"
        again.write_text(text, encoding="utf-8")
        await pilot.press("i")
        await settle(pilot)
        importer = app.screen
        assert isinstance(importer, ImportScreen)
        importer.query_one("#import-path", Input).value = str(again)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is importer
        result = str(importer.query_one("#import-result", Static).content)
        assert "al geïmporteerd" in result and "niets veranderd" in result

        # a newer version by file: the speerpunten, with what changed on top
        newer = tmp_path / "uitkomst-v2.txt"
        newer.write_text(keeper_version_2(tmp_path), encoding="utf-8")
        importer.query_one("#import-path", Input).value = str(newer)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SpeerpuntenScreen)
        shown = visible_text(app)
        assert "versie 1 naar versie 2" in shown and "aanpak gewijzigd" in shown
        (speerpunt,) = app.session.team.speerpunten()
        assert speerpunt.plan.aanpak == "Exit ticket met twee vragen."


def keeper_version_2(tmp_path: Path) -> str:
    """The keeper adjusts the aanpak: version 2 of the same uitkomst."""
    paths = resolve_paths(tmp_path / "keeper")
    session = open_session(paths, clock=fixed_clock())
    try:
        (first,) = session.team.authored()
        plan = make_plan(TITLE, "Exit ticket met twee vragen.", ZOALS, evaluatie=date(2027, 6, 1))
        uitkomst = session.team.new_uitkomst([plan], vervangt=first.id)
        return session.team.publish(uitkomst, lambda _text: None)
    finally:
        session.close()


# -- the speerpunt and its notes -------------------------------------------------------------


async def test_the_speerpunt_shows_the_agreement_and_a_shared_note_is_counted(
    tmp_path: Path,
) -> None:
    paths = member(tmp_path, imported=keeper_text(tmp_path))
    app = make_app(paths)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        screen = await open_speerpunt(pilot, app)
        text = visible_text(app)
        for expected in (TITLE, "Aanpak", AANPAK, "Uitgevoerd zoals bedoeld betekent", ZOALS):
            assert expected in text, expected
        assert "Nog geen notities van jou" in text

        await pilot.press("m")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, MonitorDialog)
        assert dialog.query_one("#monitor-tekst", TextArea).has_focus
        await pilot.press(*"Het ticket werkte")
        dialog.query_one("#monitor-tekst", TextArea).load_text(NOTE)
        dialog.query_one("#monitor-vraag", Select).value = "sm-wat-werkt"
        dialog.query_one("#monitor-deelbaar", Checkbox).value = True
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert "Jouw notities: 1 (deelbaar: 1)" in visible_text(app)
        (note,) = app.session.team.notes(screen.speerpunt_id)
        assert (note.tekst, note.deelbaar, note.prompt) == (NOTE, True, "sm-wat-werkt")
        assert note.promptset == MONITOR_SET and note.speerpunt == screen.speerpunt_id

        # an empty note is refused in the window, which stays open with a message
        await pilot.press("m")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MonitorDialog)
        assert "Schrijf eerst je notitie" in visible_text(app)
        await pilot.press("escape")  # nothing typed: closes without asking
        await settle(pilot)
        assert app.screen is screen
        assert len(app.session.team.notes(screen.speerpunt_id)) == 1


async def test_a_knelpunt_shows_its_tips(tmp_path: Path) -> None:
    paths = member(tmp_path, imported=keeper_text(tmp_path))
    app = make_app(paths)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        screen = await open_speerpunt(pilot, app)
        await pilot.press("k")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, MonitorDialog)
        assert "Knelpunt vastleggen" in visible_text(app)
        await pilot.press(*"Het monitoren schiet erbij in: niemand houdt het bij.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        tips = app.screen
        assert isinstance(tips, TipsDialog)
        text = visible_text(app)
        assert "Herken je dit knelpunt?" in text
        assert "Het volgen en bijstellen van de aanpak schiet erbij in" in text
        assert "Spreek vaste momenten af" in text and "handvat 3" in text
        (note,) = app.session.team.notes(screen.speerpunt_id)
        assert note.tags == ("knelpunt",) and not note.deelbaar
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen


async def test_evaluate_role_and_leervraag_from_the_speerpunt(tmp_path: Path) -> None:
    paths = member(tmp_path, imported=keeper_text(tmp_path))
    session = open_session(paths, clock=fixed_clock())
    try:
        leervraag = session.feedback.new_leervraag("Hoe activeer ik stille studenten?")
    finally:
        session.close()
    app = make_app(paths)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        screen = await open_speerpunt(pilot, app)

        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, RolesDialog)
        await pilot.press("enter")  # ticks the first role: kwaliteitsbewaker
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert app.session.team.speerpunt(screen.speerpunt_id).mijn_rollen == ("kwaliteitsbewaker",)
        assert "Jouw taken als kwaliteitsbewaker" in str(
            screen.query_one("#sp-rollen", Static).content
        )

        await pilot.press("l")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, LinkLeervragenDialog)
        dialog.query_one(SelectionList).select(leervraag["id"])
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.session.team.speerpunt(screen.speerpunt_id).leervragen == (leervraag["id"],)
        linked = screen.query_one("#sp-leervragen", OptionList)
        assert linked.get_option_at_index(0).id == leervraag["id"]

        await pilot.press("e")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, EvaluateSpeerpuntDialog)
        dialog.query_one("#eval-effect", TextArea).load_text("Meer studenten stellen vragen.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        error = str(dialog.query_one("#form-error", Static).content)
        assert error == "Kies voortzetten, bijstellen of afsluiten."
        (afsluiten,) = [b for b in dialog.query(RadioButton) if b.name == "afsluiten"]
        afsluiten.value = True
        await pilot.press("ctrl+s")
        await settle(pilot)
        question = app.screen
        assert isinstance(question, ChoiceDialog)  # a new cycle, with the verbeterplan set?
        assert "nieuwe verbeterronde" in visible_text(app).lower()
        await pilot.press("enter")
        await settle(pilot)
        assert app.settings.promptset == "verbeterplan"
        speerpunt = app.session.team.speerpunt(screen.speerpunt_id)
        assert speerpunt.status == "afgesloten"
        assert speerpunt.evaluaties[0].effect == "Meer studenten stellen vragen."
        assert "Afgesloten" in visible_text(app)


# -- the start screen: monitoring questions and borging --------------------------------------


async def test_a_monitoring_question_comes_in_the_week_after_import(tmp_path: Path) -> None:
    paths = member(tmp_path, imported=keeper_text(tmp_path))
    clock = MovableClock(NOW + timedelta(days=2))
    app = make_app(paths, clock=clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert home.suggestion is not None
        question = home.suggestion.prompt
        text = visible_text(app)
        assert f"Monitoren · speerpunt ‘{TITLE}’" in text
        assert question.render("mbo")[:40] in text

        # "andere vraag" goes on to the usual rotation; leaving and coming back keeps it so
        await pilot.press("a")
        await settle(pilot)
        assert home.suggestion is None and "Monitoren" not in visible_text(app)

    # the next start: the question is back; s writes the note, linked to the speerpunt
    app = make_app(paths, clock=clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen) and home.suggestion is not None
        question = home.suggestion.prompt
        await pilot.press("s")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, MonitorDialog)
        assert dialog.query_one("#monitor-vraag", Select).value == question.id
        await pilot.press(*"Twee klassen deden goed mee.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is home
        assert home.suggestion is None and "Monitoren" not in visible_text(app)
        (note,) = app.session.team.notes(speerpunt_id_of(app))
        assert note.prompt == question.id and note.tekst == "Twee klassen deden goed mee."

        # a week later the next monitoring question is there (the screen refreshes on return)
        clock.now += timedelta(days=7)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is home
        assert home.suggestion is not None and home.suggestion.prompt.id != question.id
        assert "Monitoren · speerpunt" in visible_text(app)


def speerpunt_id_of(app: ReflectieApp) -> str:
    return app.session.team.speerpunten()[0].id


async def test_the_borging_reminder_comes_after_six_months_and_can_wait(tmp_path: Path) -> None:
    paths = member(tmp_path, imported=keeper_text(tmp_path))
    clock = MovableClock(NOW + timedelta(days=180))  # a day short of half a year
    app = make_app(paths, clock=clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert "Borging van" not in visible_text(app)
        assert not home.command_state(BY_ID["borging_later"])

        clock.now += timedelta(days=1)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        text = visible_text(app)
        assert f"Borging van ‘{TITLE}’" in text
        assert "w beantwoorden" in text and "u later" in text

        await pilot.press("u")
        await settle(pilot)
        assert "Borging van" not in visible_text(app)
        speerpunt = app.session.team.speerpunten()[0]
        assert speerpunt.uitgesteld_tot == (clock.now.date() + timedelta(days=14)).isoformat()

        # two weeks on it is back, and answering a borging question settles it
        clock.now += timedelta(days=14)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert "Borging van" in visible_text(app)
        await pilot.press("w")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, MonitorDialog)
        assert dialog.query_one("#monitor-vraag", Select).value == BORGING_PROMPTS[0]
        await pilot.press(*"Ja, nog steeds zoals bedoeld.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is home
        assert "Borging van" not in visible_text(app)


# -- kwaliteitskaart -------------------------------------------------------------------------


async def test_the_kwaliteitskaart_is_written_to_a_file_asking_before_replacing(
    tmp_path: Path, home: Path
) -> None:
    paths = member(tmp_path, imported=keeper_text(tmp_path))
    app = make_app(paths)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await open_speerpunt(pilot, app)
        await pilot.press("p")
        await settle(pilot, rounds=3)
        kaart = app.screen
        assert isinstance(kaart, KaartScreen) and kaart.kaart is not None
        path_field = kaart.query_one("#kaart-pad", Input)
        assert path_field.value == "~/kwaliteitskaart-activerende-afsluiting-van-de.md"
        assert path_field.has_focus
        area = kaart.query_one("#kaart-tekst", TextArea)
        assert area.text.startswith(f"# Kwaliteitskaart: {TITLE}")
        area.insert("\nOpgehangen in lokaal 2.14.\n", area.document.end)  # editable before export

        await pilot.press("ctrl+s")  # the default: Markdown in ~
        await settle(pilot)
        written = home / "kwaliteitskaart-activerende-afsluiting-van-de.md"
        markdown = written.read_text(encoding="utf-8")
        assert "## Onze aanpak" in markdown and AANPAK in markdown and ZOALS in markdown
        assert markdown.rstrip().endswith("Opgehangen in lokaal 2.14.")
        assert str(kaart.query_one("#kaart-uitslag", Static).content) == f"Opgeslagen: {written}"

        # HTML next to it, typed by hand
        kaart.query_one("#kaart-formaat", Select).value = "html"
        await settle(pilot)
        assert path_field.value.endswith(".html")
        target = tmp_path / "kaart.html"
        path_field.value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        page = target.read_text(encoding="utf-8")
        assert page.startswith("<!DOCTYPE html>") and f"<title>Kwaliteitskaart: {TITLE}" in page
        assert "Opgehangen in lokaal 2.14." in page

        # the same file again: asked first; cancel keeps the old file
        target.write_text("oud", encoding="utf-8")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("enter")  # the focused button: Annuleren
        await settle(pilot)
        assert target.read_text(encoding="utf-8") == "oud"
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("left", "enter")  # Vervangen
        await settle(pilot)
        assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


# -- the uitkomst editor ---------------------------------------------------------------------


async def test_the_uitkomst_editor_writes_a_file_another_journal_imports(
    tmp_path: Path, home: Path
) -> None:
    keeper = member(tmp_path, "joost")
    target = tmp_path / "uitkomst.txt"
    app = make_app(keeper)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        app.push_screen(PlgBundleScreen())  # from the agenda screen, after the meeting
        await settle(pilot)
        app.screen.query_one("#bestanden", OptionList).focus()
        await pilot.press("o")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, UitkomstScreen)
        assert editor.query_one("#u-titel", Input).has_focus
        await pilot.press(*"PLG Taal")
        await pilot.press("ctrl+t")  # nothing filled in yet: refused, nothing written
        await settle(pilot)
        assert "Vul eerst een speerpunt in" in str(editor.query_one("#u-status", Static).content)
        assert app.session.team.authored() == [] and app.clipboard == ""

        editor.query_one("#f-titel", Input).value = TITLE
        editor.query_one("#f-aanpak", TextArea).load_text(AANPAK)
        editor.query_one("#f-zoals", TextArea).load_text(ZOALS)
        editor.query_one("#f-monitoring", TextArea).load_text("- week 10: lesbezoek\n- elke PLG")
        editor.query_one("#f-evaluatie", Input).value = "2027-06-01"
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert [p.titel for p in editor.plans] == [TITLE]
        assert editor.query_one("#f-titel", Input).value == ""

        editor.query_one("#f-titel", Input).value = "Samen nakijken"
        editor.query_one("#f-aanpak", TextArea).load_text("Eén keer per maand kijken we samen na.")
        editor.query_one("#f-zoals", TextArea).load_text("Elke maand één gezamenlijke sessie.")
        editor.query_one("#f-rollen", SelectionList).select("trekker")
        editor.query_one("#send-path", Input).value = str(target)
        await pilot.press("ctrl+o")  # the form is taken along
        await settle(pilot)
        assert len(editor.plans) == 2
        text = target.read_text(encoding="utf-8")
        assert text.startswith("PLG-uitkomst: PLG Taal (versie 1)")
        assert editor.query_one("#send-text", TextArea).text == text
        status = str(editor.query_one("#u-status", Static).content)
        assert status.startswith(f"✓ Versie 1 van de uitkomst staat in {target}")
        (authored,) = app.session.team.authored()
        assert authored.speerpunten[0].monitoring == ("week 10: lesbezoek", "elke PLG")
        assert authored.speerpunten[1].rollen == ("kwaliteitsbewaker", "trekker")

        # copying the same decisions again makes no new version
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert app.clipboard == text
        assert [u.uitkomst_versie for u in app.session.team.authored()] == [1]

    # another member imports the file
    other = member(tmp_path, "anna")
    session = open_session(other, clock=fixed_clock())
    try:
        result = import_exchange(session, target.read_bytes())
        assert result.changed
        titles = [s.titel for s in session.team.speerpunten()]
        assert titles == [TITLE, "Samen nakijken"]
        assert session.team.speerpunten()[0].plan.evaluatie == "2027-06-01"
    finally:
        session.close()


async def test_a_newer_version_from_the_editor_says_what_changed(
    tmp_path: Path, home: Path
) -> None:
    text = keeper_text(tmp_path)
    keeper = resolve_paths(tmp_path / "keeper")
    configure(keeper, naam="Joost")
    target = tmp_path / "uitkomst-v2.txt"
    app = make_app(keeper)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, UitkomstScreen)
        basis = editor.query_one("#u-basis", Select)
        (uitkomst,) = app.session.team.authored()
        basis.value = uitkomst.id
        await settle(pilot)
        assert [p.titel for p in editor.plans] == [TITLE]
        assert "Dit wordt versie 2" in visible_text(app)
        editor.query_one("#u-lijst", OptionList).focus()
        await pilot.press("enter")  # back into the form, to change it
        await settle(pilot)
        assert editor.query_one("#f-titel", Input).value == TITLE
        editor.query_one("#f-aanpak", TextArea).load_text("Exit ticket met twee vragen.")
        editor.query_one("#send-path", Input).value = str(target)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert target.exists()

    paths = member(tmp_path, imported=text)
    session = open_session(paths, clock=fixed_clock())
    try:
        result = import_exchange(session, target.read_bytes())
        assert "versie 1 naar versie 2" in result.message
        assert "aanpak gewijzigd" in result.message
    finally:
        session.close()


async def test_the_editor_warns_about_names_before_anything_goes_out(
    tmp_path: Path, home: Path
) -> None:
    keeper = member(tmp_path, "joost")
    target = tmp_path / "uitkomst.txt"
    app = make_app(keeper)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        app.push_screen(UitkomstScreen())
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, UitkomstScreen)
        editor.query_one("#f-titel", Input).value = TITLE
        editor.query_one("#f-aanpak", TextArea).load_text(
            "Elke les een exit ticket; Jan de Vries maakt de sjablonen (jan@school.nl)."
        )
        editor.query_one("#f-zoals", TextArea).load_text(ZOALS)
        editor.query_one("#send-path", Input).value = str(target)
        await pilot.press("ctrl+o")
        await settle(pilot)
        question = app.screen
        assert isinstance(question, ChoiceDialog)
        text = visible_text(app)
        assert "Mogelijk namen" in text and "jan@school.nl" in text
        await pilot.press("enter")  # Aanpassen (focused)
        await settle(pilot)
        assert app.screen is editor
        assert not target.exists() and app.session.team.authored() == []

        await pilot.press("ctrl+o")
        await settle(pilot)
        await pilot.press("right", "enter")  # Toch versturen
        await settle(pilot)
        assert target.exists() and len(app.session.team.authored()) == 1
