"""PLG-agenda samenstellen: merge the members' summaries into one agenda.

The teacher adds summary files one by one (each is checked in a worker and shows
what it holds or why it cannot be used), picks where the agenda goes and whether
a printable HTML page comes along. "Samenvoegen" reads every file again, merges
them (:func:`reflectie.plg.bundle.merge` shuffles with ``SystemRandom``, runs
the anonymizer once more around the labels and numbers each item's labels afresh),
and writes atomically. One unusable file stops the
merge with its Dutch message; nothing is written then. After the meeting the same
screen leads on to the uitkomst editor (:mod:`reflectie.tui.screens.uitkomst`).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Header, Input, Label, OptionList, Static, Switch
from textual.widgets.option_list import Option

from reflectie.errors_text import os_reason
from reflectie.plg import BundleError
from reflectie.plg.bundle import ParsedSummary, merge, read_summary_file, render_agenda
from reflectie.plg.html import render_html
from reflectie.plg.summary import DIALOGUE_SET
from reflectie.tui.commands import Command
from reflectie.tui.widgets.footer import KeyFooter
from reflectie.tui.widgets.plg_common import (
    PlgFilesExist,
    PlgFilesWritten,
    PlgScreen,
    ask_replace,
    describe_written,
    expand_path,
    output_targets,
    plg_bindings,
    plg_key,
    write_payloads,
)
from reflectie.wording import count

AGENDA_TITLE = "PLG-agenda"


@dataclass
class PlgFileChecked(Message):
    """One added file was read: ``problem`` is the Dutch reason it cannot be used."""

    path: Path
    parsed: ParsedSummary | None
    problem: str


@dataclass
class PlgAgendaMerged(Message):
    """The agenda is ready to be written (``report`` is the Dutch count line)."""

    payloads: list[tuple[Path, bytes]]
    report: str


@dataclass
class PlgBundleFailed(Message):
    problems: list[str]


def read_member(path: Path) -> ParsedSummary:
    """Read and parse one member's file; raises BundleError (Dutch) when unusable."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise BundleError(f"Kan {path} niet lezen: {os_reason(exc)}.") from exc
    return read_summary_file(raw, str(path))


def describe(parsed: ParsedSummary) -> str:
    reflecties = sum(len(texts) for texts in parsed.reflecties.values())
    return (
        f"{count(len(parsed.leervragen), 'leervraag')}, {count(reflecties, 'reflectie')}, "
        f"{count(len(parsed.voornemens), 'voornemen')}"
    )


class PlgBundleScreen(PlgScreen):
    """Add members' summaries, choose the output, merge and write the agenda."""

    SCREEN_NAME = "plg_bundle"
    BINDINGS = plg_bindings("plg_bundle")
    SUB_TITLE = "PLG-agenda samenstellen"
    FIRST_ESCAPE = "#bestanden"

    DEFAULT_CSS = """
    PlgBundleScreen #plg-bundle { padding: 0 2; }
    PlgBundleScreen .plg-intro { color: $text-muted; margin: 1 0 0 0; height: auto; }
    PlgBundleScreen .plg-row { height: auto; }
    PlgBundleScreen #bestand, PlgBundleScreen #uitvoer { width: 1fr; }
    PlgBundleScreen #bestanden { height: auto; min-height: 3; max-height: 12; }
    PlgBundleScreen .plg-switch Label { padding: 1 1 0 1; }
    PlgBundleScreen #uitslag { height: auto; margin: 1 0; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.files: list[Path] = []
        self.status: dict[Path, Content] = {}
        self.written: list[Path] = []
        self._report = ""

    def compose(self) -> ComposeResult:
        week = self.reflectie.clock().date().isocalendar()[1]
        yield Header()
        with VerticalScroll(id="plg-bundle"):
            yield Static(
                "Voeg de samenvattingen van je PLG-leden samen tot één agenda. De volgorde wordt "
                "door elkaar gehaald, zodat niemand kan zien wie wat schreef, en de tekst wordt "
                "nog een keer geanonimiseerd. Aanduidingen als “Collega A” en “Student 1” blijven "
                "staan en worden per onderdeel opnieuw genummerd.",
                classes="plg-intro",
            )
            yield Label("Samenvatting toevoegen (pad naar het bestand)", classes="field-label")
            with Horizontal(classes="plg-row"):
                yield Input(placeholder="bijv. ~/Downloads/samenvatting-anna.md", id="bestand")
                yield Button("Toevoegen", id="toevoegen")
            yield Label("Samenvattingen", classes="field-label")
            yield OptionList(id="bestanden", markup=False)
            yield Label("Agenda opslaan als", classes="field-label")
            yield Input(f"~/plg-agenda-week-{week:02d}.md", id="uitvoer")
            with Horizontal(classes="plg-row plg-switch"):
                yield Switch(value=False, id="html")
                yield Label("Ook een printbare HTML-pagina")
            with Horizontal(classes="buttons"):
                yield Button(
                    f"Samenvoegen en opslaan ({plg_key('samenvoegen')})",
                    variant="primary",
                    id="samenvoegen",
                )
            yield Static(id="uitslag")
            yield Label("Na de bijeenkomst", classes="field-label")
            yield Static(
                "Leg vast wat de PLG besloot (speerpunten, aanpak, wat ‘zoals bedoeld’ betekent, "
                "evaluatiedatum, rollen) en stuur het de leden als bestand.",
                classes="plg-intro",
            )
            with Horizontal(classes="buttons"):
                yield Button(
                    f"PLG-uitkomst opstellen ({plg_key('uitkomst_opstellen')})", id="uitkomst"
                )
        yield KeyFooter()

    def on_mount(self) -> None:
        for field in self.query(Input):
            field.cursor_blink = self.reflectie.options.cursor_blink
        self.show_files()
        self.query_one("#bestand", Input).focus()

    # -- the files ----------------------------------------------------------------

    def show_files(self) -> None:
        options = self.query_one("#bestanden", OptionList)
        highlighted = options.highlighted
        if not self.files:
            options.set_options(
                [
                    Option(
                        Content.styled("Nog geen samenvattingen toegevoegd.", "dim italic"),
                        disabled=True,
                    )
                ]
            )
        else:
            options.set_options(
                Option(
                    Content.assemble(
                        Content(str(path)),
                        "\n  ",
                        self.status.get(path, Content.styled("wordt gecontroleerd…", "dim")),
                    )
                )
                for path in self.files
            )
            options.highlighted = min(highlighted or 0, len(self.files) - 1)
        self.refresh_bindings()

    @on(Input.Submitted, "#bestand")
    @on(Button.Pressed, "#toevoegen")
    def add_pressed(self) -> None:
        field = self.query_one("#bestand", Input)
        try:
            path = expand_path(field.value)
        except ValueError as exc:
            self.notify(str(exc), markup=False)
            return
        if path in self.files:
            self.notify("Dit bestand staat al in de lijst.", markup=False)
            return
        self.files.append(path)
        field.value = ""
        self.show_files()
        self.check_file(path)

    @work(thread=True, group="plg-bundle-check")
    def check_file(self, path: Path) -> None:
        try:
            parsed = read_member(path)
        except BundleError as exc:
            self.post_message(PlgFileChecked(path, None, str(exc)))
            return
        self.post_message(PlgFileChecked(path, parsed, ""))

    @on(PlgFileChecked)
    def file_checked(self, message: PlgFileChecked) -> None:
        if message.parsed is not None:
            self.status[message.path] = Content.styled(
                "✓ " + describe(message.parsed), "$text-success"
            )
        else:
            self.status[message.path] = Content.assemble(
                ("✗ ", "bold $text-error"), Content(message.problem)
            )
        if message.path in self.files:
            self.show_files()

    @on(Button.Pressed, "#uitkomst")
    def uitkomst_pressed(self) -> None:
        self.run_command("uitkomst_opstellen")

    def cmd_uitkomst_opstellen(self) -> None:
        from reflectie.tui.screens.uitkomst import UitkomstScreen

        self.app.push_screen(UitkomstScreen())

    def command_state(self, command: Command) -> bool | None:
        if command.id == "bestand_weg":
            return True if self.files else None
        return True

    def cmd_bestand_toevoegen(self) -> None:
        self.query_one("#bestand", Input).focus()

    def cmd_bestand_weg(self) -> None:
        index = self.query_one("#bestanden", OptionList).highlighted
        if index is None or not 0 <= index < len(self.files):
            return
        path = self.files.pop(index)
        self.status.pop(path, None)
        self.show_files()
        self.notify(f"{path} staat niet meer in de lijst.", markup=False)

    # -- merging ------------------------------------------------------------------

    @on(Input.Submitted, "#uitvoer")
    @on(Button.Pressed, "#samenvoegen")
    def merge_pressed(self) -> None:
        self.run_command("samenvoegen")

    def cmd_samenvoegen(self) -> None:
        uitslag = self.query_one("#uitslag", Static)
        if not self.files:
            self.notify("Voeg eerst de samenvattingen toe.", severity="warning", markup=False)
            return
        html = self.query_one("#html", Switch).value
        try:
            md_path, html_path = output_targets(
                self.query_one("#uitvoer", Input).value, "beide" if html else "md"
            )
        except ValueError as exc:
            self.notify(str(exc), severity="warning", markup=False)
            return
        targets = [p for p in (md_path, html_path) if p is not None]
        if any(target in self.files for target in targets):
            self.notify(
                "De agenda zou een van de samenvattingen overschrijven; kies een andere naam.",
                severity="warning",
                markup=False,
            )
            return
        uitslag.update(Content.styled("Samenvoegen…", "dim"))
        settings = self.reflectie.settings
        sector = settings.sector or "mbo"
        dialogue_set = self.reflectie.library.get_set(DIALOGUE_SET)
        defaults = [p.render(sector) for p in dialogue_set.vragen[:5]] if dialogue_set else []
        self.merge_files(list(self.files), md_path, html_path, sector, defaults)

    @work(thread=True, exclusive=True, group="plg-bundle")
    def merge_files(
        self,
        files: list[Path],
        md_path: Path | None,
        html_path: Path | None,
        sector: str,
        defaults: list[str],
    ) -> None:
        """Read every file again, merge, render; any unusable file stops it all."""
        parsed: list[ParsedSummary] = []
        problems: list[str] = []
        for path in files:
            try:
                parsed.append(read_member(path))
            except BundleError as exc:
                problems.append(str(exc))
        if problems:
            self.post_message(PlgBundleFailed(problems))
            return
        agenda = merge(parsed, rng=random.SystemRandom(), default_dialogue=defaults, sector=sector)
        markdown = render_agenda(agenda)
        payloads: list[tuple[Path, bytes]] = []
        if md_path is not None:
            payloads.append((md_path, markdown.encode("utf-8")))
        if html_path is not None:
            payloads.append((html_path, render_html(markdown, title=AGENDA_TITLE).encode("utf-8")))
        reflecties = sum(len(texts) for texts in agenda.reflecties.values())
        report = (
            f"Agenda uit {count(agenda.members, 'samenvatting')}: "
            f"{count(len(agenda.leervragen), 'leervraag')}, {count(reflecties, 'reflectie')}, "
            f"{count(len(agenda.voornemens), 'voornemen')}, "
            f"{count(len(agenda.dialoog), 'dialoogvraag')}."
        )
        if agenda.safety_replacements:
            report += (
                f" De extra controle verving nog {agenda.safety_replacements} "
                "naam/namen of gegevens."
            )
        if agenda.members == 1:
            report += " Let op: met één samenvatting is te zien van wie alles komt."
        self.post_message(PlgAgendaMerged(payloads, report))

    @on(PlgBundleFailed)
    def bundle_failed(self, message: PlgBundleFailed) -> None:
        text = "Niets opgeslagen:\n" + "\n".join(message.problems)
        uitslag = self.query_one("#uitslag", Static)
        uitslag.update(
            Content.assemble(("Niets opgeslagen.\n", "bold"), Content("\n".join(message.problems)))
        )
        self.call_after_refresh(uitslag.scroll_visible, animate=False)
        self.notify(text, title="Niet samengevoegd", severity="error", markup=False, timeout=12)

    @on(PlgAgendaMerged)
    def agenda_merged(self, message: PlgAgendaMerged) -> None:
        self._report = message.report
        self.query_one("#uitslag", Static).update(Content(message.report))
        self.write_files(message.payloads, False)

    @work(thread=True, group="plg-write")
    def write_files(self, payloads: list[tuple[Path, bytes]], overwrite: bool) -> None:
        self.post_message(write_payloads(payloads, overwrite=overwrite))

    @on(PlgFilesExist)
    def files_exist(self, message: PlgFilesExist) -> None:
        self.query_one("#uitslag", Static).update(
            Content(self._report + "\nNog niet opgeslagen: het bestand bestaat al.")
        )
        ask_replace(self, message.existing, lambda: self.write_files(message.payloads, True))

    @on(PlgFilesWritten)
    def files_written(self, message: PlgFilesWritten) -> None:
        self.written = message.paths
        text = describe_written(message.paths)
        uitslag = self.query_one("#uitslag", Static)
        uitslag.update(Content(f"{self._report}\n{text}"))
        self.call_after_refresh(uitslag.scroll_visible, animate=False)
        self.notify(f"{self._report}\n{text}", title="PLG-agenda", markup=False, timeout=12)
