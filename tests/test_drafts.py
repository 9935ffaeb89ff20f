"""Drafts know the version of the entry they started from; discarding one is durable.

A draft of an existing entry records that entry's version (``basis``). After
``reflectie bewerk`` or ``reflectie herstel`` changed the entry, the draft is
recognised as stale (the TUI then offers it as such, see
``tests/tui/test_stale_drafts.py``), and an edit that names the version it started
from is refused rather than written over the newer text. Removing a draft fsyncs
the folder, so a discarded draft does not come back after a power loss.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest

from reflectie.backup_file import export_backup
from reflectie.drafts import Draft, DraftStore, is_stale
from reflectie.journal import StaleVersionError
from reflectie.paths import AppPaths
from reflectie.session import open_session
from reflectie.store.fileio import RemovalNotConfirmedError
from tests.conftest import FakeClock


def _cli(paths: AppPaths, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "REFLECTIE_HOME"}
    return subprocess.run(
        [sys.executable, "-m", "reflectie", *argv, "--data-dir", str(paths.data_dir)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_a_draft_keeps_the_version_it_started_from(paths: AppPaths, clock: FakeClock) -> None:
    session = open_session(paths, clock=clock)
    try:
        entry = session.journal.write("De les van maandag")
        session.drafts.save(Draft(entry.id, "De les van maandag, verder", basis=entry.version))
        loaded = session.drafts.load(entry.id)
        assert loaded is not None and loaded.basis == entry.version
        assert not is_stale(loaded, session.journal.get(entry.id))
    finally:
        session.close()
    raw = orjson.loads((paths.drafts / f"{entry.id}.json").read_bytes())
    assert raw["concept"]["basis"] == entry.version


def test_every_change_to_an_entry_makes_its_draft_stale(paths: AppPaths, clock: FakeClock) -> None:
    session = open_session(paths, clock=clock)
    try:
        entry = session.journal.write("Eerste tekst", tags=["les"])
        draft = Draft(entry.id, "concept", basis=entry.version)
        # Within the same second (the clock does not move): the text alone tells.
        for change in (
            {"tekst": "Tweede tekst"},
            {"tags": ["les", "toets"]},
            {"deelbaar": True},
        ):
            session.journal.edit(entry.id, **change)
            now = session.journal.get(entry.id)
            assert is_stale(draft, now), change
            draft = Draft(entry.id, "concept", basis=now.version)
            assert not is_stale(draft, now)
    finally:
        session.close()


def test_an_edit_from_an_older_version_is_refused_and_changes_nothing(
    paths: AppPaths, clock: FakeClock
) -> None:
    session = open_session(paths, clock=clock)
    try:
        entry = session.journal.write("Oud")
        started_from = entry.version
        clock.advance(minutes=1)
        session.journal.edit(entry.id, tekst="Nieuwer, elders bewerkt")
        before = paths.database.read_bytes()
        with pytest.raises(StaleVersionError, match="niets overschreven") as caught:
            session.journal.edit(entry.id, tekst="Uit de editor", expected_version=started_from)
        assert caught.value.current.tekst == "Nieuwer, elders bewerkt"
        assert paths.database.read_bytes() == before
        assert session.journal.get(entry.id).tekst == "Nieuwer, elders bewerkt"
        current = session.journal.get(entry.id).version
        edited = session.journal.edit(entry.id, tekst="Nu wel", expected_version=current)
        assert edited.tekst == "Nu wel"
    finally:
        session.close()


def test_cli_bewerk_makes_the_draft_stale(paths: AppPaths, clock: FakeClock) -> None:
    session = open_session(paths, clock=clock)
    entry = session.journal.write("Voor het bewerken")
    session.drafts.save(Draft(entry.id, "Half in de editor", basis=entry.version))
    session.close()
    result = _cli(paths, "bewerk", entry.id, "Met reflectie bewerk gewijzigd")
    assert result.returncode == 0, result.stderr
    session = open_session(paths, clock=clock)
    try:
        draft = session.drafts.load(entry.id)
        assert draft is not None
        assert is_stale(draft, session.journal.get(entry.id))
    finally:
        session.close()


def test_herstel_of_an_older_backup_makes_the_draft_stale(
    paths: AppPaths, clock: FakeClock, tmp_path: Path
) -> None:
    session = open_session(paths, clock=clock)
    entry = session.journal.write("Versie in de backup")
    backup = tmp_path / "backup.json"
    export_backup(session.database, backup, clock=clock)
    clock.advance(minutes=5)
    newer = session.journal.edit(entry.id, tekst="Versie na de backup")
    session.drafts.save(Draft(entry.id, "Concept op de nieuwe versie", basis=newer.version))
    session.close()
    result = _cli(paths, "herstel", str(backup), "--vervangen")
    assert result.returncode == 0, result.stderr
    session = open_session(paths, clock=clock)
    try:
        draft = session.drafts.load(entry.id)
        assert draft is not None
        assert session.journal.get(entry.id).tekst == "Versie in de backup"
        assert is_stale(draft, session.journal.get(entry.id))
    finally:
        session.close()


def test_a_draft_from_before_versions_is_judged_by_its_time(
    paths: AppPaths, clock: FakeClock
) -> None:
    """Drafts written by an older version have no ``basis``: their time decides."""
    session = open_session(paths, clock=clock)
    try:
        entry = session.journal.write("Tekst")
        old_style = Draft(entry.id, "concept", bewaard=entry.gewijzigd)
        assert not is_stale(old_style, entry)
        clock.advance(minutes=2)
        changed = session.journal.edit(entry.id, tekst="Later gewijzigd")
        assert is_stale(old_style, changed)
        # Written as an older version did (no "basis" key at all): read as None.
        path = paths.drafts / f"{entry.id}.json"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(
            orjson.dumps({"formaat": 1, "concept": {"entry_id": entry.id, "tekst": "x"}})
        )
        loaded = session.drafts.load(entry.id)
        assert loaded is not None and loaded.basis is None
    finally:
        session.close()


def _dir_fsyncs(record: list[str]) -> Callable[..., Any]:
    real = os.fsync

    def fsync(fd: int) -> None:
        target = os.readlink(f"/proc/self/fd/{fd}")
        if os.path.isdir(target):
            record.append(target)
        real(fd)

    return fsync


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc/self/fd")
def test_discarding_a_draft_is_durable(paths: AppPaths, monkeypatch: pytest.MonkeyPatch) -> None:
    store = DraftStore(paths)
    store.save(Draft("nieuw", "weg ermee"))
    synced: list[str] = []
    monkeypatch.setattr(os, "fsync", _dir_fsyncs(synced))
    store.discard("nieuw")
    assert store.load("nieuw") is None
    assert str(paths.drafts) in synced  # the removal reached the disk


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc/self/fd")
def test_a_discard_whose_folder_fsync_fails_says_so(
    paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = DraftStore(paths)
    store.save(Draft("nieuw", "weg ermee"))
    real = os.fsync

    def failing(fd: int) -> None:
        if os.path.isdir(os.readlink(f"/proc/self/fd/{fd}")):
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        real(fd)

    monkeypatch.setattr(os, "fsync", failing)
    with pytest.raises(RemovalNotConfirmedError):
        store.discard("nieuw")
    monkeypatch.undo()
    assert store.load("nieuw") is None  # gone from view; only its durability is unsure
    store.discard("nieuw")  # and discarding again is fine
