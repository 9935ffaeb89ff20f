"""The exchange format between two teachers' apps: feedback requests and answers.

A file (or a block pasted into mail or chat) has two parts: a readable Dutch
text for a colleague without the app, and an armoured data block the app parses
strictly::

    … readable text …
    -----BEGIN REFLECTIE-UITWISSELING-----
    Versie: 1
    Controle: sha256:<hex of the decoded JSON bytes>

    <base64 of the JSON, in lines of 64 characters>
    -----END REFLECTIE-UITWISSELING-----

Base64 survives mail clients that re-wrap lines; the checksum catches
truncation and hand edits. The JSON itself is parsed with duplicate keys, NaN,
huge numbers, deep nesting and lone surrogates all refused, then checked field
by field. See docs/uitwisseling.md for the fields.

Besides feedback, the same envelope carries a PLG-uitkomst (``soort:
"plg-uitkomst"``); its fields are checked in :mod:`reflectie.team.model`.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
import textwrap
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from reflectie.sanitize import clean_external_text

if TYPE_CHECKING:
    from reflectie.team.model import PlgUitkomst

FORMAT_NAME = "reflectie-uitwisseling"
FORMAT_VERSION = 1
MAX_BYTES = 256 * 1024
MAX_FIELD_CHARS = 20_000
MAX_DEPTH = 4
BEGIN = "-----BEGIN REFLECTIE-UITWISSELING-----"
END = "-----END REFLECTIE-UITWISSELING-----"

KIND_REQUEST = "feedbackvraag"
KIND_ANSWER = "feedbackantwoord"
KIND_UITKOMST = "plg-uitkomst"


class ExchangeError(ValueError):
    """The file or text is not a valid exchange; nothing was stored. Dutch message."""


@dataclass(frozen=True)
class FeedbackRequest:
    """What A sends B: only what A chose to share, never journal text."""

    id: str
    van: str  # A's display name
    van_dagboek: str  # A's journal id, so A's app recognises its own requests
    leervraag: str
    focus: str
    wanneer: str
    kijkpunten: tuple[str, ...]
    verstuurd: str  # ISO 8601

    def to_json(self) -> dict[str, Any]:
        return {
            "formaat": FORMAT_NAME,
            "versie": FORMAT_VERSION,
            "soort": KIND_REQUEST,
            "id": self.id,
            "van": self.van,
            "van_dagboek": self.van_dagboek,
            "leervraag": self.leervraag,
            "focus": self.focus,
            "wanneer": self.wanneer,
            "kijkpunten": list(self.kijkpunten),
            "verstuurd": self.verstuurd,
        }


@dataclass(frozen=True)
class FeedbackAnswer:
    """B's answer in BKC form, naming the request it answers."""

    vraag_id: str
    aan_dagboek: str  # the journal that asked
    van: str  # B's display name
    bevestiging: str
    kritiek: str
    constructief: str
    beantwoord: str  # ISO 8601

    def to_json(self) -> dict[str, Any]:
        return {
            "formaat": FORMAT_NAME,
            "versie": FORMAT_VERSION,
            "soort": KIND_ANSWER,
            "vraag_id": self.vraag_id,
            "aan_dagboek": self.aan_dagboek,
            "van": self.van,
            "bevestiging": self.bevestiging,
            "kritiek": self.kritiek,
            "constructief": self.constructief,
            "beantwoord": self.beantwoord,
        }


Exchange = FeedbackRequest | FeedbackAnswer


# -- writing -----------------------------------------------------------------------------


def _readable(item: Exchange | PlgUitkomst) -> str:
    if not isinstance(item, FeedbackRequest | FeedbackAnswer):
        return item.readable()

    def block(title: str, body: str) -> str:
        return f"{title}:\n{textwrap.indent(body.strip() or '-', '  ')}\n"

    if isinstance(item, FeedbackRequest):
        points = "\n".join(f"- {p}" for p in item.kijkpunten) or "-"
        return (
            f"Feedbackvraag van {item.van or 'een collega'}\n"
            f"{'=' * 40}\n\n"
            f"{item.van or 'Je collega'} vraagt je om feedback op een eigen leervraag.\n\n"
            + block("Leervraag", item.leervraag)
            + block("Let vooral op", item.focus)
            + block("Wanneer en waar", item.wanneer)
            + block("Kijkpunten", points)
            + "\nGeef je antwoord in drie delen: Bevestiging (wat gaat goed), Kritiek (wat\n"
            "ontbreekt of is nog niet zichtbaar) en Constructief (een suggestie).\n"
            "Heb je reflectie? Importeer dit bestand dan met: reflectie importeer BESTAND\n\n"
        )
    return (
        f"Feedback van {item.van or 'een collega'}\n"
        f"{'=' * 40}\n\n"
        + block("Bevestiging (wat gaat goed)", item.bevestiging)
        + block("Kritiek (wat ontbreekt of is nog niet zichtbaar)", item.kritiek)
        + block("Constructief (suggestie)", item.constructief)
        + "\nImporteer dit bestand in reflectie met: reflectie importeer BESTAND\n\n"
    )


def encode(item: Exchange | PlgUitkomst) -> str:
    """The full text of an exchange file or pasted block."""
    payload = json.dumps(item.to_json(), ensure_ascii=False, sort_keys=True).encode("utf-8")
    digest = hashlib.sha256(payload).hexdigest()
    armour = "\n".join(textwrap.wrap(base64.b64encode(payload).decode("ascii"), 64))
    return (
        _readable(item)
        + f"{BEGIN}\nVersie: {FORMAT_VERSION}\nControle: sha256:{digest}\n\n{armour}\n{END}\n"
    )


# -- reading -----------------------------------------------------------------------------

_ARMOUR = re.compile(
    re.escape(BEGIN) + r"\s*\n(?P<headers>(?:[^\n]*:[^\n]*\n)+)\s*\n(?P<body>.*?)" + re.escape(END),
    re.DOTALL,
)


def decode(raw: bytes | str) -> Exchange | PlgUitkomst:
    """Parse an exchange file or pasted text; raise :class:`ExchangeError` on anything odd."""
    if isinstance(raw, str):
        try:
            raw = raw.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise ExchangeError("De tekst bevat ongeldige tekens.") from exc
    if not raw.strip():
        raise ExchangeError("Het bestand is leeg.")
    if len(raw) > MAX_BYTES:
        raise ExchangeError(
            f"Het bestand is te groot ({len(raw) // 1024} kB; maximaal {MAX_BYTES // 1024} kB)."
        )
    if b"\x00" in raw:
        raise ExchangeError(
            "Het bestand bevat binaire gegevens (NUL-tekens); het is geen uitwisseling."
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ExchangeError("Het bestand is geen UTF-8-tekst.") from exc
    match = _ARMOUR.search(text.replace("\r\n", "\n"))
    if match is None:
        if BEGIN in text:
            raise ExchangeError(
                "Het gegevensblok is afgebroken of beschadigd (het einde ontbreekt)."
            )
        raise ExchangeError(
            "Dit is geen uitwisseling van reflectie (feedbackvraag, feedbackantwoord of "
            "PLG-uitkomst)."
        )
    headers = _headers(match.group("headers"))
    if headers.get("versie") != str(FORMAT_VERSION):
        raise ExchangeError(
            f"Onbekende formaatversie {headers.get('versie')!r}; deze reflectie leest versie "
            f"{FORMAT_VERSION}. Werk reflectie bij."
        )
    checksum = headers.get("controle", "")
    if not checksum.startswith("sha256:"):
        raise ExchangeError("De controlecode ontbreekt.")
    try:
        payload = base64.b64decode("".join(match.group("body").split()), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ExchangeError("Het gegevensblok is beschadigd (geen geldige base64).") from exc
    if hashlib.sha256(payload).hexdigest() != checksum[len("sha256:") :].strip().lower():
        raise ExchangeError(
            "De controlecode klopt niet: het bestand is onvolledig of met de hand gewijzigd."
        )
    item = _from_json(strict_json(payload))
    _check_readable_part(text.replace("\r\n", "\n")[: match.start()], item)
    return item


_QUOTE_PREFIX = re.compile(r"(?m)^[ \t]*(?:>[ \t]?)+")


def _squash(text: str) -> str:
    """Whitespace and mail quoting ("> ") folded away (mail programs rewrap and quote),
    and control sequences removed as on every import (a pasted text loses them)."""
    return " ".join(_QUOTE_PREFIX.sub("", clean_external_text(text)).split())


def _check_readable_part(readable: str, item: Exchange | PlgUitkomst) -> None:
    """The data block counts; the readable part above it is what the colleague saw. If
    that part is there but says something else (edited by hand: "vijf" → "zes tellen"),
    importing would silently store a text nobody read: refuse, and say which field.
    A readable part that is missing altogether (only the block was pasted) is fine."""
    if not isinstance(item, FeedbackRequest | FeedbackAnswer):
        return
    shown = _squash(readable)
    if isinstance(item, FeedbackAnswer):
        marker = "Feedback van"
        fields = (
            ("Bevestiging", item.bevestiging),
            ("Kritiek", item.kritiek),
            ("Constructief", item.constructief),
        )
    else:
        marker = "Feedbackvraag van"
        fields = (
            ("Leervraag", item.leervraag),
            ("Let vooral op", item.focus),
            ("Wanneer en waar", item.wanneer),
            *(("Kijkpunten", point) for point in item.kijkpunten),
        )
    if marker not in shown:
        return
    for label, value in fields:
        if value.strip() and _squash(value) not in shown:
            raise ExchangeError(
                f"Het leesbare deel van dit bestand past niet bij het gegevensblok: de tekst "
                f"bij ‘{label}’ is gewijzigd. Er is niets geïmporteerd; vraag je collega "
                "om het bestand opnieuw te sturen."
            )


def _headers(block: str) -> dict[str, str]:
    headers: dict[str, str] = {}
    for line in block.strip().splitlines():
        key, _, value = line.partition(":")
        headers[key.strip().lower()] = value.strip()
    return headers


def strict_json(payload: bytes) -> Any:
    """``json.loads`` with every trick refused: duplicate keys, NaN, huge numbers, deep nesting."""
    try:
        text = payload.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ExchangeError("De gegevens zijn geen UTF-8.") from exc
    depth = max_depth = 0
    in_string = escaped = False
    for ch in text:  # cheap pre-scan so a nesting bomb never reaches the parser
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            max_depth = max(max_depth, depth)
            if max_depth > MAX_DEPTH:
                raise ExchangeError("De gegevens zijn te diep genest.")
        elif ch in "]}":
            depth -= 1

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in items:
            if key in result:
                raise ExchangeError(f"Het veld '{key[:40]}' komt twee keer voor.")
            result[key] = value
        return result

    def bad_constant(name: str) -> Any:
        raise ExchangeError(f"Ongeldige waarde {name} in de gegevens.")

    def small_int(digits: str) -> int:
        if len(digits) > 18:
            raise ExchangeError("Een getal in de gegevens is te groot.")
        return int(digits)

    def small_float(digits: str) -> float:
        if len(digits) > 32:
            raise ExchangeError("Een getal in de gegevens is te groot.")
        return float(digits)

    try:
        return json.loads(
            text,
            object_pairs_hook=pairs,
            parse_constant=bad_constant,
            parse_int=small_int,
            parse_float=small_float,
        )
    except json.JSONDecodeError as exc:
        raise ExchangeError("De gegevens zijn geen geldige JSON.") from exc
    except RecursionError as exc:  # pragma: no cover - the pre-scan stops this first
        raise ExchangeError("De gegevens zijn te diep genest.") from exc


_REQUEST_FIELDS = {
    "formaat", "versie", "soort", "id", "van", "van_dagboek", "leervraag", "focus",
    "wanneer", "kijkpunten", "verstuurd",
}  # fmt: skip
_ANSWER_FIELDS = {
    "formaat", "versie", "soort", "vraag_id", "aan_dagboek", "van", "bevestiging",
    "kritiek", "constructief", "beantwoord",
}  # fmt: skip
_ID = re.compile(r"^[0-9a-f]{8,64}$")


def _from_json(data: Any) -> Exchange | PlgUitkomst:
    if not isinstance(data, dict):
        raise ExchangeError("De gegevens hebben niet de verwachte vorm.")
    if data.get("formaat") != FORMAT_NAME:
        raise ExchangeError("Dit is geen uitwisseling van reflectie.")
    if data.get("versie") != FORMAT_VERSION or isinstance(data.get("versie"), bool):
        raise ExchangeError(f"Onbekende formaatversie {data.get('versie')!r}.")
    kind = data.get("soort")
    if kind == KIND_UITKOMST:
        from reflectie.team.model import uitkomst_from_json

        return uitkomst_from_json(data)
    expected = {KIND_REQUEST: _REQUEST_FIELDS, KIND_ANSWER: _ANSWER_FIELDS}.get(kind)
    if expected is None:
        raise ExchangeError(f"Onbekende soort uitwisseling: {str(kind)[:40]!r}.")
    missing = expected - data.keys()
    extra = data.keys() - expected
    if missing:
        raise ExchangeError(f"Er ontbreken velden: {', '.join(sorted(missing))}.")
    if extra:
        raise ExchangeError(f"Onbekende velden: {', '.join(sorted(extra))[:200]}.")
    if kind == KIND_REQUEST:
        points = data["kijkpunten"]
        if not isinstance(points, list) or len(points) > 20:
            raise ExchangeError(
                "Het veld 'kijkpunten' moet een lijst van hoogstens 20 teksten zijn."
            )
        return FeedbackRequest(
            id=_ident(data, "id"),
            van=_text(data, "van", limit=200, allow_empty=True),
            van_dagboek=_ident(data, "van_dagboek"),
            leervraag=_text(data, "leervraag"),
            focus=_text(data, "focus"),
            wanneer=_text(data, "wanneer", allow_empty=True),
            kijkpunten=tuple(_text({"kijkpunt": p}, "kijkpunt", limit=2000) for p in points),
            verstuurd=_moment(data, "verstuurd"),
        )
    return FeedbackAnswer(
        vraag_id=_ident(data, "vraag_id"),
        aan_dagboek=_ident(data, "aan_dagboek"),
        van=_text(data, "van", limit=200, allow_empty=True),
        bevestiging=_text(data, "bevestiging"),
        kritiek=_text(data, "kritiek"),
        constructief=_text(data, "constructief"),
        beantwoord=_moment(data, "beantwoord"),
    )


def _text(
    data: dict[str, Any], key: str, *, limit: int = MAX_FIELD_CHARS, allow_empty: bool = False
) -> str:
    value = data[key]
    if not isinstance(value, str):
        raise ExchangeError(f"Het veld '{key}' moet tekst zijn.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:  # lone surrogates from \ud800-style escapes
        raise ExchangeError(f"Het veld '{key}' bevat ongeldige tekens.") from exc
    value = clean_external_text(value).strip()
    if len(value) > limit:
        raise ExchangeError(f"Het veld '{key}' is te lang (maximaal {limit} tekens).")
    if not value and not allow_empty:
        raise ExchangeError(f"Het veld '{key}' is leeg.")
    return value


def _ident(data: dict[str, Any], key: str) -> str:
    value = data[key]
    if not isinstance(value, str) or not _ID.match(value):
        raise ExchangeError(f"Het veld '{key}' is geen geldig id.")
    return value


def _moment(data: dict[str, Any], key: str) -> str:
    value = data[key]
    try:
        if not isinstance(value, str) or len(value) > 40:
            raise ValueError
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise ExchangeError(f"Het veld '{key}' is geen geldige datum en tijd.") from exc
    if moment.date() > date(2200, 1, 1):
        raise ExchangeError(f"Het veld '{key}' ligt onwaarschijnlijk ver in de toekomst.")
    return value
