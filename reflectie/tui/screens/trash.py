"""The prullenbak: deleted reflections, recoverable for 30 days.

Small by nature (the core purges items after 30 days), so a plain OptionList
is enough here; the preview shows the full text before it is put back.
"""

from __future__ import annotations

from datetime import datetime

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Header, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from reflectie.journal import TRASH_DAYS, NotFoundError
from reflectie.model import TrashedEntry
from reflectie.store.errors import StorageError
from reflectie.tui import messages as msg
from reflectie.tui.commands import Command, bindings_for
from reflectie.tui.data import SessionHolder
from reflectie.tui.formatting import entry_label, entry_meta, first_line, short_date
from reflectie.tui.screens.base import CommandScreen
from reflectie.tui.widgets.footer import KeyFooter


def trash_label(item: TrashedEntry) -> Content:
    deleted = short_date(datetime.fromisoformat(item.verwijderd))
    return Content.assemble((f"verwijderd {deleted}", "dim"), "  ", entry_label(item.entry))


class TrashScreen(CommandScreen):
    """Deleted entries; ``r`` puts the highlighted one back."""

    SCREEN_NAME = "trash"
    BINDINGS = bindings_for("trash")
    SUB_TITLE = "prullenbak"

    def __init__(self) -> None:
        super().__init__()
        self._items: dict[str, TrashedEntry] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(
            Content.styled(
                f"Verwijderde reflecties blijven {TRASH_DAYS} dagen bewaard; daarna zijn ze weg.",
                "dim italic",
            ),
            id="trash-note",
        )
        with Horizontal(id="trash-body"):
            yield OptionList(id="trash-list")
            with VerticalScroll(id="trash-preview"):
                yield Static(id="trash-meta")
                yield Markdown(id="trash-text", open_links=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#trash-list", OptionList).focus()
        self.load_items()

    def load_items(self) -> None:
        option_list = self.query_one("#trash-list", OptionList)
        items = self.reflectie.session.journal.trash()
        self._items = {item.entry.id: item for item in items}
        option_list.clear_options()
        if items:
            option_list.add_options(Option(trash_label(item), id=item.entry.id) for item in items)
            option_list.highlighted = 0
        else:
            option_list.add_option(
                Option(Content.styled("De prullenbak is leeg.", "italic"), disabled=True)
            )
            self.show_item(None)
        self.refresh_bindings()

    @property
    def highlighted_id(self) -> str | None:
        option_list = self.query_one("#trash-list", OptionList)
        if option_list.highlighted is None:
            return None
        option = option_list.get_option_at_index(option_list.highlighted)
        return option.id if option.id in self._items else None

    @on(OptionList.OptionHighlighted, "#trash-list")
    def item_highlighted(self) -> None:
        self.show_item(self.highlighted_id)
        self.refresh_bindings()

    def show_item(self, entry_id: str | None) -> None:
        item = self._items.get(entry_id) if entry_id else None
        meta = self.query_one("#trash-meta", Static)
        text = self.query_one("#trash-text", Markdown)
        if item is None:
            meta.update("")
            text.update("")
            return
        meta.update(entry_meta(item.entry))
        text.update(item.entry.tekst)

    @on(OptionList.OptionSelected, "#trash-list")
    def item_selected(self) -> None:
        self.run_command("herstel")

    @on(Markdown.LinkClicked)
    def link_clicked(self, event: Markdown.LinkClicked) -> None:
        event.stop()
        self.notify(f"Links worden niet geopend: {event.href}", markup=False)

    def command_state(self, command: Command) -> bool | None:
        if command.id == "herstel" and self.highlighted_id is None:
            return None
        return True

    def cmd_herstel(self) -> None:
        entry_id = self.highlighted_id
        holder = self.reflectie.holder
        if entry_id is not None and holder is not None:
            self.restore_entry(holder, entry_id)

    @work(thread=True, group="save")
    def restore_entry(self, holder: SessionHolder, entry_id: str) -> None:
        try:
            with holder.use() as session:
                entry = session.journal.restore(entry_id)
        except (NotFoundError, StorageError, OSError) as exc:
            self.post_message(msg.OperationFailed(f"Niet teruggezet: {exc}"))
            return
        self.post_message(msg.EntryRestored(entry))

    @on(msg.EntryRestored)
    def entry_restored(self, message: msg.EntryRestored) -> None:
        self.notify(
            f"“{first_line(message.entry.tekst, 40)}” staat weer in je dagboek.",
            title="Teruggezet",
            markup=False,
        )
        self.load_items()
