"""PLG export and bundle: only deelbaar material leaves, and it names nobody."""

from __future__ import annotations

import random
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from reflectie.plg.bundle import BundleError, merge, parse_summary, render_agenda
from reflectie.plg.html import render_html
from reflectie.plg.pipeline import export_summary
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

PRIVATE = "Dit is privé en mag nooit mee: mijn zorgen over de reorganisatie."
SHARED = (
    "# Les in 2C\n\nJan de Vries kwam kijken. Hij mailde jan.devries@school.nl en belde "
    "06-12345678. Ahmeds studentnummer is 123456. Volgens Hattie (2009) helpt feedback."
)
SECRETS = ["Jan de Vries", "jan.devries@school.nl", "06-12345678", "123456", "Ahmed", "Anna Bakker"]


def make_journal(session: Session) -> None:
    session.settings.update(naam="Anna Bakker", sector="mbo")
    lv = session.feedback.new_leervraag("Hoe geef ik Ahmed meer spreektijd?", deelbaar=True)
    session.feedback.new_leervraag("Geheime leervraag", deelbaar=False)
    session.journal.write(SHARED, deelbaar=True, tags=["les"])
    session.journal.write(PRIVATE, deelbaar=False)
    session.journal.write("Gedeeld, met mijn naam: Anna Bakker.", deelbaar=True)
    request = session.feedback.new_request(lv["id"], aan="Jan de Vries", focus="afsluiting")
    session.feedback.export_request(request["id"])


def export(session: Session, **choice: object) -> str:
    """The core pipeline with the stored choices (own name Anna Bakker from the settings)."""
    return render_markdown(export_summary(session, SummaryChoice(fase="probleemanalyse", **choice)))


def test_export_holds_deelbaar_text_and_never_private(session: Session) -> None:
    make_journal(session)
    markdown = export(session)
    assert "Volgens Hattie (2009) helpt feedback" in markdown
    assert "spreektijd" in markdown
    assert "reorganisatie" not in markdown and "Geheime leervraag" not in markdown
    for secret in SECRETS:
        assert secret not in markdown, secret
    assert "## Vragen voor de reflectieve dialoog" in markdown


def test_a_conclusie_is_anonymized_too(session: Session) -> None:
    make_journal(session)
    lv = next(lv for lv in session.feedback.leervragen() if lv["deelbaar"])
    session.feedback.update_leervraag(
        lv["id"], status="afgerond", conclusie="Na het gesprek met Jan de Vries (jan@school.nl)."
    )
    markdown = export(session)
    assert "Jan de Vries" not in markdown and "jan@school.nl" not in markdown
    assert "conclusie: Na het gesprek met" in markdown


def test_private_entry_never_leaves_even_when_asked_for(session: Session) -> None:
    make_journal(session)
    private = next(e for e in session.journal.latest() if not e.deelbaar)
    markdown = export(session, entry_ids=(private.id,))
    assert "reorganisatie" not in markdown


def test_cli_files_contain_no_personal_data_byte_for_byte(tmp_path: Path) -> None:
    data = tmp_path / "data"
    run(data, "instellingen", "--naam", "Anna Bakker")
    assert run(data, "schrijf", "--deelbaar", SHARED).returncode == 0
    assert run(data, "schrijf", PRIVATE).returncode == 0
    for flag, name in (([], "plg.md"), (["--html"], "plg.html")):
        result = run(data, "export", "plg", *flag, "-o", str(tmp_path / name))
        assert result.returncode == 0, result.stderr
        raw = (tmp_path / name).read_bytes()
        assert b"Hattie" in raw
        for secret in [*SECRETS, "reorganisatie", str(data)]:
            assert secret.encode() not in raw, (name, secret)
        assert oct((tmp_path / name).stat().st_mode & 0o777) == "0o600"


def test_export_with_nothing_deelbaar_says_so(tmp_path: Path) -> None:
    run(tmp_path, "schrijf", PRIVATE)
    result = run(tmp_path, "export", "plg", "-o", str(tmp_path / "x.md"))
    assert result.returncode == 1 and "deelbaar" in result.stderr
    assert not (tmp_path / "x.md").exists()


def test_html_is_standalone_and_neutralises_inline_html() -> None:
    page = render_html(
        "# Titel\n\n<script>alert(1)</script> <img src=x onerror=alert(1)>\n\n"
        "![foto](https://example.org/a.png) [link](https://example.org)\n",
        title="<Titel>",
    )
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;" in page
    assert "https://example.org" not in page
    assert "&lt;Titel&gt;" in page
    assert "@media print" in page


def test_html_hides_the_format_mark_but_not_the_teachers_comments(session: Session) -> None:
    make_journal(session)
    markdown = export(session)
    assert "<!-- reflectie-plg-samenvatting versie 1 -->" in markdown  # the file's own mark
    page = render_html(markdown + "\nIk schreef <!-- dit --> letterlijk.\n", title="PLG")
    main = page.split("<main>", 1)[1]
    assert "reflectie-plg-samenvatting" not in main and "&lt;!-- reflectie" not in main
    assert "&lt;!-- dit --&gt;" in main  # the teacher's text is shown as written
    # the mark is still in the page, as a real comment (invisible)
    assert "<!-- reflectie-plg-samenvatting versie 1 -->" in page.split("<main>", 1)[0]


def test_print_css_keeps_headings_and_note_lines_with_what_follows(session: Session) -> None:
    make_journal(session)
    page = render_html(export(session), title="PLG")
    assert '<p class="notitie"><em>week ' in page  # the week note above a reflection
    css = page.split("@media print", 1)[1]
    assert "break-after: avoid" in css and "p.notitie" in css and "h3" in css
    assert "position: fixed" not in page  # a fixed footer would cover text on every page


def print_to_pdf(html: str, folder: Path) -> Path:
    """Print a page with headless Chromium (a fresh profile, nothing from the network)."""
    folder.mkdir(parents=True, exist_ok=True)
    page = folder / "plg.html"
    page.write_text(html, encoding="utf-8")
    pdf = folder / "plg.pdf"
    subprocess.run(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={folder / 'profile'}",
            f"--print-to-pdf={pdf}",
            "--no-pdf-header-footer",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert pdf.read_bytes().startswith(b"%PDF")
    return pdf


def pdf_pages(pdf: Path) -> list[str]:
    """The text of each page (pdftotext separates pages with a form feed)."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [page for page in text.split("\f") if page.strip()]


needs_chromium = pytest.mark.skipif(
    shutil.which("chromium") is None or shutil.which("pdftotext") is None,
    reason="chromium or pdftotext (poppler-utils) not installed",
)


@needs_chromium
def test_html_renders_to_pdf_in_chromium(session: Session, tmp_path: Path) -> None:
    make_journal(session)
    pdf = print_to_pdf(render_html(export(session), title="PLG-samenvatting"), tmp_path)
    text = "\n".join(pdf_pages(pdf))
    assert "PLG-samenvatting" in text and "Hattie" in text
    assert "Jan de Vries" not in text
    # the format mark is the file's own, never text on the page
    assert "reflectie-plg-samenvatting" not in text and "versie 1" not in text
    assert "<!--" not in text and "-->" not in text


def long_summary(seed: int) -> Summary:
    """A summary of several pages: reflections of varied length under a few prompt sets."""
    rng = random.Random(seed)
    items = [
        Item(SECTION_LEERVRAGEN, "", f"Leervraag {i}: " + "hoe dan " * rng.randint(5, 40), "open")
        for i in range(rng.randint(1, 6))
    ]
    for group in range(rng.randint(2, 4)):
        for week in range(rng.randint(1, 4)):
            paragraphs = ("zin " * rng.randint(10, 120) for _ in range(rng.randint(1, 4)))
            items.append(
                Item(
                    SECTION_REFLECTIES,
                    f"Vragenset {group}",
                    "\n\n".join(paragraphs),
                    f"week {week + 1} (2026)",
                )
            )
    items += [
        Item(SECTION_VOORNEMENS, "", f"Voornemen {i}: " + "oefenen " * rng.randint(5, 30), "later")
        for i in range(rng.randint(1, 8))
    ]
    return Summary("mbo", "alles", items, ["Wat valt op?", "Wat nu?"])


@needs_chromium
def test_printed_pages_never_end_with_a_heading_or_a_week_note(tmp_path: Path) -> None:
    # these seeds put a heading or a week note on the last line of a page before print CSS
    for seed in (0, 6, 8):
        markdown = render_markdown(long_summary(seed))
        pages = pdf_pages(print_to_pdf(render_html(markdown, title="PLG"), tmp_path / str(seed)))
        assert len(pages) > 1
        for page in pages[:-1]:
            lines = [line.strip() for line in page.splitlines() if line.strip()]
            lines = [line for line in lines if not line.startswith("Gemaakt met reflectie")]
            last = lines[-1]
            assert not last.startswith(("Vragenset", "Reflecties", "Leervragen", "Voornemens")), (
                seed,
                last,
            )
            assert not re.fullmatch(r"week \d+ \(2026\)", last), (seed, last)


def member(n: int) -> str:
    return (
        "# PLG-samenvatting\n\n"
        f"## Leervragen\n\n- Leervraag van lid {n} *(open)*\n\n"
        "## Reflecties\n\n### Onderzoekende houding\n\n"
        f"*week 46 (2026)*\n\nReflectie A van lid {n}.\n\n---\n\n"
        f"*week 47 (2026)*\n\nReflectie B van lid {n}, met **vet**.\n\n"
        f"## Voornemens\n\n- Voornemen van lid {n}\n"
    )


def test_bundle_merges_five_members_and_shuffles() -> None:
    parsed = [parse_summary(member(n)) for n in range(5)]
    agenda = merge(parsed, rng=random.Random(3))
    text = render_agenda(agenda)
    assert "Samengevoegd uit 5 samenvattingen" in text
    assert len(agenda.leervragen) == 5 and len(agenda.voornemens) == 5
    assert len(agenda.reflecties["Onderzoekende houding"]) == 10
    orders = {tuple(merge(parsed, rng=random.Random(seed)).leervragen) for seed in range(6)}
    assert len(orders) > 1  # the order changes, so it cannot reveal the author
    assert all(f"Leervraag van lid {n}" in text for n in range(5))


def test_bundle_survives_hand_edits_and_runs_the_anonymizer_again() -> None:
    edited = (
        member(1)
        .replace("## Leervragen", "##   leervragen  ")
        .replace(
            "Reflectie A van lid 1.", "Reflectie A, besproken met Pieter Jansen (06-87654321)."
        )
        + "\n\n\n## Iets wat iemand toevoegde\n\nvrije tekst\n"
    )
    agenda = merge([parse_summary(edited)], rng=random.Random(1))
    text = render_agenda(agenda)
    assert "Pieter Jansen" not in text and "06-87654321" not in text
    assert agenda.safety_replacements >= 2
    assert len(agenda.leervragen) == 1


def test_bundle_refuses_files_that_are_no_summary() -> None:
    with pytest.raises(BundleError):
        parse_summary("Gewoon een brief zonder kopjes.")


def test_bundle_cli_writes_html(tmp_path: Path) -> None:
    files = []
    for n in range(3):
        path = tmp_path / f"lid{n}.md"
        path.write_text(member(n), encoding="utf-8")
        files.append(str(path))
    out = tmp_path / "agenda.html"
    result = run(tmp_path / "data", "plg", "bundel", *files, "-o", str(out), "--html")
    assert result.returncode == 0, result.stderr
    assert "PLG-agenda" in out.read_text(encoding="utf-8")
    bad = tmp_path / "kapot.md"
    bad.write_bytes(b"\xff\xfe")
    refused = run(tmp_path / "data", "plg", "bundel", str(bad), "-o", str(tmp_path / "x.md"))
    assert refused.returncode == 1 and not (tmp_path / "x.md").exists()
    assert "Traceback" not in refused.stderr and "UTF-8" in refused.stderr
