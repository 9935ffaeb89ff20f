"""Passphrases on the command line: typed at a terminal (getpass), or the first line(s)
of standard input with ``--wachtwoord-stdin``. Never a command-line argument."""

from __future__ import annotations

import argparse
import getpass
import sys

from reflectie.cli.errors import CliError

PROMPT = "Wachtwoord: "


def from_stdin(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "wachtwoord_stdin", False))


def _read_line() -> str:
    if sys.stdin is None:
        raise CliError("geen wachtwoord op de standaardinvoer.")
    line = sys.stdin.buffer.readline()
    if not line:
        raise CliError("geen wachtwoord op de standaardinvoer; er is niets gewijzigd.")
    try:
        return line.decode("utf-8").rstrip("\r\n")
    except UnicodeDecodeError as exc:
        raise CliError("het wachtwoord is geen UTF-8-tekst.") from exc


def prefetch(args: argparse.Namespace) -> None:
    """With --wachtwoord-stdin the first line is the passphrase, before any other input."""
    if from_stdin(args):
        args.pending_secret = _read_line()


def next_secret(args: argparse.Namespace, prompt: str = PROMPT) -> str:
    pending = getattr(args, "pending_secret", None)
    if pending is not None:
        args.pending_secret = None
        return pending
    if from_stdin(args):
        return _read_line()
    if sys.stdin is None or not sys.stdin.isatty():
        raise CliError(
            "er is een wachtwoord nodig. Typ het in een terminal, of geef het op de eerste "
            "regel van de invoer met --wachtwoord-stdin."
        )
    try:
        return getpass.getpass(prompt)
    except EOFError as exc:
        raise CliError("geen wachtwoord gegeven; er is niets gewijzigd.") from exc


def journal_passphrase(args: argparse.Namespace) -> str | None:
    """The passphrase of the journal in ``args.paths`` (asked once), or None if it is plain."""
    from reflectie.encryption import is_encrypted

    cached = getattr(args, "journal_secret", None)
    if cached is not None:
        return cached
    if not is_encrypted(args.paths):
        return None
    args.journal_secret = next_secret(args)
    return args.journal_secret
