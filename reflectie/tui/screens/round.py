"""One feedback round as the asker (A) sees it, from sending to closing.

Before the answer: the request and the send block (file and/or clipboard).
After the answer is imported: the BKC answer, A's reflection on receiving it
(with the questions beside it), voornemens with their evaluation dates,
evaluating them, and thanking the colleague. The core closes the round
(afgerond) once every voornemen is evaluated and the colleague was thanked.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Header, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from reflectie.session import Session
from reflectie.tui.commands import Command, bindings_for, key_of
from reflectie.tui.feedback_data import (
    ROUND_STATUS,
    Doc,
    day_label,
    default_path,
    kijkpunten,
    labelled,
    moment_label,
    shown,
    voornemen_label,
)
from reflectie.tui.feedback_text import asking_tips, receiving_tips
from reflectie.tui.screens.confirm import Choice, ChoiceDialog
from reflectie.tui.screens.dialogs import EvaluateDialog, VoornemenDialog
from reflectie.tui.screens.feedback_base import Job, SendingScreen
from reflectie.tui.widgets.footer import KeyFooter
from reflectie.tui.widgets.send_panel import SendPanel

ANSWERED_ONLY = {"ontvangst_bewaren", "voornemen_nieuw", "evalueer", "bedankt"}


def round_head(doc: Doc, leervraag: Doc | None) -> Content:
    """The request; once answered only what the answer is about (the rest is known)."""
    status = ROUND_STATUS.get(doc["status"], doc["status"])
    when = f"gemaakt {moment_label(doc['aangemaakt'])}"
    if doc.get("verstuurd"):
        when += f", verstuurd {moment_label(doc['verstuurd'])}"
    parts = [
        labelled("Leervraag", leervraag["tekst"] if leervraag else "(verwijderd)"),
        Content.assemble(
            ("Aan: ", "bold"),
            shown(doc["aan"]),
            ("   Status: ", "bold"),
            (status, "bold $success" if doc["status"] == "afgerond" else ""),
            (f"   ({when})", "dim"),
        ),
        labelled("Let vooral op", doc["focus"]),
    ]
    if doc.get("antwoord") is None:
        if doc.get("wanneer"):
            parts.append(labelled("Wanneer en waar", doc["wanneer"]))
        if doc.get("kijkpunten"):
            parts.append(labelled("Kijkpunten", kijkpunten(doc["kijkpunten"])))
    return Content("\n").join(parts)


def answer_content(answer: Doc) -> Content:
    return Content("\n").join(
        [
            Content.assemble(
                ("Feedback van ", "bold"),
                shown(answer.get("van") or "je collega"),
                (f"  ({moment_label(answer.get('beantwoord'))})", "dim"),
            ),
            labelled("Bevestiging — wat gaat goed", answer["bevestiging"]),
            labelled("Kritiek — wat ontbreekt of is nog niet zichtbaar", answer["kritiek"]),
            labelled("Constructief — suggestie", answer["constructief"]),
        ]
    )


class RoundScreen(SendingScreen):
    """A's feedback round: send, receive, reflect, voornemens, evaluate, thank."""

    SCREEN_NAME = "ronde"
    BINDINGS = bindings_for("ronde")
    SUB_TITLE = "feedbackvraag"

    def __init__(self, round_id: str, *, voornemen: str | None = None) -> None:
        super().__init__()
        self.round_id = round_id
        self._want_voornemen = voornemen
        self._stored_ontvangst: str | None = None
        self._focused_once = False
        self._sent_at = ""

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="round-body"):
            with VerticalScroll(id="round-main"):
                yield Static(id="round-head")
                with Vertical(id="round-send"):
                    yield Label("Versturen", classes="section-title")
                    yield SendPanel(id="send")
                    yield Static(
                        Content.styled(
                            "Antwoord ontvangen? Ga naar Feedback en kies Importeren; "
                            "daarna kom je hier terug om erop te reflecteren.",
                            "dim italic",
                        ),
                        id="round-wait",
                    )
                with Vertical(id="round-answered"):
                    yield Static(id="round-answer")
                    yield Label("Hoe ontvang je deze feedback?", classes="section-title")
                    yield Static(
                        Content.styled(
                            "Schrijf voor jezelf op wat de vragen hiernaast bij je oproepen. "
                            f"Bewaren: {key_of('ontvangst_bewaren')}.",
                            "dim",
                        )
                    )
                    yield TextArea(id="ontvangst", soft_wrap=True, tab_behavior="focus")
                    yield Label("Voornemens", classes="section-title")
                    yield Static(
                        Content.styled(
                            f"{key_of('voornemen_nieuw')}: nieuw voornemen   "
                            f"{key_of('evalueer')}: evalueer het gekozen voornemen   "
                            f"{key_of('bedankt')}: je collega is bedankt",
                            "dim",
                        )
                    )
                    yield OptionList(id="voornemens")
                    yield Static(id="round-thanks")
            with VerticalScroll(id="round-tips"):
                yield Static(id="tips")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#ontvangst", TextArea).cursor_blink = self.reflectie.options.cursor_blink
        self.query_one("#round-main").focus()

    # -- state --------------------------------------------------------------------

    @property
    def doc(self) -> Doc | None:
        return self.state.round(self.round_id)

    @property
    def answered(self) -> bool:
        doc = self.doc
        return doc is not None and doc.get("antwoord") is not None

    def load_job(self) -> Job:
        round_id = self.round_id

        def job(session: Session) -> str | None:
            doc = session.feedback.round(round_id)
            if doc["status"] == "verstuurd" and doc["antwoord"] is None:
                return session.feedback.export_request(round_id)  # already sent: no change
            return None

        return job

    def today(self) -> date:
        return self.reflectie.clock().date()

    def show_state(self) -> None:
        doc = self.doc
        head = self.query_one("#round-head", Static)
        if doc is None:
            head.update(Content.styled("Deze feedbackvraag bestaat niet (meer).", "italic"))
            self.query_one("#round-send").display = False
            self.query_one("#round-answered").display = False
            return
        head.update(round_head(doc, self.state.leervraag(doc["leervraag"])))
        answered = doc.get("antwoord") is not None
        self.query_one("#round-send").display = not answered
        self.query_one("#round-answered").display = answered
        self.query_one("#tips", Static).update(receiving_tips() if answered else asking_tips())
        if not answered:
            self.send_panel.set_default_path(
                default_path("feedbackvraag", self.reflectie.settings.naam, doc["aan"])
            )
        else:
            self.show_answer(doc)
        self.place_focus(answered)

    def show_answer(self, doc: Doc) -> None:
        self.query_one("#round-answer", Static).update(answer_content(doc["antwoord"]))
        area = self.query_one("#ontvangst", TextArea)
        stored = doc.get("ontvangst") or ""
        if self._stored_ontvangst is None or area.text == self._stored_ontvangst:
            area.load_text(stored)
        self._stored_ontvangst = stored
        option_list = self.query_one("#voornemens", OptionList)
        keep = self._want_voornemen or self.voornemen_id
        self._want_voornemen = None
        option_list.clear_options()
        voornemens = doc.get("voornemens") or []
        today = self.today()
        if voornemens:
            option_list.add_options(
                Option(voornemen_label(v, today), id=v["id"]) for v in voornemens
            )
            ids = [v["id"] for v in voornemens]
            option_list.highlighted = ids.index(keep) if keep in ids else 0
        else:
            option_list.add_option(
                Option(
                    Content.styled(
                        f"Nog geen voornemens. Druk {key_of('voornemen_nieuw')} voor het eerste.",
                        "italic dim",
                    ),
                    disabled=True,
                )
            )
        who = shown(doc["antwoord"].get("van") or "je collega")
        thanks = (
            Content.assemble(("✓ ", "bold"), who, " is bedankt voor de feedback.")
            if doc.get("bedankt")
            else Content.assemble(
                ("Nog niet bedankt: ", "dim"),
                who,
                (f" (druk {key_of('bedankt')} zodra je dat gedaan hebt).", "dim"),
            )
        )
        self.query_one("#round-thanks", Static).update(thanks)

    def place_focus(self, answered: bool) -> None:
        """On first drawing: straight to where the next step is."""
        if self._focused_once:
            return
        self._focused_once = True
        if not answered:
            doc = self.doc
            if doc is not None and doc.get("status") == "concept":
                # the next step is saving the file: the cursor waits in "Bestand"
                self.focus_and_show("#send-path")
            return
        doc = self.doc
        if doc is not None and not doc.get("ontvangst") and not doc.get("voornemens"):
            self.focus_and_show("#ontvangst")
        else:
            self.focus_and_show("#voornemens")

    def focus_and_show(self, selector: str) -> None:
        """Focus a widget and scroll it into view once the layout is known."""
        widget = self.query_one(selector)
        widget.focus(scroll_visible=False)
        self.call_after_refresh(widget.scroll_visible, animate=False)

    @property
    def voornemen_id(self) -> str | None:
        option_list = self.query_one("#voornemens", OptionList)
        if option_list.highlighted is None or option_list.option_count == 0:
            return None
        return option_list.get_option_at_index(option_list.highlighted).id

    def voornemen(self) -> Doc | None:
        doc = self.doc
        wanted = self.voornemen_id
        for v in (doc or {}).get("voornemens") or []:
            if v["id"] == wanted:
                return v
        return None

    # -- sending (before the answer) ----------------------------------------------

    def produce_text(self, session: Session) -> str:
        text, self._sent_at = session.feedback.request_text(self.round_id)
        return text

    def mark_sent(self, session: Session) -> None:
        if self._sent_at:
            session.feedback.mark_sent(self.round_id, self._sent_at)

    def can_send(self) -> bool:
        return self.doc is not None and not self.answered

    def job_done(self, action: str, result: Any) -> None:
        if action == "laden" and isinstance(result, str):
            self.send_panel.show_text(result)
        elif action == "ontvangst":
            # the cursor stays in the text: typing on must never reach a command key
            self.notify(
                "Je reflectie is bewaard. Leg daarna een voornemen vast "
                f"({key_of('voornemen_nieuw')}).",
                title="Bewaard",
                markup=False,
            )
        elif action == "voornemen":
            self._want_voornemen = result["id"]
            self.show_state()
            self.focus_and_show("#voornemens")
            self.notify(
                "Vanaf "
                f"{day_label(result['evalueren_op'])} vraagt het startscherm je rustig om het "
                "te evalueren.",
                title="Voornemen vastgelegd",
                markup=False,
            )
        elif action in {"evaluatie", "bedankt"}:
            doc = self.doc
            if doc is not None and doc["status"] == "afgerond":
                self.notify(
                    "Alle voornemens zijn geëvalueerd en je collega is bedankt.",
                    title="Feedbackronde afgerond",
                )
            elif action == "evaluatie":
                self.notify("Evaluatie bewaard.", title="Voornemen")
            elif doc is not None:
                self.notify(
                    "Vastgelegd dat je je collega bedankt hebt."
                    if doc.get("bedankt")
                    else "‘Bedankt’ is ongedaan gemaakt.",
                    title="Bedankt",
                )

    # -- commands -----------------------------------------------------------------

    def command_state(self, command: Command) -> bool | None:
        if command.id in {"bewaar_bestand", "kopieer"}:
            return super().command_state(command)
        if command.id in ANSWERED_ONLY:
            if not self.loaded or not self.answered:
                return False
            doc = self.doc or {}
            if command.id == "evalueer" and not doc.get("voornemens"):
                return False
        return True

    def has_unsaved_changes(self) -> bool:
        if not self.answered or self._stored_ontvangst is None:
            return False
        return self.query_one("#ontvangst", TextArea).text.strip() != self._stored_ontvangst.strip()

    def discard_changes(self) -> None:
        if self._stored_ontvangst is not None:
            self.query_one("#ontvangst", TextArea).load_text(self._stored_ontvangst)

    def cmd_terug(self) -> None:
        if self.answered and self.focused is self.query_one("#ontvangst", TextArea):
            self.focus_and_show("#voornemens")
            return
        self.request_leave(self.dismiss)

    def cmd_ontvangst_bewaren(self) -> None:
        text = self.query_one("#ontvangst", TextArea).text
        round_id = self.round_id
        self.run_job("ontvangst", lambda s: s.feedback.reflect_on_answer(round_id, text))

    def cmd_voornemen_nieuw(self) -> None:
        round_id = self.round_id

        def chosen(result: tuple[str, date] | None) -> None:
            if result is not None:
                tekst, day = result
                self.run_job("voornemen", lambda s: s.feedback.add_voornemen(round_id, tekst, day))

        self.app.push_screen(VoornemenDialog(self.today()), chosen)

    def cmd_evalueer(self) -> None:
        voornemen = self.voornemen()
        if voornemen is None:
            self.notify("Kies eerst een voornemen in de lijst.", severity="warning")
            self.focus_and_show("#voornemens")
            return
        round_id, voornemen_id = self.round_id, voornemen["id"]

        def chosen(result: tuple[str, str] | None) -> None:
            if result is not None:
                uitkomst, line = result
                self.run_job(
                    "evaluatie",
                    lambda s: s.feedback.evaluate_voornemen(round_id, voornemen_id, uitkomst, line),
                )

        self.app.push_screen(EvaluateDialog(voornemen), chosen)

    def cmd_bedankt(self) -> None:
        """Ask first: it records something about a colleague; pressed again, it undoes."""
        round_id = self.round_id
        doc = self.doc or {}
        name = doc.get("aan") or "je collega"
        if doc.get("bedankt"):
            question = f"Je hebt vastgelegd dat je {name} bedankt hebt. Dat ongedaan maken?"
            choices = [Choice("ja", "Ongedaan maken", "warning"), Choice("nee", "Annuleren")]
        else:
            question = f"Heb je {name} bedankt voor de feedback? Dan leg ik dat vast."
            choices = [Choice("ja", "Ja, vastleggen", "primary"), Choice("nee", "Annuleren")]

        def chosen(choice: str | None) -> None:
            if choice != "ja":
                return
            if doc.get("bedankt"):
                self.run_job("bedankt", lambda s: s.feedback.unmark_thanked(round_id))
            else:
                self.run_job("bedankt", lambda s: s.feedback.mark_thanked(round_id))

        self.app.push_screen(ChoiceDialog("Bedankt", question, choices, focus="nee"), chosen)

    @on(OptionList.OptionSelected, "#voornemens")
    def voornemen_selected(self) -> None:
        self.run_command("evalueer")
