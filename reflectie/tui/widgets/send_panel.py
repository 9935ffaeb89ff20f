"""The "send" block shared by a feedback request (A) and an answer (B).

A path field for saving a file, buttons for the two declared commands (save,
copy), and the text itself in a read-only text area: copying through the
terminal (OSC 52) does not work everywhere, so the text can also be selected
by hand. The screen does the work (in a worker); this widget only shows it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Label, Static, TextArea

from reflectie.tui.commands import BY_ID
from reflectie.tui.feedback_data import user_path

if TYPE_CHECKING:
    from reflectie.tui.app import ReflectieApp

_BUTTONS = {"send-file": "bewaar_bestand", "send-copy": "kopieer"}


class SendPanel(Vertical):
    """Save as a file and/or copy; shows the text once it exists."""

    DEFAULT_CSS = """
    SendPanel { height: auto; }
    SendPanel #send-row { height: auto; align-vertical: middle; }
    SendPanel #send-row Label { padding: 1 1 0 0; text-style: bold; }
    SendPanel #send-path { width: 1fr; }
    SendPanel #send-buttons { height: auto; }
    SendPanel #send-buttons Button { margin-right: 1; }
    SendPanel #send-text { height: 12; }
    SendPanel .send-note { color: $text-muted; }
    """

    NOTE = (
        "De tekst hieronder gaat naar je collega. Werkt kopiëren niet in je terminal? "
        "Selecteer hem dan zelf (met de muis, of shift en de pijltjes) en kopieer hem."
    )

    def __init__(
        self,
        *,
        id: str | None = None,
        placeholder: str = "~/feedbackvraag.txt",
        note: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self._default = ""
        self._placeholder = placeholder
        self._note = note or self.NOTE

    def compose(self) -> ComposeResult:
        with Horizontal(id="send-row"):
            yield Label("Bestand")
            yield Input(id="send-path", placeholder=self._placeholder)
        with Horizontal(id="send-buttons"):
            for button_id, command_id in _BUTTONS.items():
                command = BY_ID[command_id]
                yield Button(Content(f"{command.title} ({command.key_display})"), id=button_id)
        yield Static(Content(self._note), classes="send-note")
        yield TextArea(
            id="send-text",
            read_only=True,
            soft_wrap=True,
            placeholder="De tekst verschijnt hier zodra je hem bewaart of kopieert.",
        )

    def on_mount(self) -> None:
        blink = cast("ReflectieApp", self.app).options.cursor_blink
        self.query_one("#send-path", Input).cursor_blink = blink
        self.query_one("#send-text", TextArea).cursor_blink = blink

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        event.stop()
        command_id = _BUTTONS.get(event.button.id or "")
        run = getattr(self.screen, "run_command", None)
        if command_id and run is not None:
            run(command_id)

    def set_default_path(self, path: str) -> None:
        """Fill the path field once (the user's own edits stay)."""
        field = self.query_one("#send-path", Input)
        if not field.value or field.value == self._default:
            field.value = path
        self._default = path

    def path(self) -> Path | None:
        return user_path(self.query_one("#send-path", Input).value)

    @property
    def text(self) -> str:
        return self.query_one("#send-text", TextArea).text

    def show_text(self, text: str) -> None:
        area = self.query_one("#send-text", TextArea)
        if area.text != text:
            area.load_text(text)
