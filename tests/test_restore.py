"""Restoring a copy: durable in place before the old file moves aside; never no journal.

``reflectie herstel <kopie>`` and the TUI's recovery screen both call
``backups.restore_backup``. It is killed (SIGKILL, in a subprocess) just before
each of its file-system calls in turn, and made to fail (ENOSPC, EIO) at each of
them in turn; after every one the journal opens, shows the old or the restored
state whole, and what the command said is true. A missing journal file next to
copies is refused rather than started afresh, and copies of an empty journal never
push real copies out of the rotation.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

import reflectie.store.fileio as fileio
from reflectie.backup_file import RestoreMode, export_backup, read_backup, restore_backup_file
from reflectie.backups import ASIDE_KINDS, list_backups, make_backup, restore_backup
from reflectie.cli.main import main
from reflectie.clock import Clock
from reflectie.database import MissingJournalError, open_database
from reflectie.journal import Journal
from reflectie.paths import AppPaths, resolve_paths
from reflectie.store.fileio import TEMP_MARK

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL and hard links are POSIX")

WORKER = Path(__file__).with_name("crash_worker.py")
DAY = datetime(2024, 3, 4, 9, 30, tzinfo=timezone(timedelta(hours=1)))
OLD = ["een", "twee", "drie"]  # the journal now
COPY = ["een", "twee"]  # the automatic copy


def fixed(moment: datetime) -> Clock:
    return lambda: moment


def texts(paths: AppPaths, **kwargs: Any) -> list[str]:
    with open_database(paths, backups=False, **kwargs) as database:
        return [entry.tekst for entry in reversed(Journal(database).latest())]


def journal_with_copy(paths: AppPaths, kind: str = "kopie") -> Path:
    """A journal holding OLD, and a copy of it from when it held COPY: an automatic
    copy (``kopie``) or a portable backup file (``json``, outside the data folder)."""
    with open_database(paths, clock=fixed(DAY)) as database:
        for minute, word in enumerate(COPY):
            Journal(database, clock=fixed(DAY + timedelta(minutes=minute))).write(word)
        if kind == "json":
            source = paths.data_dir.parent / f"{paths.data_dir.name}-backup.json"
            export_backup(database, source, clock=fixed(DAY))
    if kind == "kopie":
        source = make_backup(paths, reason="handmatig", clock=fixed(DAY))
    with open_database(paths, backups=False) as database:
        Journal(database, clock=fixed(DAY + timedelta(minutes=5))).write("drie")
    assert texts(paths) == OLD
    return source


SOURCES = ["kopie", "json"]


def asides(paths: AppPaths) -> list[Path]:
    return sorted(
        path for kind in ASIDE_KINDS for path in paths.data_dir.glob(f"reflectie.db.{kind}-*")
    )


# -- a kill at every step ----------------------------------------------------------------


def run_restore_worker(paths: AppPaths, copy: Path, kill_at: int) -> tuple[int, list[str]]:
    env = {k: v for k, v in os.environ.items() if k != "REFLECTIE_HOME"}
    result = subprocess.run(
        [sys.executable, WORKER, "restore", paths.data_dir, copy, str(kill_at)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, result.stdout.splitlines()


@pytest.mark.parametrize("kind", SOURCES)
def test_a_kill_at_any_step_of_a_restore_leaves_the_old_or_the_restored_journal(
    tmp_path: Path, kind: str
) -> None:
    outcomes: dict[str, int] = {"old": 0, "restored": 0}
    kill_at = 1
    while True:
        paths = resolve_paths(tmp_path / f"k{kill_at}")
        copy = journal_with_copy(paths, kind)
        old_bytes = paths.database.read_bytes()
        code, lines = run_restore_worker(paths, copy, kill_at)
        label = f"{kind}: killed before step {kill_at} ({lines[-1] if lines else 'start'})"
        if code == 0:
            assert lines[-1] == "DONE 0", label
            break
        assert code == -signal.SIGKILL, label
        # What a reader sees right after the kill (read-only repairs nothing) ...
        seen = texts(paths, read_only=True)
        assert seen in (OLD, COPY), f"{label}: the journal shows {seen}"
        # ... is what the app then opens, and keeps.
        assert texts(paths) == seen, label
        assert texts(paths) == seen, label
        assert not list(paths.data_dir.glob(f"*{TEMP_MARK}*")), label
        kept = asides(paths)
        if seen == OLD:
            # The old file is still the journal; no second name of it lingers.
            assert kept == [] or all(p.read_bytes() == old_bytes for p in kept), label
            for path in kept:
                assert not os.path.samefile(path, paths.database), label
        elif kind == "kopie":
            # Restored: the old file is kept, whole, under its second name.
            assert [p.read_bytes() for p in kept] == [old_bytes], label
        else:
            # Restored: the old state is in the safety copy made before the replace.
            (safety,) = [b for b in list_backups(paths) if b.reason == "voor-herstel"]
            assert safety.path.read_bytes() == old_bytes, label
        outcomes["old" if seen == OLD else "restored"] += 1
        kill_at += 1
    assert texts(paths) == COPY
    if kind == "kopie":
        assert [p.read_bytes() for p in asides(paths)] == [old_bytes]
    # Kills landed both before and after the commit point.
    assert outcomes["old"] >= 3 and outcomes["restored"] >= 1, outcomes


# -- a failing disk at every step ----------------------------------------------------------


@contextlib.contextmanager
def fail_nth(name: str, nth: int, error: OSError) -> Iterator[list[int]]:
    """``os.<name>`` raises ``error`` on its ``nth`` call inside the block."""
    calls = [0]
    real = getattr(os, name)

    def fake(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        if calls[0] == nth:
            raise error
        return real(*args, **kwargs)

    assert fileio.os is os
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(os, name, fake)
        yield calls


FAULTS = {
    "write ENOSPC": ("write", errno.ENOSPC),
    "fsync ENOSPC": ("fsync", errno.ENOSPC),
    "fsync EIO": ("fsync", errno.EIO),
    "link ENOSPC": ("link", errno.ENOSPC),
    "replace EIO": ("replace", errno.EIO),
    "open ENOSPC": ("open", errno.ENOSPC),
}


@pytest.mark.parametrize("kind", SOURCES)
@pytest.mark.parametrize("fault", FAULTS, ids=list(FAULTS))
def test_a_failing_disk_at_any_step_of_a_restore_says_what_is_true(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fault: str, kind: str
) -> None:
    name, code = FAULTS[fault]
    if kind == "json" and name == "link":
        pytest.skip("a JSON restore makes no links")
    nth = 1
    while True:
        paths = resolve_paths(tmp_path / f"f{nth}")
        copy = journal_with_copy(paths, kind)
        capsys.readouterr()
        argv = ["herstel", str(copy), "--vervangen", "--data-dir", str(paths.data_dir)]
        with fail_nth(name, nth, OSError(code, os.strerror(code))) as calls:
            result = main(argv)
        out, err = capsys.readouterr()
        label = f"{kind}, {fault} at call {nth}: {err.strip() or out.strip()}"
        assert "Traceback" not in err, label
        seen = texts(paths)  # it always opens: never "missing", never "damaged"
        if calls[0] < nth:  # the fault was never reached: a clean restore
            assert result == 0 and ("teruggezet" in out or "Hersteld" in out), label
            assert seen == COPY, label
            break
        if result == 0:
            # A failure the restore could work around (a failed cleanup, say).
            assert seen == COPY, label
        elif "Er is niets gewijzigd" in err or "je dagboek is zoals het was" in err:
            assert seen == OLD, label
            assert asides(paths) == [], label  # no stray second name of the journal
        else:
            # The copy is in place, only its durability could not be confirmed.
            assert "niet bevestigd" in err and seen == COPY, label
        nth += 1
    assert nth > 1, "the fault never happened"


def test_a_file_system_without_hard_links_keeps_a_full_copy_aside(paths: AppPaths) -> None:
    copy = journal_with_copy(paths)
    old_bytes = paths.database.read_bytes()
    with fail_nth("link", 1, OSError(errno.EPERM, "geen links")):
        aside = restore_backup(paths, copy, clock=fixed(DAY))
    assert aside is not None and aside.read_bytes() == old_bytes
    assert not os.path.samefile(aside, paths.database)
    assert aside.name.startswith("reflectie.db.vorige-")
    assert texts(paths) == COPY


def test_two_restores_in_one_second_keep_both_previous_files(paths: AppPaths) -> None:
    copy = journal_with_copy(paths)
    first = restore_backup(paths, copy, clock=fixed(DAY))
    with open_database(paths, backups=False) as database:
        Journal(database).write("na het eerste herstel")
    second = restore_backup(paths, copy, clock=fixed(DAY))
    assert first is not None and second is not None and first != second
    assert b"drie" in first.read_bytes()
    assert b"na het eerste herstel" in second.read_bytes()


def test_a_second_name_left_by_a_killed_restore_is_dropped_on_open(paths: AppPaths) -> None:
    journal_with_copy(paths)
    stray = paths.data_dir / "reflectie.db.vorige-20240304T093000"
    os.link(paths.database, stray)  # what a kill between link and rename leaves
    unrelated = paths.data_dir / "reflectie.db.beschadigd-20240101T000000"
    unrelated.write_bytes(b"een echt apart gezet bestand")
    assert texts(paths) == OLD
    assert not stray.exists()
    assert unrelated.read_bytes() == b"een echt apart gezet bestand"


def test_a_second_name_left_by_a_killed_restore_is_dropped_before_a_compaction(
    paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An open that compacts gives the journal a new inode: after that, the second
    name is no longer recognisable as one and would stay as a stale "vorige" file."""
    from reflectie.store import logstorage

    journal_with_copy(paths)
    stray = paths.data_dir / "reflectie.db.vorige-20240304T093000"
    os.link(paths.database, stray)
    inode = paths.database.stat().st_ino
    monkeypatch.setattr(logstorage, "MIN_COMPACT_BYTES", 0)  # this open compacts
    assert texts(paths) == OLD
    assert paths.database.stat().st_ino != inode  # it did compact
    assert not stray.exists() and asides(paths) == []


def test_without_hard_links_a_failed_folder_fsync_says_nothing_changed(
    paths: AppPaths, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The copy aside (no links on this disk) is complete but its folder fsync fails:
    the journal is untouched, so "nothing changed" is the truth, not "niet bevestigd"."""
    copy = journal_with_copy(paths)
    old_bytes = paths.database.read_bytes()
    real_fsync = os.fsync
    folder_syncs = [0]

    def no_links(*_args: Any, **_kwargs: Any) -> None:
        raise OSError(errno.EPERM, "geen links op deze schijf")

    def folder_fsync_fails(fd: int) -> None:
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            folder_syncs[0] += 1
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        real_fsync(fd)

    monkeypatch.setattr(os, "link", no_links)
    monkeypatch.setattr(os, "fsync", folder_fsync_fails)
    argv = ["herstel", str(copy), "--data-dir", str(paths.data_dir)]
    assert main(argv) == 1
    monkeypatch.undo()
    err = capsys.readouterr().err
    assert folder_syncs[0] == 1  # the copy aside's, before the journal was touched
    assert "niet bevestigd" not in err and "je dagboek is zoals het was" in err
    assert paths.database.read_bytes() == old_bytes and texts(paths) == OLD
    assert asides(paths) == []  # neither the copy aside ...
    assert not list(paths.data_dir.glob(f"*{TEMP_MARK}*"))  # ... nor a temp file stays


@pytest.mark.parametrize("fault", FAULTS, ids=list(FAULTS))
def test_without_hard_links_a_failing_disk_at_any_step_says_what_is_true(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fault: str
) -> None:
    """As the sweep above, on a file system that cannot hard-link (EPERM)."""
    name, code = FAULTS[fault]
    if name == "link":
        pytest.skip("links always fail here")
    nth = 1
    while True:
        paths = resolve_paths(tmp_path / f"f{nth}")
        copy = journal_with_copy(paths)
        capsys.readouterr()
        argv = ["herstel", str(copy), "--data-dir", str(paths.data_dir)]
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(os, "link", lambda *_a, **_k: _raise(OSError(errno.EPERM, "geen links")))
            with fail_nth(name, nth, OSError(code, os.strerror(code))) as calls:
                result = main(argv)
        out, err = capsys.readouterr()
        label = f"{fault} at call {nth}: {err.strip() or out.strip()}"
        assert "Traceback" not in err, label
        seen = texts(paths)
        if calls[0] < nth:
            assert result == 0 and seen == COPY, label
            assert [p.read_bytes() for p in asides(paths)] != [], label
            break
        if result == 0:
            assert seen == COPY, label
        elif "Er is niets gewijzigd" in err or "je dagboek is zoals het was" in err:
            assert seen == OLD, label
            assert asides(paths) == [], label
            assert not list(paths.data_dir.glob(f"*{TEMP_MARK}*")), label
        else:
            assert "niet bevestigd" in err and seen == COPY, label
        nth += 1
    assert nth > 1, "the fault never happened"


def _raise(error: OSError) -> None:
    raise error


def test_restoring_a_damaged_copy_changes_nothing(
    paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = journal_with_copy(paths)
    copy.write_bytes(copy.read_bytes()[:-30] + b"x" * 29 + b"\n")
    before = paths.database.read_bytes()
    assert main(["herstel", str(copy), "--data-dir", str(paths.data_dir)]) == 1
    err = capsys.readouterr().err
    assert "zelf beschadigd" in err and "Er is niets gewijzigd" in err
    assert paths.database.read_bytes() == before and asides(paths) == []


# -- the portable JSON backup ----------------------------------------------------------------


def test_two_replacing_restores_in_one_second_keep_both_safety_copies(
    paths: AppPaths, tmp_path: Path
) -> None:
    journal_with_copy(paths)
    backup_file = tmp_path / "backup.json"
    with open_database(paths, backups=False) as database:
        export_backup(database, backup_file, clock=fixed(DAY))
    document = read_backup(backup_file)
    with open_database(paths, backups=False) as database:
        Journal(database).write("vier, voor het eerste herstel")
    for _ in range(2):
        with open_database(paths, backups=False) as database:
            restore_backup_file(database, document, RestoreMode.REPLACE, clock=fixed(DAY))
    copies = [b for b in list_backups(paths) if b.reason == "voor-herstel"]
    assert len(copies) == 2
    assert sum(b"vier, voor het eerste herstel" in c.path.read_bytes() for c in copies) == 1
    assert texts(paths) == OLD


def test_restoring_an_older_schema_is_one_snapshot(paths: AppPaths, tmp_path: Path) -> None:
    """The documents and their schema number land in one write: a kill cannot split them."""
    journal_with_copy(paths)
    backup_file = tmp_path / "backup.json"
    with open_database(paths, backups=False) as database:
        export_backup(database, backup_file, clock=fixed(DAY))
    document = read_backup(backup_file)
    document["schema"] = 0  # as if from before a migration
    with open_database(paths, backups=False) as database:
        before = paths.database.read_bytes()
        restore_backup_file(database, document, RestoreMode.REPLACE, clock=fixed(DAY))
        after = paths.database.read_bytes()
    assert after != before and after.count(b"\n") == 2  # header + one snapshot
    with open_database(paths, read_only=True, backups=False) as database:
        assert database.storage.meta["schema"] == 0


# -- a missing journal file ----------------------------------------------------------------


def test_a_missing_journal_next_to_copies_is_not_a_new_empty_journal(
    paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = journal_with_copy(paths)
    newest = list_backups(paths)[0]
    assert newest.path == copy
    paths.database.unlink()
    for read_only in (False, True):
        with pytest.raises(MissingJournalError) as caught:
            open_database(paths, read_only=read_only)
        assert caught.value.backup is not None and caught.value.backup.path == copy
        assert "geen nieuw, leeg dagboek" in str(caught.value)
    assert not paths.database.exists()  # nothing was created
    for args in (["lijst"], ["schrijf", "nieuw begin"]):
        assert main([*args, "--data-dir", str(paths.data_dir)]) == 1
        err = capsys.readouterr().err
        assert "ontbreekt" in err and str(copy) in err and "reflectie herstel" in err
    assert not paths.database.exists()
    assert list_backups(paths) == [newest]  # no copy of an empty journal either
    assert main(["herstel", str(copy), "--data-dir", str(paths.data_dir)]) == 0
    assert texts(paths) == COPY


def test_copies_of_an_empty_journal_never_push_real_copies_out(paths: AppPaths) -> None:
    for day in range(8):  # the first open of an empty journal makes no copy
        with open_database(paths, clock=fixed(DAY + timedelta(days=day))) as database:
            Journal(database).write(f"dag {day}")
    real = list_backups(paths)
    assert len(real) == 7 and all(b"dag" in b.path.read_bytes() for b in real)
    with open_database(paths, backups=False) as database:
        database.db.drop_tables()  # the journal is empty now, for whatever reason
    for day in range(8, 20):
        open_database(paths, clock=fixed(DAY + timedelta(days=day))).close()
    assert list_backups(paths) == real


def test_a_brand_new_journal_is_still_created(paths: AppPaths) -> None:
    assert not paths.data_dir.exists()
    assert texts(paths) == []
    assert paths.database.exists() and list_backups(paths) == []


# -- new folders -----------------------------------------------------------------------------


def test_new_folders_are_fsynced_in_their_parent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reflectie.paths import ensure_private_dir

    synced: list[str] = []
    real_fsync = os.fsync

    def recording(fd: int) -> None:
        synced.append(os.readlink(f"/proc/self/fd/{fd}"))
        real_fsync(fd)

    if not Path("/proc/self/fd").is_dir():
        pytest.skip("needs /proc/self/fd")
    monkeypatch.setattr(os, "fsync", recording)
    ensure_private_dir(tmp_path / "a" / "b" / "c")
    assert synced == [str(tmp_path), str(tmp_path / "a"), str(tmp_path / "a" / "b")]
    synced.clear()
    ensure_private_dir(tmp_path / "a" / "b" / "c")  # already there: nothing to sync
    assert synced == []
