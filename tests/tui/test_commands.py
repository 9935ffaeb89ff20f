"""One declaration drives keys, footer, help and palette; check they agree."""

from __future__ import annotations

import pytest
from textual.command import CommandPalette
from tui_support import SIZE, configure, make_app, settle, visible_text

from reflectie.paths import AppPaths
from reflectie.tui.app import ReflectieApp
from reflectie.tui.commands import COMMANDS, app_commands, commands_for
from reflectie.tui.palette import ReflectieCommands
from reflectie.tui.screens.answer import AnswerScreen
from reflectie.tui.screens.dialogs import FormDialog
from reflectie.tui.screens.feedback import FeedbackOverviewScreen
from reflectie.tui.screens.help import HelpScreen, help_content
from reflectie.tui.screens.home import HomeScreen
from reflectie.tui.screens.importer import ImportScreen
from reflectie.tui.screens.journal import JournalScreen
from reflectie.tui.screens.kaart import KaartScreen
from reflectie.tui.screens.known_names import KnownNamesScreen
from reflectie.tui.screens.leervragen import LeervragenScreen
from reflectie.tui.screens.plg_bundle import PlgBundleScreen
from reflectie.tui.screens.plg_export import PlgExportScreen
from reflectie.tui.screens.plg_review import PlgReviewScreen
from reflectie.tui.screens.request import ComposeScreen
from reflectie.tui.screens.round import RoundScreen
from reflectie.tui.screens.settings import SettingsScreen
from reflectie.tui.screens.speerpunt import SpeerpuntScreen
from reflectie.tui.screens.speerpunten import SpeerpuntenScreen
from reflectie.tui.screens.trash import TrashScreen
from reflectie.tui.screens.uitkomst import UitkomstScreen
from reflectie.tui.screens.welcome import WelcomeScreen
from reflectie.tui.screens.write import WriteScreen

SCREENS = {
    "welcome": WelcomeScreen,
    "home": HomeScreen,
    "write": WriteScreen,
    "journal": JournalScreen,
    "trash": TrashScreen,
    "settings": SettingsScreen,
    "help": HelpScreen,
    "leervragen": LeervragenScreen,
    "feedback": FeedbackOverviewScreen,
    "vraag": ComposeScreen,
    "ronde": RoundScreen,
    "antwoord": AnswerScreen,
    "importeren": ImportScreen,
    "dialoog": FormDialog,
    "plg_export": PlgExportScreen,
    "plg_review": PlgReviewScreen,
    "plg_bundle": PlgBundleScreen,
    "known_names": KnownNamesScreen,
    "speerpunten": SpeerpuntenScreen,
    "speerpunt": SpeerpuntScreen,
    "kaart": KaartScreen,
    "uitkomst": UitkomstScreen,
}

#: Offered on the start screen only while something waits (no nagging).
WAITING = {"evalueren", "borging_beantwoorden", "borging_later"}


def test_every_command_has_a_handler_where_it_is_offered() -> None:
    for command in COMMANDS:
        if command.scope == "app":
            assert command.action_name or hasattr(ReflectieApp, f"cmd_{command.id}"), command.id
        for name in command.screens:
            assert hasattr(SCREENS[name], f"cmd_{command.id}"), (name, command.id)


@pytest.mark.parametrize("name", sorted(SCREENS))
def test_no_key_is_bound_twice_on_a_screen(name: str) -> None:
    keys = [
        key.strip()
        for command in [*commands_for(name), *app_commands()]
        for key in command.keys.split(",")
    ]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("name", sorted(SCREENS))
def test_screen_bindings_come_from_the_declaration(name: str) -> None:
    declared = {c.id for c in commands_for(name)}
    bound = {
        b.id.removeprefix("reflectie.")
        for b in SCREENS[name].BINDINGS
        if not isinstance(b, tuple) and b.id and b.id.startswith("reflectie.")
    }
    assert bound == declared


def test_help_text_lists_every_command_and_key() -> None:
    text = help_content().plain
    for command in COMMANDS:
        assert command.title in text
        assert command.all_keys_display in text
        assert command.help in text


async def test_help_screen_and_footer_show_the_keys(paths: AppPaths) -> None:
    configure(paths)
    app = make_app(paths)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = visible_text(app)
        footer = text.splitlines()[-1]
        for command in commands_for("home"):
            if command.id in WAITING:  # only offered when a voornemen or borging is due
                assert f"{command.key_display} {command.title}" not in footer
            elif command.in_footer("home"):
                assert f"{command.key_display} {command.title}" in footer, command.id
            else:  # shown under the prompt instead
                assert f"{command.key_display} " in text.split("Recente reflecties")[0]
        assert "f1 Hulp" in footer and "ctrl+q Afsluiten" in footer
        active = {b.binding.description for b in app.screen.active_bindings.values()}
        assert {c.title for c in commands_for("home") if c.id not in WAITING} <= active

        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = visible_text(app)
        assert "Startscherm" in text and "Speerpunten" in text and "ctrl+s" in text
        await pilot.press("escape")
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)


async def test_palette_offers_the_screen_commands_and_themes(paths: AppPaths) -> None:
    configure(paths)
    app = make_app(paths)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        provider = ReflectieCommands(app.screen)
        titles = [hit.text or "" async for hit in provider.discover()]
        for command in commands_for("home"):
            assert isinstance(app.screen, HomeScreen)
            offered = bool(app.screen.command_state(command))
            assert offered == any(t.startswith(command.title) for t in titles), command.title
        assert "Afsluiten  (ctrl+q)" in titles
        assert {f"Thema: {label}" for label in app.theme_labels.values()} <= set(titles)

        home = app.screen
        assert isinstance(home, HomeScreen) and home.prompt is not None
        before = home.prompt.id
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert CommandPalette.is_open(app)
        await pilot.press(*"andere vr")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert home.prompt.id != before
