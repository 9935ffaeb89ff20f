"""The PLG cycle from the command line, run as processes with the exact contract forms:
uitkomst file → every member imports → monitoring notes → export plg → plg bundel →
kwaliteitskaart; plus import twice, a newer version, hostile files and backup/herstel."""

from __future__ import annotations

import json
from pathlib import Path

from tests.test_cli import run

TITLE = "Activerende afsluiting van de les"
AANPAK = "Elke les eindigt met een exit ticket van drie vragen."
ZOALS = "In minstens vier van de vijf lessen is er een exit ticket, besproken in de volgende les."
NOTES = {
    "a": "Jan de Vries keek mee in 2B; het ticket liet zien wie de stof nog niet snapte.",
    "b": "Mijn leerlingen vragen nu zelf om het ticket. Mail mij op b.docent@school.nl.",
    "c": "Ik voer het niet uit zoals bedoeld: na de pauze vergeet ik het ticket.",
}
KEPT = {"a": "het ticket liet zien", "b": "zelf om het ticket", "c": "vergeet ik het ticket"}
PRIVATE = "Privé: ik twijfel of dit bij mijn sectie past."


def ok(result) -> str:  # type: ignore[no-untyped-def]
    assert result.returncode == 0, result.stderr
    return result.stdout


def speerpunten(data: Path) -> list[dict]:
    return json.loads(ok(run(data, "speerpunt", "lijst", "--json")))


def write_uitkomst(keeper: Path, target: Path, *extra: str) -> str:
    result = run(
        keeper,
        "plg", "uitkomst",
        "--speerpunt", TITLE,
        "--aanpak", AANPAK,
        "--zoals-bedoeld", ZOALS,
        "--evaluatie", "2099-06-01",
        "-o", str(target),
        *extra,
    )  # fmt: skip
    ok(result)
    assert "geschreven naar" in result.stderr and "reflectie importeer" in result.stderr
    return result.stdout.strip()


def test_three_members_go_round_the_cycle(tmp_path: Path) -> None:
    keeper = tmp_path / "voorzitter"
    uitkomst_file = tmp_path / "uitkomst.txt"
    write_uitkomst(keeper, uitkomst_file, "--monitoring", "Week 10: lesbezoek in duo's")
    assert TITLE in uitkomst_file.read_text("utf-8")

    summaries = []
    for name in "abc":
        member = tmp_path / name
        ok(run(member, "instellingen", "--naam", f"Docent {name.upper()}stra", "--sector", "vo"))
        imported = run(member, "importeer", str(uitkomst_file))
        assert "geïmporteerd" in ok(imported) and TITLE in imported.stdout
        (speerpunt,) = speerpunten(member)
        assert {"id", "titel", "aanpak", "status"} <= speerpunt.keys()
        assert (speerpunt["titel"], speerpunt["aanpak"], speerpunt["status"]) == (
            TITLE,
            AANPAK,
            "actief",
        )
        prefix = speerpunt["id"][:6]
        private = run(member, "speerpunt", "monitor", prefix, PRIVATE)
        assert "privé" in private.stderr and ok(private).strip()
        shared = run(member, "speerpunt", "monitor", prefix, NOTES[name], "--deelbaar")
        assert "deelbaar" in shared.stderr
        note_id = ok(shared).strip()
        (entry,) = [e for e in json.loads(ok(run(member, "lijst", "--json"))) if e["id"] == note_id]
        assert entry["speerpunt"] == speerpunt["id"] and entry["deelbaar"] is True
        if name == "c":
            assert "Herken je dit knelpunt?" in shared.stderr and "Tips:" in shared.stderr

        out = tmp_path / f"{name}.md"
        ok(run(member, "export", "plg", "-o", str(out)))
        summary = out.read_text("utf-8")
        section = summary.split(f"### Speerpunt: {TITLE}")[1]
        assert KEPT[name] in section  # the note is there, under its speerpunt
        assert "twijfel" not in summary
        for secret in ("Jan de Vries", "b.docent@school.nl", f"{name.upper()}stra"):
            assert secret not in summary
        summaries.append(str(out))

    agenda_file = tmp_path / "agenda.md"
    ok(run(tmp_path / "a", "plg", "bundel", *summaries, "-o", str(agenda_file)))
    agenda = agenda_file.read_text("utf-8")
    assert agenda.count(f"### Speerpunt: {TITLE}") == 1
    group = agenda.split(f"### Speerpunt: {TITLE}")[1].split("\n## ")[0]
    assert all(kept in group for kept in KEPT.values())
    assert "Jan de Vries" not in agenda and "b.docent@school.nl" not in agenda
    assert "twijfel" not in agenda

    card = tmp_path / "kaart.html"
    made = run(
        tmp_path / "a",
        "kwaliteitskaart",
        speerpunten(tmp_path / "a")[0]["id"][:5],
        "--html",
        "-o",
        str(card),
    )
    assert "Kwaliteitskaart" in ok(made) + made.stderr
    page = card.read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>") and TITLE in page and ZOALS in page
    assert "Week 10: lesbezoek in duo" in page and "<script" not in page


def test_import_twice_changes_nothing_and_a_newer_version_updates(tmp_path: Path) -> None:
    keeper, member = tmp_path / "voorzitter", tmp_path / "lid"
    first = tmp_path / "v1.txt"
    uitkomst_id = write_uitkomst(keeper, first)
    ok(run(member, "importeer", str(first)))
    before = speerpunten(member)
    database = member / "reflectie.db"
    raw = database.read_bytes()
    again = run(member, "importeer", str(first))
    assert "al geïmporteerd" in ok(again)
    assert speerpunten(member) == before and database.read_bytes() == raw

    second = tmp_path / "v2.txt"
    result = run(
        keeper,
        "plg", "uitkomst", "--vervangt", uitkomst_id[:6],
        "--speerpunt", TITLE,
        "--aanpak", "Elke les eindigt met een exit ticket; digitaal mag ook.",
        "--zoals-bedoeld", ZOALS,
        "--evaluatie", "2099-09-01",
        "--rol", "kwaliteitsbewaker", "--rol", "evaluatiehouder",
        "-o", str(second),
    )  # fmt: skip
    assert ok(result).strip() == uitkomst_id
    updated = run(member, "importeer", str(second))
    message = ok(updated)
    assert "versie 1 naar versie 2" in message
    assert "aanpak gewijzigd" in message and "2099-06-01 → 2099-09-01" in message
    assert "evaluatiehouder" in message
    (after,) = speerpunten(member)
    assert after["id"] == before[0]["id"] and after["aanpak"].endswith("digitaal mag ook.")
    assert after["uitkomst_versie"] == 2
    older = run(member, "importeer", str(first))
    assert "oudere versie" in ok(older)
    assert speerpunten(member) == [after]


def test_hostile_and_mistaken_input_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    keeper, member = tmp_path / "voorzitter", tmp_path / "lid"
    good = tmp_path / "uitkomst.txt"
    write_uitkomst(keeper, good)
    tampered = tmp_path / "gewijzigd.txt"
    tampered.write_text(good.read_text("utf-8").replace("Controle: sha256:", "Controle: sha256:0"))
    refused = run(member, "importeer", str(tampered))
    assert refused.returncode == 1 and "controlecode" in refused.stderr.lower()
    assert "Traceback" not in refused.stderr
    assert speerpunten(member) == []

    as_feedback = run(
        member,
        "feedback",
        "beantwoord",
        str(good),
        "--bevestiging",
        "a",
        "--kritiek",
        "b",
        "--constructief",
        "c",
        "-o",
        str(tmp_path / "x.txt"),
    )
    assert as_feedback.returncode == 1 and "PLG-uitkomst" in as_feedback.stderr
    assert not (tmp_path / "x.txt").exists()

    ok(run(member, "importeer", str(good)))
    before = speerpunten(member)
    unknown = run(member, "speerpunt", "monitor", "ffffff", "tekst")
    assert unknown.returncode == 1 and "geen speerpunt" in unknown.stderr
    usage = run(member, "speerpunt", "monitor")
    assert usage.returncode == 2
    past = run(
        keeper,
        "plg",
        "uitkomst",
        "--speerpunt",
        "X",
        "--aanpak",
        "a",
        "--zoals-bedoeld",
        "z",
        "--evaluatie",
        "2001-01-01",
        "-o",
        str(tmp_path / "p.txt"),
    )
    assert past.returncode == 1 and "verleden" in past.stderr
    assert not (tmp_path / "p.txt").exists()
    name_role = run(
        keeper,
        "plg",
        "uitkomst",
        "--speerpunt",
        "X",
        "--aanpak",
        "a",
        "--zoals-bedoeld",
        "z",
        "--rol",
        "Jan",
        "-o",
        str(tmp_path / "r.txt"),
    )
    assert name_role.returncode == 2 and not (tmp_path / "r.txt").exists()
    missing = run(member, "kwaliteitskaart", "ffffff", "-o", str(tmp_path / "k.md"))
    assert missing.returncode == 1 and not (tmp_path / "k.md").exists()
    assert speerpunten(member) == before
    listed = json.loads(ok(run(member, "lijst", "--json")))
    assert listed == []


def test_backup_and_herstel_keep_speerpunten_and_notes(tmp_path: Path) -> None:
    keeper, member, elsewhere = tmp_path / "voorzitter", tmp_path / "lid", tmp_path / "nieuw"
    good = tmp_path / "uitkomst.txt"
    write_uitkomst(keeper, good)
    ok(run(member, "importeer", str(good)))
    speerpunt_id = speerpunten(member)[0]["id"]
    ok(run(member, "speerpunt", "monitor", speerpunt_id, "Een notitie.", "--deelbaar"))
    ok(
        run(
            member,
            "speerpunt",
            "evalueer",
            speerpunt_id,
            "--effect",
            "Helpt.",
            "--besluit",
            "voortzetten",
            "--deelbaar",
        )
    )
    backup = tmp_path / "reservekopie.json"
    assert "Reservekopie geschreven" in ok(run(member, "backup", "-o", str(backup)))
    assert "Hersteld" in ok(run(elsewhere, "herstel", str(backup)))
    assert speerpunten(elsewhere) == speerpunten(member)
    assert json.loads(ok(run(elsewhere, "lijst", "--json"))) == json.loads(
        ok(run(member, "lijst", "--json"))
    )
    shown = json.loads(ok(run(elsewhere, "speerpunt", "toon", speerpunt_id[:4], "--json")))
    assert shown["notities"] == 1 and shown["evaluaties"][0]["besluit"] == "voortzetten"


def test_markdown_card_and_the_small_commands(tmp_path: Path) -> None:
    keeper, member = tmp_path / "voorzitter", tmp_path / "lid"
    good = tmp_path / "uitkomst.txt"
    write_uitkomst(keeper, good, "--aandachtspunt", "Hooguit vijf minuten")
    ok(run(member, "importeer", str(good)))
    speerpunt_id = speerpunten(member)[0]["id"]
    role = run(member, "speerpunt", "rol", speerpunt_id[:4], "kwaliteitsbewaker")
    assert "Taken als kwaliteitsbewaker" in ok(role)
    card = tmp_path / "kaart.md"
    ok(run(member, "kwaliteitskaart", speerpunt_id[:4], "-o", str(card)))
    text = card.read_text("utf-8")
    assert text.startswith(f"# Kwaliteitskaart: {TITLE}")
    assert "- Hooguit vijf minuten" in text and "## Borging" in text
    assert "**Kwaliteitsbewaker**" in text and "1 juni 2099" in text
    tips = ok(run(member, "speerpunt", "knelpunt", "het monitoren schiet erbij in"))
    assert "schiet erbij in" in tips and "Tips:" in tips
    reminders = json.loads(ok(run(member, "speerpunt", "herinneringen", "--json")))
    assert [m["speerpunt"] for m in reminders["monitoring"]] == [speerpunt_id]
    assert reminders["borging"] == [] and reminders["evaluaties"] == []
    later = run(member, "speerpunt", "uitstellen", speerpunt_id[:4], "--dagen", "30")
    assert "uitgesteld tot" in ok(later)
