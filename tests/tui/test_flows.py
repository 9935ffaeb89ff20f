"""The teacher's flows, driven by keys as a user would (Pilot, no sleeps)."""

from __future__ import annotations

from textual.widgets import OptionList, Select, Switch, TextArea
from tui_support import SIZE, configure, make_app, seed_entries, settle, visible_text

from reflectie.drafts import NEW_ENTRY, DraftStore
from reflectie.paths import AppPaths
from reflectie.session import open_session
from reflectie.tui.screens.confirm import ChoiceDialog
from reflectie.tui.screens.home import HomeScreen
from reflectie.tui.screens.journal import JournalScreen
from reflectie.tui.screens.trash import TrashScreen
from reflectie.tui.screens.welcome import WelcomeScreen
from reflectie.tui.screens.write import WriteScreen
from reflectie.tui.widgets.entry_list import EntryList


async def test_first_start_asks_sector_and_name(paths: AppPaths) -> None:
    app = make_app(paths)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        text = visible_text(app)
        assert "Er gaat niets naar buiten" in text
        assert "deelbaar" in text
        welcome_text = app.screen.query_one("#welcome-text").content
        assert str(paths.data_dir) in welcome_text.plain

        await pilot.press("ctrl+s")  # no sector chosen yet: refused, stays here
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)

        await pilot.press("down", "enter")  # highlight moves to the second option: vo
        await pilot.press("tab", *"Sanne", "enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        stored = app.session.settings.load()
        assert (stored.sector, stored.naam) == ("vo", "Sanne")
        assert "Sanne" in visible_text(app)


async def test_write_list_search_edit_delete_restore(paths: AppPaths) -> None:
    configure(paths)
    (other,) = seed_entries(paths, [("Een les zonder koffie", ("ochtend",))])
    app = make_app(paths)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        prompt = home.prompt
        assert prompt is not None

        # write on today's prompt
        await pilot.press("s")
        await settle(pilot)
        writer = app.screen
        assert isinstance(writer, WriteScreen)
        assert writer.prompt == prompt
        await pilot.press(*"Café")
        await pilot.press("ctrl+t", *"a, b")
        await pilot.press("ctrl+g")
        assert writer.query_one(Switch).value is True
        await pilot.press("ctrl+s")
        await settle(pilot)
        entry = writer.entry
        assert entry is not None
        assert entry.tekst == "Café"
        assert entry.tags == ("a", "b")
        assert entry.deelbaar is True
        assert entry.prompt == prompt.id
        assert DraftStore(paths).all() == []
        assert "Reflectie opgeslagen" in visible_text(app)

        # listed on the start screen and in the journal
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is home
        recent = home.query_one("#recent", OptionList)
        assert recent.get_option_at_index(0).id == entry.id

        await pilot.press("d")
        await settle(pilot)
        journal = app.screen
        assert isinstance(journal, JournalScreen)
        entries = journal.query_one(EntryList)
        assert entries.ids == [entry.id, other]

        # found by search, ignoring the accent
        await pilot.press("slash", *"cafe")
        await settle(pilot)
        assert entries.ids == [entry.id]
        await pilot.press("escape")  # back from the search field to the list
        assert entries.has_focus

        # edited
        await pilot.press("e")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, WriteScreen)
        assert editor.entry == entry
        await pilot.press(*" 2", "ctrl+s")
        await settle(pilot)
        assert app.session.journal.get(entry.id).tekst == "Café 2"
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is journal
        assert "Café 2" in visible_text(app)

        # deleted, with a confirmation
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("left", "enter")
        await settle(pilot)
        assert app.screen is journal
        assert entries.ids == []
        assert [t.entry.id for t in app.session.journal.trash()] == [entry.id]

        # restored from the prullenbak
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, TrashScreen)
        await pilot.press("r")
        await settle(pilot)
        assert app.session.journal.trash() == []
        assert "Teruggezet" in visible_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert entries.ids == [entry.id]


async def test_draft_survives_a_crash(paths: AppPaths) -> None:
    configure(paths)
    app = make_app(paths)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, WriteScreen)
        await pilot.press(*"Onaf")
        await settle(pilot)  # the debounce timer fires, the draft worker writes
        draft = DraftStore(paths).load(NEW_ENTRY)
        assert draft is not None
        assert draft.tekst == "Onaf"
        assert draft.bewaard == "2026-11-16T10:00:00+01:00"
        assert "concept bewaard om 10:00" in visible_text(app)
        app.exit()  # no save prompt: the process just ends, as in a crash

    assert len(open_session(paths, read_only=True).journal) == 0

    again = make_app(paths)
    async with again.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        assert "Concept gevonden" in visible_text(again)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(again.screen, ChoiceDialog)
        assert "Onaf" in visible_text(again)
        await pilot.press("enter")  # verder schrijven
        await settle(pilot)
        writer = again.screen
        assert isinstance(writer, WriteScreen)
        assert writer.query_one(TextArea).text == "Onaf"
        assert writer.has_unsaved_changes()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert DraftStore(paths).all() == []
        assert again.session.journal.latest(1)[0].tekst == "Onaf"


async def test_leaving_with_unsaved_text_asks_first(paths: AppPaths) -> None:
    configure(paths)
    app = make_app(paths)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Nog")
        await settle(pilot)

        await pilot.press("escape")  # leave → asked
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("escape")  # annuleren: still writing
        assert isinstance(app.screen, WriteScreen)

        await pilot.press("ctrl+q")  # quitting asks too
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("right", "enter")  # concept bewaren → app ends
        await settle(pilot)
    assert app.return_code == 0
    kept = DraftStore(paths).load(NEW_ENTRY)
    assert kept is not None and kept.tekst == "Nog"

    again = make_app(paths)
    async with again.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("enter")  # verder schrijven
        await settle(pilot)
        await pilot.press("escape")
        await pilot.press("right", "right", "enter")  # weggooien
        await settle(pilot)
        assert isinstance(again.screen, HomeScreen)
        assert DraftStore(paths).all() == []
        assert len(again.session.journal) == 0

        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Toch", "escape", "enter")  # opslaan
        await settle(pilot)
        assert isinstance(again.screen, HomeScreen)
        assert again.session.journal.latest(1)[0].tekst == "Toch"


async def test_empty_text_is_refused_with_the_dutch_message(paths: AppPaths) -> None:
    configure(paths)
    app = make_app(paths)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "De tekst is leeg" in visible_text(app)
        assert len(app.session.journal) == 0


async def test_journal_filters_by_tag_set_and_period(paths: AppPaths) -> None:
    configure(paths)
    newest, middle, oldest = seed_entries(
        paths,
        [("Deze week", ("klas3",)), ("Vorige maand", ("klas3", "stage")), ("Vorig jaar", ())],
        days_apart=40,
    )
    app = make_app(paths)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        journal = app.screen
        assert isinstance(journal, JournalScreen)
        entries = journal.query_one(EntryList)
        assert entries.ids == [newest, middle, oldest]

        journal.query_one("#filter-tag", Select).value = "klas3"
        await settle(pilot)
        assert entries.ids == [newest, middle]
        journal.query_one("#filter-periode", Select).value = "maand"
        await settle(pilot)
        assert entries.ids == [newest]
        journal.query_one("#filter-tag", Select).clear()
        journal.query_one("#filter-periode", Select).value = "alles"
        journal.query_one("#filter-set", Select).value = "samen-leren"
        await settle(pilot)
        assert entries.ids == []
        assert "Niets gevonden met deze filters" in visible_text(app)
