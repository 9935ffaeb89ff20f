"""Small pure helpers for what the screens show: Dutch dates, tags, periods.

Dates are written with our own Dutch names rather than ``strftime`` with a
locale, because the teacher's machine may not have a Dutch locale installed and
the output must not depend on it (snapshot tests neither).

Everything returning display text returns :class:`~textual.content.Content`
built from plain strings, never markup: entries, names and tags are the user's
data and a ``[`` in them must show as a ``[``.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from textual.content import Content

from reflectie.model import Entry

DAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
SHORT_MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")

#: Period filter choices for the journal: (label, key).
PERIODS: tuple[tuple[str, str], ...] = (
    ("Altijd", "alles"),
    ("Deze week", "week"),
    ("Deze maand", "maand"),
    ("Afgelopen 30 dagen", "30"),
    ("Dit jaar", "jaar"),
)


def short_date(moment: datetime | date) -> str:
    """``ma 16 nov 2026``: compact enough for a list row."""
    day = DAYS[moment.weekday()][:2]
    return f"{day} {moment.day:>2} {SHORT_MONTHS[moment.month - 1]} {moment.year}"


def long_datetime(moment: datetime) -> str:
    """``maandag 16 november 2026, 10:00`` for the preview header."""
    return (
        f"{DAYS[moment.weekday()]} {moment.day} {MONTHS[moment.month - 1]} {moment.year}, "
        f"{moment.hour:02d}:{moment.minute:02d}"
    )


def clock_time(iso_moment: str) -> str:
    """``10:04`` from an ISO timestamp; empty when it cannot be read."""
    try:
        moment = datetime.fromisoformat(iso_moment)
    except ValueError:
        return ""
    return f"{moment.hour:02d}:{moment.minute:02d}"


def parse_tags(raw: str) -> list[str]:
    """Tags as typed: separated by commas and/or spaces; the core cleans them further."""
    return [part for part in re.split(r"[,\s]+", raw) if part]


def format_tags(tags: tuple[str, ...] | list[str]) -> str:
    """The tag field's text for existing tags (``a, b``): what parse_tags reads back."""
    return ", ".join(tags)


def period_range(key: str, today: date) -> tuple[date | None, date | None]:
    """``(since, until)`` for a :data:`PERIODS` key; ``(None, None)`` means no limit."""
    if key == "week":
        return today - timedelta(days=today.weekday()), None
    if key == "maand":
        return today.replace(day=1), None
    if key == "30":
        return today - timedelta(days=29), None
    if key == "jaar":
        return today.replace(month=1, day=1), None
    return None, None


def entry_label(entry: Entry) -> Content:
    """One line for an entry in a list: date, title, tags, deelbaar mark."""
    title = entry.title or "(leeg)"
    parts: list[str | tuple[str, str] | Content] = [
        (short_date(entry.created), "dim"),
        "  ",
        Content(title),
    ]
    if entry.tags:
        parts.extend(["  ", ("#" + " #".join(entry.tags), "italic")])
    if entry.deelbaar:
        parts.extend(["  ", ("● deelbaar", "bold")])
    return Content.assemble(*parts)


def entry_meta(entry: Entry, question: str | None = None) -> Content:
    """The preview's header: when, the question answered, tags, whether it may be shared."""
    parts: list[str | tuple[str, str] | Content] = [(long_datetime(entry.created), "bold")]
    if entry.gewijzigd and entry.gewijzigd != entry.aangemaakt:
        parts.append(
            (f"  (gewijzigd {long_datetime(datetime.fromisoformat(entry.gewijzigd))})", "dim")
        )
    if question:
        parts.extend(["\n", ("Vraag: ", "italic"), Content(question)])
    parts.append("\n")
    parts.append(Content("Tags: " + (", ".join(entry.tags) if entry.tags else "geen")))
    parts.append("   ")
    parts.append("● deelbaar" if entry.deelbaar else "○ privé (niet deelbaar)")
    return Content.assemble(*parts)


def first_line(text: str, limit: int = 60) -> str:
    """A short plain preview of a draft or entry for dialogs."""
    for line in text.splitlines():
        stripped = line.strip().lstrip("#").strip()
        if stripped:
            return stripped if len(stripped) <= limit else stripped[: limit - 1] + "…"
    return "(leeg)"
