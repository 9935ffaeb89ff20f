"""Failing disks, damaged files, stale locks and migrations: the old state survives.

System calls are made to fail by patching them on the ``os`` module the storage
looks them up on (``reflectie.store.logstorage.os`` *is* the global ``os``), only
for the duration of one operation, and only for the file the test aims at (the
descriptor's path is read from ``/proc/self/fd``).
"""

from __future__ import annotations

import contextlib
import errno
import os
import random
import shutil
import signal
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import orjson
import pytest

import reflectie.store.fileio as fileio
import reflectie.store.logstorage as logstorage
from reflectie.backups import list_backups
from reflectie.clock import Clock
from reflectie.database import ENTRIES, NewerSchemaError, open_database
from reflectie.journal import Journal
from reflectie.paths import AppPaths, resolve_paths
from reflectie.store.errors import (
    CorruptDatabaseError,
    DatabaseLockedError,
    NewerVersionError,
    StorageBrokenError,
)
from reflectie.store.fileio import TEMP_MARK
from reflectie.store.records import FORMAT_VERSION, MAGIC, encode_line, parse_log

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/fd").is_dir(), reason="needs /proc/self/fd and POSIX signals"
)

WORKER = Path(__file__).with_name("crash_worker.py")
DAY = datetime(2024, 3, 4, 9, 30, tzinfo=timezone(timedelta(hours=1)))


def fixed(moment: datetime) -> Clock:
    return lambda: moment


# -- helpers ---------------------------------------------------------------------------


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return resolve_paths(tmp_path / "dagboek")


def fd_path(fd: int) -> str:
    try:
        return os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        return ""


def is_dir_fd(fd: int) -> bool:
    return stat.S_ISDIR(os.fstat(fd).st_mode)


@contextlib.contextmanager
def patched_os(
    name: str, fake_for: Callable[[Callable[..., Any]], Callable[..., Any]]
) -> Iterator[None]:
    """Replace ``os.<name>`` (as ``reflectie.store.*`` sees it) only inside the block."""
    real = getattr(logstorage.os, name)
    assert fileio.os is logstorage.os is os
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(logstorage.os, name, fake_for(real))
        yield


def fail_calls(
    name: str, when: Callable[..., bool], error: OSError, *, times: int | None = None
) -> contextlib.AbstractContextManager[None]:
    """``os.<name>`` raises ``error`` for calls matching ``when`` (at most ``times`` times)."""
    failed = [0]

    def fake_for(real: Callable[..., Any]) -> Callable[..., Any]:
        def fake(*args: Any) -> Any:
            if when(*args) and (times is None or failed[0] < times):
                failed[0] += 1
                raise error
            return real(*args)

        return fake

    return patched_os(name, fake_for)


def half_then_enospc(target: Path) -> contextlib.AbstractContextManager[None]:
    """``os.write`` to ``target`` writes half of what it was given, then the disk is full."""
    calls = [0]

    def fake_for(real: Callable[..., Any]) -> Callable[..., Any]:
        def fake(fd: int, data: Any) -> int:
            if fd_path(fd) != str(target):
                return real(fd, data)
            calls[0] += 1
            if calls[0] == 1:
                return real(fd, bytes(data[: max(1, len(data) // 2)]))
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        return fake

    return patched_os("write", fake_for)


def on(target: Path) -> Callable[..., bool]:
    return lambda fd, *_: fd_path(fd) == str(target)


def eio() -> OSError:
    return OSError(errno.EIO, os.strerror(errno.EIO))


def temps(folder: Path) -> list[Path]:
    return sorted(folder.rglob(f"*{TEMP_MARK}*"))


def texts(paths: AppPaths, **kwargs: Any) -> list[str]:
    """What a reopened journal shows, oldest first."""
    with open_database(paths, backups=False, **kwargs) as database:
        return [entry.tekst for entry in reversed(Journal(database).latest())]


def make_journal(paths: AppPaths, *words: str, start: datetime = DAY) -> None:
    """A journal with one entry per word, a minute apart (so their order is fixed).

    It is opened once more afterwards, which makes that day's automatic copy (an
    empty journal is never copied, so the first open made none).
    """
    with open_database(paths, clock=fixed(start)) as database:
        for minute, word in enumerate(words):
            Journal(database, clock=fixed(start + timedelta(minutes=minute))).write(word)
    open_database(paths, clock=fixed(start)).close()


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "REFLECTIE_HOME"}
    return subprocess.run(
        [sys.executable, "-m", "reflectie", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


# -- failing writes ----------------------------------------------------------------------


def test_failed_fsync_during_write_keeps_the_old_state(paths: AppPaths) -> None:
    make_journal(paths, "oud")
    database = open_database(paths, backups=False)
    journal = Journal(database)
    before = paths.database.read_bytes()
    with (
        fail_calls("fsync", on(paths.database), eio(), times=1),
        pytest.raises(OSError),
    ):
        journal.write("nooit bevestigd")
    assert [e.tekst for e in journal.latest()] == ["oud"]
    assert journal.search("bevestigd") == []
    assert paths.database.read_bytes() == before  # the unconfirmed record was taken back
    journal.write("daarna gewoon verder")  # one failure does not break the journal
    database.close()
    assert texts(paths) == ["oud", "daarna gewoon verder"]


def test_fsync_failing_for_good_refuses_further_writes(paths: AppPaths) -> None:
    make_journal(paths, "oud")
    database = open_database(paths, backups=False)
    journal = Journal(database)
    entry_id = journal.latest()[0].id
    with fail_calls("fsync", on(paths.database), eio()), pytest.raises(OSError):
        journal.write("nooit bevestigd")
    # The failed record could not be confirmed gone: no more writes until a reopen.
    for attempt in (
        lambda: journal.write("later"),
        lambda: journal.edit(entry_id, tekst="anders"),
        lambda: journal.delete(entry_id),
    ):
        with pytest.raises(StorageBrokenError):
            attempt()
    assert journal.get(entry_id).tekst == "oud"  # reading still works
    database.close()
    assert texts(paths) == ["oud"]


def test_partial_write_on_a_full_disk_leaves_no_garbage(paths: AppPaths) -> None:
    make_journal(paths, "eerste", "tweede")
    database = open_database(paths, backups=False)
    journal = Journal(database)
    before = paths.database.read_bytes()
    with half_then_enospc(paths.database), pytest.raises(OSError) as caught:
        journal.write("half geschreven " * 200)
    assert caught.value.errno == errno.ENOSPC
    assert [e.tekst for e in journal.latest()] == ["tweede", "eerste"]
    assert paths.database.read_bytes() == before
    journal.write("na de volle schijf")
    database.close()
    raw = paths.database.read_bytes()
    parsed = parse_log(raw, paths.database)
    assert not parsed.torn_tail and parsed.good_length == len(raw)
    assert texts(paths) == ["eerste", "tweede", "na de volle schijf"]


def test_failed_write_whose_rollback_also_fails_breaks_until_reopen(paths: AppPaths) -> None:
    make_journal(paths, "bevestigd")
    database = open_database(paths, backups=False)
    journal = Journal(database)
    before = paths.database.read_bytes()
    with (
        half_then_enospc(paths.database),
        fail_calls("ftruncate", on(paths.database), eio()),
        pytest.raises(OSError),
    ):
        journal.write("half geschreven " * 200)
    assert len(paths.database.read_bytes()) > len(before)  # the half record stays behind
    with pytest.raises(StorageBrokenError, match="start reflectie opnieuw"):
        journal.write("wordt geweigerd")
    assert [e.tekst for e in journal.latest()] == ["bevestigd"]
    database.close()
    # The half record is still on disk; the next open drops it and cleans the file.
    assert texts(paths) == ["bevestigd"]
    assert not parse_log(paths.database.read_bytes(), paths.database).torn_tail
    with open_database(paths, backups=False) as database:
        Journal(database).write("weer verder")
    assert texts(paths) == ["bevestigd", "weer verder"]


def test_failed_rename_during_compaction_keeps_the_old_file(paths: AppPaths) -> None:
    make_journal(paths, "een", "twee", "drie")
    database = open_database(paths, backups=False)
    journal = Journal(database)
    before = paths.database.read_bytes()
    with fail_calls("replace", lambda *_: True, eio()), pytest.raises(OSError):
        database.storage.compact()
    assert paths.database.read_bytes() == before
    assert temps(paths.data_dir) == []
    journal.write("vier")  # appends to the file that is really there
    database.close()
    assert texts(paths) == ["een", "twee", "drie", "vier"]


def test_failed_rename_during_a_tinydb_snapshot_keeps_the_old_file(paths: AppPaths) -> None:
    make_journal(paths, "een", "twee")
    database = open_database(paths, backups=False)
    journal = Journal(database)
    before = paths.database.read_bytes()
    with fail_calls("replace", lambda *_: True, eio()), pytest.raises(OSError):
        database.db.drop_tables()  # plain TinyDB: Storage.write(full state)
    assert paths.database.read_bytes() == before
    assert temps(paths.data_dir) == []
    assert [e.tekst for e in journal.latest()] == ["twee", "een"]
    journal.write("drie")
    database.close()
    assert texts(paths) == ["een", "twee", "drie"]


def test_a_snapshot_that_landed_is_not_reported_as_failed(paths: AppPaths) -> None:
    """The new file is durably in place, only reopening it for appends fails: the
    write succeeded (a restore or re-key must say so), later writes are refused until
    a reopen, and closing still releases the lock."""
    make_journal(paths, "een")
    database = open_database(paths, backups=False)
    journal = Journal(database)
    the_database = lambda path, *_: str(path) == str(paths.database)  # noqa: E731
    with fail_calls("open", the_database, eio(), times=1):
        database.storage.write(database.storage.read())  # no exception: it is on disk
    with pytest.raises(StorageBrokenError):
        journal.write("geweigerd tot heropenen")
    database.close()
    assert texts(paths) == ["een"]  # the lock is free again, the journal whole
    with open_database(paths, backups=False) as database:
        Journal(database).write("na heropenen")
    assert texts(paths) == ["een", "na heropenen"]


def test_compaction_whose_folder_fsync_fails_loses_no_later_write(paths: AppPaths) -> None:
    make_journal(paths, "een")
    database = open_database(paths, backups=False)
    journal = Journal(database)
    with fail_calls("fsync", lambda fd: is_dir_fd(fd), eio()), pytest.raises(OSError):
        database.storage.compact()
    journal.write("bevestigd na de mislukte compactie")  # returns: acknowledged
    database.close()
    assert texts(paths) == ["een", "bevestigd na de mislukte compactie"]


def test_failed_delete_is_all_or_nothing(paths: AppPaths) -> None:
    make_journal(paths, "blijft", "weg of niet")
    database = open_database(paths, backups=False)
    journal = Journal(database)
    target = journal.latest()[0]
    on_database = lambda fd: fd_path(fd) == str(paths.database)  # noqa: E731
    with (
        fail_calls("fsync", on_database, OSError(errno.ENOSPC, "vol"), times=1),
        pytest.raises(OSError),
    ):
        journal.delete(target.id)
    # The failed move left it in the list, in memory and on disk, and nowhere else.
    assert target.id in journal.ids_newest_first()
    assert journal.trash() == []
    database.close()
    with open_database(paths, backups=False) as database:
        journal = Journal(database)
        listed = target.id in journal.ids_newest_first()
        trashed = target.id in [item.entry.id for item in journal.trash()]
    assert (listed, trashed) == (True, False)


def test_full_disk_during_the_daily_backup(
    paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    make_journal(paths, "gisteren", start=DAY - timedelta(days=1))
    before = paths.database.read_bytes()
    full = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    in_backups = lambda fd, *_: fd_path(fd).startswith(f"{paths.backups}/")  # noqa: E731
    with fail_calls("write", in_backups, full):
        database = open_database(paths, clock=fixed(DAY))
    # The journal opens anyway and says so: refusing to write would help nobody.
    assert any("reservekopie" in w and "schijf is vol" in w for w in database.warnings)
    assert paths.database.read_bytes() == before
    database.close()
    assert temps(paths.data_dir) == []  # the half copy was removed
    assert [b.day for b in list_backups(paths)] == ["2024-03-03"]
    # The command line stores the entry and warns in Dutch on stderr.
    from reflectie.cli.main import main

    with fail_calls("write", in_backups, full):
        code = main(["schrijf", "wel bewaard", "--data-dir", str(paths.data_dir)])
    err = capsys.readouterr().err
    assert code == 0
    assert "let op" in err and "schijf is vol" in err and "Traceback" not in err
    assert texts(paths, read_only=True) == ["gisteren", "wel bewaard"]
    # With space again, the lock is free and today's copy is made.
    with open_database(paths, clock=fixed(DAY)) as database:
        Journal(database).write("vandaag")
    assert [b.day for b in list_backups(paths)] == ["2024-03-04", "2024-03-03"]


# -- damaged and foreign files -------------------------------------------------------------


def _flip_in_middle(raw: bytes) -> bytes:
    """Flip one bit inside a record that has intact records after it."""
    lines = raw.split(b"\n")
    assert len(lines) >= 5
    offset = sum(len(line) + 1 for line in lines[:3])  # header, snapshot, meta, [delta]...
    position = offset + len(lines[3]) // 2
    flipped = raw[position] ^ 0x01
    assert flipped != ord("\n")
    return raw[:position] + bytes([flipped]) + raw[position + 1 :]


def _tinydb_json(_raw: bytes) -> bytes:
    return orjson.dumps({"_default": {"1": {"tekst": "uit een ander programma"}}})


def _newer_format(raw: bytes) -> bytes:
    header_end = raw.index(b"\n") + 1
    newer = FORMAT_VERSION + 1
    return encode_line(MAGIC, b'{"formaat":%d,"codec":"plain"}' % newer) + raw[header_end:]


DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    "random bytes": lambda raw: random.Random(7).randbytes(4096),
    "empty file": lambda raw: b"",
    "TinyDB JSON": _tinydb_json,
    "one flipped bit": _flip_in_middle,
}


@pytest.mark.parametrize("damage", DAMAGE, ids=list(DAMAGE))
def test_damaged_or_foreign_file_is_refused_and_left_untouched(
    paths: AppPaths, damage: str
) -> None:
    make_journal(paths, "een", "twee", "drie")
    paths.database.write_bytes(DAMAGE[damage](paths.database.read_bytes()))
    before = paths.database.read_bytes()
    for read_only in (False, True):
        with pytest.raises(CorruptDatabaseError) as caught:
            open_database(paths, read_only=read_only)
        assert caught.value.path == paths.database
    assert paths.database.read_bytes() == before
    # Refusing released the lock: the next attempt says "damaged" again, not "locked".
    with pytest.raises(CorruptDatabaseError):
        open_database(paths)


def test_newer_format_is_refused_as_newer_not_as_damaged(paths: AppPaths) -> None:
    make_journal(paths, "een")
    paths.database.write_bytes(_newer_format(paths.database.read_bytes()))
    before = paths.database.read_bytes()
    for read_only in (False, True):
        with pytest.raises(NewerVersionError, match="nieuwere versie"):
            open_database(paths, read_only=read_only)
    assert paths.database.read_bytes() == before


def test_truncated_tail_drops_only_the_unfinished_record(paths: AppPaths) -> None:
    make_journal(paths, "een", "twee", "drie")
    raw = paths.database.read_bytes()
    last_start = raw.rindex(b"\n", 0, len(raw) - 1) + 1
    paths.database.write_bytes(raw[: last_start + (len(raw) - last_start) // 2])
    assert texts(paths, read_only=True) == ["een", "twee"]
    assert texts(paths) == ["een", "twee"]
    repaired = paths.database.read_bytes()
    assert not parse_log(repaired, paths.database).torn_tail
    with open_database(paths, backups=False) as database:
        Journal(database).write("vier")
    assert texts(paths) == ["een", "twee", "vier"]


def test_flipped_bit_in_the_last_complete_record_is_not_silently_dropped(
    paths: AppPaths,
) -> None:
    make_journal(paths, "een", "twee, bevestigd")
    raw = paths.database.read_bytes()
    position = len(raw) - 20  # inside the last record, which ends in its newline
    paths.database.write_bytes(raw[:position] + bytes([raw[position] ^ 0x01]) + raw[position + 1 :])
    before = paths.database.read_bytes()
    with pytest.raises(CorruptDatabaseError):
        open_database(paths)
    assert paths.database.read_bytes() == before


def _last_lines(paths: AppPaths) -> tuple[bytes, bytes, bytes]:
    """A journal "een" … "vier" as (file before its last complete line, that line, the
    next append): the file ends after ``drie``; ``vier`` is an append that may be torn."""
    make_journal(paths, "een", "twee", "drie", "vier")
    return _split_last(paths.database.read_bytes())


def _split_last(raw: bytes) -> tuple[bytes, bytes, bytes]:
    next_start = raw.rindex(b"\n", 0, len(raw) - 1) + 1
    last_start = raw.rindex(b"\n", 0, next_start - 1) + 1
    assert raw[last_start:next_start].startswith(b"D ")
    return raw[:last_start], raw[last_start:next_start], raw[next_start:]


def _flip_bit(line: bytes, at: int) -> bytes:
    return line[:at] + bytes([line[at] ^ 0x04]) + line[at + 1 :]


def _zero(line: bytes, at: int, count: int) -> bytes:
    return line[:at] + b"\x00" * count + line[at + count :]


#: Damage to the last *complete* record (it ends in its newline, or did), with or
#: without a torn append after it: each is a change that was acknowledged.
LAST_RECORD_DAMAGE: dict[str, Callable[[bytes, bytes], bytes]] = {
    "bit flip": lambda line, torn: _flip_bit(line, len(line) // 2),
    "zeroed bytes": lambda line, torn: _zero(line, len(line) // 2, 8),
    "bit flip + torn append": lambda line, torn: (
        _flip_bit(line, len(line) // 2) + torn[: len(torn) // 2]
    ),
    "zeroed bytes + torn append": lambda line, torn: _zero(line, 20, 16) + torn[:30],
    "zeroed bytes + zero-filled append": lambda line, torn: (
        _zero(line, 12, 4) + torn[:15] + b"\x00" * 200
    ),
    "flipped newline": lambda line, torn: line[:-1] + b"\x0b",
    "zeroed newline + torn append": lambda line, torn: line[:-1] + b"\x00" + torn[:40],
}


@pytest.mark.parametrize("damage", LAST_RECORD_DAMAGE, ids=list(LAST_RECORD_DAMAGE))
def test_damage_to_the_last_complete_record_is_refused_never_dropped(
    paths: AppPaths, damage: str
) -> None:
    before_last, last, torn = _last_lines(paths)
    good_copy = make_backup_of(paths, before_last + last)
    damaged = before_last + LAST_RECORD_DAMAGE[damage](last, torn)
    paths.database.write_bytes(damaged)
    for read_only in (True, False):
        with pytest.raises(CorruptDatabaseError) as caught:
            open_database(paths, read_only=read_only, backups=False)
        assert "laatste record" in caught.value.detail
    # The command line refuses as well, writing or reading, and points to the copy.
    for args in (("schrijf", "nieuw"), ("lijst",)):
        result = run_cli(*args, "--data-dir", str(paths.data_dir))
        assert result.returncode == 1, result
        assert "beschadigd" in result.stderr and "Traceback" not in result.stderr
        assert str(good_copy) in result.stderr and "reflectie herstel" in result.stderr
    assert paths.database.read_bytes() == damaged  # byte for byte: nothing was "repaired"


@pytest.mark.parametrize(
    "damage", ["bit flip + torn append", "zeroed bytes", "flipped newline"], ids=str
)
def test_damage_to_the_last_record_of_an_encrypted_journal_is_refused(
    paths: AppPaths, damage: str
) -> None:
    from reflectie.encryption import enable

    passphrase = "correct paard batterij"
    make_journal(paths, "een")
    enable(paths, passphrase)
    with open_database(paths, backups=False, passphrase=passphrase) as database:
        for word in ("twee", "drie"):
            Journal(database).write(word)
    before_last, last, torn = _split_last(paths.database.read_bytes())
    damaged = before_last + LAST_RECORD_DAMAGE[damage](last, torn)
    paths.database.write_bytes(damaged)
    for read_only in (True, False):
        with pytest.raises(CorruptDatabaseError, match="laatste record"):
            open_database(paths, read_only=read_only, backups=False, passphrase=passphrase)
    assert paths.database.read_bytes() == damaged


def make_backup_of(paths: AppPaths, data: bytes) -> Path:
    """An automatic copy holding ``data`` (the journal as it was before the damage)."""
    from reflectie.backups import make_backup

    return make_backup(paths, reason="handmatig", clock=fixed(DAY), data=data)


#: Appends that never finished. A kill leaves a prefix of the line (no newline). A
#: power loss before the fsync returned can leave the file longer than the data
#: that landed: the pages that did not land read as zeros, from where the append
#: started or from a page boundary (4 KiB) to a page boundary or the end of the
#: file, and the last page, newline included, may have landed while one before it
#: did not. ``start`` is the file offset where the torn append begins.
UNFINISHED_APPENDS: dict[str, Callable[[bytes, int], bytes]] = {
    "half a line": lambda torn, start: torn[: len(torn) // 2],
    "all but the newline": lambda torn, start: torn[:-1],
    "kind only": lambda torn, start: torn[:1],
    "zero-filled": lambda torn, start: b"\x00" * len(torn),
    "start, then zeros from a page boundary": lambda torn, start: _zero_from(
        torn[:-1], _next_page(start) - start
    ),
    "zeros up to a page boundary, then the rest": lambda torn, start: _zero_span(
        torn[:-1], 0, _next_page(start) - start
    ),
    "a page in the middle never landed, the newline did": lambda torn, start: _zero_span(
        torn, _next_page(start) - start, _next_page(start) - start + PAGE
    ),
    "the first and a middle page never landed, the newline did": lambda torn, start: _zero_span(
        _zero_span(torn, 0, _next_page(start) - start),
        _next_page(start) - start + PAGE,
        _next_page(start) - start + 2 * PAGE,
    ),
}

PAGE = 4096


def _next_page(offset: int) -> int:
    return (offset // PAGE + 1) * PAGE


def _zero_from(data: bytes, at: int) -> bytes:
    return data[:at] + b"\x00" * (len(data) - at)


def _zero_span(data: bytes, start: int, end: int) -> bytes:
    return data[:start] + b"\x00" * (end - start) + data[end:]


def _last_lines_with_a_long_append(paths: AppPaths) -> tuple[bytes, bytes, bytes]:
    """As :func:`_last_lines`, but the append that may be torn spans several pages."""
    make_journal(paths, "een", "twee", "drie", "vier " * 3000)
    return _split_last(paths.database.read_bytes())


@pytest.mark.parametrize("tail", UNFINISHED_APPENDS, ids=list(UNFINISHED_APPENDS))
def test_an_unfinished_append_is_cut_off_exactly(paths: AppPaths, tail: str) -> None:
    before_last, last, torn = _last_lines_with_a_long_append(paths)
    start = len(before_last + last)
    assert len(torn) > _next_page(start) - start + 2 * PAGE  # the shapes need the room
    unfinished = UNFINISHED_APPENDS[tail](torn, start)
    assert len(unfinished) <= len(torn) and unfinished != torn
    paths.database.write_bytes(before_last + last + unfinished)
    assert texts(paths, read_only=True) == ["een", "twee", "drie"]
    assert texts(paths) == ["een", "twee", "drie"]
    # Only the unfinished bytes went; every complete line is still there as it was.
    assert paths.database.read_bytes() == before_last + last


#: Zeros over the end of the last complete record, its newline included: no torn
#: append looks like that (its zeros would start where it started or on a page
#: boundary), so it is damage to an acknowledged record and the file is refused.
@pytest.mark.parametrize("count", [1, 2, 8, 30])
@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_zeros_over_the_end_of_the_last_record_are_refused_never_dropped(
    paths: AppPaths, count: int, encrypted: bool
) -> None:
    passphrase = "correct paard batterij" if encrypted else None
    make_journal(paths, "een", "twee", "drie, bevestigd")
    if encrypted:
        from reflectie.encryption import enable

        enable(paths, "correct paard batterij")
        with open_database(paths, backups=False, passphrase=passphrase) as database:
            Journal(database).write("vier, bevestigd")
    raw = paths.database.read_bytes()
    last_start = raw.rindex(b"\n", 0, len(raw) - 1) + 1
    assert (len(raw) - count) % PAGE and (len(raw) - count) != last_start
    good_copy = make_backup_of(paths, raw)
    damaged = raw[:-count] + b"\x00" * count
    paths.database.write_bytes(damaged)
    for read_only in (True, False):
        with pytest.raises(CorruptDatabaseError, match="laatste record"):
            open_database(paths, read_only=read_only, backups=False, passphrase=passphrase)
    if not encrypted:
        result = run_cli("schrijf", "nieuw", "--data-dir", str(paths.data_dir))
        assert result.returncode == 1 and "beschadigd" in result.stderr
        assert str(good_copy) in result.stderr and "reflectie herstel" in result.stderr
    assert paths.database.read_bytes() == damaged  # byte for byte


#: A complete final line (it ends in its newline) that fails its checksum is an
#: unfinished append only when its zeros have the shape of pages that never landed.
FINAL_LINE_DAMAGE: dict[str, Callable[[bytes, int], bytes]] = {
    "zeros inside a page": lambda torn, start: _zero_span(
        torn, _next_page(start) - start + 100, _next_page(start) - start + 300
    ),
    "zeros from a page boundary, stopping inside a page": lambda torn, start: _zero_span(
        torn, _next_page(start) - start, _next_page(start) - start + 300
    ),
    "zeros from inside a page to a page boundary": lambda torn, start: _zero_span(
        torn, _next_page(start) - start - 300, _next_page(start) - start
    ),
    "a bit flip, no zeros": lambda torn, start: _flip_bit(torn, len(torn) // 2),
    "zeros just before the newline": lambda torn, start: _zero_span(
        torn, len(torn) - 11, len(torn) - 1
    ),
}


@pytest.mark.parametrize("damage", FINAL_LINE_DAMAGE, ids=list(FINAL_LINE_DAMAGE))
def test_a_complete_last_line_that_cannot_be_a_torn_append_is_refused(
    paths: AppPaths, damage: str
) -> None:
    before_last, last, final = _last_lines_with_a_long_append(paths)
    start = len(before_last + last)
    damaged = before_last + last + FINAL_LINE_DAMAGE[damage](final, start)
    assert len(damaged) == start + len(final) and damaged.endswith(b"\n")
    paths.database.write_bytes(damaged)
    for read_only in (True, False):
        with pytest.raises(CorruptDatabaseError, match="laatste record"):
            open_database(paths, read_only=read_only, backups=False)
    assert paths.database.read_bytes() == damaged


def test_leftover_temp_file_is_never_loaded_and_is_removed(paths: AppPaths, tmp_path: Path) -> None:
    make_journal(paths, "echt")
    other = resolve_paths(tmp_path / "ander")
    make_journal(other, "uit een half afgemaakte compactie")
    decoy = paths.database.with_name(f"{paths.database.name}{TEMP_MARK}0123456789ab")
    shutil.copyfile(other.database, decoy)
    assert texts(paths, read_only=True) == ["echt"]
    assert texts(paths) == ["echt"]
    assert not decoy.exists()


def test_cli_names_the_damaged_file_and_the_last_good_backup(paths: AppPaths) -> None:
    make_journal(paths, "een", "twee", "drie")
    (backup,) = list_backups(paths)
    paths.database.write_bytes(_flip_in_middle(paths.database.read_bytes()))
    before = paths.database.read_bytes()
    result = run_cli("lijst", "--data-dir", str(paths.data_dir))
    assert result.returncode == 1
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1  # one line
    assert "beschadigd" in result.stderr
    assert str(paths.database) in result.stderr
    assert str(backup.path) in result.stderr and "reflectie herstel" in result.stderr
    assert paths.database.read_bytes() == before


def test_cli_does_not_call_a_newer_format_file_damaged(paths: AppPaths) -> None:
    make_journal(paths, "een", "twee", "drie")
    paths.database.write_bytes(_newer_format(paths.database.read_bytes()))
    result = run_cli("lijst", "--data-dir", str(paths.data_dir))
    assert result.returncode == 1
    assert "nieuwere versie" in result.stderr
    assert "beschadigd" not in result.stderr and "reflectie herstel" not in result.stderr


def test_a_reader_that_went_away_is_not_reported_as_nothing_stored(paths: AppPaths) -> None:
    """`reflectie schrijf … | head -c0`: the entry is stored, so no "niets gewijzigd"."""
    make_journal(paths, "een")
    env = {k: v for k, v in os.environ.items() if k != "REFLECTIE_HOME"}
    command = ["schrijf", "toch bewaard", "--data-dir", str(paths.data_dir)]
    proc = subprocess.Popen(
        [sys.executable, "-m", "reflectie", *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone before the id is printed
    err = proc.stderr.read().decode()
    proc.stderr.close()
    assert proc.wait(timeout=60) == 0, err
    assert "niets gewijzigd" not in err and "Traceback" not in err
    assert texts(paths) == ["een", "toch bewaard"]


# -- locks ---------------------------------------------------------------------------------


@contextlib.contextmanager
def holder(paths: AppPaths) -> Iterator[subprocess.Popen[bytes]]:
    """Another reflectie process with the journal open (and locked) until the block ends."""
    env = {k: v for k, v in os.environ.items() if k != "REFLECTIE_HOME"}
    proc = subprocess.Popen(
        [sys.executable, WORKER, "hold", paths.data_dir],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    try:
        assert proc.stdout is not None and proc.stdin is not None
        ready = proc.stdout.readline()
        assert ready.startswith(b"READY"), proc.stderr.read() if proc.stderr else ready
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)
        for stream in (proc.stdin, proc.stdout, proc.stderr):
            if stream is not None:
                with contextlib.suppress(BrokenPipeError):
                    stream.close()


def test_killed_process_leaves_no_lock_that_blocks(paths: AppPaths) -> None:
    make_journal(paths, "van voor de crash")
    with holder(paths) as proc:
        proc.send_signal(signal.SIGKILL)
        assert proc.wait(timeout=30) == -signal.SIGKILL
    assert paths.database.with_name("reflectie.db.lock").exists()
    with open_database(paths, backups=False) as database:
        journal = Journal(database)
        assert [e.tekst for e in journal.latest()] == ["van voor de crash"]
        journal.write("na de crash")
    assert texts(paths) == ["van voor de crash", "na de crash"]


def test_second_writer_is_refused_but_can_read(paths: AppPaths) -> None:
    make_journal(paths, "gedeeld")
    with holder(paths) as proc:
        with pytest.raises(DatabaseLockedError, match="Een ander reflectie-venster"):
            open_database(paths)
        assert texts(paths, read_only=True) == ["gedeeld"]

        refused = run_cli("schrijf", "tweede venster", "--data-dir", str(paths.data_dir))
        assert refused.returncode == 1
        assert refused.stderr.startswith("reflectie: Een ander reflectie-venster")
        assert "Traceback" not in refused.stderr and refused.stdout == ""

        listed = run_cli("lijst", "--json", "--data-dir", str(paths.data_dir))
        assert listed.returncode == 0, listed.stderr
        assert [e["tekst"] for e in orjson.loads(listed.stdout)] == ["gedeeld"]

        assert proc.stdin is not None
        proc.stdin.close()  # the other window closes
        assert proc.wait(timeout=30) == 0
    with open_database(paths, backups=False) as database:
        Journal(database).write("nu wel")
    assert texts(paths) == ["gedeeld", "nu wel"]


# -- migrations ----------------------------------------------------------------------------


def test_migration_runs_once_after_a_backup(paths: AppPaths, tmp_path: Path) -> None:
    make_journal(paths, "een", "twee")
    calls: list[int] = []

    def add_field(db: Any) -> None:
        calls.append(1)
        db.table(ENTRIES).update({"gemigreerd": True})

    later = fixed(DAY + timedelta(hours=2))
    with open_database(paths, schema_version=2, migrations={1: add_field}, clock=later) as db:
        assert db.migrated_from == 1
        assert db.storage.meta["schema"] == 2
        assert all(doc["gemigreerd"] for doc in db.db.table(ENTRIES))
    assert calls == [1]

    copies = [b for b in list_backups(paths) if b.reason == "voor-migratie"]
    assert len(copies) == 1
    restored = resolve_paths(tmp_path / "kopie")
    restored.data_dir.mkdir()
    shutil.copyfile(copies[0].path, restored.database)
    with open_database(restored, read_only=True) as old:
        assert old.storage.meta["schema"] == 1
        assert sorted(doc["tekst"] for doc in old.db.table(ENTRIES)) == ["een", "twee"]
        assert not any("gemigreerd" in doc for doc in old.db.table(ENTRIES))

    with open_database(paths, schema_version=2, migrations={1: add_field}) as db:
        assert db.migrated_from is None and db.storage.meta["schema"] == 2
        assert all(doc["gemigreerd"] for doc in db.db.table(ENTRIES))
    assert calls == [1]


def test_newer_schema_is_refused_and_left_byte_identical(paths: AppPaths) -> None:
    with open_database(paths, schema_version=3, clock=fixed(DAY)) as database:
        Journal(database).write("van een nieuwere versie")
    before = paths.database.read_bytes()
    copies = list_backups(paths)
    with pytest.raises(NewerSchemaError, match="nieuwere versie"):
        open_database(paths, schema_version=2, migrations={1: lambda db: None})
    assert paths.database.read_bytes() == before
    assert list_backups(paths) == copies  # no migration backup either
    with open_database(paths, schema_version=3, backups=False) as database:
        assert [e.tekst for e in Journal(database).latest()] == ["van een nieuwere versie"]


def test_restoring_a_copy_is_refused_while_another_window_writes(paths: AppPaths) -> None:
    from reflectie.backups import restore_backup
    from reflectie.store.errors import DatabaseLockedError

    make_journal(paths, "een")
    (copy,) = list_backups(paths)
    with open_database(paths, backups=False):
        before = paths.database.read_bytes()
        with pytest.raises(DatabaseLockedError):
            restore_backup(paths, copy.path)
        assert paths.database.read_bytes() == before
    assert restore_backup(paths, copy.path) is not None
