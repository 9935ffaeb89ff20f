"""Plain helpers behind the speerpunt screens: snapshots, labels and their messages.

No widgets here. Thread workers call :func:`load_team_state` (the speerpunt screens)
or :func:`load_home_team` (the start screen) while they hold the session, so the
screens draw from one consistent snapshot and never read the journal on the UI
thread. Everything a speerpunt carries came from another teacher's file: it is shown
as ``Content`` (via :func:`~reflectie.tui.feedback_data.shown`), never as markup.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from textual.content import Content
from textual.message import Message

from reflectie.model import Entry
from reflectie.prompts import PromptLibrary, render_text
from reflectie.session import Session
from reflectie.team.knelpunten import KNELPUNTEN, Knelpunt
from reflectie.team.model import ROLES
from reflectie.team.service import (
    STATUSES,
    BorgingReminder,
    BorgingState,
    MonitoringSuggestion,
    Speerpunt,
)
from reflectie.tui.feedback_data import Doc, shown
from reflectie.tui.formatting import first_line, short_date
from reflectie.wording import count

#: The worker group of every speerpunt job. It is the feedback group on purpose: the app
#: waits for that group (``DISK_GROUPS``) before it closes or switches the journal.
TEAM_GROUP = "feedback"
#: How many monitoring notes a speerpunt screen lists (all of them are counted).
NOTES_LIMIT = 30
#: The tag a recorded knelpunt carries (it is a monitoring note like any other).
KNELPUNT_TAG = "knelpunt"

STATUS_MARKS = {"actief": "●", "bijstellen": "◐", "afgesloten": "✓", "vervallen": "○"}

_versions = itertools.count(1)


@dataclass(frozen=True)
class SpeerpuntView:
    """One speerpunt with what this member did with it, read in one go."""

    speerpunt: Speerpunt
    notes: tuple[Entry, ...] = ()  # newest first, at most NOTES_LIMIT
    note_count: int = 0
    shared_count: int = 0
    borging: BorgingState | None = None
    evaluation_due: date | None = None
    checklist: tuple[tuple[str, tuple[str, ...]], ...] = ()
    history: tuple[dict[str, Any], ...] = ()

    @property
    def id(self) -> str:
        return self.speerpunt.id

    @property
    def titel(self) -> str:
        return self.speerpunt.titel

    @property
    def borging_now(self) -> bool:
        return self.borging is not None and self.borging.shown

    def evaluation_now(self, today: date) -> bool:
        return self.evaluation_due is not None and self.evaluation_due <= today

    @property
    def last_note(self) -> date | None:
        return self.notes[0].created.date() if self.notes else None


@dataclass(frozen=True)
class TeamState:
    """Every speerpunt with its notes, borging and evaluation, plus the leervragen to link.

    ``version`` grows with every snapshot, so a screen can ignore one that arrives
    after a newer one.
    """

    speerpunten: tuple[SpeerpuntView, ...] = ()
    leervragen: tuple[Doc, ...] = ()
    sector: str = "mbo"
    today: date | None = None
    version: int = 0

    def view(self, speerpunt_id: str | None) -> SpeerpuntView | None:
        return next((v for v in self.speerpunten if v.id == speerpunt_id), None)

    def leervraag(self, leervraag_id: str) -> Doc | None:
        return next((d for d in self.leervragen if d["id"] == leervraag_id), None)


def load_view(session: Session, speerpunt: Speerpunt) -> SpeerpuntView:
    team = session.team
    notes = team.notes(speerpunt.id)
    return SpeerpuntView(
        speerpunt=speerpunt,
        notes=tuple(notes[:NOTES_LIMIT]),
        note_count=len(notes),
        shared_count=sum(1 for n in notes if n.deelbaar),
        borging=team.borging_state(speerpunt),
        evaluation_due=team.evaluation_due_on(speerpunt),
        checklist=team.checklist(speerpunt),
        history=tuple(team.history(speerpunt.uitkomst_id)),
    )


def load_team_state(session: Session) -> TeamState:
    """A snapshot of every speerpunt; call while holding the session."""
    team = session.team
    return TeamState(
        speerpunten=tuple(load_view(session, s) for s in team.speerpunten()),
        leervragen=tuple(session.feedback.leervragen()),
        sector=team.sector(),
        today=team.today(),
        version=next(_versions),
    )


@dataclass(frozen=True)
class HomeTeam:
    """What the start screen shows of the speerpunten: only what waits, nothing else."""

    suggestions: tuple[MonitoringSuggestion, ...] = ()
    reminders: tuple[BorgingReminder, ...] = ()
    evaluations: tuple[tuple[Speerpunt, date], ...] = ()
    count: int = 0

    def waiting_id(self) -> str | None:
        """The speerpunt a teacher most likely wants to open: borging, then evaluation."""
        if self.reminders:
            return self.reminders[0].speerpunt.id
        if self.evaluations:
            return self.evaluations[0][0].id
        return None


def load_home_team(session: Session, library: PromptLibrary, seed: float) -> HomeTeam:
    """Monitoring questions, borging reminders and due evaluations (they scan the journal)."""
    team = session.team
    return HomeTeam(
        suggestions=tuple(team.monitoring_suggestions(library, random.Random(seed))),
        reminders=tuple(team.borging_reminders(library)),
        evaluations=tuple(team.due_evaluations()),
        count=len(team.speerpunten()),
    )


# -- messages from the speerpunt workers --------------------------------------------------


@dataclass
class TeamDone(Message):
    """A speerpunt job finished; ``state`` is a fresh snapshot taken right after it."""

    action: str
    result: Any
    state: TeamState = field(default_factory=TeamState)


@dataclass
class TeamFailed(Message):
    """A speerpunt job was refused or failed; ``message`` is Dutch, shown as plain text."""

    action: str
    message: str


# -- display ------------------------------------------------------------------------------


def status_text(status: str) -> str:
    return STATUSES.get(status, status)


def day_text(day: date | None) -> str:
    return " ".join(short_date(day).split()) if day else ""


def moment_day(iso_moment: str) -> str:
    try:
        return " ".join(short_date(datetime.fromisoformat(iso_moment)).split())
    except ValueError:
        return ""


def role_names(ids: tuple[str, ...], sector: str, mine: tuple[str, ...] = ()) -> str:
    names = []
    for role_id in ids:
        role = ROLES.get(role_id)
        if role is None:
            continue
        name = role.render_titel(sector).lower()
        names.append(f"{name} (jij)" if role_id in mine else name)
    return ", ".join(names) or "geen"


def speerpunt_label(view: SpeerpuntView, today: date) -> Content:
    """A speerpunt in a list: status, title, and on a second line what waits."""
    sp = view.speerpunt
    mark = STATUS_MARKS.get(sp.status, "●")
    line2: list[str | tuple[str, str] | Content] = [
        "    ",
        (count(view.note_count, "notitie"), "dim"),
    ]
    due = sp.plan.evaluatie_datum if view.evaluation_due is None else view.evaluation_due
    if view.borging_now:
        line2.extend([("  ·  ", "dim"), ("◆ borging", "bold")])
    if view.evaluation_now(today):
        line2.extend([("  ·  ", "dim"), ("◆ evaluatie", "bold")])
    elif due and sp.is_open:
        line2.extend([("  ·  ", "dim"), (f"evaluatie {day_text(due)}", "dim")])
    return Content.assemble(
        (f"{mark} ", "bold" if sp.is_open else "dim"),
        shown(first_line(sp.titel, 70)).stylize("bold" if sp.is_open else "dim"),
        (f"  ({status_text(sp.status)})", "dim italic"),
        "\n",
        *line2,
    )


def knelpunt_content(found: Knelpunt | None, sector: str) -> Content:
    """The matching knelpunt with its tips, or all three when nothing matched."""
    chosen = [found] if found is not None else list(KNELPUNTEN)
    parts: list[Content] = []
    if found is None:
        parts.append(
            Content.styled(
                "Hierin herken ik geen van de bekende knelpunten. Dit zijn ze, met tips; "
                "misschien zit het jouwe ertussen.",
                "italic",
            )
        )
    for knelpunt in chosen:
        parts.append(Content.styled(knelpunt.titel, "bold"))
        parts.append(Content.styled(render_text(knelpunt.herkenning, sector), "italic"))
        parts.append(Content.styled("Tips:", "bold"))
        parts.extend(Content(f"  - {render_text(tip, sector)}") for tip in knelpunt.tips)
        parts.append(Content.styled(f"Bron: {knelpunt.bron}", "dim"))
        parts.append(Content(""))
    return Content("\n").join(parts[:-1])
