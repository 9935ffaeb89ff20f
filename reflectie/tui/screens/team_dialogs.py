"""Small windows of the speerpunt screens: a monitoring note, a knelpunt, an evaluation,
my roles and the linked leervragen.

The note, the knelpunt and the evaluation store themselves
(:class:`~reflectie.tui.screens.team_base.StoringDialog`): the window closes only
once the text is on disk. Roles and leervragen are ticks in a list; the screen
stores them.
"""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import (
    Checkbox,
    Input,
    Label,
    RadioButton,
    RadioSet,
    Select,
    SelectionList,
    Static,
    TextArea,
)
from textual.widgets.selection_list import Selection

from reflectie.model import Entry
from reflectie.prompts import Prompt, PromptLibrary
from reflectie.team import knelpunten
from reflectie.team.borging import DECISIONS
from reflectie.team.model import ROLES
from reflectie.team.service import EVALUATION_PROMPT, MONITOR_SET
from reflectie.tui.commands import key_of
from reflectie.tui.feedback_data import Doc, leervraag_label, parse_day, shown
from reflectie.tui.screens.base import CommandScreen
from reflectie.tui.screens.dialogs import FormDialog
from reflectie.tui.screens.team_base import Job, StoringDialog, TipsDialog
from reflectie.tui.team_data import KNELPUNT_TAG, day_text, knelpunt_content

#: The question a recorded knelpunt answers (from the monitoring set).
KNELPUNT_PROMPT = "sm-vastlopen"


def monitoring_questions(library: PromptLibrary) -> list[Prompt]:
    """The questions a monitoring note can answer (borging included, evaluation not)."""
    prompt_set = library.get_set(MONITOR_SET)
    if prompt_set is None:
        return []
    return [p for p in prompt_set.vragen if p.id != EVALUATION_PROMPT]


def _keys_hint() -> Content:
    return Content(f"{key_of('bewaren')}: bewaren   ·   {key_of('annuleren')}: annuleren")


class MonitorDialog(StoringDialog):
    """A monitoring note (or, with ``knelpunt``, a trouble) linked to one speerpunt."""

    AUTO_FOCUS = "#monitor-tekst"

    def __init__(
        self,
        speerpunt_id: str,
        titel: str,
        *,
        library: PromptLibrary,
        sector: str,
        prompt_id: str | None = None,
        knelpunt: bool = False,
    ) -> None:
        self._questions = monitoring_questions(library)
        self._library = library
        self._sector = sector
        self._speerpunt_id = speerpunt_id
        self._knelpunt = knelpunt
        known = {p.id for p in self._questions}
        self._prompt_id = prompt_id if prompt_id in known else None
        if knelpunt:
            question = library.find(KNELPUNT_PROMPT)
            self._prompt_id = KNELPUNT_PROMPT if question is not None else None
            intro = Content.assemble(
                ("Speerpunt: ", "bold"),
                shown(titel),
                "\n",
                question.render(sector)
                if question
                else "Waar loop je tegenaan bij het uitvoeren van de aanpak?",
                ("\nBeschrijf het concreet; reflectie zoekt er tips bij.", "dim"),
            )
            super().__init__("Knelpunt vastleggen", intro)
        else:
            intro = Content.assemble(
                ("Speerpunt: ", "bold"),
                shown(titel),
                (
                    "\nKies eventueel de vraag waarop je antwoordt. Je notitie blijft privé, "
                    "tenzij je haar deelbaar maakt.",
                    "dim",
                ),
            )
            super().__init__("Monitoringnotitie", intro)

    def fields(self) -> ComposeResult:
        if not self._knelpunt:
            yield Label("Vraag", classes="form-label")
            yield Select(
                [(Content(p.render(self._sector)), p.id) for p in self._questions],
                prompt="Geen vraag: een vrije notitie",
                value=self._prompt_id or Select.NULL,
                id="monitor-vraag",
                compact=True,
            )
        yield Label("Notitie", classes="form-label")
        yield TextArea(id="monitor-tekst", soft_wrap=True, tab_behavior="focus")
        yield Checkbox(
            "Deelbaar: mag geanonimiseerd in mijn volgende PLG-samenvatting",
            id="monitor-deelbaar",
            compact=True,
        )

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(
            "#monitor-tekst", TextArea
        ).cursor_blink = self.reflectie.options.cursor_blink
        self.query_one("#form-keys", Static).update(_keys_hint())

    def collect(self) -> tuple[str, str | None, bool]:
        text = self.query_one("#monitor-tekst", TextArea).text
        if not text.strip():
            raise ValueError(
                "Beschrijf eerst waar je tegenaan loopt."
                if self._knelpunt
                else "Schrijf eerst je notitie."
            )
        prompt_id = self._prompt_id
        if not self._knelpunt:
            value = self.query_one("#monitor-vraag", Select).value
            prompt_id = value if isinstance(value, str) else None
        return text, prompt_id, self.query_one("#monitor-deelbaar", Checkbox).value

    def job(self, value: tuple[str, str | None, bool]) -> Job:
        text, prompt_id, deelbaar = value
        speerpunt_id = self._speerpunt_id
        library = self._library
        tags = (KNELPUNT_TAG,) if self._knelpunt else ()
        return lambda session: session.team.monitor(
            speerpunt_id,
            text,
            deelbaar=deelbaar,
            prompt_id=prompt_id,
            tags=tags,
            library=library if prompt_id else None,
        )


class EvaluateSpeerpuntDialog(StoringDialog):
    """The evaluation on the agreed date: the effect, and voortzetten / bijstellen / afsluiten."""

    AUTO_FOCUS = "#eval-effect"

    def __init__(
        self,
        speerpunt_id: str,
        titel: str,
        *,
        today: date,
        due: date | None,
        question: str | None,
    ) -> None:
        self._speerpunt_id = speerpunt_id
        self._today = today
        self._question = question or "Wat heeft het speerpunt opgeleverd?"
        parts: list[str | tuple[str, str] | Content] = [("Speerpunt: ", "bold"), shown(titel)]
        if due is not None:
            parts.append((f"  (afgesproken op {day_text(due)})", "dim"))
        super().__init__("Speerpunt evalueren", Content.assemble(*parts))

    def fields(self) -> ComposeResult:
        yield Static(Content(self._question), classes="form-label")
        yield TextArea(id="eval-effect", soft_wrap=True, tab_behavior="focus")
        yield Label("Besluit (pijltjes en spatie)", classes="form-label")
        with RadioSet(id="eval-besluit", compact=True):
            for key, label in DECISIONS.items():
                yield RadioButton(Content(f"{key}: {label}"), name=key)
        yield Label(
            "Volgende evaluatie (alleen bij voortzetten; JJJJ-MM-DD, mag leeg)",
            classes="form-label",
        )
        yield Input(id="eval-volgende", placeholder="JJJJ-MM-DD", max_length=10, compact=True)
        yield Checkbox(
            "Deelbaar: neem de evaluatie op in mijn PLG-samenvatting",
            id="eval-deelbaar",
            compact=True,
        )

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#eval-effect", TextArea).cursor_blink = self.reflectie.options.cursor_blink
        self.query_one("#form-keys", Static).update(_keys_hint())

    def collect(self) -> tuple[str, str, bool, date | None]:
        effect = self.query_one("#eval-effect", TextArea).text.strip()
        if not effect:
            raise ValueError("Beschrijf eerst kort wat het speerpunt heeft opgeleverd.")
        pressed = self.query_one("#eval-besluit", RadioSet).pressed_button
        if pressed is None or not pressed.name:
            raise ValueError("Kies voortzetten, bijstellen of afsluiten.")
        typed = self.query_one("#eval-volgende", Input).value.strip()
        volgende = parse_day(typed, self._today) if typed else None
        if volgende is not None and pressed.name != "voortzetten":
            raise ValueError("Een volgende evaluatiedatum hoort alleen bij voortzetten.")
        deelbaar = self.query_one("#eval-deelbaar", Checkbox).value
        return effect, pressed.name, deelbaar, volgende

    def job(self, value: tuple[str, str, bool, date | None]) -> Job:
        effect, besluit, deelbaar, volgende = value
        speerpunt_id = self._speerpunt_id
        return lambda session: session.team.evaluate(
            speerpunt_id, effect, besluit, deelbaar=deelbaar, volgende=volgende
        )


class RolesDialog(FormDialog):
    """Tick the roles of the speerpunt that this member holds; returns their ids."""

    AUTO_FOCUS = "#rollen"

    def __init__(self, titel: str, roles: tuple[str, ...], mine: tuple[str, ...], sector: str):
        super().__init__(
            "Mijn rol",
            Content.assemble(
                ("Speerpunt: ", "bold"),
                shown(titel),
                (
                    "\nWelke rol heb jij bij dit speerpunt? Zo is afgesproken in de PLG; "
                    "in het bestand staan alleen rollen, geen namen. Spatie zet een vinkje.",
                    "dim",
                ),
            ),
        )
        self._options = [
            Selection(
                Content.assemble(
                    (ROLES[r].render_titel(sector), "bold"),
                    ": ",
                    ROLES[r].beschrijving.replace("{studenten}", "studenten/leerlingen"),
                ),
                r,
                r in mine,
            )
            for r in roles
            if r in ROLES
        ]

    def fields(self) -> ComposeResult:
        yield SelectionList[str](*self._options, id="rollen")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#form-keys", Static).update(_keys_hint())

    def collect(self) -> list[str]:
        return [str(v) for v in self.query_one("#rollen", SelectionList).selected]


class LinkLeervragenDialog(FormDialog):
    """Tick the leervragen that belong to the speerpunt; returns the set of their ids."""

    AUTO_FOCUS = "#koppel-leervragen"

    def __init__(self, titel: str, leervragen: tuple[Doc, ...], linked: tuple[str, ...]) -> None:
        super().__init__(
            "Leervragen koppelen",
            Content.assemble(
                ("Speerpunt: ", "bold"),
                shown(titel),
                (
                    "\nWelke van je leervragen horen bij dit speerpunt? Spatie zet een vinkje.",
                    "dim",
                ),
            ),
        )
        self._options = [
            Selection(leervraag_label(doc, 60), doc["id"], doc["id"] in linked)
            for doc in leervragen
            if doc["status"] != "afgerond" or doc["id"] in linked
        ]

    def fields(self) -> ComposeResult:
        yield SelectionList[str](*self._options, id="koppel-leervragen")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#form-keys", Static).update(_keys_hint())

    def collect(self) -> set[str]:
        return {str(v) for v in self.query_one("#koppel-leervragen", SelectionList).selected}


def link_changes(linked: tuple[str, ...], wanted: set[str]) -> tuple[list[str], list[str]]:
    """(to link, to unlink), in a stable order."""
    return sorted(wanted - set(linked)), [i for i in linked if i not in wanted]


#: Questions that ask about trouble: an answer to one gets the knelpunt's tips.
TROUBLE_PROMPTS = frozenset({KNELPUNT_PROMPT, "sm-borg-knelpunten"})
#: Any other note gets them only when it clearly names a trouble: several signals, not
#: one passing phrase ("ja, nog steeds zoals bedoeld" is no knelpunt).
STRONG_MATCH = 5


def tips_for(entry: Entry, *, knelpunt: bool) -> tuple[bool, knelpunten.Knelpunt | None]:
    """Whether to show tips after this note, and the knelpunt it sounds like."""
    found = knelpunten.match(entry.tekst)
    if knelpunt:
        return True, found
    if found is None:
        return False, None
    strong = knelpunten.scores(entry.tekst)[found.id] >= STRONG_MATCH
    return strong or entry.prompt in TROUBLE_PROMPTS, found


def note_written(screen: CommandScreen, entry: Entry, *, knelpunt: bool, sector: str) -> None:
    """Say where the note went; when it names trouble (or was a knelpunt), show the tips."""
    how = (
        "deelbaar: komt geanonimiseerd in je volgende PLG-samenvatting"
        if entry.deelbaar
        else "privé"
    )
    screen.notify(f"Notitie opgeslagen bij het speerpunt ({how}).", title="Opgeslagen")
    show, found = tips_for(entry, knelpunt=knelpunt)
    if show:
        title = "Herken je dit knelpunt?" if found is not None else "Knelpunten met tips"
        screen.app.push_screen(TipsDialog(title, knelpunt_content(found, sector)))
