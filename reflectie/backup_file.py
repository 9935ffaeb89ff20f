"""The portable backup file: all data as one documented JSON document, and back.

Format (see docs/backup-formaat.md)::

    {"formaat": "reflectie-backup", "versie": 1, "schema": <database schema>,
     "gemaakt": "<ISO 8601>", "tabellen": {"<tabel>": [<document>, ...], ...}}

Every document carries its own string ``id``; TinyDB's internal numbers are not
part of the format. Restoring replaces or merges in one atomic snapshot write,
so a crash halfway leaves the journal as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Any

import orjson

from reflectie.backups import make_backup
from reflectie.clock import Clock, iso, system_clock
from reflectie.database import ENTRIES, SCHEMA_VERSION, Database
from reflectie.errors_text import describe_os_error
from reflectie.model import Entry
from reflectie.store.crypto import AesGcmCodec, DecryptionError
from reflectie.store.errors import CorruptDatabaseError, StorageError
from reflectie.store.fileio import ReplacedNotConfirmedError, atomic_write_bytes
from reflectie.store.records import Codec, PlainCodec

FORMAT_NAME = "reflectie-backup"
#: The encrypted variant: the plain backup document, encrypted (see docs/formaten.md).
ENCRYPTED_FORMAT_NAME = "reflectie-backup-versleuteld"
FORMAT_VERSION = 1
MAX_BYTES = 512 * 1024 * 1024


class BackupFileError(ValueError):
    """The file is not a usable backup; nothing was changed. Message in Dutch."""


class RestoreFailedError(StorageError):
    """Restoring did not (durably) happen; the message says what state is left."""


class RestoreMode(Enum):
    ONLY_IF_EMPTY = "leeg"
    MERGE = "samenvoegen"
    REPLACE = "vervangen"


def export_backup(
    database: Database, target: Path, *, clock: Clock = system_clock, encrypt: bool = True
) -> int:
    """Write everything to ``target`` atomically; returns the number of documents.

    The backup of an encrypted journal is encrypted with the journal's key (same
    passphrase) unless ``encrypt`` is False.
    """
    tables: dict[str, list[dict[str, Any]]] = {}
    for name, docs in sorted(database.storage.read().items()):
        tables[name] = [dict(doc) for _, doc in sorted(docs.items(), key=lambda kv: int(kv[0]))]
    document = {
        "formaat": FORMAT_NAME,
        "versie": FORMAT_VERSION,
        "schema": database.storage.meta.get("schema", SCHEMA_VERSION),
        "gemaakt": iso(clock()),
        "tabellen": tables,
    }
    data = orjson.dumps(document, option=orjson.OPT_INDENT_2) + b"\n"
    codec = database.storage.codec
    if encrypt and codec.name != PlainCodec.name:
        data = _encrypt_document(data, codec)
    atomic_write_bytes(target, data)
    return sum(len(docs) for docs in tables.values())


def _wrapper_aad(wrapper: dict[str, Any]) -> bytes:
    fields = {key: wrapper.get(key) for key in ("formaat", "versie", "codec", "kdf", "controle")}
    return orjson.dumps(fields, option=orjson.OPT_SORT_KEYS)


def _encrypt_document(data: bytes, codec: Codec) -> bytes:
    wrapper: dict[str, Any] = {
        "formaat": ENCRYPTED_FORMAT_NAME,
        "versie": FORMAT_VERSION,
        "codec": codec.name,
        **codec.header_params(),
    }
    wrapper["gegevens"] = codec.encode(data, _wrapper_aad(wrapper)).decode("ascii")
    return orjson.dumps(wrapper, option=orjson.OPT_INDENT_2) + b"\n"


def is_encrypted_backup(document: Any) -> bool:
    return isinstance(document, dict) and document.get("formaat") == ENCRYPTED_FORMAT_NAME


#: Given the header of an encrypted backup, return the codec that opens it
#: (raises WrongPassphraseError when the passphrase does not fit).
Unlocker = Callable[[dict[str, Any], Path], Codec]


def unlock_with(passphrase: str) -> Unlocker:
    return lambda header, path: AesGcmCodec.unlock(header, passphrase, path)


def _decrypt_document(source: Path, wrapper: dict[str, Any], unlock: Unlocker | None) -> Any:
    if wrapper.get("versie") != FORMAT_VERSION or wrapper.get("codec") != "aes-gcm":
        raise BackupFileError(
            f"{source} is een versleutelde reservekopie van een onbekende versie."
        )
    if unlock is None:
        raise BackupFileError(f"{source} is versleuteld; er is een wachtwoord nodig.")
    try:
        codec = unlock(wrapper, source)
        data = codec.decode(str(wrapper.get("gegevens", "")).encode("ascii"), _wrapper_aad(wrapper))
        return orjson.loads(data)
    except (DecryptionError, UnicodeEncodeError, orjson.JSONDecodeError) as exc:
        raise BackupFileError(
            f"{source} is gewijzigd of beschadigd (ontsleutelen mislukt); er is niets gewijzigd."
        ) from exc
    except CorruptDatabaseError as exc:
        raise BackupFileError(f"{source}: de versleutelingskop is ongeldig.") from exc


def read_backup(source: Path, unlock: Unlocker | None = None) -> dict[str, Any]:
    """Parse and strictly validate a backup file (decrypting it with ``unlock`` if needed)."""
    try:
        size = source.stat().st_size
    except OSError as exc:
        raise BackupFileError(f"Kan {source} niet lezen: {exc.strerror}.") from exc
    if size > MAX_BYTES:
        raise BackupFileError(f"{source} is te groot om een reservekopie te zijn.")
    try:
        document = orjson.loads(source.read_bytes())
    except orjson.JSONDecodeError as exc:
        raise BackupFileError(
            f"{source} is geen geldige reservekopie (geen leesbare JSON)."
        ) from exc
    if is_encrypted_backup(document):
        document = _decrypt_document(source, document, unlock)
    if not isinstance(document, dict) or document.get("formaat") != FORMAT_NAME:
        raise BackupFileError(f"{source} is geen reservekopie van reflectie.")
    if document.get("versie") != FORMAT_VERSION:
        raise BackupFileError(
            f"{source} heeft formaatversie {document.get('versie')!r}; "
            f"deze versie van reflectie leest versie {FORMAT_VERSION}."
        )
    schema = document.get("schema")
    if not isinstance(schema, int) or schema > SCHEMA_VERSION or schema < 1:
        raise BackupFileError(
            f"{source} komt van een nieuwere of onbekende versie van reflectie (schema {schema!r})."
        )
    tables = document.get("tabellen")
    if not isinstance(tables, dict):
        raise BackupFileError(f"{source} mist de tabellen.")
    for name, docs in tables.items():
        if not isinstance(docs, list) or not all(
            isinstance(d, dict) and isinstance(d.get("id"), str) and d["id"] for d in docs
        ):
            raise BackupFileError(f"{source}: tabel '{name}' bevat ongeldige documenten.")
        ids = [d["id"] for d in docs]
        if len(set(ids)) != len(ids):
            raise BackupFileError(f"{source}: tabel '{name}' bevat dubbele id's.")
    for doc in tables.get(ENTRIES, []):
        _check_entry(source, doc)
    return document


def _check_entry(source: Path, doc: dict[str, Any]) -> None:
    try:
        entry = Entry.from_doc(doc)
        Entry.from_doc(entry.to_doc())
        valid = (
            isinstance(doc["tekst"], str)
            and isinstance(doc.get("tags", []), list)
            and all(isinstance(t, str) for t in doc.get("tags", []))
            and isinstance(doc.get("deelbaar", False), bool)
            and isinstance(doc.get("verwijderd") or "", str)
            and entry.created is not None
        )
    except (KeyError, TypeError, ValueError):
        valid = False
    if not valid:
        raise BackupFileError(f"{source}: reflectie '{doc.get('id')}' is ongeldig.")


def is_empty(database: Database) -> bool:
    tables = database.storage.read()
    return not tables.get(ENTRIES)


def restore_backup_file(
    database: Database,
    document: dict[str, Any],
    mode: RestoreMode,
    *,
    clock: Clock = system_clock,
) -> int:
    """Apply a validated backup document; returns the number of documents added.

    The result is written as one atomic, durable snapshot (temp file, fsync, rename,
    folder fsync); with ``REPLACE`` a copy of the current journal is made first. The
    caller reopens the journal.
    """
    current = database.storage.read()
    if mode is RestoreMode.ONLY_IF_EMPTY and not is_empty(database):
        raise BackupFileError(
            "Dit dagboek is niet leeg. Kies --samenvoegen (aanvullen, zonder dubbelingen) "
            "of --vervangen (eerst wordt een reservekopie gemaakt)."
        )
    incoming: dict[str, list[dict[str, Any]]] = document["tabellen"]
    if mode is RestoreMode.REPLACE:
        try:
            make_backup(database.paths, reason="voor-herstel", clock=clock)
        except OSError as exc:  # not durable, so not a copy to rely on: stop here
            raise RestoreFailedError(
                f"De veiligheidskopie vooraf is niet gelukt ({describe_os_error(exc)}). "
                "Er is niets teruggezet; je dagboek is zoals het was."
            ) from exc
        base: dict[str, dict[str, Any]] = {}
    else:
        base = {name: dict(docs) for name, docs in current.items()}
    added = 0
    for name, docs in incoming.items():
        table = base.setdefault(name, {})
        present = {doc["id"] for doc in table.values()}
        next_id = max((int(k) for k in table), default=0) + 1
        for doc in docs:
            if doc["id"] in present:
                continue
            table[str(next_id)] = doc
            present.add(doc["id"])
            next_id += 1
            added += 1
    # One snapshot with the schema of the backup (migrated on the next open): a kill
    # can never leave old documents marked as already migrated.
    older = document["schema"] < SCHEMA_VERSION
    try:
        database.storage.write(base, meta={"schema": document["schema"]} if older else None)
    except ReplacedNotConfirmedError as exc:
        raise RestoreFailedError(
            "De reservekopie staat in je dagboek, maar het vastleggen op schijf is niet "
            f"bevestigd ({describe_os_error(exc)}). Zet haar bij twijfel opnieuw terug."
        ) from exc
    except OSError as exc:
        raise RestoreFailedError(
            f"De reservekopie is niet teruggezet ({describe_os_error(exc)}). "
            "Er is niets gewijzigd: je dagboek is zoals het was."
        ) from exc
    return added
