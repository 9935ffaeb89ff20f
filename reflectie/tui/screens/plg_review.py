"""PLG-samenvatting controleren: every replacement shown, nothing written until "Opslaan".

A thin view over :mod:`reflectie.plg.pipeline`: the summary is collected once and
anonymized under the teacher's choices (:func:`~reflectie.plg.pipeline.apply_choices`)
in a thread worker, exactly as ``reflectie export plg`` does. Every replacement is
highlighted in the text and listed at the side with its original and its reason
("Jan de Vries → Persoon 1 (voornaam)"); below them, words that were kept but may be
names are listed as "mogelijk een naam". The teacher walks through both with the list
(or ``n``/``p``) and

* releases a false positive (``v``, after a confirmation: it holds for every later
  export; the word goes on the allow list in the settings),
* marks a missed word (``m``) with a person role or a label ([school], [bedrijf],
  [klas], [plaats], [verwijderd]); it is stored and replaced from now on,
* replaces a word that may be a name (``w``): it becomes a known name.

Each change is stored at once (:class:`~reflectie.plg.choices.ReviewAction`) and the
summary is anonymized again. Only "Opslaan" writes a file, atomically and readable by
the owner only; "Eindversie" shows the exact Markdown that will be written.

All user text is shown as :class:`~textual.content.Content`, never parsed as markup.
"""

from __future__ import annotations

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
    Header,
    Input,
    Label,
    OptionList,
    Select,
    Static,
)
from textual.widgets.option_list import Option

from reflectie.anonymizer import AnonymizedText, Replacement, Suspect
from reflectie.plg.choices import (
    PERSON_KINDS,
    TERM_KINDS,
    TERM_LABELS,
    ReviewAction,
    ReviewChoices,
    load_choices,
)
from reflectie.plg.pipeline import SUMMARY_TITLE, apply_choices, occurs, render_summary
from reflectie.plg.protect import output_position
from reflectie.plg.summary import (
    SECTION_REFLECTIES,
    Item,
    Summary,
    SummaryChoice,
    collect,
    render_markdown,
)
from reflectie.prompts import PromptLibrary
from reflectie.settings import Settings
from reflectie.store.errors import StorageError
from reflectie.tui import messages as msg
from reflectie.tui.commands import Command
from reflectie.tui.data import SessionHolder
from reflectie.tui.screens.confirm import Choice, ChoiceDialog
from reflectie.tui.screens.known_names import student_word
from reflectie.tui.widgets.footer import KeyFooter
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
from reflectie.wording import count as plural_count

MARK_STYLE = "bold $text-warning on $warning-muted"
SUSPECT_STYLE = "bold underline $text-error"
CURRENT_STYLE = "bold reverse"
REVIEW_TITLE = SUMMARY_TITLE
#: Reasons as the teacher reads them (the rest is shown as the anonymizer gives it).
MARKED_REASONS = ("handmatig",)


def kind_options(sector: str | None) -> list[tuple[str, str]]:
    """The choices for a missed word: (shown text, kind)."""
    persons = [
        (student_word(sector, False) if kind == "student" else text, kind)
        for kind, text in PERSON_KINDS.items()
    ]
    return persons + [(text, kind) for kind, text in TERM_KINDS.items()]


@dataclass(frozen=True)
class Spot:
    """One replacement as shown: which item, and where its label sits in the item's lines."""

    item: int
    start: int
    end: int
    replacement: Replacement


@dataclass(frozen=True)
class SuspectSpot:
    """A word kept that may be a name, and where it sits in the item's lines."""

    item: int
    start: int
    end: int
    suspect: Suspect


Row = Spot | SuspectSpot


@dataclass(frozen=True)
class Shown:
    """What the review shows of one item: its plain lines and where the note is."""

    plain: str
    note: tuple[int, int]  # span of the note in ``plain`` (dimmed)
    spots: list[Spot]
    suspects: list[SuspectSpot]


@dataclass
class PlgReviewReady(Message):
    """The (re)anonymized summary; ``source`` is the collected, untouched one."""

    source: Summary | None
    summary: Summary | None
    choices: ReviewChoices | None
    generation: int


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


def _suspects_in(anonymized: AnonymizedText, item: int, offset: int) -> list[SuspectSpot]:
    out = []
    for s in anonymized.suspects:
        start = output_position(anonymized, s.start)
        end = start + (s.end - s.start)
        if anonymized.text[start:end] == anonymized.original[s.start : s.end]:
            out.append(SuspectSpot(item, offset + start, offset + end, s))
    return out


def shown_item(n: int, item: Item, text: AnonymizedText, note: AnonymizedText) -> Shown:
    """A reflection shows its note (the week) above the text, other items after it."""
    if item.section == SECTION_REFLECTIES and note.text:
        plain = f"{note.text}\n{text.text}"
        offset = len(note.text) + 1
        return Shown(
            plain,
            (0, len(note.text)),
            _spots_in(note, n, 0) + _spots_in(text, n, offset),
            _suspects_in(note, n, 0) + _suspects_in(text, n, offset),
        )
    if note.text:
        plain = f"{text.text}  ({note.text})"
        start = len(text.text) + 3
        return Shown(
            plain,
            (start - 1, start + len(note.text) + 1),
            _spots_in(text, n, 0) + _spots_in(note, n, start),
            _suspects_in(text, n, 0) + _suspects_in(note, n, start),
        )
    return Shown(text.text, (0, 0), _spots_in(text, n, 0), _suspects_in(text, n, 0))


class PlgReviewScreen(PlgScreen):
    """Check every replacement and doubtful word, release, mark, replace, then save."""

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
        #: The choices the shown summary was made with.
        self.choices: ReviewChoices | None = None
        self.shown: list[Shown] = []
        self.spots: list[Spot] = []
        self.suspects: list[SuspectSpot] = []
        #: The side list: replacements, a header (None), then the suspects.
        self.rows: list[Row | None] = []
        self.current: int | None = None
        self.saved: list[Path] = []
        self._generation = 0
        self._shown = -1
        #: What the teacher did here, applied again on top of what is stored (a journal
        #: opened read-only stores nothing; the released words live in the settings).
        self._actions: list[ReviewAction] = []

    # -- layout -------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        week = self.reflectie.clock().date().isocalendar()[1]
        yield Header()
        with Horizontal(id="review-body"):
            with ContentSwitcher(initial="controle", id="review-switch"):
                with VerticalScroll(id="controle"):
                    yield Static(
                        "Controle: elke vervanging is gemarkeerd, en onderstreept wat mogelijk "
                        "een naam is. Kies er een in de lijst rechts om te zien wat er stond "
                        "en waarom.",
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
                        [
                            (Content(text), kind)
                            for text, kind in kind_options(self.reflectie.settings.sector)
                        ],
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
        yield KeyFooter()

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

    def reanonymize(self, action: ReviewAction | None) -> None:
        """(Re)build the anonymized summary in a worker; ``action`` is stored first."""
        holder = self.reflectie.holder
        if holder is None:
            return
        if action is not None:
            self._actions.append(action)
        self._generation += 1
        self.prepare(
            holder,
            self.source,
            self.reflectie.library,
            self.reflectie.settings,
            list(self._actions),
            action,
            self._generation,
        )

    @work(thread=True, group="plg-anonymize")
    def prepare(
        self,
        holder: SessionHolder,
        source: Summary | None,
        library: PromptLibrary,
        settings: Settings,
        actions: list[ReviewAction],
        store: ReviewAction | None,
        generation: int,
    ) -> None:
        """Store the new action, collect (the first time), anonymize with the choices."""
        try:
            with holder.use() as session:
                if store is not None and not session.read_only:
                    store.store(session)
                if source is None:
                    source = collect(session, self.choice, library)
                choices = load_choices(session, settings=settings)
            for action in actions:
                choices = action.apply(choices)
            summary = apply_choices(source, choices)
        except (StorageError, OSError, ValueError) as exc:
            self.post_message(msg.OperationFailed(f"Samenvatting niet gemaakt: {exc}"))
            self.post_message(PlgReviewReady(source, None, None, generation))
            return
        self.post_message(PlgReviewReady(source, summary, choices, generation))

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
        self.choices = message.choices
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
        self.suspects = []
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
        widgets: list[Static] = []
        section = group = None
        for n, item in enumerate(summary.items):
            if item.section != section:
                section, group = item.section, None
                widgets.append(Static(Content(item.section), classes="plg-section"))
            if item.section == SECTION_REFLECTIES and item.group != group:
                group = item.group
                widgets.append(Static(Content(item.group), classes="plg-group"))
            shown = shown_item(n, item, summary.anonymized[n], summary.note_results[n])
            self.shown.append(shown)
            self.spots.extend(shown.spots)
            self.suspects.extend(shown.suspects)
            widgets.append(Static(self._content(n), classes="plg-item", id=f"item-{n}"))
        if summary.dialogue:
            widgets.append(Static("Vragen voor de reflectieve dialoog", classes="plg-section"))
            widgets.append(Static(Content("\n".join(f"- {q}" for q in summary.dialogue))))
        await items.mount_all(widgets)

    def current_row(self) -> Row | None:
        if self.current is None or not 0 <= self.current < len(self.rows):
            return None
        return self.rows[self.current]

    def _content(self, item: int) -> Content:
        """An item's lines: note dimmed, replacements marked, suspects underlined, the
        current one reversed."""
        shown = self.shown[item]
        content = Content(shown.plain)
        if shown.note[1] > shown.note[0]:
            content = content.stylize("dim italic", *shown.note)
        for spot in shown.spots:
            content = content.stylize(MARK_STYLE, spot.start, spot.end)
        for suspect in shown.suspects:
            content = content.stylize(SUSPECT_STYLE, suspect.start, suspect.end)
        row = self.current_row()
        if row is not None and row.item == item:
            content = content.stylize(CURRENT_STYLE, row.start, row.end)
        return content

    def _show_list(self) -> None:
        spots, suspects = self.spots, self.suspects
        count = len(spots)
        items = len(self.summary.items) if self.summary else 0
        telling = f"{plural_count(count, 'vervanging')} in {plural_count(items, 'onderdeel')}"
        if suspects:
            telling += f"\n{len(suspects)} mogelijk een naam (onderstreept)"
        self.query_one("#telling", Static).update(Content(telling))
        options = self.query_one("#vervangingen", OptionList)
        previous = self.current
        rows: list[Row | None] = [*spots]
        prompts: list[Option] = [
            Option(
                Content.assemble(
                    Content(_short(spot.replacement.original)),
                    " → ",
                    (spot.replacement.label, "bold"),
                    (f"  ({self.reason(spot.replacement)})", "dim"),
                )
            )
            for spot in spots
        ]
        if suspects:
            rows.append(None)
            prompts.append(
                Option(
                    Content.styled(f"Mogelijk een naam ({len(suspects)})", "bold"), disabled=True
                )
            )
            for suspect in suspects:
                rows.append(suspect)
                prompts.append(
                    Option(
                        Content.assemble(
                            Content(_short(suspect.suspect.text)),
                            ("  mogelijk een naam", "dim"),
                        )
                    )
                )
        self.rows = rows
        options.set_options(prompts)
        self.current = None
        selectable = [i for i, row in enumerate(rows) if row is not None]
        if selectable:
            index = min(previous or 0, len(rows) - 1)
            if rows[index] is None:
                index = next((i for i in selectable if i > index), selectable[-1])
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
        if r.reason in MARKED_REASONS:
            return "door jou gemarkeerd"
        return r.reason

    def is_own_name(self, r: Replacement) -> bool:
        own = self.reflectie.settings.naam.strip().casefold()
        return bool(own) and r.reason == "handmatig" and r.original.casefold().startswith(own)

    # -- the current row ----------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#vervangingen")
    def replacement_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.show_current(event.option_index)

    def show_current(self, index: int | None) -> None:
        if index is None or not 0 <= index < len(self.rows):
            return
        row = self.rows[index]
        if row is None:
            return
        before = self.current_row()
        self.current = index
        if before is not None:
            self._restyle(before.item)
        self._restyle(row.item)
        if isinstance(row, SuspectSpot):
            position = self.suspects.index(row) + 1
            detail = Content.assemble(
                (f"Mogelijk een naam {position} van {len(self.suspects)}", "bold"),
                "\n“",
                Content(row.suspect.text),
                "” bleef staan",
                *(("\nReden: ", Content(row.suspect.reason)) if row.suspect.reason else ()),
                "\n",
                (
                    f"{plg_key('vervang_verdacht')}: toch vervangen (komt in je bekende namen); "
                    f"{plg_key('gemist')}: met een ander label",
                    "dim",
                ),
            )
        else:
            r = row.replacement
            hint = (
                "Je eigen naam wordt altijd vervangen."
                if self.is_own_name(r)
                else f"{plg_key('vrijgeven')}: vrijgeven als dit geen persoonsgegeven is"
            )
            detail = Content.assemble(
                (f"Vervanging {self.spots.index(row) + 1} van {len(self.spots)}", "bold"),
                "\n“",
                Content(r.original),
                "” → ",
                (r.label, "bold"),
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
        """Scroll the text so the current row's line is in view."""
        row = self.current_row()
        if row is None:
            return
        widgets = self.query(f"#item-{row.item}")
        if not widgets:
            return
        widget = widgets.first(Static)
        width = widget.content_region.width
        line = 0
        if width > 0:
            before = Content(self.shown[row.item].plain[: row.start])
            line = max(0, len(before.wrap(width)) - 1)
        region = widget.virtual_region
        self.query_one("#controle", VerticalScroll).scroll_to_region(
            Region(0, region.y + line, 1, 1), animate=False, center=True
        )

    # -- commands -----------------------------------------------------------------

    def command_state(self, command: Command) -> bool | None:
        if command.id == "vrijgeven":
            return True if isinstance(self.current_row(), Spot) else None
        if command.id == "vervang_verdacht":
            return True if isinstance(self.current_row(), SuspectSpot) else None
        if command.id in {"volgende_vervanging", "vorige_vervanging"}:
            return True if self.spots or self.suspects else None
        return True

    def cmd_volgende_vervanging(self) -> None:
        self._move(1)

    def cmd_vorige_vervanging(self) -> None:
        self._move(-1)

    def _move(self, step: int) -> None:
        selectable = [i for i, row in enumerate(self.rows) if row is not None]
        if not selectable:
            return
        if self.current in selectable:
            index = selectable[(selectable.index(self.current) + step) % len(selectable)]
        else:
            index = selectable[0 if step > 0 else -1]
        self.query_one("#vervangingen", OptionList).highlighted = index
        self.query_one("#review-switch", ContentSwitcher).current = "controle"

    def cmd_vrijgeven(self) -> None:
        row = self.current_row()
        if not isinstance(row, Spot):
            return
        r = row.replacement
        if self.is_own_name(r):
            self.notify(
                "Je eigen naam wordt altijd vervangen; die kun je niet vrijgeven.", markup=False
            )
            return
        if not self.ready:
            self._busy()
            return
        word = r.original.strip()

        def answered(choice: str | None) -> None:
            if choice == "vrijgeven":
                self.release(word)

        self.app.push_screen(
            ChoiceDialog(
                "Vrijgeven?",
                Content.assemble(
                    "“",
                    Content(word),
                    "” wordt dan niet meer vervangen, in deze samenvatting én in elke "
                    "latere. Doe dit alleen als het geen naam of ander persoonsgegeven is.\n\n"
                    "Terugnemen kan bij Bekende namen.",
                ),
                [Choice("vrijgeven", "Vrijgeven", "warning"), Choice("annuleren", "Annuleren")],
                focus="annuleren",
            ),
            answered,
        )

    def release(self, word: str) -> None:
        """Release ``word`` (the teacher confirmed): allow-list in the settings, unmarked."""
        allow = self.reflectie.settings.vrijgegeven
        stored = True
        if word.casefold() not in {a.casefold() for a in allow}:
            stored = self.reflectie.update_settings(vrijgegeven=(*allow, word))
        where = "" if stored else " (alleen in deze samenvatting: het dagboek is alleen-lezen)"
        self.notify(
            f"“{word}” is vrijgegeven en wordt niet meer vervangen{where}. "
            "Terugnemen kan bij Bekende namen.",
            title="Vrijgegeven",
            markup=False,
        )
        self.reanonymize(ReviewAction(word))

    def cmd_gemist(self) -> None:
        row = self.current_row()
        field = self.query_one("#gemist", Input)
        if isinstance(row, SuspectSpot) and not field.value.strip():
            field.value = row.suspect.text  # a doubtful word: choose its label
        self.query_one("#review-switch", ContentSwitcher).current = "controle"
        field.focus()

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
        kind = str(self.query_one("#gemist-rol", Select).value)
        field.value = ""
        self.mark(word, kind)
        self.query_one("#vervangingen", OptionList).focus()

    def cmd_vervang_verdacht(self) -> None:
        row = self.current_row()
        if not isinstance(row, SuspectSpot):
            return
        if not self.ready or self.source is None:
            self._busy()
            return
        self.mark(row.suspect.text, "anders")

    def mark(self, word: str, kind: str) -> None:
        """Mark ``word`` as missed with ``kind``: stored, and replaced from now on."""
        assert self.source is not None
        allow = self.reflectie.settings.vrijgegeven
        if word.casefold() in {a.casefold() for a in allow}:
            # A released word that turns out to be a name after all: take the release back.
            self.reflectie.update_settings(
                vrijgegeven=tuple(a for a in allow if a.casefold() != word.casefold())
            )
        label = TERM_LABELS.get(kind)
        what = f"door {label}" if label else "als naam"
        where = (
            " (alleen in deze samenvatting: het dagboek is alleen-lezen)."
            if self.reflectie.read_only
            else (
                ", ook in latere samenvattingen (zie Bekende namen)."
                if label
                else ", ook in latere samenvattingen (staat in je bekende namen)."
            )
        )
        text = f"“{word}” wordt vervangen {what}{where}"
        originals = [t for item in self.source.items for t in (item.text, item.note)]
        if not occurs(word, originals):
            text += " Het komt in deze samenvatting niet voor; controleer de spelling."
        self.notify(text, title="Gemarkeerd", markup=False)
        self.reanonymize(ReviewAction(word, kind))

    def cmd_eindversie(self) -> None:
        switch = self.query_one("#review-switch", ContentSwitcher)
        switch.current = "eindversie" if switch.current == "controle" else "controle"

    def cmd_bekende_namen(self) -> None:
        from reflectie.tui.screens.known_names import KnownNamesScreen

        def back(_result: object) -> None:
            # The lists may have changed there (a name removed, a release taken back): from
            # now on what is stored decides; only a read-only journal keeps this review's
            # marks (the released words are in the settings, which that screen changes).
            released = {a.casefold() for a in self.reflectie.settings.vrijgegeven}
            self._actions = (
                [a for a in self._actions if not a.releases or a.word.casefold() in released]
                if self.reflectie.read_only
                else []
            )
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
        payloads: list[tuple[Path, bytes]] = []
        if md_path is not None:
            payloads.append((md_path, render_summary(self.summary).encode("utf-8")))
        if html_path is not None:
            payloads.append((html_path, render_summary(self.summary, html=True).encode("utf-8")))
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
