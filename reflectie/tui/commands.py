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
    "leervragen": "Leervragen",
    "feedback": "Feedback (overzicht)",
    "vraag": "Feedbackvraag opstellen",
    "ronde": "Feedbackronde",
    "antwoord": "Feedback geven",
    "importeren": "Importeren",
    "dialoog": "Invulvenster",
    "plg_export": "PLG-samenvatting maken",
    "plg_review": "PLG-samenvatting controleren",
    "plg_bundle": "PLG-agenda samenstellen",
    "known_names": "Bekende namen",
    "speerpunten": "Speerpunten",
    "speerpunt": "Speerpunt",
    "kaart": "Kwaliteitskaart",
    "uitkomst": "PLG-uitkomst opstellen",
    "help": "Hulp",
}

#: Screens where the shared keys (help, back) are offered.
_FULL_SCREENS = (
    "leervragen",
    "feedback",
    "vraag",
    "ronde",
    "antwoord",
    "importeren",
    "plg_export",
    "plg_review",
    "plg_bundle",
    "known_names",
    "speerpunten",
    "speerpunt",
    "kaart",
    "uitkomst",
)

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
    journal is open read-only. ``footer_elsewhere`` names screens that show the
    key in their own text already (the home screen's line under the prompt), so
    their footer leaves it out and keeps room for the rest.
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
    footer_elsewhere: tuple[str, ...] = ()

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

    def in_footer(self, screen_name: str | None = None) -> bool:
        return self.show and screen_name not in self.footer_elsewhere

    def binding(self, screen_name: str | None = None) -> Binding:
        return Binding(
            self.keys,
            self.action,
            self.title,
            show=self.in_footer(screen_name),
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
        screens=("home", "journal", "trash", "settings", "write", *_FULL_SCREENS),
    ),
    Command(
        "terug",
        "Terug",
        "Ga terug naar het vorige scherm (vanuit een invulveld: eerst terug naar de lijst).",
        "escape",
        screens=("journal", "trash", "settings", "help", "write", *_FULL_SCREENS),
    ),
    # -- start screen -----------------------------------------------------------------
    Command(
        "schrijf",
        "Schrijf",
        "Schrijf een reflectie op de vraag van vandaag.",
        "s",
        screens=("home",),
        writes=True,
        footer_elsewhere=("home",),
    ),
    Command(
        "andere_vraag",
        "Andere vraag",
        "Laat een andere vraag uit je vragenset zien.",
        "a",
        screens=("home",),
        footer_elsewhere=("home",),
    ),
    Command(
        "vrij_schrijven",
        "Vrij schrijven",
        "Schrijf een reflectie zonder vraag.",
        "n",
        screens=("home", "journal"),
        writes=True,
        footer_elsewhere=("home",),
    ),
    Command(
        "dagboek",
        "Dagboek",
        "Blader door je reflecties, zoek en filter.",
        "d",
        screens=("home",),
        footer_elsewhere=("home",),
    ),
    Command(
        "instellingen",
        "Instellingen",
        "Naam, sector, thema, vragenset, reservekopieën en versleuteling.",
        "i",
        screens=("home", "journal"),
    ),
    Command(
        "leervragen",
        "Leervragen",
        "Je eigen leervragen: vastleggen, de status bijhouden, reflecties en feedback erbij.",
        "l",
        screens=("home", "feedback"),
    ),
    Command(
        "feedback",
        "Feedback",
        "Overzicht van je feedbackvragen en van de vragen die collega's jou stelden; "
        "hier importeer je ook bestanden en geplakte tekst.",
        "f",
        screens=("home",),
    ),
    Command(
        "evalueren",
        "Evalueren",
        "Ga naar een voornemen waarvan de evaluatiedatum is bereikt.",
        "v",
        screens=("home", "feedback"),
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
    Command(
        "koppel",
        "Leervraag",
        "Koppel de reflectie aan een van je leervragen (of aan geen).",
        "ctrl+l",
        screens=("write",),
        footer_elsewhere=("write",),  # the field's label names the key
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
    Command(
        "versleutelen",
        "Versleutelen",
        "Versleutel je dagboek, reservekopieën en concepten met een wachtwoord. "
        "Een vergeten wachtwoord kan niemand herstellen.",
        "f5",
        screens=("settings",),
        writes=True,
    ),
    Command(
        "wachtwoord_wijzigen",
        "Wachtwoord wijzigen",
        "Kies een nieuw wachtwoord voor je versleutelde dagboek (eerst het huidige).",
        "f6",
        screens=("settings",),
        writes=True,
    ),
    Command(
        "versleuteling_uit",
        "Versleuteling uit",
        "Bewaar je dagboek weer onversleuteld (vraagt eerst je wachtwoord).",
        "f7",
        screens=("settings",),
        writes=True,
    ),
    # -- leervragen -------------------------------------------------------------------
    Command(
        "leervraag_nieuw",
        "Nieuwe leervraag",
        "Leg een nieuwe leervraag vast (standaard privé, niet deelbaar).",
        "n",
        screens=("leervragen",),
        writes=True,
    ),
    Command(
        "leervraag_bewerk",
        "Tekst wijzigen",
        "Pas de tekst van de gekozen leervraag aan.",
        "e",
        screens=("leervragen",),
        footer_elsewhere=("leervragen",),
        writes=True,
    ),
    Command(
        "leervraag_status",
        "Volgende status",
        "Zet de leervraag een stap verder: open → bezig → afgerond (met een korte conclusie). "
        "Een afgeronde leervraag gaat zo weer open.",
        "s",
        screens=("leervragen",),
        footer_elsewhere=("leervragen",),
        writes=True,
    ),
    Command(
        "leervraag_deelbaar",
        "Deelbaar",
        "Zet ‘deelbaar’ aan of uit: alleen deelbare leervragen kunnen (geanonimiseerd) "
        "in een PLG-samenvatting komen.",
        "d",
        screens=("leervragen",),
        footer_elsewhere=("leervragen",),
        writes=True,
    ),
    Command(
        "feedback_vragen",
        "Vraag feedback",
        "Stel een feedbackvraag op bij de gekozen leervraag.",
        "f",
        screens=("leervragen",),
        writes=True,
    ),
    Command(
        "schrijf_bij",
        "Schrijf erbij",
        "Schrijf een reflectie die aan de gekozen leervraag gekoppeld is.",
        "w",
        screens=("leervragen",),
        writes=True,
    ),
    # -- feedback -----------------------------------------------------------------------
    Command(
        "importeren",
        "Importeren",
        "Lees een feedbackvraag, een antwoord of een PLG-uitkomst in, uit een bestand of uit "
        "geplakte tekst.",
        "i",
        screens=("feedback", "speerpunten"),
    ),
    Command(
        "vraag_maken",
        "Vraag maken",
        "Leg de feedbackvraag vast; daarna kun je hem als bestand bewaren of kopiëren.",
        "ctrl+s",
        screens=("vraag",),
        writes=True,
    ),
    Command(
        "bewaar_bestand",
        "Bewaar bestand",
        "Bewaar de tekst als bestand op de plek in het veld ‘Bestand’, om te mailen of te delen.",
        "ctrl+o",
        screens=("ronde", "antwoord", "uitkomst"),
        writes=True,
    ),
    Command(
        "kopieer",
        "Kopieer tekst",
        "Zet de tekst op het klembord om in mail of chat te plakken. Lukt dat niet in je "
        "terminal, selecteer de tekst dan zelf in het tekstvak.",
        "ctrl+t",
        screens=("ronde", "antwoord", "uitkomst"),
        writes=True,
    ),
    Command(
        "ontvangst_bewaren",
        "Reflectie bewaren",
        "Bewaar wat je bij het ontvangen van de feedback hebt opgeschreven.",
        "ctrl+s",
        screens=("ronde",),
        writes=True,
    ),
    Command(
        "voornemen_nieuw",
        "Voornemen",
        "Leg een concreet voornemen vast, met de datum waarop je het wilt evalueren.",
        "ctrl+n",
        screens=("ronde",),
        writes=True,
    ),
    Command(
        "evalueer",
        "Evalueer",
        "Evalueer het gekozen voornemen: gelukt, deels of niet, met één regel toelichting.",
        "e",
        screens=("ronde",),
        writes=True,
    ),
    Command(
        "bedankt",
        "Bedankt",
        "Leg vast dat je je collega voor de feedback hebt bedankt (vraagt eerst; "
        "nog eens drukken maakt het ongedaan).",
        "b",
        screens=("ronde",),
        writes=True,
    ),
    Command(
        "antwoord_maken",
        "Antwoord maken",
        "Leg je BKC-antwoord vast; daarna kun je het als bestand bewaren of kopiëren.",
        "ctrl+s",
        screens=("antwoord",),
        writes=True,
    ),
    Command(
        "importeer",
        "Importeren",
        "Importeer het bestand uit het veld ‘Bestand’, of anders de geplakte tekst.",
        "ctrl+s",
        screens=("importeren",),
        writes=True,
    ),
    # -- small forms (dialogs) --------------------------------------------------------
    Command(
        "bewaren",
        "Bewaren",
        "Neem over wat je hebt ingevuld.",
        "ctrl+s",
        screens=("dialoog",),
        palette=False,
    ),
    Command(
        "annuleren",
        "Annuleren",
        "Sluit het venster zonder iets te bewaren.",
        "escape",
        screens=("dialoog",),
        palette=False,
    ),
    # -- opening the PLG screens (home) ------------------------------------------------
    Command(
        "plg_samenvatting",
        "PLG-samenvatting",
        "Maak een geanonimiseerde samenvatting van wat je deelbaar hebt gemaakt, "
        "voor je professionele leergemeenschap.",
        "p",
        screens=("home",),
        footer_elsewhere=("home",),  # named in the start screen's own text
    ),
    Command(
        "plg_agenda",
        "PLG-agenda",
        "Voeg de samenvattingen van je PLG-leden samen tot één agenda.",
        "g",
        screens=("home",),
        footer_elsewhere=("home",),  # named in the start screen's own text
    ),
    Command(
        "bekende_namen",
        "Bekende namen",
        "Namen die altijd worden vervangen, en woorden die je hebt vrijgegeven.",
        "b",
        screens=("home", "plg_review"),
        footer_elsewhere=("home",),  # named in the start screen's own text
    ),
    # -- PLG-samenvatting maken ---------------------------------------------------------
    Command(
        "plg_controleren",
        "Controleren",
        "Maak de samenvatting en controleer elke vervanging; er wordt nog niets opgeslagen.",
        "ctrl+s",
        screens=("plg_export",),
    ),
    # -- PLG-samenvatting controleren ---------------------------------------------------
    Command(
        "vrijgeven",
        "Vrijgeven",
        "Geef de gekozen vervanging vrij: het was geen persoonsgegeven. Eerst wordt "
        "gevraagd of je het zeker weet, want het woord wordt ook in latere samenvattingen "
        "niet meer vervangen (terug te nemen bij Bekende namen).",
        "v",
        screens=("plg_review",),
    ),
    Command(
        "gemist",
        "Gemist woord",
        "Markeer een naam of woord dat niet is vervangen (ook een klas, school of bedrijf) "
        "en kies het label; het wordt in deze en latere samenvattingen vervangen.",
        "m",
        screens=("plg_review",),
    ),
    Command(
        "vervang_verdacht",
        "Toch vervangen",
        "Vervang het gekozen woord dat mogelijk een naam is; het komt in je bekende namen en "
        "wordt in deze en latere samenvattingen vervangen.",
        "w",
        screens=("plg_review",),
    ),
    Command(
        "volgende_vervanging",
        "Volgende",
        "Ga naar de volgende vervanging of het volgende woord dat mogelijk een naam is.",
        "n",
        screens=("plg_review",),
    ),
    Command(
        "vorige_vervanging",
        "Vorige",
        "Ga naar de vorige vervanging of het vorige woord dat mogelijk een naam is.",
        "p",
        screens=("plg_review",),
    ),
    Command(
        "eindversie",
        "Eindversie",
        "Wissel tussen de controle (vervangingen gemarkeerd) en de Markdown die in het "
        "bestand komt.",
        "e",
        screens=("plg_review",),
    ),
    Command(
        "plg_opslaan",
        "Opslaan",
        "Sla de geanonimiseerde samenvatting op, als Markdown, HTML of beide.",
        "ctrl+s",
        screens=("plg_review",),
    ),
    # -- PLG-agenda samenstellen --------------------------------------------------------
    Command(
        "bestand_toevoegen",
        "Toevoegen",
        "Ga naar het veld voor een samenvatting: typ het pad en druk enter.",
        "t",
        screens=("plg_bundle",),
    ),
    Command(
        "bestand_weg",
        "Weghalen",
        "Haal het gekozen bestand uit de lijst (het bestand zelf blijft staan).",
        "x,delete",
        screens=("plg_bundle",),
    ),
    Command(
        "samenvoegen",
        "Samenvoegen",
        "Voeg de samenvattingen samen en sla de agenda op.",
        "ctrl+s",
        screens=("plg_bundle",),
    ),
    # -- bekende namen ------------------------------------------------------------------
    Command(
        "naam_toevoegen",
        "Toevoegen",
        "Ga naar het veld voor een nieuwe naam: typ hem, kies de rol en druk enter.",
        "t",
        screens=("known_names",),
    ),
    Command(
        "naam_weg",
        "Verwijderen",
        "Haal de gekozen naam uit je lijst, of neem een vrijgegeven woord terug "
        "(dan wordt het weer vervangen).",
        "x,delete",
        screens=("known_names",),
        writes=True,
    ),
    # -- speerpunten: from the PLG back into the week ----------------------------------
    Command(
        "speerpunten",
        "Speerpunten",
        "De speerpunten van je PLG: de aanpak, wat ‘uitgevoerd zoals bedoeld’ betekent, je "
        "monitoringnotities, borging en evaluatie.",
        "t",
        screens=("home",),
        footer_elsewhere=("home",),  # named in the start screen's own text
    ),
    Command(
        "borging_beantwoorden",
        "Borging beantwoorden",
        "Beantwoord de borgingsvragen van het speerpunt dat aan de beurt is (twee keer per "
        "jaar): gaat de aanpak nog zoals bedoeld, en zijn er knelpunten?",
        "w",
        screens=("home", "speerpunt"),
        writes=True,
        footer_elsewhere=("home", "speerpunt"),  # named beside the reminder
    ),
    Command(
        "borging_later",
        "Borging later",
        "Stel de borgingsherinnering twee weken uit; daarna komt hij rustig terug.",
        "u",
        screens=("home", "speerpunt"),
        writes=True,
        footer_elsewhere=("home", "speerpunt"),  # named beside the reminder
    ),
    Command(
        "uitkomst_opstellen",
        "PLG-uitkomst opstellen",
        "Leg vast wat de PLG besloot: speerpunten met aanpak, ‘zoals bedoeld’, monitoring, "
        "evaluatiedatum en rollen. Bewaar het als bestand of kopieer de tekst voor de leden.",
        "o",
        screens=("home", "speerpunten", "plg_bundle"),
        footer_elsewhere=("home",),  # named in the start screen's own text
    ),
    Command(
        "monitoren",
        "Monitoringnotitie",
        "Schrijf een notitie bij dit speerpunt, eventueel op een monitoringvraag. Ze blijft "
        "privé, tenzij je haar deelbaar maakt: dan komt ze geanonimiseerd onder het speerpunt "
        "in je volgende PLG-samenvatting.",
        "m",
        screens=("speerpunt",),
        writes=True,
        footer_elsewhere=("speerpunt",),  # the keys line at the top of the screen
    ),
    Command(
        "knelpunt",
        "Knelpunt",
        "Leg vast waar je tegenaan loopt bij de aanpak; reflectie zoekt het knelpunt uit de "
        "handvatten erbij, met tips.",
        "k",
        screens=("speerpunt",),
        writes=True,
        footer_elsewhere=("speerpunt",),
    ),
    Command(
        "speerpunt_evalueren",
        "Speerpunt evalueren",
        "Evalueer het speerpunt: wat heeft het opgeleverd, en ga je door, stel je bij of sluit "
        "je af?",
        "e",
        screens=("speerpunt",),
        writes=True,
        footer_elsewhere=("speerpunt",),
    ),
    Command(
        "mijn_rol",
        "Mijn rol",
        "Geef aan welke rol jij bij dit speerpunt hebt (bijvoorbeeld kwaliteitsbewaker); je "
        "taken staan dan als afvinklijst op het scherm. Alleen jij ziet dit.",
        "r",
        screens=("speerpunt",),
        writes=True,
        footer_elsewhere=("speerpunt",),
    ),
    Command(
        "leervragen_koppelen",
        "Leervragen koppelen",
        "Koppel je eigen leervragen aan dit speerpunt, of maak een koppeling los.",
        "l",
        screens=("speerpunt",),
        writes=True,
        footer_elsewhere=("speerpunt",),
    ),
    Command(
        "kwaliteitskaart",
        "Kwaliteitskaart",
        "Maak de kwaliteitskaart van dit speerpunt: één printbare pagina zonder namen, die je "
        "nog kunt aanpassen en als Markdown of HTML opslaat.",
        "p",
        screens=("speerpunt",),
        footer_elsewhere=("speerpunt",),
    ),
    Command(
        "kaart_opslaan",
        "Opslaan",
        "Sla de kwaliteitskaart op als Markdown, als printbare HTML of als allebei; bestaat het "
        "bestand al, dan wordt eerst gevraagd.",
        "ctrl+s",
        screens=("kaart",),
    ),
    Command(
        "speerpunt_opnemen",
        "Speerpunt opnemen",
        "Neem het ingevulde speerpunt op in de uitkomst; daarna kun je een volgend invullen. "
        "Enter op een speerpunt in de lijst zet het terug in het formulier om het te wijzigen.",
        "ctrl+n",
        screens=("uitkomst",),
    ),
    Command(
        "speerpunt_weg",
        "Weghalen",
        "Haal het gekozen speerpunt uit de uitkomst.",
        "x,delete",
        screens=("uitkomst",),
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
    return [command.binding(screen_name) for command in ordered]


def app_bindings() -> list[Binding]:
    """Generated ``BINDINGS`` for the app class."""
    return [command.binding() for command in app_commands()]


#: A command offered on at least this many screens is listed once, under "Overal"
#: (help and back); one on a few screens is listed under each of them.
_SHARED = 6


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
