"""Anonymize text, export a PLG summary, merge members' summaries into an agenda."""

from __future__ import annotations

import argparse
import random
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from reflectie.cli.errors import CliError
from reflectie.cli.io import write_output
from reflectie.cli.journal_cmds import read_text, session_for
from reflectie.cli.parser import DutchArgumentParser, add_actions, add_data_dir
from reflectie.errors_text import os_reason
from reflectie.wording import count

if TYPE_CHECKING:
    from reflectie.anonymizer import AnonymizedText


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"'{text}' is geen datum (JJJJ-MM-DD)") from exc


# -- anonimiseer -----------------------------------------------------------------------------


def configure_anonimiseer(parser: DutchArgumentParser) -> None:
    parser.add_argument_group("argumenten").add_argument(
        "bestand", nargs="?", metavar="BESTAND", help="tekstbestand (anders standaardinvoer)"
    )
    parser.options.add_argument(
        "--namen", metavar="BESTAND", help="bekende namen, één per regel (# voor commentaar)"
    )
    parser.options.add_argument("--sector", choices=("mbo", "vo"), default="mbo")
    parser.options.add_argument(
        "--toon",
        action="store_true",
        help="toon daarna elke vervanging met de reden, en elk woord dat mogelijk een naam "
        "is maar bleef staan (op stderr; standaarduitvoer blijft alleen de tekst)",
    )


def describe_result(result: AnonymizedText) -> list[str]:
    """The lines ``anonimiseer --toon`` prints: each replacement, then each suspect."""
    lines = []
    for r in result.replacements:
        lines.append(f"vervangen: {r.original!r} → {r.label} ({r.reason})")
    for s in result.suspects:
        line = result.original.count("\n", 0, s.start) + 1
        reason = f", {s.reason}" if s.reason else ""
        lines.append(f"mogelijk een naam: {s.text!r} (regel {line}{reason}); niet vervangen")
    if not result.suspects:
        lines.append("mogelijk een naam: geen")
    return lines


def anonimiseer(args: argparse.Namespace) -> int:
    from reflectie.anonymizer import Anonymizer, KnownNames

    if args.bestand:
        try:
            text = Path(args.bestand).read_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            raise CliError(f"{args.bestand} is geen UTF-8-tekst.") from exc
        except OSError as exc:
            raise CliError(f"kan {args.bestand} niet lezen: {os_reason(exc)}.") from exc
    else:
        text = read_text(None)
    known = KnownNames()
    if args.namen:
        try:
            known = KnownNames.from_lines(Path(args.namen).read_text("utf-8").splitlines())
        except UnicodeDecodeError as exc:
            raise CliError(f"{args.namen} is geen UTF-8-tekst.") from exc
        except OSError as exc:
            raise CliError(f"kan {args.namen} niet lezen: {os_reason(exc)}.") from exc
    result = Anonymizer(known, sector=args.sector).anonymize(text)
    sys.stdout.write(result.text)
    sys.stdout.flush()
    if args.toon:
        for line in describe_result(result):
            print(line, file=sys.stderr)
    return 0


# -- export plg ----------------------------------------------------------------------------------


def configure_export(parser: DutchArgumentParser) -> None:
    sub = add_actions(parser, "soort", "soorten")
    plg = sub.add_parser("plg", help="geanonimiseerde samenvatting van wat deelbaar is")
    plg.options.add_argument("--van", type=_date, metavar="DATUM", help="vanaf (JJJJ-MM-DD)")
    plg.options.add_argument("--tot", type=_date, metavar="DATUM", help="tot en met (JJJJ-MM-DD)")
    plg.options.add_argument(
        "--html", action="store_true", help="schrijf een printbare HTML-pagina"
    )
    plg.options.add_argument(
        "--fase", metavar="FASE", help="voeg dialoogvragen voor deze onderzoeksfase toe"
    )
    plg.options.add_argument("--zonder-voornemens", action="store_true", help="laat voornemens weg")
    plg.options.add_argument("-o", dest="output", required=True, metavar="BESTAND")
    add_data_dir(plg)


def export(args: argparse.Namespace) -> int:
    from reflectie.plg.pipeline import export_summary, render_summary
    from reflectie.plg.summary import SummaryChoice

    if args.van and args.tot and args.van > args.tot:
        raise CliError("--van ligt na --tot.")
    # reading only: works while the app has the journal open
    with session_for(args, read_only=True) as session:
        choice = SummaryChoice(
            van=args.van, tot=args.tot, voornemens=not args.zonder_voornemens, fase=args.fase
        )
        try:
            summary = export_summary(session, choice)
        except ValueError as exc:
            raise CliError(str(exc)) from exc
    if not summary.items:
        raise CliError(
            "er is niets deelbaar in deze periode; markeer reflecties of leervragen "
            "eerst als deelbaar."
        )
    write_output(args.output, render_summary(summary, html=args.html))
    report = (
        f"Samenvatting geschreven: {count(len(summary.items), 'onderdeel')}, "
        f"{count(summary.replacement_count, 'vervanging')}."
    )
    if summary.suspect_count:
        report += (
            f" Let op: {summary.suspect_count} woord(en) bleven staan maar zijn mogelijk een "
            "naam; controleer ze in de app (PLG-samenvatting) voordat je het bestand deelt."
        )
    print(report, file=sys.stderr)
    return 0


# -- plg bundel ------------------------------------------------------------------------------------


def configure_plg(parser: DutchArgumentParser) -> None:
    sub = add_actions(parser, "actie", "acties")
    bundel = sub.add_parser("bundel", help="voeg samenvattingen van PLG-leden samen tot één agenda")
    bundel.add_argument_group("argumenten").add_argument("bestanden", nargs="+", metavar="BESTAND")
    bundel.options.add_argument("-o", dest="output", required=True, metavar="BESTAND")
    bundel.options.add_argument(
        "--html", action="store_true", help="schrijf een printbare HTML-pagina"
    )
    add_data_dir(bundel)
    from reflectie.cli.team_cmds import configure_uitkomst

    configure_uitkomst(sub)


def plg(args: argparse.Namespace) -> int:
    if args.actie == "uitkomst":
        from reflectie.cli.team_cmds import uitkomst

        return uitkomst(args)
    from reflectie.plg.bundle import merge, read_summary_file, render_agenda
    from reflectie.plg.html import render_html
    from reflectie.plg.summary import DIALOGUE_SET
    from reflectie.prompts import load_library

    parsed = []
    for name in args.bestanden:
        try:
            raw = Path(name).read_bytes()
        except OSError as exc:
            raise CliError(f"kan {name} niet lezen: {os_reason(exc)}.") from exc
        parsed.append(read_summary_file(raw, name))
    library = load_library(args.paths.user_prompts)
    dialogue_set = library.get_set(DIALOGUE_SET)
    defaults = [p.render("mbo") for p in dialogue_set.vragen[:5]] if dialogue_set else []
    agenda = merge(parsed, rng=random.SystemRandom(), default_dialogue=defaults)
    markdown = render_agenda(agenda)
    write_output(args.output, render_html(markdown, title="PLG-agenda") if args.html else markdown)
    print(f"Agenda geschreven uit {count(agenda.members, 'samenvatting')}.", file=sys.stderr)
    return 0
