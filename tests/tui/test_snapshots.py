"""Snapshots of the main screens in the light and the dark theme.

Deterministic by construction: fixed clock and time zone, seeded Random, a
fixed terminal size, no cursor blink, no host paths on these screens. Update
after an intended change with ``pytest tests/tui --snapshot-update`` and look
at the report before committing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot
from tui_support import SIZE, configure, make_app, seed_entries, settle

from reflectie.paths import AppPaths
from reflectie.tui.app import ReflectieApp

THEMES = ["licht", "donker"]

ENTRIES = [
    (
        "# Feedback in 3B\n\nIk vroeg de klas om *één* tip. Dat werkte beter dan gedacht.",
        ("feedback", "klas3b"),
    ),
    (
        "Rommelige start na de pauze; volgende keer de opdracht al op het bord.",
        ("klassenmanagement",),
    ),
    ("Gesprek met een collega over formatief handelen.", ()),
    ("Wat weet ik eigenlijk van de thuissituatie van mijn mentorleerlingen?", ("mentoraat",)),
]

Snap = Callable[..., bool]


def build(paths: AppPaths, theme: str) -> ReflectieApp:
    configure(paths, thema=theme)
    seed_entries(paths, ENTRIES, days_apart=9)
    return make_app(paths)


def keys(*pressed: str) -> Callable[[Pilot[object]], Awaitable[None]]:
    async def run_before(pilot: Pilot[object]) -> None:
        await settle(pilot)
        for key in pressed:
            await pilot.press(key)
            await settle(pilot, rounds=1)
        await settle(pilot)

    return run_before


@pytest.mark.parametrize("theme", THEMES)
def test_home(snap_compare: Snap, paths: AppPaths, theme: str) -> None:
    assert snap_compare(build(paths, theme), terminal_size=SIZE, run_before=keys())


@pytest.mark.parametrize("theme", THEMES)
def test_write(snap_compare: Snap, paths: AppPaths, theme: str) -> None:
    typed = ["s", *"Rustige les", "ctrl+t", *"klas3b"]
    assert snap_compare(build(paths, theme), terminal_size=SIZE, run_before=keys(*typed))


@pytest.mark.parametrize("theme", THEMES)
def test_journal(snap_compare: Snap, paths: AppPaths, theme: str) -> None:
    assert snap_compare(build(paths, theme), terminal_size=SIZE, run_before=keys("d", "down"))
