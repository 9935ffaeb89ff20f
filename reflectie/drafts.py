"""Drafts: what the teacher is typing, saved as they type, so a crash loses at most a second.

One small JSON file per draft in ``<data>/concepten/``, replaced atomically on
every save. A draft is removed once its entry is saved for real. When the journal
is encrypted, a draft is stored with the journal's codec: the database line format
with one record holding the same JSON (see docs/formaten.md).
"""

from __future__ import annotations

import contextlib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import orjson

from reflectie.paths import AppPaths, ensure_private_dir
from reflectie.store.crypto import DecryptionError, codec_matches
from reflectie.store.errors import StorageError
from reflectie.store.fileio import atomic_write_bytes
from reflectie.store.records import MAGIC, Codec, PlainCodec, parse_log

NEW_ENTRY = "nieuw"


@dataclass(frozen=True)
class Draft:
    """Unsaved editor state. ``entry_id`` is the entry being edited, or ``"nieuw"``."""

    entry_id: str
    tekst: str
    tags: tuple[str, ...] = field(default_factory=tuple)
    deelbaar: bool = False
    prompt: str | None = None
    promptset: str | None = None
    leervraag: str | None = None
    bewaard: str = ""

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
        with contextlib.suppress(FileNotFoundError):
            self._path(entry_id).unlink()


def _plain_bytes(raw: bytes, path: Path, codec: Codec) -> bytes | None:
    """The draft JSON of a file, decrypting it with ``codec`` if it is stored encrypted."""
    if not raw.startswith(MAGIC):
        return raw
    try:
        parsed = parse_log(raw, path)
        if not codec_matches(codec, parsed.header):
            return None
        return codec.decode(parsed.records[0][1], parsed.header_line)
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
        )
    except (OSError, orjson.JSONDecodeError, KeyError, TypeError):
        return None
