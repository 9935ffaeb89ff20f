"""The on-disk record format of the journal log.

A database file is a sequence of lines::

    REFLECTIE-DB <crc32> <header-json>\n
    S <crc32> <payload>\n          one snapshot: every table and the meta data
    D <crc32> <payload>\n          zero or more deltas, one per acknowledged write
    M <crc32> <payload>\n          meta updates (schema version, …)

The CRC covers kind and payload, so a torn or bit-flipped record is recognised
even when its bytes still happen to parse. Payloads pass through a :class:`Codec`
(plain JSON, or AES-GCM) and never contain a newline. An encrypting codec
authenticates each payload with associated data from a :class:`Chain`: in format 2
that includes the record's sequence number and the tag of the record before it, so
a record that was deleted, moved or replayed breaks the chain.
"""

from __future__ import annotations

import base64
import binascii
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import orjson

from reflectie.store.errors import CorruptDatabaseError, NewerVersionError

MAGIC = b"REFLECTIE-DB"
#: The highest format this version reads. 1: plain logs, and encrypted logs whose
#: records are authenticated one by one (older versions); 2: encrypted logs whose
#: records are chained (what an encrypting codec writes now).
FORMAT_VERSION = 2
CHAINED_FORMAT = 2
#: The authentication tag at the end of every encrypted payload (AES-GCM).
TAG_BYTES = 16

KIND_SNAPSHOT = b"S"
KIND_DELTA = b"D"
KIND_META = b"M"
_KINDS = {KIND_SNAPSHOT, KIND_DELTA, KIND_META}
_CONTROL = re.compile(rb"[\x00-\x1f]")


class Codec(Protocol):
    """Turns payload bytes into stored bytes and back (the seam for encryption at rest)."""

    name: str
    #: Does this codec authenticate records (and so chain them, format 2)?
    chained: bool

    def header_params(self) -> dict[str, Any]: ...

    def encode(self, data: bytes, header: bytes) -> bytes: ...

    def decode(self, data: bytes, header: bytes) -> bytes: ...


class PlainCodec:
    """Stores JSON as it is."""

    name = "plain"
    chained = False

    def header_params(self) -> dict[str, Any]:
        return {}

    def encode(self, data: bytes, header: bytes) -> bytes:
        return data

    def decode(self, data: bytes, header: bytes) -> bytes:
        return data


def _crc(kind: bytes, payload: bytes) -> bytes:
    return b"%08x" % zlib.crc32(payload, zlib.crc32(kind))


def encode_line(kind: bytes, payload: bytes) -> bytes:
    if b"\n" in payload:
        raise ValueError("payload may not contain a newline")
    return kind + b" " + _crc(kind, payload) + b" " + payload + b"\n"


def dumps(value: Any) -> bytes:
    """Serialise as compact JSON; keys become strings, as JSON demands."""
    return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS)


def make_header(codec: Codec, sequence: int = 0) -> bytes:
    """The header line of a new file; a chaining codec's file starts at ``sequence``."""
    fields: dict[str, Any] = {"formaat": 1, "codec": codec.name, **codec.header_params()}
    if codec.chained:
        fields["formaat"] = CHAINED_FORMAT
        fields["volgnummer"] = sequence
    return encode_line(MAGIC, dumps(fields))


def stored_tag(stored: bytes) -> bytes:
    """The authentication tag of a stored (base64) encrypted payload.

    Base64 comes in groups of four characters, so the last 24 decode on their own
    into at least the 16 tag bytes: no need to decode a large snapshot whole.
    """
    tail = stored[-24:]
    try:
        return base64.b64decode(tail, validate=True)[-TAG_BYTES:]
    except (ValueError, binascii.Error):
        return b""


class Chain:
    """The associated data each record of one file is authenticated with.

    Format 1: the header line alone, so every record stands on its own. Format 2:
    the header line, the record's sequence number (8 bytes, big-endian; the file's
    first record has the header's ``volgnummer``) and the tag of the record before
    it (nothing for the first). Removing, moving, repeating or swapping in a record
    then makes the next one fail to authenticate. Sequence numbers keep counting
    across compactions, so an older state of the file is recognisable too.
    """

    __slots__ = ("chained", "first", "header_line", "previous", "sequence")

    def __init__(self, header_line: bytes, *, chained: bool, first: int = 0) -> None:
        self.header_line = header_line
        self.chained = chained
        self.first = first
        #: The sequence number of the next record.
        self.sequence = first
        self.previous = b""

    @classmethod
    def new(cls, codec: Codec, sequence: int = 0) -> Chain:
        """The chain of a new file in ``codec`` (its header line is ``header_line``)."""
        return cls(make_header(codec, sequence), chained=codec.chained, first=sequence)

    @classmethod
    def of(cls, parsed: ParsedLog) -> Chain:
        """The chain of a parsed file, positioned before its first record."""
        chained = parsed.header["formaat"] >= CHAINED_FORMAT
        first = parsed.header.get("volgnummer", 0) if chained else 0
        return cls(parsed.header_line, chained=chained, first=first)

    def aad(self) -> bytes:
        """The associated data of the next record."""
        if not self.chained:
            return self.header_line
        return self.header_line + self.sequence.to_bytes(8, "big") + self.previous

    def advance(self, stored: bytes) -> None:
        """``stored`` is now the last record: the next one follows it."""
        if self.chained:
            self.previous = stored_tag(stored)
        self.sequence += 1

    @property
    def last(self) -> int:
        """The sequence number of the last record (``first - 1`` if there is none)."""
        return self.sequence - 1


@dataclass
class ParsedLog:
    """A verified database file: header, then the good records in order."""

    header: dict[str, Any]
    header_line: bytes
    records: list[tuple[bytes, bytes]] = field(default_factory=list)
    good_length: int = 0
    torn_tail: bool = False


def _split_record(line: bytes) -> tuple[bytes, bytes] | None:
    """Return (kind, payload) if the line is intact, else None."""
    parts = line.split(b" ", 2)
    if len(parts) != 3 or len(parts[1]) != 8:
        return None
    kind, crc, payload = parts
    if _crc(kind, payload) != crc:
        return None
    return kind, payload


def _complete_record_inside(tail: bytes) -> bool:
    """Is a proper prefix of ``tail`` (the bytes after the last newline) a whole record?

    An append cut short is a prefix of one line, so no prefix shorter than the tail
    checks out, except with the odds of a CRC collision. A record followed by any
    other byte where its newline belongs does: that newline was damaged.
    """
    if len(tail) < 12 or tail[1:2] != b" " or tail[10:11] != b" " or tail[:1] not in _KINDS:
        return False
    try:
        expected = int(tail[2:10], 16)
    except ValueError:
        return False
    # A whole payload never holds a control byte (JSON escapes them, base64 has
    # none), so no record ends past the first one: a zero-filled tail stops here.
    control = _CONTROL.search(tail, 11)
    stop = len(tail) if control is None else min(len(tail), control.start() + 1)
    crc = zlib.crc32(tail[:1])
    for position in range(11, stop):
        # tail[:position] is a record and tail[position] is not its newline? A whole
        # payload is a JSON object (plain) or base64 (encrypted): a prefix that only
        # collides on the CRC almost never is.
        if crc == expected and _whole_payload(tail[11:position]):
            return True
        crc = zlib.crc32(tail[position : position + 1], crc)
    return False


def _whole_payload(payload: bytes) -> bool:
    try:
        orjson.loads(payload)
        return True
    except orjson.JSONDecodeError:
        pass
    try:
        base64.b64decode(payload, validate=True)
    except (ValueError, binascii.Error):
        return False
    return len(payload) > 0


#: Pages reach the disk whole: a file system writes (and after a power loss
#: leaves unwritten, as zeros) whole blocks at offsets that are a multiple of this.
PAGE_SIZE = 4096
_ZEROS = re.compile(rb"\x00+")


def _unfinished_append(raw: bytes, start: int) -> bool:
    """May ``raw[start:]`` (after the last intact line) be an append that never finished?

    Then it was never acknowledged and may be dropped. Two things cut an append short:

    * a kill: the bytes that reached the file are a prefix of the line (no newline);
    * a power loss before the fsync returned: the file can be longer than the data
      that landed, and every page that did not land reads as zeros. Such zeros start
      where the append started or at a page boundary, and end at a page boundary or
      at the end of the file. The pages that did land may include the last one, so
      the line can even end in its newline.

    Anything else (zeros that start or stop inside a page, a line with a bad
    checksum and no zeros, a whole record where only its newline is wrong) is
    damage to something that was acknowledged. NUL never occurs in a record (JSON
    escapes it, base64 has none), so every NUL is a gap, never data.
    """
    tail = raw[start:]
    for gap in _ZEROS.finditer(raw, start):
        gap_start, gap_end = gap.span()
        if gap_start != start and gap_start % PAGE_SIZE:
            return False
        if gap_end != len(raw) and gap_end % PAGE_SIZE:
            return False
    if tail.endswith(b"\n"):
        return b"\x00" in tail  # complete but unreadable: only a gap can explain it
    return not _complete_record_inside(tail)


def parse_log(raw: bytes, path: Path) -> ParsedLog:
    """Verify every record. An unfinished last append (the bytes after the last
    newline) was never acknowledged and is dropped; any damage to a complete line
    is corruption and the file is refused untouched."""
    if not raw:
        raise CorruptDatabaseError(path, "het bestand is leeg")
    first_end = raw.find(b"\n")
    header_line = raw[: first_end + 1] if first_end >= 0 else raw
    split = _split_record(header_line[:-1]) if first_end >= 0 else None
    if split is None or split[0] != MAGIC:
        raise CorruptDatabaseError(path, "dit is geen reflectie-database of de kop is beschadigd")
    try:
        header = orjson.loads(split[1])
    except orjson.JSONDecodeError as exc:
        raise CorruptDatabaseError(path, "de kop is onleesbaar") from exc
    if not isinstance(header, dict) or not isinstance(header.get("formaat"), int):
        raise CorruptDatabaseError(path, "de kop is onleesbaar")
    if header["formaat"] > FORMAT_VERSION:
        raise NewerVersionError(
            f"{path} is gemaakt met een nieuwere versie van reflectie. Werk reflectie bij; "
            "er is niets gewijzigd."
        )
    if header["formaat"] >= CHAINED_FORMAT:
        sequence = header.get("volgnummer")
        if type(sequence) is not int or not 0 <= sequence < 2**62:
            raise CorruptDatabaseError(path, "de kop is onleesbaar (volgnummer)")
    parsed = ParsedLog(header=header, header_line=header_line, good_length=len(header_line))
    # Every append is one write of a whole line whose newline is its last byte, and
    # only the last one can be unfinished: nothing is appended before the previous
    # append was acknowledged. So everything before the last line was acknowledged
    # and must check out. What follows the last intact line may be an append that
    # never finished (see _unfinished_append); anything else is damage to an
    # acknowledged write, which is never dropped silently.
    complete_end = raw.rfind(b"\n") + 1
    pos = len(header_line)
    torn_at: int | None = None
    while pos < complete_end:
        end = raw.index(b"\n", pos)
        record = _split_record(raw[pos:end])
        if record is None or record[0] not in _KINDS:
            last = end + 1 == complete_end
            if last and complete_end == len(raw) and _unfinished_append(raw, pos):
                torn_at = pos  # its newline landed, a page before it did not
                break
            where = "het laatste record" if last else "een record"
            raise CorruptDatabaseError(path, f"{where} (byte {pos}) is beschadigd")
        parsed.records.append(record)
        pos = end + 1
    if torn_at is None and pos < len(raw):
        if not _unfinished_append(raw, pos):
            raise CorruptDatabaseError(path, f"het laatste record (byte {pos}) is beschadigd")
        torn_at = pos
    parsed.good_length = pos
    parsed.torn_tail = torn_at is not None
    if not parsed.records or parsed.records[0][0] != KIND_SNAPSHOT:
        raise CorruptDatabaseError(path, "de momentopname ontbreekt of is beschadigd")
    return parsed
