"""Plain helpers behind the feedback screens: snapshots, files, dates, labels.

No widgets here. Thread workers call :func:`load_state` while they hold the
session, so the screens render from a consistent snapshot instead of reading
the database on the UI thread while a worker writes to it.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from textual.content import Content

from reflectie.sanitize import clean_external_text
from reflectie.session import Session
from reflectie.store.fileio import atomic_write_bytes
from reflectie.tui.formatting import first_line, short_date

Doc = dict[str, Any]

#: Read a little more than the exchange format allows, so the core can say "te groot".
MAX_IMPORT_BYTES = 1024 * 1024

LEERVRAAG_MARKS = {"open": "○", "bezig": "◐", "afgerond": "●"}
ROUND_STATUS = {
    "concept": "concept (nog niet verstuurd)",
    "verstuurd": "verstuurd, wacht op antwoord",
    "beantwoord": "beantwoord",
    "afgerond": "afgerond",
}
OUTCOME_LABELS = {"gelukt": "gelukt", "deels": "deels gelukt", "niet": "niet gelukt"}
#: Quick choices for an evaluation date: (label, days from today).
QUICK_DATES = (("1 week", 7), ("2 weken", 14), ("4 weken", 28), ("6 weken", 42))

_versions = itertools.count(1)


@dataclass(frozen=True)
class FeedbackState:
    """Everything the feedback screens show, read in one go under the session lock.

    ``version`` grows with every snapshot, so a screen can ignore one that
    arrives after a newer one.
    """

    leervragen: tuple[Doc, ...] = ()
    rounds: tuple[Doc, ...] = ()
    received: tuple[Doc, ...] = ()
    due: tuple[tuple[Doc, Doc], ...] = ()
    names: tuple[str, ...] = ()
    version: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    def leervraag(self, leervraag_id: str | None) -> Doc | None:
        return next((d for d in self.leervragen if d["id"] == leervraag_id), None)

    def round(self, round_id: str | None) -> Doc | None:
        return next((d for d in self.rounds if d["id"] == round_id), None)

    def received_request(self, request_id: str | None) -> Doc | None:
        return next((d for d in self.received if d["id"] == request_id), None)

    def rounds_for(self, leervraag_id: str) -> list[Doc]:
        return [d for d in self.rounds if d["leervraag"] == leervraag_id]

    def active_leervragen(self) -> list[Doc]:
        """Open and bezig, newest first."""
        return [d for d in self.leervragen if d["status"] != "afgerond"]


def load_state(session: Session) -> FeedbackState:
    """A snapshot of the feedback data; call while holding the session."""
    service = session.feedback
    return FeedbackState(
        leervragen=tuple(service.leervragen()),
        rounds=tuple(service.rounds()),
        received=tuple(service.received()),
        due=tuple(service.due_evaluations()),
        names=tuple(d["naam"] for d in service.names()),
        version=next(_versions),
    )


def answer_text(session: Session, request_id: str) -> str | None:
    """The exchange text of an answer B gave earlier, or ``None`` if there is none yet."""
    return session.feedback.answer_text(request_id)


# -- files -----------------------------------------------------------------------------------


def slug(name: str, fallback: str = "collega") -> str:
    """``Anne-Marie de Vries`` → ``anne-marie-de-vries``: safe in a file name."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    cleaned = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:30].strip("-")
    return cleaned or fallback


def default_path(kind: str, own_name: str, other: str) -> str:
    """``~/feedbackvraag-sanne-aan-bram.txt``: who sent it to whom, readable in a mailbox."""
    own = f"-{slug(own_name, '')}" if slug(own_name, "") else ""
    return f"~/{kind}{own}-aan-{slug(other)}.txt"


def user_path(text: str) -> Path | None:
    """The path typed (or dropped) into a field: quotes stripped, ``~`` expanded."""
    text = text.strip().strip("'\"").strip()
    return Path(text).expanduser() if text else None


class TargetError(ValueError):
    """The path cannot be written to; the message is Dutch."""


class FileExistsQuestion(Exception):
    """The target exists; the screen asks before replacing it."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


def check_target(path: Path, overwrite: bool) -> None:
    """Refuse a folder or a missing folder (:class:`TargetError`); ask before replacing."""
    if path.is_dir():
        raise TargetError(f"{path} is een map; geef een bestandsnaam op.")
    if not path.parent.is_dir():
        raise TargetError(f"De map {path.parent} bestaat niet.")
    if path.exists() and not overwrite:
        raise FileExistsQuestion(path)


def write_exchange(path: Path, text: str) -> None:
    """Write atomically: the colleague never gets half a file."""
    atomic_write_bytes(path, text.encode("utf-8"))


def read_exchange(path: Path) -> bytes:
    """The start of a file to import (the core refuses anything too large)."""
    with path.open("rb") as handle:
        return handle.read(MAX_IMPORT_BYTES)


# -- dates -----------------------------------------------------------------------------------


def parse_day(text: str, today: date) -> date:
    """``JJJJ-MM-DD`` from today on; a Dutch ``ValueError`` otherwise."""
    text = text.strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValueError("Schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2026-12-01.")
    try:
        day = date.fromisoformat(text)
    except ValueError as exc:
        raise ValueError(f"{text} is geen bestaande datum.") from exc
    if day < today:
        raise ValueError("Kies een datum vanaf vandaag.")
    if day > today + timedelta(days=3 * 366):
        raise ValueError("Kies een datum binnen drie jaar.")
    return day


def day_label(iso_day: str) -> str:
    try:
        return short_date(date.fromisoformat(iso_day))
    except ValueError:
        return iso_day


def moment_label(iso_moment: str | None) -> str:
    if not iso_moment:
        return ""
    try:
        return short_date(datetime.fromisoformat(iso_moment))
    except ValueError:
        return ""


# -- display ---------------------------------------------------------------------------------


def shown(text: object) -> Content:
    """Outside text as plain ``Content``: control characters removed, never markup."""
    return Content(clean_external_text(str(text)))


def leervraag_label(doc: Doc, width: int = 70) -> Content:
    mark = LEERVRAAG_MARKS.get(doc["status"], "○")
    parts: list[str | tuple[str, str] | Content] = [
        (f"{mark} {doc['status']:<8}", "bold" if doc["status"] == "bezig" else ""),
        "  ",
        shown(first_line(doc["tekst"], width)),
    ]
    if doc.get("deelbaar"):
        parts.extend(["  ", ("● deelbaar", "italic")])
    return Content.assemble(*parts)


def round_label(doc: Doc, leervraag: Doc | None) -> Content:
    """A round in a list: date, status, colleague, and its leervraag (or, without, its focus)."""
    status = doc["status"]
    about = first_line(leervraag["tekst"] if leervraag else doc["focus"], 40)
    return Content.assemble(
        (f"{moment_label(doc['aangemaakt'])}", "dim"),
        "  ",
        (f"{status:<10}", "bold" if status == "beantwoord" else ""),
        "  aan ",
        shown(first_line(doc["aan"], 30)),
        ("  ·  ", "dim"),
        shown(about),
    )


def received_label(doc: Doc) -> Content:
    answered = doc["status"] == "beantwoord"
    return Content.assemble(
        (f"{moment_label(doc['ontvangen'])}", "dim"),
        "  ",
        ("✓ beantwoord " if answered else "● te beantwoorden", "" if answered else "bold"),
        "  van ",
        shown(first_line(doc.get("van") or "een collega", 30)),
        ("  ·  ", "dim"),
        shown(first_line(doc["focus"], 40)),
    )


def labelled(label: str, text: str) -> Content:
    """``Label:`` in bold, then the (outside) text, indented on following lines."""
    body = clean_external_text(text).strip() or "-"
    return Content.assemble((f"{label}\n", "bold"), Content("  " + body.replace("\n", "\n  ")))


def kijkpunten(points: list[str] | tuple[str, ...]) -> str:
    return "\n".join(f"- {p}" for p in points) if points else ""


def voornemen_label(voornemen: Doc, today: date) -> Content:
    evaluation = voornemen.get("evaluatie")
    if evaluation:
        outcome = OUTCOME_LABELS.get(evaluation["uitkomst"], evaluation["uitkomst"])
        parts: list[str | tuple[str, str] | Content] = [
            ("✓ ", "bold"),
            shown(voornemen["tekst"]),
            ("  —  ", "dim"),
            (outcome, "italic"),
        ]
        if evaluation.get("reflectie"):
            parts.extend([": ", shown(first_line(evaluation["reflectie"], 60))])
        return Content.assemble(*parts)
    due = date.fromisoformat(voornemen["evalueren_op"]) <= today
    return Content.assemble(
        ("◆ " if due else "○ ", "bold" if due else ""),
        shown(voornemen["tekst"]),
        ("  —  ", "dim"),
        (
            f"evalueren {'nu (sinds ' if due else 'op '}{day_label(voornemen['evalueren_op'])}"
            + (")" if due else ""),
            "italic",
        ),
    )
