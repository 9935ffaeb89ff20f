"""The teacher's preferences, stored in the journal database (one document).

Kept in the database rather than a separate config file so that backup,
restore and (later) encryption cover them without extra work.
"""

from __future__ import annotations

import secrets
import threading
from dataclasses import asdict, dataclass, replace
from typing import Any

from tinydb import Query

from reflectie.database import SETTINGS, Database
from reflectie.prompts import DEFAULT_SET, SECTORS

SETTINGS_ID = "instellingen"


@dataclass(frozen=True)
class Settings:
    """What the teacher chose. ``sector`` is None until the first-start screen ran."""

    sector: str | None = None
    naam: str = ""
    thema: str = "licht"
    promptset: str = DEFAULT_SET
    recente_vragen: tuple[str, ...] = ()
    dagboek_id: str = ""
    #: Words the teacher released in the review screen: never replaced again.
    vrijgegeven: tuple[str, ...] = ()

    @property
    def configured(self) -> bool:
        return self.sector in SECTORS

    def to_doc(self) -> dict[str, Any]:
        doc = asdict(self)
        doc["recente_vragen"] = list(self.recente_vragen)
        doc["vrijgegeven"] = list(self.vrijgegeven)
        doc["id"] = SETTINGS_ID
        return doc

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Settings:
        known = {k: v for k, v in doc.items() if k in cls.__dataclass_fields__}
        known["recente_vragen"] = tuple(known.get("recente_vragen") or ())
        known["vrijgegeven"] = tuple(known.get("vrijgegeven") or ())
        return cls(**known)


class SettingsStore:
    """Read and durably update the settings document."""

    def __init__(self, database: Database) -> None:
        self._table = database.db.table(SETTINGS)
        self._lock = threading.RLock()

    def load(self) -> Settings:
        doc = self._table.get(Query().id == SETTINGS_ID)
        return Settings.from_doc(doc) if doc else Settings()

    def update(self, **changes: Any) -> Settings:
        if "sector" in changes and changes["sector"] not in SECTORS:
            raise ValueError(f"Onbekende sector: {changes['sector']!r} (kies mbo of vo).")
        with self._lock:
            updated = replace(self.load(), **changes)
            self._table.upsert(updated.to_doc(), Query().id == SETTINGS_ID)
            return updated

    def journal_id(self) -> str:
        """A random id for this journal, so exchanged files can name who asked (not who it is)."""
        with self._lock:
            current = self.load().dagboek_id
            if current:
                return current
            return self.update(dagboek_id=secrets.token_hex(8)).dagboek_id

    def remember_prompt(self, prompt_id: str, keep: int = 30) -> None:
        """Remember a shown prompt so rotation doesn't offer it again soon."""
        with self._lock:
            recent = [prompt_id, *[p for p in self.load().recente_vragen if p != prompt_id]]
            self.update(recente_vragen=tuple(recent[:keep]))
