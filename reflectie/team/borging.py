"""When to ask: monitoring in the weekly reflection, borging twice a year, evaluation.

Pure date logic, no storage: :class:`reflectie.team.service.TeamService` feeds it
what it knows (when a speerpunt arrived, when the last note or borging answer was
written, until when the teacher postponed), and the clock decides. Nothing here
nags: a reminder is a quiet item on the home screen that the teacher can postpone.

The rhythm follows the handvatten bij aanbeveling 2 (put the speerpunt on the team's
agenda twice a year with two short questions) and aanbeveling 2 itself (monitor
while carrying out; evaluate whether a new cycle is needed).
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

#: A borging round every six months per speerpunt ("twice a year").
BORGING_MONTHS = 6
#: "Later" on a borging reminder hides it this many days by default.
POSTPONE_DAYS = 14
#: Postponing further than a quarter would quietly drop the rhythm.
MAX_POSTPONE_DAYS = 92
#: A monitoring question comes back once a week per active speerpunt.
MONITOR_EVERY_DAYS = 7
#: An evaluation this many days before its date counts (the meeting may come early).
EARLY_EVALUATION_DAYS = 30

#: What a member decides at the evaluation (aanbeveling 2: adjust, or start again).
DECISIONS: dict[str, str] = {
    "voortzetten": "voortzetten zoals het is",
    "bijstellen": "de aanpak bijstellen",
    "afsluiten": "afsluiten (eventueel een nieuwe verbeterronde starten)",
}


def add_months(day: date, months: int) -> date:
    """``day`` plus whole months; the 31st becomes the last day of a shorter month."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def borging_due_on(since: date, last_answer: date | None) -> date:
    """Six months after the speerpunt arrived or after the last borging answer."""
    anchor = max(since, last_answer) if last_answer else since
    return add_months(anchor, BORGING_MONTHS)


def borging_shown(today: date, due_on: date, postponed_until: date | None) -> bool:
    """Is the reminder on the home screen today?"""
    if today < due_on:
        return False
    return postponed_until is None or today >= postponed_until


def postpone_until(today: date, days: int = POSTPONE_DAYS) -> date:
    if not 1 <= days <= MAX_POSTPONE_DAYS:
        raise ValueError(f"Uitstellen kan 1 tot {MAX_POSTPONE_DAYS} dagen.")
    return today + timedelta(days=days)


def monitoring_due(today: date, last_note: date | None, since: date) -> bool:
    """A monitoring question is offered when the last note is a week old (or there is none)."""
    if today < since:
        return False
    return last_note is None or (today - last_note).days >= MONITOR_EVERY_DAYS


def evaluation_due_on(
    agreed: date | None, next_local: date | None, evaluated: list[date]
) -> date | None:
    """The date an evaluation is due, or None when none is pending.

    ``agreed`` is the PLG's date, ``next_local`` a date the member set after deciding
    to continue; an evaluation from :data:`EARLY_EVALUATION_DAYS` before the due date
    on settles it.
    """
    due = next_local or agreed
    if due is None:
        return None
    if any(day >= due - timedelta(days=EARLY_EVALUATION_DAYS) for day in evaluated):
        return None
    return due
