"""A list of entries that stays fast at ten thousand: only visible rows are loaded.

The list holds ids only (from ``Journal.ids_newest_first``); :meth:`render_line`
asks the loader for the rows on screen, a page at a time, and keeps them in a
small cache. Built on Textual's line API (``ScrollView``), so its cost depends on
the window height, not on the journal size. An ``OptionList`` would need an
``Option`` (and so a loaded entry) for every row before showing the first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.visual import Visual

from reflectie.model import Entry
from reflectie.tui.formatting import entry_label

Loader = Callable[[list[str]], list[Entry]]

PAGE = 64
CACHE_LIMIT = 2048


class EntryList(ScrollView, can_focus=True, inherit_bindings=False):
    """Entries newest first, one line each; the cursor row is the selection."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor_up", "Omhoog", show=False),
        Binding("down", "cursor_down", "Omlaag", show=False),
        Binding("pageup", "page_up", "Pagina omhoog", show=False),
        Binding("pagedown", "page_down", "Pagina omlaag", show=False),
        Binding("home", "first", "Eerste", show=False),
        Binding("end", "last", "Laatste", show=False),
        Binding("enter", "select", "Kies", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"entry-list--cursor", "entry-list--empty"}

    DEFAULT_CSS = """
    EntryList {
        background: $surface;
        overflow-x: hidden;
        overflow-y: auto;
        & > .entry-list--cursor {
            color: $block-cursor-blurred-foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus > .entry-list--cursor {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
        & > .entry-list--empty { color: $text-muted; text-style: italic; }
    }
    """

    cursor: reactive[int] = reactive(-1)

    @dataclass
    class Highlighted(Message):
        """The cursor moved to ``entry_id`` (``None`` when the list is empty)."""

        entry_list: EntryList
        entry_id: str | None

        @property
        def control(self) -> EntryList:
            return self.entry_list

    @dataclass
    class Selected(Message):
        """Enter (or a click on the cursor row) on ``entry_id``."""

        entry_list: EntryList
        entry_id: str

        @property
        def control(self) -> EntryList:
            return self.entry_list

    def __init__(
        self,
        loader: Loader,
        *,
        empty_text: str = "Geen reflecties.",
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._loader = loader
        self._empty_text = empty_text
        self._ids: list[str] = []
        self._cache: dict[str, Entry] = {}
        self._announced: str | None = None

    # -- data ---------------------------------------------------------------------

    @property
    def ids(self) -> list[str]:
        return self._ids

    @property
    def loaded_count(self) -> int:
        """How many entries are held in memory (for tests and curiosity)."""
        return len(self._cache)

    @property
    def highlighted_id(self) -> str | None:
        if 0 <= self.cursor < len(self._ids):
            return self._ids[self.cursor]
        return None

    def set_ids(
        self, ids: list[str], *, keep: str | None = None, empty_text: str | None = None
    ) -> None:
        """Show ``ids``; keep the cursor on ``keep`` when it is still listed.

        The cache is dropped because the entries may have been edited.
        """
        if empty_text is not None:
            self._empty_text = empty_text
        self._ids = list(ids)
        self._cache.clear()
        self.virtual_size = Size(self.size.width, len(self._ids))
        target = 0 if self._ids else -1
        if keep is not None:
            try:
                target = self._ids.index(keep)
            except ValueError:
                target = min(max(self.cursor, 0), len(self._ids) - 1)
        self.cursor = target
        self.watch_cursor(target)  # also when the index stayed but the row changed

    def entry_at(self, index: int) -> Entry | None:
        """The entry on row ``index``, loading its page when needed."""
        if not 0 <= index < len(self._ids):
            return None
        entry_id = self._ids[index]
        entry = self._cache.get(entry_id)
        if entry is None:
            if len(self._cache) > CACHE_LIMIT:
                self._cache.clear()
            start = max(0, index - PAGE // 4)
            page = self._ids[start : start + PAGE]
            for loaded in self._loader([i for i in page if i not in self._cache]):
                self._cache[loaded.id] = loaded
            entry = self._cache.get(entry_id)
        return entry

    # -- cursor -------------------------------------------------------------------

    def watch_cursor(self, cursor: int) -> None:
        if cursor >= 0:
            self.scroll_to_region_of(cursor)
        self.refresh()
        if self.highlighted_id != self._announced:
            self._announced = self.highlighted_id
            self.post_message(self.Highlighted(self, self._announced))

    def scroll_to_region_of(self, index: int) -> None:
        height = max(1, self.scrollable_content_region.height)
        top = round(self.scroll_y)
        if index < top:
            self.scroll_to(y=index, animate=False)
        elif index >= top + height:
            self.scroll_to(y=index - height + 1, animate=False)

    def _move(self, delta: int) -> None:
        if self._ids:
            self.cursor = max(0, min(len(self._ids) - 1, self.cursor + delta))

    def action_cursor_up(self) -> None:
        self._move(-1)

    def action_cursor_down(self) -> None:
        self._move(1)

    def action_page_up(self) -> None:
        self._move(-max(1, self.scrollable_content_region.height - 1))

    def action_page_down(self) -> None:
        self._move(max(1, self.scrollable_content_region.height - 1))

    def action_first(self) -> None:
        if self._ids:
            self.cursor = 0

    def action_last(self) -> None:
        if self._ids:
            self.cursor = len(self._ids) - 1

    def action_select(self) -> None:
        entry_id = self.highlighted_id
        if entry_id is not None:
            self.post_message(self.Selected(self, entry_id))

    def on_click(self, event: events.Click) -> None:
        index = round(self.scroll_y) + event.y
        if 0 <= index < len(self._ids):
            if index == self.cursor and event.chain >= 2:
                self.action_select()
            self.cursor = index

    # -- rendering ----------------------------------------------------------------

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self._ids))

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = round(self.scroll_y) + y
        base = self.get_visual_style()
        if not self._ids:
            if y == 0:
                content = Content(" " + self._empty_text)
                return self._strip(content, self.get_visual_style("entry-list--empty"), width)
            return Strip.blank(width, base.rich_style)
        entry = self.entry_at(index)
        if entry is None:
            return Strip.blank(width, base.rich_style)
        style = self.get_visual_style("entry-list--cursor") if index == self.cursor else base
        content = Content.assemble(" ", entry_label(entry))
        return self._strip(content.truncate(width, ellipsis=True), style, width)

    def _strip(self, content: Content, style: VisualStyle, width: int) -> Strip:
        """Render one row's content on ``style`` and fit it to ``width`` cells."""
        strips = Visual.to_strips(self, content, width, 1, style, pad=True)
        strip = strips[0] if strips else Strip.blank(width, style.rich_style)
        return strip.crop_extend(0, width, style.rich_style)
