"""Entry point for the CLI: ``from reflectie.tui.run import run_tui``.

Opening the journal, and every problem with it (locked, damaged, too new),
happens inside the app so the teacher sees a Dutch screen with a way out
rather than a traceback on the terminal.
"""

from __future__ import annotations

from reflectie.paths import AppPaths


def run_tui(paths: AppPaths, read_only: bool = False) -> int:
    """Run the TUI on the journal in ``paths``; returns the process exit code."""
    from reflectie.tui.app import ReflectieApp

    app = ReflectieApp(paths, read_only=read_only)
    app.run()
    return app.return_code or 0
