"""Importing a feedbackvraag (as B), an answer (as A) or a PLG-uitkomst: one screen.

From a file path or from text pasted into the text area. The core validates
strictly (:func:`reflectie.importing.import_exchange`, which hands each kind to
the service that owns it) and answers in Dutch; refusals and results are shown
here as plain text. A new request opens the answer form, a new answer opens its
round so A can reflect on it, and a new uitkomst (or a newer version of one)
opens the speerpunten with what changed on top; importing the same thing twice
changes nothing and says so.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Header, Input, Label, Static, TextArea

from reflectie.errors_text import describe_os_error
from reflectie.exchange import ExchangeError
from reflectie.feedback import ImportResult
from reflectie.importing import import_exchange
from reflectie.sanitize import clean_external_text
from reflectie.session import Session
from reflectie.team.service import UitkomstImportResult
from reflectie.tui.commands import bindings_for, key_of
from reflectie.tui.feedback_data import read_exchange, shown, user_path
from reflectie.tui.screens.feedback_base import FeedbackScreen
from reflectie.tui.widgets.footer import KeyFooter


def import_from(
    session: Session, path: Path | None, pasted: str
) -> ImportResult | UitkomstImportResult:
    """Read the file (if any) and import it, or the pasted text."""
    if path is None:
        return import_exchange(session, pasted)
    try:
        raw = read_exchange(path)
    except OSError as exc:
        raise ExchangeError(f"Kan het bestand niet lezen ({describe_os_error(exc)}).") from exc
    return import_exchange(session, raw)


class ImportScreen(FeedbackScreen):
    """A path field and a paste area; ctrl+s imports whichever is filled in."""

    SCREEN_NAME = "importeren"
    BINDINGS = bindings_for("importeren")
    SUB_TITLE = "importeren"

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="import"):
            yield Static(
                Content(
                    "Kreeg je een feedbackvraag van een collega, het antwoord op je eigen vraag, "
                    "of de uitkomst van een PLG-bijeenkomst? Geef het bestand op, of plak de "
                    f"tekst die je per mail of chat kreeg. Druk dan {key_of('importeer')}. "
                    "reflectie herkent zelf wat het is."
                ),
                id="import-intro",
            )
            yield Label("Bestand", classes="field-label")
            yield Input(id="import-path", placeholder="bijv. ~/Downloads/feedbackvraag.txt")
            yield Label("Of plak hier de tekst", classes="field-label")
            yield TextArea(id="import-paste", soft_wrap=True, tab_behavior="focus")
            yield Static(id="import-result")
        yield KeyFooter()

    def on_mount(self) -> None:
        blink = self.reflectie.options.cursor_blink
        self.query_one("#import-path", Input).cursor_blink = blink
        self.query_one("#import-paste", TextArea).cursor_blink = blink
        self.query_one("#import-path", Input).focus()

    @on(TextArea.Changed, "#import-paste")
    def pasted(self, event: TextArea.Changed) -> None:
        """Pasted text may carry terminal control sequences: drop them before showing."""
        area = event.text_area
        cleaned = clean_external_text(area.text)
        if cleaned != area.text:
            area.load_text(cleaned)
            area.move_cursor(area.document.end)

    @on(Input.Submitted, "#import-path")
    def path_submitted(self) -> None:
        self.run_command("importeer")

    def cmd_importeer(self) -> None:
        path = user_path(self.query_one("#import-path", Input).value)
        pasted = self.query_one("#import-paste", TextArea).text
        if path is not None and pasted.strip():
            self.show_result(
                "Vul óf een bestand óf geplakte tekst in, niet allebei; maak het andere veld leeg.",
                ok=False,
            )
            return
        if path is None and not pasted.strip():
            self.show_result("Geef een bestand op of plak de tekst eerst.", ok=False)
            return
        self.show_result("Bezig met importeren…", ok=True)
        self.run_job("importeer", lambda session: import_from(session, path, pasted))

    def show_result(self, message: str, *, ok: bool) -> None:
        self.query_one("#import-result", Static).update(
            Content.assemble(("✓ " if ok else "✗ ", "bold"), shown(message)).stylize(
                "$success" if ok else "$error"
            )
        )

    def job_failed(self, action: str, message: str) -> None:
        if action != "importeer":
            super().job_failed(action, message)
            return
        self.show_result(f"Niet geïmporteerd: {message}", ok=False)
        self.notify(
            clean_external_text(message),
            title="Niet geïmporteerd",
            severity="error",
            markup=False,
        )

    def job_done(self, action: str, result: Any) -> None:
        if action == "importeer" and isinstance(result, UitkomstImportResult):
            self.uitkomst_imported(result)
            return
        if action != "importeer" or not isinstance(result, ImportResult):
            return
        self.show_result(result.message, ok=True)
        self.notify(
            clean_external_text(result.message),
            title="Geïmporteerd" if result.changed else "Niets veranderd",
            markup=False,
        )
        if not result.changed:
            return
        self.query_one("#import-path", Input).value = ""
        self.query_one("#import-paste", TextArea).load_text("")
        if result.kind == "antwoord":
            from reflectie.tui.screens.round import RoundScreen

            self.app.switch_screen(RoundScreen(result.id))
        else:
            from reflectie.tui.screens.answer import AnswerScreen

            self.app.switch_screen(AnswerScreen(result.id))

    def uitkomst_imported(self, result: UitkomstImportResult) -> None:
        """Show what the uitkomst changed; when it changed anything, go to the speerpunten."""
        self.show_result(result.message, ok=True)
        self.notify(
            clean_external_text(result.message),
            title="PLG-uitkomst geïmporteerd" if result.changed else "Niets veranderd",
            markup=False,
            timeout=10,
        )
        if not result.changed:
            return
        self.query_one("#import-path", Input).value = ""
        self.query_one("#import-paste", TextArea).load_text("")
        from reflectie.tui.screens.speerpunten import SpeerpuntenScreen

        stack = self.app.screen_stack
        below = stack[-2] if len(stack) >= 2 else None
        if isinstance(below, SpeerpuntenScreen):  # opened from the speerpunten: back there
            below.imported(result.message, result.id)
            self.dismiss()
        else:
            self.app.switch_screen(SpeerpuntenScreen(notice=result.message, uitkomst=result.id))
