"""PLG export and bundle: only deelbaar material leaves, and it names nobody."""

from __future__ import annotations

import random
import shutil
import subprocess
from pathlib import Path

import pytest

from reflectie.plg.bundle import BundleError, merge, parse_summary, render_agenda
from reflectie.plg.html import render_html
from reflectie.plg.summary import (
    SummaryChoice,
    anonymize,
    collect,
    known_names_for,
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
    summary = collect(
        session, SummaryChoice(fase="probleemanalyse", **choice), session.prompt_library()
    )
    return render_markdown(
        anonymize(summary, known=known_names_for(session), own_name="Anna Bakker")
    )


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


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium not installed")
def test_html_renders_to_pdf_in_chromium(session: Session, tmp_path: Path) -> None:
    make_journal(session)
    page = tmp_path / "plg.html"
    page.write_text(render_html(export(session), title="PLG-samenvatting"), encoding="utf-8")
    pdf = tmp_path / "plg.pdf"
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
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--print-to-pdf={pdf}",
            "--no-pdf-header-footer",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "PLG-samenvatting" in text and "Hattie" in text
        assert "Jan de Vries" not in text


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
