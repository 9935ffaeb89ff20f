"""Base classes for the screens that show leervragen and feedback rounds.

:class:`FeedbackScreen` keeps a :class:`FeedbackState` snapshot. Every read
and every change runs as a *job* in a thread worker: the job gets the session
(held, so it never meets a closing database or another worker's half-done
write), and the worker posts the job's result together with a fresh snapshot.
Refusals from the core (``ValidationError``, ``ExchangeError``) arrive as a
Dutch message.

:class:`SendingScreen` adds the two ways out of the app for an exchange text:
a file (written atomically, asking before it replaces one) and the clipboard.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import on, work
from textual.widgets import Input, TextArea

from reflectie.errors_text import describe_os_error
from reflectie.exchange import ExchangeError
from reflectie.model import ValidationError
from reflectie.session import Session
from reflectie.store.errors import StorageError
from reflectie.tui import messages as msg
from reflectie.tui.commands import Command, key_of
from reflectie.tui.data import SessionHolder
from reflectie.tui.feedback_data import (
    FeedbackState,
    FileExistsQuestion,
    TargetError,
    check_target,
    load_state,
    write_exchange,
)
from reflectie.tui.screens.base import CommandScreen
from reflectie.tui.screens.confirm import Choice, ChoiceDialog
from reflectie.tui.widgets.send_panel import SendPanel

Job = Callable[[Session], Any]


def _no_result(session: Session) -> None:
    return None


class FeedbackScreen(CommandScreen):
    """A screen drawn from a feedback snapshot, refreshed by jobs in workers."""

    def __init__(self) -> None:
        super().__init__()
        self.state = FeedbackState()
        self.loaded = False

    def on_screen_resume(self) -> None:
        self.reload()

    # -- jobs ---------------------------------------------------------------------

    def load_job(self) -> Job:
        """What a reload runs besides taking the snapshot (screens add their extras)."""
        return _no_result

    def reload(self) -> None:
        self.run_job("laden", self.load_job())

    def run_job(self, action: str, job: Job) -> None:
        holder = self.reflectie.holder
        if holder is not None:
            self._job(holder, action, job)

    @work(thread=True, group="feedback")
    def _job(self, holder: SessionHolder, action: str, job: Job) -> None:
        try:
            with holder.use() as session:
                result = job(session)
                state = load_state(session)
        except (ValidationError, ExchangeError, TargetError) as exc:
            self.post_message(msg.FeedbackFailed(action, str(exc)))
            return
        except StorageError as exc:
            self.post_message(msg.FeedbackFailed(action, f"Niet gelukt: {exc}"))
            return
        except OSError as exc:
            self.post_message(msg.FeedbackFailed(action, f"Niet gelukt: {describe_os_error(exc)}"))
            return
        self.post_message(msg.FeedbackDone(action, result, state))

    def take_state(self, state: FeedbackState) -> None:
        if state.version >= self.state.version:
            self.state = state
            self.show_state()
        self.loaded = True
        self.refresh_bindings()

    @on(msg.FeedbackDone)
    def _feedback_done(self, message: msg.FeedbackDone) -> None:
        message.stop()
        self.take_state(message.state)
        self.job_done(message.action, message.result)

    @on(msg.FeedbackFailed)
    def _feedback_failed(self, message: msg.FeedbackFailed) -> None:
        message.stop()
        self.job_failed(message.action, message.message)

    # -- for subclasses -----------------------------------------------------------

    def show_state(self) -> None:
        """Draw the screen from ``self.state``."""

    def job_done(self, action: str, result: Any) -> None:
        """React to a finished job (notify, move focus …)."""

    def job_failed(self, action: str, message: str) -> None:
        self.notify(message, title="Niet gelukt", severity="error", markup=False, timeout=10)

    # -- shared helpers -----------------------------------------------------------

    def focus_out_of_text(self, target: str) -> bool:
        """Escape in a text field first returns to ``target``; True when it did."""
        if isinstance(self.focused, (Input, TextArea)):
            self.query_one(target).focus()
            return True
        return False

    def ask_discard(self, then: Callable[[], object]) -> None:
        """Ask before dropping text that was typed but not stored."""

        def chosen(choice: str | None) -> None:
            if choice == "weggooien":
                self.discard_changes()
                then()

        self.app.push_screen(
            ChoiceDialog(
                "Niet bewaarde tekst",
                "Wat je hier typte is nog niet bewaard. Weggooien?",
                [Choice("weggooien", "Weggooien", "error"), Choice("annuleren", "Annuleren")],
                focus="annuleren",
            ),
            chosen,
        )

    def discard_changes(self) -> None:
        """Forget typed text (so a later quit does not ask again)."""

    def request_leave(self, then: Callable[[], object]) -> None:
        if self.has_unsaved_changes():
            self.ask_discard(then)
        else:
            then()


class SendingScreen(FeedbackScreen):
    """A feedback screen with a :class:`SendPanel` (id ``send``)."""

    def produce_text(self, session: Session) -> str:
        """The exchange text (runs in a worker, holding the session)."""
        raise NotImplementedError

    def can_send(self) -> bool:
        return False

    def mark_sent(self, session: Session) -> None:
        """Record that the text went out (runs in the worker after the file was written
        or the text was made for the clipboard)."""

    @property
    def send_panel(self) -> SendPanel:
        return self.query_one("#send", SendPanel)

    def command_state(self, command: Command) -> bool | None:
        if command.id in {"bewaar_bestand", "kopieer"}:
            return self.can_send() if self.loaded else None
        return True

    def cmd_bewaar_bestand(self) -> None:
        path = self.send_panel.path()
        if path is None:
            self.notify("Vul eerst een bestandsnaam in bij ‘Bestand’.", severity="warning")
            self.query_one("#send-path", Input).focus()
            return
        self.send(path, copy=False)

    def cmd_kopieer(self) -> None:
        self.send(None, copy=True)

    def send(self, path: Path | None, *, copy: bool, overwrite: bool = False) -> None:
        holder = self.reflectie.holder
        if holder is not None:
            self._send(holder, self.produce_text, path, copy, overwrite)

    @work(thread=True, group="feedback")
    def _send(
        self,
        holder: SessionHolder,
        produce: Callable[[Session], str],
        path: Path | None,
        copy: bool,
        overwrite: bool,
    ) -> None:
        """Make the text, then write the file (outside the session lock)."""
        try:
            if path is not None:
                check_target(path, overwrite)
            with holder.use() as session:
                text = produce(session)
                state = load_state(session)
            if path is not None:
                write_exchange(path, text)
            with holder.use() as session:
                self.mark_sent(session)  # only now: a failed write leaves a concept
                state = load_state(session)
        except FileExistsQuestion as question:
            self.post_message(msg.OverwriteAsked(question.path, copy))
            return
        except (ValidationError, ExchangeError, TargetError) as exc:
            self.post_message(msg.FeedbackFailed("versturen", str(exc)))
            return
        except StorageError as exc:
            self.post_message(msg.FeedbackFailed("versturen", f"Niet gelukt: {exc}"))
            return
        except OSError as exc:
            self.post_message(
                msg.FeedbackFailed("versturen", f"Niet bewaard: {describe_os_error(exc)}")
            )
            return
        self.post_message(msg.ExchangeReady(text, path, copy, state))

    @on(msg.ExchangeReady)
    def exchange_ready(self, message: msg.ExchangeReady) -> None:
        message.stop()
        self.take_state(message.state)
        self.send_panel.show_text(message.text)
        if message.copy:
            self.app.copy_to_clipboard(message.text)
            self.notify(
                "De tekst staat op het klembord; plak hem in een mail of chat. Lukt plakken "
                "niet, selecteer dan de tekst in het tekstvak en kopieer hem zelf.",
                title="Gekopieerd",
                markup=False,
            )
        if message.path is not None:
            self.notify(
                f"Bewaard in {message.path}. Stuur dit bestand naar je collega.",
                title="Bestand bewaard",
                markup=False,
            )
        self.sent()

    def sent(self) -> None:
        """Called after a successful save or copy."""

    @on(msg.OverwriteAsked)
    def overwrite_asked(self, message: msg.OverwriteAsked) -> None:
        message.stop()

        def chosen(choice: str | None) -> None:
            if choice == "vervangen":
                self.send(message.path, copy=message.copy, overwrite=True)

        self.app.push_screen(
            ChoiceDialog(
                "Bestand bestaat al",
                f"{message.path} bestaat al. Vervangen door de nieuwe tekst?\n\n"
                f"(Kies anders een andere naam in het veld ‘Bestand’ en druk opnieuw "
                f"{key_of('bewaar_bestand')}.)",
                [Choice("vervangen", "Vervangen", "warning"), Choice("annuleren", "Annuleren")],
                focus="annuleren",
            ),
            chosen,
        )
