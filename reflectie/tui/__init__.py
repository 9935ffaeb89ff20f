"""The Textual front end. Importing it makes Textual's visible built-in strings Dutch."""

from reflectie.tui.textual_dutch import apply as _dutch

_dutch()
