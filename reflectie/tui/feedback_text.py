"""The guidance shown beside the feedback forms, in our own words.

Based on the handvatten bij aanbeveling 4 of the leidraad "Werken aan
onderwijsverbetering" (feedback vragen, geven en ontvangen; BKC; why feedback
goes unused). Rewritten, not quoted: see :data:`SOURCE`.
"""

from __future__ import annotations

from textual.content import Content

SOURCE = (
    "Naar: handvatten bij aanbeveling 4 (samen leren) uit de leidraad "
    "‘Werken aan onderwijsverbetering’, in eigen woorden."
)

ASKING_TITLE = "Zo vraag je feedback die je verder helpt"
ASKING = (
    "Maak de vraag klein: één les, één moment, één ding om op te letten.",
    "Laat zien bij welke leervraag het hoort, zodat je collega weet waarom je het vraagt.",
    "Kies iemand op wiens oordeel je bouwt en bij wie je je op je gemak voelt.",
    "Zeg erbij wat je ermee gaat doen: je sluit af met een of meer voornemens.",
    "Vraag om voorbeelden uit je les; die kun je later zelf terugzien.",
    "Spreek af wanneer je het antwoord verwacht, en bedank je collega achteraf.",
)

GIVING_TITLE = "Zo geef je bruikbare feedback"
GIVING = (
    "Kijk naar waar je collega om vroeg; daar gaat je antwoord over.",
    "Beschrijf wat je zag of hoorde, met een voorbeeld erbij.",
    "Houd het bij de les en de aanpak; een oordeel over de persoon helpt niemand.",
    "Bevestiging: wat werkt al, en waaraan merkte je dat?",
    "Kritiek: wat mist er nog of kwam nog niet goed uit de verf?",
    "Constructief: één haalbare suggestie om mee verder te gaan.",
    "Antwoord binnen een paar dagen, nu de les nog vers is.",
)

RECEIVING_TITLE = "Sta even stil bij wat je ontving"
RECEIVING = (
    "Herken ik wat mijn collega beschrijft? Waar wel, en waar niet?",
    "Voel ik me aangevallen of onzeker? Wat roept dat op?",
    "Gaat dit over mijn aanpak in de les, of lees ik het als een oordeel over mij?",
    "Sluit het aan bij mijn leervraag, of keek mijn collega met een ander doel?",
    "Waar wil ik nog een voorbeeld of uitleg bij vragen?",
    "Wat ga ik concreet anders doen, en wanneer kijk ik of het werkt?",
)

UNUSED_TITLE = "Waarom feedback soms blijft liggen"
UNUSED = (
    "Je hoort kritiek op de les als kritiek op jezelf.",
    "Je schiet in de verdediging of gaat aan jezelf twijfelen.",
    "Je twijfelt of de ander er verstand van heeft.",
    "De feedback gaat over iets anders dan waar jij mee bezig bent.",
    "Het blijft te vaag om er iets mee te doen.",
)


def tips(title: str, items: tuple[str, ...], *extra: tuple[str, tuple[str, ...]]) -> Content:
    """A titled list of tips (and more sections), with the source underneath."""
    parts: list[Content] = []
    for section_title, section in ((title, items), *extra):
        parts.append(Content.styled(section_title, "bold"))
        parts.extend(Content.assemble("• ", line) for line in section)
        parts.append(Content(""))
    parts.append(Content.styled(SOURCE, "dim italic"))
    return Content("\n").join(parts)


def asking_tips() -> Content:
    return tips(ASKING_TITLE, ASKING)


def giving_tips() -> Content:
    return tips(GIVING_TITLE, GIVING)


def receiving_tips() -> Content:
    return tips(RECEIVING_TITLE, RECEIVING, (UNUSED_TITLE, UNUSED))
