"""Storage errors. Messages are Dutch because they reach the teacher unchanged."""

from __future__ import annotations

from pathlib import Path


class StorageError(Exception):
    """Base class for every storage failure the app reports to the user."""


class CorruptDatabaseError(StorageError):
    """The database file is damaged; it is left untouched so nothing more is lost."""

    def __init__(self, path: Path, detail: str) -> None:
        self.path = path
        self.detail = detail
        super().__init__(f"Het bestand {path} is beschadigd ({detail}).")


class TamperedDatabaseError(CorruptDatabaseError):
    """An encrypted log whose records authenticate one by one but not as a whole:
    records were removed, moved, repeated or cut off outside reflectie."""

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(path, detail)
        self.args = (
            f"Het dagboek {path} is buiten reflectie om veranderd ({detail}). Dat kan op "
            "manipulatie wijzen. Het bestand is niet aangeraakt.",
        )

    def __str__(self) -> str:
        return str(self.args[0])


class MissingDatabaseError(StorageError):
    """The database file is not there, and the caller did not allow creating it."""

    def __init__(self, path: Path, message: str | None = None) -> None:
        self.path = path
        super().__init__(message or f"Het dagboekbestand {path} ontbreekt.")


class NewerVersionError(StorageError):
    """Written by a newer reflectie; opening it with this version could damage it."""


class DatabaseLockedError(StorageError):
    """Another process holds the write lock on this journal."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            f"Een ander reflectie-venster gebruikt dit dagboek al ({path.parent}). "
            "Sluit dat eerst af, of open dit dagboek alleen-lezen."
        )


class StorageBrokenError(StorageError):
    """A write failed and the on-disk state could not be confirmed; reopen to continue."""


class PassphraseRequiredError(StorageError):
    """The journal is encrypted and no passphrase was given."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            f"Dit dagboek ({path.parent}) is versleuteld; geef je wachtwoord om het te openen."
        )


class WrongPassphraseError(StorageError):
    """The passphrase does not unlock this file; nothing was read or written."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        super().__init__("Onjuist wachtwoord. Er is niets gewijzigd.")
