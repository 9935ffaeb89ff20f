"""Widgets of the TUI that are more than a configured Textual widget."""
