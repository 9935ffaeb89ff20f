"""Turn every expected failure into one Dutch line on stderr and exit code 1."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from reflectie.backup_file import BackupFileError
from reflectie.backups import last_good_backup
from reflectie.database import MissingJournalError
from reflectie.errors_text import describe_os_error
from reflectie.exchange import ExchangeError
from reflectie.journal import NotFoundError
from reflectie.model import ValidationError
from reflectie.plg import BundleError
from reflectie.prompts import PromptFileError
from reflectie.store.errors import CorruptDatabaseError, StorageError
from reflectie.store.fileio import ReplacedNotConfirmedError


class CliError(Exception):
    """A message for the user; exit code 1."""


def fail(message: str) -> int:
    print(f"reflectie: {message}", file=sys.stderr)
    return 1


def run_guarded(action: Callable[[], int]) -> int:
    try:
        return action()
    except CorruptDatabaseError as exc:
        from reflectie.paths import resolve_paths

        paths = resolve_paths(exc.path.parent)
        good = last_good_backup(paths)
        hint = (
            f" De laatste goede automatische kopie is {good.path}; zet die terug met "
            f"'reflectie herstel {good.path} --data-dir {paths.data_dir}'. "
            "Het beschadigde bestand blijft bewaard."
            if good
            else " Er is geen automatische kopie gevonden."
        )
        return fail(f"{exc}{hint}")
    except MissingJournalError as exc:
        copy = exc.backup
        hint = (
            f" Zet die terug met 'reflectie herstel {copy.path} --data-dir {exc.paths.data_dir}'."
            if copy
            else ""
        )
        return fail(f"{exc}{hint}")
    except (
        StorageError,
        CliError,
        ValidationError,
        NotFoundError,
        BackupFileError,
        PromptFileError,
        ExchangeError,
        BundleError,
    ) as exc:
        return fail(str(exc))
    except BrokenPipeError:
        # Before OSError, its base class: the reader (e.g. `head`) went away, which
        # is not an error of ours (and what was stored stays stored).
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except ReplacedNotConfirmedError as exc:
        return fail(
            f"bestandsfout ({describe_os_error(exc)}). De wijziging staat op schijf, maar het "
            "vastleggen ervan is niet bevestigd; controleer het resultaat."
        )
    except OSError as exc:
        return fail(f"bestandsfout ({describe_os_error(exc)}). Er is niets gewijzigd.")
    except KeyboardInterrupt:
        return fail("afgebroken; er is niets gewijzigd.")
