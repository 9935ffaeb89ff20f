"""``reflectie``: start the TUI, or run one command (see README for the contract).

Each command is declared once in :data:`COMMANDS` (name, help, arguments,
handler). Errors reach the user as one Dutch line on stderr with exit code 1;
argparse's usage errors exit with 2; nothing is stored when a command fails.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reflectie import __version__
from reflectie.cli.parser import DutchArgumentParser, add_data_dir

Handler = Callable[[argparse.Namespace], int]


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    configure: Callable[[DutchArgumentParser], None]
    handler: Handler


def _commands() -> list[Command]:
    from reflectie.cli import feedback_cmds as f
    from reflectie.cli import journal_cmds as j
    from reflectie.cli import plg_cmds as p
    from reflectie.cli import team_cmds as t
    from reflectie.cli import versleutel_cmds as v

    return [
        Command("schrijf", "sla een nieuwe reflectie op en toon het id", j.configure_schrijf, j.schrijf),
        Command("bewerk", "vervang de tekst van een reflectie", j.configure_bewerk, j.bewerk),
        Command("verwijder", "verplaats een reflectie naar de prullenbak", j.configure_verwijder, j.verwijder),
        Command("prullenbak", "toon of herstel verwijderde reflecties", j.configure_prullenbak, j.prullenbak),
        Command("lijst", "toon reflecties, nieuwste eerst", j.configure_lijst, j.lijst),
        Command("zoek", "zoek in je reflecties (hoofdletters en accenten tellen niet)", j.configure_zoek, j.zoek),
        Command("prompts", "toon de vragensets", j.configure_prompts, j.prompts),
        Command("backup", "schrijf alle gegevens naar één JSON-bestand", j.configure_backup, j.backup),
        Command("herstel", "zet een reservekopie terug", j.configure_herstel, j.herstel),
        Command("versleutel", "zet versleuteling aan of uit, of wijzig het wachtwoord", v.configure_versleutel, v.versleutel),
        Command("instellingen", "toon of wijzig naam en sector", j.configure_instellingen, j.instellingen),
        Command("leervraag", "leg leervragen vast en bekijk ze", f.configure_leervraag, f.leervraag),
        Command("feedback", "vraag en geef feedback (BKC) via bestanden", f.configure_feedback, f.feedback),
        Command("importeer", "importeer een feedbackvraag, feedbackantwoord of PLG-uitkomst", f.configure_importeer, f.importeer),
        Command("anonimiseer", "vervang namen en andere persoonsgegevens in een tekst", p.configure_anonimiseer, p.anonimiseer),
        Command("export", "exporteer een geanonimiseerde PLG-samenvatting", p.configure_export, p.export),
        Command("plg", "voeg PLG-samenvattingen samen tot een agenda, of schrijf een PLG-uitkomst", p.configure_plg, p.plg),
        Command("speerpunt", "speerpunten uit de PLG: monitoren, borgen, evalueren", t.configure_speerpunt, t.speerpunt),
        Command("kwaliteitskaart", "schrijf de kwaliteitskaart van een speerpunt (Markdown of HTML)", t.configure_kwaliteitskaart, t.kwaliteitskaart),
    ]  # fmt: skip


def build_parser() -> DutchArgumentParser:
    parser = DutchArgumentParser(
        prog="reflectie",
        description="reflectie: je eigen reflectiedagboek als docent. Zonder opdracht start de app.",
    )
    parser.options.add_argument(
        "--version",
        action="version",
        version=f"reflectie {__version__}",
        help="toon het versienummer",
    )
    parser.options.add_argument(
        "--data-dir",
        metavar="MAP",
        default=None,
        help="map met je dagboek (standaard: REFLECTIE_HOME of de gebruikersmap)",
    )
    parser.options.add_argument(
        "--wachtwoord-stdin",
        action="store_true",
        default=False,
        help="lees het wachtwoord van de eerste regel van de standaardinvoer (nooit als argument)",
    )
    parser.options.add_argument(
        "--alleen-lezen", action="store_true", help="open de app zonder te kunnen schrijven"
    )
    sub = parser.add_subparsers(
        dest="command", title="opdrachten", metavar="OPDRACHT", parser_class=DutchArgumentParser
    )
    for command in _commands():
        child = sub.add_parser(command.name, help=command.help, description=command.help)
        add_data_dir(child)
        command.configure(child)
        child.set_defaults(handler=command.handler)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from reflectie.cli.errors import run_guarded
    from reflectie.paths import resolve_paths

    paths = resolve_paths(args.data_dir)
    if args.command is None:
        from reflectie.tui.run import run_tui

        return run_guarded(lambda: run_tui(paths, read_only=args.alleen_lezen))
    args.paths = paths

    def handle() -> int:
        from reflectie.cli.secrets import prefetch

        prefetch(args)
        return args.handler(args)

    return run_guarded(handle)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
