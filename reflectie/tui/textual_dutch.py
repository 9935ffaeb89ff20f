"""Dutch for the few Textual built-in strings a teacher can see.

Textual's widgets declare some key bindings with English descriptions that show in
the footer (the Select overlay's "esc Dismiss menu"). Bindings are merged when a class
is defined, so the Dutch description is set on the class and the merge redone once,
when the TUI package is imported.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets._select import SelectOverlay

_DONE = False


def apply() -> None:
    """Replace the English binding descriptions (idempotent)."""
    global _DONE
    if _DONE:
        return
    SelectOverlay.BINDINGS = [Binding("escape", "dismiss", "Sluiten")]
    SelectOverlay._merged_bindings = SelectOverlay._merge_bindings()
    _DONE = True
