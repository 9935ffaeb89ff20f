"""PLG-uitkomst opstellen: whoever keeps the agenda records what the PLG decided.

One or more speerpunten, each with its aanpak, what "uitgevoerd zoals bedoeld"
means, aandachtspunten, monitoring moments, an evaluation date and roles (never
names). The form holds one speerpunt at a time; "Speerpunt opnemen" puts it in the
list above and empties the form, enter on a listed speerpunt brings it back to
change it. Saving as a file or copying goes through
:meth:`reflectie.team.service.TeamService.publish` in a worker: the file is
written atomically (asking before replacing one) and the text stays visible to copy
by hand. Before the first send the anonymizer looks for names in the texts
(:func:`reflectie.team.names.personal_data_in`) and the teacher may reword.

Starting from an uitkomst made or imported earlier makes a newer version of it:
the members' apps then update the speerpunten and say what changed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import (
    Header,
    Input,
    Label,
    OptionList,
    Select,
    SelectionList,
    Static,
    TextArea,
)
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from reflectie.prompts import render_text
from reflectie.session import Session
from reflectie.store.errors import StorageError
from reflectie.team.model import DEFAULT_ROLES, ROLES, PlgUitkomst, SpeerpuntPlan, make_plan
from reflectie.tui.commands import Command, bindings_for, key_of
from reflectie.tui.data import SessionHolder
from reflectie.tui.feedback_data import (
    FileExistsQuestion,
    check_target,
    shown,
    slug,
    write_exchange,
)
from reflectie.tui.formatting import first_line
from reflectie.tui.screens.base import CommandScreen
from reflectie.tui.screens.confirm import Choice, ChoiceDialog
from reflectie.tui.screens.team_base import REFUSALS, confirm_discard, failure_text
from reflectie.tui.team_data import TEAM_GROUP
from reflectie.tui.widgets.footer import KeyFooter
from reflectie.tui.widgets.send_panel import SendPanel
from reflectie.wording import count

NEW = "nieuw"
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")

#: The form's text areas: (id, label, placeholder, lines).
AREAS = (
    (
        "f-aanpak",
        "Aanpak: wat doen we anders, en waar?",
        "bijv. elke les eindigt met een exit ticket van drie vragen",
        4,
    ),
    (
        "f-zoals",
        "Uitgevoerd zoals bedoeld betekent (wat een collega in de les kan zien)",
        "bijv. in vier van de vijf lessen is er een exit ticket en wordt het besproken",
        4,
    ),
    ("f-aandacht", "Aandachtspunten (één per regel, mag leeg)", "bijv. hooguit vijf minuten", 3),
    ("f-monitoring", "Monitoringmomenten (één per regel)", "bijv. week 10: lesbezoek in duo's", 3),
    (
        "f-betrekken",
        "{Studenten} betrekken (mag leeg)",
        "bijv. {studenten} kiezen mee welke vragen op het ticket komen",
        3,
    ),
)


def _lines(text: str) -> list[str]:
    return [line.strip().lstrip("-•*").strip() for line in text.splitlines() if line.strip()]


def decisions_key(titel: str, plans: list[SpeerpuntPlan]) -> tuple[Any, ...]:
    """What the PLG decided, without ids: equal keys mean nothing changed."""
    return (
        " ".join(titel.split()),
        tuple(
            tuple(sorted((k, str(v)) for k, v in p.to_json().items() if k != "id")) for p in plans
        ),
    )


@dataclass(frozen=True)
class PublishRequest:
    """One send: the decisions, where to, and what was asked on the way."""

    plans: tuple[SpeerpuntPlan, ...]
    titel: str
    vervangt: str | None
    path: Path | None
    copy: bool
    overwrite: bool = False
    names_checked: bool = False
    #: The uitkomst and its text when nothing changed since it was made: send it again.
    reuse: tuple[PlgUitkomst, str] | None = None


@dataclass
class Published:
    key: tuple[Any, ...]
    uitkomst: PlgUitkomst
    text: str


@dataclass
class UitkomstenKnown(Message):
    """Uitkomsten made or imported here (newest versions), to build a newer version on."""

    uitkomsten: list[PlgUitkomst]


@dataclass
class UitkomstSent(Message):
    uitkomst: PlgUitkomst
    text: str
    request: PublishRequest


@dataclass
class UitkomstQuestion(Message):
    """Ask before going on: ``kind`` is ``bestaat`` (file exists) or ``namen``."""

    kind: str
    request: PublishRequest
    flagged: list[str]


@dataclass
class UitkomstRefused(Message):
    message: str


def known_uitkomsten(session: Session) -> list[PlgUitkomst]:
    team = session.team
    ids = {u.id for u in team.authored()} | {s.uitkomst_id for s in team.speerpunten()}
    return sorted((team.latest_version(i) for i in ids), key=lambda u: u.opgesteld, reverse=True)


def _no_write(_text: str) -> None:
    return None


def plan_label(n: int, plan: SpeerpuntPlan) -> Content:
    parts: list[str | tuple[str, str] | Content] = [
        (f"{n}. ", "bold"),
        shown(plan.titel).stylize("bold"),
        ("  —  ", "dim"),
        shown(first_line(plan.aanpak, 50)),
    ]
    if plan.evaluatie:
        parts.append((f"  ·  evaluatie {plan.evaluatie}", "dim"))
    return Content.assemble(*parts)


class UitkomstScreen(CommandScreen):
    """The uitkomst editor: speerpunten in a list, one in the form, then send."""

    SCREEN_NAME = "uitkomst"
    BINDINGS = bindings_for("uitkomst")
    SUB_TITLE = "PLG-uitkomst opstellen"

    DEFAULT_CSS = """
    UitkomstScreen #uitkomst { padding: 0 2; }
    UitkomstScreen .u-intro { color: $text-muted; margin: 1 0 0 0; height: auto; }
    UitkomstScreen #u-basis { width: 70; max-width: 100%; }
    UitkomstScreen #u-lijst {
        height: auto;
        max-height: 8;
        border: none;
        background: $surface;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    UitkomstScreen .u-form-title { margin: 1 0 0 0; text-style: bold; color: $primary; }
    UitkomstScreen #f-evaluatie { width: 20; }
    UitkomstScreen #f-rollen { height: auto; max-height: 6; }
    UitkomstScreen #u-status { margin: 1 0 0 0; height: auto; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.plans: list[SpeerpuntPlan] = []
        self._editing: SpeerpuntPlan | None = None
        self._vervangt: str | None = None
        self._published: Published | None = None
        self._known: dict[str, PlgUitkomst] = {}
        self._basis = NEW
        self._ignore_basis = False
        #: The decisions as last sent or as loaded from an earlier uitkomst (None: nothing yet).
        self._baseline: tuple[Any, ...] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="uitkomst"):
            yield Static(
                "Leg vast wat de PLG besloot. Elk lid importeert het bestand (of de geplakte "
                "tekst) in reflectie en krijgt zo de speerpunten, met monitoringvragen in de "
                "weekreflectie. In een uitkomst staan rollen, nooit namen.",
                classes="u-intro",
            )
            yield Label("Begin bij", classes="field-label", id="u-basis-kop")
            yield Select[str](
                [],
                prompt="Een nieuwe uitkomst",
                id="u-basis",
            )
            yield Static(id="u-basis-info", classes="u-intro")
            yield Label("Titel van de uitkomst (mag leeg)", classes="field-label")
            yield Input(placeholder="bijv. PLG Taal, bijeenkomst 16 november", id="u-titel")
            yield Label("Speerpunten in deze uitkomst", classes="field-label")
            yield OptionList(id="u-lijst")
            yield Static(id="u-form-title", classes="u-form-title")
            yield Label("Titel van het speerpunt", classes="field-label")
            yield Input(placeholder="bijv. Activerende afsluiting van de les", id="f-titel")
            sector = self.reflectie.settings.sector or "mbo"
            for area_id, label, placeholder, _lines_ in AREAS:
                yield Label(Content(render_text(label, sector)), classes="field-label")
                yield TextArea(
                    id=area_id,
                    soft_wrap=True,
                    tab_behavior="focus",
                    placeholder=render_text(placeholder, sector),
                    classes=f"u-area u-lines-{_lines_}",
                )
            yield Label("Evaluatiedatum (JJJJ-MM-DD, mag leeg)", classes="field-label")
            yield Input(placeholder="JJJJ-MM-DD", id="f-evaluatie", max_length=10)
            yield Label("Rollen (spatie zet een vinkje; geen namen)", classes="field-label")
            yield SelectionList[str](*self._role_options(DEFAULT_ROLES), id="f-rollen")
            yield Static(id="u-status")
            yield Label("Versturen", classes="section-title")
            yield SendPanel(
                id="send",
                placeholder="~/plg-uitkomst.txt",
                note=(
                    "De tekst hieronder gaat naar de leden van de PLG. Werkt kopiëren niet in je "
                    "terminal? Selecteer hem dan zelf (met de muis, of shift en de pijltjes)."
                ),
            )
        yield KeyFooter()

    def _role_options(self, selected: tuple[str, ...]) -> list[Selection[str]]:
        sector = self.reflectie.settings.sector or "mbo"
        return [
            Selection(Content(role.render_titel(sector)), role_id, role_id in selected)
            for role_id, role in ROLES.items()
        ]

    def on_mount(self) -> None:
        blink = self.reflectie.options.cursor_blink
        for field in self.query(Input):
            field.cursor_blink = blink
        for area in self.query(TextArea):
            area.cursor_blink = blink
            lines = 4 if area.has_class("u-lines-4") else 3
            area.styles.height = lines + 2
        self.send_panel.set_default_path("~/plg-uitkomst.txt")
        for hidden in ("#u-basis-kop", "#u-basis", "#u-basis-info"):
            self.query_one(hidden).display = False
        self.show_plans()
        self.query_one("#u-titel", Input).focus()
        holder = self.reflectie.holder
        if holder is not None:
            self.load_known(holder)

    @property
    def send_panel(self) -> SendPanel:
        return self.query_one("#send", SendPanel)

    # -- earlier uitkomsten -------------------------------------------------------

    @work(thread=True, exclusive=True, group="uitkomst-basis")
    def load_known(self, holder: SessionHolder) -> None:
        try:
            with holder.use() as session:
                known = known_uitkomsten(session)
        except (*REFUSALS, StorageError, OSError) as exc:
            self.post_message(UitkomstRefused(failure_text(exc)))
            return
        self.post_message(UitkomstenKnown(known))

    @on(UitkomstenKnown)
    def known_loaded(self, message: UitkomstenKnown) -> None:
        self._known = {u.id: u for u in message.uitkomsten}
        select = self.query_one("#u-basis", Select)
        self._ignore_basis = True
        select.set_options(
            (
                Content.assemble(
                    "Nieuwe versie van ",
                    shown(u.titel or "een uitkomst zonder titel"),
                    (
                        f"  (versie {u.uitkomst_versie}, {count(len(u.speerpunten), 'speerpunt')})",
                        "dim",
                    ),
                ),
                u.id,
            )
            for u in message.uitkomsten
        )
        self._ignore_basis = False
        select.display = self.query_one("#u-basis-kop").display = bool(message.uitkomsten)

    @on(Select.Changed, "#u-basis")
    def basis_chosen(self, event: Select.Changed) -> None:
        if self._ignore_basis:
            return
        value = event.value if isinstance(event.value, str) else NEW
        if value == self._basis:
            return
        previous = self._basis

        def go() -> None:
            self._basis = value
            self.start_from(self._known.get(value))

        if self.has_unsaved_changes():

            def chosen(choice: str | None) -> None:
                if choice == "vervangen":
                    go()
                else:
                    self._ignore_basis = True
                    event.select.value = previous if previous != NEW else Select.NULL
                    self._ignore_basis = False

            self.app.push_screen(
                ChoiceDialog(
                    "Opnieuw beginnen?",
                    "Wat je hier invulde, is nog niet verstuurd. Vervangen door de gekozen "
                    "uitkomst?",
                    [Choice("vervangen", "Vervangen", "warning"), Choice("annuleren", "Annuleren")],
                    focus="annuleren",
                ),
                chosen,
            )
        else:
            go()

    def start_from(self, uitkomst: PlgUitkomst | None) -> None:
        """Fill the editor with an earlier uitkomst (a newer version of it), or empty it."""
        self.plans = list(uitkomst.speerpunten) if uitkomst else []
        self._vervangt = uitkomst.id if uitkomst else None
        self._published = None
        self._editing = None
        self._baseline = decisions_key(uitkomst.titel, self.plans) if uitkomst else None
        self.query_one("#u-titel", Input).value = uitkomst.titel if uitkomst else ""
        self.clear_form()
        self.show_plans()
        status = self.query_one("#u-basis-info", Static)
        status.display = uitkomst is not None
        if uitkomst is not None:
            status.update(
                Content.styled(
                    f"Dit wordt versie {uitkomst.uitkomst_versie + 1}. Pas aan wat de PLG "
                    "veranderde; de leden zien bij het importeren wat er anders is.",
                    "italic",
                )
            )
        else:
            status.update("")

    # -- the form -----------------------------------------------------------------

    def area(self, area_id: str) -> TextArea:
        return self.query_one(f"#{area_id}", TextArea)

    def form_is_empty(self) -> bool:
        return not self.query_one("#f-titel", Input).value.strip() and not any(
            self.area(area_id).text.strip() for area_id, *_ in AREAS
        )

    def clear_form(self) -> None:
        self.query_one("#f-titel", Input).value = ""
        for area_id, *_ in AREAS:
            self.area(area_id).load_text("")
        self.query_one("#f-evaluatie", Input).value = ""
        self._set_roles(DEFAULT_ROLES)
        self._editing = None
        self.show_form_title()

    def _set_roles(self, roles: tuple[str, ...]) -> None:
        selection = self.query_one("#f-rollen", SelectionList)
        selection.deselect_all()
        for role in roles:
            if role in ROLES:
                selection.select(role)

    def show_form_title(self) -> None:
        what = (
            f"Speerpunt wijzigen (daarna {key_of('speerpunt_opnemen')})"
            if self._editing is not None
            else f"Nieuw speerpunt (daarna {key_of('speerpunt_opnemen')}: opnemen in de uitkomst)"
        )
        self.query_one("#u-form-title", Static).update(Content(what))

    def form_plan(self) -> SpeerpuntPlan:
        """The speerpunt in the form, checked; a Dutch ``ValueError`` otherwise."""
        typed = self.query_one("#f-evaluatie", Input).value.strip()
        day: date | None = None
        if typed:
            try:
                if not _DAY.fullmatch(typed):
                    raise ValueError
                day = date.fromisoformat(typed)
            except ValueError:
                raise ValueError(
                    f"‘{typed}’ is geen datum; schrijf de evaluatiedatum als JJJJ-MM-DD."
                ) from None
        roles = [str(v) for v in self.query_one("#f-rollen", SelectionList).selected]
        plan = make_plan(
            self.query_one("#f-titel", Input).value,
            self.area("f-aanpak").text,
            self.area("f-zoals").text,
            aandachtspunten=_lines(self.area("f-aandacht").text),
            monitoring=_lines(self.area("f-monitoring").text),
            evaluatie=day,
            rollen=roles,
            betrekken=self.area("f-betrekken").text,
            plan_id=self._editing.id if self._editing is not None else None,
        )
        if any(p.titel.casefold() == plan.titel.casefold() for p in self.plans):
            raise ValueError(f"Er staat al een speerpunt ‘{plan.titel}’ in de uitkomst.")
        return plan

    def take_form(self) -> bool:
        """Put the form's speerpunt in the list; False (and a message) when it is not usable."""
        try:
            plan = self.form_plan()
        except ValueError as exc:
            self.show_problem(str(exc))
            return False
        self.plans.append(plan)
        self.clear_form()
        self.show_plans(highlight=len(self.plans) - 1)
        return True

    def load_into_form(self, plan: SpeerpuntPlan) -> None:
        self.query_one("#f-titel", Input).value = plan.titel
        values = {
            "f-aanpak": plan.aanpak,
            "f-zoals": plan.zoals_bedoeld,
            "f-aandacht": "\n".join(plan.aandachtspunten),
            "f-monitoring": "\n".join(plan.monitoring),
            "f-betrekken": plan.betrekken,
        }
        for area_id, text in values.items():
            self.area(area_id).load_text(text)
        self.query_one("#f-evaluatie", Input).value = plan.evaluatie
        self._set_roles(plan.rollen)
        self._editing = plan
        self.show_form_title()

    def show_plans(self, highlight: int | None = None) -> None:
        options = self.query_one("#u-lijst", OptionList)
        if self.plans:
            options.set_options(
                Option(plan_label(n, plan), id=plan.id) for n, plan in enumerate(self.plans, 1)
            )
            options.highlighted = (
                highlight
                if highlight is not None
                else min(options.highlighted or 0, len(self.plans) - 1)
            )
        else:
            options.set_options(
                [
                    Option(
                        Content.styled(
                            "Nog geen. Vul hieronder een speerpunt in en druk "
                            f"{key_of('speerpunt_opnemen')}.",
                            "italic dim",
                        ),
                        disabled=True,
                    )
                ]
            )
        self.show_form_title()
        self.refresh_bindings()

    def show_problem(self, text: str) -> None:
        self.query_one("#u-status", Static).update(
            Content.assemble(("✗ ", "bold $error"), Content(text))
        )
        self.notify(text, title="Nog niet compleet", severity="warning", markup=False)

    @on(OptionList.OptionSelected, "#u-lijst")
    def edit_plan(self, event: OptionList.OptionSelected) -> None:
        index = event.option_index
        if not 0 <= index < len(self.plans):
            return
        if not self.form_is_empty():
            self.notify(
                f"Neem eerst het speerpunt in het formulier op ({key_of('speerpunt_opnemen')}) "
                "of maak het formulier leeg.",
                markup=False,
            )
            return
        plan = self.plans.pop(index)
        self.show_plans()
        self.load_into_form(plan)
        self.query_one("#f-titel", Input).focus()

    # -- commands -----------------------------------------------------------------

    def command_state(self, command: Command) -> bool | None:
        if command.id == "speerpunt_weg":
            return True if self.plans else None
        return True

    def cmd_speerpunt_opnemen(self) -> None:
        if self.form_is_empty():
            self.notify("Vul eerst een speerpunt in: titel, aanpak en wat ‘zoals bedoeld’ is.")
            self.query_one("#f-titel", Input).focus()
            return
        if self.take_form():
            self.query_one("#u-status", Static).update(
                Content.styled(
                    f"Opgenomen: {count(len(self.plans), 'speerpunt')} in de uitkomst. Vul een "
                    f"volgend in, of bewaar de uitkomst ({key_of('bewaar_bestand')}).",
                    "$success",
                )
            )
            self.query_one("#f-titel", Input).focus()

    def cmd_speerpunt_weg(self) -> None:
        index = self.query_one("#u-lijst", OptionList).highlighted
        if index is None or not 0 <= index < len(self.plans):
            return
        plan = self.plans[index]

        def chosen(choice: str | None) -> None:
            if choice == "weghalen" and plan in self.plans:
                self.plans.remove(plan)
                self.show_plans()

        self.app.push_screen(
            ChoiceDialog(
                "Speerpunt weghalen?",
                Content.assemble("‘", shown(plan.titel), "’ uit deze uitkomst halen?"),
                [Choice("weghalen", "Weghalen", "error"), Choice("annuleren", "Annuleren")],
                focus="annuleren",
            ),
            chosen,
        )

    def cmd_bewaar_bestand(self) -> None:
        path = self.send_panel.path()
        if path is None:
            self.notify("Vul eerst een bestandsnaam in bij ‘Bestand’.", severity="warning")
            self.query_one("#send-path", Input).focus()
            return
        self.send(path, copy=False)

    def cmd_kopieer(self) -> None:
        self.send(None, copy=True)

    def send(self, path: Path | None, *, copy: bool) -> None:
        if not self.form_is_empty() and not self.take_form():
            return
        if not self.plans:
            self.show_problem(
                "Vul eerst een speerpunt in: titel, aanpak en wat ‘uitgevoerd zoals bedoeld’ "
                "betekent."
            )
            self.query_one("#f-titel", Input).focus()
            return
        titel = self.query_one("#u-titel", Input).value
        key = decisions_key(titel, self.plans)
        published = self._published
        reuse = (
            (published.uitkomst, published.text)
            if published is not None and published.key == key
            else None
        )
        self.start(
            PublishRequest(
                plans=tuple(self.plans),
                titel=titel,
                vervangt=self._vervangt,
                path=path,
                copy=copy,
                reuse=reuse,
            )
        )

    def start(self, request: PublishRequest) -> None:
        holder = self.reflectie.holder
        if holder is not None:
            self.query_one("#u-status", Static).update(Content.styled("Bezig…", "dim"))
            self._publish(holder, request)

    @work(thread=True, group=TEAM_GROUP)
    def _publish(self, holder: SessionHolder, request: PublishRequest) -> None:
        """Make the uitkomst, check it for names, remember it and write it (or copy it)."""
        from reflectie.team.names import personal_data_in

        path = request.path
        try:
            if path is not None:
                check_target(path, request.overwrite)
            if request.reuse is not None:
                uitkomst, text = request.reuse
                if path is not None:
                    write_exchange(path, text)
            else:
                with holder.use() as session:
                    uitkomst = session.team.new_uitkomst(
                        list(request.plans), titel=request.titel, vervangt=request.vervangt
                    )
                    if not request.names_checked:
                        flagged = personal_data_in(session, uitkomst)
                        if flagged:
                            self.post_message(UitkomstQuestion("namen", request, flagged))
                            return
                    write: Callable[[str], None] = (
                        (lambda t: write_exchange(path, t)) if path is not None else _no_write
                    )
                    text = session.team.publish(uitkomst, write)
        except FileExistsQuestion:
            self.post_message(UitkomstQuestion("bestaat", request, []))
            return
        except (*REFUSALS, StorageError, OSError) as exc:
            self.post_message(UitkomstRefused(failure_text(exc)))
            return
        self.post_message(UitkomstSent(uitkomst, text, request))

    @on(UitkomstQuestion)
    def question(self, message: UitkomstQuestion) -> None:
        request = message.request
        if message.kind == "bestaat":
            self.query_one("#u-status", Static).update(
                Content("Nog niet bewaard: het bestand bestaat al.")
            )

            def replace_file(choice: str | None) -> None:
                if choice == "vervangen":
                    self.start(replace(request, overwrite=True))

            self.app.push_screen(
                ChoiceDialog(
                    "Bestand bestaat al",
                    f"{request.path} bestaat al. Vervangen door deze uitkomst?",
                    [Choice("vervangen", "Vervangen", "warning"), Choice("annuleren", "Annuleren")],
                    focus="annuleren",
                ),
                replace_file,
            )
            return
        shown_names = ", ".join(f"‘{word}’" for word in message.flagged[:5])
        self.query_one("#u-status", Static).update(
            Content.assemble(("Nog niet verstuurd: ", "bold"), f"mogelijk namen ({shown_names}).")
        )

        def names(choice: str | None) -> None:
            if choice == "toch":
                self.start(replace(request, names_checked=True))

        self.app.push_screen(
            ChoiceDialog(
                "Mogelijk namen in de uitkomst",
                Content(
                    f"Deze woorden lijken op een naam of een contactgegeven: {shown_names}. "
                    "Iedereen die het bestand krijgt, leest het, en een uitkomst noemt rollen, "
                    "nooit namen. Pas de tekst aan (enter op een speerpunt in de lijst), of "
                    "verstuur toch als het geen namen zijn."
                ),
                [Choice("aanpassen", "Aanpassen", "primary"), Choice("toch", "Toch versturen")],
                focus="aanpassen",
            ),
            names,
        )

    @on(UitkomstRefused)
    def refused(self, message: UitkomstRefused) -> None:
        self.query_one("#u-status", Static).update(
            Content.assemble(("✗ Niet verstuurd: ", "bold $error"), Content(message.message))
        )
        self.notify(
            message.message, title="Niet gelukt", severity="error", markup=False, timeout=10
        )

    @on(UitkomstSent)
    def sent(self, message: UitkomstSent) -> None:
        uitkomst, request = message.uitkomst, message.request
        self._published = Published(
            decisions_key(request.titel, list(request.plans)), uitkomst, message.text
        )
        self._baseline = self._published.key
        self._vervangt = uitkomst.id
        self.send_panel.show_text(message.text)
        if request.copy:
            self.app.copy_to_clipboard(message.text)
            self.notify(
                "De tekst staat op het klembord; plak hem in een mail of chat aan de leden.",
                title="Gekopieerd",
                markup=False,
            )
        if request.path is not None:
            self.notify(
                f"Bewaard in {request.path}. Stuur het naar de leden van de PLG; zij importeren "
                "het in reflectie (Speerpunten, importeren).",
                title="PLG-uitkomst bewaard",
                markup=False,
                timeout=10,
            )
        where = f" in {request.path}" if request.path is not None else " op het klembord"
        self.query_one("#u-status", Static).update(
            Content.styled(
                f"✓ Versie {uitkomst.uitkomst_versie} van de uitkomst staat{where}. Verander je "
                f"nog iets, dan wordt het versie {uitkomst.uitkomst_versie + 1}.",
                "$success",
            )
        )

    # -- leaving ------------------------------------------------------------------

    def has_unsaved_changes(self) -> bool:
        if not self.plans and self.form_is_empty():
            return False
        if not self.form_is_empty() or self._baseline is None:
            return True
        titel = self.query_one("#u-titel", Input).value
        return decisions_key(titel, self.plans) != self._baseline

    def request_leave(self, then: Callable[[], object]) -> None:
        if self.has_unsaved_changes():
            confirm_discard(self, then, lambda: None)
        else:
            then()

    def cmd_terug(self) -> None:
        if isinstance(self.focused, (Input, TextArea)) and self.focused.id != "u-titel":
            self.query_one("#u-lijst", OptionList).focus()
            return
        self.request_leave(self.dismiss)

    @on(Input.Submitted, "#send-path")
    def path_submitted(self) -> None:
        self.run_command("bewaar_bestand")

    @on(Input.Changed, "#u-titel")
    def titel_typed(self, event: Input.Changed) -> None:
        name = slug(event.value, "")
        self.send_panel.set_default_path(
            f"~/plg-uitkomst-{name}.txt" if name else "~/plg-uitkomst.txt"
        )
