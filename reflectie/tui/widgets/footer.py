"""A footer that never cuts a key in half.

Textual's footer lays every shown binding side by side and cuts what does not fit
("esc Te", "ctrl+q Af"). This one is compact and shows the keys that fit whole, in
their declared order, always keeping "f1 Hulp" (where every key is listed) and "esc"
(the way back); what it leaves out is on the help screen and in the palette.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.events import Resize
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

#: actions that stay in the footer whatever the width
_ALWAYS = ("run('hulp')", "run('terug')")


def key_width(key: FooterKey) -> int:
    """Cells a compact footer key takes, its right margin included."""
    description = f" {key.description}" if key.description else ""
    return len(key.key_display) + len(description) + 1


class KeyFooter(Footer):
    """Compact; drops whole keys from the end instead of cutting them."""

    def __init__(self) -> None:
        super().__init__(compact=True)
        self._fitted_width = -1

    def compose(self) -> ComposeResult:
        widgets: list[Widget] = list(super().compose())
        width = self.size.width or self.app.size.width
        self._fitted_width = width
        palette = [w for w in widgets if w.has_class("-command-palette")]
        keys = [w for w in widgets if isinstance(w, FooterKey) and w not in palette]
        others = [w for w in widgets if w not in palette and w not in keys]
        room = width - sum(key_width(p) + 1 for p in palette if isinstance(p, FooterKey))
        room -= sum(key_width(k) for k in keys if k.action in _ALWAYS)
        shown: set[int] = set()
        for key in keys:
            if key.action in _ALWAYS:
                shown.add(id(key))
                continue
            if key_width(key) <= room:
                shown.add(id(key))
                room -= key_width(key)
            else:
                room = -1  # keep the declared order: nothing after a key that did not fit
        yield from others
        yield from (k for k in keys if id(k) in shown)
        yield from palette

    def on_resize(self, event: Resize) -> None:
        if event.size.width != self._fitted_width:
            self.call_after_refresh(self.recompose)
