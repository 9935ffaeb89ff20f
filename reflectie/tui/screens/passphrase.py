"""The password windows of the encryption section: on, change, off.

Password fields never show what was typed. Turning encryption on shows the
core's warning (a forgotten passphrase cannot be recovered) in the window
itself and needs an explicit tick before anything happens; the new passphrase
is asked twice. The result is a :class:`PassphraseChoice`; the app does the work.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Checkbox, Input, Label, Static

from reflectie.encryption import WARNING, check_new_passphrase
from reflectie.tui.screens.dialogs import FormDialog

Kind = Literal["aan", "wijzig", "uit"]

TITLES: dict[Kind, str] = {
    "aan": "Dagboek versleutelen",
    "wijzig": "Wachtwoord wijzigen",
    "uit": "Versleuteling uitzetten",
}

INTROS: dict[Kind, str] = {
    "aan": "Je typt het wachtwoord bij elke start en na een tijd zonder activiteit.",
    "wijzig": "Typ je huidige wachtwoord en daarna twee keer het nieuwe.",
    "uit": "Je dagboek, reservekopieën en concepten komen weer onversleuteld op schijf te "
    "staan. Typ je wachtwoord om dat te bevestigen.",
}

MISMATCH = "De twee nieuwe wachtwoorden zijn niet gelijk; er is niets gewijzigd."
NOT_CONFIRMED = "Vink eerst aan dat je begrijpt dat een vergeten wachtwoord niet te herstellen is."


@dataclass(frozen=True)
class PassphraseChoice:
    """What the teacher typed: ``old`` for change/off, ``new`` for on/change."""

    kind: Kind
    old: str | None
    new: str | None


class PassphraseDialog(FormDialog):
    """Ask the passphrases a switch needs; the core's rules check the new one."""

    DEFAULT_CSS = """
    PassphraseDialog #wachtwoord-waarschuwing {
        border: heavy $error;
        color: $text;
        background: $error 20%;
        text-style: bold;
        padding: 0 1;
        margin-top: 1;
    }
    PassphraseDialog > #form { overflow-y: auto; }
    """

    def __init__(self, kind: Kind) -> None:
        super().__init__(TITLES[kind], INTROS[kind])
        self.kind: Kind = kind

    def fields(self) -> ComposeResult:
        if self.kind in ("wijzig", "uit"):
            label = "Huidig wachtwoord" if self.kind == "wijzig" else "Wachtwoord"
            yield Label(label, classes="form-label")
            yield Input(password=True, id="wachtwoord-oud")
        if self.kind in ("aan", "wijzig"):
            yield Static(Content("⚠ " + WARNING), id="wachtwoord-waarschuwing")
            yield Label("Nieuw wachtwoord (minstens 8 tekens)", classes="form-label")
            yield Input(password=True, id="wachtwoord-nieuw")
            yield Label("Nieuw wachtwoord nog een keer", classes="form-label")
            yield Input(password=True, id="wachtwoord-herhaal")
            yield Checkbox(
                "Ik begrijp dat niemand een vergeten wachtwoord kan herstellen.",
                id="wachtwoord-begrepen",
            )

    def cmd_bewaren(self) -> None:
        super().cmd_bewaren()
        if self.is_attached:
            error = self.query_one("#form-error", Static)
            if error.display:
                error.scroll_visible(animate=False)

    def _value(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Input).value

    def collect(self) -> PassphraseChoice:
        old = self._value("wachtwoord-oud") if self.kind != "aan" else None
        if old is not None and not old:
            raise ValueError("Typ eerst je (huidige) wachtwoord.")
        if self.kind == "uit":
            return PassphraseChoice(self.kind, old, None)
        new = self._value("wachtwoord-nieuw")
        check_new_passphrase(new)  # a ValidationError is a ValueError: shown in the window
        if new != self._value("wachtwoord-herhaal"):
            raise ValueError(MISMATCH)
        if not self.query_one("#wachtwoord-begrepen", Checkbox).value:
            raise ValueError(NOT_CONFIRMED)
        return PassphraseChoice(self.kind, old, new)

    @on(Input.Submitted)
    def next_or_take(self, event: Input.Submitted) -> None:
        """Enter goes to the next empty field; in the last one it takes the form."""
        event.stop()
        event.prevent_default()  # not FormDialog's handler too
        fields = list(self.query(Input))
        for field in fields[fields.index(event.input) + 1 :]:
            if not field.value:
                field.focus()
                return
        self.cmd_bewaren()
