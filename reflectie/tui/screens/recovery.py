"""What the teacher sees before the journal is open: loading, or a way out.

A locked journal (another window), a damaged or missing file or a journal from
a newer version each get a Dutch explanation and buttons, never a traceback. The
screens only ask; the app does the work (in workers) and decides what follows.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Static

from reflectie.backups import BackupInfo
from reflectie.tui.screens.confirm import Choice

QUIT = "afsluiten"
READ_ONLY = "alleen-lezen"
RESTORE = "terugzetten"


class LoadingScreen(Screen[None]):
    """Shown at once while a worker opens the journal, so start-up feels instant.

    Deliberately bare (no header or footer): it is on screen for a fraction of
    a second, and every widget here delays the start screen that follows.
    """

    def compose(self) -> ComposeResult:
        with Center(id="loading"):
            yield Static("Dagboek openen…", id="loading-text")


class StartupProblemScreen(Screen[str]):
    """An explanation plus a few choices; the result is the chosen key."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "quit_app", "Afsluiten"),
        Binding("left,up", "app.focus_previous", "Vorige", show=False),
        Binding("right,down", "app.focus_next", "Volgende", show=False),
    ]

    DEFAULT_CSS = """
    StartupProblemScreen { align: center middle; }
    StartupProblemScreen > #problem {
        width: 84; max-width: 95%; height: auto;
        border: thick $error; background: $surface; padding: 1 2;
    }
    StartupProblemScreen #problem-title { text-style: bold; margin-bottom: 1; }
    StartupProblemScreen #problem-body { margin-bottom: 1; }
    StartupProblemScreen #problem-buttons { height: auto; align-horizontal: right; }
    StartupProblemScreen #problem-buttons Button { margin-left: 1; }
    """

    def __init__(self, title: str, body: Content, choices: list[Choice], *, kind: str) -> None:
        super().__init__()
        self.kind = kind
        self._title = title
        self._body = body
        self._choices = choices

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="problem"):
            yield Static(Content(self._title), id="problem-title")
            yield Static(self._body, id="problem-body")
            with Horizontal(id="problem-buttons"):
                for choice in self._choices:
                    yield Button(
                        Content(choice.label),
                        variant=choice.variant,
                        name=choice.key,
                        id=f"keuze-{choice.key}",
                    )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(f"#keuze-{self._choices[0].key}", Button).focus()

    @on(Button.Pressed)
    def choose(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.name)

    def action_quit_app(self) -> None:
        self.dismiss(QUIT)


def locked_screen(message: str) -> StartupProblemScreen:
    body = Content.assemble(
        Content(message),
        "\n\n",
        "Alleen-lezen: je kunt alles bekijken en zoeken, maar niets schrijven of wijzigen. "
        "Zo raakt er niets kwijt van wat je in het andere venster doet.",
    )
    return StartupProblemScreen(
        "Dit dagboek is al geopend",
        body,
        [Choice(READ_ONLY, "Alleen-lezen openen", "primary"), Choice(QUIT, "Afsluiten")],
        kind="locked",
    )


def corrupt_screen(
    path: str, detail: str, backup: BackupInfo | None, *, tampered: bool = False
) -> StartupProblemScreen:
    opening = (
        "Je versleutelde dagboek is buiten reflectie om veranderd: elk record is nog "
        "echt, maar ze horen niet meer zo bij elkaar (ingekort, of records verwijderd, "
        "verplaatst of herhaald). Dat kan op manipulatie wijzen. Er is niets aangeraakt:\n"
        if tampered
        else "Het bestand van je dagboek is beschadigd en kan niet worden gelezen:\n"
    )
    parts: list[str | Content | tuple[str, str]] = [
        opening,
        (path, "bold"),
        "\n",
        Content(detail),
        "\n\n",
    ]
    choices: list[Choice] = []
    if backup is not None:
        parts.extend(
            [
                "De laatste goede reservekopie is van ",
                (backup.label, "bold"),
                ":\n",
                Content(str(backup.path)),
                "\n\nTerugzetten vervangt dit bestand door deze kopie. Het wordt niet "
                "verwijderd maar apart gezet (…beschadigd-<datum> of …vorige-<datum>), zodat "
                "er later nog iets uit te halen is. Wat je na de kopie schreef, staat er niet in.",
            ]
        )
        choices.append(Choice(RESTORE, "Reservekopie terugzetten", "primary"))
    else:
        parts.append(
            "Er is geen bruikbare reservekopie gevonden. Er is niets gewijzigd; bewaar het "
            "bestand en vraag hulp bij het herstellen."
        )
    choices.append(Choice(QUIT, "Afsluiten"))
    title = "Je dagboek is beschadigd"
    if tampered:
        title = "Je dagboek is buiten reflectie om veranderd"
    return StartupProblemScreen(title, Content.assemble(*parts), choices, kind="corrupt")


def missing_screen(message: str, backup: BackupInfo | None) -> StartupProblemScreen:
    """The journal file is gone while its copies are not: never start an empty one silently."""
    parts: list[str | Content | tuple[str, str]] = [Content(message), "\n\n"]
    choices: list[Choice] = []
    if backup is not None:
        parts.append(
            "Terugzetten zet deze kopie op de plaats van je dagboek. Wat je na de kopie "
            "schreef, staat er niet in."
        )
        choices.append(Choice(RESTORE, "Nieuwste kopie terugzetten", "primary"))
    else:
        parts.append("Bewaar de map met kopieën en vraag hulp bij het herstellen.")
    choices.append(Choice(QUIT, "Afsluiten"))
    return StartupProblemScreen(
        "Je dagboekbestand ontbreekt", Content.assemble(*parts), choices, kind="missing"
    )


def unusable_screen(message: str) -> StartupProblemScreen:
    return StartupProblemScreen(
        "Dit dagboek kan niet worden geopend",
        Content(message),
        [Choice(QUIT, "Afsluiten", "primary")],
        kind="unusable",
    )
