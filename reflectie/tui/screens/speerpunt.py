"""One speerpunt: what the PLG agreed, and what this teacher does with it.

On top the agreement (aanpak, what "uitgevoerd zoals bedoeld" means,
aandachtspunten, monitoring, evaluation date, roles), then what is the teacher's
own: their role with its checklist, linked leervragen, monitoring notes and the
versions the uitkomst went through. Everything the PLG wrote came in a file from
someone else and is shown as plain text.

The keys for this speerpunt stand on one line at the top (so the footer keeps room);
each opens a small window (:mod:`reflectie.tui.screens.team_dialogs`): a monitoring
note or a knelpunt (followed by the knelpunt's tips), the evaluation, my role, the
linked leervragen, or the kwaliteitskaart (:mod:`reflectie.tui.screens.kaart`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Header, Label, OptionList, Static
from textual.widgets.option_list import Option

from reflectie.model import Entry
from reflectie.prompts import render_text
from reflectie.team.borging import POSTPONE_DAYS
from reflectie.team.service import (
    BORGING_PROMPTS,
    EVALUATION_PROMPT,
    NEW_CYCLE_SET,
    Speerpunt,
)
from reflectie.tui.commands import Command, bindings_for, key_of
from reflectie.tui.feedback_data import leervraag_label, shown
from reflectie.tui.formatting import entry_label
from reflectie.tui.screens.confirm import Choice, ChoiceDialog
from reflectie.tui.screens.team_base import TeamScreen
from reflectie.tui.screens.team_dialogs import (
    EvaluateSpeerpuntDialog,
    LinkLeervragenDialog,
    MonitorDialog,
    RolesDialog,
    link_changes,
    note_written,
)
from reflectie.tui.team_data import (
    STATUS_MARKS,
    SpeerpuntView,
    day_text,
    moment_day,
    role_names,
    status_text,
)
from reflectie.tui.widgets.footer import KeyFooter
from reflectie.wording import count

#: The keys of this screen, in the line at its top (the footer leaves them out).
KEYS = (
    ("monitoren", "monitoringnotitie"),
    ("knelpunt", "knelpunt"),
    ("speerpunt_evalueren", "evalueren"),
    ("mijn_rol", "mijn rol"),
    ("leervragen_koppelen", "leervragen"),
    ("kwaliteitskaart", "kwaliteitskaart"),
)


def keys_line() -> Content:
    parts: list[str | tuple[str, str]] = []
    for command_id, label in KEYS:
        parts.extend([(key_of(command_id), "bold"), (f" {label}   ", "dim")])
    return Content.assemble(*parts).rstrip()


def head_content(view: SpeerpuntView) -> Content:
    sp = view.speerpunt
    origin = (
        Content.assemble("uit ‘", shown(sp.uitkomst_titel), "’, ")
        if sp.uitkomst_titel
        else Content("")
    )
    return Content.assemble(
        shown(sp.titel).stylize("bold"),
        "\n",
        (f"{STATUS_MARKS.get(sp.status, '●')} {status_text(sp.status)}", "italic"),
        ("  ·  ", "dim"),
        origin.stylize("dim"),
        (f"versie {sp.uitkomst_versie}, ontvangen {moment_day(sp.sinds)}", "dim"),
    )


def waiting_content(view: SpeerpuntView, today: date, questions: list[str]) -> Content | None:
    """What asks for the teacher now: borging, the evaluation, or the status's next step."""
    sp = view.speerpunt
    lines: list[Content] = []
    if view.borging_now:
        lines.append(
            Content.assemble(
                ("◆ Borging: ", "bold"),
                "een half jaar verder. Twee korte vragen:",
                ("   ", ""),
                (key_of("borging_beantwoorden"), "bold"),
                (" beantwoorden  ·  ", "dim"),
                (key_of("borging_later"), "bold"),
                (f" later ({count(POSTPONE_DAYS, 'dag')})", "dim"),
            )
        )
        lines.extend(Content.assemble("  - ", q) for q in questions)
    if view.evaluation_now(today) and view.evaluation_due is not None:
        lines.append(
            Content.assemble(
                ("◆ Evaluatie: ", "bold"),
                f"afgesproken op {day_text(view.evaluation_due)}.",
                ("   ", ""),
                (key_of("speerpunt_evalueren"), "bold"),
                (" evalueren", "dim"),
            )
        )
    if sp.status == "bijstellen":
        lines.append(
            Content(
                "◐ Je koos bij de evaluatie voor bijstellen. Zodra de PLG de aangepaste "
                "aanpak als nieuwe versie stuurt, importeer je die en is het speerpunt weer actief."
            )
        )
    elif sp.status == "afgesloten":
        lines.append(
            Content(
                "✓ Afgesloten. Een nieuwe verbeterronde begint met de huidige situatie "
                "analyseren en nieuwe speerpunten kiezen."
            )
        )
    elif sp.status == "vervallen":
        lines.append(
            Content(
                "○ Dit speerpunt staat niet meer in de nieuwste versie van de uitkomst. "
                "Je notities blijven bewaard."
            )
        )
    return Content("\n").join(lines) if lines else None


def _notes_line(view: SpeerpuntView) -> Content:
    if view.note_count == 0:
        return Content.styled(
            f"Nog geen notities van jou. Druk {key_of('monitoren')} om er een te schrijven.",
            "italic dim",
        )
    last = view.last_note
    return Content(
        f"Jouw notities: {view.note_count} (deelbaar: {view.shared_count})"
        + (f", de laatste op {day_text(last)}." if last else ".")
    )


#: The sections of the agreement, in order: (widget id, heading). A section without
#: content is hidden; the heading of "betrekken" follows the sector's wording.
SECTIONS = (
    ("sp-aanpak", "Aanpak"),
    ("sp-zoals", "Uitgevoerd zoals bedoeld betekent"),
    ("sp-aandacht", "Aandachtspunten"),
    ("sp-monitoring", "Monitoring"),
    ("sp-betrekken", "{Studenten} betrekken"),
    ("sp-evaluatie", "Evaluatie"),
    ("sp-borging", "Borging"),
    ("sp-rollen", "Rollen"),
)


def _bullets(items: tuple[str, ...]) -> list[Content]:
    return [Content.assemble("- ", shown(item)) for item in items]


def plan_sections(view: SpeerpuntView, sector: str) -> dict[str, Content | None]:
    """The agreement and this teacher's part in it, per section (None: nothing to show)."""
    sp: Speerpunt = view.speerpunt
    plan = sp.plan
    lines = Content("\n").join
    evaluation: list[Content] = []
    agreed = plan.evaluatie_datum
    line = f"Afgesproken op {day_text(agreed)}." if agreed else "Nog niet afgesproken."
    if sp.volgende_evaluatie:
        line += f" Jouw volgende evaluatie: {day_text(date.fromisoformat(sp.volgende_evaluatie))}."
    evaluation.append(Content(line))
    for done in sp.evaluaties:
        evaluation.append(
            Content.assemble(
                (
                    f"- {moment_day(done.datum)} · {done.besluit}"
                    + (" · deelbaar" if done.deelbaar else "")
                    + ": ",
                    "dim",
                ),
                shown(done.effect),
            )
        )
    borging: Content | None = None
    if view.borging is not None and sp.is_open:
        state = view.borging
        if state.shown:
            when = "nu aan de beurt."
        elif state.postponed_until and state.postponed_until > state.due_on:
            when = f"uitgesteld tot {day_text(state.postponed_until)}."
        else:
            when = f"de volgende ronde vanaf {day_text(state.due_on)}."
        borging = Content(f"Twee keer per jaar twee korte vragen; {when}")
    roles: list[Content] = [Content(role_names(plan.rollen, sector, sp.mijn_rollen))]
    for title, tasks in view.checklist:
        roles.append(Content.styled(f"Jouw taken als {title.lower()}:", "bold"))
        roles.extend(Content(f"☐ {task}") for task in tasks)
    if not view.checklist and plan.rollen:
        roles.append(
            Content.styled(
                f"Heb jij een van deze rollen? Druk {key_of('mijn_rol')}; dan zie je je taken.",
                "italic dim",
            )
        )
    return {
        "sp-aanpak": shown(plan.aanpak.strip()),
        "sp-zoals": shown(plan.zoals_bedoeld.strip()),
        "sp-aandacht": lines(_bullets(plan.aandachtspunten)) if plan.aandachtspunten else None,
        "sp-monitoring": lines([*_bullets(plan.monitoring), _notes_line(view)]),
        "sp-betrekken": shown(plan.betrekken.strip()) if plan.betrekken.strip() else None,
        "sp-evaluatie": lines(evaluation),
        "sp-borging": borging,
        "sp-rollen": lines(roles),
    }


def history_content(view: SpeerpuntView) -> Content:
    lines: list[Content] = []
    for item in view.history:
        changes = item.get("wijzigingen") or []
        what = "; ".join(changes) if changes else "ontvangen"
        lines.append(
            Content.assemble(
                (
                    f"versie {item.get('versie')} · {moment_day(str(item.get('datum', '')))}: ",
                    "dim",
                ),
                shown(what),
            )
        )
    return Content("\n").join(lines) if lines else Content.styled("-", "dim")


def empty_option(text: str) -> Option:
    return Option(Content.styled(text, "italic dim"), disabled=True)


class SpeerpuntScreen(TeamScreen):
    """One speerpunt with its agreement, the teacher's notes, roles and history."""

    SCREEN_NAME = "speerpunt"
    BINDINGS = bindings_for("speerpunt")
    SUB_TITLE = "speerpunt"

    DEFAULT_CSS = """
    SpeerpuntScreen #sp-keys { padding: 0 2; height: auto; color: $text-muted; }
    SpeerpuntScreen #sp-body { padding: 0 2; }
    SpeerpuntScreen #sp-head { margin: 1 0 0 0; }
    SpeerpuntScreen #sp-wait { margin: 1 0 0 0; padding: 0 1; border-left: outer $accent; }
    SpeerpuntScreen .sp-section { padding: 0 0 0 2; }
    SpeerpuntScreen #sp-history { padding: 0 0 0 2; }
    SpeerpuntScreen #sp-leervragen, SpeerpuntScreen #sp-notes {
        height: auto;
        max-height: 10;
        border: none;
        background: $surface;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    SpeerpuntScreen #sp-notes { margin: 0 0 0 1; }
    """

    def __init__(self, speerpunt_id: str) -> None:
        super().__init__()
        self.speerpunt_id = speerpunt_id

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(keys_line(), id="sp-keys")
        with VerticalScroll(id="sp-body"):
            yield Static(Content.styled("Even laden…", "dim italic"), id="sp-head")
            yield Static(id="sp-wait")
            for section_id, title in SECTIONS:
                yield Label(title, id=f"{section_id}-kop", classes="section-title")
                yield Static(id=section_id, classes="sp-section")
            yield Label("Leervragen bij dit speerpunt", classes="section-title")
            yield OptionList(id="sp-leervragen")
            yield Label("Mijn monitoringnotities", classes="section-title")
            yield OptionList(id="sp-notes")
            yield Label("Geschiedenis", classes="section-title")
            yield Static(id="sp-history")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#sp-wait", Static).display = False
        self.query_one("#sp-body", VerticalScroll).focus()

    @property
    def view(self) -> SpeerpuntView | None:
        return self.state.view(self.speerpunt_id)

    @property
    def sector(self) -> str:
        return self.state.sector or self.reflectie.settings.sector or "mbo"

    def today(self) -> date:
        return self.state.today or self.reflectie.clock().date()

    def borging_questions(self) -> list[str]:
        library = self.reflectie.library
        found = [library.find(prompt_id) for prompt_id in BORGING_PROMPTS]
        return [p.render(self.sector) for p in found if p is not None]

    # -- drawing ------------------------------------------------------------------

    def show_state(self) -> None:
        view = self.view
        head = self.query_one("#sp-head", Static)
        if view is None:
            head.update(Content.styled("Dit speerpunt bestaat niet (meer).", "italic"))
            return
        self.sub_title = f"speerpunt: {view.titel}"
        head.update(head_content(view))
        wait = waiting_content(view, self.today(), self.borging_questions())
        wait_widget = self.query_one("#sp-wait", Static)
        wait_widget.display = wait is not None
        if wait is not None:
            wait_widget.update(wait)
        for section_id, body in plan_sections(view, self.sector).items():
            widget = self.query_one(f"#{section_id}", Static)
            label = self.query_one(f"#{section_id}-kop", Label)
            widget.display = label.display = body is not None
            if body is not None:
                widget.update(body)
        self.query_one("#sp-betrekken-kop", Label).update(
            render_text("{Studenten} betrekken", self.sector)
        )
        self._show_leervragen(view)
        self._show_notes(view.notes)
        self.query_one("#sp-history", Static).update(history_content(view))

    def _show_leervragen(self, view: SpeerpuntView) -> None:
        options = self.query_one("#sp-leervragen", OptionList)
        docs = [d for d in (self.state.leervraag(i) for i in view.speerpunt.leervragen) if d]
        if docs:
            options.set_options(Option(leervraag_label(doc, 70), id=doc["id"]) for doc in docs)
        else:
            options.set_options(
                [
                    empty_option(
                        f"Nog geen. Druk {key_of('leervragen_koppelen')} om een van je "
                        "leervragen aan dit speerpunt te koppelen."
                    )
                ]
            )

    def _show_notes(self, notes: tuple[Entry, ...]) -> None:
        options = self.query_one("#sp-notes", OptionList)
        if notes:
            options.set_options(Option(entry_label(entry), id=entry.id) for entry in notes)
        else:
            options.set_options(
                [empty_option(f"Nog geen. Druk {key_of('monitoren')} voor een monitoringnotitie.")]
            )

    @on(OptionList.OptionSelected, "#sp-notes")
    def open_note(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.reflectie.show_journal(select=event.option.id)

    @on(OptionList.OptionSelected, "#sp-leervragen")
    def open_leervraag(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.reflectie.show_leervragen(select=event.option.id)

    # -- commands -----------------------------------------------------------------

    def command_state(self, command: Command) -> bool | None:
        if command.id in {"hulp", "terug"}:
            return True
        view = self.view
        if command.id in {"borging_beantwoorden", "borging_later"}:
            return view is not None and view.borging_now  # only when it is due: no nagging
        if view is None:
            return None
        if command.id in {"monitoren", "knelpunt", "speerpunt_evalueren"}:
            return True if view.speerpunt.is_open else None
        if command.id == "mijn_rol":
            return True if view.speerpunt.plan.rollen else None
        return True

    def _monitor(self, *, prompt_id: str | None = None, knelpunt: bool = False) -> None:
        view = self.view
        if view is None:
            return

        def written(entry: Entry | None) -> None:
            if entry is not None:
                note_written(self, entry, knelpunt=knelpunt, sector=self.sector)

        self.app.push_screen(
            MonitorDialog(
                view.id,
                view.titel,
                library=self.reflectie.library,
                sector=self.sector,
                prompt_id=prompt_id,
                knelpunt=knelpunt,
            ),
            written,
        )

    def cmd_monitoren(self) -> None:
        self._monitor()

    def cmd_knelpunt(self) -> None:
        self._monitor(knelpunt=True)

    def cmd_borging_beantwoorden(self) -> None:
        self._monitor(prompt_id=BORGING_PROMPTS[0])

    def cmd_borging_later(self) -> None:
        view = self.view
        if view is not None:
            speerpunt_id = view.id
            self.run_job("later", lambda session: session.team.postpone_borging(speerpunt_id))

    def cmd_speerpunt_evalueren(self) -> None:
        view = self.view
        if view is None:
            return
        question = self.reflectie.library.find(EVALUATION_PROMPT)

        def evaluated(speerpunt: Speerpunt | None) -> None:
            if speerpunt is not None:
                self.evaluated(speerpunt)

        self.app.push_screen(
            EvaluateSpeerpuntDialog(
                view.id,
                view.titel,
                today=self.today(),
                due=view.evaluation_due or view.speerpunt.plan.evaluatie_datum,
                question=question.render(self.sector) if question else None,
            ),
            evaluated,
        )

    def evaluated(self, speerpunt: Speerpunt) -> None:
        self.notify(
            f"Evaluatie opgeslagen; status: {status_text(speerpunt.status)}.",
            title="Speerpunt",
            markup=False,
        )
        if speerpunt.status != "afgesloten":
            return
        prompt_set = self.reflectie.library.get_set(NEW_CYCLE_SET)
        if prompt_set is None:
            return

        def chosen(choice: str | None) -> None:
            if choice == "ja" and self.reflectie.update_settings(promptset=NEW_CYCLE_SET):
                self.notify(
                    f"De vragen van de week komen nu uit ‘{prompt_set.titel}’. Terugzetten kan "
                    "in Instellingen.",
                    title="Nieuwe verbeterronde",
                    markup=False,
                )

        self.app.push_screen(
            ChoiceDialog(
                "Een nieuwe verbeterronde?",
                Content(
                    "Het speerpunt is afgesloten. Een nieuwe ronde begint met de huidige "
                    "situatie analyseren en nieuwe speerpunten kiezen. Wil je daarbij de "
                    f"vragenset ‘{prompt_set.titel}’ gebruiken voor je weekreflectie?"
                ),
                [Choice("ja", "Vragenset gebruiken", "primary"), Choice("nee", "Nu niet")],
            ),
            chosen,
        )

    def cmd_mijn_rol(self) -> None:
        view = self.view
        if view is None:
            return
        speerpunt_id = view.id

        def chosen(roles: list[str] | None) -> None:
            if roles is not None:
                self.run_job("rol", lambda session: session.team.set_my_roles(speerpunt_id, roles))

        plan = view.speerpunt.plan
        self.app.push_screen(
            RolesDialog(view.titel, plan.rollen, view.speerpunt.mijn_rollen, self.sector), chosen
        )

    def cmd_leervragen_koppelen(self) -> None:
        view = self.view
        if view is None:
            return
        linked = view.speerpunt.leervragen
        offered = [
            d for d in self.state.leervragen if d["status"] != "afgerond" or d["id"] in linked
        ]
        if not offered:
            self.notify(
                "Je hebt nog geen open leervragen. Leg er een vast via Leervragen op het "
                f"startscherm ({key_of('leervragen')}).",
                markup=False,
            )
            return
        speerpunt_id = view.id

        def chosen(wanted: set[str] | None) -> None:
            if wanted is None:
                return
            add, remove = link_changes(linked, wanted)
            if not add and not remove:
                return

            def job(session: Any) -> tuple[int, int]:
                for leervraag_id in add:
                    session.team.link_leervraag(speerpunt_id, leervraag_id)
                for leervraag_id in remove:
                    session.team.unlink_leervraag(speerpunt_id, leervraag_id)
                return len(add), len(remove)

            self.run_job("koppelen", job)

        self.app.push_screen(
            LinkLeervragenDialog(view.titel, self.state.leervragen, linked), chosen
        )

    def cmd_kwaliteitskaart(self) -> None:
        view = self.view
        if view is not None:
            from reflectie.tui.screens.kaart import KaartScreen

            self.app.push_screen(KaartScreen(view.id, view.titel))

    def job_done(self, action: str, result: Any) -> None:
        if action == "later" and isinstance(result, date):
            self.notify(f"Borgingsherinnering uitgesteld tot {day_text(result)}.", title="Borging")
        elif action == "rol":
            self.notify(
                "Je rol is bewaard; je taken staan onder Rollen."
                if result.mijn_rollen
                else "Je hebt geen rol meer bij dit speerpunt.",
                title="Mijn rol",
            )
        elif action == "koppelen":
            added, removed = result
            parts = []
            if added:
                parts.append(f"{count(added, 'leervraag')} gekoppeld")
            if removed:
                parts.append(f"{count(removed, 'leervraag')} losgekoppeld")
            self.notify(", ".join(parts) + ".", title="Leervragen")
