"""``reflectie versleutel aan|uit|wijzig``: encryption at rest from the command line."""

from __future__ import annotations

import argparse
import sys

from reflectie.cli.errors import CliError
from reflectie.cli.parser import DutchArgumentParser, add_actions, add_data_dir
from reflectie.cli.secrets import from_stdin, journal_passphrase, next_secret


def configure_versleutel(parser: DutchArgumentParser) -> None:
    sub = add_actions(parser, "actie", "acties")
    aan = sub.add_parser("aan", help="versleutel je dagboek, kopieën en concepten")
    uit = sub.add_parser("uit", help="sla alles weer onversleuteld op")
    wijzig = sub.add_parser("wijzig", help="kies een nieuw wachtwoord")
    for child in (aan, uit, wijzig):
        add_data_dir(child)


def _new_passphrase(args: argparse.Namespace) -> str:
    """Asked twice at a terminal; one line with --wachtwoord-stdin."""
    from reflectie.encryption import check_new_passphrase

    first = next_secret(args, "Nieuw wachtwoord: ")
    check_new_passphrase(first)
    if not from_stdin(args):
        again = next_secret(args, "Herhaal het nieuwe wachtwoord: ")
        if again != first:
            raise CliError("de wachtwoorden zijn niet gelijk; er is niets gewijzigd.")
    return first


def _report(left: list) -> None:  # type: ignore[type-arg]
    for path in left:
        print(
            f"reflectie: let op: {path} kon niet worden omgezet en is ongewijzigd gebleven.",
            file=sys.stderr,
        )


def versleutel(args: argparse.Namespace) -> int:
    from reflectie import encryption

    if args.actie == "aan":
        if encryption.is_encrypted(args.paths):
            raise CliError("dit dagboek is al versleuteld; gebruik 'reflectie versleutel wijzig'.")
        print(encryption.WARNING, file=sys.stderr)
        secret = _new_passphrase(args)
        _report(encryption.enable(args.paths, secret))
        print("Je dagboek, reservekopieën en concepten zijn nu versleuteld.")
        return 0
    if not encryption.is_encrypted(args.paths):
        raise CliError("dit dagboek is niet versleuteld; gebruik 'reflectie versleutel aan'.")
    current = journal_passphrase(args)
    assert current is not None
    if args.actie == "wijzig":
        print(encryption.WARNING, file=sys.stderr)
        secret = _new_passphrase(args)
        _report(encryption.change(args.paths, current, secret))
        print("Het wachtwoord is gewijzigd.")
        return 0
    _report(encryption.disable(args.paths, current))
    print("Je dagboek, reservekopieën en concepten zijn niet meer versleuteld.")
    return 0
