"""Encryption at rest: Argon2id key derivation and an AES-256-GCM :class:`Codec`.

The header of an encrypted file names the codec and carries everything needed to
derive the key again (never the key itself)::

    {"formaat": 1, "codec": "aes-gcm",
     "kdf": {"naam": "argon2id", "m": 65536, "t": 3, "p": 4, "zout": "<base64, 16 bytes>"},
     "controle": "<base64: nonce + AES-GCM(key, CHECK_PLAINTEXT)>"}

Every payload is ``base64(nonce + ciphertext)`` with a fresh random 12-byte nonce and
the complete header line as associated data, so a record cannot be moved to a file
with another header. The ``controle`` value tells a wrong passphrase (it does not
decrypt) apart from a damaged file (it decrypts, but a record does not).
"""

from __future__ import annotations

import base64
import binascii
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from reflectie.store.errors import CorruptDatabaseError, WrongPassphraseError
from reflectie.store.records import MAGIC, PlainCodec

CODEC_NAME = "aes-gcm"
KDF_NAME = "argon2id"
#: OWASP's recommended Argon2id strength: 64 MiB, 3 passes, 4 lanes.
KDF_MEMORY_KIB = 65536
KDF_TIME = 3
KDF_PARALLELISM = 4
KEY_BYTES = 32
SALT_BYTES = 16
NONCE_BYTES = 12
CHECK_PLAINTEXT = b"reflectie-sleutelcontrole-1"
CHECK_AAD = b"reflectie-controle"
MIN_PASSPHRASE_LENGTH = 8


class DecryptionError(ValueError):
    """A payload did not authenticate: it was changed or belongs to another key."""


@dataclass(frozen=True)
class KdfParams:
    memory_kib: int
    time_cost: int
    parallelism: int
    salt: bytes

    @classmethod
    def fresh(cls) -> KdfParams:
        return cls(KDF_MEMORY_KIB, KDF_TIME, KDF_PARALLELISM, os.urandom(SALT_BYTES))

    def to_json(self) -> dict[str, Any]:
        return {
            "naam": KDF_NAME,
            "m": self.memory_kib,
            "t": self.time_cost,
            "p": self.parallelism,
            "zout": base64.b64encode(self.salt).decode("ascii"),
        }

    @classmethod
    def from_json(cls, doc: Any) -> KdfParams:
        """Raises ValueError for anything but sane Argon2id parameters."""
        if not isinstance(doc, dict) or doc.get("naam") != KDF_NAME:
            raise ValueError("onbekende sleutelafleiding")
        values = [doc.get(key) for key in ("m", "t", "p")]
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            raise ValueError("ongeldige parameters")
        m, t, p = values
        # Bounds keep a tampered header from asking for absurd memory or time.
        if not (8 * p <= m <= 4 * 1024 * 1024 and 1 <= t <= 64 and 1 <= p <= 64):
            raise ValueError("ongeldige parameters")
        salt = _b64(doc.get("zout"))
        if len(salt) < 8:
            raise ValueError("ongeldig zout")
        return cls(m, t, p, salt)


def _b64(value: Any) -> bytes:
    if not isinstance(value, str):
        raise ValueError("geen base64")
    try:
        return base64.b64decode(value.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError) as exc:
        raise ValueError("geen geldige base64") from exc


# argon2 and cryptography are imported where they are used: together they cost
# about 40 ms of start-up, which an unencrypted journal should not pay.


def _aesgcm(key: bytes) -> Any:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM(key)


def derive_key(passphrase: str, params: KdfParams) -> bytes:
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw(
        secret=passphrase.encode("utf-8"),
        salt=params.salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


class AesGcmCodec:
    """AES-256-GCM with a fresh nonce per payload and the header line as associated data."""

    name = CODEC_NAME
    chained = True

    def __init__(self, key: bytes, params: KdfParams, check: bytes) -> None:
        self._aead = _aesgcm(key)
        self.params = params
        self._check = check

    @classmethod
    def create(cls, passphrase: str) -> AesGcmCodec:
        """A new key from ``passphrase`` with a fresh salt (new journal or new passphrase)."""
        params = KdfParams.fresh()
        key = derive_key(passphrase, params)
        nonce = os.urandom(NONCE_BYTES)
        check = nonce + _aesgcm(key).encrypt(nonce, CHECK_PLAINTEXT, CHECK_AAD)
        return cls(key, params, check)

    @classmethod
    def unlock(cls, header: dict[str, Any], passphrase: str, path: Path) -> AesGcmCodec:
        """Derive the key named by ``header``; :class:`WrongPassphraseError` if it does not fit."""
        try:
            params = KdfParams.from_json(header.get("kdf"))
            check = _b64(header.get("controle"))
        except ValueError as exc:
            raise CorruptDatabaseError(path, f"de versleutelingskop is ongeldig ({exc})") from exc
        key = derive_key(passphrase, params)
        from cryptography.exceptions import InvalidTag

        try:
            plain = _aesgcm(key).decrypt(check[:NONCE_BYTES], check[NONCE_BYTES:], CHECK_AAD)
        except (InvalidTag, ValueError) as exc:
            raise WrongPassphraseError(path) from exc
        if plain != CHECK_PLAINTEXT:
            raise WrongPassphraseError(path)
        return cls(key, params, check)

    def header_params(self) -> dict[str, Any]:
        return {
            "kdf": self.params.to_json(),
            "controle": base64.b64encode(self._check).decode("ascii"),
        }

    def encode(self, data: bytes, header: bytes) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return base64.b64encode(nonce + self._aead.encrypt(nonce, data, header))

    def decode(self, data: bytes, header: bytes) -> bytes:
        try:
            raw = base64.b64decode(data, validate=True)
        except binascii.Error as exc:
            raise DecryptionError("geen geldige base64") from exc
        if len(raw) < NONCE_BYTES + 16:
            raise DecryptionError("te kort")
        from cryptography.exceptions import InvalidTag

        try:
            return self._aead.decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], header)
        except InvalidTag as exc:
            raise DecryptionError("de gegevens zijn gewijzigd of beschadigd") from exc


def codec_matches(codec: Any, header: dict[str, Any]) -> bool:
    """Does ``codec`` (with its key/salt) belong to a file with this header?"""
    if header.get("codec") != codec.name:
        return False
    return all(header.get(key) == value for key, value in codec.header_params().items())


def read_header(path: Path) -> dict[str, Any] | None:
    """The header JSON of a database-format file, reading only its first line (None if not one)."""
    try:
        with path.open("rb") as handle:
            first = handle.readline(64 * 1024)
    except OSError:
        return None
    if not first.startswith(MAGIC + b" ") or not first.endswith(b"\n"):
        return None
    parts = first[:-1].split(b" ", 2)
    if len(parts) != 3:
        return None
    try:
        header = orjson.loads(parts[2])
    except orjson.JSONDecodeError:
        return None
    return header if isinstance(header, dict) else None


def is_encrypted_header(header: dict[str, Any] | None) -> bool:
    return header is not None and header.get("codec", PlainCodec.name) != PlainCodec.name
