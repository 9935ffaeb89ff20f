"""Bekende namen: the names and words always replaced, and the words released.

The list is grouped by role (collega's, studenten or leerlingen by sector,
anderen); the role decides the label ("Collega A", "Student 1", "Persoon 1").
Names come from the teacher (here or in the review screen) and from feedback
exchanges. Below them are the words marked with a label of their own ("Jan de
Vries College → [school]", see :mod:`reflectie.plg.choices`). Released words (the
allow-list in the settings) are listed beside them; taking one back makes the
anonymizer replace it again.

Reading and changing the list runs in a thread worker; the released words live in
the app's settings (memory at once, disk in a worker).
"""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Header, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from reflectie.plg.choices import TERM_KINDS, TERM_LABELS, MarkedWords, store_mark
from reflectie.store.errors import StorageError
from reflectie.tui import messages as msg
from reflectie.tui.commands import Command
from reflectie.tui.data import SessionHolder
from reflectie.tui.widgets.footer import KeyFooter
from reflectie.tui.widgets.plg_common import (
    PlgNamesLoaded,
    PlgScreen,
    plg_bindings,
    plg_key,
)

#: Sectors whose pupils are called leerlingen (else studenten), as the anonymizer labels them.
LEERLING_SECTORS = ("vo", "po", "so", "vso")
BRONNEN = {"feedback": "uit een feedbackuitwisseling", "gemist": "gemarkeerd bij controle"}
#: ``rol`` of a row that is a word with a label of its own (not a person).
TERM_SOURCE = "label"


def student_word(sector: str | None, plural: bool = True) -> str:
    if sector in LEERLING_SECTORS:
        return "Leerlingen" if plural else "Leerling"
    return "Studenten" if plural else "Student"


class KnownNamesScreen(PlgScreen):
    """The known-names list by role, with add and remove; and the released words."""

    SCREEN_NAME = "known_names"
    BINDINGS = plg_bindings("known_names")
    SUB_TITLE = "bekende namen"
    FIRST_ESCAPE = "#namen"

    DEFAULT_CSS = """
    KnownNamesScreen #names-body { height: 1fr; padding: 0 1; }
    KnownNamesScreen #names-left { width: 1fr; padding: 0 1 0 0; }
    KnownNamesScreen #names-right { width: 1fr; padding: 0 0 0 1; }
    KnownNamesScreen .names-hint { color: $text-muted; height: auto; }
    KnownNamesScreen #namen, KnownNamesScreen #vrijgegeven { height: 1fr; min-height: 4; }
    KnownNamesScreen .plg-row { height: auto; }
    KnownNamesScreen #nieuwe-rol { width: 1fr; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.names: list[dict[str, Any]] = []
        self._name_rows: list[str | None] = []  # option index -> name (None for headers)
        self._released: tuple[str, ...] = ()

    def compose(self) -> ComposeResult:
        sector = self.reflectie.settings.sector
        read_only = self.reflectie.read_only
        yield Header()
        with Horizontal(id="names-body"):
            with Vertical(id="names-left"):
                yield Label("Bekende namen", classes="section-title")
                yield Static(
                    "Deze namen en woorden worden in een PLG-samenvatting altijd vervangen. "
                    "De rol bepaalt het label: “Collega A”, “"
                    + student_word(sector, False)
                    + " 1” of “Persoon 1”; een school, bedrijf, klas of plaats krijgt "
                    "[school], [bedrijf], [klas] of [plaats]. Zet hier ook docentcodes "
                    "(zoals BRN) en bijnamen: die herkent de app zelf niet altijd.",
                    classes="names-hint",
                )
                yield OptionList(id="namen", markup=False)
                yield Label("Naam of woord toevoegen", classes="field-label")
                yield Input(
                    placeholder="bijv. Jan de Vries, BRN of Mo",
                    id="nieuwe-naam",
                    max_length=200,
                    disabled=read_only,
                )
                with Horizontal(classes="plg-row"):
                    yield Select(
                        [
                            (Content("Collega"), "collega"),
                            (Content(student_word(sector, False)), "student"),
                            (Content("Iemand anders"), "anders"),
                            *((Content(text), kind) for kind, text in TERM_KINDS.items()),
                        ],
                        value="collega",
                        allow_blank=False,
                        id="nieuwe-rol",
                        disabled=read_only,
                    )
                    yield Button("Toevoegen", id="toevoegen", disabled=read_only)
            with Vertical(id="names-right"):
                yield Label("Vrijgegeven woorden", classes="section-title")
                yield Static(
                    "Deze woorden heb je vrijgegeven: ze worden nooit meer vervangen. Neem er "
                    f"een terug ({plg_key('naam_weg')}) als het toch een naam is.",
                    classes="names-hint",
                )
                yield OptionList(id="vrijgegeven", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#nieuwe-naam", Input).cursor_blink = self.reflectie.options.cursor_blink
        self.show_released()
        self.query_one("#namen", OptionList).focus()
        holder = self.reflectie.holder
        if holder is not None:
            self.change_names(holder, None, None)

    # -- the lists ----------------------------------------------------------------

    @work(thread=True, group="plg-names")
    def change_names(
        self, holder: SessionHolder, add: tuple[str, str] | None, remove: str | None
    ) -> None:
        """Add or remove one name (if asked), then read the list back."""
        done = ""
        try:
            with holder.use() as session:
                terms = MarkedWords(session.database)
                if add is not None:
                    naam, rol = add
                    if rol in TERM_LABELS:
                        store_mark(session, naam, rol)
                        done = f"“{naam}” wordt vervangen door {TERM_LABELS[rol]}."
                    else:
                        terms.remove(naam)
                        session.feedback.add_name(naam, rol)
                        done = f"“{naam}” staat in je bekende namen."
                if remove is not None:
                    removed = terms.remove(remove)
                    removed = session.feedback.remove_name(remove) or removed
                    done = (
                        f"“{remove}” is uit je bekende namen gehaald."
                        if removed
                        else f"“{remove}” stond niet (meer) in de lijst."
                    )
                names = session.feedback.names() + [
                    {"naam": t.word, "rol": t.kind, "bron": TERM_SOURCE} for t in terms.all()
                ]
        except (StorageError, OSError, ValueError) as exc:
            self.post_message(msg.OperationFailed(f"Bekende namen niet gewijzigd: {exc}"))
            return
        self.post_message(PlgNamesLoaded(names, done))

    @on(PlgNamesLoaded)
    def names_loaded(self, message: PlgNamesLoaded) -> None:
        self.names = message.names
        self.show_names()
        if message.done:
            self.notify(message.done, title="Bekende namen", markup=False)

    def show_names(self) -> None:
        sector = self.reflectie.settings.sector
        groups = (
            ("collega", "Collega's"),
            ("student", student_word(sector)),
            ("anders", "Anderen"),
        )
        options = self.query_one("#namen", OptionList)
        keep = self.selected_name()
        rows: list[str | None] = []
        prompts: list[Option] = []
        for rol, title in groups:
            members = [
                doc
                for doc in self.names
                if doc["rol"] not in TERM_LABELS
                and (doc["rol"] if doc["rol"] in ("collega", "student") else "anders") == rol
            ]
            prompts.append(
                Option(Content.styled(f"{title} ({len(members)})", "bold"), disabled=True)
            )
            rows.append(None)
            for doc in members:
                bron = BRONNEN.get(doc.get("bron", ""), "")
                prompts.append(
                    Option(
                        Content.assemble(
                            "  ", Content(doc["naam"]), (f"  {bron}" if bron else "", "dim")
                        )
                    )
                )
                rows.append(doc["naam"])
        terms = [doc for doc in self.names if doc["rol"] in TERM_LABELS]
        prompts.append(
            Option(Content.styled(f"Woorden met een label ({len(terms)})", "bold"), disabled=True)
        )
        rows.append(None)
        for doc in terms:
            prompts.append(
                Option(
                    Content.assemble(
                        "  ", Content(doc["naam"]), (f"  → {TERM_LABELS[doc['rol']]}", "dim")
                    )
                )
            )
            rows.append(doc["naam"])
        options.set_options(prompts)
        self._name_rows = rows
        named = [i for i, row in enumerate(rows) if row is not None]
        if named:
            index = next((i for i in named if rows[i] == keep), None)
            if index is None:
                index = named[0]
            options.highlighted = index
        self.refresh_bindings()

    def show_released(self) -> None:
        self._released = self.reflectie.settings.vrijgegeven
        options = self.query_one("#vrijgegeven", OptionList)
        highlighted = options.highlighted
        if self._released:
            options.set_options(Option(Content(word)) for word in self._released)
            options.highlighted = min(highlighted or 0, len(self._released) - 1)
        else:
            options.set_options(
                [
                    Option(
                        Content.styled("Nog geen vrijgegeven woorden.", "dim italic"), disabled=True
                    )
                ]
            )
        self.refresh_bindings()

    def selected_name(self) -> str | None:
        found = self.query("#namen")
        if not found:
            return None
        index = found.first(OptionList).highlighted
        if index is None or index >= len(self._name_rows):
            return None
        return self._name_rows[index]

    def selected_released(self) -> str | None:
        found = self.query("#vrijgegeven")
        if not found:
            return None
        index = found.first(OptionList).highlighted
        if index is None or not self._released or index >= len(self._released):
            return None
        return self._released[index]

    # -- commands -----------------------------------------------------------------

    def command_state(self, command: Command) -> bool | None:
        if command.id == "naam_weg":
            if self.released_focused():
                return True if self.selected_released() else None
            return True if self.selected_name() else None
        return True

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    @on(OptionList.OptionHighlighted)
    def highlighted(self) -> None:
        self.refresh_bindings()

    def cmd_naam_toevoegen(self) -> None:
        self.query_one("#nieuwe-naam", Input).focus()

    @on(Input.Submitted, "#nieuwe-naam")
    @on(Button.Pressed, "#toevoegen")
    def add_pressed(self) -> None:
        if self.reflectie.read_only:
            return
        field = self.query_one("#nieuwe-naam", Input)
        naam = " ".join(field.value.split())
        if not naam:
            self.notify("Typ eerst een naam.", markup=False)
            field.focus()
            return
        rol = str(self.query_one("#nieuwe-rol", Select).value)
        allow = self.reflectie.settings.vrijgegeven
        if naam.casefold() in {a.casefold() for a in allow}:
            # A released word is never replaced; a name must not stay released.
            self.reflectie.update_settings(
                vrijgegeven=tuple(a for a in allow if a.casefold() != naam.casefold())
            )
            self.show_released()
        field.value = ""
        holder = self.reflectie.holder
        if holder is not None:
            self.change_names(holder, (naam, rol), None)

    def released_focused(self) -> bool:
        return self.focused is not None and self.focused.id == "vrijgegeven"

    def cmd_naam_weg(self) -> None:
        if self.released_focused():
            self.take_back()
            return
        naam = self.selected_name()
        holder = self.reflectie.holder
        if naam is not None and holder is not None:
            self.change_names(holder, None, naam)

    def take_back(self) -> None:
        """A released word is replaced again from now on."""
        word = self.selected_released()
        if word is None:
            return
        remaining = tuple(a for a in self.reflectie.settings.vrijgegeven if a != word)
        self.reflectie.update_settings(vrijgegeven=remaining)
        self.show_released()
        self.notify(
            f"“{word}” is teruggenomen en wordt weer vervangen waar het als naam wordt herkend.",
            title="Teruggenomen",
            markup=False,
        )
