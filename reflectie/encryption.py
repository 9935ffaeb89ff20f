"""Switching a journal's encryption at rest on, off, or to another passphrase.

A switch is one commit (see :mod:`reflectie.at_rest`): under the journal's lock,
every copy and draft is re-encoded into the staging folder ``omzetting/`` together
with a safety copy of the journal *in the new codec* (a plain copy left behind
would defeat encryption); only then is the database replaced in one atomic rename,
the commit point; then the staged files move over the old ones. A failure before
the commit rolls everything back ("er is niets gewijzigd" is then true); a kill
anywhere is finished or rolled back by the next open, whichever the database on
disk says. So the journal, its drafts and its copies are never under different
passphrases, and every message says which passphrase opens the journal now.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reflectie.at_rest import (
    finish_switch,
    roll_back_quietly,
    snapshot_file,
    stage_switch,
    switch_committed,
)
from reflectie.backups import backup_stem
from reflectie.clock import Clock, system_clock
from reflectie.database import Database, open_database
from reflectie.errors_text import os_reason
from reflectie.model import ValidationError
from reflectie.paths import AppPaths
from reflectie.store.crypto import (
    MIN_PASSPHRASE_LENGTH,
    AesGcmCodec,
    is_encrypted_header,
    read_header,
)
from reflectie.store.errors import StorageError
from reflectie.store.fileio import ReplacedNotConfirmedError
from reflectie.store.records import Codec, PlainCodec

WARNING = (
    "Let op: een vergeten wachtwoord kan niemand herstellen, ook de makers van reflectie "
    "niet. Zonder wachtwoord zijn je reflecties en reservekopieën voorgoed onleesbaar. "
    "Bewaar het wachtwoord op een veilige plek."
)


class EncryptionStateError(StorageError):
    """The journal is not in the state the switch expects (already on, not on)."""


class SwitchError(StorageError):
    """A switch that did not end cleanly. ``committed``: the journal is in the new
    state (it opens with the new passphrase, or without one after ``uit``); otherwise
    everything is as it was. The message says which, in Dutch."""

    def __init__(self, message: str, *, committed: bool) -> None:
        super().__init__(message)
        self.committed = committed


@dataclass(frozen=True)
class _Kind:
    reason: str  # of the safety copy
    attempt: str  # "Versleutelen is niet gelukt"
    done: str  # "Je dagboek is nu versleuteld"
    opens_now: str  # which passphrase opens the journal once it is done
    opens_before: str  # … and while it is not


_KINDS = {
    "aan": _Kind(
        "voor-versleutelen",
        "Versleutelen is niet gelukt",
        "Je dagboek is nu versleuteld",
        "met het nieuwe wachtwoord",
        "zonder wachtwoord",
    ),
    "wijzig": _Kind(
        "voor-wachtwoordwijziging",
        "Het wachtwoord wijzigen is niet gelukt",
        "Je wachtwoord is gewijzigd",
        "met het nieuwe wachtwoord",
        "met het oude wachtwoord",
    ),
    "uit": _Kind(
        "voor-ontsleutelen",
        "Ontsleutelen is niet gelukt",
        "Je dagboek is niet meer versleuteld",
        "zonder wachtwoord",
        "met je wachtwoord",
    ),
}


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
        return _switch(database, target, "aan", [passphrase], clock)
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
        return _switch(database, target, "wijzig", [old, new], clock)
    finally:
        database.close()


def disable(paths: AppPaths, passphrase: str, *, clock: Clock = system_clock) -> list[Path]:
    """Store the journal, its copies and drafts unencrypted again."""
    if not is_encrypted(paths):
        raise EncryptionStateError("Dit dagboek is niet versleuteld; er is niets gewijzigd.")
    database = open_database(paths, backups=False, clock=clock, passphrase=passphrase)
    try:
        return _switch(database, PlainCodec(), "uit", [passphrase], clock)
    finally:
        database.close()


def _switch(
    database: Database, target: Codec, kind: str, passphrases: list[str], clock: Clock
) -> list[Path]:
    """Stage, commit (one rename of the database), finish; see the module docstring."""
    words = _KINDS[kind]
    paths = database.paths
    storage = database.storage
    previous = storage.codec
    try:
        left = stage_switch(
            paths,
            target,
            [previous],
            passphrases,
            safety_stem=backup_stem(clock(), words.reason),
            safety_data=snapshot_file(storage.read(), storage.meta, target),
        )
    except OSError as exc:
        roll_back_quietly(paths)
        raise _nothing_changed(words, exc) from exc
    try:
        storage.rekey(target)  # the commit point: one atomic replace of the database
    except ReplacedNotConfirmedError as exc:
        raise _not_confirmed(words, exc) from exc
    except OSError as exc:
        if switch_committed(paths):  # the rename happened after all
            raise _not_confirmed(words, exc) from exc
        roll_back_quietly(paths)
        raise _nothing_changed(words, exc) from exc
    try:
        finish_switch(paths)
    except OSError as exc:
        raise SwitchError(
            f"{words.done}; je dagboek opent vanaf nu {words.opens_now}. Niet alle "
            f"concepten en reservekopieën konden al worden omgezet ({os_reason(exc)}): "
            "reflectie maakt dat af zodra je het dagboek weer opent.",
            committed=True,
        ) from exc
    return left


def _nothing_changed(words: _Kind, exc: OSError) -> SwitchError:
    return SwitchError(
        f"{words.attempt} ({os_reason(exc)}). Er is niets gewijzigd: je dagboek, concepten "
        f"en reservekopieën openen nog {words.opens_before}.",
        committed=False,
    )


def _not_confirmed(words: _Kind, exc: OSError) -> SwitchError:
    """The new database is in place, but the folder fsync that makes it last failed.

    The staged files stay where they are: the next open finishes them if the new
    database is what the disk kept, and removes them if a power loss took it.
    """
    return SwitchError(
        f"{words.done}, maar het vastleggen op schijf is niet bevestigd ({os_reason(exc)}). "
        f"Je dagboek opent nu {words.opens_now}; alleen als de stroom uitvalt voordat de "
        f"schijf het bewaart, opent het daarna nog {words.opens_before}. Concepten en "
        "reservekopieën volgen bij het openen vanzelf.",
        committed=True,
    )
