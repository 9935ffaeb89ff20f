"""The help screen: every key and command, generated from the one declaration."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Grid, VerticalScroll
from textual.content import Content
from textual.widgets import Header, Static

from reflectie.tui.commands import Command, bindings_for, help_sections, key_of
from reflectie.tui.screens.base import CommandScreen
from reflectie.tui.widgets.footer import KeyFooter

INTRO = (
    "reflectie werkt helemaal met het toetsenbord (de muis mag ook). Onderaan elk scherm "
    f"staan de toetsen die daar het meest nodig zijn; {key_of('palet')} opent het "
    "opdrachtenpalet, waarin je elke opdracht op naam kunt zoeken. Met tab ga je naar het "
    "volgende veld."
)


def help_content() -> Content:
    """All sections as plain text (key, title, explanation): for tests and copying."""
    lines: list[str] = [INTRO, ""]
    for section, commands in help_sections():
        lines.append(section)
        lines.extend(f"  {c.all_keys_display}  {c.title}  {c.help}" for c in commands)
        lines.append("")
    return Content("\n".join(lines))


def _row(command: Command) -> list[Static]:
    return [
        Static(Content(command.all_keys_display), classes="help-key"),
        Static(Content(command.title), classes="help-title"),
        Static(Content(command.help), classes="help-text"),
    ]


class HelpScreen(CommandScreen):
    """Lists every command with its keys, per screen; escape goes back."""

    SCREEN_NAME = "help"
    BINDINGS = bindings_for("help")
    SUB_TITLE = "hulp"

    DEFAULT_CSS = """
    HelpScreen .help-section { text-style: bold; color: $primary; margin: 1 0 0 0; }
    HelpScreen .help-grid {
        grid-size: 3;
        grid-columns: 12 18 1fr;
        height: auto;
        grid-gutter: 0 1;
    }
    HelpScreen .help-grid Static { height: auto; }
    HelpScreen .help-key { text-style: bold; color: $accent; padding-left: 2; }
    HelpScreen .help-title { text-style: bold; }
    """

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="help"):
            yield Static(Content(INTRO), id="help-intro")
            for section, commands in help_sections():
                yield Static(Content(section), classes="help-section")
                with Grid(classes="help-grid"):
                    for command in commands:
                        yield from _row(command)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#help", VerticalScroll).focus()
