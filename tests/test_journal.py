"""The journal service as the CLI and the TUI use it."""

from __future__ import annotations

from datetime import date

import pytest

from reflectie.journal import EntryFilter, NotFoundError
from reflectie.model import MAX_TEXT_CHARS, ValidationError
from reflectie.session import Session, open_session
from tests.conftest import FakeClock


def test_write_then_reopen_finds_the_entry(session: Session, clock: FakeClock) -> None:
    entry = session.journal.write("# Vandaag\nIk probeerde een exit ticket.", tags=["#les", "Les"])
    assert entry.tags == ("les",)
    assert entry.aangemaakt == "2026-11-16T09:30:00+01:00"
    session.close()
    reopened = open_session(session.paths, clock=clock)
    try:
        assert reopened.journal.get(entry.id) == entry
    finally:
        reopened.close()


def test_empty_and_huge_texts_are_refused_and_nothing_is_stored(session: Session) -> None:
    with pytest.raises(ValidationError, match="leeg"):
        session.journal.write("   \n")
    with pytest.raises(ValidationError, match="te lang"):
        session.journal.write("x" * (MAX_TEXT_CHARS + 1))
    assert len(session.journal) == 0


def test_latest_is_newest_first_and_pages(session: Session, clock: FakeClock) -> None:
    ids = []
    for n in range(5):
        ids.append(session.journal.write(f"reflectie {n}").id)
        clock.advance(hours=1)
    assert [e.id for e in session.journal.latest(3)] == ids[::-1][:3]
    assert [e.id for e in session.journal.latest(2, offset=3)] == ids[::-1][3:]


def test_search_ignores_case_and_accents(session: Session) -> None:
    cafe = session.journal.write("Gesprek in het Café over feedback")
    session.journal.write("Iets anders")
    assert [e.id for e in session.journal.search("cafe")] == [cafe.id]
    assert [e.id for e in session.journal.search("CAFÉ")] == [cafe.id]
    assert [e.id for e in session.journal.search("FEEDBACK")] == [cafe.id]


def test_search_sees_edits_and_deletes(session: Session) -> None:
    entry = session.journal.write("eerste versie")
    assert session.journal.search("eerste")
    session.journal.edit(entry.id, tekst="tweede versie")
    assert not session.journal.search("eerste")
    assert session.journal.search("tweede")
    session.journal.delete(entry.id)
    assert not session.journal.search("tweede")


def test_filters_by_set_tag_and_period(session: Session, clock: FakeClock) -> None:
    a = session.journal.write("a", promptset="samen-leren", tags=["bkc"])
    clock.advance(days=10)
    b = session.journal.write("b", promptset="verbeterplan", tags=["data"])
    assert [e.id for e in session.journal.filter(EntryFilter(promptset="samen-leren"))] == [a.id]
    assert [e.id for e in session.journal.filter(EntryFilter(tag="DATA"))] == [b.id]
    c = session.journal.write("c", leervraag="lv1")
    assert [e.id for e in session.journal.filter(EntryFilter(leervraag="lv1"))] == [c.id]
    period = EntryFilter(since=date(2026, 11, 20), until=date(2026, 11, 30))
    assert [e.id for e in session.journal.filter(period)] == [c.id, b.id]


def test_edit_changes_only_what_is_given(session: Session, clock: FakeClock) -> None:
    entry = session.journal.write("tekst", tags=["a"], deelbaar=False)
    clock.advance(minutes=5)
    edited = session.journal.edit(entry.id[:5], deelbaar=True)
    assert edited.tekst == "tekst" and edited.tags == ("a",) and edited.deelbaar
    assert edited.gewijzigd > entry.gewijzigd and edited.aangemaakt == entry.aangemaakt


def test_delete_goes_to_trash_and_restore_brings_it_back(
    session: Session, clock: FakeClock
) -> None:
    entry = session.journal.write("weg ermee")
    session.journal.delete(entry.id)
    with pytest.raises(NotFoundError):
        session.journal.get(entry.id)
    assert [t.entry.id for t in session.journal.trash()] == [entry.id]
    assert session.journal.restore(entry.id) == entry
    assert session.journal.trash() == []
    assert session.journal.latest(1)[0] == entry


def test_trash_is_purged_after_thirty_days(session: Session, clock: FakeClock) -> None:
    entry = session.journal.write("oud")
    session.journal.delete(entry.id)
    clock.advance(days=29)
    assert session.journal.purge_trash() == 0
    clock.advance(days=2)
    assert session.journal.purge_trash() == 1
    assert session.journal.trash() == []


def test_unknown_or_ambiguous_ids_give_dutch_messages(session: Session) -> None:
    with pytest.raises(NotFoundError, match="geen reflectie"):
        session.journal.get("ffffffff")


def test_weekly_counts_cover_twelve_weeks(session: Session, clock: FakeClock) -> None:
    session.journal.write("deze week")
    clock.advance(weeks=-3)
    session.journal.write("drie weken geleden")
    session.journal.write("nog een")
    clock.advance(weeks=3)
    counts = session.journal.weekly_counts(12)
    assert len(counts) == 12
    assert counts[-1] == (date(2026, 11, 16), 1)
    assert counts[-4] == (date(2026, 10, 26), 2)
    assert sum(n for _, n in counts) == 3


def test_recent_prompt_ids_drive_rotation(session: Session) -> None:
    session.journal.write("a", prompt="oh-aannames")
    session.journal.write("b", prompt="oh-data")
    assert session.journal.recent_prompt_ids()[:2] == ["oh-data", "oh-aannames"]


def test_search_never_matches_across_two_entries(session: Session) -> None:
    session.journal.write("eindigt op ca")
    session.journal.write("fe begint hier")
    assert session.journal.search("cafe") == []
    assert len(session.journal.search("ca")) == 1


def test_search_index_follows_restore(session: Session) -> None:
    entry = session.journal.write("unieke zoekterm")
    assert session.journal.search("unieke")
    session.journal.delete(entry.id)
    assert session.journal.search("unieke") == []
    session.journal.restore(entry.id)
    assert [e.id for e in session.journal.search("UNIEKE")] == [entry.id]
