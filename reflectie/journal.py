"""The journal service: write, edit, delete, list and search reflections.

Plain Python over :class:`Database`; the CLI and the TUI both call this. It keeps
two in-memory indexes so that nothing a teacher does waits on a scan of the whole
journal: an ``id → doc id`` map with the entries in date order, and (built on
the first search) the folded text of every entry.
"""

from __future__ import annotations

import bisect
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from tinydb.table import Table

from reflectie.clock import Clock, iso, system_clock
from reflectie.database import ENTRIES, Database
from reflectie.model import Entry, TrashedEntry, ValidationError, clean_tags, clean_text, new_id
from reflectie.search_index import FoldIndex

#: Deleted entries stay recoverable this long.
TRASH_DAYS = 30


class NotFoundError(LookupError):
    """No entry with that id; the message is Dutch."""


class StaleVersionError(ValidationError):
    """The entry changed since the editor (or its draft) started from it; nothing was
    overwritten. ``current`` is the entry as it is now."""

    def __init__(self, current: Entry) -> None:
        self.current = current
        super().__init__(
            "Deze reflectie is gewijzigd nadat je begon (bijvoorbeeld met 'reflectie bewerk' "
            "of door een herstel). Er is niets overschreven."
        )


@dataclass(frozen=True)
class EntryFilter:
    """What the journal list shows; empty fields don't filter."""

    term: str = ""
    promptset: str | None = None
    tag: str | None = None
    since: date | None = None
    until: date | None = None
    leervraag: str | None = None
    speerpunt: str | None = None

    @property
    def has_field_filters(self) -> bool:
        return bool(
            self.promptset
            or self.tag
            or self.since
            or self.until
            or self.leervraag
            or self.speerpunt
        )


_UNSET: Any = object()


def _sort_key(aangemaakt: str, doc_id: int, entry_id: str) -> tuple[float, int, str]:
    """Date order; entries from the same second keep the order they were written in."""
    return (datetime.fromisoformat(aangemaakt).timestamp(), doc_id, entry_id)


class Journal:
    """All operations on reflections. Thread-safe: the TUI saves from workers."""

    def __init__(self, database: Database, clock: Clock = system_clock) -> None:
        self.database = database
        self.clock = clock
        self._lock = threading.RLock()
        self._entries: Table = database.db.table(ENTRIES)
        self._doc_ids: dict[str, int] = {}  # live entries only
        self._trashed: dict[str, int] = {}  # entries in the prullenbak
        self._order: list[tuple[float, int, str]] = []  # live entries, oldest first
        self._index: FoldIndex | None = None  # built on the first search
        # Read the live table directly: building TinyDB Documents for every entry
        # would copy ten thousand dicts just to learn their ids and dates.
        for key, doc in (database.storage.table_view(ENTRIES) or {}).items():
            doc_id = int(key)
            if doc.get("verwijderd"):
                self._trashed[doc["id"]] = doc_id
                continue
            self._doc_ids[doc["id"]] = doc_id
            self._order.append(_sort_key(doc["aangemaakt"], doc_id, doc["id"]))
        self._order.sort()

    # -- reading -------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._doc_ids)

    def resolve(self, id_or_prefix: str) -> str:
        """Accept a full id or an unambiguous prefix of at least four characters."""
        with self._lock:
            key = id_or_prefix.strip().lower()
            if key in self._doc_ids:
                return key
            if len(key) >= 4:
                matches = [entry_id for entry_id in self._doc_ids if entry_id.startswith(key)]
                if len(matches) == 1:
                    return matches[0]
                if len(matches) > 1:
                    raise NotFoundError(f"'{id_or_prefix}' past bij meer dan één reflectie.")
            raise NotFoundError(f"Er is geen reflectie met id '{id_or_prefix}'.")

    def get(self, entry_id: str) -> Entry:
        with self._lock:
            return self._load(self.resolve(entry_id))

    def latest(self, count: int | None = None, offset: int = 0) -> list[Entry]:
        """Newest first; ``count`` and ``offset`` page through without reading the rest."""
        with self._lock:
            stop = len(self._order) - offset
            start = 0 if count is None else max(0, stop - count)
            ids = [key[2] for key in reversed(self._order[start:stop])]
            return [self._load(entry_id) for entry_id in ids]

    def ids_newest_first(self, entry_filter: EntryFilter | None = None) -> list[str]:
        """Ids only, so a list view can page in the entries it actually shows."""
        with self._lock:
            ids = [key[2] for key in reversed(self._order)]
            if entry_filter is None or entry_filter == EntryFilter():
                return ids
            if entry_filter.term.strip():
                found = self._search_index().matching(entry_filter.term)
                ids = [i for i in ids if i in found]
            if entry_filter.has_field_filters:
                table = self.database.storage.table_view(ENTRIES) or {}
                ids = [i for i in ids if _matches(table[str(self._doc_ids[i])], entry_filter)]
            return ids

    def build_search_index(self) -> None:
        """Fold every entry now (the TUI calls this in a worker right after start)."""
        self._search_index()

    def search(self, term: str, limit: int | None = None) -> list[Entry]:
        """Entries whose text or tags contain ``term``, ignoring case and accents."""
        ids = self.ids_newest_first(EntryFilter(term=term))
        return [self._load(i) for i in (ids if limit is None else ids[:limit])]

    def filter(self, entry_filter: EntryFilter) -> list[Entry]:
        return [self._load(i) for i in self.ids_newest_first(entry_filter)]

    def load_many(self, ids: Iterable[str]) -> list[Entry]:
        with self._lock:
            return [self._load(i) for i in ids if i in self._doc_ids]

    def tags(self) -> list[str]:
        with self._lock:
            found: dict[str, str] = {}
            for doc in self._entries:
                for tag in doc.get("tags") or ():
                    found.setdefault(tag.casefold(), tag)
            return sorted(found.values(), key=str.casefold)

    def recent_prompt_ids(self, count: int = 20) -> list[str]:
        """Prompts answered most recently first, so rotation can avoid them."""
        return [e.prompt for e in self.latest(count) if e.prompt]

    def weekly_counts(self, weeks: int = 12) -> list[tuple[date, int]]:
        """Entries per ISO week (Monday) for the last ``weeks`` weeks, oldest first."""
        today = self.clock().date()
        this_monday = today - timedelta(days=today.weekday())
        mondays = [this_monday - timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]
        counts = dict.fromkeys(mondays, 0)
        first = datetime.combine(mondays[0], datetime.min.time()).astimezone().timestamp()
        with self._lock:
            start = bisect.bisect_left(self._order, (first, 0, ""))
            for stamp, _, _ in self._order[start:]:
                day = datetime.fromtimestamp(stamp).astimezone().date()
                monday = day - timedelta(days=day.weekday())
                if monday in counts:
                    counts[monday] += 1
        return list(counts.items())

    # -- writing -------------------------------------------------------------------

    def write(
        self,
        tekst: str,
        *,
        prompt: str | None = None,
        promptset: str | None = None,
        tags: Iterable[str] = (),
        deelbaar: bool = False,
        leervraag: str | None = None,
        speerpunt: str | None = None,
    ) -> Entry:
        """Store a new entry; when this returns, it is on disk."""
        now = iso(self.clock())
        with self._lock:
            entry = Entry(
                id=self._fresh_id(),
                aangemaakt=now,
                gewijzigd=now,
                tekst=clean_text(tekst),
                promptset=promptset,
                prompt=prompt,
                tags=clean_tags(list(tags)),
                deelbaar=deelbaar,
                leervraag=leervraag,
                speerpunt=speerpunt,
            )
            self._insert(entry)
            return entry

    def edit(
        self,
        entry_id: str,
        *,
        tekst: str | None = None,
        tags: Iterable[str] | None = None,
        deelbaar: bool | None = None,
        leervraag: str | None = _UNSET,
        speerpunt: str | None = _UNSET,
        expected_version: str | None = None,
    ) -> Entry:
        """Change an entry; only the given fields change. Durable on return.

        ``expected_version`` (an :attr:`Entry.version`) refuses the change with
        :class:`StaleVersionError` if the entry is no longer in that state, so an
        editor never silently overwrites a newer text.
        """
        with self._lock:
            current = self.get(entry_id)
            if expected_version is not None and current.version != expected_version:
                raise StaleVersionError(current)
            changes: dict[str, Any] = {}
            if tekst is not None:
                changes["tekst"] = clean_text(tekst)
            if tags is not None:
                changes["tags"] = clean_tags(list(tags))
            if deelbaar is not None:
                changes["deelbaar"] = deelbaar
            if leervraag is not _UNSET:
                changes["leervraag"] = leervraag
            if speerpunt is not _UNSET:
                changes["speerpunt"] = speerpunt
            updated = current.with_changes(**changes)
            if updated == current:
                return current
            updated = updated.with_changes(gewijzigd=iso(self.clock()))
            self._entries.update(updated.to_doc(), doc_ids=[self._doc_ids[current.id]])
            if self._index is not None:
                self._index.set(current.id, _search_text(updated.to_doc()))
            return updated

    def delete(self, entry_id: str) -> Entry:
        """Move an entry to the prullenbak (recoverable for :data:`TRASH_DAYS` days).

        One field on the stored document changes, so the move is a single atomic
        commit: an entry is never in the list and the prullenbak at once.
        """
        with self._lock:
            entry = self.get(entry_id)
            doc_id = self._doc_ids[entry.id]
            self._entries.update({"verwijderd": iso(self.clock())}, doc_ids=[doc_id])
            self._forget_live(entry, doc_id)
            self._trashed[entry.id] = doc_id
            return entry

    def trash(self) -> list[TrashedEntry]:
        with self._lock:
            docs = self._entries.get(doc_ids=list(self._trashed.values())) if self._trashed else []
            items = [TrashedEntry(Entry.from_doc(doc), doc["verwijderd"]) for doc in docs]
        return sorted(items, key=lambda item: item.verwijderd, reverse=True)

    def restore(self, entry_id: str) -> Entry:
        """Bring an entry back from the prullenbak."""
        with self._lock:
            doc_id = self._trashed.get(entry_id)
            if doc_id is None:
                raise NotFoundError(
                    f"Er staat geen reflectie met id '{entry_id}' in de prullenbak."
                )
            self._entries.update({"verwijderd": None}, doc_ids=[doc_id])
            del self._trashed[entry_id]
            entry = self._load_doc(doc_id)
            self._remember_live(entry, doc_id)
            return entry

    def purge_trash(self, older_than_days: int = TRASH_DAYS) -> int:
        """Remove prullenbak items older than the limit for good."""
        cutoff = self.clock() - timedelta(days=older_than_days)
        with self._lock:
            old = {
                item.entry.id: self._trashed[item.entry.id]
                for item in self.trash()
                if datetime.fromisoformat(item.verwijderd) < cutoff
            }
            if old:
                self._entries.remove(doc_ids=list(old.values()))
                for gone in old:
                    del self._trashed[gone]
            return len(old)

    def import_entries(self, entries: Iterable[Entry]) -> int:
        """Add entries as they are (restore/merge); ids already present are skipped."""
        added = 0
        with self._lock:
            for entry in entries:
                if entry.id in self._doc_ids or entry.id in self._trashed:
                    continue
                self._insert(entry)
                added += 1
        return added

    # -- internals -----------------------------------------------------------------

    def _fresh_id(self) -> str:
        while True:
            candidate = new_id()
            if candidate not in self._doc_ids:
                return candidate

    def _insert(self, entry: Entry) -> None:
        doc_id = self._entries.insert(entry.to_doc())
        self._remember_live(entry, doc_id)

    def _remember_live(self, entry: Entry, doc_id: int) -> None:
        self._doc_ids[entry.id] = doc_id
        bisect.insort(self._order, _sort_key(entry.aangemaakt, doc_id, entry.id))
        if self._index is not None:
            self._index.set(entry.id, _search_text(entry.to_doc()))

    def _forget_live(self, entry: Entry, doc_id: int) -> None:
        del self._doc_ids[entry.id]
        key = _sort_key(entry.aangemaakt, doc_id, entry.id)
        index = bisect.bisect_left(self._order, key)
        if index < len(self._order) and self._order[index] == key:
            del self._order[index]
        if self._index is not None:
            self._index.discard(entry.id)

    def _load_doc(self, doc_id: int) -> Entry:
        doc = self._entries.get(doc_id=doc_id)
        assert doc is not None
        return Entry.from_doc(doc)

    def _load(self, entry_id: str) -> Entry:
        return self._load_doc(self._doc_ids[entry_id])

    def _search_index(self) -> FoldIndex:
        with self._lock:
            if self._index is None:
                table = self.database.storage.table_view(ENTRIES) or {}
                self._index = FoldIndex(
                    (i, _search_text(table[str(doc_id)])) for i, doc_id in self._doc_ids.items()
                )
            return self._index


def _matches(doc: dict[str, Any], f: EntryFilter) -> bool:
    """The non-text filters, checked on the stored document."""
    if f.promptset and doc.get("promptset") != f.promptset:
        return False
    if f.leervraag and doc.get("leervraag") != f.leervraag:
        return False
    if f.speerpunt and doc.get("speerpunt") != f.speerpunt:
        return False
    if f.tag and f.tag.casefold() not in {t.casefold() for t in doc.get("tags") or ()}:
        return False
    if f.since or f.until:
        day = datetime.fromisoformat(doc["aangemaakt"]).date()
        if (f.since and day < f.since) or (f.until and day > f.until):
            return False
    return True


def _search_text(doc: dict[str, Any]) -> str:
    return doc["tekst"] + "\n" + " ".join(doc.get("tags") or ())


__all__ = ["TRASH_DAYS", "EntryFilter", "Journal", "NotFoundError", "ValidationError"]
