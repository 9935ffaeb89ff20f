"""Small modal questions: confirm a delete, what to do with unsaved text, …

One dialog class with a list of choices covers every question the app asks;
the result is the chosen key (``None`` when the user pressed escape). The body
is ``Content`` or a plain string, never markup, because it often quotes the
user's own text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

Variant = Literal["default", "primary", "success", "warning", "error"]


@dataclass(frozen=True)
class Choice:
    """One button: ``key`` is what the dialog returns."""

    key: str
    label: str
    variant: Variant = "default"


class ChoiceDialog(ModalScreen[str | None]):
    """Ask one question with a few buttons; escape answers ``None`` (cancel)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Annuleren"),
        Binding("left,up", "app.focus_previous", "Vorige", show=False),
        Binding("right,down", "app.focus_next", "Volgende", show=False),
    ]

    DEFAULT_CSS = """
    ChoiceDialog {
        align: center middle;
        background: $background 60%;
    }
    ChoiceDialog > #dialog {
        width: 72;
        max-width: 95%;
        height: auto;
        border: thick $primary;
        background: $surface;
        padding: 1 2;
    }
    ChoiceDialog #dialog-title { text-style: bold; margin-bottom: 1; }
    ChoiceDialog #dialog-body { margin-bottom: 1; }
    ChoiceDialog #dialog-buttons { height: auto; align-horizontal: right; }
    ChoiceDialog #dialog-buttons Button { margin-left: 1; min-width: 10; }
    """

    def __init__(
        self,
        title: str,
        body: Content | str,
        choices: list[Choice],
        *,
        focus: str | None = None,
    ) -> None:
        super().__init__()
        self._title = title
        self._body = body if isinstance(body, Content) else Content(body)
        self._choices = choices
        self._focus = focus or (choices[0].key if choices else None)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content(self._title), id="dialog-title")
            yield Static(self._body, id="dialog-body")
            with Horizontal(id="dialog-buttons"):
                for choice in self._choices:
                    yield Button(
                        Content(choice.label),
                        variant=choice.variant,
                        name=choice.key,
                        id=f"keuze-{choice.key}",
                    )

    def on_mount(self) -> None:
        if self._focus is not None:
            self.query_one(f"#keuze-{self._focus}", Button).focus()

    @on(Button.Pressed)
    def choose(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.name)

    def action_cancel(self) -> None:
        self.dismiss(None)
