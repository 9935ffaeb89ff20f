"""From the PLG back into the week: ``plg uitkomst``, ``speerpunt …``, ``kwaliteitskaart``.

Thin handlers over :mod:`reflectie.team`; ``reflectie importeer`` (feedback_cmds)
imports an uitkomst file through :func:`reflectie.importing.import_exchange`.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any

from reflectie.cli.io import write_output
from reflectie.cli.journal_cmds import print_json, read_text, session_for
from reflectie.cli.parser import DutchArgumentParser, add_actions, add_data_dir


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"'{text}' is geen datum (JJJJ-MM-DD)") from exc


def _role_ids() -> tuple[str, ...]:
    from reflectie.team.model import ROLES

    return tuple(ROLES)


def _say(message: str) -> None:
    """What a command did, for people (stderr, so stdout stays for ids and data)."""
    print(message, file=sys.stderr)


# -- plg uitkomst ------------------------------------------------------------------------------


def configure_uitkomst(sub: argparse._SubParsersAction[DutchArgumentParser]) -> None:
    """``reflectie plg uitkomst``: added to the ``plg`` command's actions."""
    parser = sub.add_parser(
        "uitkomst",
        help="schrijf een PLG-uitkomst (speerpunt, aanpak, wat 'zoals bedoeld' is) als bestand",
    )
    o = parser.options
    o.add_argument("--speerpunt", required=True, metavar="TITEL", help="titel van het speerpunt")
    o.add_argument("--aanpak", required=True, metavar="TEKST", help="wat doen we anders, waar")
    o.add_argument(
        "--zoals-bedoeld",
        required=True,
        metavar="TEKST",
        help="wat 'uitgevoerd zoals bedoeld' betekent, in waarneembare termen",
    )
    o.add_argument("--evaluatie", type=_date, metavar="DATUM", help="evaluatiedatum (JJJJ-MM-DD)")
    o.add_argument("-o", dest="output", required=True, metavar="BESTAND", help="uitvoerbestand")
    o.add_argument("--titel", default="", metavar="TEKST", help="titel van de uitkomst")
    o.add_argument(
        "--aandachtspunt", action="append", default=[], metavar="TEKST", help="herhaalbaar"
    )
    o.add_argument(
        "--monitoring",
        action="append",
        default=[],
        metavar="TEKST",
        help="monitoringmoment, bijv. 'week 12: lesbezoek in duo's' (herhaalbaar)",
    )
    o.add_argument(
        "--rol",
        action="append",
        default=[],
        choices=_role_ids(),
        help="een rol (nooit een naam); standaard kwaliteitsbewaker (herhaalbaar)",
    )
    o.add_argument(
        "--betrekken", default="", metavar="TEKST", help="hoe jullie studenten/leerlingen betrekken"
    )
    o.add_argument(
        "--vervangt",
        metavar="ID",
        help="maak een nieuwe versie van deze uitkomst (id of speerpunt-id, begin is genoeg)",
    )
    add_data_dir(parser)


def uitkomst(args: argparse.Namespace) -> int:
    from reflectie.team.model import DEFAULT_ROLES, make_plan
    from reflectie.team.names import personal_data_in

    with session_for(args) as session:
        plan = make_plan(
            args.speerpunt,
            args.aanpak,
            args.zoals_bedoeld,
            aandachtspunten=args.aandachtspunt,
            monitoring=args.monitoring,
            evaluatie=args.evaluatie,
            rollen=args.rol or DEFAULT_ROLES,
            betrekken=args.betrekken,
        )
        result = session.team.new_uitkomst([plan], titel=args.titel, vervangt=args.vervangt)
        session.team.publish(result, lambda text: write_output(args.output, text))
        flagged = personal_data_in(session, result)
    where = "de standaarduitvoer" if args.output == "-" else args.output
    version = f"versie {result.uitkomst_versie}"
    print(result.id, file=sys.stderr if args.output == "-" else sys.stdout)
    _say(
        f"PLG-uitkomst ({version}) met speerpunt '{result.speerpunten[0].titel}' geschreven "
        f"naar {where}. Stuur het bestand naar de leden van de PLG; zij importeren het met: "
        "reflectie importeer BESTAND"
    )
    if flagged:
        shown = ", ".join(f"'{word}'" for word in flagged[:5])
        _say(
            f"Let op: de uitkomst bevat mogelijk persoonsgegevens ({shown}). Een uitkomst "
            "noemt rollen, geen namen; pas de tekst zo nodig aan en schrijf een nieuwe versie "
            f"met --vervangt {result.id}."
        )
    return 0


# -- speerpunt ---------------------------------------------------------------------------------


def configure_speerpunt(parser: DutchArgumentParser) -> None:
    sub = add_actions(parser, "actie", "acties")
    lijst = sub.add_parser("lijst", help="toon je speerpunten met hun status")
    lijst.options.add_argument("--json", action="store_true", help="uitvoer als JSON")

    toon = sub.add_parser("toon", help="toon één speerpunt met notities, borging en evaluatie")
    toon.add_argument_group("argumenten").add_argument("id", metavar="ID")
    toon.options.add_argument("--json", action="store_true", help="uitvoer als JSON")

    monitor = sub.add_parser("monitor", help="leg een monitoringnotitie vast bij een speerpunt")
    group = monitor.add_argument_group("argumenten")
    group.add_argument("id", metavar="ID", help="id van het speerpunt (begin is genoeg)")
    group.add_argument(
        "tekst", nargs="?", metavar="TEKST", help="de notitie (anders van standaardinvoer)"
    )
    monitor.options.add_argument(
        "--deelbaar",
        action="store_true",
        help="mag (geanonimiseerd) in je volgende PLG-samenvatting",
    )
    monitor.options.add_argument(
        "--prompt", metavar="ID", help="de monitoringvraag waarop je antwoordt (sm-…)"
    )
    monitor.options.add_argument("--tag", action="append", default=[], metavar="T")

    evalueer = sub.add_parser("evalueer", help="evalueer een speerpunt: effect en besluit")
    evalueer.add_argument_group("argumenten").add_argument("id", metavar="ID")
    evalueer.options.add_argument(
        "--effect", required=True, metavar="TEKST", help="wat heeft het opgeleverd?"
    )
    evalueer.options.add_argument(
        "--besluit", required=True, choices=("voortzetten", "bijstellen", "afsluiten")
    )
    evalueer.options.add_argument(
        "--deelbaar", action="store_true", help="neem de evaluatie op in je PLG-samenvatting"
    )
    evalueer.options.add_argument(
        "--volgende", type=_date, metavar="DATUM", help="volgende evaluatie (bij voortzetten)"
    )

    uitstellen = sub.add_parser("uitstellen", help="stel de borgingsherinnering uit")
    uitstellen.add_argument_group("argumenten").add_argument("id", metavar="ID")
    uitstellen.options.add_argument("--dagen", type=int, default=14, metavar="N")

    rol = sub.add_parser("rol", help="leg vast welke rol(len) jij bij dit speerpunt hebt")
    group = rol.add_argument_group("argumenten")
    group.add_argument("id", metavar="ID")
    group.add_argument("rollen", nargs="*", metavar="ROL", help="leeg: geen rol")

    koppel = sub.add_parser("koppel", help="koppel een leervraag aan een speerpunt")
    group = koppel.add_argument_group("argumenten")
    group.add_argument("id", metavar="ID")
    group.add_argument("leervraag", metavar="LEERVRAAG")
    koppel.options.add_argument("--los", action="store_true", help="ontkoppel in plaats daarvan")

    knelpunt = sub.add_parser("knelpunt", help="tips bij een knelpunt (handvatten aanbeveling 2)")
    knelpunt.add_argument_group("argumenten").add_argument(
        "tekst", nargs="?", metavar="TEKST", help="waar loop je tegenaan? (leeg: alle knelpunten)"
    )

    herinneringen = sub.add_parser(
        "herinneringen", help="monitoringvragen, borging en evaluaties die nu aan de beurt zijn"
    )
    herinneringen.options.add_argument("--json", action="store_true", help="uitvoer als JSON")

    for child in (lijst, toon, monitor, evalueer, uitstellen, rol, koppel, knelpunt):
        add_data_dir(child)
    add_data_dir(herinneringen)


def speerpunt(args: argparse.Namespace) -> int:
    handlers = {
        "lijst": _lijst,
        "toon": _toon,
        "monitor": _monitor,
        "evalueer": _evalueer,
        "uitstellen": _uitstellen,
        "rol": _rol,
        "koppel": _koppel,
        "knelpunt": _knelpunt,
        "herinneringen": _herinneringen,
    }
    return handlers[args.actie](args)


def _lijst(args: argparse.Namespace) -> int:
    with session_for(args, read_only=True) as session:
        items = session.team.speerpunten()
    if args.json:
        print_json([s.to_json() for s in items])
        return 0
    if not items:
        print("Nog geen speerpunten. Importeer een PLG-uitkomst met: reflectie importeer BESTAND")
        return 0
    for s in items:
        aanpak = " ".join(s.plan.aanpak.split())
        aanpak = aanpak if len(aanpak) <= 60 else aanpak[:59] + "…"
        print(f"{s.id}  [{s.status}]  {s.titel}: {aanpak}")
    return 0


def _details(session: Any, sp: Any) -> dict[str, Any]:
    notes = session.team.notes(sp.id)
    state = session.team.borging_state(sp)
    due = session.team.evaluation_due_on(sp)
    return {
        **sp.to_json(),
        "notities": len(notes),
        "deelbare_notities": sum(1 for n in notes if n.deelbaar),
        "borging_op": state.due_on.isoformat(),
        "borging_nu": state.shown,
        "evaluatie_op": due.isoformat() if due else None,
        "taken": [
            {"rol": title, "taken": list(tasks)} for title, tasks in session.team.checklist(sp)
        ],
        "geschiedenis": session.team.history(sp.uitkomst_id),
    }


def _toon(args: argparse.Namespace) -> int:
    from reflectie.team.model import ROLES
    from reflectie.team.service import STATUSES

    with session_for(args, read_only=True) as session:
        sp = session.team.speerpunt(args.id)
        info = _details(session, sp)
    if args.json:
        print_json(info)
        return 0
    plan = sp.plan
    print(f"{sp.titel}  [{STATUSES[sp.status]}]")
    print(f"id: {sp.id}  (uitkomst {sp.uitkomst_id}, versie {sp.uitkomst_versie})")
    print(f"\nAanpak:\n  {plan.aanpak}")
    print(f"\nUitgevoerd zoals bedoeld:\n  {plan.zoals_bedoeld}")
    for title, values in (
        ("Aandachtspunten", plan.aandachtspunten),
        ("Monitoring", plan.monitoring),
    ):
        if values:
            print(f"\n{title}:")
            for value in values:
                print(f"  - {value}")
    if plan.betrekken:
        print(f"\nStudenten/leerlingen betrekken:\n  {plan.betrekken}")
    roles = ", ".join(ROLES[r].neutral_titel() for r in plan.rollen if r in ROLES) or "-"
    print(f"\nRollen: {roles}")
    print(f"Evaluatie: {info['evaluatie_op'] or plan.evaluatie or 'nog niet afgesproken'}")
    when = "nu" if info["borging_nu"] else f"vanaf {info['borging_op']}"
    print(f"Borging: {when}")
    print(f"Monitoringnotities: {info['notities']} (deelbaar: {info['deelbare_notities']})")
    for entry in info["taken"]:
        print(f"\nJouw taken als {entry['rol'].lower()}:")
        for task in entry["taken"]:
            print(f"  [ ] {task}")
    return 0


def _monitor(args: argparse.Namespace) -> int:
    from reflectie.team.knelpunten import match

    with session_for(args) as session:
        sp = session.team.speerpunt(args.id)  # fail before waiting on stdin
        text = read_text(args.tekst)
        entry = session.team.monitor(
            sp.id,
            text,
            deelbaar=args.deelbaar,
            prompt_id=args.prompt,
            tags=args.tag,
            library=session.prompt_library() if args.prompt else None,
        )
    print(entry.id)
    how = (
        "deelbaar: komt geanonimiseerd in je volgende PLG-samenvatting"
        if entry.deelbaar
        else "privé"
    )
    _say(f"Monitoringnotitie opgeslagen bij speerpunt '{sp.titel}' ({how}).")
    knelpunt = match(text)
    if knelpunt is not None:
        _say(f"\nHerken je dit knelpunt? {knelpunt.titel}. Tips:")
        for tip in knelpunt.tips:
            _say(f"  - {tip}")
        _say(f"(Bron: {knelpunt.bron})")
    return 0


def _evalueer(args: argparse.Namespace) -> int:
    from reflectie.team.service import NEW_CYCLE_SET, STATUSES

    with session_for(args) as session:
        sp = session.team.evaluate(
            args.id, args.effect, args.besluit, deelbaar=args.deelbaar, volgende=args.volgende
        )
    print(f"Evaluatie van '{sp.titel}' opgeslagen; status: {STATUSES[sp.status]}.")
    if args.besluit == "afsluiten":
        print(
            "Tijd voor een nieuwe verbeterronde? De vragenset "
            f"'{NEW_CYCLE_SET}' helpt bij het kiezen van nieuwe speerpunten "
            f"(reflectie prompts)."
        )
    return 0


def _uitstellen(args: argparse.Namespace) -> int:
    with session_for(args) as session:
        sp = session.team.speerpunt(args.id)
        until = session.team.postpone_borging(sp.id, args.dagen)
    print(f"Borgingsherinnering voor '{sp.titel}' uitgesteld tot {until.isoformat()}.")
    return 0


def _rol(args: argparse.Namespace) -> int:
    with session_for(args) as session:
        sp = session.team.set_my_roles(args.id, args.rollen)
        tasks = session.team.checklist(sp)
    if not sp.mijn_rollen:
        print(f"Je hebt geen rol meer bij '{sp.titel}'.")
        return 0
    print(f"Je rol bij '{sp.titel}': {', '.join(title.lower() for title, _ in tasks)}.")
    for title, items in tasks:
        print(f"Taken als {title.lower()}:")
        for task in items:
            print(f"  [ ] {task}")
    return 0


def _koppel(args: argparse.Namespace) -> int:
    with session_for(args) as session:
        if args.los:
            sp = session.team.unlink_leervraag(args.id, args.leervraag)
            print(f"Leervraag {args.leervraag} losgekoppeld van '{sp.titel}'.")
        else:
            sp = session.team.link_leervraag(args.id, args.leervraag)
            print(f"Leervraag {args.leervraag} gekoppeld aan '{sp.titel}'.")
    return 0


def _knelpunt(args: argparse.Namespace) -> int:
    from reflectie.team.knelpunten import KNELPUNTEN, match

    if args.tekst is not None:
        found = match(args.tekst)
        if found is None:
            print(
                "Hierin herken ik geen van de bekende knelpunten. Alle knelpunten met tips: "
                "reflectie speerpunt knelpunt"
            )
            return 0
        chosen = [found]
    else:
        chosen = list(KNELPUNTEN)
    for knelpunt in chosen:
        print(f"{knelpunt.titel}\n  {knelpunt.herkenning}\n  Tips:")
        for tip in knelpunt.tips:
            print(f"  - {tip}")
        print(f"  (Bron: {knelpunt.bron})\n")
    return 0


def _herinneringen(args: argparse.Namespace) -> int:
    with session_for(args, read_only=True) as session:
        library = session.prompt_library()
        sector = session.team.sector()
        borging = session.team.borging_reminders(library)
        evaluations = session.team.due_evaluations()
        monitoring = session.team.monitoring_suggestions(library)
    data = {
        "borging": [
            {
                "speerpunt": r.speerpunt.id,
                "titel": r.speerpunt.titel,
                "sinds": r.due_on.isoformat(),
                "vragen": [{"id": q.id, "tekst": q.render(sector)} for q in r.questions],
                "taken": [{"rol": t, "taken": list(items)} for t, items in r.tasks],
            }
            for r in borging
        ],
        "evaluaties": [
            {"speerpunt": sp.id, "titel": sp.titel, "datum": due.isoformat()}
            for sp, due in evaluations
        ],
        "monitoring": [
            {
                "speerpunt": m.speerpunt.id,
                "titel": m.speerpunt.titel,
                "vraag": {"id": m.prompt.id, "tekst": m.prompt.render(sector)},
            }
            for m in monitoring
        ],
    }
    if args.json:
        print_json(data)
        return 0
    if not any(data.values()):
        print("Er staat nu niets klaar.")
        return 0
    for r in data["borging"]:
        print(f"Borging van '{r['titel']}' (een half jaar verder):")
        for q in r["vragen"]:
            print(f"  - {q['tekst']}  [{q['id']}]")
        print(f"  Later? reflectie speerpunt uitstellen {r['speerpunt'][:8]}")
    for e in data["evaluaties"]:
        print(f"Evaluatie van '{e['titel']}' (afgesproken op {e['datum']}):")
        print(
            f'  reflectie speerpunt evalueer {e["speerpunt"][:8]} --effect "…" '
            "--besluit voortzetten|bijstellen|afsluiten"
        )
    for m in data["monitoring"]:
        print(f"Monitoring van '{m['titel']}': {m['vraag']['tekst']}")
        print(f'  reflectie speerpunt monitor {m["speerpunt"][:8]} --prompt {m["vraag"]["id"]} "…"')
    return 0


# -- kwaliteitskaart ---------------------------------------------------------------------------


def configure_kwaliteitskaart(parser: DutchArgumentParser) -> None:
    parser.add_argument_group("argumenten").add_argument(
        "id", metavar="ID", help="id van het speerpunt (begin is genoeg)"
    )
    parser.options.add_argument(
        "--html", action="store_true", help="schrijf een printbare HTML-pagina"
    )
    parser.options.add_argument(
        "-o", dest="output", required=True, metavar="BESTAND", help="uitvoerbestand (- voor stdout)"
    )


def kwaliteitskaart(args: argparse.Namespace) -> int:
    from reflectie.team.kaart import build_kaart

    with session_for(args, read_only=True) as session:
        kaart = build_kaart(session, args.id)
    write_output(args.output, kaart.html() if args.html else kaart.markdown)
    where = "de standaarduitvoer" if args.output == "-" else args.output
    how = "printbare HTML" if args.html else "Markdown"
    report = (
        f"Kwaliteitskaart van '{kaart.titel}' geschreven naar {where} ({how}, "
        f"{kaart.replacements} vervangingen)."
    )
    if kaart.suspects:
        report += (
            f" Let op: {kaart.suspects} woord(en) bleven staan maar zijn mogelijk een naam; "
            "controleer de kaart voordat je haar ophangt."
        )
    _say(report)
    return 0
