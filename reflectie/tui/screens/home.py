"""The start screen: today's question, the latest reflections and the rhythm.

The question rotates through the chosen set (``choose_prompt``), avoiding what
was shown or answered recently; "andere vraag" never shows the same one twice
in a row. Everything here is read from memory, so the screen appears at once.
Running leervragen and voornemens that are due to be evaluated come from a
feedback snapshot (a worker) and take one quiet block, only when there are any.

The speerpunten of the teacher's PLG join in from a worker as well (they scan the
journal): in the weeks after an uitkomst arrives, a monitoring question for an
active speerpunt takes the place of the day's question (``a`` goes on to the
usual rotation; writing about it stores a note linked to the speerpunt), and the
quiet block gains a borging reminder twice a year (which can wait: ``u``) and an
evaluation whose date has come.
"""

from __future__ import annotations

import random
from datetime import datetime
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Header, Label, OptionList, Static
from textual.widgets.option_list import Option

from reflectie.model import Entry
from reflectie.prompts import DEFAULT_SET, Prompt, PromptSet, choose_prompt
from reflectie.team.borging import POSTPONE_DAYS
from reflectie.team.service import BORGING_PROMPTS, MonitoringSuggestion
from reflectie.tui.commands import BY_ID, Command, bindings_for, key_of
from reflectie.tui.feedback_data import FeedbackState, leervraag_label, shown
from reflectie.tui.formatting import DAYS, MONTHS, entry_label
from reflectie.tui.screens.feedback_base import FeedbackScreen, Job
from reflectie.tui.screens.team_dialogs import MonitorDialog, note_written
from reflectie.tui.team_data import HomeTeam, day_text, load_home_team
from reflectie.tui.widgets.footer import KeyFooter
from reflectie.tui.widgets.prompt_card import PromptCard
from reflectie.tui.widgets.rhythm import RhythmChart
from reflectie.wording import count

RECENT_COUNT = 6
LEERVRAGEN_COUNT = 3


def greeting(now: datetime, naam: str) -> Content:
    """``Goedemorgen, Sanne. Het is maandag 16 november.`` (name as plain text)."""
    part = "Goedemorgen" if now.hour < 12 else "Goedemiddag" if now.hour < 18 else "Goedenavond"
    day = f"{DAYS[now.weekday()]} {now.day} {MONTHS[now.month - 1]}"
    return Content.assemble(
        (part, "bold"),
        *((", ", (naam, "bold")) if naam else ()),
        f". Het is {day}.",
    )


def prompt_keys() -> Content:
    """The keys for the prompt, under the card, taken from the command declaration.

    These commands name the home screen in ``footer_elsewhere``: shown here, the
    footer leaves them out.
    """
    parts: list[str | tuple[str, str]] = []
    for command_id, label in (
        ("schrijf", "schrijf hierover"),
        ("andere_vraag", "andere vraag"),
        ("vrij_schrijven", "vrij schrijven"),
        ("dagboek", "dagboek"),
    ):
        parts.extend([(BY_ID[command_id].key_display, "bold"), f" {label}   "])
    parts.append("\n")
    for command_id, label in (
        ("plg_samenvatting", "PLG-samenvatting"),
        ("plg_agenda", "PLG-agenda"),
        ("uitkomst_opstellen", "PLG-uitkomst"),
        ("bekende_namen", "bekende namen"),
        ("speerpunten", "speerpunten"),
    ):
        parts.extend([(BY_ID[command_id].key_display, "bold"), f" {label}   "])
    return Content.assemble(*parts)


def team_lines(team: HomeTeam | None) -> list[Content]:
    """A borging reminder and due speerpunt evaluations: quiet, one line each."""
    if team is None:
        return []
    lines: list[Content] = []
    if team.reminders:
        reminder = team.reminders[0]
        more = len(team.reminders) - 1
        lines.append(
            Content.assemble(
                ("◇ ", "bold"),
                "Borging van ‘",
                shown(reminder.speerpunt.titel),
                "’: een half jaar verder, twee korte vragen",
                (f" (en nog {more})" if more else "", "dim"),
                "\n    ",
                (key_of("borging_beantwoorden"), "bold"),
                (" beantwoorden  ·  ", "dim"),
                (key_of("borging_later"), "bold"),
                (f" later ({POSTPONE_DAYS} dagen)", "dim"),
            )
        )
    for speerpunt, due in team.evaluations[:2]:
        lines.append(
            Content.assemble(
                ("◆ ", "bold"),
                "Evaluatie van speerpunt ‘",
                shown(speerpunt.titel),
                f"’ (afgesproken op {day_text(due)})",
                ("   druk ", "dim"),
                (key_of("speerpunten"), "bold"),
            )
        )
    return lines


def feedback_block(state: FeedbackState, team: HomeTeam | None = None) -> Content | None:
    """What waits: feedback, due voornemens, borging and speerpunt evaluations (one line
    each) and a few running leervragen; ``None`` when there is nothing."""
    lines: list[Content] = []
    to_answer = [d for d in state.received if d.get("status") != "beantwoord"]
    to_process = [
        d for d in state.rounds if d.get("status") == "beantwoord" and not d.get("voornemens")
    ]
    for waiting, what in (
        (to_answer, "om te beantwoorden (van een collega)"),
        (to_process, "om te verwerken"),
    ):
        if waiting:
            noun = "feedbackvraag" if waiting is to_answer else "antwoord"
            lines.append(
                Content.assemble(
                    ("◆ ", "bold"),
                    f"{count(len(waiting), noun)} {what}",
                    ("   druk ", "dim"),
                    (key_of("feedback"), "bold"),
                )
            )
    lines.extend(team_lines(team))
    if state.due:
        what = count(len(state.due), "voornemen")
        lines.append(
            Content.assemble(
                ("◆ ", "bold"),
                f"{what} om te evalueren",
                ("   druk ", "dim"),
                (key_of("evalueren"), "bold"),
            )
        )
    active = state.active_leervragen()
    if active:
        more = len(active) - LEERVRAGEN_COUNT
        lines.append(
            Content.assemble(
                ("Lopende leervragen", "bold"),
                (f"  (nog {more} meer)" if more > 0 else "", "dim"),
                ("   ", ""),
                (key_of("leervragen"), "bold"),
                (" alle leervragen", "dim"),
            )
        )
        lines.extend(
            Content.assemble("  ", leervraag_label(doc, 70)) for doc in active[:LEERVRAGEN_COUNT]
        )
    return Content("\n").join(lines) if lines else None


class HomeScreen(FeedbackScreen):
    """Today's prompt, recent entries and the reflection rhythm."""

    SCREEN_NAME = "home"
    BINDINGS = bindings_for("home")

    def __init__(self) -> None:
        super().__init__()
        self.prompt: Prompt | None = None
        self.prompt_set: PromptSet | None = None
        self._shown_for: tuple[str, str | None] = ("", None)
        #: Speerpunten: what waits, from a worker (None until the first answer).
        self.team: HomeTeam | None = None
        #: The monitoring question shown instead of the day's question, if any.
        self.suggestion: MonitoringSuggestion | None = None
        #: Speerpunten whose monitoring question the teacher passed over ("andere vraag").
        self._skipped: set[str] = set()
        self._team_rng: random.Random | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="home"):
            yield Static(id="greeting")
            yield Static(id="home-feedback")
            yield Label("Vraag van vandaag", classes="section-title")
            yield PromptCard(id="prompt")
            yield Static(prompt_keys(), id="prompt-keys")
            with Vertical(id="home-lower"):
                yield Label("Recente reflecties", classes="section-title")
                yield OptionList(id="recent")
                yield Label("Reflectieritme", classes="section-title")
                yield RhythmChart(id="rhythm")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#recent", OptionList).focus()
        self.query_one("#home-feedback", Static).display = False

    def on_screen_resume(self) -> None:
        """Refresh on every return: an entry may have been written or the settings changed."""
        settings = self.reflectie.settings
        if self._shown_for != (settings.promptset, settings.sector) or self.prompt is None:
            self.next_prompt(exclude=None)
        else:
            self.show_prompt()
        self.refresh_data()
        self.reload()

    def show_state(self) -> None:
        block = feedback_block(self.state, self.team)
        widget = self.query_one("#home-feedback", Static)
        widget.display = block is not None
        if block is not None:
            widget.update(block)

    # -- prompt -------------------------------------------------------------------

    def current_set(self) -> PromptSet | None:
        library = self.reflectie.library
        return (
            library.get_set(self.reflectie.settings.promptset)
            or library.get_set(DEFAULT_SET)
            or (library.sets[0] if library.sets else None)
        )

    def next_prompt(self, exclude: str | None) -> None:
        """Pick a prompt by rotation and remember it as shown."""
        self.prompt_set = self.current_set()
        settings = self.reflectie.settings
        self._shown_for = (settings.promptset, settings.sector)
        if self.prompt_set is None:
            self.prompt = None
        else:
            recent = [*settings.recente_vragen, *self.reflectie.session.journal.recent_prompt_ids()]
            if exclude is not None:
                recent.insert(0, exclude)
            self.prompt = choose_prompt(
                self.prompt_set, recent, self.reflectie.rng, exclude=exclude
            )
            self.reflectie.remember_prompt(self.prompt.id)
        self.show_prompt()

    def show_prompt(self) -> None:
        sector = self.reflectie.settings.sector or "mbo"
        card = self.query_one("#prompt", PromptCard)
        suggestion = self.suggestion
        if suggestion is not None:
            hint = suggestion.prompt.render_hint(sector)
            card.show_prompt(
                f"Monitoren · speerpunt ‘{suggestion.speerpunt.titel}’",
                suggestion.prompt.render(sector),
                (hint + " " if hint else "")
                + "Je antwoord hoort bij het speerpunt en blijft privé, tenzij je het deelbaar "
                "maakt.",
            )
            return
        if self.prompt is None or self.prompt_set is None:
            card.show_prompt(None, None, None)
            return
        card.show_prompt(
            f"Vragenset: {self.prompt_set.titel}",
            self.prompt.render(sector),
            self.prompt.render_hint(sector),
        )

    # -- speerpunten ---------------------------------------------------------------

    def load_job(self) -> Job:
        """Monitoring questions, borging and evaluations: they scan the journal (a worker)."""
        if self._team_rng is None:  # a copy: the day's question keeps its own sequence
            self._team_rng = random.Random()
            self._team_rng.setstate(self.reflectie.rng.getstate())
        seed = self._team_rng.random()
        library = self.reflectie.library
        return lambda session: load_home_team(session, library, seed)

    def job_done(self, action: str, result: Any) -> None:
        if isinstance(result, HomeTeam):
            self.team = result
            self.choose_suggestion()
            self.show_state()
            self.refresh_bindings()
        elif action == "borging_later":
            self.notify(f"Borgingsherinnering uitgesteld tot {day_text(result)}.", title="Borging")
            self.reload()

    def choose_suggestion(self) -> None:
        """Keep the monitoring question shown while it is still open; else the next one."""
        pending = [
            s
            for s in (self.team.suggestions if self.team else ())
            if s.speerpunt.id not in self._skipped
        ]
        current = self.suggestion
        if current is None or all(s.speerpunt.id != current.speerpunt.id for s in pending):
            self.suggestion = pending[0] if pending else None
            self.show_prompt()

    def open_monitor(self, speerpunt_id: str, titel: str, prompt_id: str | None) -> None:
        sector = self.reflectie.settings.sector or "mbo"

        def written(entry: Entry | None) -> None:
            if entry is not None:
                note_written(self, entry, knelpunt=False, sector=sector)

        self.app.push_screen(
            MonitorDialog(
                speerpunt_id,
                titel,
                library=self.reflectie.library,
                sector=sector,
                prompt_id=prompt_id,
            ),
            written,
        )

    # -- data ---------------------------------------------------------------------

    def refresh_data(self) -> None:
        app = self.reflectie
        journal = app.session.journal
        self.query_one("#greeting", Static).update(greeting(app.clock(), app.settings.naam))
        recent = self.query_one("#recent", OptionList)
        highlighted = recent.highlighted
        recent.clear_options()
        entries = journal.latest(RECENT_COUNT)
        if entries:
            recent.add_options(Option(entry_label(entry), id=entry.id) for entry in entries)
            recent.highlighted = min(highlighted or 0, len(entries) - 1)
        else:
            recent.add_option(
                Option(
                    Content.styled(
                        f"Nog geen reflecties. Druk {key_of('schrijf')} om te beginnen.",
                        "italic",
                    ),
                    disabled=True,
                )
            )
        self.query_one("#rhythm", RhythmChart).show_weeks(journal.weekly_counts(12))

    @on(OptionList.OptionSelected, "#recent")
    def open_recent(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.reflectie.show_journal(select=event.option.id)

    # -- commands -----------------------------------------------------------------

    def command_state(self, command: Command) -> bool | None:
        if command.id == "schrijf" and self.prompt is None and self.suggestion is None:
            return None
        if command.id == "evalueren":
            return bool(self.state.due)  # hidden when nothing is due: no nagging
        if command.id in {"borging_beantwoorden", "borging_later"}:
            return bool(self.team and self.team.reminders)  # the same: only when it is time
        return True

    def cmd_speerpunten(self) -> None:
        from reflectie.tui.screens.speerpunten import SpeerpuntenScreen

        self.app.push_screen(SpeerpuntenScreen(self.team.waiting_id() if self.team else None))

    def cmd_uitkomst_opstellen(self) -> None:
        from reflectie.tui.screens.uitkomst import UitkomstScreen

        self.app.push_screen(UitkomstScreen())

    def cmd_borging_beantwoorden(self) -> None:
        if self.team and self.team.reminders:
            speerpunt = self.team.reminders[0].speerpunt
            self.open_monitor(speerpunt.id, speerpunt.titel, BORGING_PROMPTS[0])

    def cmd_borging_later(self) -> None:
        if self.team and self.team.reminders:
            speerpunt_id = self.team.reminders[0].speerpunt.id
            self.run_job(
                "borging_later", lambda session: session.team.postpone_borging(speerpunt_id)
            )

    def cmd_plg_samenvatting(self) -> None:
        from reflectie.tui.screens.plg_export import PlgExportScreen

        self.app.push_screen(PlgExportScreen())

    def cmd_plg_agenda(self) -> None:
        from reflectie.tui.screens.plg_bundle import PlgBundleScreen

        self.app.push_screen(PlgBundleScreen())

    def cmd_bekende_namen(self) -> None:
        from reflectie.tui.screens.known_names import KnownNamesScreen

        self.app.push_screen(KnownNamesScreen())

    def cmd_schrijf(self) -> None:
        suggestion = self.suggestion
        if suggestion is not None:  # a monitoring note, linked to its speerpunt
            speerpunt = suggestion.speerpunt
            self.open_monitor(speerpunt.id, speerpunt.titel, suggestion.prompt.id)
            return
        self.reflectie.open_writer(prompt=self.prompt)

    def cmd_andere_vraag(self) -> None:
        if self.suggestion is not None:  # pass this one over; the next, or the day's question
            self._skipped.add(self.suggestion.speerpunt.id)
            self.suggestion = None
            self.choose_suggestion()
            self.show_prompt()
            return
        self.next_prompt(exclude=self.prompt.id if self.prompt else None)

    def cmd_vrij_schrijven(self) -> None:
        self.reflectie.open_writer()

    def cmd_dagboek(self) -> None:
        self.reflectie.show_journal()

    def cmd_instellingen(self) -> None:
        self.reflectie.show_settings()

    def cmd_leervragen(self) -> None:
        self.reflectie.show_leervragen()

    def cmd_feedback(self) -> None:
        self.reflectie.show_feedback()

    def cmd_evalueren(self) -> None:
        self.reflectie.open_due(self.state.due)
