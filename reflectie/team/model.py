"""A PLG-uitkomst as data: speerpunten, roles, and the strict wire format.

An uitkomst is what a PLG decided in one meeting. It has a stable ``id`` and a
version number: a newer version of the same uitkomst (same id, higher
``uitkomst_versie``) replaces the older one in every member's app. Each speerpunt
has a stable id too, so a member's monitoring notes stay attached when the aanpak
is adjusted.

Roles are ids from :data:`ROLES` (``kwaliteitsbewaker``, …): a file names roles,
never people. Who holds a role is agreed in the meeting and marked by each member
in their own app.

The wire format is a kind of :mod:`reflectie.exchange` (``soort: "plg-uitkomst"``);
:func:`uitkomst_from_json` checks every field as strictly as the feedback kinds
(docs/uitwisseling.md).
"""

from __future__ import annotations

import re
import secrets
import textwrap
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from reflectie.exchange import (
    FORMAT_NAME,
    FORMAT_VERSION,
    KIND_UITKOMST,
    ExchangeError,
    _ident,
    _moment,
    _text,
)
from reflectie.model import ValidationError
from reflectie.prompts import render_text

MAX_SPEERPUNTEN = 10
MAX_LIST = 20
MAX_TITLE = 200
MAX_LONG = 5000
MAX_ITEM = 500
MAX_VERSION = 1_000_000

# -- sources -----------------------------------------------------------------------------------

BRON_LEIDRAAD_2 = (
    "Leidraad ‘Werken aan onderwijsverbetering’ voor mbo en vo (onderwijskennis.nl), "
    "aanbeveling 2: uitvoeren, monitoren, bijstellen en borgen"
)
BRON_BORGING = (
    "Handvatten bij aanbeveling 2, leidraad ‘Werken aan onderwijsverbetering’ mbo "
    "(onderwijskennis.nl), handvat 2: tips voor borging"
)
BRON_KNELPUNTEN = (
    "Handvatten bij aanbeveling 2, leidraad ‘Werken aan onderwijsverbetering’ mbo "
    "(onderwijskennis.nl), handvat 3: knelpunten"
)
BRON_STUDENTEN = "Verslag Q-dagen (NCP EQAVET, 2017), thema 4: betrokkenheid van studenten"


# -- roles -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Role:
    """A role in carrying out a speerpunt. Texts may use the prompt placeholders."""

    id: str
    titel: str
    beschrijving: str
    taken: tuple[str, ...]
    bron: str

    def render_titel(self, sector: str) -> str:
        return render_text(self.titel, sector)

    def neutral_titel(self) -> str:
        """The title for readers whose sector is unknown (the text of an exchange file)."""
        return render_text(self.titel.replace("{studenten}", "studenten/leerlingen"), "mbo")

    def render_taken(self, sector: str) -> list[str]:
        return [render_text(t, sector) for t in self.taken]


KWALITEITSBEWAKER = "kwaliteitsbewaker"

ROLES: dict[str, Role] = {
    role.id: role
    for role in (
        Role(
            KWALITEITSBEWAKER,
            "Kwaliteitsbewaker",
            "Een teamlid dat het speerpunt levend houdt en let op de kwaliteit van de aanpak.",
            (
                "Kijk geregeld mee of de aanpak in de praktijk gaat zoals afgesproken, "
                "bijvoorbeeld met korte lesbezoeken.",
                "Help {teamleden}, zeker nieuwe, de aanpak goed uit te voeren: geef feedback "
                "en beantwoord hun vragen.",
                "Volg wat er rond het speerpunt verschijnt: nieuwe kennis, digitale "
                "mogelijkheden en materiaal.",
                "Ga na of de aanpak de verbetering oplevert waar het team op hoopt.",
                "Bewaak de samenhang van de aanpak over leerjaren en vakken van de "
                "{opleiding} heen.",
                "Vertel in het teamoverleg wat je ziet, en stel zo nodig een nieuwe "
                "verbeterronde voor.",
            ),
            BRON_BORGING + " (borgen in personen)",
        ),
        Role(
            "trekker",
            "Trekker van het verbeterproces",
            "Houdt het verbeterproces als geheel op gang: wie doet wat, wanneer en waarmee.",
            (
                "Zorg dat mensen, middelen en planning klaarstaan voordat de aanpak start.",
                "Houd bij welke afspraken er lopen en wie waarvoor aan de lat staat.",
                "Zorg dat de monitoringmomenten echt op de agenda van de PLG komen.",
                "Meld het wanneer randvoorwaarden ontbreken, bij wie erover gaat.",
            ),
            BRON_LEIDRAAD_2,
        ),
        Role(
            "evaluatiehouder",
            "Evaluatiehouder",
            "Bereidt de evaluatie op de afgesproken datum voor.",
            (
                "Spreek vooraf af welke gegevens laten zien of de aanpak werkt, en wie ze "
                "verzamelt.",
                "Breng de gegevens en de gedeelde monitoringnotities samen voor de evaluatie.",
                "Leid het gesprek over de keuze: doorgaan, bijstellen of afsluiten.",
            ),
            BRON_LEIDRAAD_2,
        ),
        Role(
            "aanspreekpunt-lerenden",
            "Aanspreekpunt {studenten}",
            "Zorgt dat de stem van {studenten} meetelt in elke stap van het speerpunt.",
            (
                "Vraag {studenten} geregeld hoe zij de aanpak ervaren en breng dat in bij "
                "het team.",
                "Laat {studenten} meedenken bij het plannen, uitvoeren en evalueren, niet "
                "pas achteraf.",
                "Vertel {studenten} wat het team met hun inbreng heeft gedaan.",
            ),
            BRON_STUDENTEN,
        ),
    )
}

DEFAULT_ROLES: tuple[str, ...] = (KWALITEITSBEWAKER,)


# -- the uitkomst ------------------------------------------------------------------------------


def new_plan_id() -> str:
    """Ids travel between journals: long enough never to collide across PLGs."""
    return secrets.token_hex(8)


@dataclass(frozen=True)
class SpeerpuntPlan:
    """One speerpunt as the PLG agreed it (what travels; no member's own state)."""

    id: str
    titel: str
    aanpak: str
    zoals_bedoeld: str
    aandachtspunten: tuple[str, ...] = ()
    monitoring: tuple[str, ...] = ()
    evaluatie: str = ""  # ISO date, or "" when not agreed yet
    rollen: tuple[str, ...] = DEFAULT_ROLES
    betrekken: str = ""  # how students / pupils are involved

    @property
    def evaluatie_datum(self) -> date | None:
        return date.fromisoformat(self.evaluatie) if self.evaluatie else None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "titel": self.titel,
            "aanpak": self.aanpak,
            "zoals_bedoeld": self.zoals_bedoeld,
            "aandachtspunten": list(self.aandachtspunten),
            "monitoring": list(self.monitoring),
            "evaluatie": self.evaluatie,
            "rollen": list(self.rollen),
            "betrekken": self.betrekken,
        }

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> SpeerpuntPlan:
        """From a stored (already validated) document."""
        return cls(
            id=doc["id"],
            titel=doc["titel"],
            aanpak=doc["aanpak"],
            zoals_bedoeld=doc["zoals_bedoeld"],
            aandachtspunten=tuple(doc.get("aandachtspunten") or ()),
            monitoring=tuple(doc.get("monitoring") or ()),
            evaluatie=doc.get("evaluatie") or "",
            rollen=tuple(doc.get("rollen") or ()),
            betrekken=doc.get("betrekken") or "",
        )


@dataclass(frozen=True)
class PlgUitkomst:
    """What a PLG decided in one meeting, in one version."""

    id: str
    uitkomst_versie: int
    titel: str
    opgesteld: str  # ISO 8601
    speerpunten: tuple[SpeerpuntPlan, ...] = field(default_factory=tuple)

    def to_json(self) -> dict[str, Any]:
        return {
            "formaat": FORMAT_NAME,
            "versie": FORMAT_VERSION,
            "soort": KIND_UITKOMST,
            "id": self.id,
            "uitkomst_versie": self.uitkomst_versie,
            "titel": self.titel,
            "opgesteld": self.opgesteld,
            "speerpunten": [s.to_json() for s in self.speerpunten],
        }

    def content(self) -> dict[str, Any]:
        """What the PLG decided, without the envelope: compared on import."""
        data = self.to_json()
        for key in ("formaat", "versie", "soort"):
            del data[key]
        return data

    def readable(self) -> str:
        """The Dutch text above the data block, for a colleague without the app."""
        lines = [
            f"PLG-uitkomst: {self.titel or 'afspraken uit de PLG'} (versie {self.uitkomst_versie})",
            "=" * 40,
            "",
            "De PLG heeft de volgende afspraken gemaakt. In dit bestand staan rollen, geen namen.",
            "",
        ]
        for n, plan in enumerate(self.speerpunten, 1):
            lines += [f"Speerpunt {n}: {plan.titel}", ""]
            lines += _block("Aanpak", plan.aanpak)
            lines += _block("Uitgevoerd zoals bedoeld betekent", plan.zoals_bedoeld)
            if plan.aandachtspunten:
                lines += _block("Aandachtspunten", _bullets(plan.aandachtspunten))
            if plan.monitoring:
                lines += _block("Monitoring", _bullets(plan.monitoring))
            if plan.betrekken:
                lines += _block("Studenten of leerlingen betrekken", plan.betrekken)
            lines += _block("Evaluatie op", plan.evaluatie or "nog af te spreken")
            roles = [ROLES[r].neutral_titel().lower() for r in plan.rollen if r in ROLES]
            lines += _block("Rollen", ", ".join(roles) or "-")
        lines += [
            "Heb je reflectie? Importeer dit bestand dan met: reflectie importeer BESTAND",
            "",
            "",
        ]
        return "\n".join(lines)


def _block(title: str, body: str) -> list[str]:
    return [f"{title}:", textwrap.indent(body.strip() or "-", "  "), ""]


def _bullets(items: tuple[str, ...]) -> str:
    return "\n".join(f"- {item}" for item in items)


# -- authoring (ValidationError, messages for the one who writes) ------------------------------


def _required(text: str | None, what: str, limit: int) -> str:
    value = (text or "").strip()
    if not value:
        raise ValidationError(f"{what} is leeg; er is niets geschreven.")
    if len(value) > limit:
        raise ValidationError(f"{what} is te lang (maximaal {limit} tekens).")
    return value


def _items(values: tuple[str, ...] | list[str], what: str) -> tuple[str, ...]:
    cleaned = tuple(v.strip() for v in values if v and v.strip())
    if len(cleaned) > MAX_LIST:
        raise ValidationError(f"Te veel {what} (maximaal {MAX_LIST}).")
    for value in cleaned:
        if len(value) > MAX_ITEM:
            raise ValidationError(f"Een van de {what} is te lang (maximaal {MAX_ITEM} tekens).")
    return cleaned


def check_roles(rollen: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    unique = tuple(dict.fromkeys(r.strip().lower() for r in rollen if r.strip()))
    unknown = [r for r in unique if r not in ROLES]
    if unknown:
        raise ValidationError(
            f"Onbekende rol '{unknown[0]}'. Kies uit: {', '.join(ROLES)}. "
            "In een uitkomst staan rollen, nooit namen."
        )
    return unique


def make_plan(
    titel: str,
    aanpak: str,
    zoals_bedoeld: str,
    *,
    aandachtspunten: tuple[str, ...] | list[str] = (),
    monitoring: tuple[str, ...] | list[str] = (),
    evaluatie: date | None = None,
    rollen: tuple[str, ...] | list[str] = DEFAULT_ROLES,
    betrekken: str = "",
    plan_id: str | None = None,
) -> SpeerpuntPlan:
    """A checked speerpunt for a new uitkomst (a fresh id unless ``plan_id`` is given)."""
    if plan_id is not None and not _ID.match(plan_id):
        raise ValidationError(f"'{plan_id}' is geen geldig id.")
    betrekken = (betrekken or "").strip()
    if len(betrekken) > MAX_LONG:
        raise ValidationError(f"Het betrekken van studenten is te lang (maximaal {MAX_LONG}).")
    return SpeerpuntPlan(
        id=plan_id or new_plan_id(),
        titel=_one_line(_required(titel, "De titel van het speerpunt", MAX_TITLE)),
        aanpak=_required(aanpak, "De aanpak", MAX_LONG),
        zoals_bedoeld=_required(zoals_bedoeld, "Wat 'uitgevoerd zoals bedoeld' betekent", MAX_LONG),
        aandachtspunten=_items(list(aandachtspunten), "aandachtspunten"),
        monitoring=_items(list(monitoring), "monitoringmomenten"),
        evaluatie=evaluatie.isoformat() if evaluatie else "",
        rollen=check_roles(list(rollen)),
        betrekken=betrekken,
    )


def make_uitkomst(
    speerpunten: list[SpeerpuntPlan] | tuple[SpeerpuntPlan, ...],
    *,
    opgesteld: str,
    titel: str = "",
    uitkomst_id: str | None = None,
    uitkomst_versie: int = 1,
) -> PlgUitkomst:
    if not speerpunten:
        raise ValidationError("Een uitkomst heeft minstens één speerpunt.")
    if len(speerpunten) > MAX_SPEERPUNTEN:
        raise ValidationError(f"Te veel speerpunten (maximaal {MAX_SPEERPUNTEN}).")
    titles = [s.titel.casefold() for s in speerpunten]
    if len(set(titles)) != len(titles):
        raise ValidationError("Twee speerpunten hebben dezelfde titel; maak ze verschillend.")
    if len({s.id for s in speerpunten}) != len(speerpunten):
        raise ValidationError("Twee speerpunten hebben hetzelfde id.")
    titel = _one_line((titel or "").strip())
    if len(titel) > MAX_TITLE:
        raise ValidationError(f"De titel van de uitkomst is te lang (maximaal {MAX_TITLE}).")
    if not 1 <= uitkomst_versie <= MAX_VERSION:
        raise ValidationError("Ongeldig versienummer.")
    return PlgUitkomst(
        id=uitkomst_id or new_plan_id(),
        uitkomst_versie=uitkomst_versie,
        titel=titel,
        opgesteld=opgesteld,
        speerpunten=tuple(speerpunten),
    )


def _one_line(text: str) -> str:
    return " ".join(text.split())


# -- reading (ExchangeError, strict) -----------------------------------------------------------

_ID = re.compile(r"^[0-9a-f]{8,64}$")
_UITKOMST_FIELDS = {
    "formaat", "versie", "soort", "id", "uitkomst_versie", "titel", "opgesteld", "speerpunten",
}  # fmt: skip
_SPEERPUNT_FIELDS = {
    "id", "titel", "aanpak", "zoals_bedoeld", "aandachtspunten", "monitoring", "evaluatie",
    "rollen", "betrekken",
}  # fmt: skip


def _exact_fields(data: dict[str, Any], expected: set[str], where: str) -> None:
    missing = expected - data.keys()
    extra = data.keys() - expected
    if missing:
        raise ExchangeError(f"Er ontbreken velden{where}: {', '.join(sorted(missing))}.")
    if extra:
        raise ExchangeError(f"Onbekende velden{where}: {', '.join(sorted(extra))[:200]}.")


def _text_list(data: dict[str, Any], key: str, limit: int = MAX_LIST) -> tuple[str, ...]:
    values = data[key]
    if not isinstance(values, list) or len(values) > limit:
        raise ExchangeError(f"Het veld '{key}' moet een lijst van hoogstens {limit} teksten zijn.")
    return tuple(_text({key: v}, key, limit=MAX_ITEM) for v in values)


def _evaluation_date(data: dict[str, Any]) -> str:
    value = data["evaluatie"]
    if value == "":
        return ""
    try:
        if not isinstance(value, str) or len(value) != 10:
            raise ValueError
        day = date.fromisoformat(value)
    except ValueError as exc:
        raise ExchangeError("Het veld 'evaluatie' is geen datum (JJJJ-MM-DD).") from exc
    if not date(2000, 1, 1) <= day <= date(2200, 1, 1):
        raise ExchangeError("Het veld 'evaluatie' ligt buiten de verwachte jaren.")
    return value


def _speerpunt_from_json(data: Any, n: int) -> SpeerpuntPlan:
    where = f" in speerpunt {n}"
    if not isinstance(data, dict):
        raise ExchangeError(f"Speerpunt {n} heeft niet de verwachte vorm.")
    _exact_fields(data, _SPEERPUNT_FIELDS, where)
    roles = _text_list(data, "rollen", limit=len(ROLES))
    unknown = [r for r in roles if r not in ROLES]
    if unknown:
        raise ExchangeError(
            f"Onbekende rol '{unknown[0][:40]}'{where}. Werk reflectie bij als de opsteller "
            "een nieuwere versie gebruikt."
        )
    if len(set(roles)) != len(roles):
        raise ExchangeError(f"Een rol staat twee keer{where}.")
    return SpeerpuntPlan(
        id=_ident(data, "id"),
        titel=_one_line(_text(data, "titel", limit=MAX_TITLE)),
        aanpak=_text(data, "aanpak", limit=MAX_LONG),
        zoals_bedoeld=_text(data, "zoals_bedoeld", limit=MAX_LONG),
        aandachtspunten=_text_list(data, "aandachtspunten"),
        monitoring=_text_list(data, "monitoring"),
        evaluatie=_evaluation_date(data),
        rollen=roles,
        betrekken=_text(data, "betrekken", limit=MAX_LONG, allow_empty=True),
    )


def uitkomst_from_json(data: dict[str, Any]) -> PlgUitkomst:
    """Check a decoded ``plg-uitkomst`` field by field; raise :class:`ExchangeError`."""
    _exact_fields(data, _UITKOMST_FIELDS, "")
    version = data["uitkomst_versie"]
    if isinstance(version, bool) or not isinstance(version, int):
        raise ExchangeError("Het veld 'uitkomst_versie' moet een geheel getal zijn.")
    if not 1 <= version <= MAX_VERSION:
        raise ExchangeError("Het veld 'uitkomst_versie' heeft een ongeldige waarde.")
    raw = data["speerpunten"]
    if not isinstance(raw, list) or not 1 <= len(raw) <= MAX_SPEERPUNTEN:
        raise ExchangeError(
            f"Het veld 'speerpunten' moet een lijst van 1 tot {MAX_SPEERPUNTEN} speerpunten zijn."
        )
    plans = tuple(_speerpunt_from_json(item, n) for n, item in enumerate(raw, 1))
    if len({p.id for p in plans}) != len(plans):
        raise ExchangeError("Twee speerpunten hebben hetzelfde id.")
    if len({p.titel.casefold() for p in plans}) != len(plans):
        raise ExchangeError("Twee speerpunten hebben dezelfde titel.")
    return PlgUitkomst(
        id=_ident(data, "id"),
        uitkomst_versie=version,
        titel=_one_line(_text(data, "titel", limit=MAX_TITLE, allow_empty=True)),
        opgesteld=_moment(data, "opgesteld"),
        speerpunten=plans,
    )
