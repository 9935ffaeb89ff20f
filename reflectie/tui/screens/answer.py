"""Answering a colleague's feedbackvraag (B) in BKC form.

The request (who asks, about which leervraag, what to watch, when) stands on
top; three text areas take Bevestiging, Kritiek and Constructief, with the
tips for giving feedback beside them. ctrl+s stores the answer; the same send
block as for a request then saves it as a file or copies it.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Header, Label, Static, TextArea

from reflectie.model import ValidationError
from reflectie.session import Session
from reflectie.tui.commands import Command, bindings_for, key_of
from reflectie.tui.feedback_data import (
    Doc,
    answer_text,
    default_path,
    kijkpunten,
    labelled,
    moment_label,
    shown,
)
from reflectie.tui.feedback_text import giving_tips
from reflectie.tui.screens.confirm import Choice, ChoiceDialog
from reflectie.tui.screens.feedback_base import Job, SendingScreen
from reflectie.tui.widgets.footer import KeyFooter
from reflectie.tui.widgets.send_panel import SendPanel

PARTS = (
    ("bevestiging", "Bevestiging — wat gaat al goed, en waaraan zag je dat?"),
    ("kritiek", "Kritiek — wat ontbreekt nog of is nog niet goed zichtbaar?"),
    ("constructief", "Constructief — welke suggestie geef je mee?"),
)
EMPTY = ("", "", "")


def request_content(doc: Doc) -> Content:
    parts = [
        Content.assemble(
            ("Feedbackvraag van ", "bold"),
            shown(doc.get("van") or "een collega"),
            (f"  (ontvangen {moment_label(doc.get('ontvangen'))})", "dim"),
        ),
        labelled("Leervraag", doc["leervraag"]),
        labelled("Let vooral op", doc["focus"]),
    ]
    if doc.get("wanneer"):
        parts.append(labelled("Wanneer en waar", doc["wanneer"]))
    if doc.get("kijkpunten"):
        parts.append(labelled("Kijkpunten", kijkpunten(doc["kijkpunten"])))
    return Content("\n").join(parts)


class AnswerScreen(SendingScreen):
    """B's side of a round: read the request, answer in BKC form, send it back."""

    SCREEN_NAME = "antwoord"
    BINDINGS = bindings_for("antwoord")
    SUB_TITLE = "feedback geven"

    def __init__(self, request_id: str) -> None:
        super().__init__()
        self.request_id = request_id
        self._stored: tuple[str, str, str] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="answer-body"):
            with VerticalScroll(id="answer-form"):
                yield Static(id="answer-request")
                for key, label in PARTS:
                    yield Label(label, classes="field-label")
                    yield TextArea(id=key, soft_wrap=True, tab_behavior="focus", classes="bkc")
                yield Static(id="answer-status")
                yield Label("Versturen", classes="section-title")
                yield SendPanel(id="send")
            with VerticalScroll(id="answer-tips"):
                yield Static(giving_tips())
        yield KeyFooter()

    def on_mount(self) -> None:
        blink = self.reflectie.options.cursor_blink
        for area in self.query(".bkc").results(TextArea):
            area.cursor_blink = blink
        self.query_one("#bevestiging", TextArea).focus()

    @property
    def doc(self) -> Doc | None:
        return self.state.received_request(self.request_id)

    def values(self) -> tuple[str, str, str]:
        a, b, c = (self.query_one(f"#{key}", TextArea).text for key, _ in PARTS)
        return a, b, c

    def stored_values(self) -> tuple[str, str, str]:
        answer = (self.doc or {}).get("antwoord") or {}
        a, b, c = (answer.get(key, "") for key, _ in PARTS)
        return a, b, c

    def load_job(self) -> Job:
        request_id = self.request_id
        return lambda session: answer_text(session, request_id)

    def show_state(self) -> None:
        doc = self.doc
        if doc is None:
            self.query_one("#answer-request", Static).update(
                Content.styled("Deze feedbackvraag bestaat niet (meer).", "italic")
            )
            return
        self.query_one("#answer-request", Static).update(request_content(doc))
        stored = self.stored_values()
        if self._stored is None or self.values() == self._stored:
            for (key, _), text in zip(PARTS, stored, strict=True):
                area = self.query_one(f"#{key}", TextArea)
                if area.text != text:
                    area.load_text(text)
        self._stored = stored
        answered = doc["status"] == "beantwoord"
        self.query_one("#answer-status", Static).update(
            Content.styled(
                f"✓ Beantwoord {moment_label((doc.get('antwoord') or {}).get('beantwoord'))}. "
                f"Bewaar of kopieer het antwoord hieronder ({key_of('bewaar_bestand')} / "
                f"{key_of('kopieer')}).",
                "$success",
            )
            if answered
            else Content.styled(
                f"Nog niet beantwoord. Vul de drie delen in en druk {key_of('antwoord_maken')}.",
                "dim",
            )
        )
        self.send_panel.set_default_path(
            default_path("feedbackantwoord", self.reflectie.settings.naam, doc.get("van") or "")
        )

    # -- answering ----------------------------------------------------------------

    def command_state(self, command: Command) -> bool | None:
        if command.id == "antwoord_maken":
            return self.doc is not None if self.loaded else None
        return super().command_state(command)

    def can_send(self) -> bool:
        doc = self.doc
        return doc is not None and doc["status"] == "beantwoord"

    def produce_text(self, session: Session) -> str:
        text = answer_text(session, self.request_id)
        if text is None:
            raise ValidationError(f"Maak eerst je antwoord ({key_of('antwoord_maken')}).")
        return text

    def cmd_antwoord_maken(self) -> None:
        values = self.values()
        answered = self.can_send()
        if answered and values == self._stored:
            self.notify(
                f"Dit antwoord is al gemaakt; bewaar het ({key_of('bewaar_bestand')}) of "
                f"kopieer het ({key_of('kopieer')}).",
                markup=False,
            )
            return
        if not answered:
            self.make_answer(values)
            return

        def chosen(choice: str | None) -> None:
            if choice == "vervangen":
                self.make_answer(values)

        self.app.push_screen(
            ChoiceDialog(
                "Antwoord vervangen?",
                "Je hebt deze vraag al beantwoord. Een nieuw antwoord vervangt het vorige. "
                "Heeft je collega het vorige al ingelezen, dan kan het nieuwe daar niet meer "
                "worden geïmporteerd; stuur dan liever een berichtje.",
                [Choice("vervangen", "Vervangen", "warning"), Choice("annuleren", "Annuleren")],
                focus="annuleren",
            ),
            chosen,
        )

    def make_answer(self, values: tuple[str, str, str]) -> None:
        request_id = self.request_id
        bevestiging, kritiek, constructief = values
        self.run_job(
            "antwoord",
            lambda session: session.feedback.answer(
                request_id, bevestiging=bevestiging, kritiek=kritiek, constructief=constructief
            ),
        )

    def job_done(self, action: str, result: Any) -> None:
        if action == "laden" and isinstance(result, str):
            self.send_panel.show_text(result)
        elif action == "antwoord":
            self.send_panel.show_text(result)
            self.query_one("#send-path").focus()
            self.notify(
                f"Bewaar het nu als bestand ({key_of('bewaar_bestand')}) of kopieer de tekst "
                f"({key_of('kopieer')}) en stuur het naar je collega.",
                title="Antwoord gemaakt",
                markup=False,
            )

    def has_unsaved_changes(self) -> bool:
        if self._stored is None:
            return False
        return tuple(v.strip() for v in self.values()) != tuple(s.strip() for s in self._stored)

    def discard_changes(self) -> None:
        self._stored = None
        self.show_state()

    def cmd_terug(self) -> None:
        self.request_leave(self.dismiss)
