"""Leervragen and the feedback exchange from the command line."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from reflectie.cli.errors import CliError
from reflectie.cli.io import read_input, write_output
from reflectie.cli.journal_cmds import print_json, session_for
from reflectie.cli.parser import DutchArgumentParser, add_actions, add_data_dir

MAX_IMPORT_BYTES = 1024 * 1024  # read a little more than the format allows, to say "te groot"


def _read_exchange(path_text: str) -> bytes:
    return read_input(path_text, MAX_IMPORT_BYTES)


# -- leervraag -------------------------------------------------------------------------------


def configure_leervraag(parser: DutchArgumentParser) -> None:
    sub = add_actions(parser, "actie", "acties")
    nieuw = sub.add_parser("nieuw", help="leg een nieuwe leervraag vast")
    nieuw.add_argument_group("argumenten").add_argument("tekst", metavar="TEKST")
    nieuw.options.add_argument(
        "--deelbaar", action="store_true", help="mag in een PLG-samenvatting"
    )
    lijst = sub.add_parser("lijst", help="toon je leervragen")
    lijst.options.add_argument("--json", action="store_true", help="uitvoer als JSON")
    status = sub.add_parser("status", help="zet een leervraag op open, bezig of afgerond")
    group = status.add_argument_group("argumenten")
    group.add_argument("id", metavar="ID")
    group.add_argument("status", choices=("open", "bezig", "afgerond"))
    status.options.add_argument(
        "--conclusie", metavar="TEKST", help="korte conclusie (bij afronden)"
    )
    for child in (nieuw, lijst, status):
        add_data_dir(child)


def leervraag(args: argparse.Namespace) -> int:
    # listing only reads: it works while the app has the journal open
    with session_for(args, read_only=args.actie == "lijst") as session:
        service = session.feedback
        if args.actie == "nieuw":
            doc = service.new_leervraag(args.tekst, deelbaar=args.deelbaar)
            print(doc["id"])
            return 0
        if args.actie == "status":
            service.update_leervraag(args.id, status=args.status, conclusie=args.conclusie)
            print(f"Leervraag {args.id}: {args.status}")
            return 0
        docs = service.leervragen()
    if args.json:
        print_json(docs)
    elif not docs:
        print('Nog geen leervragen. Begin met: reflectie leervraag nieuw "…"')
    else:
        for doc in docs:
            print(f"{doc['id']}  [{doc['status']}]  {doc['tekst']}")
    return 0


# -- feedback ----------------------------------------------------------------------------------


def configure_feedback(parser: DutchArgumentParser) -> None:
    sub = add_actions(parser, "actie", "acties")
    vraag = sub.add_parser("vraag", help="vraag een collega om feedback (schrijft een bestand)")
    vraag.options.add_argument("--leervraag", required=True, metavar="ID")
    vraag.options.add_argument(
        "--aan", required=True, metavar="NAAM", help="aan wie (blijft lokaal)"
    )
    vraag.options.add_argument(
        "--focus", required=True, metavar="TEKST", help="waar moet je collega vooral op letten?"
    )
    vraag.options.add_argument(
        "--wanneer", default="", metavar="TEKST", help="welke les, wanneer en waar"
    )
    vraag.options.add_argument("--kijkpunt", action="append", default=[], metavar="TEKST")
    vraag.options.add_argument(
        "-o", dest="output", required=True, metavar="BESTAND", help="uitvoerbestand (- voor stdout)"
    )

    antwoord = sub.add_parser(
        "beantwoord", help="beantwoord een feedbackvraag van een collega (BKC)"
    )
    antwoord.add_argument_group("argumenten").add_argument("bestand", metavar="BESTAND")
    antwoord.options.add_argument("--bevestiging", required=True, metavar="T", help="wat gaat goed")
    antwoord.options.add_argument(
        "--kritiek", required=True, metavar="T", help="wat ontbreekt of is nog niet zichtbaar"
    )
    antwoord.options.add_argument(
        "--constructief", required=True, metavar="T", help="een suggestie"
    )
    antwoord.options.add_argument("-o", dest="output", required=True, metavar="BESTAND")

    lijst = sub.add_parser("lijst", help="toon feedbackvragen met hun status")
    lijst.options.add_argument("--json", action="store_true", help="uitvoer als JSON")

    ontvangst = sub.add_parser("ontvangst", help="reflecteer op een ontvangen antwoord")
    group = ontvangst.add_argument_group("argumenten")
    group.add_argument("id", metavar="ID")
    group.add_argument("tekst", metavar="TEKST")

    voornemen = sub.add_parser("voornemen", help="leg een concreet voornemen vast")
    group = voornemen.add_argument_group("argumenten")
    group.add_argument("id", metavar="ID")
    group.add_argument("tekst", metavar="TEKST")
    voornemen.options.add_argument(
        "--evalueer", required=True, type=date.fromisoformat, metavar="JJJJ-MM-DD"
    )

    evalueer = sub.add_parser("evalueer", help="evalueer een voornemen")
    group = evalueer.add_argument_group("argumenten")
    group.add_argument("id", metavar="ID")
    group.add_argument("voornemen", metavar="VOORNEMEN")
    group.add_argument("uitkomst", choices=("gelukt", "deels", "niet"))
    evalueer.options.add_argument("--reflectie", default="", metavar="TEKST")

    bedankt = sub.add_parser("bedankt", help="markeer dat je je collega hebt bedankt")
    bedankt.add_argument_group("argumenten").add_argument("id", metavar="ID")

    for child in (vraag, antwoord, lijst, ontvangst, voornemen, evalueer, bedankt):
        add_data_dir(child)


def feedback(args: argparse.Namespace) -> int:
    with session_for(args, read_only=args.actie == "lijst") as session:
        service = session.feedback
        if args.actie == "vraag":
            doc = service.new_request(
                args.leervraag,
                aan=args.aan,
                focus=args.focus,
                wanneer=args.wanneer,
                kijkpunten=args.kijkpunt,
            )
            text, sent = service.request_text(doc["id"])
            write_output(args.output, text)
            service.mark_sent(doc["id"], sent)  # only once the file is written
            print(doc["id"], file=sys.stderr if args.output == "-" else sys.stdout)
            return 0
        if args.actie == "beantwoord":
            result = service.import_text(_read_exchange(args.bestand))
            if result.kind != "vraag":
                raise CliError("dit bestand is geen feedbackvraag maar een antwoord.")
            text = service.answer(
                result.id,
                bevestiging=args.bevestiging,
                kritiek=args.kritiek,
                constructief=args.constructief,
            )
            write_output(args.output, text)
            if args.output != "-":
                print(
                    f"Antwoord geschreven naar {args.output}. Stuur dit bestand terug naar "
                    "wie je om feedback vroeg."
                )
            return 0
        if args.actie == "ontvangst":
            service.reflect_on_answer(args.id, args.tekst)
            print("Je reflectie op het antwoord is bewaard.")
            return 0
        if args.actie == "voornemen":
            print(service.add_voornemen(args.id, args.tekst, args.evalueer)["id"])
            return 0
        if args.actie == "evalueer":
            service.evaluate_voornemen(args.id, args.voornemen, args.uitkomst, args.reflectie)
            print(f"Status: {service.round(args.id)['status']}")
            return 0
        if args.actie == "bedankt":
            service.mark_thanked(args.id)
            print(f"Status: {service.round(args.id)['status']}")
            return 0
        rounds = [{**d, "rol": "vrager"} for d in service.rounds()]
        received = [{**d, "rol": "gever"} for d in service.received()]
    if args.json:
        print_json(rounds + received)
        return 0
    if not rounds and not received:
        print("Nog geen feedbackvragen.")
    for doc in rounds:
        print(f"{doc['id']}  [{doc['status']}]  aan {doc['aan']}: {doc['focus'][:60]}")
    for doc in received:
        sender = doc["van"] or "een collega"
        print(f"{doc['id']}  [{doc['status']}]  van {sender}: {doc['focus'][:60]}")
    return 0


# -- importeer ---------------------------------------------------------------------------------


def configure_importeer(parser: DutchArgumentParser) -> None:
    parser.add_argument_group("argumenten").add_argument(
        "bestand",
        metavar="BESTAND",
        help="feedbackvraag, feedbackantwoord of PLG-uitkomst (- leest standaardinvoer)",
    )


def importeer(args: argparse.Namespace) -> int:
    from reflectie.importing import import_exchange

    raw = _read_exchange(args.bestand)
    with session_for(args) as session:
        result = import_exchange(session, raw)
    print(result.message)
    return 0
