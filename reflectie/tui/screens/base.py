"""The base class of every full screen: commands from the one declaration.

A subclass names itself (``SCREEN_NAME``), takes its ``BINDINGS`` from
:func:`reflectie.tui.commands.bindings_for` and implements ``cmd_<id>`` for
each command offered there. Availability lives in :meth:`command_state`; the
read-only guard lives in :meth:`run_command`. The footer, the help screen and
the command palette all ask these same two places.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual.screen import Screen
from textual.worker import Worker

from reflectie.tui.commands import BY_ID, READ_ONLY_MESSAGE, Command, commands_for
from reflectie.tui.workers import ReportedWorkers, is_error

if TYPE_CHECKING:
    from reflectie.tui.app import ReflectieApp


class CommandScreen(ReportedWorkers, Screen[Any]):
    """A screen whose keys come from the command declaration."""

    SCREEN_NAME: ClassVar[str] = ""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Hand an error to the app's one handler (this message does not bubble)."""
        if is_error(event):
            self.app.post_message(Worker.StateChanged(event.worker, event.state))

    @property
    def reflectie(self) -> ReflectieApp:
        """The app, typed: screens use its session, settings and helpers."""
        return cast("ReflectieApp", self.app)

    # -- availability -------------------------------------------------------------

    def command_state(self, command: Command) -> bool | None:
        """``True`` usable, ``None`` shown but greyed out, ``False`` hidden.

        Screens override this for state-dependent commands (nothing selected …).
        Commands that write stay usable in read-only mode on purpose: using them
        explains why nothing happens, which a greyed-out key cannot.
        """
        return True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "run" and parameters:
            command = BY_ID.get(str(parameters[0]))
            if command is None:
                return False
            return self.command_state(command)
        return True

    def available_commands(self) -> list[Command]:
        """Commands the palette offers on this screen right now."""
        return [c for c in commands_for(self.SCREEN_NAME) if c.palette and self.command_state(c)]

    # -- running ------------------------------------------------------------------

    def action_run(self, command_id: str) -> None:
        self.run_command(command_id)

    def run_command(self, command_id: str) -> None:
        """Run a declared command by id (from a key or the palette), guarded."""
        command = BY_ID[command_id]
        if command.writes and self.reflectie.read_only:
            self.notify(READ_ONLY_MESSAGE, title="Alleen-lezen", severity="warning", markup=False)
            return
        if not self.command_state(command):
            self.app.bell()
            return
        handler: Callable[[], object] = getattr(self, f"cmd_{command.id}")
        handler()

    # -- commands shared by many screens -----------------------------------------

    def cmd_hulp(self) -> None:
        self.reflectie.show_help()

    def cmd_terug(self) -> None:
        self.request_leave(self.dismiss)

    # -- leaving ------------------------------------------------------------------

    def has_unsaved_changes(self) -> bool:
        """Screens holding unsaved user text say so, so leaving can ask first."""
        return False

    def request_leave(self, then: Callable[[], object]) -> None:
        """Leave (call ``then``) now, or after asking the user; the default leaves now."""
        then()
