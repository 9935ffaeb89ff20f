"""Settings: name, sector, theme, default prompt set, data folder, a backup now and encryption.

Every change is applied at once and stored in a worker (no "save" step to
forget). The theme switches immediately so the teacher sees the choice. In a
read-only journal only the theme can change, for this session.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import (
    Button,
    Header,
    Input,
    Label,
    RadioButton,
    RadioSet,
    Select,
    Static,
)

from reflectie.backups import make_backup
from reflectie.clock import Clock
from reflectie.prompts import DEFAULT_SET
from reflectie.store.errors import StorageError
from reflectie.tui import messages as msg
from reflectie.tui.commands import Command, bindings_for, key_of
from reflectie.tui.data import SessionHolder
from reflectie.tui.debounce import Debouncer
from reflectie.tui.screens.base import CommandScreen
from reflectie.tui.screens.confirm import Choice, ChoiceDialog
from reflectie.tui.screens.passphrase import Kind, PassphraseChoice, PassphraseDialog
from reflectie.tui.screens.welcome import SECTOR_LABELS
from reflectie.tui.startup import LOCK_CHOICES
from reflectie.tui.widgets.footer import KeyFooter


class SettingsScreen(CommandScreen):
    """The teacher's preferences, each stored as soon as it changes."""

    SCREEN_NAME = "settings"
    BINDINGS = bindings_for("settings")
    SUB_TITLE = "instellingen"

    def __init__(self) -> None:
        super().__init__()
        self._name_debounce: Debouncer | None = None
        self._pending_name: str | None = None

    def compose(self) -> ComposeResult:
        app = self.reflectie
        settings = app.settings
        read_only = app.read_only
        set_ids = [s.id for s in app.library.weekly_sets]
        yield Header()
        with VerticalScroll(id="settings"):
            if read_only:
                yield Static(
                    "Alleen-lezen: instellingen kunnen nu niet worden bewaard. "
                    "Een ander thema geldt alleen voor deze keer.",
                    id="settings-readonly",
                )
            yield Label("Naam (om je te begroeten; mag leeg)", classes="field-label")
            yield Input(settings.naam, id="naam", max_length=60, disabled=read_only)
            yield Label("Sector (bepaalt de woorden in de vragen)", classes="field-label")
            with RadioSet(id="sector", disabled=read_only):
                for key, label in SECTOR_LABELS.items():
                    yield RadioButton(label, value=settings.sector == key, name=key)
            yield Label("Thema", classes="field-label")
            yield Select(
                [(Content(label), name) for name, label in app.theme_labels.items()],
                value=app.theme if app.theme in app.theme_labels else Select.NULL,
                allow_blank=False,
                id="thema",
            )
            yield Label("Vragenset voor de vraag van vandaag", classes="field-label")
            yield Select(
                [(Content(s.titel), s.id) for s in app.library.weekly_sets],
                value=settings.promptset if settings.promptset in set_ids else DEFAULT_SET,
                allow_blank=False,
                id="vragenset",
                disabled=read_only,
            )
            yield Label("Waar je gegevens staan", classes="field-label")
            yield Static(
                Content.assemble(
                    ("Dagboek en reservekopieën: ", "dim"),
                    Content(str(app.paths.data_dir)),
                    ("\nEigen vragensets (*.toml): ", "dim"),
                    Content(str(app.paths.user_prompts)),
                    ("\nEigen thema's (*.toml): ", "dim"),
                    Content(str(app.paths.user_themes)),
                ),
                id="data-dir",
            )
            with Horizontal(classes="buttons"):
                yield Button("Nu een reservekopie maken", id="backup", disabled=read_only)
            yield Label("Versleuteling", classes="field-label")
            yield Static(id="versleuteling-status")
            with Horizontal(classes="buttons"):
                yield Button(
                    f"Versleutelen ({key_of('versleutelen')})",
                    id="versleutelen",
                    disabled=read_only,
                )
                yield Button(
                    f"Wachtwoord wijzigen ({key_of('wachtwoord_wijzigen')})",
                    id="wachtwoord_wijzigen",
                    disabled=read_only,
                )
                yield Button(
                    f"Versleuteling uit ({key_of('versleuteling_uit')})",
                    id="versleuteling_uit",
                    disabled=read_only,
                )
            yield Label(
                "Automatisch vergrendelen (alleen een versleuteld dagboek) na",
                classes="field-label",
            )
            yield Select(
                [(f"{minutes} minuten zonder toets of muis", minutes) for minutes in LOCK_CHOICES],
                value=app.lock_minutes,
                allow_blank=False,
                id="vergrendelen",
            )
        yield KeyFooter()

    def on_mount(self) -> None:
        self._name_debounce = Debouncer(self, self.reflectie.options.draft_delay, self.store_name)
        self.watch(self.app, "theme", self.show_theme, init=False)
        self.query_one("#naam", Input).cursor_blink = self.reflectie.options.cursor_blink
        first = self.query_one("#thema" if self.reflectie.read_only else "#naam")
        first.focus()
        self.show_encryption()

    # -- encryption ---------------------------------------------------------------

    def show_encryption(self) -> None:
        """The status line and which of the three buttons fits the journal now."""
        encrypted = self.reflectie.encrypted
        status = (
            Content.assemble(
                ("Aan: ", "bold $success"),
                "je dagboek, reservekopieën en concepten staan versleuteld op schijf.",
            )
            if encrypted
            else Content.assemble(
                ("Uit: ", "bold $warning"),
                "je dagboek staat onversleuteld op schijf.",
            )
        )
        self.query_one("#versleuteling-status", Static).update(status)
        self.query_one("#versleutelen", Button).display = not encrypted
        self.query_one("#wachtwoord_wijzigen", Button).display = encrypted
        self.query_one("#versleuteling_uit", Button).display = encrypted
        self.refresh_bindings()

    def journal_reopened(self) -> None:
        """The app reopened the journal after a switch: show the new state."""
        self.show_encryption()

    def command_state(self, command: Command) -> bool | None:
        if command.id == "versleutelen":
            return not self.reflectie.encrypted
        if command.id in ("wachtwoord_wijzigen", "versleuteling_uit"):
            return self.reflectie.encrypted
        return True

    @on(Button.Pressed, "#versleutelen, #wachtwoord_wijzigen, #versleuteling_uit")
    def encryption_pressed(self, event: Button.Pressed) -> None:
        if event.button.id:
            self.run_command(event.button.id)

    def cmd_versleutelen(self) -> None:
        self._ask("aan")

    def cmd_wachtwoord_wijzigen(self) -> None:
        self._ask("wijzig")

    def cmd_versleuteling_uit(self) -> None:
        self._ask("uit")

    def _ask(self, kind: Kind) -> None:
        def typed(choice: PassphraseChoice | None) -> None:
            if choice is None:
                return
            if kind == "uit":
                self._confirm_off(choice)
            else:
                self.reflectie.switch_encryption(kind, choice.old, choice.new)

        self.app.push_screen(PassphraseDialog(kind), typed)

    def _confirm_off(self, choice: PassphraseChoice) -> None:
        def chosen(answer: str | None) -> None:
            if answer == "uit":
                self.reflectie.switch_encryption("uit", choice.old, None)

        self.app.push_screen(
            ChoiceDialog(
                "Versleuteling echt uitzetten?",
                "Daarna kan iedereen die bij je bestanden kan je reflecties lezen.",
                [Choice("uit", "Versleuteling uit", "error"), Choice("annuleren", "Annuleren")],
                focus="annuleren",
            ),
            chosen,
        )

    @on(Select.Changed, "#vergrendelen")
    def lock_minutes_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, int) and event.value != self.reflectie.lock_minutes:
            self.reflectie.store_lock_minutes(event.value)

    # -- changes ------------------------------------------------------------------

    @on(Input.Changed, "#naam")
    def name_changed(self, event: Input.Changed) -> None:
        self._pending_name = event.value.strip()
        if self._name_debounce is not None:
            self._name_debounce.poke()

    @on(Input.Submitted, "#naam")
    def store_name(self) -> None:
        if self._name_debounce is not None:
            self._name_debounce.cancel()
        naam = self._pending_name
        if (
            naam is not None
            and naam != self.reflectie.settings.naam
            and not self.reflectie.read_only
        ):
            self.reflectie.update_settings(naam=naam)

    def on_screen_suspend(self) -> None:
        """Leaving (or covering) the screen stores a name still waiting for its pause."""
        self.store_name()

    @on(RadioSet.Changed, "#sector")
    def sector_changed(self, event: RadioSet.Changed) -> None:
        sector = event.pressed.name
        if sector in SECTOR_LABELS and sector != self.reflectie.settings.sector:
            self.reflectie.update_settings(sector=sector)

    def show_theme(self, theme: str) -> None:
        """Keep the choice in sync when the theme changes elsewhere (the palette)."""
        select = self.query_one("#thema", Select)
        if theme in self.reflectie.theme_labels and select.value != theme:
            select.value = theme

    @on(Select.Changed, "#thema")
    def theme_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str) and event.value != self.reflectie.theme:
            self.reflectie.choose_theme(event.value)

    @on(Select.Changed, "#vragenset")
    def set_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str) and event.value != self.reflectie.settings.promptset:
            self.reflectie.update_settings(promptset=event.value)

    # -- backup -------------------------------------------------------------------

    @on(Button.Pressed, "#backup")
    def backup_pressed(self) -> None:
        self.run_command("backup")

    def cmd_backup(self) -> None:
        holder = self.reflectie.holder
        if holder is not None:
            self.notify("Reservekopie maken…")
            self.backup_now(holder, self.reflectie.clock)

    @work(thread=True, exclusive=True, group="backup")
    def backup_now(self, holder: SessionHolder, clock: Clock) -> None:
        """Copy the database under the session lock, so no write lands half-way."""
        try:
            with holder.use() as session:
                path = make_backup(session.paths, reason="handmatig", clock=clock)
        except (StorageError, OSError) as exc:
            self.post_message(msg.OperationFailed(f"Geen reservekopie gemaakt: {exc}"))
            return
        self.post_message(msg.BackupMade(path))

    @on(msg.BackupMade)
    def backup_made(self, message: msg.BackupMade) -> None:
        self.notify(
            f"Reservekopie gemaakt: {message.path}", title="Reservekopie", markup=False, timeout=10
        )
