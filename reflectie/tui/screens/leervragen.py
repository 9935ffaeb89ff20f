"""Leervragen: the list with their status, and per leervraag its reflections and rounds.

From here the teacher moves a leervraag along (open → bezig → afgerond, with a
short conclusie at the end), marks it deelbaar, asks a colleague for feedback
on it, or writes a reflection linked to it. The linked reflections are looked
up in a worker (``EntryFilter(leervraag=…)``).
"""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Header, Label, OptionList, Static
from textual.widgets.option_list import Option

from reflectie.errors_text import describe_os_error
from reflectie.journal import EntryFilter
from reflectie.store.errors import StorageError
from reflectie.tui import messages as msg
from reflectie.tui.commands import Command, bindings_for, key_of
from reflectie.tui.data import SessionHolder
from reflectie.tui.feedback_data import (
    LEERVRAAG_MARKS,
    Doc,
    labelled,
    leervraag_label,
    moment_label,
    round_label,
    shown,
)
from reflectie.tui.formatting import entry_label
from reflectie.tui.screens.dialogs import TextDialog
from reflectie.tui.screens.feedback_base import FeedbackScreen
from reflectie.tui.widgets.footer import KeyFooter

NEXT_STATUS = {"open": "bezig", "bezig": "afgerond", "afgerond": "open"}
LINKED_LIMIT = 50


def empty_option(text: str) -> Option:
    return Option(Content.styled(text, "italic dim"), disabled=True)


def detail_keys() -> Content:
    """Keys for the highlighted leervraag, under it (so the footer has room for the rest)."""
    parts: list[str | tuple[str, str]] = []
    for command_id, label in (
        ("leervraag_status", "status verder"),
        ("leervraag_deelbaar", "deelbaar aan/uit"),
        ("leervraag_bewerk", "tekst wijzigen"),
    ):
        parts.extend([(key_of(command_id), "bold"), (f" {label}   ", "dim")])
    return Content.assemble(*parts)


def leervraag_intro(sector: str | None) -> Content:
    pupils = "leerlingen" if sector == "vo" else "studenten"
    return Content.styled(
        "Een leervraag is een vraag over je eigen lespraktijk waar je een tijd mee bezig "
        f"wilt zijn, bijvoorbeeld: ‘Hoe krijg ik alle {pupils} aan het woord bij de "
        "nabespreking?’ Reflecties en feedbackvragen kun je eraan koppelen.",
        "dim italic",
    )


class LeervragenScreen(FeedbackScreen):
    """All leervragen; the highlighted one with its reflections and feedback rounds."""

    SCREEN_NAME = "leervragen"
    BINDINGS = bindings_for("leervragen")
    SUB_TITLE = "leervragen"

    def __init__(self, select: str | None = None) -> None:
        super().__init__()
        self._select = select
        self._linked_for: str | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="lv-body"):
            with Vertical(id="lv-left"):
                yield OptionList(id="lv-list")
                yield Static(leervraag_intro(self.reflectie.settings.sector), id="lv-intro")
            with VerticalScroll(id="lv-detail"):
                yield Static(id="lv-text")
                yield Label("Reflecties bij deze leervraag", classes="section-title")
                yield OptionList(id="lv-entries")
                yield Label("Feedbackvragen bij deze leervraag", classes="section-title")
                yield OptionList(id="lv-rounds")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#lv-list", OptionList).focus()

    # -- drawing ------------------------------------------------------------------

    @property
    def selected_id(self) -> str | None:
        option_list = self.query_one("#lv-list", OptionList)
        if option_list.highlighted is None or not self.state.leervragen:
            return None
        return option_list.get_option_at_index(option_list.highlighted).id

    @property
    def selected(self) -> Doc | None:
        return self.state.leervraag(self.selected_id)

    def show_state(self) -> None:
        option_list = self.query_one("#lv-list", OptionList)
        keep = self._select or self.selected_id
        self._select = None
        option_list.clear_options()
        docs = self.state.leervragen
        if docs:
            option_list.add_options(Option(leervraag_label(doc, 60), id=doc["id"]) for doc in docs)
            ids = [doc["id"] for doc in docs]
            option_list.highlighted = ids.index(keep) if keep in ids else 0
        else:
            option_list.add_option(
                empty_option(
                    f"Nog geen leervragen. Druk {key_of('leervraag_nieuw')} voor een nieuwe."
                )
            )
        self.show_detail()

    def show_detail(self) -> None:
        doc = self.selected
        text = self.query_one("#lv-text", Static)
        rounds = self.query_one("#lv-rounds", OptionList)
        rounds.clear_options()
        if doc is None:
            text.update(Content.styled("Geen leervraag gekozen.", "dim italic"))
            self.query_one("#lv-entries", OptionList).clear_options()
            self._linked_for = None
            return
        parts: list[Content] = [
            shown(doc["tekst"]).stylize("bold"),
            Content.assemble(
                ("Status: ", "dim"),
                f"{LEERVRAAG_MARKS.get(doc['status'], '')} {doc['status']}",
                ("  ·  ", "dim"),
                "● deelbaar" if doc.get("deelbaar") else "○ privé (niet deelbaar)",
                ("  ·  ", "dim"),
                (f"sinds {moment_label(doc['aangemaakt'])}", "dim"),
            ),
        ]
        if doc.get("conclusie"):
            parts.append(labelled("Conclusie", doc["conclusie"]))
        parts.append(detail_keys())
        text.update(Content("\n").join(parts))
        own = self.state.rounds_for(doc["id"])
        if own:
            rounds.add_options(Option(round_label(r, None), id=r["id"]) for r in own)
            rounds.highlighted = 0
        else:
            rounds.add_option(
                empty_option(f"Nog geen. Druk {key_of('feedback_vragen')} om feedback te vragen.")
            )
        if doc["id"] != self._linked_for:
            self._linked_for = doc["id"]
            self.query_one("#lv-entries", OptionList).clear_options()
            holder = self.reflectie.holder
            if holder is not None:
                self.load_linked(holder, doc["id"])

    @work(thread=True, exclusive=True, group="linked")
    def load_linked(self, holder: SessionHolder, leervraag_id: str) -> None:
        try:
            with holder.use() as session:
                ids = session.journal.ids_newest_first(EntryFilter(leervraag=leervraag_id))
                entries = session.journal.load_many(ids[:LINKED_LIMIT])
        except StorageError as exc:
            self.post_message(msg.FeedbackFailed("koppelingen", f"Niet gelukt: {exc}"))
            return
        except OSError as exc:
            self.post_message(
                msg.FeedbackFailed("koppelingen", f"Niet gelukt: {describe_os_error(exc)}")
            )
            return
        self.post_message(msg.LinkedEntries(leervraag_id, entries))

    @on(msg.LinkedEntries)
    def linked_entries(self, message: msg.LinkedEntries) -> None:
        if message.leervraag_id != self._linked_for:
            return
        option_list = self.query_one("#lv-entries", OptionList)
        option_list.clear_options()
        if message.entries:
            option_list.add_options(
                Option(entry_label(entry), id=entry.id) for entry in message.entries
            )
            option_list.highlighted = 0
        else:
            option_list.add_option(
                empty_option(f"Nog geen. Druk {key_of('schrijf_bij')} om er een te schrijven.")
            )

    def on_screen_resume(self) -> None:
        self._linked_for = None  # a reflection may have been linked meanwhile
        super().on_screen_resume()

    @on(OptionList.OptionHighlighted, "#lv-list")
    def highlighted(self) -> None:
        if self.loaded:
            self.show_detail()
            self.refresh_bindings()

    @on(OptionList.OptionSelected, "#lv-entries")
    def open_entry(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.reflectie.show_journal(select=event.option.id)

    @on(OptionList.OptionSelected, "#lv-rounds")
    def open_round(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.reflectie.open_round(event.option.id)

    # -- commands -----------------------------------------------------------------

    def command_state(self, command: Command) -> bool | None:
        if command.id in {"hulp", "terug", "leervraag_nieuw"}:
            return True
        doc = self.selected
        if doc is None:
            return None
        if command.id == "feedback_vragen" and doc["status"] == "afgerond":
            return None
        return True

    def cmd_terug(self) -> None:
        if self.focused is not None and self.focused.id != "lv-list":
            self.query_one("#lv-list", OptionList).focus()
            return
        self.dismiss()

    def update(self, leervraag_id: str, action: str, **changes: Any) -> None:
        self.run_job(
            action, lambda session: session.feedback.update_leervraag(leervraag_id, **changes)
        )

    def cmd_leervraag_nieuw(self) -> None:
        def chosen(text: str | None) -> None:
            if text:
                self.run_job("nieuw", lambda session: session.feedback.new_leervraag(text))

        self.app.push_screen(
            TextDialog(
                "Nieuwe leervraag",
                "Formuleer een vraag over je eigen lespraktijk. Hij blijft privé tot je hem "
                f"deelbaar maakt ({key_of('leervraag_deelbaar')}).",
                placeholder="Hoe kan ik …?",
                empty_message="Schrijf eerst je leervraag op.",
            ),
            chosen,
        )

    def cmd_leervraag_bewerk(self) -> None:
        doc = self.selected
        if doc is None:
            return

        def chosen(text: str | None) -> None:
            if text and text != doc["tekst"]:
                self.update(doc["id"], "bewerkt", tekst=text)

        self.app.push_screen(
            TextDialog(
                "Leervraag wijzigen", value=doc["tekst"], empty_message="De leervraag is leeg."
            ),
            chosen,
        )

    def cmd_leervraag_status(self) -> None:
        doc = self.selected
        if doc is None:
            return
        target = NEXT_STATUS[doc["status"]]
        if target != "afgerond":
            self.update(doc["id"], "status", status=target)
            return

        def chosen(text: str | None) -> None:
            if text:
                self.update(doc["id"], "status", status="afgerond", conclusie=text)

        self.app.push_screen(
            TextDialog(
                "Leervraag afronden",
                "Wat weet je nu dat je eerst niet wist? Een paar woorden zijn genoeg.",
                value=doc.get("conclusie", ""),
                empty_message="Schrijf een korte conclusie bij het afronden.",
            ),
            chosen,
        )

    def cmd_leervraag_deelbaar(self) -> None:
        doc = self.selected
        if doc is not None:
            self.update(doc["id"], "deelbaar", deelbaar=not doc.get("deelbaar", False))

    def cmd_feedback_vragen(self) -> None:
        doc = self.selected
        if doc is not None:
            from reflectie.tui.screens.request import ComposeScreen

            self.app.push_screen(ComposeScreen(doc, self.state.names))

    def cmd_schrijf_bij(self) -> None:
        doc = self.selected
        if doc is not None:
            self.reflectie.open_writer(leervraag=doc["id"])

    def job_done(self, action: str, result: Any) -> None:
        if action == "nieuw":
            self._select = result["id"]
            self.show_state()
            self.notify("Leervraag vastgelegd.", title="Leervragen")
        elif action == "status":
            self.notify(f"Status: {result['status']}.", title="Leervragen")
        elif action == "deelbaar":
            self.notify(
                "Deelbaar: mag geanonimiseerd in een PLG-samenvatting."
                if result["deelbaar"]
                else "Privé: komt in geen enkele samenvatting.",
                title="Leervragen",
            )
