"""One open journal with its services: what the CLI and the TUI both work with."""

from __future__ import annotations

from dataclasses import dataclass

from reflectie.clock import Clock, system_clock
from reflectie.database import Database, open_database
from reflectie.drafts import DraftStore
from reflectie.feedback import FeedbackService
from reflectie.journal import Journal
from reflectie.paths import AppPaths
from reflectie.prompts import PromptLibrary, load_library
from reflectie.settings import SettingsStore
from reflectie.team.service import TeamService


@dataclass
class Session:
    paths: AppPaths
    database: Database
    journal: Journal
    settings: SettingsStore
    drafts: DraftStore
    feedback: FeedbackService
    clock: Clock
    #: Speerpunten from PLG-uitkomsten: monitoring, borging, evaluation (reflectie.team).
    team: TeamService

    @property
    def read_only(self) -> bool:
        return self.database.read_only

    def prompt_library(self) -> PromptLibrary:
        """Shipped sets plus the user's own; loaded fresh so new files show up."""
        return load_library(self.paths.user_prompts)

    def close(self) -> None:
        self.database.close()


def open_session(
    paths: AppPaths,
    *,
    read_only: bool = False,
    clock: Clock = system_clock,
    passphrase: str | None = None,
) -> Session:
    """Open the journal in ``paths``; raises the storage errors of :func:`open_database`.

    An encrypted journal needs ``passphrase``; its drafts are then encrypted too.
    """
    database = open_database(paths, read_only=read_only, clock=clock, passphrase=passphrase)
    journal = Journal(database, clock=clock)
    if not read_only:
        journal.purge_trash()
    settings = SettingsStore(database)
    feedback = FeedbackService(database, settings, clock=clock)
    return Session(
        paths=paths,
        database=database,
        journal=journal,
        settings=settings,
        drafts=DraftStore(paths, codec=database.storage.codec),
        feedback=feedback,
        clock=clock,
        team=TeamService(database, journal, feedback, settings, clock=clock),
    )
