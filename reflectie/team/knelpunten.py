"""Knelpunten in carrying out a speerpunt, with tips, and matching a trouble to them.

The three knelpunten and their tips follow handvat 3 of the handvatten bij
aanbeveling 2 (leidraad "Werken aan onderwijsverbetering", mbo), written in our own
words. When a member records trouble ("ik voer het niet uit zoals bedoeld", "het
monitoren schiet erbij in", "het leidt niet tot verbetering"), :func:`match` finds
the knelpunt it sounds like, so the app can offer its tips.

Matching is deliberately simple and explainable: each knelpunt has weighted
signal patterns over the folded text (case and accents ignored); the knelpunt with
the highest score wins, and nothing is offered when no signal fires.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reflectie.team.model import BRON_KNELPUNTEN
from reflectie.textnorm import fold


@dataclass(frozen=True)
class Knelpunt:
    id: str
    titel: str
    herkenning: str  # how a member might notice it
    tips: tuple[str, ...]
    bron: str
    signals: tuple[tuple[str, int], ...]  # (regex over folded text, weight)


KNELPUNTEN: tuple[Knelpunt, ...] = (
    Knelpunt(
        id="niet-zoals-bedoeld",
        titel="De aanpak wordt (nog) niet uitgevoerd zoals bedoeld",
        herkenning=(
            "Je merkt dat jij of anderen in de les iets anders doen dan afgesproken, of de "
            "aanpak af en toe laten liggen."
        ),
        tips=(
            "Praat samen over de reden voor deze aanpak: weet iedereen wat hij moet "
            "opleveren en waarom dat ertoe doet?",
            "Maak helder wat vastligt en waar ieder zelf mag kiezen, zodat niemand hoeft te raden.",
            "Ga eerlijk na of je de vaardigheden al hebt die de aanpak vraagt; oefen zo nodig "
            "samen met een collega.",
            "Bespreek of er genoeg veiligheid is om te oefenen en het onderweg nog niet "
            "goed te doen.",
            "Breng in kaart wat het uitvoeren in de weg zit, zoals tijd, rooster of materiaal.",
            "Kies een oplossing pas als duidelijk is wat de oorzaak is.",
        ),
        bron=BRON_KNELPUNTEN,
        signals=(
            (r"\bzoals (bedoeld|afgesproken|bedacht)\b", 3),
            (r"\banders dan (bedoeld|afgesproken)\b", 3),
            (r"\bniet (uit|uitgevoerd|gedaan|toegepast)\b", 2),
            (r"\bvoer\w* .{0,30}\bniet\b.{0,20}\buit\b", 3),
            (r"\b(wijk\w*|week) .{0,20}\baf\b|\bafwijk", 2),
            (r"\b(lukt|lukte)( me| het)? (nog )?niet\b", 1),
            (r"\bkom\w* er niet aan toe\b|\bschiet er ?bij in\b.{0,20}\b(les|uitvoer)", 1),
            (r"\b(vergeet|vergat|vergeten)\b", 1),
            (r"\b(onduidelijk|niet duidelijk|weet niet (hoe|wat|waarom))\b", 2),
            (r"\b(onzeker|durf|beheers|niet handig|onhandig)\b", 1),
            (r"\b(laat|liet) .{0,20}\bliggen\b", 2),
        ),
    ),
    Knelpunt(
        id="monitoren-schiet-erbij-in",
        titel="Het volgen en bijstellen van de aanpak schiet erbij in",
        herkenning=(
            "Niemand houdt nog bij hoe het gaat, het speerpunt verdwijnt van de agenda of "
            "er is geen moment om de aanpak aan te passen."
        ),
        tips=(
            "Geef de PLG een taak bij het invoeren, volgen en bijstellen van de aanpak.",
            "Plan ruim tijd voor de invoering en voor het bijstellen, en zet die tijd vast "
            "in de jaarplanning.",
            "Spreek vaste momenten af waarop jullie samen praten over hoe de invoering gaat.",
            "Deel in het team zowel wat vastloopt als wat al goed gaat.",
        ),
        bron=BRON_KNELPUNTEN,
        signals=(
            (r"\bmonitor\w*", 3),
            (r"\b(bijhouden|bij te houden|bijgehouden|volgen|gevolgd)\b", 2),
            (r"\bbijstel\w*|\bbij te stellen\b", 2),
            (r"\bschiet\w* er ?bij in\b", 2),
            (r"\b(niet|nooit|nauwelijks) (meer )?(besproken|over gehad|over gepraat)\b", 2),
            (r"\b(geen|weinig) (tijd|moment|ruimte|overleg)\b.{0,30}\b(bespre|evalu|overleg)", 2),
            (r"\b(agenda|vergadering|overleg)\b", 1),
            (r"\b(niemand|geen mens) (kijkt|vraagt|houdt)\b", 2),
            (r"\b(noteren|genoteerd|registreren)\b", 1),
        ),
    ),
    Knelpunt(
        id="geen-verbetering",
        titel="De aanpak leidt (nog) te weinig tot verbetering",
        herkenning=(
            "De aanpak loopt, maar bij je studenten of leerlingen zie je (nog) niet het "
            "verschil waar jullie op hoopten."
        ),
        tips=(
            "Verzamel gegevens en kijk eerst of de aanpak echt gaat zoals afgesproken.",
            "Zoek opnieuw naar de oorzaak: doe de analyse van de huidige situatie nog eens "
            "(stap 2 van de cyclus).",
            "Stel de aanpak bij of maak een aanvullend plan (de stappen 3 tot en met 5).",
        ),
        bron=BRON_KNELPUNTEN,
        signals=(
            (r"\b(geen|weinig|nauwelijks) (verbetering|effect|verschil|resultaat|vooruitgang)", 3),
            (r"\bniet (tot )?(verbetering|beter)\b|\bniet beter\b|\bverbeter\w* niet\b", 3),
            (r"\bleidt\w* (nog )?(niet|nergens)\b|\bleidt\w* tot niets\b", 3),
            (r"\b(helpt|werkt|hielp|werkte)( het)? (nog )?niet\b", 2),
            (r"\blevert\w* (niets|niks|weinig|nog niets)\b", 2),
            (r"\b(resultaten|cijfers|scores)\b.{0,30}\b(gelijk|laag|lager|achter|slechter)\b", 2),
            (r"\b(zelfde|dezelfde) (resultaten|cijfers)\b", 2),
        ),
    ),
)

_BY_ID = {k.id: k for k in KNELPUNTEN}
_COMPILED = {k.id: [(re.compile(p), w) for p, w in k.signals] for k in KNELPUNTEN}


def get(knelpunt_id: str) -> Knelpunt | None:
    return _BY_ID.get(knelpunt_id)


def scores(text: str) -> dict[str, int]:
    """How strongly ``text`` sounds like each knelpunt (0: not at all)."""
    folded = " ".join(fold(text).split())
    return {
        kid: sum(weight for pattern, weight in patterns if pattern.search(folded))
        for kid, patterns in _COMPILED.items()
    }


def match_all(text: str) -> list[Knelpunt]:
    """Every knelpunt ``text`` sounds like, the strongest first."""
    found = scores(text)
    ranked = sorted((k for k in KNELPUNTEN if found[k.id] > 0), key=lambda k: -found[k.id])
    return ranked


def match(text: str) -> Knelpunt | None:
    """The knelpunt ``text`` sounds most like, or None when it names no trouble."""
    ranked = match_all(text)
    return ranked[0] if ranked else None
