"""The journal's records as plain data, and their mapping to stored documents.

Every record carries a stable string ``id`` of its own; TinyDB's integer doc ids
are an internal detail that never leaves the storage layer.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

import orjson

#: A single entry may hold a long text, but not an accidental multi-megabyte paste.
MAX_TEXT_CHARS = 2_000_000
MAX_TAG_CHARS = 40
MAX_TAGS = 30


def new_id() -> str:
    """Short enough to type on the command line, random enough to never collide in practice."""
    return secrets.token_hex(4)


class ValidationError(ValueError):
    """Input the user can fix; the message is Dutch and shown as is."""


def clean_text(text: str) -> str:
    if not text or not text.strip():
        raise ValidationError("De tekst is leeg; er is niets opgeslagen.")
    if len(text) > MAX_TEXT_CHARS:
        raise ValidationError(
            f"De tekst is te lang ({len(text):,} tekens; maximaal {MAX_TEXT_CHARS:,}). "
            "Er is niets opgeslagen.".replace(",", ".")
        )
    return text


def clean_tags(tags: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Tags are trimmed, a leading '#' dropped, and kept once (case-insensitively)."""
    seen: dict[str, str] = {}
    for raw in tags:
        tag = raw.strip().lstrip("#").strip()
        if not tag:
            continue
        if len(tag) > MAX_TAG_CHARS or any(ch.isspace() for ch in tag):
            raise ValidationError(
                f"Ongeldige tag '{tag[:MAX_TAG_CHARS]}': gebruik één woord van maximaal "
                f"{MAX_TAG_CHARS} tekens."
            )
        seen.setdefault(tag.casefold(), tag)
    if len(seen) > MAX_TAGS:
        raise ValidationError(f"Te veel tags (maximaal {MAX_TAGS}).")
    return tuple(seen.values())


@dataclass(frozen=True)
class Entry:
    """One reflection."""

    id: str
    aangemaakt: str
    gewijzigd: str
    tekst: str
    promptset: str | None = None
    prompt: str | None = None
    tags: tuple[str, ...] = field(default_factory=tuple)
    deelbaar: bool = False
    leervraag: str | None = None
    #: The speerpunt a monitoring note belongs to (reflectie.team), if any.
    speerpunt: str | None = None

    @property
    def created(self) -> datetime:
        return datetime.fromisoformat(self.aangemaakt)

    @property
    def title(self) -> str:
        """The first non-empty line without Markdown heading marks, for lists."""
        for line in self.tekst.splitlines():
            stripped = line.strip().lstrip("#").strip()
            if stripped:
                return stripped
        return ""

    @property
    def version(self) -> str:
        """A fingerprint of this state of the entry (text, tags, every field, the
        moment it was last changed). A draft records the version it started from, so
        a draft of an entry that was changed since is recognised as such."""
        doc = orjson.dumps(self.to_doc(), option=orjson.OPT_SORT_KEYS)
        return hashlib.sha256(doc).hexdigest()[:20]

    def to_doc(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "aangemaakt": self.aangemaakt,
            "gewijzigd": self.gewijzigd,
            "tekst": self.tekst,
            "promptset": self.promptset,
            "prompt": self.prompt,
            "tags": list(self.tags),
            "deelbaar": self.deelbaar,
            "leervraag": self.leervraag,
            "speerpunt": self.speerpunt,
        }

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Entry:
        return cls(
            id=doc["id"],
            aangemaakt=doc["aangemaakt"],
            gewijzigd=doc.get("gewijzigd", doc["aangemaakt"]),
            tekst=doc["tekst"],
            promptset=doc.get("promptset"),
            prompt=doc.get("prompt"),
            tags=tuple(doc.get("tags") or ()),
            deelbaar=bool(doc.get("deelbaar", False)),
            leervraag=doc.get("leervraag"),
            speerpunt=doc.get("speerpunt"),
        )

    def to_json(self) -> dict[str, Any]:
        """The public JSON shape of ``reflectie lijst --json`` (see README)."""
        return self.to_doc()

    def with_changes(self, **changes: Any) -> Entry:
        return replace(self, **changes)


@dataclass(frozen=True)
class TrashedEntry:
    """An entry in the prullenbak, recoverable until it is purged."""

    entry: Entry
    verwijderd: str
