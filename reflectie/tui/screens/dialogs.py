"""Small forms in a window over the screen: one text, a voornemen, an evaluation.

They are command screens too (``dialoog`` in :mod:`reflectie.tui.commands`):
ctrl+s takes what was filled in, escape cancels, enter in a field also takes
it. What the user typed is validated here (dates) or by the core (empty text,
lengths); a refusal shows under the fields and the window stays open.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static

from reflectie.tui.commands import bindings_for, key_of
from reflectie.tui.feedback_data import QUICK_DATES, Doc, day_label, parse_day, shown
from reflectie.tui.screens.base import CommandScreen
from reflectie.tui.widgets.footer import KeyFooter


class FormDialog(CommandScreen, ModalScreen[Any]):
    """Title, an optional explanation, fields; ``collect`` turns them into the result."""

    SCREEN_NAME = "dialoog"
    BINDINGS = bindings_for("dialoog")
    AUTO_FOCUS = "Input"

    DEFAULT_CSS = """
    FormDialog {
        align: center middle;
        background: $background 60%;
    }
    FormDialog > #form {
        width: 80;
        max-width: 95%;
        height: auto;
        max-height: 90%;
        border: thick $primary;
        background: $surface;
        padding: 1 2;
    }
    FormDialog #form-title { text-style: bold; }
    FormDialog #form-intro { margin-top: 1; }
    FormDialog .form-label { text-style: bold; margin-top: 1; }
    FormDialog #form-error { color: $error; margin-top: 1; height: auto; display: none; }
    FormDialog #form-keys { color: $text-muted; margin-top: 1; }
    FormDialog .form-row { height: auto; }
    FormDialog .form-row Button { margin-left: 2; width: auto; min-width: 0; }
    FormDialog #voornemen-datum { width: 18; }
    FormDialog #voornemen-dag { padding: 1 2; width: 1fr; }
    FormDialog .form-hint { color: $text-muted; }
    """

    def __init__(self, title: str, intro: Content | str | None = None) -> None:
        super().__init__()
        self._title = title
        self._intro = intro

    def compose(self) -> ComposeResult:
        with Vertical(id="form"):
            yield Static(Content(self._title), id="form-title")
            if self._intro:
                intro = self._intro if isinstance(self._intro, Content) else Content(self._intro)
                yield Static(intro, id="form-intro")
            yield from self.fields()
            yield Static(id="form-error")
            yield Static(
                Content(
                    f"{key_of('bewaren')} of enter: bewaren   ·   {key_of('annuleren')}: annuleren"
                ),
                id="form-keys",
            )
        yield KeyFooter()

    def fields(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        blink = self.reflectie.options.cursor_blink
        for field in self.query(Input):
            field.cursor_blink = blink

    def collect(self) -> Any:
        """The result, or a Dutch ``ValueError`` to show."""
        raise NotImplementedError

    def cmd_bewaren(self) -> None:
        try:
            result = self.collect()
        except ValueError as exc:
            error = self.query_one("#form-error", Static)
            error.update(Content(str(exc)))
            error.display = True
            return
        self.dismiss(result)

    def cmd_annuleren(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.cmd_bewaren()


class TextDialog(FormDialog):
    """Ask for one line of text (a new leervraag, its new wording, a conclusie)."""

    def __init__(
        self,
        title: str,
        intro: str | None = None,
        *,
        value: str = "",
        placeholder: str = "",
        empty_message: str = "Vul eerst iets in.",
    ) -> None:
        super().__init__(title, intro)
        self._value = value
        self._placeholder = placeholder
        self._empty = empty_message

    def fields(self) -> ComposeResult:
        yield Input(self._value, placeholder=self._placeholder, id="form-text")

    def collect(self) -> str:
        text = self.query_one("#form-text", Input).value.strip()
        if not text:
            raise ValueError(self._empty)
        return text


class VoornemenDialog(FormDialog):
    """A voornemen and the day to evaluate it (typed, or one of the quick choices)."""

    def __init__(self, today: date) -> None:
        super().__init__(
            "Nieuw voornemen",
            "Wat ga je concreet anders doen naar aanleiding van deze feedback? "
            "Kies ook wanneer je wilt nagaan of het gelukt is.",
        )
        self._today = today

    def fields(self) -> ComposeResult:
        yield Label("Voornemen", classes="form-label")
        yield Input(
            placeholder="bijv. de nabespreking begin ik met een vraag aan de hele groep",
            id="voornemen-tekst",
        )
        yield Label("Evalueren op (JJJJ-MM-DD)", classes="form-label")
        with Horizontal(classes="form-row"):
            yield Input(
                (self._today + timedelta(days=14)).isoformat(), id="voornemen-datum", max_length=10
            )
            yield Static(id="voornemen-dag")
        with Horizontal(classes="form-row"):
            yield Label("of over:", classes="form-hint")
            for label, days in QUICK_DATES:
                yield Button(Content(label), name=str(days), classes="snel", compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self.show_day()

    @on(Input.Changed, "#voornemen-datum")
    def show_day(self) -> None:
        text = self.query_one("#voornemen-datum", Input).value
        try:
            label = day_label(parse_day(text, self._today).isoformat())
        except ValueError:
            label = ""
        self.query_one("#voornemen-dag", Static).update(Content.styled(label, "dim italic"))

    @on(Button.Pressed, ".snel")
    def quick(self, event: Button.Pressed) -> None:
        event.stop()
        day = self._today + timedelta(days=int(event.button.name or "14"))
        self.query_one("#voornemen-datum", Input).value = day.isoformat()

    def collect(self) -> tuple[str, date]:
        text = self.query_one("#voornemen-tekst", Input).value.strip()
        if not text:
            raise ValueError("Schrijf eerst het voornemen op.")
        day = parse_day(self.query_one("#voornemen-datum", Input).value, self._today)
        return text, day


OUTCOMES = (("gelukt", "Gelukt"), ("deels", "Deels gelukt"), ("niet", "Niet gelukt"))


class EvaluateDialog(FormDialog):
    """Gelukt, deels or niet, and one line about it."""

    AUTO_FOCUS = "#uitkomst"

    def __init__(self, voornemen: Doc) -> None:
        super().__init__(
            "Voornemen evalueren",
            Content.assemble(
                ("Voornemen: ", "bold"),
                shown(voornemen["tekst"]),
                "\nHoe ging het? Kies met de pijltjes en spatie, en schrijf er één regel bij.",
            ),
        )
        evaluation = voornemen.get("evaluatie") or {}
        self._outcome = evaluation.get("uitkomst")
        self._line = evaluation.get("reflectie", "")

    def fields(self) -> ComposeResult:
        with RadioSet(id="uitkomst"):
            for key, label in OUTCOMES:
                yield RadioButton(Content(label), value=key == self._outcome, name=key)
        yield Label("In één regel: wat merkte je?", classes="form-label")
        yield Input(
            self._line,
            placeholder="bijv. de groep deed beter mee; twee keer vergat ik het",
            id="evaluatie",
        )

    def collect(self) -> tuple[str, str]:
        pressed = self.query_one("#uitkomst", RadioSet).pressed_button
        if pressed is None or not pressed.name:
            raise ValueError("Kies gelukt, deels of niet.")
        return pressed.name, self.query_one("#evaluatie", Input).value.strip()
