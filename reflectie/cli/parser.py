"""An ``argparse`` that speaks Dutch.

argparse's own texts are English and come from its private gettext hook; rather
than patching that, headings are set through explicit argument groups and the
few error messages a user actually meets are translated in :meth:`error`.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import NoReturn

_ERRORS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"the following arguments are required: (.*)"), r"deze argumenten ontbreken: \1"),
    (re.compile(r"unrecognized arguments: (.*)"), r"onbekende argumenten: \1"),
    (
        re.compile(r"argument (.*?): expected one argument"),
        r"argument \1: hier hoort een waarde bij",
    ),
    (
        re.compile(r"argument (.*?): invalid choice: (.*?) \(choose from (.*)\)"),
        r"argument \1: ongeldige keuze \2 (kies uit \3)",
    ),
    (re.compile(r"argument (.*?): invalid (\w+) value: (.*)"), r"argument \1: ongeldige waarde \3"),
    (
        re.compile(r"argument (.*?): not allowed with argument (.*)"),
        r"argument \1: kan niet samen met \2",
    ),
]


def translate(message: str) -> str:
    for pattern, replacement in _ERRORS:
        if pattern.search(message):
            return pattern.sub(replacement, message)
    return message


class DutchHelpFormatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        super().add_usage(usage, actions, groups, prefix="gebruik: " if prefix is None else prefix)


class DutchArgumentParser(argparse.ArgumentParser):
    """Usage errors go to stderr in Dutch with exit code 2, as the contract says."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        kwargs.setdefault("formatter_class", DutchHelpFormatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self.options = self.add_argument_group("opties")
        self.options.add_argument(
            "-h", "--help", action="help", default=argparse.SUPPRESS, help="toon deze hulp en stop"
        )

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: fout: {translate(message)}\n")


def add_actions(
    parser: DutchArgumentParser, dest: str = "actie", title: str = "acties"
) -> argparse._SubParsersAction[DutchArgumentParser]:
    """Sub-commands of a command (``reflectie feedback vraag``), which also accept --data-dir."""
    return parser.add_subparsers(
        dest=dest,
        title=title,
        metavar=title[:-1].upper() if title.endswith("s") else title.upper(),
        required=True,
        parser_class=DutchArgumentParser,
    )


def add_data_dir(parser: DutchArgumentParser) -> None:
    parser.options.add_argument(
        "--data-dir",
        metavar="MAP",
        default=argparse.SUPPRESS,
        help="map met je dagboek (standaard: REFLECTIE_HOME of de gebruikersmap)",
    )
    parser.options.add_argument(
        "--wachtwoord-stdin",
        action="store_true",
        default=argparse.SUPPRESS,
        help="lees het wachtwoord van de eerste regel van de standaardinvoer",
    )
