"""``LogStorage``: a TinyDB storage that never loses an acknowledged write.

Why not TinyDB's ``JSONStorage``: it rewrites the whole file in place on every
write (a kill mid-write leaves a torn file) and re-reads it on every query (slow
at ten thousand entries). Here the state lives in memory; every change is one
checksummed line appended to the log and fsynced before the call returns; now and
then the log is compacted into a fresh file that atomically replaces the old one.

Two ways in:

* the plain TinyDB protocol, ``read()``/``write(data)``. ``write`` cannot know what
  changed, so it stores a full snapshot (correct, O(size));
* :meth:`commit`, used by :class:`reflectie.store.fasttable.IncrementalTable`,
  which appends only the changed documents (O(change)).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from reflectie.paths import ensure_private_dir
from reflectie.store.anchor import AnchorWriter, check_anchor, read_anchor
from reflectie.store.crypto import CODEC_NAME, AesGcmCodec, DecryptionError, codec_matches
from reflectie.store.errors import (
    CorruptDatabaseError,
    MissingDatabaseError,
    PassphraseRequiredError,
    StorageBrokenError,
    StorageError,
    TamperedDatabaseError,
)
from reflectie.store.fileio import (
    atomic_write_bytes,
    open_private,
    remove_stale_temps,
    write_all,
)
from reflectie.store.locking import FileLock
from reflectie.store.records import (
    KIND_DELTA,
    KIND_META,
    KIND_SNAPSHOT,
    Chain,
    Codec,
    PlainCodec,
    dumps,
    encode_line,
    parse_log,
)

Tables = dict[str, dict[str, dict[str, Any]]]

#: Compact once the deltas outgrow the snapshot, but not for small journals.
MIN_COMPACT_BYTES = 4 * 1024 * 1024


class LogStorage(Storage):
    """Crash-safe storage: ``TinyDB(path, storage=LogStorage)``.

    ``access_mode="r"`` opens read-only without taking the write lock, so a
    second window can still show the journal.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        access_mode: str = "r+",
        create_dirs: bool = True,
        create: bool = True,
        codec: Codec | None = None,
        passphrase: str | None = None,
        before_writing: Callable[[], None] | None = None,
        **_ignored: Any,
    ) -> None:
        super().__init__()
        self.path = Path(path)
        self.read_only = access_mode == "r"
        #: A writable open calls this under the lock, before the file is read, cut
        #: or rewritten (restore clears what a killed restore left beside the file).
        self._before_writing = before_writing
        #: May a missing file be created (read-only: shown as empty)? If not, opening
        #: raises MissingDatabaseError (checked under the lock).
        self._create = create
        self._codec: Codec = codec or PlainCodec()
        #: Codecs an on-disk header may still name (the previous one during a rekey).
        self._spare_codecs: list[Codec] = []
        self._passphrase = passphrase
        self._tables: Tables = {}
        self._meta: dict[str, Any] = {}
        self._fd: int | None = None
        self._size = 0
        #: The associated data of the next record (header line, and in an encrypted
        #: log its sequence number and the previous record's tag).
        self._chain: Chain | None = None
        self._anchor = AnchorWriter(self.path)
        self._snapshot_bytes = 0
        self._delta_bytes = 0
        self._broken = False
        self._torn = False
        self._lock = FileLock(self.path.with_name(self.path.name + ".lock"))
        if create_dirs and not self.read_only:
            ensure_private_dir(self.path.parent)
        if not self.read_only:
            self._lock.acquire()
        try:
            self._open()
        except BaseException:
            if self._fd is not None:
                os.close(self._fd)
                self._fd = None
            self._lock.release()
            raise
        finally:
            self._passphrase = None  # the derived key is all we keep

    # -- opening -----------------------------------------------------------------

    def _open(self) -> None:
        if not self.read_only:
            remove_stale_temps(self.path)
            if self._before_writing is not None:
                self._before_writing()
        if not self.path.exists():
            if not self._create:
                raise MissingDatabaseError(self.path)
            if self.read_only:
                return
            self._write_snapshot()
            return
        anchor = read_anchor(self.path)  # before the log: a writer only adds to both
        self._load(self.path.read_bytes(), anchor)
        if self.read_only:
            return
        self._open_for_append()
        if self._torn:
            # parse_log accepted the tail only as an append that never finished (it
            # was never acknowledged). Cut exactly those bytes off and keep every
            # complete line as it is; any other damage was refused before this point.
            assert self._fd is not None
            os.ftruncate(self._fd, self._size)
            os.fsync(self._fd)
            self._torn = False
        # An encrypted log in the old, unchained format is upgraded by open_database,
        # after a copy; compacting it here first would skip that copy.
        if self._delta_bytes > max(self._snapshot_bytes, MIN_COMPACT_BYTES) and not (
            self.needs_chain_upgrade
        ):
            self.compact()

    def _load(self, raw: bytes, anchor: bytes | None = None) -> None:
        parsed = parse_log(raw, self.path)
        self._torn = parsed.torn_tail
        codec = self._codec_for(parsed.header)
        chain = Chain.of(parsed)
        tables: Tables = {}
        meta: dict[str, Any] = {}
        delta_bytes = 0
        for index, (kind, stored) in enumerate(parsed.records):
            try:
                payload = orjson.loads(codec.decode(stored, chain.aad()))
            except DecryptionError as exc:
                if chain.chained:
                    # Its checksum is right, so this is no accident of the disk.
                    raise TamperedDatabaseError(
                        self.path,
                        f"record {index} past niet in de keten: het is gewijzigd, of er is "
                        "een record verwijderd, verplaatst of herhaald (ontsleutelen mislukt)",
                    ) from exc
                raise CorruptDatabaseError(
                    self.path, f"record {index} is gewijzigd of beschadigd (ontsleutelen mislukt)"
                ) from exc
            except (orjson.JSONDecodeError, ValueError) as exc:
                raise CorruptDatabaseError(self.path, f"record {index} is onleesbaar") from exc
            chain.advance(stored)
            if kind == KIND_SNAPSHOT:
                if index != 0:
                    raise CorruptDatabaseError(self.path, "onverwachte momentopname")
                tables = payload["tables"]
                meta = payload["meta"]
                self._snapshot_bytes = len(stored)
            elif kind == KIND_DELTA:
                _apply_delta(tables, payload)
                delta_bytes += len(stored)
            elif kind == KIND_META:
                meta.update(payload)
                delta_bytes += len(stored)
        if codec.chained and chain.chained:
            stored_records = [stored for _kind, stored in parsed.records]
            check_anchor(anchor, codec, chain.first, stored_records, self.path)
        self._codec, self._chain = codec, chain
        self._tables, self._meta = tables, meta
        self._size = parsed.good_length
        self._delta_bytes = delta_bytes

    def _codec_for(self, header: dict[str, Any]) -> Codec:
        """The codec that reads a file with ``header``: a known one, or one unlocked now."""
        for candidate in (self._codec, *self._spare_codecs):
            if codec_matches(candidate, header):
                return candidate
        codec_name = header.get("codec")
        if codec_name == CODEC_NAME:
            if self._passphrase is None:
                raise PassphraseRequiredError(self.path)
            return AesGcmCodec.unlock(header, self._passphrase, self.path)
        if codec_name == PlainCodec.name and self._passphrase is not None:
            return PlainCodec()  # a passphrase for a plain journal is simply not needed
        raise StorageError(
            f"{self.path} is opgeslagen met '{codec_name}', niet met '{self._codec.name}'."
        )

    @property
    def codec(self) -> Codec:
        return self._codec

    @property
    def needs_chain_upgrade(self) -> bool:
        """Is this an encrypted log in the old format, whose records are not chained?"""
        return self._codec.chained and self._chain is not None and not self._chain.chained

    def rekey(self, codec: Codec) -> None:
        """Rewrite the whole file with ``codec`` in one atomic replace (old or new survives)."""
        self._check_writable()
        previous = self._codec
        self._spare_codecs = [previous]
        self._codec = codec
        try:
            self._write_snapshot()
        except OSError:
            raise  # _write_snapshot re-read the file in place and took its codec
        except BaseException:
            self._codec = previous
            raise
        finally:
            self._spare_codecs = []

    def _open_for_append(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None  # never closed twice, whatever follows
            os.close(fd)
        self._fd = open_private(self.path, os.O_WRONLY | os.O_APPEND)

    # -- TinyDB protocol ---------------------------------------------------------

    def read(self) -> Tables:
        """A deep copy of every table (O(size), like re-reading a JSON file).

        TinyDB's updaters change the documents they get in place and hand them back
        to :meth:`write`; a caller may keep a returned document and change a nested
        list. Neither may reach memory without a durable write, so nothing handed
        out is shared. :class:`IncrementalTable` reads through :meth:`table_view`
        instead and copies only the documents it returns.
        """
        return copy_json(self._tables)

    def table_names(self) -> set[str]:
        return set(self._tables)

    def write(self, data: Tables, *, meta: dict[str, Any] | None = None) -> None:
        """Store ``data`` as the complete new state (a full, atomic snapshot).

        ``meta`` updates the storage metadata in the same snapshot (restore uses it).
        """
        self._check_writable()
        # ``data`` is the caller's (built from a copy read() handed out): if it does
        # not serialise, this raises before anything in memory or on disk changed.
        payload = dumps({"tables": data, "meta": {**self._meta, **(meta or {})}})
        self._write_snapshot(payload)

    def close(self) -> None:
        try:
            self._anchor.close()
            if self._fd is not None:
                fd, self._fd = self._fd, None
                os.close(fd)
        finally:
            self._lock.release()

    # -- incremental protocol ----------------------------------------------------

    def table_view(self, name: str) -> dict[str, dict[str, Any]] | None:
        """The live documents of one table (``None`` if absent), not copied.

        Only for code in this package and read-only indexes that never change or
        hand out what they get; everyone else goes through TinyDB or :meth:`read`.
        """
        return self._tables.get(name)

    def commit(
        self, table: str, upserts: dict[str, Any], deletes: list[str], *, create: bool = False
    ) -> None:
        """Durably apply one change to ``table``; on return it survives any crash."""
        if not upserts and not deletes and not (create and table not in self._tables):
            return
        self._check_writable()
        delta = {"t": table, "u": upserts, "d": deletes}
        stored, aad = self._append(KIND_DELTA, dumps(delta))
        # Apply the parsed copy, so memory holds exactly what the disk holds.
        _apply_delta(self._tables, orjson.loads(self._codec.decode(stored, aad)))
        self._maybe_compact()

    @property
    def meta(self) -> dict[str, Any]:
        """Storage-level metadata (e.g. the schema version); not a TinyDB table."""
        return copy_json(self._meta)

    def set_meta(self, **values: Any) -> None:
        self._check_writable()
        stored, aad = self._append(KIND_META, dumps(values))
        self._meta.update(orjson.loads(self._codec.decode(stored, aad)))

    def compact(self) -> None:
        """Fold the deltas into a fresh snapshot file (atomic replace)."""
        self._check_writable()
        self._write_snapshot()

    @property
    def size_on_disk(self) -> int:
        return self._size

    # -- internals ---------------------------------------------------------------

    def _check_writable(self) -> None:
        if self.read_only:
            raise StorageError("Dit dagboek is alleen-lezen geopend.")
        if self._broken:
            raise StorageBrokenError(
                "Opslaan is eerder mislukt; start reflectie opnieuw om verder te gaan."
            )

    def _append(self, kind: bytes, payload: bytes) -> tuple[bytes, bytes]:
        """Append one record durably; returns it as stored and its associated data."""
        chain = self._chain
        assert chain is not None
        aad = chain.aad()
        stored = self._codec.encode(payload, aad)
        line = encode_line(kind, stored)
        assert self._fd is not None
        try:
            write_all(self._fd, line)
            os.fsync(self._fd)
        except OSError:
            # Take back the half-written bytes so the log stays clean. If even
            # that fails, refuse further writes: the next open drops the tail.
            try:
                os.ftruncate(self._fd, self._size)
                os.fsync(self._fd)
            except OSError:
                self._broken = True
            raise
        self._size += len(line)
        self._delta_bytes += len(stored)
        chain.advance(stored)
        self._write_anchor()
        return stored, aad

    def _write_anchor(self) -> None:
        """After an acknowledged write: where an encrypted log's chain ends now."""
        chain = self._chain
        if self._codec.chained and chain is not None and chain.chained:
            self._anchor.write(self._codec, chain.last, chain.previous)

    def _resync_with_disk(self) -> None:
        """Make memory and the append handle match the file now on disk."""
        try:
            self._load(self.path.read_bytes())
            if self._torn:  # never append after damage; the next open repairs it
                raise StorageError("unfinished tail")
            self._open_for_append()
        except (OSError, StorageError):
            self._broken = True

    def _maybe_compact(self) -> None:
        if self._delta_bytes > max(self._snapshot_bytes, MIN_COMPACT_BYTES):
            with contextlib.suppress(OSError):  # the log itself is durable already
                self._write_snapshot()

    def _write_snapshot(self, payload: bytes | None = None) -> None:
        adopt = payload is not None
        if payload is None:
            payload = dumps({"tables": self._tables, "meta": self._meta})
        # Sequence numbers go on counting, so an anchor never points past a new file.
        chain = Chain.new(self._codec, self._chain.sequence if self._chain is not None else 0)
        stored = self._codec.encode(payload, chain.aad())
        data = chain.header_line + encode_line(KIND_SNAPSHOT, stored)
        try:
            atomic_write_bytes(self.path, data)
        except OSError:
            # The rename may or may not have happened (e.g. the folder fsync
            # failed after it). Either file is complete; follow whichever is in
            # place now, or refuse further writes if even that fails.
            self._resync_with_disk()
            raise
        if adopt:  # memory must hold exactly what the disk holds, not the caller's objects
            state = orjson.loads(payload)
            self._tables, self._meta = state["tables"], state["meta"]
        chain.advance(stored)
        self._chain = chain
        self._size = len(data)
        self._snapshot_bytes = len(stored)
        self._delta_bytes = 0
        self._torn = False
        self._write_anchor()
        try:
            self._open_for_append()
        except OSError:
            # The new file is complete and durable, so this write succeeded; only
            # appending to it is impossible now: refuse further writes until a reopen.
            self._broken = True


def copy_json(value: Any) -> Any:
    """Copy a JSON value deeply (strings and numbers are immutable and shared)."""
    if type(value) is dict:
        return {k: copy_json(v) for k, v in value.items()}
    if type(value) is list:
        return [copy_json(v) for v in value]
    return value


def _apply_delta(tables: Tables, delta: dict[str, Any]) -> None:
    table = tables.setdefault(delta["t"], {})
    table.update(delta["u"])
    for key in delta["d"]:
        table.pop(key, None)
