"""A full feedback round between two journals (A asks, B answers), in-process and via the CLI."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from reflectie.exchange import ExchangeError
from reflectie.model import ValidationError
from reflectie.paths import resolve_paths
from reflectie.session import Session, open_session
from tests.conftest import FakeClock
from tests.test_cli import run


@pytest.fixture
def pair(tmp_path: Path, clock: FakeClock) -> Iterator[tuple[Session, Session]]:
    a = open_session(resolve_paths(tmp_path / "A"), clock=clock)
    b = open_session(resolve_paths(tmp_path / "B"), clock=clock)
    a.settings.update(naam="Anna", sector="mbo")
    b.settings.update(naam="Bram", sector="mbo")
    yield a, b
    a.close()
    b.close()


def start_round(a: Session) -> dict:
    leervraag = a.feedback.new_leervraag("Hoe check ik of iedereen het snapt?")
    return a.feedback.new_request(
        leervraag["id"], aan="Bram de Wit", focus="Let op de afsluiting", wanneer="di 3e uur"
    )


def test_full_round(pair: tuple[Session, Session], clock: FakeClock) -> None:
    a, b = pair
    request = start_round(a)
    assert a.feedback.round(request["id"])["status"] == "concept"
    text = a.feedback.export_request(request["id"])
    assert a.feedback.round(request["id"])["status"] == "verstuurd"
    assert "Hoe check ik" in text and "Anna" in text

    imported = b.feedback.import_text(text)
    assert imported.changed and imported.kind == "vraag"
    received = b.feedback.received_request(request["id"])
    assert received["focus"] == "Let op de afsluiting" and received["van"] == "Anna"

    answer = b.feedback.answer(
        request["id"], bevestiging="Helder", kritiek="Weinig wachttijd", constructief="Tel tot 5"
    )
    assert b.feedback.received_request(request["id"])["status"] == "beantwoord"

    result = a.feedback.import_text(answer)
    assert result.changed
    round_ = a.feedback.round(request["id"])
    assert round_["status"] == "beantwoord" and round_["antwoord"]["kritiek"] == "Weinig wachttijd"

    a.feedback.reflect_on_answer(
        request["id"], "Ik herken het; het gaat over de taak, niet over mij."
    )
    voornemen = a.feedback.add_voornemen(request["id"], "Wachttijd van 5 tellen", date(2026, 12, 1))
    assert a.feedback.due_evaluations() == []
    clock.advance(days=16)
    due = a.feedback.due_evaluations()
    assert [(r["id"], v["id"]) for r, v in due] == [(request["id"], voornemen["id"])]

    a.feedback.evaluate_voornemen(request["id"], voornemen["id"], "deels", "Soms vergeten")
    assert a.feedback.round(request["id"])["status"] == "beantwoord"
    a.feedback.mark_thanked(request["id"])
    assert a.feedback.round(request["id"])["status"] == "afgerond"
    assert a.feedback.due_evaluations() == []

    # Both partners' names join the known-names list for the anonymizer.
    assert [n["naam"] for n in a.feedback.names()] == ["Bram", "Bram de Wit"]
    assert [n["naam"] for n in b.feedback.names()] == ["Anna"]


def test_import_is_idempotent(pair: tuple[Session, Session]) -> None:
    a, b = pair
    request = start_round(a)
    text = a.feedback.export_request(request["id"])
    b.feedback.import_text(text)
    before = b.database.paths.database.read_bytes()
    again = b.feedback.import_text(text)
    assert not again.changed and "al geïmporteerd" in again.message
    assert b.database.paths.database.read_bytes() == before
    answer = b.feedback.answer(request["id"], bevestiging="a", kritiek="b", constructief="c")
    a.feedback.import_text(answer)
    before = a.database.paths.database.read_bytes()
    assert not a.feedback.import_text(answer).changed
    assert a.database.paths.database.read_bytes() == before


def test_own_request_and_foreign_answer_are_refused(
    pair: tuple[Session, Session], tmp_path: Path, clock: FakeClock
) -> None:
    a, b = pair
    request = start_round(a)
    text = a.feedback.export_request(request["id"])
    with pytest.raises(ExchangeError, match="eigen feedbackvraag"):
        a.feedback.import_text(text)
    b.feedback.import_text(text)
    answer = b.feedback.answer(request["id"], bevestiging="a", kritiek="b", constructief="c")
    stranger = open_session(resolve_paths(tmp_path / "C"), clock=clock)
    try:
        before = stranger.paths.database.read_bytes()
        with pytest.raises(ExchangeError, match="niet uit dit dagboek"):
            stranger.feedback.import_text(answer)
        assert stranger.paths.database.read_bytes() == before
    finally:
        stranger.close()


def test_steps_out_of_order_are_refused(pair: tuple[Session, Session]) -> None:
    a, _ = pair
    request = start_round(a)
    with pytest.raises(ValidationError, match="nog geen antwoord"):
        a.feedback.add_voornemen(request["id"], "te vroeg", date(2026, 12, 1))
    with pytest.raises(ValidationError):
        a.feedback.new_request("onbekend", aan="X", focus="Y")
    leervraag = a.feedback.leervragen()[0]
    with pytest.raises(ValidationError, match="conclusie"):
        a.feedback.update_leervraag(leervraag["id"], status="afgerond")
    done = a.feedback.update_leervraag(leervraag["id"], status="afgerond", conclusie="Gelukt.")
    assert done["status"] == "afgerond"


def test_round_trip_via_the_cli(tmp_path: Path) -> None:
    a, b, files = tmp_path / "A", tmp_path / "B", tmp_path / "mail"
    files.mkdir()
    leervraag = run(a, "leervraag", "nieuw", "Hoe activeer ik stille studenten?").stdout.strip()
    listed = json.loads(run(a, "leervraag", "lijst", "--json").stdout)
    assert [lv["id"] for lv in listed] == [leervraag]

    asked = run(
        a,
        "feedback",
        "vraag",
        "--leervraag",
        leervraag,
        "--aan",
        "Bram",
        "--focus",
        "Kijk naar wie er antwoord geeft",
        "-o",
        str(files / "vraag.txt"),
    )
    assert asked.returncode == 0, asked.stderr
    request_id = asked.stdout.strip()

    answered = run(
        b,
        "feedback",
        "beantwoord",
        str(files / "vraag.txt"),
        "--bevestiging",
        "Goed",
        "--kritiek",
        "Vooral de voorste rij",
        "--constructief",
        "Beurtstokjes",
        "-o",
        str(files / "antwoord.txt"),
    )
    assert answered.returncode == 0, answered.stderr
    b_list = json.loads(run(b, "feedback", "lijst", "--json").stdout)
    assert [(r["id"], r["status"], r["rol"]) for r in b_list] == [
        (request_id, "beantwoord", "gever")
    ]

    first = run(a, "importeer", str(files / "antwoord.txt"))
    assert first.returncode == 0 and "geïmporteerd" in first.stdout
    second = run(a, "importeer", str(files / "antwoord.txt"))
    assert second.returncode == 0 and "al geïmporteerd" in second.stdout
    a_list = json.loads(run(a, "feedback", "lijst", "--json").stdout)
    assert [(r["id"], r["status"]) for r in a_list] == [(request_id, "beantwoord")]

    broken = files / "kapot.txt"
    broken.write_bytes((files / "antwoord.txt").read_bytes()[:-80])
    refused = run(a, "importeer", str(broken))
    assert refused.returncode == 1 and "Traceback" not in refused.stderr

    linked = run(a, "schrijf", "Reflectie bij mijn leervraag", "--leervraag", leervraag)
    assert linked.returncode == 0
    assert json.loads(run(a, "lijst", "--json").stdout)[0]["leervraag"] == leervraag
    unknown = run(a, "schrijf", "x", "--leervraag", "ffffffff")
    assert unknown.returncode == 1 and "geen leervraag" in unknown.stderr

    pasted = run(b, "importeer", "-", stdin=(files / "vraag.txt").read_text())
    assert pasted.returncode == 0 and "al geïmporteerd" in pasted.stdout


def test_an_answer_sent_again_is_the_same_answer(pair: tuple[Session, Session]) -> None:
    a, b = pair
    request = start_round(a)
    b.feedback.import_text(a.feedback.export_request(request["id"]))
    first = b.feedback.answer(request["id"], bevestiging="a", kritiek="b", constructief="c")
    b.settings.update(naam="Bram van Dijk")  # B renames before sending it again
    again = b.feedback.answer_text(request["id"])
    assert again == first
    assert a.feedback.import_text(first).changed
    assert not a.feedback.import_text(again).changed


def test_ids_accept_a_unique_prefix_like_entries(pair: tuple[Session, Session]) -> None:
    a, _b = pair
    request = start_round(a)
    short = request["id"][:8]
    assert a.feedback.round(short)["id"] == request["id"]
    assert a.feedback.leervraag(request["leervraag"][:6])["id"] == request["leervraag"]
    with pytest.raises(ValidationError, match="geen feedbackvraag"):
        a.feedback.round("zzzz")


def test_a_request_is_sent_only_when_marked(pair: tuple[Session, Session]) -> None:
    """Producing the text changes nothing: a failed file write leaves a concept."""
    a, _b = pair
    request = start_round(a)
    text, sent = a.feedback.request_text(request["id"])
    assert a.feedback.round(request["id"])["status"] == "concept"
    a.feedback.mark_sent(request["id"], sent)
    assert a.feedback.round(request["id"])["status"] == "verstuurd"
    assert a.feedback.request_text(request["id"]) == (text, sent)  # re-sent: the same text


def test_bedankt_can_be_undone(pair: tuple[Session, Session]) -> None:
    a, b = pair
    request = start_round(a)
    b.feedback.import_text(a.feedback.export_request(request["id"]))
    answer = b.feedback.answer(request["id"], bevestiging="B", kritiek="K", constructief="C")
    a.feedback.import_text(answer)
    voornemen = a.feedback.add_voornemen(request["id"], "Tel tot vijf", date(2026, 12, 1))
    a.feedback.evaluate_voornemen(request["id"], voornemen["id"], "gelukt", "")
    a.feedback.mark_thanked(request["id"])
    assert a.feedback.round(request["id"])["status"] == "afgerond"
    a.feedback.unmark_thanked(request["id"][:8])
    round_ = a.feedback.round(request["id"])
    assert not round_["bedankt"] and round_["status"] == "beantwoord"


def test_cli_accepts_short_round_ids_and_says_what_it_did(tmp_path: Path) -> None:
    home = tmp_path / "A"
    leervraag = run(home, "leervraag", "nieuw", "Hoe activeer ik stille leerlingen?").stdout.strip()
    out = run(
        home,
        "feedback",
        "vraag",
        "--leervraag",
        leervraag[:6],
        "--aan",
        "Bram",
        "--focus",
        "Wie praat er?",
        "-o",
        str(tmp_path / "vraag.txt"),
    )
    round_id = out.stdout.strip()
    answered = run(
        tmp_path / "B",
        "feedback",
        "beantwoord",
        str(tmp_path / "vraag.txt"),
        "--bevestiging",
        "B",
        "--kritiek",
        "K",
        "--constructief",
        "C",
        "-o",
        str(tmp_path / "antwoord.txt"),
    )
    assert "Antwoord geschreven naar" in answered.stdout
    run(home, "importeer", str(tmp_path / "antwoord.txt"))
    done = run(home, "feedback", "bedankt", round_id[:8])
    assert "Status: beantwoord" in done.stdout
