"""Asking the passphrase of an encrypted journal before anything is read."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, Static


class UnlockScreen(Screen[str | None]):
    """Returns the typed passphrase, or ``None`` when the teacher quits."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "quit", "Afsluiten")]
    DEFAULT_CSS = """
    UnlockScreen { align: center middle; }
    UnlockScreen > Vertical { width: 64; height: auto; padding: 1 2; border: round $primary; }
    UnlockScreen #unlock-error { color: $error; height: auto; }
    """

    def __init__(self, error: str = "") -> None:
        super().__init__()
        self.error = error

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Dit dagboek is versleuteld.", id="unlock-title")
            yield Static("Typ je wachtwoord en druk op Enter. Esc sluit af.")
            yield Input(password=True, placeholder="wachtwoord", id="unlock-input")
            yield Static(self.error, id="unlock-error", markup=False)

    @on(Input.Submitted, "#unlock-input")
    def submitted(self, event: Input.Submitted) -> None:
        if event.value:
            self.dismiss(event.value)

    def action_quit(self) -> None:
        self.dismiss(None)
