"""Snapshots of the main screens in the light and the dark theme.

Deterministic by construction: fixed clock and time zone, seeded Random, a
fixed terminal size, no cursor blink, no host paths on these screens. Update
after an intended change with ``pytest tests/tui --snapshot-update`` and look
at the report before committing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

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


def build_speerpunt(paths: AppPaths, tmp_path: Path) -> ReflectieApp:
    """A member with one speerpunt from the PLG: a shared note, a role and a leervraag."""
    from test_team_screens import keeper_text

    from reflectie.importing import import_exchange

    configure(paths, thema="licht", naam="Sanne")
    session = open_session(paths, clock=fixed_clock())
    try:
        import_exchange(session, keeper_text(tmp_path))
        speerpunt = session.team.speerpunten()[0]
        session.team.monitor(
            speerpunt.id, "Het ticket werkte goed in 2B; de klas noemde zelf wat lastig was.",
            deelbaar=True,
        )  # fmt: skip
        session.team.set_my_roles(speerpunt.id, ["kwaliteitsbewaker"])
        leervraag = session.feedback.new_leervraag("Hoe activeer ik stille studenten?")
        session.team.link_leervraag(speerpunt.id, leervraag["id"])
    finally:
        session.close()
    return make_app(paths)


@pytest.mark.parametrize("size", [(80, 24), (120, 35)], ids=["80x24", "120x35"])
def test_speerpunt(
    snap_compare: Snap, paths: AppPaths, tmp_path: Path, size: tuple[int, int]
) -> None:
    app = build_speerpunt(paths, tmp_path)
    assert snap_compare(app, terminal_size=size, run_before=keys("t", "enter"))
