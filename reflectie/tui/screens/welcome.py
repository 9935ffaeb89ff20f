"""First start: where the data lives, what stays private, and two choices.

The sector decides the wording of every prompt (mbo: studenten, opleiding;
vo: leerlingen, school), so it is asked before anything else; the name is
optional and only used to greet the teacher.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Header, Input, Label, RadioButton, RadioSet, Static

from reflectie.tui.commands import bindings_for
from reflectie.tui.screens.base import CommandScreen
from reflectie.tui.widgets.footer import KeyFooter

SECTOR_LABELS = {
    "mbo": "mbo: ik werk met studenten in een opleiding",
    "vo": "vo: ik werk met leerlingen op een school",
}


class WelcomeScreen(CommandScreen):
    """Asks sector and name once; afterwards the start screen follows."""

    SCREEN_NAME = "welcome"
    BINDINGS = bindings_for("welcome")

    def compose(self) -> ComposeResult:
        paths = self.reflectie.paths
        yield Header()
        with VerticalScroll(id="welcome"):
            yield Static(Content.styled("Welkom bij reflectie", "bold"), classes="title")
            yield Static(
                Content.assemble(
                    "Een privé dagboek om te reflecteren op je lessen, met een vraag om op "
                    "te schrijven wanneer je dat wilt.\n\n"
                    "Je reflecties staan alleen op deze computer, in:\n",
                    (str(paths.data_dir), "bold"),
                    "\n\nEr gaat niets naar buiten. Alleen wat jij als ",
                    ("deelbaar", "italic"),
                    " markeert én zelf exporteert, kan (geanonimiseerd) in een samenvatting "
                    "voor je PLG komen.",
                ),
                id="welcome-text",
            )
            yield Label("In welke sector werk je? (kies met ↑ ↓ en enter)", classes="field-label")
            with RadioSet(id="sector"):
                for key, label in SECTOR_LABELS.items():
                    yield RadioButton(label, name=key, id=f"sector-{key}")
            yield Label("Hoe mogen we je noemen? (mag leeg blijven)", classes="field-label")
            yield Input(placeholder="bijvoorbeeld Sanne", id="naam", max_length=60)
            with Horizontal(classes="buttons"):
                yield Button("Beginnen", variant="primary", id="beginnen")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#sector", RadioSet).focus()
        for widget in self.query(Input):
            widget.cursor_blink = self.reflectie.options.cursor_blink

    @on(Button.Pressed, "#beginnen")
    def begin_pressed(self) -> None:
        self.run_command("beginnen")

    @on(Input.Submitted, "#naam")
    def name_submitted(self) -> None:
        self.run_command("beginnen")

    def cmd_beginnen(self) -> None:
        pressed = self.query_one("#sector", RadioSet).pressed_button
        if pressed is None or pressed.name not in SECTOR_LABELS:
            self.notify("Kies eerst je sector: mbo of vo.", severity="warning")
            self.query_one("#sector", RadioSet).focus()
            return
        naam = self.query_one("#naam", Input).value.strip()
        stored = self.reflectie.update_settings(sector=pressed.name, naam=naam)
        if not stored:
            self.notify(
                "Dit dagboek is alleen-lezen: je keuze geldt alleen voor nu.", severity="warning"
            )
        self.reflectie.show_home()
