"""Drafts: what the teacher is typing, saved as they type, so a crash loses at most a second.

One small JSON file per draft in ``<data>/concepten/``, replaced atomically on
every save. A draft is removed once its entry is saved for real (durably: the folder
is fsynced, so a removed draft does not come back after a power loss). When the
journal is encrypted, a draft is stored with the journal's codec: the database line
format with one record holding the same JSON (see docs/formaten.md).

A draft of an existing entry records the entry's :attr:`Entry.version` it started
from (``basis``). If the entry changed since (``reflectie bewerk``, a restore), the
draft is stale: it is offered as such and never silently saved over the newer text.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from reflectie.model import Entry
from reflectie.paths import AppPaths, ensure_private_dir
from reflectie.store.crypto import DecryptionError, codec_matches
from reflectie.store.errors import StorageError
from reflectie.store.fileio import RemovalNotConfirmedError, atomic_write_bytes, fsync_dir
from reflectie.store.records import MAGIC, Chain, Codec, PlainCodec, parse_log

NEW_ENTRY = "nieuw"


@dataclass(frozen=True)
class Draft:
    """Unsaved editor state. ``entry_id`` is the entry being edited, or ``"nieuw"``.

    ``basis`` is the :attr:`Entry.version` of that entry when the editor started from
    it (None for a new entry, and in drafts written before versions were recorded).
    """

    entry_id: str
    tekst: str
    tags: tuple[str, ...] = field(default_factory=tuple)
    deelbaar: bool = False
    prompt: str | None = None
    promptset: str | None = None
    leervraag: str | None = None
    bewaard: str = ""
    basis: str | None = None

    def to_json(self) -> bytes:
        doc: dict[str, Any] = asdict(self)
        doc["tags"] = list(self.tags)
        return orjson.dumps({"formaat": 1, "concept": doc})


class DraftStore:
    """Save, find and discard drafts."""

    def __init__(self, paths: AppPaths, codec: Codec | None = None) -> None:
        self.folder = paths.drafts
        self.codec: Codec = codec or PlainCodec()

    def _path(self, entry_id: str) -> Path:
        safe = "".join(ch for ch in entry_id if ch.isalnum() or ch == "-") or NEW_ENTRY
        return self.folder / f"{safe}.json"

    def save(self, draft: Draft) -> None:
        ensure_private_dir(self.folder)
        data = draft.to_json()
        if self.codec.name != PlainCodec.name:
            from reflectie.at_rest import encode_single

            data = encode_single(data, self.codec)
        atomic_write_bytes(self._path(draft.entry_id), data)

    def load(self, entry_id: str) -> Draft | None:
        return _read(self._path(entry_id), self.codec)

    def all(self) -> list[Draft]:
        if not self.folder.is_dir():
            return []
        drafts = [_read(path, self.codec) for path in sorted(self.folder.glob("*.json"))]
        return [d for d in drafts if d is not None]

    def discard(self, entry_id: str) -> None:
        """Remove the draft for good: the folder is fsynced, so it stays removed.

        Raises :class:`RemovalNotConfirmedError` when it is gone but that fsync failed
        (a power loss could bring it back, recognisably old: see :func:`is_stale`).
        """
        try:
            self._path(entry_id).unlink()
        except FileNotFoundError:
            return
        try:
            fsync_dir(self.folder)
        except OSError as exc:
            raise RemovalNotConfirmedError(exc.errno, exc.strerror, exc.filename) from exc


def is_stale(draft: Draft, entry: Entry) -> bool:
    """Did ``entry`` change after ``draft`` started from it?

    A draft without a recorded version (an older one) is stale when the entry was
    changed after the draft was last written.
    """
    if draft.basis is not None:
        return draft.basis != entry.version
    try:
        return datetime.fromisoformat(entry.gewijzigd) > datetime.fromisoformat(draft.bewaard)
    except ValueError:
        return True  # no way to tell: ask rather than overwrite


def _plain_bytes(raw: bytes, path: Path, codec: Codec) -> bytes | None:
    """The draft JSON of a file, decrypting it with ``codec`` if it is stored encrypted."""
    if not raw.startswith(MAGIC):
        return raw
    try:
        parsed = parse_log(raw, path)
        if not codec_matches(codec, parsed.header):
            return None
        return codec.decode(parsed.records[0][1], Chain.of(parsed).aad())
    except (StorageError, DecryptionError, IndexError):
        return None


def _read(path: Path, codec: Codec | None = None) -> Draft | None:
    """A damaged draft is ignored rather than crashing the editor; the file stays."""
    try:
        raw = _plain_bytes(path.read_bytes(), path, codec or PlainCodec())
        if raw is None:
            return None
        doc = orjson.loads(raw)["concept"]
        return Draft(
            entry_id=str(doc["entry_id"]),
            tekst=str(doc["tekst"]),
            tags=tuple(str(t) for t in doc.get("tags") or ()),
            deelbaar=bool(doc.get("deelbaar", False)),
            prompt=doc.get("prompt"),
            promptset=doc.get("promptset"),
            leervraag=doc.get("leervraag"),
            bewaard=str(doc.get("bewaard", "")),
            basis=str(doc["basis"]) if doc.get("basis") else None,
        )
    except (OSError, orjson.JSONDecodeError, KeyError, TypeError):
        return None
