"""A draft of an entry that changed since is offered as such, and never overwrites it.

The entry is changed outside the editor (as ``reflectie bewerk`` or a restore
would) while a draft of its older version waits. Opening the entry then asks
"keep as a new entry, compare, discard", not "continue writing"; each choice
keeps the newer text. An editor whose entry changed underneath it (while the
journal was locked, say) cannot save over it either.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import TextArea
from tui_support import SIZE, configure, make_app, seed_entries, settle, visible_text

from reflectie.drafts import Draft
from reflectie.paths import AppPaths
from reflectie.session import open_session
from reflectie.tui.screens.confirm import ChoiceDialog
from reflectie.tui.screens.draft_compare import DraftCompareScreen
from reflectie.tui.screens.journal import JournalScreen
from reflectie.tui.screens.write import WriteScreen

OLD_TEXT = "De les over breuken, eerste versie"
NEWER_TEXT = "De les over breuken, bewerkt met reflectie bewerk"
DRAFT_TEXT = "De les over breuken, eerste versie, en nog een alinea in de editor"


def stale_setup(paths: AppPaths) -> str:
    """An entry with a draft of its first version, then changed outside the editor."""
    configure(paths)
    (entry_id,) = seed_entries(paths, [(OLD_TEXT, ())])
    session = open_session(paths)
    try:
        entry = session.journal.get(entry_id)
        session.drafts.save(
            Draft(entry_id, DRAFT_TEXT, bewaard=entry.gewijzigd, basis=entry.version)
        )
        session.journal.edit(entry_id, tekst=NEWER_TEXT)  # what `reflectie bewerk` does
    finally:
        session.close()
    return entry_id


async def open_entry(pilot: Any) -> None:
    await settle(pilot)
    await pilot.press("d")
    await settle(pilot)
    assert isinstance(pilot.app.screen, JournalScreen)
    await pilot.press("e")
    await settle(pilot)


def texts(app: Any) -> list[str]:
    return sorted(e.tekst for e in app.session.journal.latest())


async def test_a_stale_draft_is_offered_as_such_and_kept_as_a_new_entry(paths: AppPaths) -> None:
    entry_id = stale_setup(paths)
    app = make_app(paths)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_entry(pilot)
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog)
        shown = " ".join(visible_text(app).replace("█", " ").split())
        assert "Concept van een oudere versie" in shown
        assert "nieuwere tekst overschrijven" in shown
        assert not dialog.query("#keuze-verder")  # no "verder schrijven" over it
        await pilot.press("enter")  # "Als nieuwe reflectie bewaren" has focus
        await settle(pilot, rounds=3)
        assert texts(app) == sorted([NEWER_TEXT, DRAFT_TEXT])
        assert app.session.journal.get(entry_id).tekst == NEWER_TEXT
        assert app.session.drafts.all() == []
        editor = app.screen
        assert isinstance(editor, WriteScreen) and editor.entry is not None
        assert editor.entry.id == entry_id
        assert editor.query_one(TextArea).text == NEWER_TEXT
        assert "Bewaard als nieuwe reflectie" in visible_text(app)


async def test_comparing_shows_both_texts_then_discards_the_draft(paths: AppPaths) -> None:
    entry_id = stale_setup(paths)
    app = make_app(paths)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_entry(pilot)
        await pilot.press("right", "enter")  # Vergelijken
        await settle(pilot)
        compare = app.screen
        assert isinstance(compare, DraftCompareScreen)
        assert compare.query_one("#compare-entry", TextArea).text == NEWER_TEXT
        assert compare.query_one("#compare-draft", TextArea).text == DRAFT_TEXT
        await pilot.press("escape")  # back to the question
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("right", "enter")
        await settle(pilot)
        assert isinstance(app.screen, DraftCompareScreen)
        await pilot.press("ctrl+w")  # concept weggooien
        await settle(pilot, rounds=3)
        assert texts(app) == [NEWER_TEXT]
        assert app.session.drafts.all() == []
        editor = app.screen
        assert isinstance(editor, WriteScreen)
        assert editor.query_one(TextArea).text == NEWER_TEXT
        await pilot.press("ctrl+s")  # nothing was overwritten, nothing is pending
        await settle(pilot)
        assert app.session.journal.get(entry_id).tekst == NEWER_TEXT


async def test_a_draft_of_the_current_version_is_offered_as_before(paths: AppPaths) -> None:
    configure(paths)
    (entry_id,) = seed_entries(paths, [(OLD_TEXT, ())])
    session = open_session(paths)
    entry = session.journal.get(entry_id)
    session.drafts.save(Draft(entry_id, DRAFT_TEXT, bewaard=entry.gewijzigd, basis=entry.version))
    session.close()
    app = make_app(paths)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_entry(pilot)
        assert "Verder met je concept?" in visible_text(app)
        await pilot.press("enter")  # verder schrijven
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, WriteScreen)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.session.journal.get(entry_id).tekst == DRAFT_TEXT


async def test_an_editor_never_saves_over_a_change_made_underneath_it(paths: AppPaths) -> None:
    configure(paths)
    (entry_id,) = seed_entries(paths, [(OLD_TEXT, ())])
    app = make_app(paths)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_entry(pilot)
        editor = app.screen
        assert isinstance(editor, WriteScreen)
        await pilot.press(*" en meer")
        # Changed elsewhere meanwhile (e.g. `reflectie bewerk` while the app was locked).
        app.session.journal.edit(entry_id, tekst=NEWER_TEXT)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.session.journal.get(entry_id).tekst == NEWER_TEXT  # not overwritten
        assert isinstance(app.screen, ChoiceDialog)
        assert "intussen gewijzigd" in visible_text(app)
        await pilot.press("enter")  # als nieuwe reflectie bewaren
        await settle(pilot, rounds=3)
        assert texts(app) == sorted([NEWER_TEXT, OLD_TEXT + " en meer"])
        assert app.screen is editor and editor.entry is not None
        assert editor.entry.id != entry_id and not editor.has_unsaved_changes()
        assert app.session.drafts.all() == []


async def test_after_a_conflict_comparing_can_drop_the_editors_text(paths: AppPaths) -> None:
    configure(paths)
    (entry_id,) = seed_entries(paths, [(OLD_TEXT, ())])
    app = make_app(paths)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_entry(pilot)
        editor = app.screen
        assert isinstance(editor, WriteScreen)
        await pilot.press(*" en meer")
        app.session.journal.edit(entry_id, tekst=NEWER_TEXT)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("right", "enter")  # Vergelijken
        await settle(pilot)
        compare = app.screen
        assert isinstance(compare, DraftCompareScreen)
        assert compare.query_one("#compare-entry", TextArea).text == NEWER_TEXT
        assert compare.query_one("#compare-draft", TextArea).text == OLD_TEXT + " en meer"
        await pilot.press("ctrl+w")  # my text goes; the newer one stays
        await settle(pilot, rounds=3)
        assert app.screen is editor
        assert editor.query_one(TextArea).text == NEWER_TEXT
        assert not editor.has_unsaved_changes()
        assert texts(app) == [NEWER_TEXT]
        assert app.session.drafts.all() == []
