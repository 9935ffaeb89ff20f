"""The encrypted log is tamper-evident as a whole, not only record by record.

Every record of an encrypted journal is authenticated with the header, its
sequence number and the tag of the record before it (format 2), and an anchor
beside the log remembers where the chain ended at the last write. Whole records
are removed, moved, repeated or cut off here with their checksums intact (what a
person with access to the file can do without the key): every one of those is
refused on open as tampering, in Dutch, with the last good copy named and the
file left byte for byte. What a crash or a power loss can leave (a torn append,
an anchor that lags behind or is missing) still opens. Journals of the old
format (records authenticated one by one) open as they are and are upgraded on
the next writable open, after a copy.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from reflectie import encryption
from reflectie.backups import list_backups, make_backup, restore_backup
from reflectie.database import open_database
from reflectie.journal import Journal
from reflectie.paths import AppPaths, resolve_paths
from reflectie.store.anchor import anchor_path
from reflectie.store.crypto import read_header
from reflectie.store.errors import CorruptDatabaseError, TamperedDatabaseError
from reflectie.store.records import MAGIC, dumps, encode_line, parse_log

PW = "correct paard batterij"
TAMPER_MESSAGE = "buiten reflectie om veranderd"


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "REFLECTIE_HOME"}


def _cli(paths: AppPaths, *argv: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reflectie", "--data-dir", str(paths.data_dir), *argv],
        input=stdin,
        capture_output=True,
        text=True,
        env=_env(),
        timeout=60,
    )


def _texts(paths: AppPaths, *, read_only: bool = True) -> list[str]:
    with open_database(paths, read_only=read_only, backups=False, passphrase=PW) as database:
        return sorted(entry.tekst for entry in Journal(database).latest())


def _lines(paths: AppPaths) -> list[bytes]:
    """The file as whole lines, each with its newline."""
    return paths.database.read_bytes().splitlines(keepends=True)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> AppPaths:
    """An encrypted journal: header, snapshot, then one record per change.

    Lines: the header, the snapshot (enable), three writes, an edit of the first
    write and a delete of the second (to the prullenbak).
    """
    paths = resolve_paths(tmp_path_factory.mktemp("basis") / "data")
    open_database(paths, backups=False).close()
    encryption.enable(paths, PW)
    with open_database(paths, backups=False, passphrase=PW) as database:
        journal = Journal(database)
        first = journal.write("eerste reflectie")
        second = journal.write("tweede reflectie")
        journal.write("derde reflectie")
        journal.edit(first.id, tekst="eerste reflectie, bewerkt")
        journal.delete(second.id)
    return paths


@pytest.fixture
def journal(base: AppPaths, tmp_path: Path) -> AppPaths:
    paths = resolve_paths(tmp_path / "data")
    shutil.copytree(base.data_dir, paths.data_dir)
    return paths


EXPECTED = ["derde reflectie", "eerste reflectie, bewerkt"]


def test_the_untouched_journal_opens_and_is_chained(journal: AppPaths) -> None:
    assert _texts(journal) == EXPECTED
    assert read_header(journal.database)["formaat"] == 2
    assert anchor_path(journal.database).exists()
    assert _texts(journal, read_only=False) == EXPECTED


def _drop(index: int) -> Callable[[list[bytes]], list[bytes]]:
    return lambda lines: lines[:index] + lines[index + 1 :]


def _swap(a: int, b: int) -> Callable[[list[bytes]], list[bytes]]:
    def swap(lines: list[bytes]) -> list[bytes]:
        lines = list(lines)
        lines[a], lines[b] = lines[b], lines[a]
        return lines

    return swap


#: Whole-record changes, each keeping every checksum intact. Line 0 is the header,
#: 1 the snapshot, 2-4 the writes, 5 the edit, 6 the delete.
TAMPERING: dict[str, Callable[[list[bytes]], list[bytes]]] = {
    "the edit removed (rolls the text back)": _drop(5),
    "the delete removed (brings the entry back)": _drop(6),
    "a write in the middle removed": _drop(3),
    "two records swapped": _swap(3, 4),
    "the edit moved to the end": lambda lines: lines[:5] + lines[6:] + [lines[5]],
    "a record repeated (replayed)": lambda lines: [*lines[:6], lines[4], *lines[6:]],
    "the last record cut off": lambda lines: lines[:-1],
    "the last three records cut off": lambda lines: lines[:-3],
    "everything after the snapshot cut off": lambda lines: lines[:2],
}


@pytest.mark.parametrize("change", TAMPERING, ids=list(TAMPERING))
def test_whole_record_tampering_is_refused_and_the_file_left_alone(
    journal: AppPaths, change: str
) -> None:
    tampered = b"".join(TAMPERING[change](_lines(journal)))
    parse_log(tampered, journal.database)  # every checksum still checks out
    journal.database.write_bytes(tampered)
    anchor = anchor_path(journal.database).read_bytes()
    for read_only in (True, False):
        with pytest.raises(TamperedDatabaseError) as caught:
            open_database(journal, read_only=read_only, backups=False, passphrase=PW)
        assert TAMPER_MESSAGE in str(caught.value)
        assert caught.value.path == journal.database
    assert journal.database.read_bytes() == tampered
    assert anchor_path(journal.database).read_bytes() == anchor


def test_an_older_state_of_the_file_put_back_is_refused(journal: AppPaths) -> None:
    older = journal.database.read_bytes()
    with open_database(journal, backups=False, passphrase=PW) as database:
        Journal(database).write("na de oude stand")
    journal.database.write_bytes(older)  # the anchor stays as the last write left it
    with pytest.raises(TamperedDatabaseError, match="ingekort"):
        open_database(journal, backups=False, passphrase=PW)
    assert journal.database.read_bytes() == older


def test_tampering_after_a_compaction_is_still_caught(journal: AppPaths) -> None:
    with open_database(journal, backups=False, passphrase=PW) as database:
        database.storage.compact()
        Journal(database).write("na de compactie")
        Journal(database).write("en nog een")
    assert read_header(journal.database)["volgnummer"] > 0  # counting went on
    assert len(_texts(journal)) == 4
    journal.database.write_bytes(b"".join(_lines(journal)[:-1]))
    with pytest.raises(TamperedDatabaseError):
        open_database(journal, backups=False, passphrase=PW)


def test_the_cli_says_tampering_names_the_last_good_copy_and_restoring_it_works(
    journal: AppPaths,
) -> None:
    copy = make_backup(journal, reason="handmatig")
    tampered = b"".join(_drop(5)(_lines(journal)))
    journal.database.write_bytes(tampered)
    result = _cli(journal, "lijst", "--wachtwoord-stdin", stdin=PW + "\n")
    assert result.returncode == 1
    assert TAMPER_MESSAGE in result.stderr and "manipulatie" in result.stderr
    assert str(copy) in result.stderr and "reflectie herstel" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert journal.database.read_bytes() == tampered
    restored = _cli(journal, "herstel", str(copy), "--vervangen")
    assert restored.returncode == 0, restored.stderr
    assert _texts(journal, read_only=False) == EXPECTED


# -- what a crash can leave is no tampering ------------------------------------------------


def test_a_torn_append_still_opens(journal: AppPaths) -> None:
    """A kill before the append's fsync returned: a prefix of the line, and the anchor
    (written only after that fsync) as it was before."""
    lines = _lines(journal)
    anchor = anchor_path(journal.database).read_bytes()
    with open_database(journal, backups=False, passphrase=PW) as database:
        Journal(database).write("wordt half geschreven " * 40)
    torn = _lines(journal)[-1]
    journal.database.write_bytes(b"".join(lines) + torn[: len(torn) // 2])
    anchor_path(journal.database).write_bytes(anchor)
    assert _texts(journal) == EXPECTED
    assert _texts(journal, read_only=False) == EXPECTED


@pytest.mark.parametrize("anchor", ["missing", "garbage", "behind", "another key"])
def test_an_anchor_that_lags_or_is_missing_is_no_alarm(
    journal: AppPaths, anchor: str, tmp_path: Path
) -> None:
    """After a power loss the anchor (never fsynced) can be older, torn or missing."""
    path = anchor_path(journal.database)
    if anchor == "missing":
        path.unlink()
    elif anchor == "garbage":
        path.write_bytes(b"REFLECTIE-ANKER 1 " + b"A" * 72 + b"\n")
    elif anchor == "behind":
        earlier = path.read_bytes()
        with open_database(journal, backups=False, passphrase=PW) as database:
            Journal(database).write("later geschreven")
        path.write_bytes(earlier)
    else:
        other = resolve_paths(tmp_path / "ander")
        open_database(other, backups=False).close()
        encryption.enable(other, PW)  # the same passphrase, another salt: another key
        with open_database(other, backups=False, passphrase=PW) as database:
            Journal(database).write("elders")
        shutil.copyfile(anchor_path(other.database), path)
    assert len(_texts(journal)) >= 2
    with open_database(journal, backups=False, passphrase=PW) as database:
        Journal(database).write("verder")
    with open_database(journal, backups=False, passphrase=PW, read_only=True):
        pass


def test_restoring_an_older_copy_is_no_alarm(journal: AppPaths) -> None:
    copy = make_backup(journal, reason="handmatig")
    with open_database(journal, backups=False, passphrase=PW) as database:
        Journal(database).write("na de kopie")
    restore_backup(journal, copy)
    assert _texts(journal, read_only=False) == EXPECTED
    with open_database(journal, backups=False, passphrase=PW) as database:
        Journal(database).write("na het terugzetten")
    assert len(_texts(journal)) == 3


# -- the old format ------------------------------------------------------------------------


def _as_format_1(paths: AppPaths) -> bytes:
    """Rewrite the journal as an older reflectie wrote it: records not chained."""
    with open_database(paths, backups=False, passphrase=PW) as database:
        storage = database.storage
        codec = storage.codec
        tables, meta = storage.read(), storage.meta
    fields = {"formaat": 1, "codec": codec.name, **codec.header_params()}
    header = encode_line(MAGIC, dumps(fields))
    snapshot = dumps({"tables": tables, "meta": meta})
    data = header + encode_line(b"S", codec.encode(snapshot, header))
    delta = {"t": "entries", "u": {"999": {**next(iter(tables["entries"].values()))}}, "d": []}
    delta["u"]["999"]["id"] = "oudformaat"
    delta["u"]["999"]["tekst"] = "geschreven door een oudere versie"
    data += encode_line(b"D", codec.encode(dumps(delta), header))
    anchor_path(paths.database).unlink()
    paths.database.write_bytes(data)
    return data


def test_an_old_format_journal_opens_and_is_upgraded_after_a_copy(journal: AppPaths) -> None:
    old = _as_format_1(journal)
    expected = sorted([*EXPECTED, "geschreven door een oudere versie"])
    assert _texts(journal) == expected  # read-only: read as it is, not changed
    assert journal.database.read_bytes() == old
    assert _texts(journal, read_only=False) == expected
    copies = [b for b in list_backups(journal) if b.reason == "voor-ketenformaat"]
    assert [c.path.read_bytes() for c in copies] == [old]
    assert read_header(journal.database)["formaat"] == 2
    assert _texts(journal, read_only=False) == expected  # once: no second copy
    assert len([b for b in list_backups(journal) if b.reason == "voor-ketenformaat"]) == 1
    # From now on a removed record is caught.
    with open_database(journal, backups=False, passphrase=PW) as database:
        Journal(database).write("na de omzetting")
    journal.database.write_bytes(b"".join(_lines(journal)[:-1]))
    with pytest.raises(TamperedDatabaseError):
        open_database(journal, backups=False, passphrase=PW)


def test_an_old_format_journal_whose_upgrade_fails_keeps_working(
    journal: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = _as_format_1(journal)
    real_write = os.write

    def full_backups(fd: int, data: bytes) -> int:
        if os.readlink(f"/proc/self/fd/{fd}").startswith(f"{journal.backups}/"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    with monkeypatch.context() as patch:
        patch.setattr(os, "write", full_backups)
        database = open_database(journal, backups=False, passphrase=PW)
    try:
        assert any("nog niet omgezet" in w and "schijf is vol" in w for w in database.warnings)
        assert journal.database.read_bytes() == old  # no upgrade without its copy
        Journal(database).write("in het oude formaat erbij")
    finally:
        database.close()
    assert read_header(journal.database)["formaat"] == 1
    assert "in het oude formaat erbij" in _texts(journal)
    assert "in het oude formaat erbij" in _texts(journal, read_only=False)  # upgraded now
    assert read_header(journal.database)["formaat"] == 2


def test_a_format_1_record_flip_is_still_reported_as_damage(journal: AppPaths) -> None:
    """Old-format files keep their old message; they have no chain to speak of."""
    _as_format_1(journal)
    lines = _lines(journal)
    kind, _crc, payload = lines[2].rstrip(b"\n").split(b" ", 2)
    flipped = payload[:10] + (b"B" if payload[10:11] != b"B" else b"C") + payload[11:]
    from reflectie.store.records import _crc as crc

    lines[2] = kind + b" " + crc(kind, flipped) + b" " + flipped + b"\n"
    journal.database.write_bytes(b"".join(lines))
    with pytest.raises(CorruptDatabaseError, match="ontsleutelen mislukt") as caught:
        open_database(journal, backups=False, passphrase=PW, read_only=True)
    assert not isinstance(caught.value, TamperedDatabaseError)
