"""Opening a journal: lock, schema version, migrations, daily backup.

Everything that touches the database goes through :func:`open_database`, so the
checks that protect the teacher's words (one writer, a known schema, a copy
before every migration) cannot be skipped by a new caller.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from reflectie.at_rest import settle_switch, sweep
from reflectie.backups import (
    BackupInfo,
    daily_backup,
    forget_unfinished_aside,
    last_good_backup,
    list_backups,
    make_backup,
)
from reflectie.clock import Clock, system_clock
from reflectie.errors_text import describe_os_error
from reflectie.paths import AppPaths, ensure_private_dir
from reflectie.store import JournalDB, LogStorage
from reflectie.store.errors import MissingDatabaseError, NewerVersionError
from reflectie.store.records import PlainCodec

#: Version of the table layout. Bump it and add a migration when the layout changes.
SCHEMA_VERSION = 1

Migration = Callable[[JournalDB], None]
#: ``MIGRATIONS[n]`` upgrades a database from schema ``n`` to ``n + 1``.
MIGRATIONS: dict[int, Migration] = {}

ENTRIES = "entries"  # a document with "verwijderd" set is in the prullenbak
SETTINGS = "settings"


class NewerSchemaError(NewerVersionError):
    """The database was written by a newer reflectie; opening it could damage it."""


class MissingJournalError(MissingDatabaseError):
    """The journal file is gone but its automatic copies are not: this is no new journal.

    ``backup`` is the newest intact copy (None if none of them reads). Nothing was
    created, so today's copy of an empty journal cannot push the real ones out.
    """

    def __init__(self, paths: AppPaths, backup: BackupInfo | None) -> None:
        self.paths = paths
        self.backup = backup
        found = (
            f" De nieuwste goede kopie is van {backup.label}: {backup.path}."
            if backup
            else " Geen van die kopieën is leesbaar."
        )
        super().__init__(
            paths.database,
            f"Het dagboekbestand {paths.database} ontbreekt, maar in {paths.backups} staan "
            "automatische kopieën: dit is geen nieuw, leeg dagboek. Er is niets aangemaakt "
            f"of gewijzigd.{found} Wil je toch met een leeg dagboek beginnen, verplaats dan "
            "eerst die map.",
        )


@dataclass
class Database:
    """An open journal database."""

    paths: AppPaths
    db: JournalDB
    read_only: bool = False
    migrated_from: int | None = None
    #: Dutch warnings for the user that did not stop the journal from opening.
    warnings: list[str] = field(default_factory=list)
    _closed: bool = field(default=False, repr=False)

    @property
    def storage(self) -> LogStorage:
        storage = self.db.storage
        assert isinstance(storage, LogStorage)
        return storage

    def close(self) -> None:
        if not self._closed:
            self.db.close()
            self._closed = True

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def open_database(
    paths: AppPaths,
    *,
    read_only: bool = False,
    clock: Clock = system_clock,
    schema_version: int = SCHEMA_VERSION,
    migrations: dict[int, Migration] | None = None,
    backups: bool = True,
    passphrase: str | None = None,
) -> Database:
    """Open (or create) the journal in ``paths``.

    Raises :class:`DatabaseLockedError` when another process writes to it,
    :class:`CorruptDatabaseError` when the file is damaged (left untouched) and
    :class:`NewerSchemaError` when it comes from a newer version. An encrypted journal
    needs ``passphrase`` (:class:`PassphraseRequiredError`, :class:`WrongPassphraseError`).
    """
    migrations = MIGRATIONS if migrations is None else migrations
    if not read_only:
        ensure_private_dir(paths.data_dir)
    # A missing file is a new journal only when it never had copies either.
    has_copies = bool(list_backups(paths))
    try:
        db = JournalDB(
            paths.database,
            access_mode="r" if read_only else "r+",
            passphrase=passphrase,
            create=not has_copies,
            # Under the lock and before the open may compact the file: afterwards a
            # killed restore's second name would no longer be recognisable, and the
            # staged files of a switch must follow the database as it is on disk.
            before_writing=None if read_only else lambda: _before_writing(paths),
        )
    except MissingDatabaseError as exc:
        raise MissingJournalError(paths, last_good_backup(paths)) from exc
    database = Database(paths=paths, db=db, read_only=read_only)
    try:
        storage = database.storage
        if not read_only and storage.needs_chain_upgrade:
            _upgrade_chain(database, clock)
        version = storage.meta.get("schema")
        if version is None:
            if not read_only:
                storage.set_meta(schema=schema_version)
        elif version > schema_version:
            raise NewerSchemaError(
                f"Dit dagboek ({paths.database}) is gemaakt met een nieuwere versie van "
                f"reflectie (schema {version}; deze versie kent {schema_version}). "
                "Werk reflectie bij; er is niets gewijzigd."
            )
        elif version < schema_version and not read_only:
            make_backup(paths, reason="voor-migratie", clock=clock)
            for step in range(version, schema_version):
                migrations[step](db)
                storage.set_meta(schema=step + 1)
            database.migrated_from = version
        if not read_only and storage.codec.name != PlainCodec.name:
            # Finish whatever an interrupted switch left: no plain copy or draft may stay.
            sweep(paths, storage.codec)
        if backups and not read_only and _worth_copying(storage):
            try:
                daily_backup(paths, clock=clock)
            except OSError as exc:
                # The journal itself is intact; writing on without today's copy is
                # better than refusing, as long as the teacher is told.
                reason = describe_os_error(exc)
                database.warnings.append(
                    f"De automatische reservekopie van vandaag is niet gelukt ({reason})."
                )
    except BaseException:
        database.close()
        raise
    return database


def _before_writing(paths: AppPaths) -> None:
    """Under the lock, before the journal is read: clear what a killed restore left,
    and finish or roll back an encryption switch a kill or full disk interrupted."""
    forget_unfinished_aside(paths)
    settle_switch(paths)


def _upgrade_chain(database: Database, clock: Clock) -> None:
    """Rewrite an encrypted journal of the old format (records authenticated one by
    one) in the chained format, after a copy of it as it is. If that fails, the old
    format keeps working and the next open tries again."""
    try:
        make_backup(database.paths, reason="voor-ketenformaat", clock=clock)
        database.storage.compact()
    except OSError as exc:
        database.warnings.append(
            "Je versleutelde dagboek is nog niet omgezet naar het nieuwe formaat, dat ook "
            f"verwijderde of verplaatste records herkent ({describe_os_error(exc)}). Het "
            "werkt gewoon; reflectie probeert het de volgende keer opnieuw."
        )


def _worth_copying(storage: LogStorage) -> bool:
    """Does the journal hold anything but settings? Copies of an empty journal are
    never made: in the daily rotation they would push real copies out."""
    return any(storage.table_view(name) for name in storage.table_names() if name != SETTINGS)
