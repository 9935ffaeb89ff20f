"""Base classes for the speerpunt screens, and the small windows they share.

:class:`TeamScreen` keeps a :class:`~reflectie.tui.team_data.TeamState` snapshot,
like the feedback screens keep theirs: every read and change runs as a *job* in a
thread worker that holds the session and posts the job's result together with a
fresh snapshot. Refusals from the core arrive as a Dutch message.

:class:`StoringDialog` is a form that stores what was typed itself and closes only
once it is on disk: a monitoring note or an evaluation is never lost to a full
disk, the window stays open with the text and says why.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Input, Static, TextArea
from textual.worker import Worker

from reflectie.errors_text import describe_os_error
from reflectie.exchange import ExchangeError
from reflectie.journal import NotFoundError
from reflectie.model import ValidationError
from reflectie.session import Session
from reflectie.store.errors import StorageError
from reflectie.tui.data import SessionHolder
from reflectie.tui.feedback_data import TargetError
from reflectie.tui.screens.base import CommandScreen
from reflectie.tui.screens.confirm import Choice, ChoiceDialog
from reflectie.tui.screens.dialogs import FormDialog
from reflectie.tui.team_data import TEAM_GROUP, TeamDone, TeamFailed, TeamState, load_team_state

Job = Callable[[Session], Any]

#: What the core refuses with a Dutch message of its own.
REFUSALS = (ValidationError, ExchangeError, NotFoundError, TargetError)


def failure_text(exc: BaseException) -> str:
    """The Dutch message for a refused or failed job (never a traceback)."""
    if isinstance(exc, REFUSALS):
        return str(exc)
    if isinstance(exc, OSError):
        return f"Niet gelukt: {describe_os_error(exc)}"
    return f"Niet gelukt: {exc}"


def _nothing(session: Session) -> None:
    return None


def confirm_discard(
    screen: CommandScreen, then: Callable[[], object], discard: Callable[[], object]
) -> None:
    """Ask before dropping text that was typed but not stored."""

    def chosen(choice: str | None) -> None:
        if choice == "weggooien":
            discard()
            then()

    screen.app.push_screen(
        ChoiceDialog(
            "Niet bewaarde tekst",
            "Wat je hier typte is nog niet bewaard. Weggooien?",
            [Choice("weggooien", "Weggooien", "error"), Choice("annuleren", "Annuleren")],
            focus="annuleren",
        ),
        chosen,
    )


class TeamScreen(CommandScreen):
    """A screen drawn from a speerpunt snapshot, refreshed by jobs in workers."""

    def __init__(self) -> None:
        super().__init__()
        self.state = TeamState()
        self.loaded = False

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        self.run_job("laden", _nothing)

    def run_job(self, action: str, job: Job) -> None:
        holder = self.reflectie.holder
        if holder is not None:
            self._job(holder, action, job)

    @work(thread=True, group=TEAM_GROUP)
    def _job(self, holder: SessionHolder, action: str, job: Job) -> None:
        try:
            with holder.use() as session:
                result = job(session)
                state = load_team_state(session)
        except (*REFUSALS, StorageError, OSError) as exc:
            self.post_message(TeamFailed(action, failure_text(exc)))
            return
        self.post_message(TeamDone(action, result, state))

    def take_state(self, state: TeamState) -> None:
        if state.version >= self.state.version:
            self.state = state
            self.show_state()
        self.loaded = True
        self.refresh_bindings()

    @on(TeamDone)
    def _team_done(self, message: TeamDone) -> None:
        message.stop()
        self.take_state(message.state)
        self.job_done(message.action, message.result)

    @on(TeamFailed)
    def _team_failed(self, message: TeamFailed) -> None:
        message.stop()
        self.job_failed(message.action, message.message)

    # -- for subclasses -----------------------------------------------------------

    def show_state(self) -> None:
        """Draw the screen from ``self.state``."""

    def job_done(self, action: str, result: Any) -> None:
        """React to a finished job (notify, move focus …)."""

    def job_failed(self, action: str, message: str) -> None:
        self.notify(message, title="Niet gelukt", severity="error", markup=False, timeout=10)


# -- forms that store themselves ----------------------------------------------------------


class DialogStored(Message):
    """The dialog's job is done; ``result`` is what it returned."""

    def __init__(self, result: Any) -> None:
        super().__init__()
        self.result = result


class DialogRefused(Message):
    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message


class StoringDialog(FormDialog):
    """A form whose result is stored by :meth:`job` before the window closes.

    The window closes (with the job's result) only once the job succeeded; a refusal
    or a disk error shows under the fields and everything typed stays.
    """

    DEFAULT_CSS = """
    StoringDialog > #form { overflow-y: auto; padding: 0 2; }
    StoringDialog TextArea { height: 5; }
    StoringDialog Checkbox { margin: 1 0 0 0; }
    StoringDialog #eval-volgende { width: 20; }
    """

    def __init__(self, title: str, intro: Content | str | None = None) -> None:
        super().__init__(title, intro)
        self._busy = False

    def job(self, value: Any) -> Job:
        """What storing ``value`` (from :meth:`collect`) means; runs in a worker."""
        raise NotImplementedError

    def show_error(self, text: str) -> None:
        error = self.query_one("#form-error", Static)
        error.update(Content(text))
        error.display = True
        self.call_after_refresh(error.scroll_visible, animate=False)

    def has_typed_text(self) -> bool:
        return any(area.text.strip() for area in self.query(TextArea)) or any(
            field.value.strip() for field in self.query(Input)
        )

    def cmd_bewaren(self) -> None:
        if self._busy:
            return
        try:
            value = self.collect()
        except ValueError as exc:
            self.show_error(str(exc))
            return
        holder = self.reflectie.holder
        if holder is None:
            return
        self._busy = True
        self._store(holder, self.job(value))

    def has_unsaved_changes(self) -> bool:
        """Typed text counts: quitting the app asks first, as the editor does."""
        return self._busy or self.has_typed_text()

    def request_leave(self, then: Callable[[], object]) -> None:
        if self._busy:
            self.notify("Even geduld: bezig met opslaan.", markup=False)
        elif self.has_typed_text():
            confirm_discard(self, then, lambda: None)
        else:
            then()

    def cmd_annuleren(self) -> None:
        self.request_leave(lambda: self.dismiss(None))

    @work(thread=True, group=TEAM_GROUP)
    def _store(self, holder: SessionHolder, job: Job) -> None:
        try:
            with holder.use() as session:
                result = job(session)
        except (*REFUSALS, StorageError, OSError) as exc:
            text = failure_text(exc)
            if isinstance(exc, (StorageError, OSError)):
                text = "Niet opgeslagen; je tekst staat er nog. " + text
            self.post_message(DialogRefused(text))
            return
        self.post_message(DialogStored(result))

    @on(DialogStored)
    def _stored(self, message: DialogStored) -> None:
        message.stop()
        self._busy = False
        self.dismiss(message.result)

    @on(DialogRefused)
    def _refused(self, message: DialogRefused) -> None:
        message.stop()
        self._busy = False
        self.show_error(message.message)

    def worker_failed(self, worker: Worker[Any]) -> None:
        """An unexpected error (the app has said so): the text stays, try again."""
        self._busy = False
        if self.is_attached:
            self.show_error("Niet opgeslagen; je tekst staat er nog. Probeer het opnieuw.")


# -- the tips of a knelpunt ---------------------------------------------------------------


class TipsDialog(ChoiceDialog):
    """A longer text (a knelpunt and its tips) with one button to close it.

    The text scrolls inside the window, so the button stays in view on a small
    terminal; escape closes it too.
    """

    DEFAULT_CSS = """
    TipsDialog > #dialog { width: 90; max-width: 95%; max-height: 95%; }
    TipsDialog #tips-body { height: auto; max-height: 60vh; }
    TipsDialog #dialog-body { margin-bottom: 0; }
    """

    def __init__(self, title: str, body: Content) -> None:
        super().__init__(title, body, [Choice("sluiten", "Sluiten", "primary")])

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content(self._title), id="dialog-title")
            with VerticalScroll(id="tips-body"):
                yield Static(self._body, id="dialog-body")
            with Horizontal(id="dialog-buttons"):
                yield Button(
                    Content("Sluiten"), variant="primary", name="sluiten", id="keuze-sluiten"
                )
