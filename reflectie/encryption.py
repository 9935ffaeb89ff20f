"""Switching a journal's encryption at rest on, off, or to another passphrase.

Each switch takes the journal's lock (by opening it), writes a copy of the current
state to ``backups/`` *in the new codec* (a plain copy left behind would defeat
encryption), rewrites the database in one atomic replace (a crash leaves the old or
the new file, both complete), and then rewrites every automatic copy and draft,
each atomically. Opening an encrypted journal repeats that last sweep, so a switch
interrupted after the database was replaced is finished on the next open.
"""

from __future__ import annotations

from pathlib import Path

from reflectie.at_rest import snapshot_file, sweep
from reflectie.backups import make_backup
from reflectie.clock import Clock, system_clock
from reflectie.database import Database, open_database
from reflectie.model import ValidationError
from reflectie.paths import AppPaths
from reflectie.store.crypto import (
    MIN_PASSPHRASE_LENGTH,
    AesGcmCodec,
    is_encrypted_header,
    read_header,
)
from reflectie.store.errors import StorageError
from reflectie.store.records import Codec, PlainCodec

WARNING = (
    "Let op: een vergeten wachtwoord kan niemand herstellen, ook de makers van reflectie "
    "niet. Zonder wachtwoord zijn je reflecties en reservekopieën voorgoed onleesbaar. "
    "Bewaar het wachtwoord op een veilige plek."
)


class EncryptionStateError(StorageError):
    """The journal is not in the state the switch expects (already on, not on)."""


def is_encrypted(paths: AppPaths) -> bool:
    """Is the journal in ``paths`` encrypted? Reads only the first line of the database."""
    return is_encrypted_header(read_header(paths.database))


def check_passphrase(paths: AppPaths, passphrase: str) -> None:
    """Raise :class:`WrongPassphraseError` unless ``passphrase`` unlocks this journal.

    Reads only the header (key check), so it works while the journal is open.
    """
    AesGcmCodec.unlock(read_header(paths.database) or {}, passphrase, paths.database)


def check_new_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise ValidationError(
            f"Kies een wachtwoord van minstens {MIN_PASSPHRASE_LENGTH} tekens; "
            "er is niets gewijzigd."
        )
    if passphrase != passphrase.strip():
        raise ValidationError(
            "Een wachtwoord mag niet met een spatie beginnen of eindigen; er is niets gewijzigd."
        )


def enable(paths: AppPaths, passphrase: str, *, clock: Clock = system_clock) -> list[Path]:
    """Encrypt the journal, its copies and drafts. Returns files that could not be converted."""
    check_new_passphrase(passphrase)
    if is_encrypted(paths):
        raise EncryptionStateError("Dit dagboek is al versleuteld; er is niets gewijzigd.")
    database = open_database(paths, backups=False, clock=clock)
    try:
        target = AesGcmCodec.create(passphrase)
        return _switch(database, target, "voor-versleutelen", [passphrase], clock)
    finally:
        database.close()


def change(paths: AppPaths, old: str, new: str, *, clock: Clock = system_clock) -> list[Path]:
    """Re-encrypt everything under a new passphrase (and a fresh salt)."""
    check_new_passphrase(new)
    if not is_encrypted(paths):
        raise EncryptionStateError("Dit dagboek is niet versleuteld; er is niets gewijzigd.")
    database = open_database(paths, backups=False, clock=clock, passphrase=old)
    try:
        target = AesGcmCodec.create(new)
        return _switch(database, target, "voor-wachtwoordwijziging", [old, new], clock)
    finally:
        database.close()


def disable(paths: AppPaths, passphrase: str, *, clock: Clock = system_clock) -> list[Path]:
    """Store the journal, its copies and drafts unencrypted again."""
    if not is_encrypted(paths):
        raise EncryptionStateError("Dit dagboek is niet versleuteld; er is niets gewijzigd.")
    database = open_database(paths, backups=False, clock=clock, passphrase=passphrase)
    try:
        return _switch(database, PlainCodec(), "voor-ontsleutelen", [passphrase], clock)
    finally:
        database.close()


def _switch(
    database: Database, target: Codec, reason: str, passphrases: list[str], clock: Clock
) -> list[Path]:
    storage = database.storage
    previous = storage.codec
    # The safety copy holds the current state, already in the target codec.
    make_backup(
        database.paths,
        reason=reason,
        clock=clock,
        data=snapshot_file(storage.read(), storage.meta, target),
    )
    storage.rekey(target)  # the commit point: one atomic replace
    return sweep(database.paths, target, [previous], passphrases)
