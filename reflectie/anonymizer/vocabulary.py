"""The closed word classes the person rules consult: tussenvoegsels, cue words that
announce a person (and the role they imply), determiners, verbs that take a person as
subject, company words. Hand-made for Dutch teacher notes; the open classes (names,
places, ordinary words) live in ``data/`` and are read by ``lexicon.py``."""

from __future__ import annotations

import re


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


TUSSENVOEGSELS = words(
    "van de der den het 't ten ter te in op uit bij aan la le du da di del della dos des von "
    "zu zur vd v d' el al"
)
PLACE_PREPOSITIONS = words(
    "door over langs via tot in naar uit te richting vanuit nabij rond rondom buiten"
)
# prepositions that are only part of a surname together with another tussenvoegsel
PREPOSITION_TVS = words("in op uit bij aan")
# a tussenvoegsel that may open a surname on its own ("Van Dam", "de Vries")
TV_STARTERS = words("van de den der ter ten te von du da la le el al 't in op")
DETERMINERS = words(
    "een de het die deze dit dat mijn jouw je zijn haar ons onze hun jullie uw elke ieder "
    "iedere geen welke zo'n zulke veel weinig alle sommige enkele beide wat hoeveel genoeg "
    "echte"
)
CUES: dict[str, str] = {}
for _role, _cue_words in {
    "collega": "collega collegas juf juffrouw meester mentor mentrix docent docente leraar coach "
    "lerares teamleider directeur rector conrector coordinator stagebegeleider slb'er slber "
    "decaan zorgcoordinator teamlid sectievoorzitter ib'er vertrouwenspersoon",
    "student": "leerling leerlinge student studente stagiair stagiaire cursist klasgenoot "
    "zoon dochter zoontje dochtertje kandidaat examenkandidaat",
    "persoon": "meneer mevrouw mevr mvr mw dhr hr heer mijnheer praktijkopleider leermeester "
    "werkbegeleider oom tante opa oma vader moeder broer zus zusje broertje neef nicht "
    "buurman buurvrouw dr drs prof ir ing mr beste hoi hallo lieve contactpersoon "
    # families and English notes: "fam. Nelom", "ouders Pawirodikromo", "my son Chidi"
    "fam familie ouders gezin mrs ms miss son daughter dear",
}.items():
    for _w in _cue_words.split():
        CUES[_w] = _role
# forms of address after which a lower-case tussenvoegsel starts a surname ("mevrouw van Dijk")
HONORIFICS = words(
    "meneer mevrouw mevr mvr mw dhr hr heer mijnheer juf juffrouw meester collega dr drs prof "
    "ir ing mr docent fam mrs ms"
)
SUBJECT_VERBS = words(
    "zat zit vroeg vraagt zei zegt kwam komt wil wilde wou heeft had vond vindt deed doet "
    "liep loopt belde belt mailde mailt appte appt stuurde stuurt gaf geeft kreeg krijgt "
    "maakte maakt werkte werkt las leest schreef schrijft bleef blijft ging gaat moet moest "
    "kan kon mag mocht zal zou stelde stelt reageerde reageert antwoordde antwoordt huilde "
    "huilt lachte lacht vertelde vertelt bediende hielp helpt speelde speelt miste mist begon "
    "begint stopte stopt snapte snapt weet wist hoorde hoort zag ziet koos kiest durfde durft "
    "leek lijkt praatte praat riep roept haalde haalt toonde toont legde legt presenteerde "
    "presenteert zegt vertelde had heeft deed kwam liet laat hoopt hoopte denkt dacht wilde "
    "zei probeerde probeert ontving ontvangt scoorde scoort faalde slaagde slaagt zakte "
    "twijfelt twijfelde"
)
SPEECH = words(
    "zei vroeg vertelde antwoordde riep schreef mailde appte belde aldus reageerde zegt vraagt "
    "vertelt antwoordt roept schrijft mailt appt belt reageert"
)
# words after which a listed name in lower case is a person ("met roos besproken")
PERSON_CONTEXT = words(
    "met aan voor door bij tegen naast zoals sprak spreek zag zie vroeg vraag hielp help belde "
    "bel mailde mail gaf geef"
)
# a name right before one of these words names an institution: "Johan de Witt College"
INSTITUTIONS = words(
    "college lyceum gymnasium scholengemeenschap scholengroep school academie instituut "
    "universiteit ziekenhuis stichting fonds prijs huis kliniek centrum"
)
STREET_SUFFIXES = (
    "straat",
    "laan",
    "weg",
    "plein",
    "kade",
    "singel",
    "gracht",
    "dreef",
    "steeg",
    "park",
)
COPULAS = words("is was wordt werd blijft bleef lijkt leek")
COMPANY_WORDS = words(
    "bakkerij slagerij kapsalon kapperszaak kapper garage autobedrijf autogarage bedrijf "
    "bouwbedrijf installatiebedrijf schildersbedrijf hoveniersbedrijf loonbedrijf "
    "transportbedrijf aannemersbedrijf timmerbedrijf schoonmaakbedrijf cateringbedrijf "
    "adviesbureau bureau kantoor advocatenkantoor notariskantoor accountantskantoor "
    "administratiekantoor makelaardij makelaar tandartspraktijk fysiotherapie "
    "fysiotherapiepraktijk huisartsenpraktijk praktijk dierenkliniek dierenartsenpraktijk "
    "apotheek drogisterij bloemisterij kwekerij boerderij zorgboerderij manege tuincentrum "
    "restaurant cafe eetcafe brasserie hotel pension winkel supermarkt modehuis juwelier "
    "opticien fietsenwinkel fietsenmaker rijschool drukkerij schoonheidssalon nagelstudio "
    "studio salon atelier kinderopvang kinderdagverblijf gastouderbureau zorgcentrum "
    "autoschade bakker slager groenteboer visboer loodgieter elektricien stukadoor"
)
GENERIC_COMPANY_WORDS = words(
    "bedrijf bureau kantoor praktijk winkel studio salon atelier restaurant hotel cafe school"
)
COMPANY_SUFFIXES = (
    "bedrijf",
    "school",
    "praktijk",
    "kantoor",
    "winkel",
    "salon",
    "studio",
    "bureau",
    "zaak",
    "handel",
    "kwekerij",
    "bakkerij",
    "slagerij",
    "garage",
)
COMPANY_TAIL = re.compile(
    r"(?:\s*(?:&|en)\s*(?:Zonen|Zn\.?|Co\.?|Dochters?|Partners)|\s+(?:B\.V\.|BV|VOF|V\.O\.F\.))"
)
ACRONYM = re.compile(r"(?<![\w.])[A-Z]{1,2}(?:v|vd|vdr|vh|d|t|te|ter|ten|dl)[A-Z]{1,2}(?![\w])")
ACRONYM_STOP = frozenset(
    [
        "PvdA",
        "KvK",
        "CvB",
        "RvT",
        "RvC",
        "RvA",
        "RvS",
        "CvE",
        "CvTE",
        "VvE",
        "MvT",
        "BvO",
        "OvJ",
        "MvO",
        "IvhO",
        "RvdK",
    ]
)


# right after a name: an apposition or a relative clause that makes it a person
# ("Bas (klas 3C) zat", "Wolf (2A)", "Tsega, die", "Noor (15)", "Ayoub (vader)")
APPOSITION = re.compile(
    r"(?:\s*\((?:klas\s|groep\s|\d{1,2}\s?[a-zA-Z]{0,4}\b|[a-zA-Z]{1,2}\d|\d{1,2}\)|"
    r"leerling|student|stagiair|mentor|vader|moeder|zoon|dochter|teamleider|docent|coach|"
    r"begeleider|decaan|directeur|rector|conrector|slb|zorgco|praktijkopleider|assessor)"
    r"|,\s(?:die|wie|wiens|wier)\s|,\s\d{1,2}\s(?:jaar|jr)\b)"
)
MONTH_ABBREVIATIONS = words("jan feb febr mrt apr jun jul aug sep sept okt nov dec")
# "15 jan.": a day number (and a space) right before the word
DAY_BEFORE = re.compile(r"\b\d{1,2}\s?$")
YEAR_AFTER = re.compile(r"\.?\s(?:19|20)\d{2}\b")
# capitalised words that join a first name and a surname: "Lieke Oude Elferink",
# "Jan Groot Koerkamp", "Gerrit Olde Monnikhof"
SURNAME_PREFIXES = words("oude olde groot klein lange korte ten te ter thoe")
# words after which a capitalised word that is no Dutch word names a person ("met Tsega")
NAME_PREPOSITIONS = PERSON_CONTEXT - words("voor door bij")
# a town right after its postcode: "5102 nk Dongen", "2511 CV Den Haag"
AFTER_POSTCODE = re.compile(r"\b[1-9]\d{3}\s?[A-Za-z]{2},?\s+$")
# ... and after these, when it is no Dutch word and no known proper noun either
# ("appje van Yorman", "een cadeau voor Kalkidan")
WEAK_NAME_PREPOSITIONS = words("van voor door naast ben heet heten")
# a name that opens a line of a chat or a list: "Hiwot: …", "Ghebreyesus, F."
LINE_NAME = re.compile(r":\s|,\s[A-Z]\.")
# initials standing alone for a person: "A.K. had ruzie met T.H.", "D.M. (vader van J.M.)"
BARE_INITIALS = re.compile(r"(?<![\w.])(?:[A-Z]\.){2,3}(?![\w])(?!\s?[A-Z][a-z])")
INITIALS_STOP = words(
    "nb ps ok vs bv nv ab pm am cv eu vn uk ov ko ao bo vo po so mo ho wo zo rk bn cc ib ns tv ehbo"
)
# a surname initial right after a name: "Noni S.", "Edmilson T."
INITIAL_AFTER = re.compile(r" [A-Z]\.(?![\w.])")
