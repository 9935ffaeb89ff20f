"""A draft of an entry that changed since the draft began: never saved over it silently.

``reflectie bewerk`` or a restore can change an entry while a draft of an older
version of it waits in ``concepten/``. Continuing that draft and saving would
replace the newer text. So such a draft is offered as what it is: keep it as a new
entry, compare the two texts side by side, or discard it (see
:func:`reflectie.drafts.is_stale`).
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static, TextArea

from reflectie.drafts import Draft
from reflectie.model import Entry
from reflectie.tui.formatting import clock_time, first_line, short_date
from reflectie.tui.screens.confirm import Choice, ChoiceDialog

#: The choices' keys (what the dialogs return).
KEEP_AS_NEW = "als-nieuw"
COMPARE = "vergelijk"
DISCARD = "weggooien"


def _when(entry: Entry) -> str:
    try:
        moment = datetime.fromisoformat(entry.gewijzigd)
    except ValueError:
        return entry.gewijzigd
    return f"{short_date(moment)} om {clock_time(entry.gewijzigd)}"


def stale_draft_offer(draft: Draft, entry: Entry) -> ChoiceDialog:
    """The question asked instead of "verder schrijven?" when the entry changed since."""
    saved = clock_time(draft.bewaard)
    body = (
        f"Er is een concept van deze reflectie{f' (bewaard om {saved})' if saved else ''}:\n"
        f"“{first_line(draft.tekst)}”\n\n"
        f"Maar de reflectie zelf is daarna gewijzigd ({_when(entry)}), bijvoorbeeld met "
        "'reflectie bewerk' of door een herstel. Verder schrijven in het concept zou die "
        "nieuwere tekst overschrijven. Wat wil je met het concept?"
    )
    return ChoiceDialog(
        "Concept van een oudere versie",
        body,
        [
            Choice(KEEP_AS_NEW, "Als nieuwe reflectie bewaren", "primary"),
            Choice(COMPARE, "Vergelijken"),
            Choice(DISCARD, "Concept weggooien", "error"),
            Choice("annuleren", "Annuleren"),
        ],
    )


class DraftCompareScreen(ModalScreen[str | None]):
    """The entry as it is now beside the draft; returns a choice key or None (back)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Terug"),
        # Priority: the read-only text areas would take ctrl+w (delete word) first.
        Binding("ctrl+n", "choose('als-nieuw')", "Als nieuwe reflectie bewaren", priority=True),
        Binding("ctrl+w", "choose('weggooien')", "Concept weggooien", priority=True),
    ]
    DEFAULT_CSS = """
    DraftCompareScreen { align: center middle; background: $background 60%; }
    DraftCompareScreen > #compare {
        width: 95%; height: 90%; border: thick $primary; background: $surface; padding: 0 1;
    }
    DraftCompareScreen #compare-title { text-style: bold; margin-bottom: 1; }
    DraftCompareScreen #compare-panes { height: 1fr; }
    DraftCompareScreen .compare-pane { width: 1fr; height: 1fr; margin-right: 1; }
    DraftCompareScreen .compare-label { text-style: bold; height: auto; }
    DraftCompareScreen TextArea { height: 1fr; }
    DraftCompareScreen #compare-buttons { height: auto; align-horizontal: right; margin-top: 1; }
    DraftCompareScreen #compare-buttons Button { margin-left: 1; }
    """

    def __init__(self, draft: Draft, entry: Entry) -> None:
        super().__init__()
        self.draft = draft
        self.entry = entry

    def compose(self) -> ComposeResult:
        saved = clock_time(self.draft.bewaard)
        with Vertical(id="compare"):
            yield Static(
                Content("Vergelijken: je dagboek nu (links) en je oudere concept (rechts)"),
                id="compare-title",
            )
            with Horizontal(id="compare-panes"):
                with Vertical(classes="compare-pane"):
                    yield Static(
                        Content(f"Nu in je dagboek (gewijzigd {_when(self.entry)})"),
                        classes="compare-label",
                    )
                    yield TextArea(
                        self.entry.tekst, read_only=True, soft_wrap=True, id="compare-entry"
                    )
                with Vertical(classes="compare-pane"):
                    yield Static(
                        Content(f"Je concept{f' (bewaard om {saved})' if saved else ''}"),
                        classes="compare-label",
                    )
                    yield TextArea(
                        self.draft.tekst, read_only=True, soft_wrap=True, id="compare-draft"
                    )
            with Horizontal(id="compare-buttons"):
                yield Button(
                    Content("Concept als nieuwe reflectie bewaren (ctrl+n)"),
                    variant="primary",
                    name=KEEP_AS_NEW,
                )
                yield Button(Content("Concept weggooien (ctrl+w)"), variant="error", name=DISCARD)
                yield Button(Content("Terug (esc)"), name="terug")

    def on_mount(self) -> None:
        self.query_one("#compare-draft", TextArea).focus()

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None if event.button.name == "terug" else event.button.name)

    def action_choose(self, key: str) -> None:
        self.dismiss(key)

    def action_back(self) -> None:
        self.dismiss(None)
