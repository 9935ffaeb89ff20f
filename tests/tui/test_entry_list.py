"""The journal list at ten thousand entries: only the rows on screen are loaded."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Input
from tui_support import NOW, SIZE, make_app, populate_bulk, settle, visible_text

from reflectie.model import Entry
from reflectie.paths import AppPaths
from reflectie.tui.screens.journal import JournalScreen
from reflectie.tui.widgets.entry_list import EntryList

COUNT = 10_000


class ListApp(App[None]):
    """Just the list, fed by a loader that counts what it is asked for."""

    def __init__(self) -> None:
        super().__init__()
        self.requested: list[str] = []
        self.ids = [f"{n:08x}" for n in range(COUNT)]

    def load(self, ids: list[str]) -> list[Entry]:
        self.requested.extend(ids)
        stamp = NOW.isoformat()
        return [Entry(id=i, aangemaakt=stamp, gewijzigd=stamp, tekst=f"Reflectie {i}") for i in ids]

    def compose(self) -> ComposeResult:
        yield EntryList(self.load)

    def on_mount(self) -> None:
        self.query_one(EntryList).set_ids(self.ids)
        self.query_one(EntryList).focus()


async def test_only_visible_rows_are_loaded() -> None:
    app = ListApp()
    async with app.run_test(size=(80, 20)) as pilot:
        await pilot.pause()
        entries = app.query_one(EntryList)
        assert entries.highlighted_id == app.ids[0]
        assert len(app.requested) < 100
        await pilot.press("end")
        assert entries.highlighted_id == app.ids[-1]
        assert f"Reflectie {app.ids[-1]}" in visible_text(app)
        await pilot.press("pageup", "up")
        page = entries.scrollable_content_region.height - 1
        assert entries.cursor == COUNT - 1 - page - 1
        assert len(app.requested) < 300
        assert entries.loaded_count < 300


async def test_journal_screen_with_ten_thousand_entries(paths: AppPaths) -> None:
    populate_bulk(paths, COUNT)
    app = make_app(paths)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        journal = app.screen
        assert isinstance(journal, JournalScreen)
        entries = journal.query_one(EntryList)
        assert len(entries.ids) == COUNT
        assert entries.loaded_count < 200
        assert f"{COUNT} reflecties" in visible_text(app)

        journal.query_one("#zoek", Input).value = "KLAS 3"  # as typed; case-insensitive
        await settle(pilot)
        expected = len([n for n in range(COUNT) if n % 7 == 3])
        assert len(entries.ids) == expected
        assert f"{expected} van {COUNT} reflecties" in visible_text(app)
