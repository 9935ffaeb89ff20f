"""The command palette's provider: the declared commands, plus one entry per theme.

It lists what the current screen offers (asking the screen, so availability is
the same as for keys), the app-wide commands, and "Thema: …" for each
registered theme. It replaces Textual's system commands, whose titles are
English and whose theme switch would not be remembered.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from reflectie.tui.commands import app_commands
from reflectie.tui.screens.base import CommandScreen

if TYPE_CHECKING:
    from reflectie.tui.app import ReflectieApp

Entry = tuple[str, str, Callable[[], object]]


class ReflectieCommands(Provider):
    """Every command the user can run from where they are."""

    def _entries(self) -> list[Entry]:
        app = cast("ReflectieApp", self.app)
        screen = self.screen
        entries: list[Entry] = []
        if isinstance(screen, CommandScreen):
            for command in screen.available_commands():
                title = command.title + (f"  ({command.key_display})" if command.show else "")
                entries.append((title, command.help, partial(screen.run_command, command.id)))
            for command in app_commands():
                if command.palette:
                    entries.append(
                        (
                            f"{command.title}  ({command.key_display})",
                            command.help,
                            partial(app.run_command, command.id),
                        )
                    )
            for name, label in app.theme_labels.items():
                entries.append(
                    (
                        f"Thema: {label}",
                        "Gebruik dit kleurenthema; je keuze wordt bewaard.",
                        partial(app.choose_theme, name),
                    )
                )
        return entries

    async def discover(self) -> Hits:
        for title, help_text, callback in self._entries():
            yield DiscoveryHit(Content(title), callback, text=title, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._entries():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, highlight(matcher, title), callback, text=title, help=help_text)


def highlight(matcher: Matcher, title: str) -> Content:
    """Like ``Matcher.highlight`` but treating ``title`` as text, not markup.

    Theme labels come from the user's own files, so a ``[`` in them must not be
    parsed (``Matcher.highlight`` runs its candidate through the markup parser).
    """
    content = Content(title)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, title)
    for offset in offsets:
        if not title[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
