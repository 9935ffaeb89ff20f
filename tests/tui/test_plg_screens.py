"""The PLG screens: export, review (release / mark), bundle and known names (Pilot, no sleeps).

The screens are pushed directly on a :class:`ReflectieApp` whose start screen is a
blank one, so these flows do not depend on how the start screen opens them.
"""

from __future__ import annotations

import re
import stat
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.screen import Screen
from textual.widgets import Input, OptionList, Select, SelectionList, Static, Switch
from tui_support import NOW, SIZE, MovableClock, configure, make_app, settle, visible_text

from reflectie.anonymizer import AnonymizedText, Anonymizer, Suspect
from reflectie.paths import AppPaths
from reflectie.plg.choices import load_choices
from reflectie.plg.summary import (
    SECTION_LEERVRAGEN,
    SECTION_REFLECTIES,
    Item,
    Summary,
    render_markdown,
)
from reflectie.session import open_session
from reflectie.tui.app import ReflectieApp
from reflectie.tui.commands import BY_ID
from reflectie.tui.screens.confirm import ChoiceDialog
from reflectie.tui.screens.known_names import KnownNamesScreen
from reflectie.tui.screens.plg_bundle import PlgBundleScreen
from reflectie.tui.screens.plg_export import PlgExportScreen
from reflectie.tui.screens.plg_review import PlgReviewScreen, kind_options
from reflectie.tui.widgets.plg_common import (
    output_targets,
    plg_commands_for,
    quick_period,
)

PRIVATE = "Geheim: mijn twijfels over Pietje Puk en de teamleider"
SHARED = (
    "Gesprek met Jan de Vries over zijn stage. Hij mailt via jan@school.nl "
    "of belt 06-12345678. Sanne noteerde het."
)
LEAKS = ("Jan de Vries", "jan@school.nl", "06-12345678", "Sanne", "Pietje", "Geheim")


def run_cli(paths: AppPaths, *args: str) -> subprocess.CompletedProcess[str]:
    """``reflectie ARGS --data-dir`` on the same journal (after the app has closed)."""
    return subprocess.run(
        [sys.executable, "-m", "reflectie", *args, "--data-dir", str(paths.data_dir)],
        capture_output=True,
        text=True,
        timeout=120,
    )


class PlgApp(ReflectieApp):
    """The real app, with a blank start screen: the tests push the PLG screens themselves."""

    def show_home(self) -> None:
        self.push_screen(Screen())


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``~`` for the default output paths: never the real home folder."""
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    return folder


def seed(
    paths: AppPaths,
    entries: list[tuple[str, bool, int]],
    leervragen: list[tuple[str, bool, str]] = (),  # type: ignore[assignment]
) -> list[str]:
    """Entries as (text, deelbaar, days before NOW), leervragen as (text, deelbaar,
    conclusie); returns the entries' ids."""
    clock = MovableClock()
    session = open_session(paths, clock=clock)
    ids = []
    try:
        for text, deelbaar, days in entries:
            clock.now = NOW - timedelta(days=days, hours=1)
            ids.append(session.journal.write(text, deelbaar=deelbaar).id)
        for text, deelbaar, conclusie in leervragen:
            doc = session.feedback.new_leervraag(text, deelbaar=deelbaar)
            if conclusie:
                session.feedback.update_leervraag(doc["id"], status="afgerond", conclusie=conclusie)
    finally:
        session.close()
    return ids


def add_names(paths: AppPaths, names: list[tuple[str, str]]) -> None:
    """Known names (name, role), as if typed in the known-names screen."""
    session = open_session(paths, clock=MovableClock())
    try:
        for naam, rol in names:
            session.feedback.add_name(naam, rol)
    finally:
        session.close()


async def confirm_release(pilot: Any, app: ReflectieApp) -> None:
    """Press v on the highlighted replacement and answer "Vrijgeven"."""
    await pilot.press("v")
    await settle(pilot)
    assert isinstance(app.screen, ChoiceDialog)
    await pilot.press("left", "enter")  # from "Annuleren" to "Vrijgeven"
    await settle(pilot, rounds=3)


async def open_review(app: ReflectieApp, pilot: Any) -> PlgReviewScreen:
    """Export screen with its defaults, then "Controleren"; waits for the anonymized summary."""
    app.push_screen(PlgExportScreen())
    await settle(pilot)
    await pilot.press("ctrl+s")
    await settle(pilot, rounds=3)
    review = app.screen
    assert isinstance(review, PlgReviewScreen)
    assert review.ready
    return review


def spot_for(review: PlgReviewScreen, original: str) -> int | None:
    for index, spot in enumerate(review.spots):
        if spot.replacement.original == original:
            return index
    return None


def shown_texts(review: PlgReviewScreen) -> list[str]:
    assert review.summary is not None
    return [a.text for a in review.summary.anonymized]


async def test_export_review_and_save(paths: AppPaths, home: Path, tmp_path: Path) -> None:
    configure(paths)  # naam Sanne: always replaced
    shared_id, _private_id, old_id = seed(
        paths,
        [(SHARED, True, 3), (PRIVATE, False, 2), ("Oude deelbare reflectie", True, 60)],
        leervragen=[
            # the conclusie is free text too: it must be anonymized like the rest
            ("Hoe activeer ik stille studenten?", True, "Jan de Vries bevestigde het."),
            ("Privé leervraag", False, ""),
        ],
    )
    app = make_app(paths, app_class=PlgApp)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        app.push_screen(PlgExportScreen())
        await settle(pilot)
        export = app.screen
        assert isinstance(export, PlgExportScreen)
        # only deelbaar material is listed; the private entry never appears at all
        reflecties = export.query_one("#reflecties", SelectionList)
        assert reflecties.selected == [shared_id]  # the default: last 4 weeks, all chosen
        assert export.query_one("#leervragen", SelectionList).option_count == 1
        text = visible_text(app)
        assert "Geheim" not in text and "Privé leervraag" not in text
        assert "Hoe activeer ik stille studenten?" in text

        # quick choice "alles" brings the older shared entry, and fills the dates
        export.query_one("#snel", Select).value = "alles"
        await settle(pilot)
        assert export.query_one("#van", Input).value == ""
        assert set(reflecties.selected) == {shared_id, old_id}
        assert "Geheim" not in visible_text(app)
        # typing a date makes it an own period
        export.query_one("#van", Input).value = (NOW.date() - timedelta(days=10)).isoformat()
        await settle(pilot)
        assert export.query_one("#snel", Select).value == "eigen"
        assert reflecties.selected == [shared_id]

        await pilot.press("ctrl+s")
        await settle(pilot, rounds=3)
        review = app.screen
        assert isinstance(review, PlgReviewScreen)
        assert review.ready

        reasons = {s.replacement.original: review.reason(s.replacement) for s in review.spots}
        assert reasons["jan@school.nl"] == "e-mail"
        assert reasons["06-12345678"] == "telefoonnummer"
        assert reasons["Sanne"] == "je eigen naam"
        assert "Jan de Vries" in reasons
        text = visible_text(app)
        assert f"{len(review.spots)} vervangingen" in text
        assert "jan@school.nl → [e-mail]  (e-mail)" in text
        assert "Jan de Vries → Persoon 1" in text
        assert "Persoon 1 bevestigde het.)" in text  # the leervraag's conclusie
        assert "Geheim" not in text and "Pietje" not in text

        # the highlighted text and the plain Markdown preview never show the originals
        for anonymized in shown_texts(review):
            assert not any(leak in anonymized for leak in LEAKS)
        await pilot.press("e")
        await settle(pilot)
        text = visible_text(app)
        assert "Eindversie" in text and "# PLG-samenvatting" in text
        assert "Geheim" not in text

        # the own name cannot be released
        own = spot_for(review, "Sanne")
        assert own is not None
        review.query_one("#vervangingen", OptionList).highlighted = own
        await pilot.press("v")
        await settle(pilot)
        assert app.session.settings.load().vrijgegeven == ()

        # nothing was written before the teacher confirms
        target = tmp_path / "uit" / "samenvatting.md"
        target.parent.mkdir()
        assert list(target.parent.iterdir()) == []
        assert list(home.iterdir()) == []
        review.query_one("#pad", Input).value = str(target)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert list(target.parent.iterdir()) == [target]
        data = target.read_bytes()
        for leak in LEAKS:
            assert leak.encode() not in data
        assert b"Persoon 1" in data and b"[e-mail]" in data
        assert b"conclusie: Persoon 1 bevestigde het." in data
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
        assert target.name in visible_text(app)
        assert str(target) in str(review.query_one("#opgeslagen", Static).content)


async def test_release_asks_first_and_mark_missed_word(paths: AppPaths, home: Path) -> None:
    configure(paths)
    # "Storm" is on the list (always replaced, whatever the rules); "kwibus" is an ordinary
    # word the anonymizer keeps, used here as a nickname the teacher marks as missed.
    add_names(paths, [("Storm", "anders")])
    seed(paths, [("We lazen het boek Storm met de klas. De kwibus deed goed mee.", True, 1)])
    app = make_app(paths, app_class=PlgApp)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        review = await open_review(app, pilot)
        storm = spot_for(review, "Storm")
        assert storm is not None
        assert spot_for(review, "kwibus") is None

        # releasing asks first, because it holds for every later export; escape cancels
        review.query_one("#vervangingen", OptionList).highlighted = storm
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        text = visible_text(app)
        assert "Vrijgeven?" in text and "latere" in text
        await pilot.press("escape")
        await settle(pilot, rounds=3)
        assert app.screen is review
        assert app.session.settings.load().vrijgegeven == ()
        assert spot_for(review, "Storm") is not None

        # confirmed: allow-list stored, text shows the word again
        await confirm_release(pilot, app)
        assert app.screen is review
        assert app.session.settings.load().vrijgegeven == ("Storm",)
        assert spot_for(review, "Storm") is None
        assert "het boek Storm" in shown_texts(review)[0]
        assert "het boek Storm" in visible_text(app)

        # mark the missed word with a role: stored as a known name, replaced from now on
        await pilot.press("m")
        assert review.focused is review.query_one("#gemist", Input)
        await pilot.press(*"kwibus")
        review.query_one("#gemist-rol", Select).value = "student"
        await pilot.press("enter")
        await settle(pilot, rounds=3)
        names = {doc["naam"]: doc["rol"] for doc in app.session.feedback.names()}
        assert names == {"Storm": "anders", "kwibus": "student"}
        kwibus = spot_for(review, "kwibus")
        assert kwibus is not None
        assert review.spots[kwibus].replacement.label == "Student 1"
        assert "kwibus" not in shown_texts(review)[0]
        assert "kwibus → Student 1" in visible_text(app)

        # the known-names screen from the review: removing the name there counts
        await pilot.press("b")
        await settle(pilot)
        names_screen = app.screen
        assert isinstance(names_screen, KnownNamesScreen)
        assert "kwibus" in visible_text(app) and "Storm" in visible_text(app)
        names_screen.query_one("#namen", OptionList).highlighted = names_screen._name_rows.index(
            "kwibus"
        )
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot, rounds=3)
        assert app.screen is review
        assert [doc["naam"] for doc in app.session.feedback.names()] == ["Storm"]
        assert spot_for(review, "kwibus") is None
        assert "De kwibus deed goed mee" in shown_texts(review)[0]


async def test_missed_word_with_a_label_disappears_from_the_export(
    paths: AppPaths, home: Path, tmp_path: Path
) -> None:
    configure(paths)
    seed(paths, [("Stage via het Noorderpoort; Noorderpoort belde, klas 3B ook.", True, 1)])
    app = make_app(paths, app_class=PlgApp)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        review = await open_review(app, pilot)
        kinds = {kind for _text, kind in kind_options("mbo")}
        assert {"collega", "student", "anders", "school", "bedrijf", "klas", "verwijderd"} <= kinds

        for word, kind in (("Noorderpoort", "school"), ("3B", "klas")):
            await pilot.press("m")
            await pilot.press(*word)
            review.query_one("#gemist-rol", Select).value = kind
            await pilot.press("enter")
            await settle(pilot, rounds=3)
        text = shown_texts(review)[0]
        assert text == "Stage via het [school]; [school] belde, klas [klas] ook."
        shown = visible_text(app)
        assert "Noorderpoort → [school]  (door jou" in shown
        assert "wordt vervangen door [klas]" in shown  # the notification tells the truth

        review.query_one("#pad", Input).value = str(tmp_path / "met-label.md")
        await pilot.press("ctrl+s")
        await settle(pilot)
        saved = (tmp_path / "met-label.md").read_text("utf-8")
        assert "Noorderpoort" not in saved and "3B" not in saved and "[school]" in saved

        # stored for later exports, and listed with its label among the known names
        await pilot.press("b")
        await settle(pilot)
        assert "Noorderpoort  → [school]" in visible_text(app)
    van, tot = quick_period("4weken", NOW.date())  # the review's default period
    result = run_cli(
        paths,
        "export",
        "plg",
        f"--van={van}",
        f"--tot={tot}",
        "-o",
        str(tmp_path / "later.md"),
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "later.md").read_text("utf-8") == saved

    # taking the word off the list (known-names screen, x) brings it back
    app = make_app(paths, app_class=PlgApp)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        app.push_screen(KnownNamesScreen())
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, KnownNamesScreen)
        assert "Woorden met een label (2)" in visible_text(app)
        names = screen.query_one("#namen", OptionList)
        names.highlighted = screen._name_rows.index("Noorderpoort")
        await pilot.press("x")
        await settle(pilot)
        assert "Woorden met een label (1)" in visible_text(app)
        assert [m.word for m in load_choices(app.session).marked] == ["3B"]


async def test_tui_and_cli_write_the_same_summary(
    paths: AppPaths, home: Path, tmp_path: Path
) -> None:
    """The same choices give the same file, whether saved in the review or by the CLI."""
    configure(paths)
    add_names(paths, [("Storm", "anders"), ("Fenna", "collega")])
    seed(
        paths,
        [
            (
                "Gesprek met Jan de Vries (jan@school.nl) over het boek Storm. Fenna en de "
                "kwibus hielpen; stage bij Bakkerij Jansen.",
                True,
                3,
            ),
            ("Nog een reflectie: de kwibus en Jan waren er weer.", True, 40),
            ("Privé: niet delen.", False, 2),
        ],
        leervragen=[("Hoe help ik de kwibus?", True, "Jan de Vries dacht mee.")],
    )
    app = make_app(paths, app_class=PlgApp)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        app.push_screen(PlgExportScreen())
        await settle(pilot)
        export = app.screen
        assert isinstance(export, PlgExportScreen)
        export.query_one("#snel", Select).value = "alles"  # what the CLI takes by default
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot, rounds=3)
        review = app.screen
        assert isinstance(review, PlgReviewScreen) and review.ready

        storm = spot_for(review, "Storm")
        assert storm is not None
        review.query_one("#vervangingen", OptionList).highlighted = storm
        await confirm_release(pilot, app)
        for word, kind in (("kwibus", "student"), ("Bakkerij Jansen", "bedrijf")):
            review.query_one("#gemist", Input).value = word
            review.query_one("#gemist-rol", Select).value = kind
            review.query_one("#gemist", Input).focus()
            await pilot.press("enter")
            await settle(pilot, rounds=3)
        review.query_one("#pad", Input).value = str(tmp_path / "tui.md")
        await pilot.press("ctrl+s")
        await settle(pilot)
    tui = (tmp_path / "tui.md").read_text("utf-8")
    for leak in ("Jan", "jan@school.nl", "Fenna", "kwibus", "Bakkerij", "Privé", "Sanne"):
        assert leak not in tui, leak
    assert "het boek Storm" in tui and "[bedrijf]" in tui
    result = run_cli(paths, "export", "plg", "-o", str(tmp_path / "cli.md"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "cli.md").read_text("utf-8") == tui


def with_suspects(monkeypatch: pytest.MonkeyPatch, word: str) -> None:
    """Make the anonymizer report ``word`` as "mogelijk een naam" (its detection is not
    what these tests are about)."""
    original = Anonymizer.anonymize_many

    def anonymize_many(self: Anonymizer, texts: Sequence[str]) -> list[AnonymizedText]:
        results = original(self, texts)
        return [
            replace(
                r,
                suspects=(
                    *r.suspects,
                    *(
                        Suspect(m.start(), m.end(), m.group(), "hoofdletter, onbekend woord")
                        for m in re.finditer(rf"\b{word}\b", r.original)
                    ),
                ),
            )
            for r in results
        ]

    monkeypatch.setattr(Anonymizer, "anonymize_many", anonymize_many)


async def test_suspects_are_shown_and_one_key_replaces_them(
    paths: AppPaths, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    configure(paths)
    with_suspects(monkeypatch, "Gisteren")
    seed(paths, [("Gisteren ging het goed met Jan de Vries. Gisteren weer.", True, 1)])
    app = make_app(paths, app_class=PlgApp)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        review = await open_review(app, pilot)
        assert [s.suspect.text for s in review.suspects] == ["Gisteren", "Gisteren"]
        text = visible_text(app)
        assert "2 mogelijk een naam" in text and "Mogelijk een naam (2)" in text
        assert "Gisteren  mogelijk een naam" in text
        assert review.command_state(BY_ID["vervang_verdacht"]) is None  # on a replacement

        # n walks through the replacements, then the suspects
        for _ in review.spots:
            await pilot.press("n")
        await settle(pilot)
        row = review.current_row()
        assert row is not None and row is review.rows[len(review.spots) + 1]
        assert "bleef staan" in visible_text(app)
        assert review.command_state(BY_ID["vrijgeven"]) is None  # nothing to release

        await pilot.press("w")
        await settle(pilot, rounds=3)
        assert review.suspects == []
        assert "Gisteren" not in shown_texts(review)[0]
        names = {doc["naam"]: doc["rol"] for doc in app.session.feedback.names()}
        assert names == {"Gisteren": "anders"}


async def test_marked_word_in_another_form_is_still_replaced(paths: AppPaths, home: Path) -> None:
    configure(paths)
    seed(paths, [("Zyrahs presentatie was sterk.", True, 1)])
    app = make_app(paths, app_class=PlgApp)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        review = await open_review(app, pilot)
        assert "Zyrahs" in shown_texts(review)[0]
        review.query_one("#gemist", Input).value = "Zyrah"
        review.query_one("#gemist", Input).focus()
        await pilot.press("enter")
        await settle(pilot, rounds=3)
        assert "Zyrah" not in shown_texts(review)[0]


async def test_html_and_both_formats_and_replace_asks(
    paths: AppPaths, home: Path, tmp_path: Path
) -> None:
    configure(paths)
    seed(paths, [("Een goede les over feedback met Jan de Vries.", True, 1)])
    app = make_app(paths, app_class=PlgApp)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        review = await open_review(app, pilot)
        pad = review.query_one("#pad", Input)
        assert pad.value == f"~/plg-samenvatting-week-{NOW.isocalendar()[1]:02d}.md"

        review.query_one("#formaat", Select).value = "html"
        await settle(pilot)
        assert pad.value.endswith(".html")  # the extension follows the format
        pad.value = str(tmp_path / "samenvatting.html")
        await pilot.press("ctrl+s")
        await settle(pilot)
        page = (tmp_path / "samenvatting.html").read_text("utf-8")
        assert page.startswith("<!DOCTYPE html>") and "Jan de Vries" not in page
        assert not (tmp_path / "samenvatting.md").exists()

        review.query_one("#formaat", Select).value = "beide"
        await settle(pilot)
        pad.value = "samen"  # relative: in the home folder
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert sorted(p.name for p in home.iterdir()) == ["samen.html", "samen.md"]
        assert (home / "samen.md").read_text("utf-8").startswith("# PLG-samenvatting")

        # an existing file is only replaced after asking
        before = (home / "samen.md").stat().st_mtime_ns
        (home / "samen.md").write_text("oud", "utf-8")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("escape")  # annuleren
        await settle(pilot)
        assert (home / "samen.md").read_text("utf-8") == "oud"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("left", "enter")  # from "Annuleren" to "Vervangen"
        await settle(pilot)
        assert (home / "samen.md").read_text("utf-8").startswith("# PLG-samenvatting")
        assert before  # written once before


async def test_markup_in_entries_shows_literally(paths: AppPaths, home: Path) -> None:
    configure(paths)
    text = "Vandaag [@click=app.quit]x[/] en [/foo] en [bold]vet[/bold] in de klas."
    seed(paths, [(text, True, 1)])
    app = make_app(paths, app_class=PlgApp)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        app.push_screen(PlgExportScreen())
        await settle(pilot)
        assert "[@click=app.quit]x[/]" in visible_text(app)  # the entry title, literally
        await pilot.press("ctrl+s")
        await settle(pilot, rounds=3)
        review = app.screen
        assert isinstance(review, PlgReviewScreen)
        shown = visible_text(app)
        assert "[/foo]" in shown
        assert "[bold]vet[/bold]" in shown
        assert "=app.quit]x[/]" in shown
        assert "@click → [account]" in shown
        await pilot.press("e")
        await settle(pilot)
        assert "[/foo]" in visible_text(app)
        assert app.is_running


async def test_empty_choice_is_refused(paths: AppPaths, home: Path) -> None:
    configure(paths)
    seed(paths, [(PRIVATE, False, 1)])
    app = make_app(paths, app_class=PlgApp)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        app.push_screen(PlgExportScreen())
        await settle(pilot)
        text = visible_text(app)
        assert "Geen deelbare reflecties in deze periode" in text
        assert "Geheim" not in text
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, PlgExportScreen)
        assert "Kies minstens één leervraag of reflectie" in visible_text(app)


def member_file(folder: Path, name: str, leervraag: str, reflectie: str) -> Path:
    summary = Summary(
        sector="mbo",
        period="week 45 (2026) t/m week 47 (2026)",
        items=[
            Item(SECTION_LEERVRAGEN, "", leervraag, "open"),
            Item(SECTION_REFLECTIES, "Vrije reflecties", reflectie, "week 46 (2026)"),
        ],
        dialogue=[],
    )
    path = folder / name
    path.write_text(render_markdown(summary), "utf-8")
    return path


async def add_file(pilot: Any, screen: PlgBundleScreen, path: Path) -> None:
    field = screen.query_one("#bestand", Input)
    field.value = str(path)
    field.focus()
    await pilot.press("enter")
    await settle(pilot)


async def test_bundle_merges_members_and_refuses_broken_file(
    paths: AppPaths, home: Path, tmp_path: Path
) -> None:
    configure(paths)
    members = tmp_path / "leden"
    members.mkdir()
    files = [
        member_file(members, f"lid{n}.md", f"Leervraag {n}?", f"Reflectie van lid {n}.")
        for n in (1, 2, 3)
    ]
    broken = members / "kapot.md"
    broken.write_text("Gewoon een boodschappenlijstje.\n", "utf-8")
    out = tmp_path / "agenda.md"
    app = make_app(paths, app_class=PlgApp)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        app.push_screen(PlgBundleScreen())
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PlgBundleScreen)
        for path in [*files, broken]:
            await add_file(pilot, screen, path)
        await add_file(pilot, screen, files[0])  # twice: refused
        assert screen.files == [*files, broken]
        assert "✓ 1 leervraag, 1 reflectie, 0 voornemens" in visible_text(app)
        assert "bevat geen herkenbare PLG-samenvatting" in screen.status[broken].plain

        screen.query_one("#uitvoer", Input).value = str(out)
        screen.query_one("#html", Switch).value = True
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not out.exists() and not out.with_suffix(".html").exists()
        text = visible_text(app)
        assert "Niets opgeslagen" in text
        assert "PLG-samenvatting (geen bekende kopjes)." in text
        assert f"{broken} bevat geen herkenbare" in str(
            screen.query_one("#uitslag", Static).content
        )

        # take the broken file out of the list, then merge
        screen.query_one("#bestanden", OptionList).focus()
        screen.query_one("#bestanden", OptionList).highlighted = 3
        await pilot.press("x")
        await settle(pilot)
        assert screen.files == files
        await pilot.press("ctrl+s")
        await settle(pilot)
        agenda = out.read_text("utf-8")
        assert "Samengevoegd uit 3 samenvattingen" in agenda
        for n in (1, 2, 3):
            assert f"Leervraag {n}?" in agenda and f"Reflectie van lid {n}." in agenda
        assert out.with_suffix(".html").read_text("utf-8").startswith("<!DOCTYPE html>")
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
        assert "Agenda uit 3 samenvattingen" in visible_text(app)
        report = str(screen.query_one("#uitslag", Static).content)
        assert "Agenda uit 3 samenvattingen: 3 leervragen, 3 reflecties, 0 voornemens" in report
        assert f"Opgeslagen: {out}, {out.with_suffix('.html')}" in report


async def test_known_names_add_remove_roles_and_released_words(paths: AppPaths) -> None:
    configure(paths, sector="vo", vrijgegeven=("Storm", "Roos"))
    session = open_session(paths, clock=MovableClock())
    try:
        session.feedback.add_name("Anna Bakker", "collega", bron="feedback")
    finally:
        session.close()
    app = make_app(paths, app_class=PlgApp)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        app.push_screen(KnownNamesScreen())
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, KnownNamesScreen)
        text = visible_text(app)
        assert "Collega's (1)" in text and "Anna Bakker" in text
        assert "uit een feedbackuitwisseling" in text
        assert "Leerlingen (0)" in text  # vo: leerlingen, not studenten
        assert "Storm" in text and "Roos" in text
        assert "docentcodes" in text  # the teacher learns that codes belong on the list

        async def add(naam: str, rol: str) -> None:
            await pilot.press("t")
            assert screen.focused is screen.query_one("#nieuwe-naam", Input)
            screen.query_one("#nieuwe-naam", Input).value = naam
            screen.query_one("#nieuwe-rol", Select).value = rol
            await pilot.press("enter")
            await settle(pilot)
            await pilot.press("escape")  # back to the list

        await add("Ahmed", "student")
        await add("Mevrouw [b]Jansen[/b]", "anders")
        await add("Roos", "collega")  # was released: a name after all
        stored = {doc["naam"]: doc["rol"] for doc in app.session.feedback.names()}
        assert stored == {
            "Anna Bakker": "collega",
            "Ahmed": "student",
            "Mevrouw [b]Jansen[/b]": "anders",
            "Roos": "collega",
        }
        text = visible_text(app)
        assert "Leerlingen (1)" in text and "Anderen (1)" in text and "Collega's (2)" in text
        assert "Mevrouw [b]Jansen[/b]" in text
        assert app.session.settings.load().vrijgegeven == ("Storm",)

        # remove the highlighted name
        names = screen.query_one("#namen", OptionList)
        names.focus()
        names.highlighted = screen._name_rows.index("Ahmed")
        await pilot.press("x")
        await settle(pilot)
        assert "Ahmed" not in {doc["naam"] for doc in app.session.feedback.names()}
        assert "Leerlingen (0)" in visible_text(app)

        # take a released word back
        released = screen.query_one("#vrijgegeven", OptionList)
        released.focus()
        released.highlighted = 0
        await pilot.press("delete")
        await settle(pilot)
        assert app.session.settings.load().vrijgegeven == ()
        assert "Nog geen vrijgegeven woorden" in visible_text(app)


async def test_read_only_journal_still_exports_but_stores_nothing(
    paths: AppPaths, home: Path, tmp_path: Path
) -> None:
    configure(paths)
    add_names(paths, [("Storm", "anders")])
    seed(paths, [("Het boek Storm en de kwibus.", True, 1)])
    app = make_app(paths, app_class=PlgApp, read_only=True)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        review = await open_review(app, pilot)
        storm = spot_for(review, "Storm")
        assert storm is not None
        review.query_one("#vervangingen", OptionList).highlighted = storm
        await confirm_release(pilot, app)
        assert spot_for(review, "Storm") is None  # applies to this summary
        review.query_one("#gemist", Input).value = "kwibus"
        review.query_one("#gemist", Input).focus()
        await pilot.press("enter")
        await settle(pilot, rounds=3)
        assert "kwibus" not in shown_texts(review)[0]
        review.query_one("#pad", Input).value = str(tmp_path / "ro.md")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert (tmp_path / "ro.md").exists()
    saved = (tmp_path / "ro.md").read_text("utf-8")
    assert "kwibus" not in saved and "Het boek Storm" in saved
    session = open_session(paths, clock=MovableClock())
    try:
        assert session.settings.load().vrijgegeven == ()
        assert [doc["naam"] for doc in session.feedback.names()] == ["Storm"]
    finally:
        session.close()


def test_commands_cover_every_screen_method() -> None:
    """Every declared PLG command has its ``cmd_<id>`` on each screen that offers it."""
    screens = {
        "plg_export": PlgExportScreen,
        "plg_review": PlgReviewScreen,
        "plg_bundle": PlgBundleScreen,
        "known_names": KnownNamesScreen,
    }
    for name, cls in screens.items():
        ids = {c.id for c in plg_commands_for(name)}
        assert {"hulp", "terug"} <= ids
        for command_id in ids:
            assert hasattr(cls, f"cmd_{command_id}"), (name, command_id)


def test_periods_and_output_paths(home: Path) -> None:
    today = NOW.date()
    assert quick_period("4weken", today) == (today - timedelta(days=27), today)
    assert quick_period("schooljaar", today)[0].isoformat() == "2026-08-01"
    assert quick_period("schooljaar", today.replace(month=3))[0].isoformat() == "2025-08-01"
    assert quick_period("alles", today) == (None, None)
    assert output_targets("~/a.md", "md") == (home / "a.md", None)
    assert output_targets("~/a.md", "html") == (None, home / "a.html")
    assert output_targets("a", "beide") == (home / "a.md", home / "a.html")
    assert output_targets("/x/a.html", "beide") == (Path("/x/a.md"), Path("/x/a.html"))
    with pytest.raises(ValueError, match="bestandsnaam"):
        output_targets("  ", "md")


async def test_start_screen_opens_the_plg_screens(paths: AppPaths, home: Path) -> None:
    """p, g and b on the start screen open the PLG screens."""
    from reflectie.tui.screens.help import HelpScreen
    from reflectie.tui.screens.home import HomeScreen

    configure(paths)
    app = make_app(paths)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        for key, cls in (("p", PlgExportScreen), ("g", PlgBundleScreen), ("b", KnownNamesScreen)):
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, cls)
            app.screen.set_focus(None)
            await pilot.press("f1")
            await settle(pilot)
            assert isinstance(app.screen, HelpScreen)
            await pilot.press("escape")
            await settle(pilot)
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, HomeScreen)
