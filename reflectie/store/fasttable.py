"""An incremental TinyDB table: writes cost O(change), not O(table).

TinyDB's ``Table._update_table`` copies the whole table into a fresh dict,
converts every key and hands the complete database to ``Storage.write`` for each
insert. At ten thousand entries that alone dominates a save. ``IncrementalTable``
gives the same updater functions an overlay over the live table instead, and
commits only the documents the updater touched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, MutableMapping
from types import MappingProxyType
from typing import Any

from tinydb import TinyDB
from tinydb.table import Table

from reflectie.store.logstorage import LogStorage, copy_json


class _Overlay(MutableMapping[Any, Any]):
    """The table as TinyDB's updaters expect it (int ids), recording every change."""

    def __init__(self, base: dict[str, Any], id_class: Callable[[str], Any]) -> None:
        self._base = base
        self._id = id_class
        self._set: dict[str, Any] = {}
        self._deleted: set[str] = set()

    def __getitem__(self, doc_id: Any) -> Any:
        key = str(doc_id)
        if key in self._set:
            return self._set[key]
        if key in self._deleted or key not in self._base:
            raise KeyError(doc_id)
        copy = copy_json(self._base[key])
        self._set[key] = copy  # updaters may change it in place
        return copy

    def __setitem__(self, doc_id: Any, doc: Any) -> None:
        key = str(doc_id)
        self._set[key] = doc
        self._deleted.discard(key)

    def __delitem__(self, doc_id: Any) -> None:
        key = str(doc_id)
        if key not in self:
            raise KeyError(doc_id)
        self._set.pop(key, None)
        if key in self._base:
            self._deleted.add(key)

    def __contains__(self, doc_id: object) -> bool:
        key = str(doc_id)
        return key in self._set or (key in self._base and key not in self._deleted)

    def __iter__(self) -> Iterator[Any]:
        for key in self._base:
            if key not in self._deleted:
                yield self._id(key)
        for key in self._set:
            if key not in self._base:
                yield self._id(key)

    def __len__(self) -> int:
        extra = sum(1 for key in self._set if key not in self._base)
        return len(self._base) - len(self._deleted) + extra

    def clear(self) -> None:
        self._set.clear()
        self._deleted = set(self._base)

    def changes(self) -> tuple[dict[str, Any], list[str]]:
        upserts = {
            key: doc
            for key, doc in self._set.items()
            if key not in self._base or doc != self._base[key]
        }
        return upserts, sorted(self._deleted)


class IncrementalTable(Table):
    """A TinyDB ``Table`` that commits only what changed when its storage can.

    Reads look at the live documents: conditions are checked on them, uncopied,
    and only the documents a read *returns* are copied (deeply: TinyDB's
    ``Document`` copies one level only), so no caller ever holds, or can change,
    what memory and disk share. Results kept in TinyDB's query cache are copied
    again on every hit, so changing one search result never changes the next.
    """

    def _read_table(self) -> Mapping[str, Any]:  # type: ignore[override]
        storage = self._storage
        if not isinstance(storage, LogStorage):
            return super()._read_table()
        # Read-only at the top level; TinyDB's read paths never change a document.
        return MappingProxyType(storage.table_view(self.name) or {})

    def _own(self, doc: Any) -> Any:
        """A deep copy of one document the caller may keep and change."""
        own = self.document_class(doc, doc.doc_id)  # copies the top level
        for key, value in own.items():
            if type(value) is dict or type(value) is list:
                own[key] = copy_json(value)  # nested values are still shared: copy them
        return own

    def search(self, cond: Any) -> list[Any]:
        return [self._own(doc) for doc in super().search(cond)]

    def get(
        self,
        cond: Any = None,
        doc_id: int | None = None,
        doc_ids: list[Any] | None = None,
    ) -> Any:
        found = super().get(cond, doc_id, doc_ids)
        if found is None:
            return None
        if isinstance(found, list):
            return [self._own(doc) for doc in found]
        return self._own(found)

    def __iter__(self) -> Iterator[Any]:
        for doc in super().__iter__():
            yield self._own(doc)

    def count(self, cond: Any) -> int:
        """As TinyDB's, without copying the documents it only counts."""
        return len(super().search(cond))

    def contains(self, cond: Any = None, doc_id: int | None = None) -> bool:
        """As TinyDB's, without copying the document it only looks for."""
        if doc_id is None and cond is None:
            return super().contains(cond, doc_id)  # TinyDB's error
        return super().get(cond, doc_id) is not None

    def _update_table(self, updater: Callable[[dict[int, Any]], None]) -> None:
        storage = self._storage
        if not isinstance(storage, LogStorage):
            super()._update_table(updater)
            return
        base = storage.table_view(self.name)
        overlay = _Overlay(base if base is not None else {}, self.document_id_class)
        updater(overlay)  # type: ignore[arg-type]  # a MutableMapping is all updaters use
        upserts, deletes = overlay.changes()
        storage.commit(self.name, upserts, deletes, create=True)
        self.clear_cache()


class JournalDB(TinyDB):
    """TinyDB with :class:`LogStorage` and :class:`IncrementalTable` as defaults."""

    table_class = IncrementalTable
    default_storage_class = LogStorage

    def tables(self) -> set[str]:
        """The table names, without copying every document (``read()`` would)."""
        storage = self.storage
        if isinstance(storage, LogStorage):
            return storage.table_names()
        return super().tables()
