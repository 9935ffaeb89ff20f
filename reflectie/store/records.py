"""The on-disk record format of the journal log.

A database file is a sequence of lines::

    REFLECTIE-DB <crc32> <header-json>\n
    S <crc32> <payload>\n          one snapshot: every table and the meta data
    D <crc32> <payload>\n          zero or more deltas, one per acknowledged write
    M <crc32> <payload>\n          meta updates (schema version, …)

The CRC covers kind and payload, so a torn or bit-flipped record is recognised
even when its bytes still happen to parse. Payloads pass through a :class:`Codec`
(plain JSON today; encrypted later) and never contain a newline.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import orjson

from reflectie.store.errors import CorruptDatabaseError, NewerVersionError

MAGIC = b"REFLECTIE-DB"
FORMAT_VERSION = 1

KIND_SNAPSHOT = b"S"
KIND_DELTA = b"D"
KIND_META = b"M"
_KINDS = {KIND_SNAPSHOT, KIND_DELTA, KIND_META}


class Codec(Protocol):
    """Turns payload bytes into stored bytes and back (the seam for encryption at rest)."""

    name: str

    def header_params(self) -> dict[str, Any]: ...

    def encode(self, data: bytes, header: bytes) -> bytes: ...

    def decode(self, data: bytes, header: bytes) -> bytes: ...


class PlainCodec:
    """Stores JSON as it is."""

    name = "plain"

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


def make_header(codec: Codec) -> bytes:
    body = dumps({"formaat": FORMAT_VERSION, "codec": codec.name, **codec.header_params()})
    return encode_line(MAGIC, body)


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


def _unfinished(line: bytes, has_newline: bool) -> bool:
    """Does a damaged last line look like an append that never completed?

    A kill or power loss mid-append leaves a line without its newline, or (on
    file systems that extend a file before its data lands) one with zero-filled
    gaps. A complete line with a bad checksum and no zeros is damage to a write
    that *was* acknowledged: that must never be dropped silently.
    """
    return not has_newline or b"\x00" in line


def parse_log(raw: bytes, path: Path) -> ParsedLog:
    """Verify every record. An unfinished last append was never acknowledged and is
    dropped; any other damage is corruption and the file is refused untouched."""
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
    parsed = ParsedLog(header=header, header_line=header_line, good_length=len(header_line))
    pos = len(header_line)
    bad_at: int | None = None
    while pos < len(raw):
        end = raw.find(b"\n", pos)
        line_end = len(raw) if end < 0 else end
        record = _split_record(raw[pos:line_end]) if end >= 0 else None
        if record is None or record[0] not in _KINDS:
            if bad_at is None:
                bad_at = pos
        elif bad_at is not None:
            raise CorruptDatabaseError(path, f"een beschadigd record op byte {bad_at}")
        else:
            parsed.records.append(record)
            parsed.good_length = end + 1
        pos = line_end + 1
    if bad_at is not None:
        tail = raw[bad_at:]
        if not _unfinished(tail, tail.endswith(b"\n")):
            raise CorruptDatabaseError(path, f"het laatste record (byte {bad_at}) is beschadigd")
    parsed.torn_tail = bad_at is not None
    if not parsed.records or parsed.records[0][0] != KIND_SNAPSHOT:
        raise CorruptDatabaseError(path, "de momentopname ontbreekt of is beschadigd")
    return parsed
