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
from tui_support import SIZE, configure, fixed_clock, make_app, seed_entries, settle

from reflectie.exchange import FeedbackRequest, encode
from reflectie.paths import AppPaths
from reflectie.session import open_session
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


def build_feedback(paths: AppPaths) -> ReflectieApp:
    """Two own requests (one sent, one concept) and one received from a colleague."""
    configure(paths, thema="licht", naam="Sanne")
    session = open_session(paths, clock=fixed_clock())
    try:
        feedback = session.feedback
        leervraag = feedback.new_leervraag("Hoe krijg ik iedereen aan het woord?")
        sent = feedback.new_request(leervraag["id"], aan="Bram", focus="wie er praat")
        feedback.export_request(sent["id"])
        feedback.new_request(leervraag["id"], aan="Fatima", focus="mijn uitleg vooraf")
        request = FeedbackRequest(
            id="ab" * 8,
            van="Joost",
            van_dagboek="cd" * 8,
            leervraag="Hoe geef ik feedback die blijft hangen?",
            focus="mijn instructie aan het begin",
            wanneer="",
            kijkpunten=(),
            verstuurd="2026-11-15T14:00:00+01:00",
        )
        feedback.import_text(encode(request))
    finally:
        session.close()
    return make_app(paths)


def test_feedback_overview(snap_compare: Snap, paths: AppPaths) -> None:
    assert snap_compare(build_feedback(paths), terminal_size=SIZE, run_before=keys("f"))
