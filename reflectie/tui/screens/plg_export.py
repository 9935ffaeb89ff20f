"""PLG-samenvatting maken: choose what goes into a summary for the PLG.

Only deelbaar material is ever listed: a private reflection or leervraag does not
appear here at all (and :func:`reflectie.plg.summary.collect` skips it even if
asked). The teacher picks a period, the leervragen and reflections, whether the
voornemens go along and a research phase for dialogue questions; "Controleren"
opens :class:`~reflectie.tui.screens.plg_review.PlgReviewScreen`, which shows
every replacement before anything is written.
"""

from __future__ import annotations

from datetime import date

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import (
    Button,
    Header,
    Input,
    Label,
    Select,
    SelectionList,
    Static,
    Switch,
)
from textual.widgets.selection_list import Selection

from reflectie.journal import EntryFilter
from reflectie.plg.summary import SummaryChoice
from reflectie.prompts import FASEN
from reflectie.store.errors import StorageError
from reflectie.tui import messages as msg
from reflectie.tui.commands import key_of
from reflectie.tui.data import SessionHolder
from reflectie.tui.formatting import first_line, short_date
from reflectie.tui.widgets.footer import KeyFooter
from reflectie.tui.widgets.plg_common import (
    QUICK_PERIODS,
    PlgChoicesLoaded,
    PlgScreen,
    parse_day,
    plg_bindings,
    plg_key,
    quick_period,
)

NO_PHASE = "geen"


def _deelbaar_hint() -> str:
    return f"Maak een reflectie deelbaar met {key_of('deelbaar')} tijdens het schrijven."


class PlgExportScreen(PlgScreen):
    """Choose period, leervragen, reflections, voornemens and a phase; then review."""

    SCREEN_NAME = "plg_export"
    BINDINGS = plg_bindings("plg_export")
    SUB_TITLE = "PLG-samenvatting maken"

    DEFAULT_CSS = """
    PlgExportScreen #plg-export { padding: 0 2; }
    PlgExportScreen .plg-intro { color: $text-muted; margin: 1 0 0 0; }
    PlgExportScreen .plg-row { height: auto; }
    PlgExportScreen .plg-row Label { padding: 1 1 0 0; }
    PlgExportScreen #snel { width: 26; }
    PlgExportScreen #van, PlgExportScreen #tot { width: 18; }
    PlgExportScreen #periode-fout { color: $text-error; height: auto; }
    PlgExportScreen SelectionList { height: auto; max-height: 10; }
    PlgExportScreen .plg-empty { color: $text-muted; text-style: italic; }
    PlgExportScreen #fase { width: 40; }
    PlgExportScreen .plg-switch Label { padding: 1 1 0 1; }
    """

    def __init__(self) -> None:
        super().__init__()
        self._request = 0
        self._shown = -1
        self._loaded: tuple[date | None, date | None] | None = None
        self._excluded_entries: set[str] = set()
        self._excluded_leervragen: set[str] = set()
        self._filling = False

    def compose(self) -> ComposeResult:
        today = self.reflectie.clock().date()
        van, tot = quick_period("4weken", today)
        yield Header()
        with VerticalScroll(id="plg-export"):
            yield Static(
                "Alleen wat je deelbaar hebt gemaakt kan in de samenvatting. Namen en andere "
                "persoonsgegevens worden vervangen; je ziet elke vervanging voordat er iets "
                "wordt opgeslagen.",
                classes="plg-intro",
            )
            yield Label("Periode", classes="field-label")
            with Horizontal(classes="plg-row"):
                yield Select(
                    [(Content(label), key) for label, key in QUICK_PERIODS],
                    value="4weken",
                    allow_blank=False,
                    id="snel",
                )
                yield Label("van")
                yield Input(
                    van.isoformat() if van else "",
                    placeholder="JJJJ-MM-DD",
                    id="van",
                    max_length=10,
                )
                yield Label("tot en met")
                yield Input(
                    tot.isoformat() if tot else "",
                    placeholder="JJJJ-MM-DD",
                    id="tot",
                    max_length=10,
                )
            yield Static(id="periode-fout")
            yield Label("Leervragen (deelbaar)", classes="field-label")
            yield SelectionList[str](id="leervragen")
            yield Static(id="leervragen-leeg", classes="plg-empty")
            yield Label("Reflecties in deze periode (deelbaar)", classes="field-label")
            yield SelectionList[str](id="reflecties")
            yield Static(id="reflecties-leeg", classes="plg-empty")
            with Horizontal(classes="plg-row plg-switch"):
                yield Switch(value=True, id="met-voornemens")
                yield Label("Voornemens bij de gekozen leervragen meenemen")
            yield Label(
                "Vragen voor de reflectieve dialoog (onderzoeksfase)", classes="field-label"
            )
            yield Select(
                [(Content("Geen"), NO_PHASE)]
                + [(Content(label), key) for key, label in FASEN.items()],
                value=NO_PHASE,
                allow_blank=False,
                id="fase",
            )
            with Horizontal(classes="buttons"):
                yield Button(
                    f"Controleren ({plg_key('plg_controleren')})", variant="primary", id="verder"
                )
        yield KeyFooter()

    def on_mount(self) -> None:
        for field in self.query(Input):
            field.cursor_blink = self.reflectie.options.cursor_blink
        self.load_period()
        self.query_one("#snel", Select).focus()

    # -- period -------------------------------------------------------------------

    def period(self) -> tuple[date | None, date | None]:
        """The typed period; raises ValueError (Dutch) when it cannot be used."""
        van = parse_day(self.query_one("#van", Input).value)
        tot = parse_day(self.query_one("#tot", Input).value)
        if van and tot and van > tot:
            raise ValueError("De begindatum ligt na de einddatum.")
        return van, tot

    @on(Select.Changed, "#snel")
    def quick_chosen(self, event: Select.Changed) -> None:
        if event.value == "eigen" or not isinstance(event.value, str):
            return
        van, tot = quick_period(event.value, self.reflectie.clock().date())
        self._filling = True
        self.query_one("#van", Input).value = van.isoformat() if van else ""
        self.query_one("#tot", Input).value = tot.isoformat() if tot else ""
        self._filling = False
        self.load_period()

    @on(Input.Changed, "#van, #tot")
    def period_typed(self) -> None:
        if self._filling:
            return
        self.load_period()
        snel = self.query_one("#snel", Select)
        try:
            typed = self.period()
        except ValueError:
            return
        today = self.reflectie.clock().date()
        if snel.value != "eigen" and quick_period(str(snel.value), today) != typed:
            snel.value = "eigen"

    def load_period(self) -> None:
        error = self.query_one("#periode-fout", Static)
        try:
            period = self.period()
        except ValueError as exc:
            error.update(Content(str(exc)))
            return
        error.update("")
        if period == self._loaded:
            return
        self._loaded = period
        self._request += 1
        holder = self.reflectie.holder
        if holder is not None:
            self.load_choices(holder, period[0], period[1], self._request)

    @work(thread=True, exclusive=True, group="plg-choices")
    def load_choices(
        self, holder: SessionHolder, van: date | None, tot: date | None, request: int
    ) -> None:
        """Deelbare leervragen and entries in the period (private ones never leave here)."""
        try:
            with holder.use() as session:
                leervragen = [lv for lv in session.feedback.leervragen() if lv["deelbaar"]]
                entries = session.journal.filter(EntryFilter(since=van, until=tot))
        except (StorageError, OSError) as exc:
            self.post_message(msg.OperationFailed(f"Kon je dagboek niet lezen: {exc}"))
            return
        shared = [entry for entry in entries if entry.deelbaar]
        self.post_message(PlgChoicesLoaded(leervragen, shared, request))

    @on(PlgChoicesLoaded)
    def choices_loaded(self, message: PlgChoicesLoaded) -> None:
        if message.request != self._request:
            return
        self._shown = message.request
        leervragen = self.query_one("#leervragen", SelectionList)
        leervragen.clear_options()
        leervragen.add_options(
            Selection(
                Content.assemble(
                    Content(first_line(lv["tekst"], 80)), (f"  ({lv['status']})", "dim")
                ),
                lv["id"],
                lv["id"] not in self._excluded_leervragen,
            )
            for lv in message.leervragen
        )
        self._show_empty(
            "#leervragen",
            not message.leervragen,
            "Geen deelbare leervragen. Een leervraag is deelbaar als je dat bij de "
            "leervraag hebt aangegeven.",
        )
        reflecties = self.query_one("#reflecties", SelectionList)
        reflecties.clear_options()
        reflecties.add_options(
            Selection(
                Content.assemble(
                    (short_date(entry.created), "dim"), "  ", Content(entry.title or "(leeg)")
                ),
                entry.id,
                entry.id not in self._excluded_entries,
            )
            for entry in message.entries
        )
        self._show_empty(
            "#reflecties",
            not message.entries,
            "Geen deelbare reflecties in deze periode. " + _deelbaar_hint(),
        )

    def _show_empty(self, selector: str, empty: bool, text: str) -> None:
        self.query_one(selector, SelectionList).display = not empty
        hint = self.query_one(f"{selector}-leeg", Static)
        hint.display = empty
        hint.update(Content(text) if empty else "")

    @on(SelectionList.SelectionToggled)
    def toggled(self, event: SelectionList.SelectionToggled) -> None:
        excluded = (
            self._excluded_leervragen
            if event.selection_list.id == "leervragen"
            else self._excluded_entries
        )
        value = str(event.selection.value)
        if value in event.selection_list.selected:
            excluded.discard(value)
        else:
            excluded.add(value)

    # -- continue -----------------------------------------------------------------

    def choice(self) -> SummaryChoice:
        """What the teacher chose; raises ValueError (Dutch) when it is not usable."""
        van, tot = self.period()
        leervragen = tuple(str(v) for v in self.query_one("#leervragen", SelectionList).selected)
        entries = tuple(str(v) for v in self.query_one("#reflecties", SelectionList).selected)
        if not leervragen and not entries:
            raise ValueError(
                "Kies minstens één leervraag of reflectie. Alleen wat deelbaar is, staat in de "
                "lijsten."
            )
        fase = self.query_one("#fase", Select).value
        return SummaryChoice(
            van=van,
            tot=tot,
            leervraag_ids=leervragen,
            entry_ids=entries,
            voornemens=self.query_one("#met-voornemens", Switch).value,
            fase=fase if isinstance(fase, str) and fase in FASEN else None,
        )

    @on(Button.Pressed, "#verder")
    def continue_pressed(self) -> None:
        self.run_command("plg_controleren")

    def cmd_plg_controleren(self) -> None:
        if self._shown != self._request:
            self.notify("Even geduld: de lijsten worden nog geladen.", markup=False)
            return
        try:
            choice = self.choice()
        except ValueError as exc:
            self.notify(str(exc), title="Nog niet compleet", severity="warning", markup=False)
            return
        from reflectie.tui.screens.plg_review import PlgReviewScreen

        self.app.push_screen(PlgReviewScreen(choice))
