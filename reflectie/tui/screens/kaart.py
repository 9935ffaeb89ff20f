"""The kwaliteitskaart of one speerpunt: generated, editable, saved as Markdown or HTML.

The card is built in a worker (:func:`reflectie.team.kaart.build_kaart`: the free
texts go through the anonymizer with the teacher's known names, as a PLG summary
does). The Markdown stands in a text area, so the teacher can still adjust it;
"Opslaan" writes it as Markdown, as a standalone printable HTML page, or both, to
the path typed, atomically, and asks before replacing a file (the PLG export's
:func:`~reflectie.tui.widgets.plg_common.write_payloads`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Header, Input, Label, Select, Static, TextArea

from reflectie.store.errors import StorageError
from reflectie.team.kaart import Kaart, kaart_html
from reflectie.tui.commands import Command, bindings_for, key_of
from reflectie.tui.data import SessionHolder
from reflectie.tui.feedback_data import shown, slug
from reflectie.tui.screens.base import CommandScreen
from reflectie.tui.screens.team_base import REFUSALS, confirm_discard, failure_text
from reflectie.tui.widgets.footer import KeyFooter
from reflectie.tui.widgets.plg_common import (
    FORMATS,
    PlgFilesExist,
    PlgFilesWritten,
    ask_replace,
    describe_written,
    output_targets,
    suffix_for_format,
    write_payloads,
)


@dataclass
class KaartBuilt(Message):
    kaart: Kaart


@dataclass
class KaartFailed(Message):
    message: str


def default_path(titel: str) -> str:
    return f"~/kwaliteitskaart-{slug(titel, 'speerpunt')}.md"


class KaartScreen(CommandScreen):
    """The card of one speerpunt: format, file, and the text (editable)."""

    SCREEN_NAME = "kaart"
    BINDINGS = bindings_for("kaart")
    SUB_TITLE = "kwaliteitskaart"

    DEFAULT_CSS = """
    KaartScreen #kaart { padding: 0 2; }
    KaartScreen #kaart-intro { margin: 1 0 0 0; height: auto; }
    KaartScreen .kaart-row { height: auto; }
    KaartScreen #kaart-formaat { width: 26; }
    KaartScreen #kaart-pad { width: 1fr; }
    KaartScreen #kaart-tekst { height: 1fr; min-height: 5; }
    KaartScreen #kaart-uitslag { height: auto; }
    """

    def __init__(self, speerpunt_id: str, titel: str) -> None:
        super().__init__()
        self.speerpunt_id = speerpunt_id
        self.titel = titel
        self.kaart: Kaart | None = None
        self._saved_text: str | None = None
        self._writing_text: str | None = None
        self.written: list[Path] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="kaart"):
            yield Static(Content.styled("De kaart wordt gemaakt…", "dim italic"), id="kaart-intro")
            yield Label("Opslaan als", classes="field-label")
            with Horizontal(classes="kaart-row"):
                yield Select(
                    [(Content(label), key) for label, key in FORMATS],
                    value="md",
                    allow_blank=False,
                    id="kaart-formaat",
                )
                yield Input(default_path(self.titel), id="kaart-pad")
            yield Label(
                "De kaart (Markdown; je kunt hem hier nog aanpassen)", classes="field-label"
            )
            yield TextArea(id="kaart-tekst", soft_wrap=True, tab_behavior="focus")
            yield Static(id="kaart-uitslag")
        yield KeyFooter()

    def on_mount(self) -> None:
        blink = self.reflectie.options.cursor_blink
        self.query_one("#kaart-pad", Input).cursor_blink = blink
        self.query_one("#kaart-tekst", TextArea).cursor_blink = blink
        self.query_one("#kaart-pad", Input).focus()
        holder = self.reflectie.holder
        if holder is not None:
            self.build(holder, self.speerpunt_id)

    @work(thread=True, exclusive=True, group="kaart")
    def build(self, holder: SessionHolder, speerpunt_id: str) -> None:
        from reflectie.team.kaart import build_kaart

        try:
            with holder.use() as session:
                kaart = build_kaart(session, speerpunt_id)
        except (*REFUSALS, StorageError, OSError) as exc:
            self.post_message(KaartFailed(failure_text(exc)))
            return
        self.post_message(KaartBuilt(kaart))

    @on(KaartBuilt)
    def kaart_built(self, message: KaartBuilt) -> None:
        kaart = message.kaart
        self.kaart = kaart
        field = self.query_one("#kaart-pad", Input)
        if field.value == default_path(self.titel):  # untouched: named after the card's title
            field.value = default_path(kaart.titel)
        self.titel = kaart.titel
        self.query_one("#kaart-tekst", TextArea).load_text(kaart.markdown)
        intro: list[str | tuple[str, str] | Content] = [
            ("Kwaliteitskaart van ‘", "bold"),
            shown(kaart.titel).stylize("bold"),
            ("’", "bold"),
            f": één printbare pagina, met rollen in plaats van namen ({kaart.replacements} "
            f"{'vervanging' if kaart.replacements == 1 else 'vervangingen'}). Pas de tekst "
            f"zo nodig aan en druk {key_of('kaart_opslaan')}.",
        ]
        if kaart.suspects:
            intro.append(
                (
                    f"\nLet op: {kaart.suspects} woord(en) bleven staan maar zijn mogelijk een "
                    "naam; lees de kaart na voordat je hem ophangt.",
                    "bold $warning",
                )
            )
        self.query_one("#kaart-intro", Static).update(Content.assemble(*intro))
        self.refresh_bindings()

    @on(KaartFailed)
    def kaart_failed(self, message: KaartFailed) -> None:
        self.query_one("#kaart-intro", Static).update(
            Content.assemble(("Geen kaart: ", "bold $error"), Content(message.message))
        )

    # -- format and file ----------------------------------------------------------

    @on(Select.Changed, "#kaart-formaat")
    def format_chosen(self, event: Select.Changed) -> None:
        field = self.query_one("#kaart-pad", Input)
        field.value = suffix_for_format(field.value, str(event.value))

    @on(Input.Submitted, "#kaart-pad")
    def path_submitted(self) -> None:
        self.run_command("kaart_opslaan")

    def command_state(self, command: Command) -> bool | None:
        if command.id == "kaart_opslaan":
            return True if self.kaart is not None else None
        return True

    def cmd_kaart_opslaan(self) -> None:
        if self.kaart is None:
            self.notify("Even geduld: de kaart wordt nog gemaakt.", markup=False)
            return
        text = self.query_one("#kaart-tekst", TextArea).text
        if not text.strip():
            self.notify("De kaart is leeg; er is niets opgeslagen.", severity="warning")
            return
        fmt = str(self.query_one("#kaart-formaat", Select).value)
        try:
            md_path, html_path = output_targets(self.query_one("#kaart-pad", Input).value, fmt)
        except ValueError as exc:
            self.notify(str(exc), severity="warning", markup=False)
            return
        payloads: list[tuple[Path, bytes]] = []
        if md_path is not None:
            payloads.append((md_path, text.encode("utf-8")))
        if html_path is not None:
            payloads.append((html_path, kaart_html(text, self.titel).encode("utf-8")))
        self.query_one("#kaart-uitslag", Static).update(Content.styled("Opslaan…", "dim"))
        self._writing_text = text
        self.write_files(payloads, False)

    @work(thread=True, group="plg-write")
    def write_files(self, payloads: list[tuple[Path, bytes]], overwrite: bool) -> None:
        self.post_message(write_payloads(payloads, overwrite=overwrite))

    @on(PlgFilesExist)
    def files_exist(self, message: PlgFilesExist) -> None:
        self.query_one("#kaart-uitslag", Static).update(
            Content("Nog niet opgeslagen: het bestand bestaat al.")
        )
        ask_replace(self, message.existing, lambda: self.write_files(message.payloads, True))

    @on(PlgFilesWritten)
    def files_written(self, message: PlgFilesWritten) -> None:
        self.written = message.paths
        self._saved_text = self._writing_text
        text = describe_written(message.paths)
        self.query_one("#kaart-uitslag", Static).update(Content.styled(text, "$success"))
        self.notify(text, title="Kwaliteitskaart", markup=False, timeout=10)

    # -- leaving ------------------------------------------------------------------

    def has_unsaved_changes(self) -> bool:
        if self.kaart is None:
            return False
        text = self.query_one("#kaart-tekst", TextArea).text
        return text not in (self.kaart.markdown, self._saved_text)

    def request_leave(self, then: Callable[[], object]) -> None:
        if self.has_unsaved_changes():
            confirm_discard(self, then, lambda: None)
        else:
            then()

    def cmd_terug(self) -> None:
        if isinstance(self.focused, (Input, TextArea)) and self.focused.id != "kaart-pad":
            self.query_one("#kaart-pad", Input).focus()
            return
        self.request_leave(self.dismiss)
