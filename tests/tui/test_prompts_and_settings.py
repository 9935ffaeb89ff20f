"""Today's prompt (rotation, sector wording) and the settings (theme, sector, backup)."""

from __future__ import annotations

import pytest
from textual.widgets import Select
from tui_support import SIZE, configure, make_app, settle, visible_text

from reflectie.paths import AppPaths
from reflectie.prompts import DEFAULT_SET, load_library
from reflectie.session import open_session
from reflectie.tui.screens.home import HomeScreen
from reflectie.tui.screens.settings import SettingsScreen
from reflectie.tui.widgets.prompt_card import PromptCard


def default_set_ids() -> list[str]:
    prompt_set = load_library(None).get_set(DEFAULT_SET)
    assert prompt_set is not None
    return [p.id for p in prompt_set.vragen]


async def test_andere_vraag_rotates_and_is_remembered(paths: AppPaths) -> None:
    configure(paths)
    app = make_app(paths)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen) and home.prompt is not None
        seen = [home.prompt.id]
        for _ in range(3):
            await pilot.press("a")
            assert home.prompt.id != seen[-1]
            seen.append(home.prompt.id)
        assert len(set(seen)) == 4  # rotation prefers prompts not shown yet
        await settle(pilot)
        stored = app.session.settings.load().recente_vragen
        assert list(stored[:4]) == list(reversed(seen))


async def test_recently_shown_and_answered_prompts_are_avoided(paths: AppPaths) -> None:
    ids = default_set_ids()
    fresh = ids[-1]
    configure(paths, recente_vragen=tuple(ids[:-2]))
    session = open_session(paths)
    try:
        session.journal.write("Al beantwoord", prompt=ids[-2], promptset=DEFAULT_SET)
    finally:
        session.close()
    app = make_app(paths)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert home.prompt is not None and home.prompt.id == fresh


@pytest.mark.parametrize(
    ("sector", "word", "other"),
    [("vo", "leerlingen", "studenten"), ("mbo", "studenten", "leerlingen")],
)
async def test_prompt_wording_follows_the_sector(
    paths: AppPaths, sector: str, word: str, other: str
) -> None:
    target = "oh-aannames"  # "Welke aanname over je {studenten} …"
    configure(
        paths, sector=sector, recente_vragen=tuple(i for i in default_set_ids() if i != target)
    )
    app = make_app(paths)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen) and home.prompt is not None
        assert home.prompt.id == target
        shown = home.query_one(PromptCard).content.plain
        assert f"aanname over je {word}" in shown
        assert other not in shown and "{" not in shown


async def test_theme_choice_persists_across_restart(paths: AppPaths) -> None:
    configure(paths)
    app = make_app(paths)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme == "licht"
        await pilot.press("ctrl+p", *"donker")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.theme == "donker"
        assert app.session.settings.load().thema == "donker"

        await pilot.press("i")  # and through the settings screen
        await settle(pilot)
        assert isinstance(app.screen, SettingsScreen)
        app.screen.query_one("#thema", Select).value = "schoolbord"
        await settle(pilot)
        assert app.theme == "schoolbord"

    again = make_app(paths)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert again.theme == "schoolbord"


async def test_unknown_saved_theme_falls_back_to_licht(paths: AppPaths) -> None:
    configure(paths, thema="bestaat-niet")
    app = make_app(paths)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme == "licht"


async def test_broken_user_theme_is_reported_once(paths: AppPaths) -> None:
    configure(paths)
    paths.user_themes.mkdir(parents=True)
    (paths.user_themes / "kapot.toml").write_text("formaat = 1\nname = [oeps\n", encoding="utf-8")
    (paths.user_themes / "ook-kapot.toml").write_text("formaat = 2\n", encoding="utf-8")
    app = make_app(paths)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        text = visible_text(app)
        assert text.count("Niet alle thema's konden worden geladen") == 1
        assert "kapot.toml" in text
        assert app.theme == "licht"


async def test_settings_change_sector_name_and_set(paths: AppPaths) -> None:
    configure(paths, sector="mbo", naam="Sanne")
    app = make_app(paths)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        assert "data" in visible_text(app)  # the data folder is shown
        await pilot.press(
            "end", "backspace", "backspace", "backspace", "backspace", "backspace", *"Anna"
        )
        await pilot.press("tab", "down", "enter")  # sector: the other one (vo)
        screen.query_one("#vragenset", Select).value = "samen-leren"
        await settle(pilot)
        stored = app.session.settings.load()
        assert (stored.naam, stored.sector, stored.promptset) == ("Anna", "vo", "samen-leren")

        await pilot.press("ctrl+b")  # backup now
        await settle(pilot)
        backups = list(paths.backups.glob("*-handmatig.db"))
        assert len(backups) == 1
        assert "Reservekopie gemaakt" in visible_text(app)

        await pilot.press("escape")  # the start screen follows the new choices
        await settle(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert home.prompt is not None and home.prompt.set_id == "samen-leren"
        assert "Anna" in visible_text(app)


async def test_an_open_select_menu_speaks_dutch_in_the_footer(paths: AppPaths) -> None:
    """Textual's own "esc Dismiss menu" was the one English text a teacher could see."""
    configure(paths, sector="mbo", naam="Sanne")
    app = make_app(paths)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        select = app.screen.query_one("#vragenset", Select)
        select.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert select.expanded
        text = visible_text(app)
        assert "Dismiss" not in text and "Sluiten" in text
        await pilot.press("escape")
        await settle(pilot)
        assert not select.expanded
