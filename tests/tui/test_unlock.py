"""An encrypted journal opens in the TUI only after its passphrase."""

from __future__ import annotations

from reflectie.encryption import enable
from reflectie.paths import AppPaths
from reflectie.tui.screens.home import HomeScreen
from reflectie.tui.screens.unlock import UnlockScreen
from tests.tui.tui_support import configure, make_app, settle, visible_text

PASSPHRASE = "correct paard batterij"


async def test_wrong_then_right_passphrase(paths: AppPaths) -> None:
    configure(paths)
    enable(paths, PASSPHRASE)
    app = make_app(paths)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, UnlockScreen)
        await pilot.press(*"verkeerd!", "enter")
        await settle(pilot)
        assert isinstance(app.screen, UnlockScreen)
        assert "Onjuist wachtwoord" in visible_text(app)
        assert "verkeerd!" not in visible_text(app)  # a password field shows no text
        await pilot.press(*PASSPHRASE, "enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_escape_quits_without_opening(paths: AppPaths) -> None:
    configure(paths)
    enable(paths, PASSPHRASE)
    app = make_app(paths)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
    assert app.return_code == 1


async def test_locked_encrypted_journal_opens_read_only_after_the_passphrase(
    paths: AppPaths,
) -> None:
    from reflectie.session import open_session
    from reflectie.tui.screens.recovery import StartupProblemScreen

    configure(paths)
    enable(paths, PASSPHRASE)
    other_window = open_session(paths, passphrase=PASSPHRASE)
    try:
        app = make_app(paths)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, StartupProblemScreen)
            await pilot.press("enter")  # "Alleen-lezen openen"
            await settle(pilot)
            assert isinstance(app.screen, UnlockScreen)
            await pilot.press(*PASSPHRASE, "enter")
            await settle(pilot)
            assert isinstance(app.screen, HomeScreen)
            assert app.read_only
    finally:
        other_window.close()
