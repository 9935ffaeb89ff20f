"""Journal commands: write, edit, delete, list, search, prompts, backup and restore."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path

import orjson

from reflectie.cli.errors import CliError
from reflectie.cli.parser import DutchArgumentParser
from reflectie.errors_text import os_reason
from reflectie.model import Entry
from reflectie.session import Session, open_session


@contextlib.contextmanager
def session_for(args: argparse.Namespace, *, read_only: bool = False) -> Iterator[Session]:
    from reflectie.cli.secrets import journal_passphrase

    session = open_session(args.paths, read_only=read_only, passphrase=journal_passphrase(args))
    for warning in session.database.warnings:
        print(f"reflectie: let op: {warning}", file=sys.stderr)
    try:
        yield session
    finally:
        session.close()


def read_text(argument: str | None) -> str:
    """The text argument, or stdin when it is absent (for pipes and long texts)."""
    if argument is not None:
        return argument
    if sys.stdin is None:
        raise CliError("geen tekst gegeven.")
    if sys.stdin.isatty():
        print("Typ je tekst; sluit af met Ctrl-D.", file=sys.stderr)
    try:
        return sys.stdin.buffer.read().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CliError("de invoer is geen UTF-8-tekst; er is niets opgeslagen.") from exc


def print_json(value: object) -> None:
    sys.stdout.buffer.write(orjson.dumps(value, option=orjson.OPT_INDENT_2) + b"\n")
    sys.stdout.flush()


def print_entries(entries: list[Entry]) -> None:
    if not entries:
        print("Geen reflecties gevonden.")
        return
    for entry in entries:
        day = entry.aangemaakt[:10]
        tags = " " + " ".join(f"#{t}" for t in entry.tags) if entry.tags else ""
        shared = " [deelbaar]" if entry.deelbaar else ""
        title = entry.title
        if len(title) > 60:
            title = title[:59] + "…"
        print(f"{entry.id}  {day}  {title}{tags}{shared}")


def _positional(parser: DutchArgumentParser) -> argparse._ArgumentGroup:
    return parser.add_argument_group("argumenten")


# -- schrijf -------------------------------------------------------------------------


def configure_schrijf(parser: DutchArgumentParser) -> None:
    _positional(parser).add_argument(
        "tekst", nargs="?", metavar="TEKST", help="de tekst (anders van standaardinvoer)"
    )
    parser.options.add_argument(
        "--prompt", metavar="ID", help="id van de vraag waarop je reflecteert"
    )
    parser.options.add_argument(
        "--tag", action="append", default=[], metavar="T", help="tag (herhaalbaar)"
    )
    parser.options.add_argument(
        "--deelbaar", action="store_true", help="mag (geanonimiseerd) in een PLG-samenvatting"
    )
    parser.options.add_argument("--leervraag", metavar="ID", help="koppel aan een leervraag")


def schrijf(args: argparse.Namespace) -> int:
    text = read_text(args.tekst)
    with session_for(args) as session:
        promptset = None
        if args.prompt:
            prompt = session.prompt_library().find(args.prompt)
            if prompt is None:
                raise CliError(f"onbekende vraag '{args.prompt}'; zie 'reflectie prompts'.")
            promptset = prompt.set_id
        if args.leervraag:
            session.feedback.leervraag(args.leervraag)  # must exist
        entry = session.journal.write(
            text,
            prompt=args.prompt,
            promptset=promptset,
            tags=args.tag,
            deelbaar=args.deelbaar,
            leervraag=args.leervraag,
        )
    print(entry.id)
    return 0


# -- bewerk / verwijder / prullenbak -----------------------------------------------------


def configure_bewerk(parser: DutchArgumentParser) -> None:
    group = _positional(parser)
    group.add_argument("id", metavar="ID", help="id van de reflectie")
    group.add_argument(
        "tekst", nargs="?", metavar="TEKST", help="de nieuwe tekst (anders van standaardinvoer)"
    )


def bewerk(args: argparse.Namespace) -> int:
    with session_for(args) as session:
        entry_id = session.journal.resolve(args.id)  # fail before waiting on stdin
        text = read_text(args.tekst)
        entry = session.journal.edit(entry_id, tekst=text)
    print(entry.id)
    return 0


def configure_verwijder(parser: DutchArgumentParser) -> None:
    _positional(parser).add_argument("id", metavar="ID", help="id van de reflectie")
    parser.options.add_argument("--ja", action="store_true", help="niet om bevestiging vragen")


def verwijder(args: argparse.Namespace) -> int:
    with session_for(args) as session:
        entry = session.journal.get(args.id)
        if not args.ja:
            print(
                f"Reflectie {entry.id} ({entry.aangemaakt[:10]}) naar de prullenbak? [j/N] ",
                end="",
                file=sys.stderr,
                flush=True,
            )
            answer = sys.stdin.readline() if sys.stdin else ""
            if answer.strip().lower() not in {"j", "ja", "y", "yes"}:
                raise CliError("niet verwijderd.")
        session.journal.delete(entry.id)
    print(
        f"Verplaatst naar de prullenbak: {entry.id} "
        f"(terugzetten: reflectie prullenbak --terug {entry.id})"
    )
    return 0


def configure_prullenbak(parser: DutchArgumentParser) -> None:
    parser.options.add_argument("--terug", metavar="ID", help="zet deze reflectie terug")
    parser.options.add_argument("--json", action="store_true", help="uitvoer als JSON")


def prullenbak(args: argparse.Namespace) -> int:
    with session_for(args, read_only=not args.terug) as session:
        if args.terug:
            entry = session.journal.restore(args.terug)
            print(f"Teruggezet: {entry.id}")
            return 0
        items = session.journal.trash()
    if args.json:
        print_json([{**item.entry.to_json(), "verwijderd": item.verwijderd} for item in items])
    elif not items:
        print("De prullenbak is leeg.")
    else:
        for item in items:
            print(f"{item.entry.id}  verwijderd {item.verwijderd[:10]}  {item.entry.title[:60]}")
    return 0


# -- lijst / zoek --------------------------------------------------------------------


def configure_lijst(parser: DutchArgumentParser) -> None:
    parser.options.add_argument(
        "--aantal", type=int, metavar="N", help="toon hoogstens N reflecties"
    )
    parser.options.add_argument("--json", action="store_true", help="uitvoer als JSON")


def lijst(args: argparse.Namespace) -> int:
    if args.aantal is not None and args.aantal < 0:
        raise CliError("--aantal moet 0 of groter zijn.")
    with session_for(args, read_only=True) as session:
        entries = session.journal.latest(args.aantal)
    if args.json:
        print_json([e.to_json() for e in entries])
    else:
        print_entries(entries)
    return 0


def configure_zoek(parser: DutchArgumentParser) -> None:
    _positional(parser).add_argument("term", metavar="TERM", help="woord of woorden om te zoeken")
    parser.options.add_argument("--json", action="store_true", help="uitvoer als JSON")


def zoek(args: argparse.Namespace) -> int:
    if not args.term.strip():
        raise CliError("geef een zoekterm.")
    with session_for(args, read_only=True) as session:
        entries = session.journal.search(args.term)
    if args.json:
        print_json([e.to_json() for e in entries])
    else:
        print_entries(entries)
    return 0


# -- prompts ---------------------------------------------------------------------------


def configure_prompts(parser: DutchArgumentParser) -> None:
    parser.options.add_argument("--json", action="store_true", help="uitvoer als JSON")
    parser.options.add_argument(
        "--sector", choices=("mbo", "vo"), help="woordkeuze voor deze sector"
    )


def prompts(args: argparse.Namespace) -> int:
    from reflectie.prompts import load_library, to_json

    sector = args.sector
    if sector is None and args.paths.database.exists():
        with contextlib.suppress(Exception), session_for(args, read_only=True) as session:
            sector = session.settings.load().sector
    library = load_library(args.paths.user_prompts)
    for problem in library.problems:
        print(f"reflectie: {problem}", file=sys.stderr)
    data = to_json(library, sector or "mbo")
    if args.json:
        print_json(data)
        return 0
    for prompt_set in data:
        print(f"{prompt_set['id']}: {prompt_set['titel']}  ({len(prompt_set['vragen'])} vragen)")
        print(f"  bron: {prompt_set['bron']}")
        for vraag in prompt_set["vragen"]:
            print(f"  {vraag['id']:<24} {vraag['tekst']}")
        print()
    return 0


# -- backup / herstel --------------------------------------------------------------------


def configure_backup(parser: DutchArgumentParser) -> None:
    parser.options.add_argument(
        "-o",
        dest="output",
        required=True,
        metavar="BESTAND",
        help="waar de reservekopie komt (JSON)",
    )
    parser.options.add_argument(
        "--onversleuteld",
        action="store_true",
        help="schrijf de reservekopie van een versleuteld dagboek toch onversleuteld",
    )


def backup(args: argparse.Namespace) -> int:
    from reflectie.backup_file import export_backup

    target = Path(args.output)
    with session_for(args) as session:
        encrypted = session.database.storage.codec.name != "plain" and not args.onversleuteld
        count = export_backup(session.database, target, encrypt=not args.onversleuteld)
    how = " Versleuteld met het wachtwoord van je dagboek." if encrypted else ""
    print(f"Reservekopie geschreven naar {target} ({count} documenten).{how}")
    return 0


def configure_herstel(parser: DutchArgumentParser) -> None:
    _positional(parser).add_argument(
        "bestand",
        metavar="BESTAND",
        help="een JSON-reservekopie (reflectie backup) of een automatische kopie uit backups/",
    )
    mode = parser.add_argument_group(
        "bij een dagboek dat niet leeg is"
    ).add_mutually_exclusive_group()
    mode.add_argument(
        "--samenvoegen", action="store_true", help="voeg toe wat nog ontbreekt (op id)"
    )
    mode.add_argument(
        "--vervangen", action="store_true", help="vervang alles (na een reservekopie)"
    )


def herstel(args: argparse.Namespace) -> int:
    from reflectie.backup_file import RestoreMode, read_backup, restore_backup_file
    from reflectie.backups import restore_backup
    from reflectie.store.records import MAGIC

    source = Path(args.bestand)
    try:
        with source.open("rb") as handle:
            head = handle.read(len(MAGIC))
    except OSError as exc:
        raise CliError(f"kan {source} niet lezen: {os_reason(exc)}.") from exc
    if head == MAGIC:
        # An automatic copy of the database file: put it in place, keep the old file aside.
        aside = restore_backup(args.paths, source)
        kept = f" Het vorige bestand staat in {aside}." if aside else ""
        print(f"Kopie {source.name} teruggezet.{kept}")
        return 0
    document = read_backup(source, unlock=_backup_unlocker(args))
    mode = (
        RestoreMode.MERGE
        if args.samenvoegen
        else RestoreMode.REPLACE
        if args.vervangen
        else RestoreMode.ONLY_IF_EMPTY
    )
    with session_for(args) as session:
        added = restore_backup_file(session.database, document, mode)
    print(f"Hersteld uit {source}: {added} documenten toegevoegd.")
    return 0


def _backup_unlocker(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """Open an encrypted backup: first with the journal's passphrase, else ask for its own."""
    from reflectie.backup_file import unlock_with
    from reflectie.cli.secrets import journal_passphrase, next_secret
    from reflectie.store.errors import WrongPassphraseError

    known = journal_passphrase(args)  # asked first, so --wachtwoord-stdin's first line is it

    def unlock(header, path):  # type: ignore[no-untyped-def]
        if known is not None:
            try:
                return unlock_with(known)(header, path)
            except WrongPassphraseError:
                pass
        secret = next_secret(args, "Wachtwoord van de reservekopie: ")
        return unlock_with(secret)(header, path)

    return unlock


# -- instellingen ----------------------------------------------------------------------


def configure_instellingen(parser: DutchArgumentParser) -> None:
    parser.options.add_argument("--naam", metavar="NAAM", help="je naam zoals collega's die zien")
    parser.options.add_argument("--sector", choices=("mbo", "vo"), help="woordkeuze van de vragen")
    parser.options.add_argument("--json", action="store_true", help="uitvoer als JSON")


def instellingen(args: argparse.Namespace) -> int:
    with session_for(args) as session:
        changes = {k: v for k, v in {"naam": args.naam, "sector": args.sector}.items() if v}
        current = session.settings.update(**changes) if changes else session.settings.load()
    shown = {
        "naam": current.naam,
        "sector": current.sector,
        "thema": current.thema,
        "vragenset": current.promptset,
        "map": str(args.paths.data_dir),
    }
    if args.json:
        print_json(shown)
    else:
        for key, value in shown.items():
            print(f"{key}: {value if value else '-'}")
    return 0
