"""Composing a feedbackvraag (A): to whom, what to watch, when, optional kijkpunten.

The tips for asking stand beside the form. ctrl+s stores the request (status
concept) and opens its round, where it is saved as a file or copied.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.suggester import SuggestFromList
from textual.widgets import Header, Input, Label, Static, TextArea

from reflectie.tui.commands import bindings_for, key_of
from reflectie.tui.feedback_data import Doc, labelled
from reflectie.tui.feedback_text import asking_tips
from reflectie.tui.screens.feedback_base import FeedbackScreen
from reflectie.tui.widgets.footer import KeyFooter


class ComposeScreen(FeedbackScreen):
    """The form for a new feedbackvraag aimed at one leervraag."""

    SCREEN_NAME = "vraag"
    BINDINGS = bindings_for("vraag")
    SUB_TITLE = "feedback vragen"

    def __init__(self, leervraag: Doc, names: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.leervraag = leervraag
        self._names = names
        self._done = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="compose-body"):
            with VerticalScroll(id="compose-form"):
                yield Static(labelled("Je leervraag", self.leervraag["tekst"]), id="compose-lv")
                yield Label("Aan wie vraag je feedback?", classes="field-label")
                yield Input(
                    id="aan",
                    placeholder="naam van je collega (blijft op deze computer)",
                    suggester=SuggestFromList(self._names, case_sensitive=False)
                    if self._names
                    else None,
                )
                yield Label("Let vooral op …", classes="field-label")
                yield Input(
                    id="focus",
                    placeholder="bijv. wie er aan het woord komt bij de nabespreking",
                )
                yield Label("Wanneer en waar", classes="field-label")
                yield Input(id="wanneer", placeholder="bijv. dinsdag 24 november, 3e uur, B12")
                yield Label("Kijkpunten (mag leeg; één per regel)", classes="field-label")
                yield TextArea(id="kijkpunten", tab_behavior="focus", soft_wrap=True)
                yield Static(
                    Content.styled(
                        f"{key_of('vraag_maken')}: vraag vastleggen; daarna bewaar of kopieer je "
                        "hem om naar je collega te sturen.",
                        "dim",
                    ),
                    id="compose-keys",
                )
            with VerticalScroll(id="compose-tips"):
                yield Static(asking_tips())
        yield KeyFooter()

    def on_mount(self) -> None:
        blink = self.reflectie.options.cursor_blink
        for field in self.query(Input):
            field.cursor_blink = blink
        self.query_one("#kijkpunten", TextArea).cursor_blink = blink
        self.query_one("#aan", Input).focus()

    def values(self) -> tuple[str, str, str, list[str]]:
        points = self.query_one("#kijkpunten", TextArea).text.splitlines()
        return (
            self.query_one("#aan", Input).value.strip(),
            self.query_one("#focus", Input).value.strip(),
            self.query_one("#wanneer", Input).value.strip(),
            [p.strip().lstrip("-•*").strip() for p in points if p.strip()],
        )

    def has_unsaved_changes(self) -> bool:
        aan, focus, wanneer, points = self.values()
        return not self._done and bool(aan or focus or wanneer or points)

    def discard_changes(self) -> None:
        self._done = True

    def cmd_vraag_maken(self) -> None:
        aan, focus, wanneer, points = self.values()
        leervraag_id = self.leervraag["id"]
        self.run_job(
            "maken",
            lambda session: session.feedback.new_request(
                leervraag_id, aan=aan, focus=focus, wanneer=wanneer, kijkpunten=points
            ),
        )

    def job_done(self, action: str, result: Any) -> None:
        if action != "maken":
            return
        self._done = True
        self.notify(
            f"Bewaar hem nu als bestand ({key_of('bewaar_bestand')}) of kopieer de tekst "
            f"({key_of('kopieer')}).",
            title="Feedbackvraag vastgelegd",
            markup=False,
        )
        from reflectie.tui.screens.round import RoundScreen

        self.app.switch_screen(RoundScreen(result["id"]))
