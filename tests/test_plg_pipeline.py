"""One PLG pipeline: the teacher's choices, labels kept intact in a bundle, anonimiseer --toon."""

from __future__ import annotations

import random
import re
from pathlib import Path

from reflectie.anonymizer import AnonymizedText, Replacement, Suspect
from reflectie.cli.plg_cmds import describe_result
from reflectie.plg.bundle import merge, parse_summary, relabel, render_agenda
from reflectie.plg.choices import ReviewAction, ReviewChoices, load_choices, store_mark
from reflectie.plg.pipeline import anonymize_texts, apply_choices, export_summary
from reflectie.plg.summary import (
    SECTION_LEERVRAGEN,
    SECTION_REFLECTIES,
    SECTION_VOORNEMENS,
    Item,
    Summary,
    SummaryChoice,
    render_markdown,
)
from reflectie.session import Session
from tests.test_cli import run

# -- the teacher's choices ------------------------------------------------------------


def texts_of(results: list[AnonymizedText]) -> str:
    return "\n".join(r.text for r in results)


def test_a_word_marked_with_a_label_is_replaced_by_that_label_everywhere() -> None:
    choices = ReviewChoices().with_mark("Noorderpoort", "school").with_mark("3B", "klas")
    out = anonymize_texts(
        ["Stage via het Noorderpoort, met klas 3B.", "noorderpoort belde; 3b ook"], choices
    )
    text = texts_of(out)
    assert "oorderpoort" not in text and "3B" not in text and "3b" not in text
    assert text.count("[school]") == 2 and text.count("[klas]") == 2
    marked = [r for r in out[0].replacements if r.label == "[school]"]
    assert marked and marked[0].original == "Noorderpoort" and marked[0].reason == "handmatig"


def test_a_label_span_is_never_anonymized_again() -> None:
    # "Jan de Vries College" as a school: no "Persoon 1 College" and no "[school] College"
    choices = ReviewChoices().with_mark("Jan de Vries College", "school")
    out = anonymize_texts(["Ik werk op het Jan de Vries College. Jan de Vries kwam."], choices)
    assert out[0].text.startswith("Ik werk op het [school]. ")
    assert "Jan" not in out[0].text and "Vries" not in out[0].text


def test_marking_wins_over_releasing_and_the_own_name_cannot_be_released() -> None:
    choices = ReviewChoices(own_name="Anna Bakker", released=("Anna Bakker", "Storm"))
    choices = choices.with_mark("Storm", "anders")
    assert choices.allow() == ()
    text = texts_of(anonymize_texts(["Anna Bakker las het boek Storm."], choices))
    assert "Anna" not in text and "Storm" not in text
    assert choices.with_release("anna bakker") == choices  # refused


def test_a_missed_person_never_survives_in_any_form() -> None:
    # "kwibus" is an ordinary word the anonymizer keeps; the teacher says it is a student
    choices = ReviewAction("kwibus", "student").apply(ReviewChoices())
    out = anonymize_texts(["De kwibus deed mee.", "Kwibus' tas en Kwibus zelf."], choices)
    text = texts_of(out)
    assert "wibus" not in text
    labels = {r.label for r in (*out[0].replacements, *out[1].replacements)}
    assert labels == {"Student 1"}  # one person, one label, the role the teacher chose


def test_released_word_is_kept_and_releasing_unmarks() -> None:
    choices = ReviewChoices(names=(("Storm", "anders"),))
    assert "Storm" not in texts_of(anonymize_texts(["Het boek Storm."], choices))
    released = ReviewAction("Storm").apply(choices)
    assert texts_of(anonymize_texts(["Het boek Storm."], released)) == "Het boek Storm."
    marked = choices.with_mark("Storm", "school").with_release("Storm")
    assert marked.marked == () and "Storm" in marked.released


def test_a_label_does_not_repeat_the_role_word_before_it() -> None:
    out = anonymize_texts(
        ["Mijn collega Marloes zei het. Student Ilse vroeg het.", "leerling Jasper de Graaf"],
        ReviewChoices(),
        sector="mbo",
    )
    text = texts_of(out)
    assert not re.search(r"(?i)\bcollega\s+Collega\b", text)
    assert not re.search(r"(?i)\b(student|leerling)\s+(Student|Leerling) \d", text)
    assert "Marloes" not in text and "Ilse" not in text and "Jasper" not in text


def test_stored_choices_reach_the_cli_export(session: Session, tmp_path: Path) -> None:
    session.settings.update(naam="Anna Bakker", vrijgegeven=("Storm",))
    session.journal.write(
        "Het boek Storm. Stage via het Noorderpoort. De kwibus deed mee. Anna Bakker.",
        deelbaar=True,
    )
    store_mark(session, "Noorderpoort", "school")
    store_mark(session, "kwibus", "student")
    choices = load_choices(session)
    assert {(m.word, m.kind) for m in choices.marked} == {
        ("Noorderpoort", "school"),
        ("kwibus", "student"),
    }
    core = render_markdown(export_summary(session, SummaryChoice()))
    for word in ("Noorderpoort", "kwibus", "Anna"):
        assert word not in core
    assert "Het boek Storm." in core and "[school]" in core
    data = session.paths.data_dir
    session.close()
    result = run(data, "export", "plg", "-o", str(tmp_path / "cli.md"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "cli.md").read_text("utf-8") == core  # one pipeline, one text


def test_notes_and_texts_share_one_run() -> None:
    source = Summary(
        "mbo",
        "alles",
        [
            Item(
                SECTION_LEERVRAGEN,
                "",
                "Hoe help ik Jan de Vries?",
                "afgerond; conclusie: Jan hielp",
            )
        ],
        [],
    )
    summary = apply_choices(source, ReviewChoices())
    assert "Jan" not in render_markdown(summary)
    label = summary.anonymized[0].replacements[0].label
    assert label in summary.items[0].note  # the same person, the same label


# -- anonimiseer --toon ---------------------------------------------------------------


def test_anonimiseer_toon_lists_replacements_and_suspects() -> None:
    original = "Gesprek met Jan.\nDaarna kwam Tsega."
    result = AnonymizedText(
        original,
        "Gesprek met Persoon 1.\nDaarna kwam Tsega.",
        (Replacement(12, 15, "Jan", "Persoon 1", "voornaam", "persoon"),),
        (Suspect(30, 35, "Tsega", "hoofdletter, niet in de woordenlijst"),),
    )
    lines = describe_result(result)
    assert lines[0] == "vervangen: 'Jan' → Persoon 1 (voornaam)"
    assert lines[1].startswith("mogelijk een naam: 'Tsega' (regel 2")


def test_anonimiseer_toon_keeps_stdout_the_text_alone(tmp_path: Path) -> None:
    text = "Gesprek met Jan de Vries (jan@school.nl) over zijn stage.\n"
    plain = run(tmp_path, "anonimiseer", stdin=text)
    shown = run(tmp_path, "anonimiseer", "--toon", stdin=text)
    assert plain.returncode == shown.returncode == 0
    assert shown.stdout == plain.stdout and "Jan" not in shown.stdout
    assert "vervangen: 'jan@school.nl' → [e-mail] (e-mail)" in shown.stderr
    assert "mogelijk een naam" in shown.stderr


# -- the bundle keeps labels intact ---------------------------------------------------

NOTES = [
    "Mijn collega Marloes zei dat Student Ilse en Daan Peters niet kwamen. Ilse belde later.",
    "Gesprek met Jan de Vries (jan.devries@school.nl) en zijn moeder; Jan was stil.",
    "Student Ahmed vroeg om hulp. Mijn collega Kees van Dam hielp Ahmed en Sara.",
    "Leerling Emma Visser en leerling Sem; de mentor van Emma belde 06-12345678.",
    "Met collega Petra de Boer en Persoon Fenna besproken. Fenna had een plan.",
]

GARBLE = [
    r"(?i)\bcollega\s+collega\b",
    r"(?i)\b(student|leerling)\s+(student|leerling)\s+\d",
    r"(?i)\bpersoon\s+persoon\b",
    r"\b(Student|Leerling|Persoon|Bedrijf) \d+ \d",  # "Persoon 1 1"
    r"\bCollega [A-Z]{1,2} \d",
    r"\b(Student|Leerling|Persoon) \d+\d",
]


def member_summary(n: int) -> str:
    """One member's exported summary of realistic notes (names replaced by the pipeline)."""
    rng = random.Random(n)
    notes = rng.sample(NOTES, 3)
    source = Summary(
        "mbo",
        "week 45 (2026) t/m week 47 (2026)",
        [
            Item(SECTION_LEERVRAGEN, "", f"Hoe betrek ik {notes[0].split()[2]} meer?", "open"),
            *(
                Item(SECTION_REFLECTIES, "Onderzoekende houding", note, f"week {46 + i} (2026)")
                for i, note in enumerate(notes)
            ),
            Item(SECTION_VOORNEMENS, "", notes[1], "evalueren in week 2 (2027)"),
        ],
        [],
    )
    return render_markdown(apply_choices(source, ReviewChoices(own_name=f"Lid{n} Achternaam")))


def test_a_bundle_of_five_members_has_no_garbled_label() -> None:
    members = [member_summary(n) for n in range(5)]
    assert any("Collega A" in m or "collega A" in m for m in members)
    agenda = render_agenda(merge([parse_summary(m) for m in members], rng=random.Random(2)))
    for pattern in GARBLE:
        assert not re.search(pattern, agenda), (pattern, re.search(pattern, agenda))
    for name in ("Marloes", "Ilse", "Daan", "Jan", "Ahmed", "Kees", "Emma", "Petra", "Fenna"):
        assert name not in agenda, name
    assert "06-12345678" not in agenda and "jan.devries" not in agenda


def test_bundle_labels_are_numbered_per_item() -> None:
    texts = [
        "*week 46 (2026)*\n\nStudent 3 en Student 5 met Collega C; Student 3's tas.",
        "Student 1 en Persoon 2 met mijn collega Collega B en [e-mail].",
        "Persoon 1 1 bleef en Leerling 4 ook.",  # an old garbled agenda, bundled again
    ]
    out, _replaced = relabel(texts)
    assert out[0] == "*week 46 (2026)*\n\nStudent 1 en Student 2 met Collega A; Student 1's tas."
    assert out[1] == "Student 1 en Persoon 1 met mijn collega A en [e-mail]."
    assert out[2].startswith("Persoon 1 1 bleef en Leerling 1 ook")


def test_bundle_safety_net_still_replaces_what_a_member_missed() -> None:
    out, replaced = relabel(["Student 1 sprak met Pieter Jansen (06-87654321) en Student 2."])
    assert replaced >= 2
    assert "Pieter" not in out[0] and "06-87654321" not in out[0]
    assert out[0].startswith("Student 1 sprak met ") and out[0].endswith(" en Student 2.")


def test_bundle_cli_keeps_the_labels_of_the_issue(tmp_path: Path) -> None:
    text = (
        "# PLG-samenvatting\n\n## Reflecties\n\n### Vrije reflecties\n\n*week 46 (2026)*\n\n"
        "Mijn collega Collega A zei dat Persoon 1 en Student 1 kwamen.\n"
    )
    files = []
    for n in range(2):
        path = tmp_path / f"lid{n}.md"
        path.write_text(text, "utf-8")
        files.append(str(path))
    result = run(tmp_path / "data", "plg", "bundel", *files, "-o", str(tmp_path / "a.md"))
    assert result.returncode == 0, result.stderr
    agenda = (tmp_path / "a.md").read_text("utf-8")
    assert agenda.count("Mijn collega A zei dat Persoon 1 en Student 1 kwamen.") == 2
    for pattern in GARBLE:
        assert not re.search(pattern, agenda), pattern


def test_bundle_keeps_labels_inside_hyphenated_compounds() -> None:
    """The anonymizer replaces names inside compounds ("het Yusuf-moment"); the bundle
    must read those labels as labels, not garble them into "Persoon 1 1-moment"."""
    out, _replaced = relabel(
        [
            "Mijn collega B zei dat het Persoon 4-moment goed werkte, na het "
            "Persoon 2-en-Persoon 7-gedoe."
        ]
    )
    assert out == [
        "Mijn collega A zei dat het Persoon 1-moment goed werkte, na het "
        "Persoon 2-en-Persoon 3-gedoe."
    ]
