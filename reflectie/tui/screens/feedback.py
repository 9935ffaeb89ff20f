"""The feedback overview: my requests with their status, and what colleagues asked me.

Enter opens a round (A) or a received request (B). Importing files and pasted
text starts here too. Voornemens that are due get one calm line, no more.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Header, Label, OptionList, Static
from textual.widgets.option_list import Option

from reflectie.tui.commands import Command, bindings_for, key_of
from reflectie.tui.feedback_data import received_label, round_label
from reflectie.tui.screens.feedback_base import FeedbackScreen
from reflectie.tui.widgets.footer import KeyFooter


def intro() -> Content:
    return Content.styled(
        "Zo werkt het: bij een leervraag stel je een feedbackvraag op "
        f"({key_of('leervragen')}), die je als bestand of tekst naar een collega stuurt. "
        "Je collega antwoordt in drie delen: bevestiging, kritiek, constructief. Het antwoord "
        f"lees je in met {key_of('importeren')}, net als vragen die collega's jou sturen.",
        "dim",
    )


def due_line(count: int) -> Content:
    if not count:
        return Content("")
    what = "1 voornemen" if count == 1 else f"{count} voornemens"
    return Content.assemble(
        ("◆ ", "bold"), f"{what} om te evalueren", (f"  ({key_of('evalueren')})", "dim")
    )


class FeedbackOverviewScreen(FeedbackScreen):
    """Both sides of the exchange on one screen."""

    SCREEN_NAME = "feedback"
    BINDINGS = bindings_for("feedback")
    SUB_TITLE = "feedback"

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="fb"):
            yield Static(intro(), id="fb-intro")
            yield Static(id="fb-due")
            yield Label("Mijn feedbackvragen", classes="section-title")
            yield OptionList(id="fb-rounds")
            yield Label("Aan mij gevraagd", classes="section-title")
            yield OptionList(id="fb-received")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#fb-rounds", OptionList).focus()

    def show_state(self) -> None:
        state = self.state
        due = self.query_one("#fb-due", Static)
        due.update(due_line(len(state.due)))
        due.display = bool(state.due)
        rounds = [
            Option(round_label(d, state.leervraag(d["leervraag"])), id=d["id"])
            for d in state.rounds
        ]
        self.fill(
            "#fb-rounds",
            rounds,
            f"Nog geen. Kies een leervraag ({key_of('leervragen')}) en vraag daar om feedback.",
        )
        self.fill(
            "#fb-received",
            [Option(received_label(d), id=d["id"]) for d in state.received],
            "Nog niets ontvangen. Een vraag van een collega lees je in met "
            f"{key_of('importeren')}.",
        )

    def fill(self, selector: str, options: list[Option], empty: str) -> None:
        option_list = self.query_one(selector, OptionList)
        highlighted = option_list.highlighted
        option_list.clear_options()
        if options:
            option_list.add_options(options)
            option_list.highlighted = min(highlighted or 0, len(options) - 1)
        else:
            option_list.add_option(Option(Content.styled(empty, "italic dim"), disabled=True))

    @on(OptionList.OptionSelected, "#fb-rounds")
    def open_round(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.reflectie.open_round(event.option.id)

    @on(OptionList.OptionSelected, "#fb-received")
    def open_received(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.reflectie.open_received(event.option.id)

    def command_state(self, command: Command) -> bool | None:
        if command.id == "evalueren":
            return bool(self.state.due)
        return True

    def cmd_importeren(self) -> None:
        self.reflectie.show_import()

    def cmd_leervragen(self) -> None:
        self.reflectie.show_leervragen()

    def cmd_evalueren(self) -> None:
        self.reflectie.open_due(self.state.due)
