"""Keeping every file in the data folder in the journal's codec (encryption at rest).

The database is rewritten by :meth:`LogStorage.rekey`; this module brings the
other files that hold the teacher's words in line: the automatic copies in
``backups/`` and the drafts in ``concepten/``. Each file is rewritten on its own
with one atomic replace, so an interruption leaves every file old or new, both
readable. The sweep is idempotent: a file already in the target codec is only
looked at (its first line), so it runs at every writable open of an encrypted
journal and finishes whatever an interrupted switch left behind.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import orjson

from reflectie.paths import AppPaths
from reflectie.store.crypto import (
    CODEC_NAME,
    AesGcmCodec,
    DecryptionError,
    codec_matches,
    read_header,
)
from reflectie.store.errors import StorageError
from reflectie.store.fileio import TEMP_MARK, atomic_write_bytes
from reflectie.store.records import (
    KIND_DELTA,
    KIND_META,
    KIND_SNAPSHOT,
    MAGIC,
    Codec,
    PlainCodec,
    dumps,
    encode_line,
    make_header,
    parse_log,
)


def encode_single(payload: bytes, codec: Codec) -> bytes:
    """A file in the database line format holding one snapshot record (drafts, copies)."""
    header = make_header(codec)
    return header + encode_line(KIND_SNAPSHOT, codec.encode(payload, header))


def snapshot_file(tables: dict[str, Any], meta: dict[str, Any], codec: Codec) -> bytes:
    return encode_single(dumps({"tables": tables, "meta": meta}), codec)


def _pick_codec(
    header: dict[str, Any], codecs: Iterable[Codec], passphrases: Iterable[str], path: Path
) -> Codec | None:
    for codec in codecs:
        if codec_matches(codec, header):
            return codec
    if header.get("codec") == PlainCodec.name:
        return PlainCodec()
    if header.get("codec") == CODEC_NAME:
        for passphrase in passphrases:
            try:
                return AesGcmCodec.unlock(header, passphrase, path)
            except StorageError:
                continue
    return None


def decode_log(raw: bytes, path: Path, codec: Codec) -> tuple[dict[str, Any], dict[str, Any]]:
    """The state stored in a database-format file (raises StorageError/DecryptionError)."""
    parsed = parse_log(raw, path)
    tables: dict[str, Any] = {}
    meta: dict[str, Any] = {}
    for kind, stored in parsed.records:
        payload = orjson.loads(codec.decode(stored, parsed.header_line))
        if kind == KIND_SNAPSHOT:
            tables, meta = payload["tables"], payload["meta"]
        elif kind == KIND_DELTA:
            table = tables.setdefault(payload["t"], {})
            table.update(payload["u"])
            for key in payload["d"]:
                table.pop(key, None)
        elif kind == KIND_META:
            meta.update(payload)
    return tables, meta


def convert_copy(
    path: Path, target: Codec, codecs: Iterable[Codec] = (), passphrases: Iterable[str] = ()
) -> bool:
    """Rewrite one automatic copy in ``target``. False if it cannot be read (left as it is)."""
    header = read_header(path)
    if header is None:
        return False
    if codec_matches(target, header):
        return True
    source = _pick_codec(header, codecs, passphrases, path)
    if source is None:
        return False
    try:
        tables, meta = decode_log(path.read_bytes(), path, source)
    except (OSError, StorageError, DecryptionError, orjson.JSONDecodeError, KeyError, TypeError):
        return False
    atomic_write_bytes(path, snapshot_file(tables, meta, target))
    return True


def convert_draft(
    path: Path, target: Codec, codecs: Iterable[Codec] = (), passphrases: Iterable[str] = ()
) -> bool:
    """Rewrite one draft file in ``target`` (plain drafts are bare JSON)."""
    try:
        raw = path.read_bytes()
    except OSError:
        return False
    if raw.startswith(MAGIC):
        header = read_header(path)
        if header is None:
            return False
        if codec_matches(target, header):
            return True
        source = _pick_codec(header, codecs, passphrases, path)
        if source is None:
            return False
        try:
            parsed = parse_log(raw, path)
            payload = source.decode(parsed.records[0][1], parsed.header_line)
        except (StorageError, DecryptionError, IndexError):
            return False
    else:
        if target.name == PlainCodec.name:
            return True
        payload = raw
    data = payload if target.name == PlainCodec.name else encode_single(payload, target)
    atomic_write_bytes(path, data)
    return True


def sweep(
    paths: AppPaths,
    target: Codec,
    codecs: Iterable[Codec] = (),
    passphrases: Iterable[str] = (),
) -> list[Path]:
    """Bring every copy and draft into ``target``; returns the files that could not be read."""
    codecs = list(codecs)
    passphrases = list(passphrases)
    left: list[Path] = []
    for folder, pattern, convert in (
        (paths.backups, "reflectie-*.db", convert_copy),
        (paths.drafts, "*.json", convert_draft),
    ):
        if not folder.is_dir():
            continue
        for leftover in folder.glob(f"*{TEMP_MARK}*"):  # a killed replace; never read
            leftover.unlink(missing_ok=True)
        for path in sorted(folder.glob(pattern)):
            if not convert(path, target, codecs, passphrases):
                left.append(path)
    return left
