"""The journal: every reflection, newest first, with filters, search and preview.

Fast at ten thousand entries: the list holds ids only and loads the rows on
screen (:class:`EntryList`); filtering runs in a thread worker (the first
search builds the journal's folded-text index) and answers with the matching
ids. Search-as-you-type waits for a short pause in typing before it starts.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Header, Input, Markdown, Select, Static

from reflectie.journal import EntryFilter, NotFoundError
from reflectie.model import Entry
from reflectie.store.errors import StorageError
from reflectie.tui import messages as msg
from reflectie.tui.commands import Command, bindings_for, key_of
from reflectie.tui.data import SessionHolder
from reflectie.tui.debounce import Debouncer
from reflectie.tui.formatting import PERIODS, entry_meta, first_line, period_range
from reflectie.tui.screens.base import CommandScreen
from reflectie.tui.screens.confirm import Choice, ChoiceDialog
from reflectie.tui.widgets.entry_list import EntryList
from reflectie.tui.widgets.footer import KeyFooter
from reflectie.wording import count as plural_count

EMPTY_JOURNAL = f"Nog geen reflecties. Druk {key_of('vrij_schrijven')} om te schrijven."


class JournalScreen(CommandScreen):
    """Browse, search, filter, edit and delete reflections."""

    SCREEN_NAME = "journal"
    BINDINGS = bindings_for("journal")
    SUB_TITLE = "dagboek"

    def __init__(self, select: str | None = None) -> None:
        super().__init__()
        self._select = select
        self._request = 0
        self._shown: str | None = None
        self._keep: str | None = None
        self._applied: EntryFilter | None = None

    def compose(self) -> ComposeResult:
        app = self.reflectie
        yield Header()
        with Horizontal(id="journal-filters"):
            yield Input(placeholder=f"Zoeken ({key_of('zoeken')})", id="zoek")
            yield Select(
                [(Content(s.titel), s.id) for s in app.library.sets],
                prompt="Alle sets",
                id="filter-set",
            )
            yield Select([], prompt="Alle tags", id="filter-tag")
            yield Select(PERIODS, allow_blank=False, value="alles", id="filter-periode")
        with Horizontal(id="journal-body"):
            with Vertical(id="journal-left"):
                yield EntryList(
                    app.session.journal.load_many,
                    empty_text=EMPTY_JOURNAL,
                    id="entries",
                )
                yield Static(id="journal-count")
            with VerticalScroll(id="preview"):
                yield Static(id="preview-meta")
                yield Markdown(id="preview-text", open_links=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self._search_debounce = Debouncer(
            self,
            self.reflectie.options.search_delay,
            lambda: self.start_search(self.entries.highlighted_id),
        )
        self.query_one("#zoek", Input).cursor_blink = self.reflectie.options.cursor_blink
        self.query_one("#entries", EntryList).focus()

    def on_screen_resume(self) -> None:
        """Entries may have been written, edited or restored meanwhile."""
        self._shown = None
        self.refresh_tags()
        self.start_search(keep=self._select or self.entries.highlighted_id)
        self._select = None

    @property
    def entries(self) -> EntryList:
        return self.query_one("#entries", EntryList)

    # -- filters and search -------------------------------------------------------

    def refresh_tags(self) -> None:
        select = self.query_one("#filter-tag", Select)
        current = select.value
        tags = self.reflectie.session.journal.tags()
        select.set_options([(Content("#" + tag), tag) for tag in tags])
        if current in tags:
            select.value = current

    def current_filter(self) -> EntryFilter:
        set_value = self.query_one("#filter-set", Select).value
        tag_value = self.query_one("#filter-tag", Select).value
        period = self.query_one("#filter-periode", Select).value
        since, until = period_range(str(period), self.reflectie.clock().date())
        return EntryFilter(
            term=self.query_one("#zoek", Input).value.strip(),
            promptset=set_value if isinstance(set_value, str) else None,
            tag=tag_value if isinstance(tag_value, str) else None,
            since=since,
            until=until,
        )

    @on(Input.Changed, "#zoek")
    def search_typed(self) -> None:
        self._search_debounce.poke()

    @on(Input.Submitted, "#zoek")
    def search_submitted(self) -> None:
        self.entries.focus()

    @on(Select.Changed)
    def filter_changed(self) -> None:
        if self.current_filter() != self._applied:
            self.start_search(self.entries.highlighted_id)

    def start_search(self, keep: str | None) -> None:
        self._search_debounce.cancel()
        self._request += 1
        entry_filter = self.current_filter()
        self._applied = entry_filter
        if entry_filter == EntryFilter():
            # No filter: the id list is in memory already; no worker needed.
            ids = self.reflectie.session.journal.ids_newest_first()
            self.show_ids(ids, keep, entry_filter)
        else:
            self._keep = keep
            holder = self.reflectie.holder
            assert holder is not None
            self.search(holder, entry_filter, self._request)

    @work(thread=True, exclusive=True, group="search")
    def search(self, holder: SessionHolder, entry_filter: EntryFilter, request: int) -> None:
        """Filter off the UI thread: the first term search builds the folded-text index."""
        if holder.closed:
            return
        ids = holder.session.journal.ids_newest_first(entry_filter)
        self.post_message(msg.SearchDone(ids, request))

    @on(msg.SearchDone)
    def search_done(self, message: msg.SearchDone) -> None:
        if message.request == self._request:
            self.show_ids(message.ids, self._keep, self.current_filter())

    def show_ids(self, ids: list[str], keep: str | None, entry_filter: EntryFilter) -> None:
        filtered = entry_filter != EntryFilter()
        empty = "Niets gevonden met deze filters." if filtered else EMPTY_JOURNAL
        self.entries.set_ids(ids, keep=keep, empty_text=empty)
        total = len(self.reflectie.session.journal)
        count = (
            f"{len(ids)} van {plural_count(total, 'reflectie')}"
            if filtered
            else plural_count(total, "reflectie")
        )
        self.query_one("#journal-count", Static).update(Content.styled(count, "dim"))
        self.show_preview(self.entries.highlighted_id)

    # -- preview ------------------------------------------------------------------

    @on(EntryList.Highlighted)
    def entry_highlighted(self, event: EntryList.Highlighted) -> None:
        had_selection = self._shown is not None
        self.show_preview(event.entry_id)
        if had_selection != (event.entry_id is not None):
            self.refresh_bindings()  # bewerken/verwijderen change availability

    def show_preview(self, entry_id: str | None) -> None:
        if entry_id == self._shown:
            return
        self._shown = entry_id
        entry = self._get(entry_id)
        meta = self.query_one("#preview-meta", Static)
        text = self.query_one("#preview-text", Markdown)
        if entry is None:
            meta.update(Content.styled("Geen reflectie gekozen.", "dim italic"))
            text.update("")
            return
        meta.update(entry_meta(entry, self.question_of(entry)))
        text.update(entry.tekst)
        self.query_one("#preview", VerticalScroll).scroll_home(animate=False)

    def question_of(self, entry: Entry) -> str | None:
        """The prompt an entry answered, worded for the teacher's sector (if still known)."""
        prompt = self.reflectie.library.find(entry.prompt) if entry.prompt else None
        return prompt.render(self.reflectie.settings.sector or "mbo") if prompt else None

    def _get(self, entry_id: str | None) -> Entry | None:
        if entry_id is None:
            return None
        try:
            return self.reflectie.session.journal.get(entry_id)
        except NotFoundError:
            return None

    @on(Markdown.LinkClicked)
    def link_clicked(self, event: Markdown.LinkClicked) -> None:
        """Links in a reflection are shown, never opened: nothing leaves the machine."""
        event.stop()
        self.notify(f"Links worden niet geopend: {event.href}", markup=False)

    @on(EntryList.Selected)
    def entry_selected(self) -> None:
        self.run_command("bewerk")

    # -- commands -----------------------------------------------------------------

    def command_state(self, command: Command) -> bool | None:
        if command.id in {"bewerk", "verwijder"} and self.entries.highlighted_id is None:
            return None
        return True

    def cmd_terug(self) -> None:
        if self.focused is not None and self.focused is not self.entries:
            self.entries.focus()
            return
        self.dismiss()

    def cmd_zoeken(self) -> None:
        self.query_one("#zoek", Input).focus()

    def cmd_bewerk(self) -> None:
        entry = self._get(self.entries.highlighted_id)
        if entry is not None:
            self.reflectie.open_writer(entry=entry)

    def cmd_vrij_schrijven(self) -> None:
        self.reflectie.open_writer()

    def cmd_instellingen(self) -> None:
        self.reflectie.show_settings()

    def cmd_prullenbak(self) -> None:
        from reflectie.tui.screens.trash import TrashScreen

        self.app.push_screen(TrashScreen())

    def cmd_verwijder(self) -> None:
        entry = self._get(self.entries.highlighted_id)
        if entry is None:
            return

        def chosen(choice: str | None) -> None:
            holder = self.reflectie.holder
            if choice == "verwijder" and holder is not None:
                self.delete_entry(holder, entry.id)

        body = Content.assemble(
            "“",
            Content(first_line(entry.tekst)),
            "”\n\nDe reflectie gaat naar de prullenbak; daar kun je haar 30 dagen lang "
            f"terugzetten ({key_of('prullenbak')} in het dagboek).",
        )
        self.app.push_screen(
            ChoiceDialog(
                "Reflectie verwijderen?",
                body,
                [Choice("verwijder", "Verwijderen", "error"), Choice("annuleren", "Annuleren")],
                focus="annuleren",
            ),
            chosen,
        )

    @work(thread=True, group="save")
    def delete_entry(self, holder: SessionHolder, entry_id: str) -> None:
        try:
            with holder.use() as session:
                entry = session.journal.delete(entry_id)
        except (NotFoundError, StorageError, OSError) as exc:
            self.post_message(msg.OperationFailed(f"Niet verwijderd: {exc}"))
            return
        self.post_message(msg.EntryDeleted(entry))

    @on(msg.EntryDeleted)
    def entry_deleted(self, message: msg.EntryDeleted) -> None:
        self.notify(
            f"“{first_line(message.entry.tekst, 40)}” staat in de prullenbak.",
            title="Verwijderd",
            markup=False,
        )
        self.refresh_tags()
        self.start_search(keep=None)
