"""Helpers for the TUI tests: build apps, seed journals, wait, read the screen.

Every app is built by :func:`make_app`, the same constructor the CLI uses, with
a fixed clock, a seeded ``Random`` and zero debounce delays. Nothing sleeps:
tests wait with ``pilot.pause()`` and :func:`settle`, which also waits for the
thread workers.
"""

from __future__ import annotations

import html
import random
import re
from collections.abc import Callable
from datetime import datetime, timedelta, timezone

from textual.app import App
from textual.pilot import Pilot

from reflectie.database import ENTRIES, open_database
from reflectie.model import Entry
from reflectie.paths import AppPaths
from reflectie.session import open_session
from reflectie.tui.app import ReflectieApp
from reflectie.tui.data import UiOptions
from reflectie.tui.workers import wait_for_workers

TZ = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 16, 10, 0, tzinfo=TZ)
SIZE = (110, 36)
TEST_OPTIONS = UiOptions(draft_delay=0.0, search_delay=0.0, cursor_blink=False)


def fixed_clock(moment: datetime = NOW) -> Callable[[], datetime]:
    return lambda: moment


def make_app(
    paths: AppPaths,
    *,
    seed: int = 7,
    read_only: bool = False,
    clock: Callable[[], datetime] | None = None,
    app_class: type[ReflectieApp] = ReflectieApp,
) -> ReflectieApp:
    return app_class(
        paths,
        clock=clock or fixed_clock(),
        rng=random.Random(seed),
        read_only=read_only,
        options=TEST_OPTIONS,
    )


def configure(paths: AppPaths, sector: str = "mbo", naam: str = "Sanne", **extra: object) -> None:
    """Skip the welcome screen: store settings as if the teacher had chosen them."""
    session = open_session(paths, clock=fixed_clock())
    try:
        session.settings.update(sector=sector, naam=naam, **extra)
    finally:
        session.close()


class MovableClock:
    """A clock the helpers set by hand, to date seeded entries."""

    def __init__(self, moment: datetime = NOW) -> None:
        self.now = moment

    def __call__(self) -> datetime:
        return self.now


def seed_entries(
    paths: AppPaths, texts: list[tuple[str, tuple[str, ...]]], days_apart: int = 3
) -> list[str]:
    """Write entries (newest first in ``texts``), ``days_apart`` days apart before NOW.

    Returns their ids in the order given (newest first).
    """
    clock = MovableClock()
    session = open_session(paths, clock=clock)
    ids: list[str] = []
    try:
        for index, (text, tags) in enumerate(texts):
            clock.now = NOW - timedelta(days=days_apart * index, hours=1)
            entry = session.journal.write(text, tags=tags, promptset="onderzoekende-houding")
            ids.append(entry.id)
    finally:
        session.close()
    return ids


MOODS = ("rommelig", "goed")


def populate_bulk(paths: AppPaths, count: int) -> None:
    """``count`` entries written as one snapshot (fast), then the settings."""
    docs = {}
    for index in range(count):
        moment = (NOW - timedelta(hours=index * 3)).isoformat(timespec="seconds")
        entry = Entry(
            id=f"{index:08x}",
            aangemaakt=moment,
            gewijzigd=moment,
            tekst=f"# Reflectie {index}\n\nIn klas {index % 7} ging het {MOODS[index % 2]}.",
            promptset="onderzoekende-houding",
            tags=("klas" + str(index % 7),),
        )
        docs[str(index + 1)] = entry.to_doc()
    database = open_database(paths)
    try:
        database.storage.write({ENTRIES: docs})
    finally:
        database.close()
    configure(paths)


async def settle(pilot: Pilot[object], rounds: int = 2) -> None:
    """Let timers fire, workers finish and their messages land, a few rounds over.

    Waits as the app does (:func:`wait_for_workers`): Textual's own
    ``wait_for_complete`` raises ``WorkerFailed`` for a worker that fails while it
    waits, which made tests of failing workers fail at random on a loaded machine.
    """
    for _ in range(rounds):
        await pilot.pause()
        await wait_for_workers(list(pilot.app.workers))
    await pilot.pause()


_TEXT = re.compile(
    r'<text[^>]*\bx="([0-9.]+)"[^>]*clip-path="url\(#[^)]*-line-(\d+)\)"[^>]*>([^<]*)</text>'
)


def visible_text(app: App[object]) -> str:
    """The screen as plain text, rebuilt from the SVG screenshot (what a user sees)."""
    svg = app.export_screenshot()
    lines: dict[int, dict[int, str]] = {}
    for x, line, text in _TEXT.findall(svg):
        column = round(float(x) / 12.2)
        row = lines.setdefault(int(line), {})
        for offset, char in enumerate(html.unescape(text).replace("\xa0", " ")):
            row[column + offset] = char
    out = []
    for number in sorted(lines):
        row = lines[number]
        out.append("".join(row.get(i, " ") for i in range(max(row) + 1)).rstrip())
    return "\n".join(out)
