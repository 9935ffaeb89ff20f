"""Speerpunten from a PLG-uitkomst: exchange, import, monitoring, borging, evaluation,
knelpunten, kwaliteitskaart, backup and encryption (the core, no CLI)."""

from __future__ import annotations

import base64
import hashlib
import json
import random
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from reflectie import encryption
from reflectie.backup_file import RestoreMode, export_backup, read_backup, restore_backup_file
from reflectie.exchange import BEGIN, END, ExchangeError, decode, encode
from reflectie.importing import import_exchange
from reflectie.model import Entry, ValidationError
from reflectie.paths import AppPaths, resolve_paths
from reflectie.plg.pipeline import export_summary
from reflectie.plg.summary import SummaryChoice, render_markdown
from reflectie.session import Session, open_session
from reflectie.team import knelpunten
from reflectie.team.kaart import FORMAT_MARK, build_kaart, render_kaart
from reflectie.team.model import ROLES, PlgUitkomst, make_plan
from reflectie.team.service import (
    BORGING_PROMPTS,
    EVALUATION_PROMPT,
    MONITOR_SET,
    OPGESTELD,
    UITKOMSTEN,
)
from tests.conftest import FakeClock
from tests.test_prompts import OVERLAP_WORDS, _copied_run, _ngrams, _seed_dir, _words

TITLE = "Activerende afsluiting van de les"
AANPAK = "Elke les eindigt met een exit ticket van drie vragen; de volgende les begint ermee."
ZOALS = "In minstens vier van de vijf lessen is er een exit ticket en wordt het besproken."


@pytest.fixture
def members(tmp_path: Path, clock: FakeClock) -> Iterator[list[Session]]:
    opened = [open_session(resolve_paths(tmp_path / name), clock=clock) for name in "abc"]
    yield opened
    for session in opened:
        session.close()


def write_uitkomst(session: Session, **changes: object) -> PlgUitkomst:
    plan = make_plan(
        str(changes.pop("titel", TITLE)),
        str(changes.pop("aanpak", AANPAK)),
        ZOALS,
        aandachtspunten=["Kort: hooguit vijf minuten", "Bespreek wat opvalt, niet wie"],
        monitoring=["Week 10: lesbezoek in duo's", "Elke PLG: korte ronde"],
        evaluatie=changes.pop("evaluatie", date(2027, 6, 1)),  # type: ignore[arg-type]
        rollen=["kwaliteitsbewaker", "aanspreekpunt-lerenden"],
        betrekken="Studenten kiezen mee welke vragen op het ticket komen.",
    )
    return session.team.new_uitkomst([plan], titel="PLG Taal, bijeenkomst november", **changes)  # type: ignore[arg-type]


def tables(session: Session) -> dict:
    return session.database.storage.read()


# -- the exchange kind -------------------------------------------------------------------------


def test_uitkomst_round_trips_and_reads_without_the_app(session: Session) -> None:
    uitkomst = write_uitkomst(session)
    text = encode(uitkomst)
    assert decode(text) == uitkomst
    readable = text.split(BEGIN)[0]
    assert TITLE in readable and AANPAK in readable and ZOALS in readable
    assert "kwaliteitsbewaker" in readable and "2027-06-01" in readable
    assert "reflectie importeer" in readable


def test_the_wire_names_roles_and_never_people(session: Session) -> None:
    session.settings.update(naam="Anna Bakker")
    payload = json.dumps(write_uitkomst(session).to_json())
    assert "Anna" not in payload
    with pytest.raises(ValidationError, match="rollen, nooit namen"):
        make_plan(TITLE, AANPAK, ZOALS, rollen=["Jan de Vries"])


def armour(data: dict) -> bytes:
    payload = json.dumps(data).encode()
    digest = hashlib.sha256(payload).hexdigest()
    body = base64.b64encode(payload).decode()
    return f"tekst\n{BEGIN}\nVersie: 1\nControle: sha256:{digest}\n\n{body}\n{END}\n".encode()


def hostile_uitkomsten() -> list[tuple[str, dict]]:
    good = make_plan(TITLE, AANPAK, ZOALS, evaluatie=date(2027, 6, 1))
    from reflectie.team.model import make_uitkomst

    base = make_uitkomst([good], opgesteld="2026-11-16T09:30:00+01:00").to_json()
    sp = base["speerpunten"][0]

    def with_top(**changes: object) -> dict:
        return {**base, **changes}

    def with_sp(**changes: object) -> dict:
        return {**base, "speerpunten": [{**sp, **changes}]}

    other = {**sp, "id": "aaaaaaaaaaaaaaaa", "titel": "Iets anders"}
    return [
        ("naam-als-rol", with_sp(rollen=["Jan de Vries"])),
        ("rol-twee-keer", with_sp(rollen=["kwaliteitsbewaker", "kwaliteitsbewaker"])),
        ("ontbrekend-veld", {k: v for k, v in base.items() if k != "speerpunten"}),
        (
            "ontbrekend-speerpuntveld",
            {**base, "speerpunten": [{k: v for k, v in sp.items() if k != "aanpak"}]},
        ),
        ("extra-veld", with_top(naam="Jan")),
        ("extra-speerpuntveld", with_sp(kwaliteitsbewaker="Jan de Vries")),
        ("lege-aanpak", with_sp(aanpak="   ")),
        ("verkeerd-type", with_sp(aanpak=12)),
        ("lijst-als-tekst", with_sp(monitoring="elke week")),
        ("te-lange-lijst", with_sp(aandachtspunten=["x"] * 21)),
        ("geen-speerpunten", with_top(speerpunten=[])),
        (
            "te-veel-speerpunten",
            with_top(speerpunten=[{**sp, "id": f"{n:016x}", "titel": f"S{n}"} for n in range(11)]),
        ),
        ("dubbel-id", with_top(speerpunten=[sp, {**other, "id": sp["id"]}])),
        ("dubbele-titel", with_top(speerpunten=[sp, {**other, "titel": sp["titel"].upper()}])),
        ("slechte-datum", with_sp(evaluatie="1 juni")),
        ("datum-met-tijd", with_sp(evaluatie="2027-06-01T10:00:00")),
        ("versie-bool", with_top(uitkomst_versie=True)),
        ("versie-nul", with_top(uitkomst_versie=0)),
        ("versie-tekst", with_top(uitkomst_versie="2")),
        ("slecht-id", with_top(id="../../etc/passwd")),
        ("slecht-speerpunt-id", with_sp(id="JAN")),
        ("speerpunt-geen-object", with_top(speerpunten=["Feedback"])),
        ("slechte-opgesteld", with_top(opgesteld="gisteren")),
    ]


@pytest.mark.parametrize(
    ("name", "data"), hostile_uitkomsten(), ids=[n for n, _ in hostile_uitkomsten()]
)
def test_hostile_uitkomst_is_refused_in_dutch_and_stores_nothing(
    session: Session, name: str, data: dict
) -> None:
    before = tables(session)
    with pytest.raises(ExchangeError) as info:
        import_exchange(session, armour(data))
    message = str(info.value)
    assert message and message[0].isupper() and "Traceback" not in message
    assert tables(session) == before


def test_deep_nesting_and_tampering_are_refused(session: Session) -> None:
    text = encode(write_uitkomst(session)).encode()
    with pytest.raises(ExchangeError, match="controlecode"):
        import_exchange(session, text.replace(b"Controle: sha256:", b"Controle: sha256:0"))
    data = write_uitkomst(session).to_json()
    data["speerpunten"][0]["monitoring"] = [["te", ["diep"]]]
    with pytest.raises(ExchangeError, match="diep genest"):
        import_exchange(session, armour(data))


def test_control_sequences_are_cleaned_on_import(session: Session) -> None:
    data = write_uitkomst(session).to_json()
    data["speerpunten"][0]["aanpak"] = "Exit \x1b[31mticket\x1b[0m \u202eelke les"
    import_exchange(session, armour(data))
    aanpak = session.team.speerpunten()[0].plan.aanpak
    assert "\x1b" not in aanpak and "\u202e" not in aanpak and "ticket" in aanpak


def test_feedback_import_refuses_an_uitkomst(session: Session) -> None:
    with pytest.raises(ExchangeError, match="PLG-uitkomst"):
        session.feedback.import_text(encode(write_uitkomst(session)))


# -- import: once, twice, newer ----------------------------------------------------------------


def test_import_twice_changes_nothing(members: list[Session]) -> None:
    keeper, member = members[0], members[1]
    text = encode(write_uitkomst(keeper))
    first = import_exchange(member, text)
    assert first.changed and TITLE in first.message
    before = tables(member)
    size = member.database.storage.size_on_disk
    again = import_exchange(member, text)
    assert not again.changed and "al geïmporteerd" in again.message
    assert tables(member) == before
    assert member.database.storage.size_on_disk == size  # not even a no-op commit


def test_newer_version_updates_keeps_local_state_and_says_what_changed(
    members: list[Session], clock: FakeClock
) -> None:
    keeper, member = members[0], members[1]
    v1 = write_uitkomst(keeper)
    keeper.team.publish(v1, lambda _text: None)
    import_exchange(member, encode(v1))
    speerpunt = member.team.speerpunten()[0]
    note = member.team.monitor(speerpunt.id[:6], "Het ticket werkte goed in 2B.", deelbaar=True)
    member.team.set_my_roles(speerpunt.id, ["kwaliteitsbewaker"])
    member.team.evaluate(speerpunt.id, "Nog te vroeg om te zeggen.", "bijstellen")

    clock.advance(days=30)
    second = make_plan("Samen nakijken", "Eén keer per maand kijken we samen na.", "Elke maand.")
    adjusted = make_plan(
        TITLE,
        "Exit ticket met twee vragen, ook digitaal.",
        ZOALS,
        evaluatie=date(2027, 7, 1),
        rollen=["kwaliteitsbewaker", "trekker"],
    )
    v2 = keeper.team.new_uitkomst([adjusted, second], vervangt=v1.id[:6])
    keeper.team.publish(v2, lambda _text: None)
    assert (v2.id, v2.uitkomst_versie) == (v1.id, 2)
    assert v2.speerpunten[0].id == v1.speerpunten[0].id  # same title keeps its id
    result = import_exchange(member, encode(v2))
    assert result.changed
    text = "\n".join(result.changes)
    assert "aanpak gewijzigd" in text
    assert "evaluatiedatum: 2027-06-01 → 2027-07-01" in text
    assert "trekker" in text
    assert "nieuw speerpunt 'Samen nakijken'" in text
    assert "versie 1 naar versie 2" in result.message

    updated = member.team.speerpunt(speerpunt.id)
    assert updated.plan.aanpak.startswith("Exit ticket met twee vragen")
    assert updated.status == "actief"  # the adjusted aanpak arrived
    assert updated.mijn_rollen == ("kwaliteitsbewaker",)
    assert len(updated.evaluaties) == 1
    assert [n.id for n in member.team.notes(speerpunt.id)] == [note.id]
    assert len(member.team.speerpunten()) == 2

    older = import_exchange(member, encode(v1))
    assert not older.changed and "oudere versie" in older.message
    assert member.team.speerpunt(speerpunt.id).plan.aanpak == updated.plan.aanpak

    v3 = keeper.team.new_uitkomst([second], vervangt=v1.id)
    result = import_exchange(member, encode(v3))
    assert "staat niet meer in deze versie" in result.message
    assert member.team.speerpunt(speerpunt.id).status == "vervallen"
    assert member.team.notes(speerpunt.id)  # notes stay
    assert [h["versie"] for h in member.team.history(v1.id)] == [1, 2, 3]


def test_same_version_with_other_content_is_refused(members: list[Session]) -> None:
    keeper, member = members[0], members[1]
    uitkomst = write_uitkomst(keeper)
    import_exchange(member, encode(uitkomst))
    before = tables(member)
    data = uitkomst.to_json()
    data["speerpunten"][0]["aanpak"] = "Iets heel anders."
    with pytest.raises(ExchangeError, match="hetzelfde versienummer"):
        import_exchange(member, armour(data))
    assert tables(member) == before


def test_a_speerpunt_id_from_another_uitkomst_is_refused(members: list[Session]) -> None:
    keeper, member = members[0], members[1]
    first = write_uitkomst(keeper)
    import_exchange(member, encode(first))
    before = tables(member)
    data = write_uitkomst(keeper, titel="Ander speerpunt").to_json()
    data["speerpunten"][0]["id"] = first.speerpunten[0].id
    with pytest.raises(ExchangeError, match="andere uitkomst"):
        import_exchange(member, armour(data))
    assert tables(member) == before


# -- writing an uitkomst -----------------------------------------------------------------------


def test_authoring_checks_and_versions(session: Session) -> None:
    with pytest.raises(ValidationError, match="aanpak"):
        make_plan(TITLE, "  ", ZOALS)
    with pytest.raises(ValidationError, match="verleden"):
        write_uitkomst(session, evaluatie=date(2020, 1, 1))
    first = write_uitkomst(session)
    session.team.publish(first, lambda _text: None)
    with pytest.raises(ValidationError, match="niets veranderd"):
        write_uitkomst(session, vervangt=first.id)
    with pytest.raises(ValidationError, match="geen uitkomst"):
        write_uitkomst(session, vervangt="ffffffff")


def test_a_failing_write_leaves_the_authored_record_as_it_was(session: Session) -> None:
    first = write_uitkomst(session)
    session.team.publish(first, lambda _text: None)
    before = tables(session)[OPGESTELD]
    second = write_uitkomst(session, aanpak="Anders.", vervangt=first.id)

    def broken(_text: str) -> None:
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        session.team.publish(second, broken)
    assert tables(session)[OPGESTELD] == before
    with pytest.raises(OSError):
        session.team.publish(write_uitkomst(session, titel="Nieuw"), broken)
    assert tables(session)[OPGESTELD] == before


# -- monitoring --------------------------------------------------------------------------------


def test_monitoring_notes_are_private_unless_deelbaar_and_appear_under_their_speerpunt(
    members: list[Session],
) -> None:
    keeper, member = members[0], members[1]
    import_exchange(member, encode(write_uitkomst(keeper)))
    member.settings.update(naam="Anna Bakker", sector="mbo")
    speerpunt = member.team.speerpunten()[0]
    private = member.team.monitor(speerpunt.id, "Privé: mijn twijfels over de sectie.")
    assert not private.deelbaar and private.speerpunt == speerpunt.id
    assert private.promptset == MONITOR_SET
    member.team.monitor(
        speerpunt.id,
        "Jan de Vries (jan@school.nl) zag dat het ticket in 2B goed werkte.",
        deelbaar=True,
        prompt_id="sm-wat-werkt",
        library=member.prompt_library(),
    )
    member.team.evaluate(
        speerpunt.id, "Meer studenten stellen vragen, zegt Anna Bakker.", "voortzetten",
        deelbaar=True,
    )  # fmt: skip
    member.journal.write("Een gewone deelbare reflectie.", deelbaar=True)

    markdown = render_markdown(export_summary(member, SummaryChoice()))
    section = markdown.split(f"### Speerpunt: {TITLE}")[1]
    assert "het ticket in 2B goed werkte" in section
    assert "*Vraag: Welk onderdeel van de aanpak pakte bij jou goed uit?" in section
    assert "Meer studenten stellen vragen" in section and "evaluatie, week" in section
    assert "twijfels" not in markdown
    for secret in ("Jan de Vries", "jan@school.nl", "Anna Bakker"):
        assert secret not in markdown
    assert "### Vrije reflecties" in markdown


def test_monitor_refuses_unknown_speerpunt_prompt_or_closed(session: Session) -> None:
    from reflectie.journal import NotFoundError

    import_exchange(session, encode(write_uitkomst(session)))
    speerpunt = session.team.speerpunten()[0]
    with pytest.raises(NotFoundError):
        session.team.monitor("ffff", "tekst")
    with pytest.raises(ValidationError, match="speerpunt-monitoren"):
        session.team.monitor(
            speerpunt.id, "tekst", prompt_id="oh-aannames", library=session.prompt_library()
        )
    session.team.evaluate(speerpunt.id, "Het werkt en zit erin.", "afsluiten")
    with pytest.raises(ValidationError, match="afgesloten"):
        session.team.monitor(speerpunt.id, "tekst")
    assert session.team.notes(speerpunt.id) == []


def test_monitoring_questions_return_weekly_with_a_movable_clock(
    session: Session, clock: FakeClock
) -> None:
    library = session.prompt_library()
    import_exchange(session, encode(write_uitkomst(session)))
    rng = random.Random(4)
    first = session.team.monitoring_suggestions(library, rng)
    assert len(first) == 1
    prompt = first[0].prompt
    assert prompt.set_id == MONITOR_SET
    assert prompt.id not in (*BORGING_PROMPTS, EVALUATION_PROMPT)
    speerpunt = first[0].speerpunt
    session.team.monitor(speerpunt.id, "Antwoord.", prompt_id=prompt.id, library=library)
    assert session.team.monitoring_suggestions(library, rng) == []
    clock.advance(days=6)
    assert session.team.monitoring_suggestions(library, rng) == []
    clock.advance(days=1)
    again = session.team.monitoring_suggestions(library, rng)
    assert len(again) == 1 and again[0].prompt.id != prompt.id


# -- borging and evaluation --------------------------------------------------------------------


def test_borging_reminder_after_six_months_postponable_and_done_by_answering(
    session: Session, clock: FakeClock
) -> None:
    library = session.prompt_library()
    import_exchange(session, encode(write_uitkomst(session, evaluatie=date(2028, 1, 1))))
    speerpunt = session.team.speerpunten()[0]
    session.team.set_my_roles(speerpunt.id, ["kwaliteitsbewaker"])
    clock.advance(days=180)  # 2027-05-15: a day short of half a year
    assert session.team.borging_reminders(library) == []
    clock.advance(days=1)
    reminders = session.team.borging_reminders(library)
    assert len(reminders) == 1
    reminder = reminders[0]
    assert reminder.due_on == date(2027, 5, 16)
    assert [q.id for q in reminder.questions] == list(BORGING_PROMPTS)
    (role, tasks), *_ = reminder.tasks
    assert role == "Kwaliteitsbewaker" and len(tasks) == 6

    until = session.team.postpone_borging(speerpunt.id[:5])
    assert until == date(2027, 5, 30)
    assert session.team.borging_reminders(library) == []
    clock.advance(days=14)
    assert len(session.team.borging_reminders(library)) == 1
    with pytest.raises(ValidationError):
        session.team.postpone_borging(speerpunt.id, 400)

    session.team.monitor(
        speerpunt.id,
        "Ja, nog steeds; alleen na de pauze lukt het minder.",
        prompt_id=BORGING_PROMPTS[0],
        library=library,
    )
    assert session.team.borging_reminders(library) == []
    clock.advance(days=183)  # 2027-11-29: half a year after the answer is tomorrow
    assert session.team.borging_reminders(library) == []
    clock.advance(days=1)
    assert len(session.team.borging_reminders(library)) == 1  # the next half year
    session.team.evaluate(speerpunt.id, "Het zit erin.", "afsluiten")
    assert session.team.borging_reminders(library) == []


def test_evaluation_is_due_on_its_date_and_decides_the_status(
    session: Session, clock: FakeClock
) -> None:
    import_exchange(session, encode(write_uitkomst(session, evaluatie=date(2026, 12, 1))))
    speerpunt = session.team.speerpunten()[0]
    assert session.team.due_evaluations() == []
    clock.advance(days=15)  # 2026-12-01
    assert [s.id for s, _ in session.team.due_evaluations()] == [speerpunt.id]
    with pytest.raises(ValidationError):
        session.team.evaluate(speerpunt.id, "x", "doorgaan")
    with pytest.raises(ValidationError):
        session.team.evaluate(speerpunt.id, "x", "bijstellen", volgende=date(2027, 6, 1))
    continued = session.team.evaluate(
        speerpunt.id, "Helpt.", "voortzetten", volgende=date(2027, 6, 1)
    )
    assert continued.status == "actief" and continued.volgende_evaluatie == "2027-06-01"
    assert session.team.due_evaluations() == []
    clock.advance(days=182)
    assert len(session.team.due_evaluations()) == 1
    adjusted = session.team.evaluate(speerpunt.id, "Minder effect na de zomer.", "bijstellen")
    assert adjusted.status == "bijstellen" and adjusted.is_open
    closed = session.team.evaluate(speerpunt.id, "Klaar.", "afsluiten")
    assert closed.status == "afgesloten" and not closed.is_open
    assert session.team.due_evaluations() == []
    assert session.team.speerpunten(open_only=True) == []


# -- knelpunten --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ik voer het niet uit zoals bedoeld.", "niet-zoals-bedoeld"),
        ("Eerlijk gezegd wijk ik vaak af van de afspraken.", "niet-zoals-bedoeld"),
        ("Het monitoren schiet erbij in.", "monitoren-schiet-erbij-in"),
        ("We hebben het er in het overleg nooit meer over gehad.", "monitoren-schiet-erbij-in"),
        ("Het leidt niet tot verbetering.", "geen-verbetering"),
        ("De cijfers blijven gelijk, ik zie geen verschil.", "geen-verbetering"),
    ],
)
def test_a_recorded_trouble_finds_its_knelpunt(text: str, expected: str) -> None:
    found = knelpunten.match(text)
    assert found is not None and found.id == expected
    assert found.tips and "handvat 3" in found.bron


def test_no_trouble_no_knelpunt() -> None:
    assert knelpunten.match("Vandaag ging het ticket prima, de klas deed goed mee.") is None


def _product_texts() -> list[str]:
    texts = []
    for k in knelpunten.KNELPUNTEN:
        texts += [k.titel, k.herkenning, *k.tips]
    for role in ROLES.values():
        texts += [role.titel, role.beschrijving, *role.taken]
    return texts


def test_tips_roles_and_card_are_our_own_words() -> None:
    folder = _seed_dir()
    if folder is None:
        pytest.skip("seed texts not available")
    grams: set[tuple[str, ...]] = set()
    for file in folder.glob("*.txt"):
        grams |= _ngrams(_words(file.read_text(encoding="utf-8")), OVERLAP_WORDS)
    plan = make_plan("T", "a", "z", rollen=list(ROLES))
    from reflectie.team.service import Speerpunt

    card = render_kaart(
        Speerpunt(plan, "0" * 16, "", 1, "actief", "2026-11-16T09:30:00+01:00"), sector="mbo"
    )
    offenders = [
        f"{text[:50]!r}: {' '.join(run)}"
        for text in [*_product_texts(), card]
        if (run := _copied_run(text, grams))
    ]
    assert not offenders, "copied from the seeds:\n" + "\n".join(offenders)


# -- kwaliteitskaart ---------------------------------------------------------------------------


def test_kwaliteitskaart_markdown_and_html_hold_the_agreements_and_no_names(
    session: Session,
) -> None:
    session.settings.update(naam="Anna Bakker", sector="vo")
    session.feedback.add_name("Bram Smit", "collega")
    plan = make_plan(
        TITLE,
        "## Kern\nElke les een exit ticket; Jan de Vries maakt de sjablonen, vragen aan "
        "bram.smit@school.nl of Bram Smit.",
        ZOALS,
        aandachtspunten=["Hooguit vijf minuten"],
        monitoring=["Week 10: lesbezoek in duo's"],
        evaluatie=date(2027, 6, 1),
        rollen=["kwaliteitsbewaker", "aanspreekpunt-lerenden"],
        betrekken="Leerlingen kiezen mee welke vragen op het ticket komen.",
    )
    import_exchange(session, encode(session.team.new_uitkomst([plan])))
    speerpunt = session.team.speerpunten()[0]
    kaart = build_kaart(session, speerpunt.id[:4])
    md = kaart.markdown
    assert md.startswith(f"# Kwaliteitskaart: {TITLE}\n") and FORMAT_MARK in md
    for expected in (
        "## Onze aanpak",
        "**Kern**",  # a heading in the text cannot break the card's structure
        "## Zo ziet 'uitgevoerd zoals bedoeld' eruit",
        ZOALS,
        "- Hooguit vijf minuten",
        "## Leerlingen betrekken",  # vo wording
        "- Week 10: lesbezoek in duo's",
        "## Borging",
        "Twee keer per jaar",
        "Evaluatie op 1 juni 2027",
        "**Kwaliteitsbewaker**",
        "**Aanspreekpunt leerlingen**",
        "handvatten bij aanbeveling 2",
    ):
        assert expected in md, expected
    for name in ("Jan de Vries", "Bram Smit", "bram.smit@school.nl", "Anna"):
        assert name not in md
    assert kaart.replacements >= 3

    html = kaart.html()
    assert (
        html.startswith("<!DOCTYPE html>") and "<!-- reflectie-kwaliteitskaart versie 1 -->" in html
    )
    assert "<title>Kwaliteitskaart: " + TITLE in html
    assert "<script" not in html.lower() and "http" not in html.replace("http-equiv", "")
    assert "<h2>Onze aanpak</h2>" in html and "1 juni 2027" in html
    assert "Jan de Vries" not in html and "@page" in html


# -- storage: entries, backup, encryption ------------------------------------------------------


def test_entry_keeps_its_speerpunt_link() -> None:
    entry = Entry("abcd1234", "2026-11-16T09:30:00+01:00", "2026-11-16T09:30:00+01:00", "x")
    linked = entry.with_changes(speerpunt="0123456789abcdef")
    assert Entry.from_doc(linked.to_doc()) == linked
    assert Entry.from_doc({k: v for k, v in entry.to_doc().items() if k != "speerpunt"}) == entry


def filled(session: Session) -> str:
    uitkomst = write_uitkomst(session)
    session.team.publish(uitkomst, lambda _text: None)
    import_exchange(session, encode(uitkomst))
    speerpunt = session.team.speerpunten()[0]
    session.team.monitor(speerpunt.id, "Notitie bij het speerpunt.", deelbaar=True)
    session.team.set_my_roles(speerpunt.id, ["kwaliteitsbewaker"])
    session.team.postpone_borging(speerpunt.id)
    session.team.evaluate(speerpunt.id, "Effect.", "voortzetten", deelbaar=True)
    return speerpunt.id


def test_backup_and_herstel_round_trip_the_new_tables(
    session: Session, tmp_path: Path, clock: FakeClock
) -> None:
    speerpunt_id = filled(session)
    target = tmp_path / "backup.json"
    export_backup(session.database, target, clock=clock)
    document = read_backup(target)
    assert {UITKOMSTEN, OPGESTELD} <= set(document["tabellen"])

    other = resolve_paths(tmp_path / "elders")
    fresh = open_session(other, clock=clock)
    restore_backup_file(fresh.database, document, RestoreMode.ONLY_IF_EMPTY, clock=clock)
    fresh.close()
    fresh = open_session(other, clock=clock)
    try:
        assert [s.to_json() for s in fresh.team.speerpunten()] == [
            s.to_json() for s in session.team.speerpunten()
        ]
        assert fresh.team.notes(speerpunt_id) == session.team.notes(speerpunt_id)
        assert fresh.team.authored() == session.team.authored()
        original = {k: v for k, v in tables(session).items() if k != "settings"}
        restored = {k: v for k, v in tables(fresh).items() if k != "settings"}
        assert restored == original
    finally:
        fresh.close()


def _windows(text: str) -> set[bytes]:
    needle = text.encode("utf-8")
    return {needle[i : i + 12] for i in range(len(needle) - 11)}


def test_encryption_covers_speerpunten_and_notes(paths: AppPaths, clock: FakeClock) -> None:
    secret_title = "Geheimzinnig speerpunt over de zorgklas van mevrouw Janssen"
    secret_note = "Monitoringnotitie die niemand zonder wachtwoord mag lezen"
    session = open_session(paths, clock=clock)
    import_exchange(session, encode(write_uitkomst(session, titel=secret_title)))
    session.close()
    encryption.enable(paths, "correct paard batterij", clock=clock)
    clock.advance(days=1)
    session = open_session(paths, clock=clock, passphrase="correct paard batterij")
    speerpunt = session.team.speerpunten()[0]
    assert speerpunt.titel == secret_title
    session.team.monitor(speerpunt.id, secret_note)
    session.team.publish(write_uitkomst(session, titel=secret_title + " II"), lambda _t: None)
    session.database.storage.compact()
    session.close()
    files = {p: p.read_bytes() for p in paths.data_dir.rglob("*") if p.is_file()}
    assert files
    for path, data in files.items():
        for window in _windows(secret_title) | _windows(secret_note):
            assert window not in data, f"{path} bevat {window!r} onversleuteld"
    reopened = open_session(paths, clock=clock, passphrase="correct paard batterij")
    try:
        assert reopened.team.notes(speerpunt.id)[0].tekst == secret_note
    finally:
        reopened.close()


def test_the_prompt_set_has_the_questions_the_service_names(session: Session) -> None:
    prompt_set = session.prompt_library().get_set(MONITOR_SET)
    assert prompt_set is not None
    ids = {p.id for p in prompt_set.vragen}
    assert {*BORGING_PROMPTS, EVALUATION_PROMPT} <= ids
    monitoring = session.team.monitoring_prompts(session.prompt_library())
    texts = " ".join(p.render("mbo") for p in monitoring)
    for idea in ("afgesproken", "goed uit", "vast", "studenten", "gegevens"):
        assert idea in texts, idea
    assert re.search(r"Handvatten bij aanbeveling 2", prompt_set.bron)


def test_a_failing_disk_during_import_stores_nothing(
    members: list[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import os

    import reflectie.store.logstorage as logstorage

    keeper, member = members[0], members[1]
    text = encode(write_uitkomst(keeper))
    before = tables(member)
    real_fsync = os.fsync
    failures = []

    def full_disk(fd: int) -> None:
        if not failures:
            failures.append(fd)
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(logstorage.os, "fsync", full_disk)
    with pytest.raises(OSError):
        import_exchange(member, text)
    monkeypatch.setattr(logstorage.os, "fsync", real_fsync)
    assert failures and tables(member) == before
    paths = member.paths
    member.close()
    reopened = open_session(paths)
    try:
        assert reopened.team.speerpunten() == []
        assert import_exchange(reopened, text).changed  # and it can be imported after all
    finally:
        reopened.close()
