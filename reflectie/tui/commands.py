"""Every command of the TUI, declared once.

One :class:`Command` drives four things: the key binding on the screens that
offer it, its footer entry, its line on the help screen and its entry in the
command palette. Adding a command here (plus its ``cmd_<id>`` method on the
screen or app) is all it takes; nothing else lists keys by hand, so the help
screen can never drift from what the keys really do.

Availability is decided in one place too: :meth:`CommandScreen.command_state
<reflectie.tui.screens.base.CommandScreen.command_state>` for screen commands,
and the read-only guard in ``run_command`` for commands that write.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from textual.binding import Binding

Scope = Literal["app", "screen"]

#: Screen names, in the order the help screen shows their commands.
SCREEN_TITLES: dict[str, str] = {
    "app": "Op (bijna) elk scherm",
    "welcome": "Welkom",
    "home": "Startscherm",
    "write": "Schrijven",
    "journal": "Dagboek",
    "trash": "Prullenbak",
    "settings": "Instellingen",
    "help": "Hulp",
}

READ_ONLY_MESSAGE = (
    "Dit dagboek is alleen-lezen geopend (een ander venster gebruikt het). "
    "Bekijken kan; wijzigen niet. Sluit het andere venster en start reflectie opnieuw."
)


@dataclass(frozen=True)
class Command:
    """One thing the user can do, with its key and where it is offered.

    ``id`` doubles as the method name suffix: a screen (or the app, for
    ``scope="app"``) implements it as ``cmd_<id>``. ``keys`` uses Textual key
    names, comma separated; the first key is the one shown. ``writes`` marks
    commands that change the journal, refused with a Dutch message when the
    journal is open read-only.
    """

    id: str
    title: str
    help: str
    keys: str
    screens: tuple[str, ...] = ()
    scope: Scope = "screen"
    writes: bool = False
    show: bool = True
    palette: bool = True
    priority: bool = False
    action_name: str | None = None

    @property
    def action(self) -> str:
        """The action string bound to the keys (``run('<id>')`` unless overridden)."""
        return self.action_name or f"run({self.id!r})"

    @property
    def key_display(self) -> str:
        """How the first key is written in the footer and on the help screen."""
        return display_key(self.keys.split(",")[0])

    @property
    def all_keys_display(self) -> str:
        return " / ".join(display_key(key) for key in self.keys.split(","))

    def binding(self) -> Binding:
        return Binding(
            self.keys,
            self.action,
            self.title,
            show=self.show,
            key_display=self.key_display,
            priority=self.priority,
            tooltip=self.help,
            id=f"reflectie.{self.id}",
        )


_KEY_NAMES = {
    "question_mark": "?",
    "slash": "/",
    "escape": "esc",
    "delete": "del",
    "enter": "enter",
    "space": "spatie",
}


def display_key(key: str) -> str:
    """Readable key names (``question_mark`` → ``?``), the same in footer and help."""
    key = key.strip()
    return _KEY_NAMES.get(key, key)


COMMANDS: tuple[Command, ...] = (
    # -- everywhere ------------------------------------------------------------------
    Command(
        "afsluiten",
        "Afsluiten",
        "Sluit reflectie af; bij niet-opgeslagen tekst wordt eerst gevraagd wat ermee moet.",
        "ctrl+q",
        scope="app",
        priority=True,
    ),
    Command(
        "palet",
        "Opdrachten",
        "Open het opdrachtenpalet: zoek een opdracht op naam en start hem.",
        "ctrl+p",
        scope="app",
        priority=True,
        show=False,  # the footer docks the palette key on the right by itself
        palette=False,
        action_name="command_palette",
    ),
    Command(
        "hulp",
        "Hulp",
        "Toon alle toetsen en opdrachten.",
        "f1,question_mark",
        screens=("home", "journal", "trash", "settings", "write"),
    ),
    Command(
        "terug",
        "Terug",
        "Ga terug naar het vorige scherm.",
        "escape",
        screens=("journal", "trash", "settings", "help", "write"),
    ),
    # -- start screen -----------------------------------------------------------------
    Command(
        "schrijf",
        "Schrijf",
        "Schrijf een reflectie op de vraag van vandaag.",
        "s",
        screens=("home",),
        writes=True,
    ),
    Command(
        "andere_vraag",
        "Andere vraag",
        "Laat een andere vraag uit je vragenset zien.",
        "a",
        screens=("home",),
    ),
    Command(
        "vrij_schrijven",
        "Vrij schrijven",
        "Schrijf een reflectie zonder vraag.",
        "n",
        screens=("home", "journal"),
        writes=True,
    ),
    Command(
        "dagboek",
        "Dagboek",
        "Blader door je reflecties, zoek en filter.",
        "d",
        screens=("home",),
    ),
    Command(
        "instellingen",
        "Instellingen",
        "Naam, sector, thema, vragenset en reservekopieën.",
        "i",
        screens=("home", "journal"),
    ),
    # -- writing ----------------------------------------------------------------------
    Command(
        "opslaan",
        "Opslaan",
        "Sla de reflectie op in je dagboek.",
        "ctrl+s",
        screens=("write",),
        writes=True,
    ),
    Command(
        "wissel_veld",
        "Tekst/tags",
        "Spring tussen de tekst en het veld voor tags.",
        "ctrl+t",
        screens=("write",),
    ),
    Command(
        "deelbaar",
        "Deelbaar",
        "Zet ‘deelbaar’ aan of uit: alleen deelbare reflecties kunnen (geanonimiseerd) "
        "in een PLG-samenvatting komen.",
        "ctrl+g",
        screens=("write",),
    ),
    # -- journal ----------------------------------------------------------------------
    Command(
        "zoeken",
        "Zoeken",
        "Zoek in tekst en tags; hoofdletters en accenten maken niet uit.",
        "slash",
        screens=("journal",),
    ),
    Command(
        "bewerk",
        "Bewerken",
        "Bewerk de gekozen reflectie.",
        "e",
        screens=("journal",),
        writes=True,
    ),
    Command(
        "verwijder",
        "Verwijderen",
        "Verplaats de gekozen reflectie naar de prullenbak (30 dagen terug te halen).",
        "x,delete",
        screens=("journal",),
        writes=True,
    ),
    Command(
        "prullenbak",
        "Prullenbak",
        "Bekijk verwijderde reflecties en haal ze terug.",
        "p",
        screens=("journal",),
    ),
    Command(
        "herstel",
        "Terugzetten",
        "Zet de gekozen reflectie terug in je dagboek.",
        "r",
        screens=("trash",),
        writes=True,
    ),
    # -- settings ---------------------------------------------------------------------
    Command(
        "backup",
        "Reservekopie",
        "Maak nu een reservekopie van je dagboek.",
        "ctrl+b",
        screens=("settings",),
        writes=True,
    ),
    # -- first start ------------------------------------------------------------------
    Command(
        "beginnen",
        "Beginnen",
        "Bewaar je keuzes en ga naar het startscherm.",
        "ctrl+s",
        screens=("welcome",),
        palette=False,
    ),
)

BY_ID: dict[str, Command] = {command.id: command for command in COMMANDS}


def key_of(command_id: str) -> str:
    """The shown key of a command, for hints in running text ("druk s om …")."""
    return BY_ID[command_id].key_display


def app_commands() -> list[Command]:
    """Commands bound on the app itself: they work on every screen."""
    return [c for c in COMMANDS if c.scope == "app"]


def commands_for(screen_name: str) -> list[Command]:
    """The screen-level commands offered on ``screen_name``, in declaration order."""
    return [c for c in COMMANDS if c.scope == "screen" and screen_name in c.screens]


def bindings_for(screen_name: str) -> list[Binding]:
    """Generated ``BINDINGS`` for a screen class.

    Commands that belong to fewer screens come first, so the footer (which
    keeps binding order and cuts off at the right edge) shows what is special
    about this screen before the keys every screen has.
    """
    ordered = sorted(commands_for(screen_name), key=lambda c: len(c.screens))
    return [command.binding() for command in ordered]


def app_bindings() -> list[Binding]:
    """Generated ``BINDINGS`` for the app class."""
    return [command.binding() for command in app_commands()]


#: A command offered on at least this many screens is listed once, under "Overal".
_SHARED = 3


def help_sections() -> list[tuple[str, list[Command]]]:
    """Commands grouped by screen for the help screen.

    App-wide commands and those on most screens (help, back) come first, once;
    each screen then lists what is particular to it.
    """
    shared = [c for c in COMMANDS if c.scope == "screen" and len(c.screens) >= _SHARED]
    sections: list[tuple[str, list[Command]]] = [(SCREEN_TITLES["app"], [*app_commands(), *shared])]
    for name, title in SCREEN_TITLES.items():
        commands = [c for c in commands_for(name) if c not in shared]
        if name != "app" and commands:
            sections.append((title, commands))
    return sections
