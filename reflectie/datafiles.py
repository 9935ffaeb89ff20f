"""Reading the TOML data files (prompt sets, themes) with Dutch, line-numbered errors.

Prompt sets and themes are edited by hand, also by teachers; a typo must lead to
one message that names the file and the line, never to a traceback.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from reflectie.errors_text import os_reason

_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_AT_END = re.compile(r"\s*\(at end of document\)\s*$")


class DataFileError(Exception):
    """A data file that cannot be used. Subclasses set :attr:`kind` ("Vragenset", …)."""

    kind = "Bestand"

    def __init__(self, path: Path, message: str, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.detail = message
        where = f"{path}, regel {line}" if line is not None else str(path)
        super().__init__(f"{self.kind} {where}: {message}")


def read_toml(path: Path, error: type[DataFileError]) -> tuple[dict[str, Any], str]:
    """Parse ``path``; every failure becomes ``error`` with a Dutch message and line."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise error(path, f"kan het bestand niet lezen ({os_reason(exc)}).") from exc
    try:
        source = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise error(path, "het bestand is geen geldige UTF-8-tekst.") from exc
    try:
        return tomllib.loads(source), source
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        position = _POSITION.search(message)
        if position is not None:
            reason = message[: position.start()]
            raise error(
                path,
                f"ongeldige TOML bij kolom {position.group(2)} ({reason}).",
                int(position.group(1)),
            ) from exc
        if _AT_END.search(message):
            reason = _AT_END.sub("", message)
            raise error(
                path,
                f"ongeldige TOML aan het einde van het bestand ({reason}).",
                max(1, len(source.splitlines())),
            ) from exc
        raise error(path, f"ongeldige TOML ({message}).") from exc
