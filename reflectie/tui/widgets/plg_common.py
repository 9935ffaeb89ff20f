"""What the PLG screens share: a base screen, messages, paths and writing.

The PLG screens (``plg_export``, ``plg_review``, ``plg_bundle``, ``known_names``)
take their keys from the one command declaration in :mod:`reflectie.tui.commands`
like every other screen.

Nothing here touches widgets from a thread: the helpers that read or write files
are plain functions that the screens call inside their thread workers.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input

from reflectie.errors_text import describe_os_error
from reflectie.model import Entry
from reflectie.store.fileio import atomic_write_bytes
from reflectie.tui.commands import BY_ID, Command, commands_for
from reflectie.tui.screens.base import CommandScreen
from reflectie.tui.screens.confirm import Choice, ChoiceDialog

#: Offered on every PLG screen; ``commands.py`` lists the PLG screens in their ``screens``.
_SHARED = ("hulp", "terug")


def plg_command(command_id: str) -> Command | None:
    return BY_ID.get(command_id)


def plg_key(command_id: str) -> str:
    """The shown key of a PLG command, for hints in running text and on buttons."""
    command = plg_command(command_id)
    return command.key_display if command else ""


def plg_commands_for(screen_name: str) -> list[Command]:
    """The commands a PLG screen offers, shared ones (help, back) last."""
    own = commands_for(screen_name)
    shared = [BY_ID[c] for c in _SHARED if c in BY_ID and BY_ID[c] not in own]
    return sorted([*own, *shared], key=lambda c: len(c.screens) if c in own else 99)


def plg_bindings(screen_name: str) -> list[Binding]:
    """Generated ``BINDINGS`` for a PLG screen (see :func:`plg_commands_for`)."""
    return [command.binding(screen_name) for command in plg_commands_for(screen_name)]


class PlgScreen(CommandScreen):
    """A PLG screen (commands, availability and running come from :class:`CommandScreen`).

    ``FIRST_ESCAPE`` names the widget that escape returns to from an input field;
    a second escape (or escape elsewhere) leaves the screen.
    """

    FIRST_ESCAPE = ""

    def cmd_terug(self) -> None:
        if self.FIRST_ESCAPE and isinstance(self.focused, Input):
            target = self.query(self.FIRST_ESCAPE)
            if target and target.first() is not self.focused:
                target.first().focus()
                return
        self.request_leave(self.dismiss)


# -- messages from the PLG workers ---------------------------------------------------------


@dataclass
class PlgChoicesLoaded(Message):
    """Deelbare leervragen and entries for the export screen; ``request`` orders answers."""

    leervragen: list[dict[str, Any]]
    entries: list[Entry]
    request: int


@dataclass
class PlgFilesExist(Message):
    """Some target files exist already; the screen asks before replacing them."""

    payloads: list[tuple[Path, bytes]]
    existing: list[Path]


@dataclass
class PlgFilesWritten(Message):
    paths: list[Path]


@dataclass
class PlgNamesLoaded(Message):
    """The known-names list, after a change (``done`` says what happened, Dutch)."""

    names: list[dict[str, Any]]
    done: str = ""


# -- periods ------------------------------------------------------------------------------

#: Quick period choices for the export: (label, key).
QUICK_PERIODS: tuple[tuple[str, str], ...] = (
    ("Laatste 4 weken", "4weken"),
    ("Dit schooljaar", "schooljaar"),
    ("Alles", "alles"),
    ("Eigen periode", "eigen"),
)


def quick_period(key: str, today: date) -> tuple[date | None, date | None]:
    """``(van, tot)`` for a quick choice; a school year starts on 1 August."""
    if key == "4weken":
        return today - timedelta(days=27), today
    if key == "schooljaar":
        start_year = today.year if today.month >= 8 else today.year - 1
        return date(start_year, 8, 1), today
    return None, None


def parse_day(text: str) -> date | None:
    """A typed date (JJJJ-MM-DD); empty means "no limit". Raises ValueError (Dutch)."""
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"“{text}” is geen datum; schrijf JJJJ-MM-DD.") from None


# -- output files -------------------------------------------------------------------------

FORMATS: tuple[tuple[str, str], ...] = (
    ("Markdown", "md"),
    ("HTML (printbaar)", "html"),
    ("Markdown en HTML", "beide"),
)
_MD = (".md", ".markdown", ".txt")
_HTML = (".html", ".htm")


def _with_ext(path: Path, ext: str) -> Path:
    if path.suffix.lower() in (*_MD, *_HTML):
        return path.with_suffix(ext)
    return path.with_name(path.name + ext)


def expand_path(raw: str) -> Path:
    """A typed path: ``~`` expanded, relative paths taken from the home folder."""
    raw = raw.strip()
    if not raw:
        raise ValueError("Vul een bestandsnaam in.")
    path = Path(raw).expanduser()
    return path if path.is_absolute() else Path.home() / path


def output_targets(raw: str, fmt: str) -> tuple[Path | None, Path | None]:
    """``(markdown file, html file)`` for a typed path and a format (md / html / beide)."""
    path = expand_path(raw)
    suffix = path.suffix.lower()
    md_path = (
        _with_ext(path, ".md")
        if suffix in _HTML or (fmt == "beide" and suffix not in _MD)
        else path
    )
    html_path = path if suffix in _HTML else _with_ext(path, ".html")
    if fmt == "md":
        return md_path, None
    if fmt == "html":
        return None, html_path
    return md_path, html_path


def suffix_for_format(raw: str, fmt: str) -> str:
    """The typed path with its extension following the chosen format (``.md`` ↔ ``.html``)."""
    stripped = raw.rstrip()
    lower = stripped.lower()
    if fmt == "html" and lower.endswith(".md"):
        return stripped[:-3] + ".html"
    if fmt in ("md", "beide") and lower.endswith(".html"):
        return stripped[:-5] + ".md"
    return raw


def write_payloads(payloads: list[tuple[Path, bytes]], *, overwrite: bool) -> Message:
    """Write files atomically (0600), for a thread worker; answers with the message to post.

    Nothing is written when a folder is missing, a target is a folder, or (unless
    ``overwrite``) a target exists already: then the screen asks first.
    """
    from reflectie.tui import messages as msg

    for path, _data in payloads:
        if not path.parent.is_dir():
            return msg.OperationFailed(f"Niet opgeslagen: de map {path.parent} bestaat niet.")
        if path.is_dir():
            return msg.OperationFailed(f"Niet opgeslagen: {path} is een map.")
    existing = [path for path, _data in payloads if path.exists()]
    if existing and not overwrite:
        return PlgFilesExist(payloads, existing)
    written: list[Path] = []
    try:
        for path, data in payloads:
            atomic_write_bytes(path, data)
            written.append(path)
    except OSError as exc:
        done = f" (wel opgeslagen: {', '.join(map(str, written))})" if written else ""
        reason = describe_os_error(exc)
        return msg.OperationFailed(f"Niet opgeslagen: {reason}{done}.")
    return PlgFilesWritten(written)


def ask_replace(screen: CommandScreen, existing: list[Path], then: Callable[[], object]) -> None:
    """Ask before replacing files; ``then`` runs when the teacher says yes."""
    names = "\n".join(str(path) for path in existing)
    which = "Dit bestand bestaat" if len(existing) == 1 else "Deze bestanden bestaan"

    def chosen(choice: str | None) -> None:
        if choice == "vervangen":
            then()

    screen.app.push_screen(
        ChoiceDialog(
            "Bestaand bestand vervangen?",
            f"{which} al:\n{names}\n\nVervangen door de nieuwe versie?",
            [Choice("vervangen", "Vervangen", "warning"), Choice("annuleren", "Annuleren")],
            focus="annuleren",
        ),
        chosen,
    )


def describe_written(paths: list[Path]) -> str:
    return "Opgeslagen: " + ", ".join(str(path) for path in paths)


def home_relative(path: Path) -> str:
    """``~/…`` for a path in the home folder (shorter in an input field)."""
    home = Path(os.path.expanduser("~"))
    try:
        return "~/" + str(path.relative_to(home))
    except ValueError:
        return str(path)
