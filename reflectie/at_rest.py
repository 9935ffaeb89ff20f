"""Keeping every file in the data folder in the journal's codec (encryption at rest).

Besides the database, two kinds of files hold the teacher's words: the automatic
copies in ``backups/`` and the drafts in ``concepten/``. They must always be in the
database's codec: a draft under a key the journal no longer has is invisible for
good (and the next draft of that entry replaces it), a copy under such a key
cannot be restored.

**A switch is one commit.** :func:`stage_switch` writes every copy and draft that
needs converting, re-encoded, plus the safety copy of the journal, into the folder
``omzetting/`` beside them (``omzetting/backups/…``, ``omzetting/concepten/…``),
each durably, and finally ``omzetting/doel.json``, which names the target codec.
Nothing the journal uses has changed yet. Then the database is replaced in one
atomic rename: that is the commit point. :func:`finish_switch` moves the staged
files over the old ones. Whenever the journal is next opened for writing (or a
copy is restored) :func:`settle_switch` looks at what is on disk: a database in the
codec ``doel.json`` names means the switch was committed, so it is finished (moving
is idempotent); anything else means it never was, so the staged files are deleted.
A kill or a full disk at any point therefore leaves the journal, its drafts and its
copies all under the old passphrase, or all under the new one.

:func:`sweep` is the older, per-file way: every writable open of an encrypted
journal re-encodes, in place and one atomic replace each, any plain copy or draft
that got into the folder behind its back. It never decrypts to disk.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import orjson

from reflectie.paths import AppPaths, ensure_private_dir
from reflectie.store.anchor import drop_anchor
from reflectie.store.crypto import (
    CODEC_NAME,
    AesGcmCodec,
    DecryptionError,
    codec_matches,
    read_header,
)
from reflectie.store.errors import StorageError
from reflectie.store.fileio import TEMP_MARK, atomic_write_bytes, fsync_dir, unused_name
from reflectie.store.records import (
    KIND_DELTA,
    KIND_META,
    KIND_SNAPSHOT,
    MAGIC,
    Chain,
    Codec,
    PlainCodec,
    dumps,
    encode_line,
    parse_log,
)

#: The staging folder of a switch, inside the data folder.
STAGING = "omzetting"
#: Names the codec the switch goes to; written last, before the commit.
TARGET_FILE = "doel.json"
COPY_PATTERN = "reflectie-*.db"
DRAFT_PATTERN = "*.json"


class Unreadable(Exception):
    """A copy or draft that cannot be read with any key at hand; it is left as it is."""


def encode_single(payload: bytes, codec: Codec) -> bytes:
    """A file in the database line format holding one snapshot record (drafts, copies)."""
    chain = Chain.new(codec)
    return chain.header_line + encode_line(KIND_SNAPSHOT, codec.encode(payload, chain.aad()))


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
    chain = Chain.of(parsed)
    tables: dict[str, Any] = {}
    meta: dict[str, Any] = {}
    for kind, stored in parsed.records:
        payload = orjson.loads(codec.decode(stored, chain.aad()))
        chain.advance(stored)
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


# -- re-encoding one file ------------------------------------------------------------------


def copy_in(
    path: Path, target: Codec, codecs: Iterable[Codec] = (), passphrases: Iterable[str] = ()
) -> bytes | None:
    """An automatic copy re-encoded in ``target``; None if it is in ``target`` already.

    Raises :class:`Unreadable` if no codec at hand reads it, and OSError if it cannot
    be read at all.
    """
    header = read_header(path)
    if header is None:
        raise Unreadable(path)
    if codec_matches(target, header):
        return None
    source = _pick_codec(header, codecs, passphrases, path)
    if source is None:
        raise Unreadable(path)
    try:
        tables, meta = decode_log(path.read_bytes(), path, source)
    except (StorageError, DecryptionError, orjson.JSONDecodeError, KeyError, TypeError) as exc:
        raise Unreadable(path) from exc
    return snapshot_file(tables, meta, target)


def draft_in(
    path: Path, target: Codec, codecs: Iterable[Codec] = (), passphrases: Iterable[str] = ()
) -> bytes | None:
    """A draft file re-encoded in ``target`` (plain drafts are bare JSON); None if it is
    in ``target`` already. Raises :class:`Unreadable`, or OSError."""
    raw = path.read_bytes()
    if raw.startswith(MAGIC):
        header = read_header(path)
        if header is None:
            raise Unreadable(path)
        if codec_matches(target, header):
            return None
        source = _pick_codec(header, codecs, passphrases, path)
        if source is None:
            raise Unreadable(path)
        try:
            parsed = parse_log(raw, path)
            payload = source.decode(parsed.records[0][1], Chain.of(parsed).aad())
        except (StorageError, DecryptionError, IndexError) as exc:
            raise Unreadable(path) from exc
    else:
        if target.name == PlainCodec.name:
            return None
        payload = raw
    return payload if target.name == PlainCodec.name else encode_single(payload, target)


def convert_copy(
    path: Path, target: Codec, codecs: Iterable[Codec] = (), passphrases: Iterable[str] = ()
) -> bool:
    """Rewrite one automatic copy in ``target`` in place. False if it cannot be read."""
    try:
        data = copy_in(path, target, codecs, passphrases)
    except (Unreadable, OSError):
        return False
    if data is not None:
        atomic_write_bytes(path, data)
    return True


def convert_draft(
    path: Path, target: Codec, codecs: Iterable[Codec] = (), passphrases: Iterable[str] = ()
) -> bool:
    """Rewrite one draft file in ``target`` in place. False if it cannot be read."""
    try:
        data = draft_in(path, target, codecs, passphrases)
    except (Unreadable, OSError):
        return False
    if data is not None:
        atomic_write_bytes(path, data)
    return True


def sweep(
    paths: AppPaths,
    target: Codec,
    codecs: Iterable[Codec] = (),
    passphrases: Iterable[str] = (),
) -> list[Path]:
    """Bring every copy and draft into ``target``, each in place; returns the files
    that could not be read. For strays only: a switch goes through :func:`stage_switch`."""
    codecs = list(codecs)
    passphrases = list(passphrases)
    left: list[Path] = []
    for folder, pattern, convert in (
        (paths.backups, COPY_PATTERN, convert_copy),
        (paths.drafts, DRAFT_PATTERN, convert_draft),
    ):
        if not folder.is_dir():
            continue
        for leftover in folder.glob(f"*{TEMP_MARK}*"):  # a killed replace; never read
            leftover.unlink(missing_ok=True)
        for path in sorted(folder.glob(pattern)):
            if not convert(path, target, codecs, passphrases):
                left.append(path)
    return left


# -- a switch as one commit ----------------------------------------------------------------


def staging_folder(paths: AppPaths) -> Path:
    return paths.data_dir / STAGING


def _target_of(codec: Codec) -> dict[str, Any]:
    return {"codec": codec.name, **codec.header_params()}


def stage_switch(
    paths: AppPaths,
    target: Codec,
    codecs: Iterable[Codec],
    passphrases: Iterable[str],
    *,
    safety_stem: str,
    safety_data: bytes,
) -> list[Path]:
    """Write everything a switch to ``target`` changes beside the old files, durably.

    The journal's copies and drafts are re-encoded into the staging folder, with the
    safety copy ``safety_data`` (a new copy in ``backups/`` named ``safety_stem``,
    ``-2`` … if that is taken), and then the target file. Nothing the journal uses changes.
    Returns the copies and drafts no key at hand could read: they stay as they are.
    An OSError leaves only the staging folder behind (:func:`roll_back_switch`).
    """
    codecs = list(codecs)
    passphrases = list(passphrases)
    root = staging_folder(paths)
    if root.exists():  # settle_switch ran at the open; whatever is here was never committed
        roll_back_switch(paths)
    staged_copies = ensure_private_dir(root / paths.backups.name)
    staged_drafts = ensure_private_dir(root / paths.drafts.name)
    safety = unused_name(paths.backups, safety_stem, ".db")
    atomic_write_bytes(staged_copies / safety.name, safety_data)
    left: list[Path] = []
    for folder, pattern, staged, convert in (
        (paths.backups, COPY_PATTERN, staged_copies, copy_in),
        (paths.drafts, DRAFT_PATTERN, staged_drafts, draft_in),
    ):
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob(pattern)):
            if path.name == safety.name:
                continue
            try:
                data = convert(path, target, codecs, passphrases)
            except Unreadable:
                left.append(path)
                continue
            if data is not None:
                atomic_write_bytes(staged / path.name, data)
    target_doc = {"formaat": 1, "doel": _target_of(target)}
    atomic_write_bytes(root / TARGET_FILE, orjson.dumps(target_doc))
    return left


def switch_committed(paths: AppPaths) -> bool:
    """Is the database on disk in the codec the staged switch goes to?"""
    try:
        target = orjson.loads((staging_folder(paths) / TARGET_FILE).read_bytes())["doel"]
    except (OSError, orjson.JSONDecodeError, KeyError, TypeError):
        return False
    header = read_header(paths.database)
    if header is None or not isinstance(target, dict) or "codec" not in target:
        return False
    return all(header.get(key) == value for key, value in target.items())


def finish_switch(paths: AppPaths) -> None:
    """Move the staged copies and drafts over the old ones; idempotent.

    Only after every move is durable does the target file go, and the folder with it.
    """
    root = staging_folder(paths)
    fsync_dir(paths.data_dir)  # the database's replace lasts before anything follows it
    for folder in (paths.backups, paths.drafts):
        staged = root / folder.name
        if not staged.is_dir():
            continue
        moved = False
        for path in sorted(staged.iterdir()):
            if TEMP_MARK in path.name:  # a write the kill interrupted: never committed
                path.unlink()
                continue
            ensure_private_dir(folder)
            os.replace(path, folder / path.name)
            moved = True
        if moved:
            fsync_dir(folder)
    header = read_header(paths.database)
    if header is not None and header.get("codec") == PlainCodec.name:
        drop_anchor(paths.database)  # written under a key that is gone
    _remove(root)


def roll_back_switch(paths: AppPaths) -> None:
    """Delete what a switch that was never committed staged; nothing else changes."""
    _remove(staging_folder(paths))


def _remove(root: Path) -> None:
    target = root / TARGET_FILE
    if target.exists():  # first: without it, what is left is never taken for a commit
        target.unlink()
        fsync_dir(root)
    if root.exists():
        shutil.rmtree(root)
        fsync_dir(root.parent)


class SettleError(StorageError):
    """An interrupted switch could not be finished or rolled back (the disk refused)."""


def settle_switch(paths: AppPaths) -> None:
    """Finish a committed switch, or roll back one that never was (under the lock).

    Runs before a writable open reads the journal and before a copy is restored, so
    drafts and copies always follow the database. Raises :class:`SettleError`.
    """
    if not staging_folder(paths).exists():
        return
    committed = switch_committed(paths)
    try:
        if committed:
            finish_switch(paths)
        else:
            roll_back_switch(paths)
    except OSError as exc:
        from reflectie.errors_text import os_reason

        step = "afgemaakt" if committed else "teruggedraaid"
        raise SettleError(
            "Een onderbroken omzetting van de versleuteling kon niet worden "
            f"{step} ({os_reason(exc)}). Je dagboek zelf is heel en niet gewijzigd; "
            "probeer het opnieuw te openen zodra er weer ruimte is."
        ) from exc


def roll_back_quietly(paths: AppPaths) -> None:
    """Best effort after a failed switch; the next open retries what is left."""
    with contextlib.suppress(OSError):
        roll_back_switch(paths)
