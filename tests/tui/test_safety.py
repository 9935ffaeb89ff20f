"""User text is data, and a locked, damaged or too-new journal gets a way out."""

from __future__ import annotations

import pytest
from textual.widgets import Markdown
from tui_support import SIZE, configure, fixed_clock, make_app, seed_entries, settle, visible_text

from reflectie.backups import make_backup
from reflectie.database import open_database
from reflectie.paths import AppPaths
from reflectie.session import open_session
from reflectie.store.errors import CorruptDatabaseError
from reflectie.tui.app import ReflectieApp
from reflectie.tui.screens.home import HomeScreen
from reflectie.tui.screens.journal import JournalScreen
from reflectie.tui.screens.recovery import StartupProblemScreen
from reflectie.tui.screens.write import WriteScreen
from reflectie.tui.widgets.entry_list import EntryList
from reflectie.tui.widgets.prompt_card import PromptCard

MARKUP = "[bold]x[/bold] [@click=app.quit]klik[/] [/foo]"

USER_SET = """\
formaat = 1
id = "eigen"
titel = "Eigen [b]set[/b]"
bron = "zelf"
beschrijving = "Mijn vragen"

[[vraag]]
id = "eigen-een"
tekst = "Wat zag je bij [@click=app.quit]klik[/]?"
toelichting = "Let op [/foo]"
bron = "zelf"
"""


async def test_markup_in_user_text_is_shown_literally(paths: AppPaths) -> None:
    configure(paths, naam="[@click=app.quit]Sanne[/]", promptset="eigen")
    paths.user_prompts.mkdir(parents=True)
    (paths.user_prompts / "eigen.toml").write_text(USER_SET, encoding="utf-8")
    seed_entries(paths, [(MARKUP, ("[b]tag[/b]",))])
    app = make_app(paths)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        text = visible_text(app)
        assert "[@click=app.quit]Sanne[/]" in text  # greeting
        assert MARKUP in text  # recent entries
        assert "#[b]tag[/b]" in text
        card = app.screen.query_one(PromptCard).content.plain
        assert "Eigen [b]set[/b]" in card
        assert "Wat zag je bij [@click=app.quit]klik[/]?" in card
        assert "Let op [/foo]" in card

        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, JournalScreen)
        text = visible_text(app)
        assert MARKUP in text  # the preview
        rows = [line for line in text.splitlines() if "16 nov 2026" in line]
        assert "[bold]x[/bold] [@click=app.quit]" in rows[0]  # the list row
        await pilot.click(EntryList, offset=(30, 0))  # clicking the row runs no markup action
        await pilot.press("x", "left", "enter")  # the notification quotes the text
        await settle(pilot)
        assert "“[bold]x[/bold]" in visible_text(app)
        assert app.is_running


async def test_links_in_a_reflection_are_never_opened(paths: AppPaths) -> None:
    configure(paths)
    seed_entries(paths, [("Zie [de bron](https://example.org/lees) hier.", ())])
    opened: list[str] = []

    class SpyApp(ReflectieApp):
        def open_url(self, url: str, *, new_tab: bool = True) -> None:
            opened.append(url)

    app = make_app(paths, app_class=SpyApp)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        preview = app.screen.query_one("#preview-text", Markdown)
        preview.post_message(Markdown.LinkClicked(preview, "https://example.org/lees"))
        await settle(pilot)
        assert opened == []
        assert "Links worden niet geopend" in visible_text(app)


async def test_locked_journal_offers_read_only(paths: AppPaths) -> None:
    configure(paths)
    seed_entries(paths, [("Geschreven in het andere venster", ())])
    other_window = open_session(paths)
    try:
        app = make_app(paths)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, StartupProblemScreen) and screen.kind == "locked"
            assert "Alleen-lezen openen" in visible_text(app)
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, HomeScreen)
            assert app.read_only
            assert "alleen-lezen" in visible_text(app)

            await pilot.press("s")  # writing is refused, with a reason
            await settle(pilot)
            assert isinstance(app.screen, HomeScreen)
            assert "Bekijken kan; wijzigen niet" in visible_text(app)

            await pilot.press("d")  # reading works
            await settle(pilot)
            assert "Geschreven in het andere venster" in visible_text(app)
            await pilot.press("e")
            await settle(pilot)
            assert not isinstance(app.screen, WriteScreen)
    finally:
        other_window.close()


async def test_locked_journal_can_be_left(paths: AppPaths) -> None:
    configure(paths)
    other_window = open_session(paths)
    try:
        app = make_app(paths)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("right", "enter")  # afsluiten
            await settle(pilot)
        assert app.return_code == 1
    finally:
        other_window.close()


def corrupt(paths: AppPaths) -> None:
    """Flip bytes inside the snapshot record: a checksum that no longer matches."""
    raw = bytearray(paths.database.read_bytes())
    second_line = raw.index(b"\n") + 1
    raw[second_line + 20 : second_line + 24] = b"XXXX"
    paths.database.write_bytes(bytes(raw))
    with pytest.raises(CorruptDatabaseError):
        open_session(paths)


async def test_corrupt_journal_is_recovered_from_the_last_backup(paths: AppPaths) -> None:
    configure(paths)
    (entry_id,) = seed_entries(paths, [("Staat in de reservekopie", ())])
    make_backup(paths, reason="handmatig", clock=fixed_clock())
    corrupt(paths)

    app = make_app(paths)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StartupProblemScreen) and screen.kind == "corrupt"
        text = visible_text(app)
        assert "beschadigd" in text
        assert "Reservekopie terugzetten" in text
        await pilot.press("enter")
        await settle(pilot, rounds=3)
        assert isinstance(app.screen, HomeScreen)
        assert app.session.journal.get(entry_id).tekst == "Staat in de reservekopie"
        assert "De reservekopie is teruggezet" in visible_text(app)
    aside = list(paths.data_dir.glob("reflectie.db.beschadigd-*"))
    assert len(aside) == 1  # the damaged file is kept, not deleted


async def test_corrupt_journal_without_backup_only_offers_to_quit(paths: AppPaths) -> None:
    paths.data_dir.mkdir(parents=True)
    paths.database.write_bytes(b"dit is geen dagboek\n")
    app = make_app(paths)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StartupProblemScreen)
        assert "geen bruikbare reservekopie" in visible_text(app)
        await pilot.press("enter")
        await settle(pilot)
    assert app.return_code == 1
    assert paths.database.read_bytes() == b"dit is geen dagboek\n"  # untouched


async def test_journal_from_a_newer_version_is_refused(paths: AppPaths) -> None:
    database = open_database(paths)
    database.storage.set_meta(schema=99)
    database.close()
    app = make_app(paths)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StartupProblemScreen) and screen.kind == "unusable"
        assert "nieuwere versie" in visible_text(app)
        await pilot.press("enter")
        await settle(pilot)
    assert app.return_code == 1
