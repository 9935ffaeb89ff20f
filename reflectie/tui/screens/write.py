"""Writing and editing one reflection, with drafts saved as you type.

Nothing typed here may be lost:

* every change restarts a short timer; when it fires, a thread worker writes a
  draft file, so typing never waits on the disk and a crash loses at most the
  timer's delay;
* ctrl+s writes the entry through the journal in a worker; only after it is
  durable is the draft removed;
* leaving with unsaved changes always asks (opslaan / concept bewaren /
  weggooien / annuleren).

Draft and save workers may finish in any order, so each carries the
*generation* (edit counter) it was started for. Under ``_disk_lock`` a draft
older than what was last saved or drafted is skipped, so a slow draft can
never resurrect text that was saved already.

Draft writes run as workers of the *app* (:meth:`ReflectieApp.run_for`): closing
this screen must not cancel one that is still writing, and a failure must still
be heard. "Concept bewaren" closes the screen only once its draft is on disk; a
draft that could not be written keeps the screen open and is tried once more.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from importlib.util import find_spec
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Header, Input, Label, Select, Static, Switch, TextArea
from textual.worker import Worker, WorkerState

from reflectie.clock import iso
from reflectie.drafts import NEW_ENTRY, Draft, DraftStore
from reflectie.journal import NotFoundError, StaleVersionError
from reflectie.model import Entry, ValidationError
from reflectie.prompts import Prompt
from reflectie.store.errors import StorageError
from reflectie.store.fileio import RemovalNotConfirmedError
from reflectie.tui import messages as msg
from reflectie.tui.commands import bindings_for, key_of
from reflectie.tui.data import SessionHolder
from reflectie.tui.debounce import Debouncer
from reflectie.tui.formatting import clock_time, first_line, format_tags, parse_tags, short_date
from reflectie.tui.screens.base import CommandScreen
from reflectie.tui.screens.confirm import Choice, ChoiceDialog
from reflectie.tui.screens.draft_compare import (
    COMPARE,
    DISCARD,
    KEEP_AS_NEW,
    DraftCompareScreen,
)
from reflectie.tui.widgets.footer import KeyFooter
from reflectie.tui.widgets.prompt_card import PromptCard
from reflectie.tui.workers import wait_for_workers


class SaveConflict(Message):
    """A save was refused: the entry is no longer the version the editor started from."""

    def __init__(self, current: Entry) -> None:
        super().__init__()
        self.current = current


def discard_failed(exc: OSError) -> str:
    """What to say when removing a draft failed (gone but unconfirmed, or still there)."""
    if isinstance(exc, RemovalNotConfirmedError):
        return (
            f"Concept verwijderd, maar het vastleggen op schijf is niet bevestigd ({exc}). "
            "Komt het na een stroomstoring terug, dan wordt het als ouder concept aangeboden."
        )
    return f"Concept niet verwijderd: {exc}"


def draft_offer(draft: Draft, *, editing: bool) -> ChoiceDialog:
    """The question asked before the editor opens on a text that has a draft."""
    when = clock_time(draft.bewaard)
    saved_at = f" (bewaard om {when})" if when else ""
    body = (
        f"Er is een concept dat nog niet is opgeslagen{saved_at}:\n"
        f"“{first_line(draft.tekst)}”\n\nWil je daarmee verder schrijven?"
    )
    fresh = "Opgeslagen versie openen" if editing else "Opnieuw beginnen"
    return ChoiceDialog(
        "Verder met je concept?",
        body,
        [
            Choice("verder", "Verder schrijven", "primary"),
            Choice("opnieuw", fresh + " (concept weg)", "warning"),
            Choice("annuleren", "Annuleren"),
        ],
    )


def markdown_language() -> str | None:
    """``"markdown"`` when tree-sitter can highlight it, else ``None`` (plain text).

    Textual only highlights with the optional ``textual[syntax]`` extra; without
    it we fall back to plain text rather than logging a warning on every open.
    """
    if find_spec("tree_sitter") is None or find_spec("tree_sitter_markdown") is None:
        return None
    return "markdown"


@dataclass(frozen=True)
class EditorState:
    """What the editor holds, comparable: unsaved changes = state ≠ stored state."""

    tekst: str
    tags: str
    deelbaar: bool
    leervraag: str | None = None


EMPTY = EditorState("", "", False)


def state_of(entry: Entry | None, leervraag: str | None = None) -> EditorState:
    """What is stored; a new entry opened from a leervraag starts linked to it."""
    if entry is None:
        return EditorState("", "", False, leervraag)
    return EditorState(entry.tekst, format_tags(entry.tags), entry.deelbaar, entry.leervraag)


def leervraag_options(
    leervragen: list[dict[str, Any]], linked: str | None
) -> list[tuple[Content, str]]:
    """Open and bezig leervragen, plus the linked one whatever its status."""
    options = [
        (Content(first_line(doc["tekst"], 70)), doc["id"])
        for doc in leervragen
        if doc["status"] != "afgerond" or doc["id"] == linked
    ]
    if linked and all(value != linked for _, value in options):
        options.append((Content("(onbekende leervraag)"), linked))
    return options


class WriteScreen(CommandScreen):
    """The editor: prompt on top, Markdown text, tags and the *deelbaar* switch."""

    SCREEN_NAME = "write"
    BINDINGS = bindings_for("write")

    def __init__(
        self,
        *,
        entry: Entry | None,
        prompt: Prompt | None,
        draft: Draft | None,
        leervraag: str | None = None,
        leervragen: list[dict[str, Any]] | None = None,
    ) -> None:
        super().__init__()
        self.entry = entry
        self.prompt = prompt
        self._stored = state_of(entry, leervraag)
        self._initial = (
            EditorState(
                draft.tekst,
                format_tags(draft.tags),
                draft.deelbaar,
                # a draft of an entry holds its whole state, a deliberate "geen" included
                draft.leervraag if entry is not None else draft.leervraag or leervraag,
            )
            if draft
            else self._stored
        )
        self._leervraag_options = leervraag_options(leervragen or [], self._initial.leervraag)
        self._draft_on_disk: EditorState | None = self._initial if draft else None
        self._draft_time = draft.bewaard if draft else ""
        self._generation = 0
        self._disk_lock = threading.Lock()
        self._saved_generation = -1
        self._drafted_generation = -1
        self._draft_debounce: Debouncer | None = None
        self._saving = False
        self._after_save: Callable[[], object] | None = None
        #: The editor state known to be on disk, as a draft or as the saved entry
        #: (set by workers under ``_disk_lock``; None: no unsaved text is on disk).
        self._durable: EditorState | None = self._initial if draft else None
        #: The entry the running save has durably written (set by its worker), so a
        #: failure after that point never leads to a second entry.
        self._written: Entry | None = None
        self._saving_generation = -1
        #: A draft that failed is retried once per text (generation), not forever.
        self._retried_generation = -1
        #: A draft held back while the journal was closed on purpose (switch, lock).
        self._draft_deferred = False

    # -- layout -------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="write"):
            yield PromptCard(id="write-prompt")
            yield TextArea(
                self._initial.tekst,
                language=markdown_language(),
                soft_wrap=True,
                tab_behavior="focus",
                id="tekst",
                placeholder="Schrijf hier. Markdown mag: # kop, *schuin*, **vet**, - opsomming.",
            )
            with Horizontal(id="write-meta"):
                yield Label("Tags", classes="meta-label")
                yield Input(
                    self._initial.tags,
                    id="tags",
                    placeholder="gescheiden door komma of spatie, bijv. feedback klas3b",
                )
                yield Label("Deelbaar", classes="meta-label")
                yield Switch(self._initial.deelbaar, id="deelbaar")
            with Horizontal(id="write-link"):
                yield Label(f"Leervraag ({key_of('koppel')})", classes="meta-label")
                yield Select(
                    self._leervraag_options,
                    prompt="Geen leervraag" if self._leervraag_options else "Nog geen leervragen",
                    value=self._initial.leervraag or Select.NULL,
                    id="leervraag",
                    disabled=not self._leervraag_options,
                )
            yield Static(id="write-status")
        yield KeyFooter()

    def on_mount(self) -> None:
        app = self.reflectie
        if self.prompt is None and self.entry is not None and self.entry.prompt:
            self.prompt = app.library.find(self.entry.prompt)
        sector = app.settings.sector or "mbo"
        prompt_set = app.library.get_set(self.prompt.set_id) if self.prompt else None
        self.query_one(PromptCard).show_prompt(
            f"Vragenset: {prompt_set.titel}" if prompt_set else None,
            self.prompt.render(sector) if self.prompt else None,
            self.prompt.render_hint(sector) if self.prompt else None,
        )
        self.sub_title = (
            f"reflectie van {short_date(self.entry.created)} bewerken"
            if self.entry
            else "nieuwe reflectie"
        )
        text_area = self.query_one("#tekst", TextArea)
        text_area.cursor_blink = app.options.cursor_blink
        self.query_one("#tags", Input).cursor_blink = app.options.cursor_blink
        text_area.move_cursor(text_area.document.end)
        text_area.focus()
        self.show_status()

    # -- state --------------------------------------------------------------------

    def current_state(self) -> EditorState:
        linked = self.query_one("#leervraag", Select).value
        return EditorState(
            self.query_one("#tekst", TextArea).text,
            self.query_one("#tags", Input).value,
            self.query_one("#deelbaar", Switch).value,
            linked if isinstance(linked, str) else None,
        )

    def has_unsaved_changes(self) -> bool:
        return self.current_state() != self._stored

    @property
    def draft_key(self) -> str:
        return self.entry.id if self.entry else NEW_ENTRY

    def show_status(self) -> None:
        parts: list[str | tuple[str, str]] = []
        if self.has_unsaved_changes():
            parts.append(("● niet opgeslagen", "bold $warning"))
        else:
            parts.append(
                ("✓ opgeslagen" if self.entry else "nog leeg", "$success" if self.entry else "dim")
            )
        if self._draft_on_disk is not None and self._draft_time:
            parts.append((f"  ·  concept bewaard om {clock_time(self._draft_time)}", "dim"))
        parts.append(("  ·  ", "dim"))
        parts.append(
            ("deelbaar" if self.query_one("#deelbaar", Switch).value else "privé", "italic")
        )
        self.query_one("#write-status", Static).update(Content.assemble(*parts))

    # -- drafts -------------------------------------------------------------------

    @on(TextArea.Changed)
    @on(Input.Changed, "#tags")
    @on(Switch.Changed, "#deelbaar")
    @on(Select.Changed, "#leervraag")
    def editor_changed(self) -> None:
        self._generation += 1
        self.show_status()
        self._debouncer().poke()

    def flush_draft(self) -> Worker[Any] | None:
        """Write the current text as a draft now, if it differs from what is on disk.

        Returns the worker doing it (a worker of the app), or None when nothing needs
        writing or the journal is closed (then it is written once it is open again).
        """
        self._stop_timer()
        state = self.current_state()
        if state == self._draft_on_disk or (state == self._stored and self._draft_on_disk is None):
            return None
        holder = self.reflectie.holder
        if holder is None or holder.closed:
            self._draft_deferred = True
            return None
        return self._write_draft(state)

    def _timer_fired(self) -> None:
        if self.reflectie.closing_on_purpose:
            # A switch or lock flushed the drafts already and is closing the journal:
            # a draft now would use the old key. Write it once the journal is open.
            self._draft_deferred = True
            return
        self.flush_draft()

    def journal_reopened(self) -> None:
        """The journal is open again (after a switch or a lock): write what this editor
        holds that is not on disk yet (a draft held back, or one that failed)."""
        self._draft_deferred = False
        if not self.text_is_safe():
            self.flush_draft()

    def _write_draft(self, state: EditorState) -> Worker[Any]:
        discard = state == self._stored  # back to what is stored: the draft has no use
        self._draft_on_disk = None if discard else state
        if discard:
            self._draft_time = ""
            self.show_status()
        app = self.reflectie
        work = partial(
            self._store_draft,
            app.post_message,
            self._make_draft(state),
            state,
            app.session.drafts,
            self._generation,
            discard,
        )
        return app.run_for(self, work, name="store_draft", group="draft")

    def text_is_safe(self) -> bool:
        """Is what the editor holds on disk, as the saved entry or as a draft?"""
        state = self.current_state()
        return state == self._stored or state == self._durable

    def _debouncer(self) -> Debouncer:
        if self._draft_debounce is None:
            delay = self.reflectie.options.draft_delay
            self._draft_debounce = Debouncer(self, delay, self._timer_fired)
        return self._draft_debounce

    def _stop_timer(self) -> None:
        self._debouncer().cancel()

    def _make_draft(self, state: EditorState) -> Draft:
        return Draft(
            entry_id=self.draft_key,
            tekst=state.tekst,
            tags=tuple(parse_tags(state.tags)),
            deelbaar=state.deelbaar,
            prompt=self.prompt.id if self.prompt else None,
            promptset=self.prompt.set_id if self.prompt else None,
            leervraag=state.leervraag,
            bewaard=iso(self.reflectie.clock()),
            # The version this text started from: a later change to the entry is then
            # recognised, and the draft never silently replaces it.
            basis=self.entry.version if self.entry else None,
        )

    def _store_draft(
        self,
        report: Callable[[Message], object],
        draft: Draft,
        state: EditorState,
        drafts: DraftStore,
        generation: int,
        discard: bool,
    ) -> bool:
        """Write (or, when the text equals what is stored, remove) the draft file.

        Runs in a worker of the app; everything it needs is passed in, as this
        screen may be gone by now. Returns whether the text is on disk now.
        """
        with self._disk_lock:
            if generation <= max(self._saved_generation, self._drafted_generation):
                return True  # something newer is on disk already
            try:
                if discard:
                    drafts.discard(draft.entry_id)
                else:
                    drafts.save(draft)
            except OSError as exc:
                report(msg.OperationFailed(f"Concept niet bewaard: {exc}"))
                self.post_message(msg.DraftFailed())
                return False
            self._drafted_generation = generation
            self._durable = None if discard else state
        if not discard:
            self.post_message(msg.DraftSaved(draft.bewaard))
        return True

    @on(msg.DraftSaved)
    def draft_saved(self, message: msg.DraftSaved) -> None:
        self._draft_time = message.bewaard
        self.show_status()

    @on(msg.DraftFailed)
    def draft_failed(self) -> None:
        self._draft_not_written()

    def _draft_not_written(self) -> None:
        """A draft did not reach the disk: show that, and try once more after the
        usual pause (the next change tries again as well)."""
        if not self.is_attached:
            return
        self._draft_on_disk = None
        self._draft_time = ""
        self.show_status()
        if self._retried_generation < self._generation:
            self._retried_generation = self._generation
            self._debouncer().poke()

    def _forget_draft(self, key: str, generation: int) -> Worker[Any]:
        """Remove the draft of ``generation``; no older draft worker brings it back."""
        app = self.reflectie
        work = partial(self._discard_draft, app.post_message, app.session.drafts, generation, key)
        return app.run_for(self, work, name="forget_draft", group="draft")

    def _discard_draft(
        self,
        report: Callable[[Message], object],
        drafts: DraftStore,
        generation: int,
        key: str,
    ) -> None:
        with self._disk_lock:
            self._saved_generation = max(self._saved_generation, generation)
            try:
                drafts.discard(key)
            except OSError as exc:
                report(msg.OperationFailed(discard_failed(exc)))

    # -- saving -------------------------------------------------------------------

    def cmd_opslaan(self) -> None:
        self.save()

    def save(self, *, as_new: bool = False) -> None:
        """Store the text; ``as_new`` makes it a new entry even when editing one (after
        the entry changed elsewhere), and drops this editor's draft once it is stored."""
        if self._saving:
            self.notify("Bezig met opslaan…")
            return
        holder = self.reflectie.holder
        if holder is None or holder.closed:
            self.notify(
                "Je dagboek is even dicht (vergrendeld of omgezet); je tekst staat er nog.",
                markup=False,
            )
            return
        self._stop_timer()
        self._saving = True
        self._written = None
        self._saving_generation = self._generation
        entry_id = None if as_new or self.entry is None else self.entry.id
        # An edit only goes through if the entry is still the version this editor has.
        expected = self.entry.version if self.entry is not None and not as_new else None
        self.store_entry(
            holder,
            self.current_state(),
            self._generation,
            entry_id,
            self.prompt,
            expected,
            self.draft_key,
        )

    @work(thread=True, group="save")
    def store_entry(
        self,
        holder: SessionHolder,
        state: EditorState,
        generation: int,
        entry_id: str | None,
        prompt: Prompt | None,
        expected_version: str | None = None,
        draft_key: str = NEW_ENTRY,
    ) -> None:
        """Write the entry durably, then drop the draft; the result arrives as a message."""
        try:
            with holder.use() as session:
                tags = parse_tags(state.tags)
                if entry_id is None:
                    entry = session.journal.write(
                        state.tekst,
                        prompt=prompt.id if prompt else None,
                        promptset=prompt.set_id if prompt else None,
                        tags=tags,
                        deelbaar=state.deelbaar,
                        leervraag=state.leervraag,
                    )
                else:
                    entry = session.journal.edit(
                        entry_id,
                        tekst=state.tekst,
                        tags=tags,
                        deelbaar=state.deelbaar,
                        leervraag=state.leervraag,
                        expected_version=expected_version,
                    )
        except StaleVersionError as exc:
            self.post_message(SaveConflict(exc.current))
            return
        except (ValidationError, NotFoundError) as exc:
            self.post_message(msg.SaveFailed(str(exc)))
            return
        except (StorageError, OSError) as exc:
            self.post_message(msg.SaveFailed(f"Niet opgeslagen: {exc}"))
            return
        with self._disk_lock:
            # Durable from here on, whatever fails next: a retry edits this entry.
            self._written = entry
            self._durable = state
            self._saved_generation = max(self._saved_generation, generation)
            try:
                holder.session.drafts.discard(draft_key)
            except OSError as exc:
                self.post_message(msg.OperationFailed(discard_failed(exc)))
        self.post_message(msg.EntrySaved(entry, generation, close_after=False))

    @on(msg.EntrySaved)
    def entry_saved(self, message: msg.EntrySaved) -> None:
        self._now_stored(message.entry)
        self.notify("Reflectie opgeslagen.", title="Opgeslagen")
        then, self._after_save = self._after_save, None
        if then is not None:
            then()

    def _now_stored(self, entry: Entry) -> None:
        self._saving = False
        self.entry = entry
        self._stored = state_of(entry)
        self._draft_on_disk = None
        self.sub_title = f"reflectie van {short_date(entry.created)} bewerken"
        self.show_status()
        if self.has_unsaved_changes():
            self.editor_changed()  # typed on during the save: keep drafting that

    @on(SaveConflict)
    def save_conflict(self, message: SaveConflict) -> None:
        """The entry changed since this editor started from it: never overwrite it.

        The text stays here (and is written as a draft); the teacher chooses.
        """
        self._save_did_not_happen()
        current = message.current

        def chosen(choice: str | None) -> None:
            if choice == KEEP_AS_NEW:
                self.save(as_new=True)
            elif choice == COMPARE:
                mine = self._make_draft(self.current_state())
                self.app.push_screen(DraftCompareScreen(mine, current), compared)

        def compared(choice: str | None) -> None:
            if choice == KEEP_AS_NEW:
                self.save(as_new=True)
            elif choice == DISCARD:
                self._discard_mine(current)
            else:
                ask()

        def ask() -> None:
            self.app.push_screen(
                ChoiceDialog(
                    "Deze reflectie is intussen gewijzigd",
                    "De reflectie is gewijzigd nadat je begon te schrijven (bijvoorbeeld met "
                    "'reflectie bewerk' of door een herstel). Opslaan zou die nieuwere tekst "
                    "overschrijven; er is niets opgeslagen. Je tekst staat er nog.",
                    [
                        Choice(KEEP_AS_NEW, "Als nieuwe reflectie bewaren", "primary"),
                        Choice(COMPARE, "Vergelijken"),
                        Choice("annuleren", "Annuleren"),
                    ],
                ),
                chosen,
            )

        ask()

    def _discard_mine(self, current: Entry) -> None:
        """Drop this editor's text for the entry as it is now (after comparing)."""
        self._stop_timer()
        self._forget_draft(self.draft_key, self._generation)
        self.entry = current
        self._stored = state_of(current)
        text_area = self.query_one("#tekst", TextArea)
        text_area.load_text(current.tekst)
        self.query_one("#tags", Input).value = self._stored.tags
        self.query_one("#deelbaar", Switch).value = current.deelbaar
        select = self.query_one("#leervraag", Select)
        if current.leervraag is None or any(
            value == current.leervraag for _, value in self._leervraag_options
        ):
            select.value = current.leervraag or Select.NULL
        self._draft_on_disk = None
        self._draft_time = ""
        self.show_status()

    @on(msg.SaveFailed)
    def save_failed(self, message: msg.SaveFailed) -> None:
        self._save_did_not_happen()
        self.notify(message.message, title="Niet opgeslagen", severity="error", markup=False)

    def _save_did_not_happen(self) -> None:
        """A save failed: the text stays here, and the draft the save made unnecessary
        (its timer was stopped) is written after all."""
        self._saving = False
        self._after_save = None
        holder = self.reflectie.holder
        if holder is not None and not holder.closed:  # closed: it was flushed before closing
            self.flush_draft()

    def worker_failed(self, worker: Worker[Any]) -> None:
        """An unexpected error in a worker of this screen (the app has told the teacher)."""
        if not self.is_attached:
            return  # closed meanwhile: only a discarded draft's removal can get here
        if worker.group == "save":
            written = self._written
            if written is None:
                self._save_did_not_happen()
                return
            # The entry was stored; what failed came after (removing the draft). Edit
            # this entry from now on, never write a second one; the draft goes again.
            key = self.draft_key  # the draft the save replaced (NEW_ENTRY for a new one)
            self._after_save = None
            self._now_stored(written)
            self.notify(
                "De reflectie is wel opgeslagen.", title="Opgeslagen", markup=False, timeout=10
            )
            self._forget_draft(key, self._saving_generation)
        elif worker.group == "draft":
            self._draft_not_written()

    # -- other commands -----------------------------------------------------------

    def cmd_wissel_veld(self) -> None:
        tags = self.query_one("#tags", Input)
        if tags.has_focus:
            self.query_one("#tekst", TextArea).focus()
        else:
            tags.focus()

    def cmd_deelbaar(self) -> None:
        self.query_one("#deelbaar", Switch).toggle()

    def cmd_koppel(self) -> None:
        select = self.query_one("#leervraag", Select)
        if select.disabled:
            self.notify(
                "Er zijn nog geen open leervragen; leg er een vast via Leervragen op het "
                "startscherm.",
                markup=False,
            )
            return
        select.focus()
        select.action_show_overlay()

    # -- leaving ------------------------------------------------------------------

    def request_leave(self, then: Callable[[], object]) -> None:
        if not self.has_unsaved_changes():
            self._stop_timer()
            then()
            return

        def chosen(choice: str | None) -> None:
            if choice == "opslaan":
                self._after_save = then
                self.save()
            elif choice == "concept":
                self._leave_after_draft(then)
            elif choice == "weggooien":
                self._stop_timer()
                self._forget_draft(self.draft_key, self._generation)
                then()

        self.app.push_screen(
            ChoiceDialog(
                "Niet-opgeslagen tekst",
                "Wat je schreef staat nog niet in je dagboek. Wat wil je ermee doen?",
                [
                    Choice("opslaan", "Opslaan", "primary"),
                    Choice("concept", "Concept bewaren"),
                    Choice("weggooien", "Weggooien", "error"),
                    Choice("annuleren", "Annuleren"),
                ],
            ),
            chosen,
        )

    def _leave_after_draft(self, then: Callable[[], object]) -> None:
        """Leave after "concept bewaren" once the draft is on disk, never before.

        The draft is written now, even if an earlier one for this text may still be
        under way or have failed (a skip under ``_disk_lock`` means it is on disk).
        If it fails, the screen stays open with the text, and the teacher is told.
        """
        self._stop_timer()
        if self.text_is_safe():
            then()
            return
        holder = self.reflectie.holder
        if holder is None or holder.closed or self.reflectie.closing_on_purpose:
            self.notify(
                "Je dagboek wordt net omgezet of vergrendeld; het concept kan zo meteen "
                "worden bewaard. Je tekst staat er nog.",
                title="Even geduld",
                markup=False,
            )
            return
        worker = self._write_draft(self.current_state())

        async def leave_when_written() -> None:
            await wait_for_workers([worker])
            if worker.state is WorkerState.SUCCESS and worker.result and self.text_is_safe():
                then()
            else:
                self.notify(
                    "Het concept is niet bewaard, dus het venster blijft open: je tekst "
                    "staat er nog. Sla op of probeer het opnieuw.",
                    title="Niet gesloten",
                    severity="error",
                    markup=False,
                )

        self.call_later(leave_when_written)
