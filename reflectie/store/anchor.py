"""The anchor of an encrypted log: where its chain ended at the last write.

The chain (:class:`reflectie.store.records.Chain`) makes every change inside an
encrypted file detectable, but a file cut off right after a whole record looks
like one that was simply written to less often. The anchor closes that gap as
far as a file beside the log can: after every acknowledged write the sequence
number and tag of the last record are written, encrypted with the journal's key,
over ``reflectie.db.anker``. On open, a log that ends before the anchor's record,
or holds another record in its place, was shortened or rewritten outside
reflectie: that is reported as tampering.

The anchor is overwritten in place, one fixed-size line, without an fsync of its
own: a save pays next to nothing for it. It is written only after the log's
fsync returned, so it is never ahead of what is durable in the log, and an open
never mistakes a crash for tampering. A missing or unreadable anchor (written by
an older version, under the key before a switch, torn by a power loss) only
means there is nothing to compare with. So shortening the log *and* deleting
the anchor, or putting back an older log together with its older anchor, goes
unnoticed: no file inside the data folder can rule that out.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from reflectie.store.errors import TamperedDatabaseError
from reflectie.store.fileio import fsync_dir, open_private
from reflectie.store.records import TAG_BYTES, Codec, stored_tag

ANCHOR_SUFFIX = ".anker"
ANCHOR_MAGIC = b"REFLECTIE-ANKER 1 "
ANCHOR_AAD = b"reflectie-anker-1"
_MAX_ANCHOR = 4096


def anchor_path(database: Path) -> Path:
    return database.with_name(database.name + ANCHOR_SUFFIX)


def encode_anchor(codec: Codec, sequence: int, tag: bytes) -> bytes:
    """One line: magic, then the encrypted (sequence number, tag) of the last record."""
    body = codec.encode(sequence.to_bytes(8, "big") + tag, ANCHOR_AAD)
    return ANCHOR_MAGIC + body + b"\n"


def decode_anchor(raw: bytes | None, codec: Codec) -> tuple[int, bytes] | None:
    """(sequence number, tag) from an anchor written with ``codec``'s key, else None."""
    if raw is None or not raw.startswith(ANCHOR_MAGIC) or not raw.endswith(b"\n"):
        return None
    try:
        plain = codec.decode(raw[len(ANCHOR_MAGIC) : -1], ANCHOR_AAD)
    except ValueError:  # DecryptionError: another key, or torn
        return None
    if len(plain) != 8 + TAG_BYTES:
        return None
    return int.from_bytes(plain[:8], "big"), plain[8:]


def read_anchor(database: Path) -> bytes | None:
    """The anchor's bytes as they are now (read *before* the log), or None."""
    try:
        with anchor_path(database).open("rb") as handle:
            return handle.read(_MAX_ANCHOR)
    except OSError:
        return None


def check_anchor(
    raw: bytes | None, codec: Codec, first: int, stored: list[bytes], database: Path
) -> None:
    """Raise :class:`TamperedDatabaseError` if the log does not reach its anchor.

    ``first`` is the sequence number of the file's first record and ``stored`` are
    its records as stored, in order.
    """
    anchor = decode_anchor(raw, codec)
    if anchor is None:
        return
    sequence, tag = anchor
    last = first + len(stored) - 1
    if sequence > last:
        missing = sequence - last
        raise TamperedDatabaseError(
            database,
            f"het bestand is ingekort: bij de laatste keer opslaan liep het tot record "
            f"{sequence}, nu eindigt het bij record {last}; er ontbreken er {missing} aan het eind",
        )
    if sequence >= first and stored_tag(stored[sequence - first]) != tag:
        raise TamperedDatabaseError(
            database,
            f"record {sequence} is niet meer het record dat er bij de laatste keer opslaan stond",
        )


class AnchorWriter:
    """Keeps the anchor file open and overwrites it after each acknowledged write."""

    def __init__(self, database: Path) -> None:
        self.path = anchor_path(database)
        self._fd: int | None = None

    def write(self, codec: Codec, sequence: int, tag: bytes) -> None:
        """Best effort: a failure only weakens the check, it never fails a save."""
        line = encode_anchor(codec, sequence, tag)
        try:
            if self._fd is None:
                self._fd = open_private(self.path, os.O_RDWR | os.O_CREAT)
            if os.pwrite(self._fd, line, 0) == len(line):
                return
        except OSError:
            pass
        self.close()

    def close(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            with contextlib.suppress(OSError):
                os.close(fd)


def drop_anchor(database: Path) -> None:
    """Remove the anchor durably: the log is about to be replaced by an older state
    (a restored copy), which would otherwise look shortened."""
    path = anchor_path(database)
    try:
        path.unlink()
    except FileNotFoundError:
        return
    fsync_dir(path.parent)
