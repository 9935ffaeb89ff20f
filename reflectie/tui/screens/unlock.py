"""Asking the passphrase of an encrypted journal before anything is read.

The same screen serves the start and the auto-lock. After an auto-lock it lies
*over* the screens the teacher was using (an editor, a feedback form, a dialog
with half an answer): they stay as they were, only hidden, and come back once the
journal is open again. The screen never closes itself: it hands each passphrase to
the app and stays until the journal is open, so nothing underneath shows while a
passphrase is being tried or after a wrong one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, Static

LOCKED_OVER = (
    "Je open vensters wachten eronder, met alles wat je er had getypt. Esc sluit "
    "reflectie af (dan gaan die vensters dicht; concepten van reflecties blijven bewaard)."
)
QUIT_WARNING = (
    "Afsluiten sluit ook de vensters onder dit scherm: niet-opgeslagen tekst in een "
    "formulier gaat dan verloren (concepten van reflecties blijven bewaard). Druk nog "
    "een keer op Esc om toch af te sluiten, of typ je wachtwoord."
)


class UnlockScreen(Screen[None]):
    """Asks the passphrase; ``on_submit`` tries it, ``on_quit`` ends the app.

    The app calls :meth:`show_error` when a passphrase did not open the journal,
    and removes the screen once it is open.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "quit", "Afsluiten")]
    DEFAULT_CSS = """
    UnlockScreen { align: center middle; }
    UnlockScreen > Vertical { width: 64; height: auto; padding: 1 2; border: round $primary; }
    UnlockScreen #unlock-error { color: $error; height: auto; }
    UnlockScreen #unlock-over { color: $text-muted; height: auto; margin-top: 1; }
    """

    def __init__(
        self,
        error: str = "",
        *,
        on_submit: Callable[[str], object],
        on_quit: Callable[[], object],
        over_screens: bool = False,
    ) -> None:
        super().__init__()
        self.error = error
        self.over_screens = over_screens
        self._on_submit = on_submit
        self._on_quit = on_quit
        self._busy = False
        self._quit_asked = False

    def compose(self) -> ComposeResult:
        with Vertical():
            title = "Dit dagboek is vergrendeld." if self.over_screens else None
            yield Static(title or "Dit dagboek is versleuteld.", id="unlock-title")
            yield Static("Typ je wachtwoord en druk op Enter. Esc sluit af.")
            yield Input(password=True, placeholder="wachtwoord", id="unlock-input")
            yield Static(self.error, id="unlock-error", markup=False)
            if self.over_screens:
                yield Static(LOCKED_OVER, id="unlock-over", markup=False)

    @property
    def busy(self) -> bool:
        """Is a passphrase being tried right now?"""
        return self._busy

    @on(Input.Submitted, "#unlock-input")
    def submitted(self, event: Input.Submitted) -> None:
        if not event.value or self._busy:
            return  # one try at a time: a second open would find the first one's lock
        self._busy = True
        self._quit_asked = False
        self.query_one("#unlock-error", Static).update("Bezig met openen…")
        self._on_submit(event.value)

    def show_error(self, error: str) -> None:
        """The passphrase did not open the journal: say why, and ask again."""
        self._busy = False
        self.error = error
        self.query_one("#unlock-error", Static).update(error)
        field = self.query_one("#unlock-input", Input)
        field.value = ""
        field.focus()

    def action_quit(self) -> None:
        if self.over_screens and not self._quit_asked:
            self._quit_asked = True
            self.query_one("#unlock-error", Static).update(QUIT_WARNING)
            return
        self._on_quit()
