"""PLG-samenvatting controleren: every replacement shown, nothing written until "Opslaan".

The summary is collected and anonymized in a thread worker. Every replacement is
highlighted in the text and listed at the side with its original and its reason
("Jan de Vries → Persoon 1 (voornaam)"); the teacher walks through them with the
list (or ``n``/``p``), releases a false positive (``v``: the word goes on the
allow-list in the settings) or marks a missed word with a role (``m``: it goes on
the known-names list). Both are stored at once and the summary is anonymized
again. Only "Opslaan" writes a file, atomically and readable by the owner only;
"Eindversie" shows the exact Markdown that will be written, as plain text.

All user text is shown as :class:`~textual.content.Content`, never parsed as markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.geometry import Region
from textual.message import Message
from textual.widgets import (
    Button,
    ContentSwitcher,
    Footer,
    Header,
    Input,
    Label,
    OptionList,
    Select,
    Static,
)
from textual.widgets.option_list import Option

from reflectie.anonymizer import AnonymizedText, KnownNames, Replacement
from reflectie.plg.html import render_html
from reflectie.plg.summary import (
    SECTION_REFLECTIES,
    Item,
    Summary,
    SummaryChoice,
    anonymize,
    collect,
    known_names_for,
    render_markdown,
)
from reflectie.prompts import PromptLibrary
from reflectie.store.errors import StorageError
from reflectie.tui import messages as msg
from reflectie.tui.commands import Command
from reflectie.tui.data import SessionHolder
from reflectie.tui.widgets.plg_common import (
    FORMATS,
    PlgFilesExist,
    PlgFilesWritten,
    PlgScreen,
    ask_replace,
    describe_written,
    output_targets,
    plg_bindings,
    plg_key,
    suffix_for_format,
    write_payloads,
)

#: Role choices for a missed word: (label, role for ``FeedbackService.add_name``).
ROLES: tuple[tuple[str, str], ...] = (
    ("Collega", "collega"),
    ("Student / leerling", "student"),
    ("Iemand anders", "anders"),
)

MARK_STYLE = "bold $text-warning on $warning-muted"
CURRENT_STYLE = "bold reverse"
REVIEW_TITLE = "PLG-samenvatting"


@dataclass(frozen=True)
class Spot:
    """One replacement as shown: which item, and where its label sits in the item's lines."""

    item: int
    start: int
    end: int
    replacement: Replacement


@dataclass(frozen=True)
class Shown:
    """What the review shows of one item: its plain lines and where the note is."""

    plain: str
    note: tuple[int, int]  # span of the note in ``plain`` (dimmed)
    spots: list[Spot]


@dataclass
class PlgReviewReady(Message):
    """The (re)anonymized summary; ``source`` is the collected, untouched one."""

    source: Summary | None
    summary: Summary | None
    notes: list[AnonymizedText]
    generation: int


def _word_pattern(word: str) -> re.Pattern[str]:
    """The word alone or with a possessive s (the anonymizer's own notion of a word)."""
    return re.compile(r"(?<![\w@.])" + re.escape(word) + r"(?:['’]?s)?(?![\w@])", re.IGNORECASE)


def occurs(word: str, texts: list[str]) -> bool:
    pattern = _word_pattern(word)
    return any(pattern.search(text) for text in texts)


def with_marked(known: KnownNames, marked: list[tuple[str, str]]) -> KnownNames:
    """The stored known names plus the words marked in this review (read-only or not yet stored)."""
    have = {name.casefold() for name in (*known.collegas, *known.studenten, *known.anderen)}
    buckets = {"collega": known.collegas, "student": known.studenten}
    for naam, rol in marked:
        if naam.casefold() not in have:
            have.add(naam.casefold())
            buckets.get(rol, known.anderen).append(naam)
    return known


def _short(text: str, limit: int = 22) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def output_spans(anonymized: AnonymizedText) -> list[tuple[int, int]]:
    """Where each replacement's inserted label sits in the anonymized text."""
    spans: list[tuple[int, int]] = []
    shift = 0
    for r in anonymized.replacements:
        start = r.start + shift
        spans.append((start, start + len(r.inserted)))
        shift += len(r.inserted) - (r.end - r.start)
    return spans


def _spots_in(anonymized: AnonymizedText, item: int, offset: int) -> list[Spot]:
    spots = []
    for (start, end), r in zip(output_spans(anonymized), anonymized.replacements, strict=True):
        if anonymized.text[start:end] == r.inserted:
            spots.append(Spot(item, offset + start, offset + end, r))
    return spots


def shown_item(n: int, item: Item, text: AnonymizedText, note: AnonymizedText) -> Shown:
    """A reflection shows its note (the week) above the text, other items after it."""
    if item.section == SECTION_REFLECTIES and note.text:
        plain = f"{note.text}\n{text.text}"
        spots = _spots_in(note, n, 0) + _spots_in(text, n, len(note.text) + 1)
        return Shown(plain, (0, len(note.text)), spots)
    if note.text:
        plain = f"{text.text}  ({note.text})"
        start = len(text.text) + 3
        spots = _spots_in(text, n, 0) + _spots_in(note, n, start)
        return Shown(plain, (start - 1, start + len(note.text) + 1), spots)
    return Shown(text.text, (0, 0), _spots_in(text, n, 0))


def anonymize_with_notes(
    source: Summary,
    *,
    known: KnownNames,
    own_name: str,
    allow: tuple[str, ...],
    force: tuple[str, ...] = (),
) -> tuple[Summary, list[AnonymizedText]]:
    """The core's anonymization; returns the summary and its notes' results."""
    summary = anonymize(source, known=known, own_name=own_name, allow=allow, force=force)
    return summary, summary.note_results


class PlgReviewScreen(PlgScreen):
    """Check every replacement, release false positives, mark missed words, then save."""

    SCREEN_NAME = "plg_review"
    BINDINGS = plg_bindings("plg_review")
    SUB_TITLE = "PLG-samenvatting controleren"
    FIRST_ESCAPE = "#vervangingen"

    DEFAULT_CSS = """
    PlgReviewScreen #review-body { height: 1fr; }
    PlgReviewScreen #review-switch { width: 1fr; height: 1fr; }
    PlgReviewScreen #controle, PlgReviewScreen #eindversie { padding: 0 1; height: 1fr; }
    PlgReviewScreen .review-title { color: $text-muted; text-style: italic; margin: 0 0 1 0; }
    PlgReviewScreen .plg-section { text-style: bold; color: $primary; margin: 1 0 0 0; }
    PlgReviewScreen .plg-group { text-style: bold; margin: 1 0 0 0; }
    PlgReviewScreen .plg-item { margin: 0 0 1 0; }
    PlgReviewScreen #review-side { width: 46; height: 1fr; padding: 0 1; }
    PlgReviewScreen #telling { text-style: bold; height: auto; }
    PlgReviewScreen #vervangingen { height: 1fr; min-height: 4; }
    PlgReviewScreen #vervanging-detail { height: auto; min-height: 3; margin: 0 0 1 0; }
    PlgReviewScreen .plg-row { height: auto; }
    PlgReviewScreen #gemist-rol { width: 1fr; }
    PlgReviewScreen #review-save { height: auto; padding: 0 1; }
    PlgReviewScreen #review-save Label { padding: 1 1 0 0; }
    PlgReviewScreen #pad { width: 1fr; }
    PlgReviewScreen #formaat { width: 24; }
    PlgReviewScreen #opgeslagen { height: auto; padding: 0 1; color: $text-success; }
    """

    def __init__(self, choice: SummaryChoice) -> None:
        super().__init__()
        self.choice = choice
        #: The collected summary, never changed: every re-anonymization starts from it.
        self.source: Summary | None = None
        #: What is shown and what "Opslaan" writes (texts and notes anonymized).
        self.summary: Summary | None = None
        self.shown: list[Shown] = []
        self.spots: list[Spot] = []
        self.current: int | None = None
        self.saved: list[Path] = []
        self._generation = 0
        self._shown = -1
        self._marked: list[tuple[str, str]] = []
        self._notes: list[AnonymizedText] = []

    # -- layout -------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        week = self.reflectie.clock().date().isocalendar()[1]
        yield Header()
        with Horizontal(id="review-body"):
            with ContentSwitcher(initial="controle", id="review-switch"):
                with VerticalScroll(id="controle"):
                    yield Static(
                        "Controle: elke vervanging is gemarkeerd. Kies er een in de lijst "
                        "rechts om te zien wat er stond en waarom.",
                        classes="review-title",
                    )
                    yield Vertical(
                        Static("Samenvatting maken en anonimiseren…", id="review-wacht"),
                        id="review-items",
                    )
                with VerticalScroll(id="eindversie"):
                    yield Static(
                        "Eindversie: precies deze Markdown komt in het bestand.",
                        classes="review-title",
                    )
                    yield Static(id="eindversie-tekst")
            with Vertical(id="review-side"):
                yield Static(id="telling")
                yield OptionList(id="vervangingen", markup=False)
                yield Static(id="vervanging-detail")
                yield Label("Gemist woord of naam", classes="field-label")
                yield Input(placeholder="typ het woord of de naam", id="gemist", max_length=100)
                with Horizontal(classes="plg-row"):
                    yield Select(
                        [(Content(label), rol) for label, rol in ROLES],
                        value="anders",
                        allow_blank=False,
                        id="gemist-rol",
                    )
                    yield Button("Markeren", id="markeer")
        with Horizontal(id="review-save"):
            yield Label("Opslaan als")
            yield Input(f"~/plg-samenvatting-week-{week:02d}.md", id="pad")
            yield Select(
                [(Content(label), key) for label, key in FORMATS],
                value="md",
                allow_blank=False,
                id="formaat",
            )
            yield Button(f"Opslaan ({plg_key('plg_opslaan')})", variant="primary", id="opslaan")
        yield Static(id="opgeslagen")
        yield Footer()

    def on_mount(self) -> None:
        for field in self.query(Input):
            field.cursor_blink = self.reflectie.options.cursor_blink
        self.query_one("#vervangingen", OptionList).focus()
        self.reanonymize(None)

    # -- anonymizing --------------------------------------------------------------

    @property
    def ready(self) -> bool:
        """The summary on screen answers the latest change (nothing is pending)."""
        return self.summary is not None and self._shown == self._generation

    def reanonymize(self, add: tuple[str, str] | None) -> None:
        """(Re)build the anonymized summary in a worker; ``add`` is a name to store first."""
        holder = self.reflectie.holder
        if holder is None:
            return
        self._generation += 1
        settings = self.reflectie.settings
        self.prepare(
            holder,
            self.source,
            self.reflectie.library,
            settings.vrijgegeven,
            settings.naam,
            list(self._marked),
            add,
            self._generation,
        )

    @work(thread=True, group="plg-anonymize")
    def prepare(
        self,
        holder: SessionHolder,
        source: Summary | None,
        library: PromptLibrary,
        allow: tuple[str, ...],
        own_name: str,
        marked: list[tuple[str, str]],
        add: tuple[str, str] | None,
        generation: int,
    ) -> None:
        """Collect (the first time), store a marked name, anonymize with the latest lists."""
        try:
            with holder.use() as session:
                if add is not None and not session.read_only:
                    session.feedback.add_name(*add)
                if source is None:
                    source = collect(session, self.choice, library)
                known = with_marked(known_names_for(session), marked)
            summary, notes = anonymize_with_notes(
                source, known=known, own_name=own_name, allow=allow
            )
            # Safety net: a word the teacher marked must not survive in another form
            # ("Zyrahs" when "Zyrah" was marked); force it for this summary.
            folded_allow = {a.casefold() for a in allow}
            texts = [a.text for a in (*summary.anonymized, *notes)]
            left = tuple(
                naam
                for naam, _rol in marked
                if naam.casefold() not in folded_allow and occurs(naam, texts)
            )
            if left:
                summary, notes = anonymize_with_notes(
                    source, known=known, own_name=own_name, allow=allow, force=left
                )
        except (StorageError, OSError, ValueError) as exc:
            self.post_message(msg.OperationFailed(f"Samenvatting niet gemaakt: {exc}"))
            self.post_message(PlgReviewReady(source, None, [], generation))
            return
        self.post_message(PlgReviewReady(source, summary, notes, generation))

    @on(PlgReviewReady)
    async def review_ready(self, message: PlgReviewReady) -> None:
        if message.generation != self._generation:
            return  # a newer change is on its way
        self._shown = message.generation
        if message.source is not None:
            self.source = message.source
        if message.summary is None:
            if self.summary is None:  # nothing to show at all
                self.summary = Summary("mbo", "", [], [])
                await self._show_items()
                self._show_list()
            return
        self.summary = message.summary
        self._notes = message.notes
        await self._show_items()
        self._show_list()
        markdown = render_markdown(message.summary) if message.summary.items else ""
        self.query_one("#eindversie-tekst", Static).update(Content(markdown))
        self.refresh_bindings()

    async def _show_items(self) -> None:
        summary = self.summary
        assert summary is not None
        items = self.query_one("#review-items", Vertical)
        await items.remove_children()
        self.shown = []
        self.spots = []
        if not summary.items or len(summary.anonymized) != len(summary.items):
            await items.mount(
                Static(
                    Content.styled(
                        "Er is niets deelbaars in deze keuze. Ga terug (esc) en kies andere "
                        "leervragen of reflecties.",
                        "italic",
                    ),
                    id="review-leeg",
                )
            )
            return
        notes = self._notes
        widgets: list[Static] = []
        section = group = None
        for n, item in enumerate(summary.items):
            if item.section != section:
                section, group = item.section, None
                widgets.append(Static(Content(item.section), classes="plg-section"))
            if item.section == SECTION_REFLECTIES and item.group != group:
                group = item.group
                widgets.append(Static(Content(item.group), classes="plg-group"))
            shown = shown_item(n, item, summary.anonymized[n], notes[n])
            self.shown.append(shown)
            self.spots.extend(shown.spots)
            widgets.append(Static(self._content(n), classes="plg-item", id=f"item-{n}"))
        if summary.dialogue:
            widgets.append(Static("Vragen voor de reflectieve dialoog", classes="plg-section"))
            widgets.append(Static(Content("\n".join(f"- {q}" for q in summary.dialogue))))
        await items.mount_all(widgets)

    def _content(self, item: int) -> Content:
        """An item's lines: note dimmed, replacements marked, the current one reversed."""
        shown = self.shown[item]
        content = Content(shown.plain)
        if shown.note[1] > shown.note[0]:
            content = content.stylize("dim italic", *shown.note)
        for spot in shown.spots:
            content = content.stylize(MARK_STYLE, spot.start, spot.end)
        if self.current is not None and self.current < len(self.spots):
            spot = self.spots[self.current]
            if spot.item == item:
                content = content.stylize(CURRENT_STYLE, spot.start, spot.end)
        return content

    def _show_list(self) -> None:
        spots = self.spots
        count = len(spots)
        items = len(self.summary.items) if self.summary else 0
        word = "vervanging" if count == 1 else "vervangingen"
        onderdelen = "onderdeel" if items == 1 else "onderdelen"
        self.query_one("#telling", Static).update(
            Content(f"{count} {word} in {items} {onderdelen}")
        )
        options = self.query_one("#vervangingen", OptionList)
        previous = self.current
        options.set_options(
            Option(
                Content.assemble(
                    Content(_short(spot.replacement.original)),
                    " → ",
                    (spot.replacement.inserted, "bold"),
                    (f"  ({self.reason(spot.replacement)})", "dim"),
                )
            )
            for spot in spots
        )
        self.current = None
        if spots:
            index = min(previous or 0, count - 1)
            options.highlighted = index
            self.show_current(index)
        else:
            self.query_one("#vervanging-detail", Static).update(
                Content.styled("Geen vervangingen in deze samenvatting.", "dim italic")
                if items
                else ""
            )

    def reason(self, r: Replacement) -> str:
        """The reason as the teacher reads it; the own name is called that."""
        if self.is_own_name(r):
            return "je eigen naam"
        if r.reason == "handmatig":
            return "door jou gemarkeerd"
        return r.reason

    def is_own_name(self, r: Replacement) -> bool:
        own = self.reflectie.settings.naam.strip().casefold()
        return bool(own) and r.reason == "handmatig" and r.original.casefold().startswith(own)

    # -- the current replacement --------------------------------------------------

    @on(OptionList.OptionHighlighted, "#vervangingen")
    def replacement_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.show_current(event.option_index)

    def show_current(self, index: int | None) -> None:
        if index is None or not 0 <= index < len(self.spots):
            return
        before = self.current
        self.current = index
        spot = self.spots[index]
        if before is not None and before < len(self.spots):
            self._restyle(self.spots[before].item)
        self._restyle(spot.item)
        r = spot.replacement
        hint = (
            "Je eigen naam wordt altijd vervangen."
            if self.is_own_name(r)
            else f"{plg_key('vrijgeven')}: vrijgeven als dit geen persoonsgegeven is"
        )
        detail = Content.assemble(
            (f"Vervanging {index + 1} van {len(self.spots)}", "bold"),
            "\n“",
            Content(r.original),
            "” → ",
            (r.inserted, "bold"),
            "\nReden: ",
            Content(self.reason(r)),
            "\n",
            (hint, "dim"),
        )
        self.query_one("#vervanging-detail", Static).update(detail)
        self.call_after_refresh(self._scroll_to_current)

    def _restyle(self, item: int) -> None:
        widgets = self.query(f"#item-{item}")
        if widgets and item < len(self.shown):
            widgets.first(Static).update(self._content(item))

    def _scroll_to_current(self) -> None:
        """Scroll the text so the current replacement's line is in view."""
        if self.current is None or self.current >= len(self.spots):
            return
        spot = self.spots[self.current]
        widgets = self.query(f"#item-{spot.item}")
        if not widgets:
            return
        widget = widgets.first(Static)
        width = widget.content_region.width
        line = 0
        if width > 0:
            before = Content(self.shown[spot.item].plain[: spot.start])
            line = max(0, len(before.wrap(width)) - 1)
        region = widget.virtual_region
        self.query_one("#controle", VerticalScroll).scroll_to_region(
            Region(0, region.y + line, 1, 1), animate=False, center=True
        )

    # -- commands -----------------------------------------------------------------

    def command_state(self, command: Command) -> bool | None:
        if command.id in {"vrijgeven", "volgende_vervanging", "vorige_vervanging"}:
            return True if self.spots else None
        return True

    def cmd_volgende_vervanging(self) -> None:
        self._move(1)

    def cmd_vorige_vervanging(self) -> None:
        self._move(-1)

    def _move(self, step: int) -> None:
        if not self.spots:
            return
        current = self.current if self.current is not None else -step
        self.query_one("#vervangingen", OptionList).highlighted = (current + step) % len(self.spots)
        self.query_one("#review-switch", ContentSwitcher).current = "controle"

    def cmd_vrijgeven(self) -> None:
        if self.current is None or self.current >= len(self.spots):
            return
        r = self.spots[self.current].replacement
        if self.is_own_name(r):
            self.notify(
                "Je eigen naam wordt altijd vervangen; die kun je niet vrijgeven.", markup=False
            )
            return
        if not self.ready:
            self._busy()
            return
        word = r.original.strip()
        allow = self.reflectie.settings.vrijgegeven
        if word.casefold() not in {a.casefold() for a in allow}:
            stored = self.reflectie.update_settings(vrijgegeven=(*allow, word))
            where = "" if stored else " (alleen in deze samenvatting: het dagboek is alleen-lezen)"
            self.notify(
                f"“{word}” is vrijgegeven en wordt niet meer vervangen{where}. "
                "Terugnemen kan bij Bekende namen.",
                title="Vrijgegeven",
                markup=False,
            )
        self._marked = [(n, rol) for n, rol in self._marked if n.casefold() != word.casefold()]
        self.reanonymize(None)

    def cmd_gemist(self) -> None:
        self.query_one("#review-switch", ContentSwitcher).current = "controle"
        self.query_one("#gemist", Input).focus()

    @on(Input.Submitted, "#gemist")
    @on(Button.Pressed, "#markeer")
    def mark_missed(self) -> None:
        field = self.query_one("#gemist", Input)
        word = " ".join(field.value.split())
        if not word:
            self.notify("Typ eerst het woord of de naam die vervangen moet worden.", markup=False)
            field.focus()
            return
        if not self.ready or self.source is None:
            self._busy()
            return
        rol = str(self.query_one("#gemist-rol", Select).value)
        allow = self.reflectie.settings.vrijgegeven
        if word.casefold() in {a.casefold() for a in allow}:
            # A released word that turns out to be a name after all: take the release back.
            self.reflectie.update_settings(
                vrijgegeven=tuple(a for a in allow if a.casefold() != word.casefold())
            )
        if word.casefold() not in {n.casefold() for n, _ in self._marked}:
            self._marked.append((word, rol))
        field.value = ""
        originals = [t for item in self.source.items for t in (item.text, item.note)]
        stored = not self.reflectie.read_only
        parts = [f"“{word}” wordt voortaan vervangen"]
        parts.append(
            " (staat in je bekende namen)." if stored else " (alleen in deze samenvatting)."
        )
        if not occurs(word, originals):
            parts.append(" Het komt in deze samenvatting niet voor; controleer de spelling.")
        self.notify("".join(parts), title="Gemarkeerd", markup=False)
        self.reanonymize((word, rol))
        self.query_one("#vervangingen", OptionList).focus()

    def cmd_eindversie(self) -> None:
        switch = self.query_one("#review-switch", ContentSwitcher)
        switch.current = "eindversie" if switch.current == "controle" else "controle"

    def cmd_bekende_namen(self) -> None:
        from reflectie.tui.screens.known_names import KnownNamesScreen

        def back(_result: object) -> None:
            # The list may have changed there (a name removed on purpose): from now on the
            # stored list decides; only a read-only journal keeps this review's marks.
            if not self.reflectie.read_only:
                self._marked.clear()
            self.reanonymize(None)

        self.app.push_screen(KnownNamesScreen(), back)

    def _busy(self) -> None:
        self.notify("Even geduld: de samenvatting wordt opnieuw geanonimiseerd.", markup=False)

    # -- saving -------------------------------------------------------------------

    @on(Select.Changed, "#formaat")
    def format_changed(self, event: Select.Changed) -> None:
        field = self.query_one("#pad", Input)
        field.value = suffix_for_format(field.value, str(event.value))

    @on(Input.Submitted, "#pad")
    @on(Button.Pressed, "#opslaan")
    def save_pressed(self) -> None:
        self.run_command("plg_opslaan")

    def cmd_plg_opslaan(self) -> None:
        if not self.ready:
            self._busy()
            return
        assert self.summary is not None
        if not self.summary.items:
            self.notify("Er is niets om op te slaan.", severity="warning", markup=False)
            return
        fmt = str(self.query_one("#formaat", Select).value)
        try:
            md_path, html_path = output_targets(self.query_one("#pad", Input).value, fmt)
        except ValueError as exc:
            self.notify(str(exc), severity="warning", markup=False)
            self.query_one("#pad", Input).focus()
            return
        markdown = render_markdown(self.summary)
        payloads: list[tuple[Path, bytes]] = []
        if md_path is not None:
            payloads.append((md_path, markdown.encode("utf-8")))
        if html_path is not None:
            payloads.append((html_path, render_html(markdown, title=REVIEW_TITLE).encode("utf-8")))
        self.write_files(payloads, False)

    @work(thread=True, group="plg-write")
    def write_files(self, payloads: list[tuple[Path, bytes]], overwrite: bool) -> None:
        self.post_message(write_payloads(payloads, overwrite=overwrite))

    @on(PlgFilesExist)
    def files_exist(self, message: PlgFilesExist) -> None:
        ask_replace(self, message.existing, lambda: self.write_files(message.payloads, True))

    @on(PlgFilesWritten)
    def files_written(self, message: PlgFilesWritten) -> None:
        self.saved = message.paths
        text = describe_written(message.paths)
        self.query_one("#opgeslagen", Static).update(Content(text))
        self.notify(text, title="PLG-samenvatting", markup=False, timeout=12)
