"""Reading inputs and writing outputs for commands: files or '-' for stdin/stdout."""

from __future__ import annotations

import sys
from pathlib import Path

from reflectie.cli.errors import CliError
from reflectie.errors_text import os_reason
from reflectie.store.fileio import atomic_write_bytes


def read_input(path_text: str, limit: int) -> bytes:
    """Up to ``limit`` bytes from a file or stdin ('-'); the caller judges the size."""
    if path_text == "-":
        return sys.stdin.buffer.read(limit)
    try:
        with Path(path_text).open("rb") as handle:
            return handle.read(limit)
    except OSError as exc:
        raise CliError(f"kan {path_text} niet lezen: {os_reason(exc)}.") from exc


def write_output(target: str, text: str) -> None:
    """Write to stdout ('-') or atomically to a private file: never a partial file."""
    if target == "-":
        sys.stdout.write(text)
    else:
        atomic_write_bytes(Path(target), text.encode("utf-8"))
