"""Speerpunten: every speerpunt this journal received from a PLG, with what waits.

Enter opens one (:class:`~reflectie.tui.screens.speerpunt.SpeerpuntScreen`). From
here the teacher also imports a PLG-uitkomst (the import screen, for files and
pasted text alike) or, keeping the PLG's agenda, writes one. After an import this
screen opens with what the import changed on top.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from reflectie.tui.commands import bindings_for, key_of
from reflectie.tui.feedback_data import shown
from reflectie.tui.screens.team_base import TeamScreen
from reflectie.tui.team_data import speerpunt_label
from reflectie.tui.widgets.footer import KeyFooter


def intro() -> Content:
    return Content.styled(
        "De speerpunten die je PLG koos. Kies er een met de pijltjes en druk enter: je "
        "ziet de aanpak, wat ‘zoals bedoeld’ betekent, je monitoringnotities, borging en "
        f"evaluatie. {key_of('importeren')} importeert een PLG-uitkomst; houd jij de agenda "
        f"bij, dan stel je er met {key_of('uitkomst_opstellen')} zelf een op.",
        "dim",
    )


class SpeerpuntenScreen(TeamScreen):
    """The list of speerpunten; ``notice`` (an import's result) shows on top."""

    SCREEN_NAME = "speerpunten"
    BINDINGS = bindings_for("speerpunten")
    SUB_TITLE = "speerpunten"

    DEFAULT_CSS = """
    SpeerpuntenScreen #spl { padding: 0 2; }
    SpeerpuntenScreen #spl-notice {
        margin: 1 0 0 0;
        padding: 0 1;
        border-left: outer $success;
        height: auto;
        max-height: 12;
        overflow-y: auto;
    }
    SpeerpuntenScreen #spl-intro { margin: 1 0; height: auto; }
    SpeerpuntenScreen #spl-list { height: 1fr; border: none; background: $surface; }
    """

    def __init__(
        self,
        select: str | None = None,
        *,
        notice: str | None = None,
        uitkomst: str | None = None,
    ) -> None:
        super().__init__()
        self._select = select
        self._notice = notice
        self._uitkomst = uitkomst

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="spl"):
            yield Static(id="spl-notice")
            yield Static(intro(), id="spl-intro")
            yield OptionList(id="spl-list")
        yield KeyFooter()

    def on_mount(self) -> None:
        self._show_notice()
        self.query_one("#spl-list", OptionList).focus()

    def _show_notice(self) -> None:
        notice = self.query_one("#spl-notice", Static)
        notice.display = self._notice is not None
        if self._notice is not None:
            notice.update(Content.assemble(("✓ ", "bold $success"), shown(self._notice)))

    def imported(self, message: str, uitkomst_id: str) -> None:
        """An import (from the screen above this one) changed something: say what."""
        self._notice = message
        self._uitkomst = uitkomst_id
        self._select = None
        self.query_one("#spl-list", OptionList).highlighted = None
        self._show_notice()

    @property
    def selected_id(self) -> str | None:
        option_list = self.query_one("#spl-list", OptionList)
        option = option_list.highlighted_option
        return option.id if option is not None else None

    def show_state(self) -> None:
        option_list = self.query_one("#spl-list", OptionList)
        keep = self._select
        if keep is None and self._uitkomst is not None:
            keep = next(
                (v.id for v in self.state.speerpunten if v.speerpunt.uitkomst_id == self._uitkomst),
                None,
            )
        keep = keep or self.selected_id
        self._select = None
        self._uitkomst = None
        views = self.state.speerpunten
        today = self.state.today or self.reflectie.clock().date()
        if views:
            option_list.set_options(Option(speerpunt_label(v, today), id=v.id) for v in views)
            ids = [v.id for v in views]
            option_list.highlighted = ids.index(keep) if keep in ids else 0
        else:
            option_list.set_options(
                [
                    Option(
                        Content.styled(
                            "Nog geen speerpunten. Kreeg je na de PLG-bijeenkomst de uitkomst "
                            f"als bestand of als tekst? Druk {key_of('importeren')} om hem te "
                            "importeren.",
                            "italic dim",
                        ),
                        disabled=True,
                    )
                ]
            )

    @on(OptionList.OptionSelected, "#spl-list")
    def open_speerpunt(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            from reflectie.tui.screens.speerpunt import SpeerpuntScreen

            self.app.push_screen(SpeerpuntScreen(event.option.id))

    # -- commands -----------------------------------------------------------------

    def cmd_importeren(self) -> None:
        self.reflectie.show_import()

    def cmd_uitkomst_opstellen(self) -> None:
        from reflectie.tui.screens.uitkomst import UitkomstScreen

        self.app.push_screen(UitkomstScreen())
