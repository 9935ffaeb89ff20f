"""Finding person names (and company names built on them) in one text.

The rules, in the order they are tried at each token:

* a company word followed by a name ("Bakkerij Van Dam", "Kapsalon Yasmina");
* a form of address or role followed by a name ("meneer Bos", "juf Fenna", "collega Priya");
* initials followed by a surname ("J. de Vries", "A.J. Hendriks");
* a tussenvoegsel followed by a surname ("Van Dam", "de Vries" after a name or cue);
* a first name (from the teacher's list or the lexicon), then any further first names,
  tussenvoegsels and a surname ("Sanne van den Berg", "Jansen-de Boer");
* a surname from the lexicon, capitalised mid-sentence ("met Jansen gebeld");
* a name already found elsewhere in the export (propagation, see ``forms``);
* afterwards, capitalised words in no list whose context names them ("zei Quinty"),
  and acronym initials ("JdV", "MvdL").

Case matters the Dutch way: ordinary nouns are lower case, so a capitalised word in
the middle of a sentence is strong evidence, a capitalised word at the start of a
sentence is not, and a lower-case word is only a name when it is not also a common
word ("kees" yes, "roos" no). Cited authors are protected by citation patterns.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from reflectie.anonymizer.lexicon import Lexicon, fold, lexicon
from reflectie.anonymizer.tokens import Token, tokenize


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


TUSSENVOEGSELS = _words(
    "van de der den het 't ten ter te in op uit bij aan la le du da di del della dos des von "
    "zu zur vd v d' el al"
)
_PLACE_PREPOSITIONS = _words(
    "door over langs via tot in naar uit te richting vanuit nabij rond rondom buiten"
)
# prepositions that are only part of a surname together with another tussenvoegsel
_PREPOSITION_TVS = _words("in op uit bij aan")
# a tussenvoegsel that may open a surname on its own ("Van Dam", "de Vries")
_TV_STARTERS = _words("van de den der ter ten te von du da la le el al 't in op")
DETERMINERS = _words(
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
    "zoon dochter zoontje dochtertje",
    "persoon": "meneer mevrouw mevr mvr mw dhr hr heer mijnheer praktijkopleider leermeester "
    "werkbegeleider oom tante opa oma vader moeder broer zus zusje broertje neef nicht "
    "buurman buurvrouw dr drs prof ir ing mr beste hoi hallo lieve contactpersoon",
}.items():
    for _w in _cue_words.split():
        CUES[_w] = _role
# forms of address after which a lower-case tussenvoegsel starts a surname ("mevrouw van Dijk")
HONORIFICS = _words(
    "meneer mevrouw mevr mvr mw dhr hr heer mijnheer juf juffrouw meester collega dr drs prof "
    "ir ing mr docent"
)
SUBJECT_VERBS = _words(
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
_SPEECH = _words(
    "zei vroeg vertelde antwoordde riep schreef mailde appte belde aldus reageerde zegt vraagt "
    "vertelt antwoordt roept schrijft mailt appt belt reageert"
)
# words after which a listed name in lower case is a person ("met roos besproken")
_PERSON_CONTEXT = _words(
    "met aan voor door bij tegen naast zoals sprak spreek zag zie vroeg vraag hielp help belde "
    "bel mailde mail gaf geef"
)
# a name right before one of these words names an institution: "Johan de Witt College"
_INSTITUTIONS = _words(
    "college lyceum gymnasium scholengemeenschap scholengroep school academie instituut "
    "universiteit ziekenhuis stichting fonds prijs huis kliniek centrum"
)
_STREET_SUFFIXES = (
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
_COPULAS = _words("is was wordt werd blijft bleef lijkt leek")
COMPANY_WORDS = _words(
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
_GENERIC_COMPANY_WORDS = _words(
    "bedrijf bureau kantoor praktijk winkel studio salon atelier restaurant hotel cafe school"
)
_COMPANY_SUFFIXES = (
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
_COMPANY_TAIL = re.compile(
    r"(?:\s*(?:&|en)\s*(?:Zonen|Zn\.?|Co\.?|Dochters?|Partners)|\s+(?:B\.V\.|BV|VOF|V\.O\.F\.))"
)
_ACRONYM = re.compile(r"(?<![\w.])[A-Z]{1,2}(?:v|vd|vdr|vh|d|t|te|ter|ten|dl)[A-Z]{1,2}(?![\w])")
_ACRONYM_STOP = frozenset(
    [
        "PvdA",
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
# citation patterns: "(Dweck, 2006)", "Hattie en Timperley (2007)", "volgens Rosenshine"
_YEAR = r"(?:19|20)\d{2}[a-z]?"
_HAS_YEAR = re.compile(r"\b" + _YEAR + r"\b")
_PAREN_CITATION = re.compile(r"\(([^()]{1,200}?)\b" + _YEAR + r"\b[^()]{0,80}\)")
_NARRATIVE_CITATION = re.compile(
    r"((?:[A-Z][\w'’-]+(?![\w'’-])(?:\s+(?:van|de|der|den)\s+[A-Z][\w'’-]+(?![\w'’-]))?"
    r"(?:\s+et\s+al\.?)?(?:\s*,\s*|\s+(?:en|&|and)\s+)?)+)\s*\(" + _YEAR + r"(?:[,;:][^)]*)?\)"
)
# a reference list entry: "Toly, R. van, Groot, A. & Brouwer, P. (2017)"
_REFERENCE = re.compile(
    r"((?:[A-Z][\w'’-]+(?![\w'’-]),\s*(?:[A-Z][a-z]?\.\s*)+(?:(?:van|de|der|den|te|ter|ten)\b\s*)*"
    r"(?:,\s*|&\s*|en\s+)?)+)\(?" + _YEAR + r"\b"
)
_NAME = r"(?:(?:[Vv]an|[Dd]e|[Dd]er|[Dd]en|[Tt]er|[Tt]en|[Tt]e|'t)\s+)*[A-Z][\w'’-]+(?![\w'’-])"
_NAMES = "(" + _NAME + r"(?:(?:\s*[,&]\s*|\s+en\s+)" + _NAME + ")*)"
_LITERATURE_NOUNS = (
    r"model(?:len)?|theorie(?:ën)?|boek(?:en)?|artikel(?:en)?|cyclus|taxonomie|piramide|"
    r"behoeften|kwadrant(?:en)?|principes?|rollen|stijlen|fasen|stappen|niveaus|onderzoek|"
    r"studie|methode|aanpak|ideeën|inzichten|werk|framework|raamwerk|visie|definitie|lezing|"
    r"podcast|cirkel|matrix|frustraties|lessen|mindset|trap|ladder|ijsberg|roos|ui|"
    r"kernkwaliteiten|intelligenties|dimensies|factoren|componenten|elementen|bouwstenen|"
    r"pijlers|sleutels|strategieën|technieken|checklist|schema|indeling|typologie|regels"
)
_LITERATURE = re.compile(r"\b((?i:volgens)|van|uit|door)\s+" + _NAMES)
_LITERATURE_BEFORE = re.compile(
    r"(?:\b[\w-]*(?:" + _LITERATURE_NOUNS + r")|\bhoofdstuk \d+|\*[^*\n]{2,80}\*|_[^_\n]{2,80}_|"
    r"\b(?:geïnspireerd|beschreven|bedacht|ontwikkeld|geschreven))\s*$"
)


@dataclass(slots=True)
class Mention:
    """One name found in a text; ``labels.Registry`` turns it into an entity label."""

    start: int
    end: int
    reason: str
    kind: str = "persoon"  # "persoon" | "bedrijf"
    given: tuple[str, ...] = ()
    sur: str = ""  # folded surname core: "vries", "meer-jansen"
    sur_parts: tuple[str, ...] = ()
    initial: str = ""  # first letter of the given name when only initials are written
    acronym: str = ""  # "jdv" for "JdV"
    role: str = ""  # "collega" | "student" | "persoon" | ""
    poss: bool = False
    forms: dict[str, bool] = field(default_factory=dict)  # key -> is a given name
    company: str = ""
    forced: str = ""


@dataclass(frozen=True, slots=True)
class KnownIndex:
    """The teacher's names, split into the parts that can be matched on their own."""

    keys: frozenset[str]  # every matchable part (given names, surname cores, parts)
    given: frozenset[str]
    entries: tuple[
        tuple[str, tuple[str, ...], str, tuple[str, ...]], ...
    ]  # role, given, sur, parts


def build_known(entries: Iterable[tuple[str, str]]) -> KnownIndex:
    """``entries``: (role, full name as written) pairs."""
    keys: set[str] = set()
    given_keys: set[str] = set()
    out = []
    lex = lexicon()
    for role, name in entries:
        words = [w for w in re.split(r"\s+", name.strip()) if w]
        if not words:
            continue
        tv_at = next((n for n, w in enumerate(words) if fold(w) in TUSSENVOEGSELS and n > 0), None)
        if len(words) == 1:
            parts = [p for p in re.split(r"-", words[0]) if p]
            key = fold(words[0])
            is_first = key in lex.first_names and key not in lex.surnames
            given = (key,) if is_first or key in lex.first_names else ()
            sur = "" if is_first else key
        elif fold(words[0]) in TUSSENVOEGSELS:  # "Van der Meer-Jansen"
            core = [w for w in words if fold(w) not in TUSSENVOEGSELS]
            given = ()
            sur = fold("-".join(core)) if core else ""
            parts = [p for w in core for p in w.split("-") if p]
        else:
            end_given = tv_at if tv_at is not None else len(words) - 1
            given = tuple(fold(w) for w in words[:end_given] if not w.endswith("."))
            core = [w for w in words[end_given:] if fold(w) not in TUSSENVOEGSELS]
            sur = fold("-".join(core)) if core else ""
            parts = [p for w in core for p in w.split("-") if p]
        part_keys = tuple(fold(p) for p in parts if len(p) > 1)
        for k in (*given, *part_keys):
            if len(k) > 1 and k not in TUSSENVOEGSELS:
                keys.add(k)
        if sur:
            keys.add(sur)
        given_keys.update(given)
        out.append((role, given, sur, part_keys))
    return KnownIndex(frozenset(keys), frozenset(given_keys), tuple(out))


EMPTY_KNOWN = KnownIndex(frozenset(), frozenset(), ())


@cache
def _famous_pattern() -> re.Pattern[str] | None:
    names = sorted(lexicon().famous, key=len, reverse=True)
    if not names:
        return None
    alternation = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names)
    return re.compile(r"(?<![\w])(?:" + alternation + r")(?:['’]s)?(?![\w])", re.IGNORECASE)


def protected_spans(
    text: str, keys: set[str] | None = None
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Spans that name cited authors or public figures rather than people to protect:
    (certain: public figures and citations with a year, likely: "volgens X", "het model
    van X", where a first name still wins). ``keys``: the folded words of the text, if
    known, to skip the public-figure pattern when none of their first words occurs."""
    if keys is None:
        keys = {fold(w) for w in re.findall(r"[^\W\d_]+", text)}
    certain: list[tuple[int, int]] = []
    famous = _famous_pattern()
    if famous is not None and not keys.isdisjoint(_famous_keys()):
        certain += [(m.start(), m.end()) for m in famous.finditer(text)]
    if _HAS_YEAR.search(text):
        certain += [(m.start(1), m.end(1)) for m in _PAREN_CITATION.finditer(text)]
        certain += [(m.start(1), m.end(1)) for m in _NARRATIVE_CITATION.finditer(text)]
        certain += [(m.start(1), m.end(1)) for m in _REFERENCE.finditer(text)]
    likely = []
    for m in _LITERATURE.finditer(text):
        if m.group(1).lower() == "volgens" or _LITERATURE_BEFORE.search(
            text, max(0, m.start() - 90), m.start()
        ):
            likely.append((m.start(2), m.end(2)))
    return certain, likely


@cache
def _famous_keys() -> frozenset[str]:
    """The first word of every public figure's name, to skip the big regex cheaply."""
    return frozenset(fold(name.split()[0]) for name in lexicon().famous)


@cache
def _lower_starters() -> frozenset[str]:
    """Lower-case words that can start a match: first names, cues, tussenvoegsels and
    company words."""
    return frozenset(lexicon().first_names | CUES.keys() | _TV_STARTERS | COMPANY_WORDS)


class _Scan:
    """Person rules over the tokens of one text."""

    def __init__(
        self,
        text: str,
        tokens: list[Token],
        known: KnownIndex,
        allow: frozenset[str],
        forms: dict[str, bool],
    ) -> None:
        self.text = text
        self.t = tokens
        self.n = len(tokens)
        self.lex: Lexicon = lexicon()
        self.known = known
        self.allow = allow
        self.forms = forms
        certain, likely = protected_spans(text, {tok.key for tok in tokens})
        self.citation = [False] * self.n  # likely a cited author
        self.famous = [False] * self.n  # certainly not a private person
        if certain or likely:
            starts = [tok.start for tok in tokens]
            for spans, flags in ((certain, self.famous), (likely, self.citation)):
                for s, e in spans:
                    for i in range(bisect_left(starts, s), bisect_left(starts, e)):
                        flags[i] = True

    # --- token facts ------------------------------------------------------------------

    def joined(self, j: int) -> bool:
        """Token j continues the name of token j-1 (one space or a hyphen between)."""
        gap = self.t[j].gap
        return gap in (" ", "-", "\u00a0") or (gap.isspace() and "\n" not in gap and len(gap) <= 2)

    def protected(self, j: int) -> bool:
        """A cited author or public figure, unless the teacher listed the name."""
        tok = self.t[j]
        if tok.key in self.known.keys:
            return False
        if self.famous[j]:
            return True
        if self.citation[j] and tok.key not in self.lex.first_names and tok.key not in self.forms:
            return True  # "volgens Rosenshine", but not "volgens Dijkstra" after "dhr. Dijkstra"
        return tok.key in self.lex.authors and tok.case != "lower"

    def fn_key(self, j: int) -> str:
        """The first-name key of token j ("Ahmeds" -> "ahmed"), or ""."""
        tok = self.t[j]
        k = tok.key
        lex = self.lex
        if k in self.known.given:
            return k
        if len(k) < 2 or k in TUSSENVOEGSELS or k in lex.stopwords:
            return ""
        if k in lex.first_names:
            return k
        if not tok.poss and tok.case != "lower" and len(k) > 3 and k.endswith("s"):
            base = k[:-1]  # "Ahmeds", "Daans", "Jans": a possessive
            if k in lex.surnames or base in TUSSENVOEGSELS or base in lex.stopwords:
                return ""
            if base in self.known.given or base in self.forms or base in lex.mostly_names:
                return base
            if base in lex.first_names and len(base) >= 4 and not self.wordy(base):
                return base
        return ""

    def poss_s(self, j: int) -> bool:
        tok = self.t[j]
        return tok.poss or (self.fn_key(j) not in ("", tok.key))

    def after_determiner(self, j: int) -> bool:
        return j > 0 and self.t[j - 1].key in DETERMINERS and not self.t[j].sent

    def in_compound(self, j: int) -> bool:
        """Part of a hyphenated compound with an ordinary word ("BPV-plek", "Kwik-Fit")."""
        tok = self.t[j]
        if tok.gap.startswith("-") and j > 0 and self.t[j - 1].case == "lower":
            return tok.gap == "-" or tok.gap[1:].isspace()  # "BPV-plek", "litera- tuur"
        if j + 1 < self.n and self.t[j + 1].gap == "-":
            nxt = self.t[j + 1]
            return nxt.case == "lower" and nxt.key not in TUSSENVOEGSELS  # not "Jansen-de Boer"
        return False

    def blocked(self, j: int) -> bool:
        tok = self.t[j]
        if tok.key in self.allow or self.protected(j):
            return True
        if tok.key in self.known.keys:
            return False
        return tok.key in self.lex.stopwords or tok.key in self.lex.not_names

    def street_after(self, end: int) -> bool:
        k = end
        while k < self.n and self.t[k].key in TUSSENVOEGSELS and self.joined(k):
            k += 1
        if k >= self.n or not self.joined(k):
            return False
        key = self.t[k].key
        return key.endswith(_STREET_SUFFIXES) and key not in self.lex.surnames

    def institution_after(self, end: int) -> bool:
        if end >= self.n or not self.joined(end) or self.t[end - 1].poss:
            return False
        nxt = self.t[end]
        return nxt.case == "title" and (
            nxt.key in _INSTITUTIONS or nxt.key.endswith(("college", "lyceum", "school"))
        )

    def in_title_phrase(self, j: int) -> bool:
        """Token j follows a capitalised word that is not a name: "Groene Vlinder"."""
        if j == 0 or not self.joined(j):
            return False
        prev = self.t[j - 1]
        if prev.case != "title" or prev.key in CUES or prev.key in TUSSENVOEGSELS:
            return False
        lex = self.lex
        return not (
            prev.key in lex.first_names or prev.key in lex.surnames or prev.key in self.known.keys
        )

    def is_place(self, j: int) -> bool:
        """A place name: not a surname, or written after "in", "naar", "uit", …."""
        k = self.t[j].key
        if k not in self.lex.places:
            return False
        prev = self.t[j - 1].key if j > 0 else ""
        if k in self.lex.major_places or k not in self.lex.surnames:
            return True
        return prev in _PLACE_PREPOSITIONS or prev == "het"

    def common(self, key: str) -> bool:
        return key in self.lex.common_words or key in self.lex.stopwords

    def wordy(self, key: str) -> bool:
        """Also an ordinary word: written lower case or sentence-initially it needs context."""
        lex = self.lex
        return self.common(key) or (key in lex.name_is_word and key not in lex.mostly_names)

    def evidence(self, j: int, *, loose: bool = False) -> bool:
        """Context that makes a sentence-initial common word a name: "Roos zat", "Mark
        Peters", "Storm en Merel", "Roos' schrift"."""
        tok = self.t[j]
        if tok.poss:
            return True
        if j + 1 >= self.n:
            return False
        nxt = self.t[j + 1]
        if nxt.gap != " ":
            return False
        if nxt.case == "lower" and (nxt.key in SUBJECT_VERBS or (loose and nxt.key in _COPULAS)):
            return True
        if nxt.key in TUSSENVOEGSELS and j + 2 < self.n and self.t[j + 2].case == "title":
            k2 = self.t[j + 2].key
            return k2 in self.lex.surnames or k2 in self.lex.after_interfix
        if nxt.case == "title" and not self.blocked(j + 1):
            k2 = nxt.key
            lex = self.lex
            if k2 in lex.surnames or k2 in self.known.keys or k2 in self.forms:
                return True  # "Mark Peters"
            # "Anton Horeweg": a capitalised word that is no word, place or first name
            return not (
                self.wordy(k2)
                or k2 in lex.places
                or k2 in lex.first_names
                or k2 in lex.authors
                or self.in_compound(j + 1)
            )
        if nxt.key in ("en", "&") and j + 2 < self.n:
            other = self.t[j + 2]
            return other.case == "title" and bool(self.fn_key(j + 2)) and not self.blocked(j + 2)
        return False

    # --- anchors ----------------------------------------------------------------------

    def first_name_reason(self, j: int) -> str:
        """Why token j starts a name as a first name (or a listed name), or ""."""
        tok = self.t[j]
        k = tok.key
        if tok.key in self.allow or self.protected(j):
            return ""
        lex = self.lex
        fk = self.fn_key(j)
        known = k in self.known.keys or (fk != "" and fk in self.known.keys)
        from_form = k in self.forms or (fk != "" and fk in self.forms)
        if tok.case == "lower":
            if self.after_determiner(j) or self.in_compound(j):
                return ""
            if known and (not self.common(k) or (j > 0 and self.t[j - 1].key in _PERSON_CONTEXT)):
                return "bekende naam"  # "ik sprak kees", "met roos besproken" (listed)
            if self.common(k):
                return ""
            if self.wordy(k):
                return ""
            if from_form:
                return "voornaam" if self.forms.get(k, True) else "achternaam"
            if fk == k and len(k) >= 3 and k not in lex.not_names:
                return "voornaam"
            return ""
        if self.in_compound(j):
            return ""
        if not known and (k in lex.stopwords or k in lex.not_names):
            return ""
        if tok.case == "upper":
            if len(k) < 3 or k in lex.not_names:
                return ""
            if known and not self.common(k):
                return "bekende naam"
            if (fk or from_form) and not self.common(k):
                return "voornaam"
            return ""
        if not (fk or known or from_form):
            return ""
        if not tok.sent:
            if known:
                return "bekende naam"
            if fk and self.wordy(fk) and not from_form and self.in_title_phrase(j):
                return ""  # "De Groene Vlinder", "de Gouden Roos": a name of a thing
            if fk:
                return "voornaam"
            return ""
        # sentence-initial: fine for real names, needs context for words ("Kies een ...")
        if known or from_form:
            wordy = self.common(k) or (fk != "" and self.common(fk))
        else:
            wordy = self.wordy(k) or (fk != "" and self.wordy(fk))
        if wordy and not self.evidence(j, loose=known):
            return ""
        if known:
            return "bekende naam"
        return "voornaam" if fk else ""

    def surname_reason(self, j: int) -> str:
        tok = self.t[j]
        k = tok.key
        lex = self.lex
        if tok.case not in ("title", "other") or self.blocked(j) or self.in_compound(j):
            return ""
        known = k in self.known.keys
        propagated = k in self.forms
        if not (k in lex.surnames or known or propagated):
            return ""
        if not known and (k in lex.authors or self.is_place(j)):
            return ""
        # part of a run of capitalised words without a first name: a title or a phrase
        if not known and not propagated:
            prev_cap = j > 0 and self.joined(j) and self.t[j - 1].case in ("title", "upper")
            prev_cap = prev_cap and not self.t[j - 1].sent and self.t[j - 1].key not in CUES
            next_cap = j + 1 < self.n and self.joined(j + 1) and self.t[j + 1].case == "title"
            next_cap = next_cap and self.t[j + 1].key not in TUSSENVOEGSELS
            if prev_cap or next_cap:
                return ""
        wordy = self.common(k) or (k in lex.name_is_word and not known)
        if tok.sent and wordy and (not (known or propagated) or not self.evidence(j, loose=known)):
            return ""
        if known:
            return "bekende naam"
        return "achternaam"

    # --- chains -----------------------------------------------------------------------

    def surname_at(
        self,
        j: int,
        *,
        have_given: bool,
        lower_style: bool,
        upper_style: bool,
        first_joined: bool = False,
    ) -> int:
        """If tokens j.. are [tussenvoegsels] surname, return the index after them, else -1.
        ``first_joined``: token j may follow its predecessor with any gap (after initials)."""
        t = self.t

        def linked(k: int) -> bool:
            return (first_joined and k == j) or self.joined(k)

        k = j
        tvs = 0
        while k < self.n and t[k].key in TUSSENVOEGSELS and tvs < 3 and linked(k):
            if t[k].case == "upper" and not upper_style:
                break
            tvs += 1
            k += 1
        if tvs == 1 and t[j].key in _PREPOSITION_TVS:
            return -1  # "in Breda", "op Texel": only "In 't Veld", "Op de Beeck" are names
        if k >= self.n or not linked(k):
            return -1
        tok = t[k]
        key = tok.key
        lex = self.lex
        if key.endswith(_STREET_SUFFIXES) and key not in lex.surnames:
            return -1  # "Johan de Wittstraat" is a street
        if key in self.allow or self.protected(k) or len(key) < 2:
            return -1
        # "Van Rijn", "Van der Meer": a capitalised tussenvoegsel or a first name before it
        # makes a river or a stop word a surname; "van de Rijn" stays a river
        # (at the start of a sentence only "Van X": "De Maas stroomt" is the river)
        particle_name = (
            tvs > 0
            and tok.case == "title"
            and (
                have_given
                or (t[j].case == "title" and (not t[j].sent or (tvs == 1 and t[j].key == "van")))
            )
        )
        if (
            key not in self.known.keys
            and not particle_name
            and (
                key in lex.not_names or (key in lex.stopwords and not (tvs and tok.case == "title"))
            )
        ):
            return -1
        named = key in lex.surnames or key in lex.after_interfix or key in self.known.keys
        if tok.case == "lower":
            if not (lower_style and (named or key in lex.first_names)) or self.common(key):
                return -1
        elif tok.case == "upper":
            if not (upper_style or tvs) or len(key) < 2:
                return -1
        elif tok.case not in ("title", "other"):
            return -1
        trusted = key in lex.surnames or key in self.known.keys or key in self.forms
        # "Rob van Essen" is a name, "Vlinder in het Westland" and "naar Breda" are not
        particle = tvs > 0 and have_given and t[j].key not in _PREPOSITION_TVS
        if key in lex.places and not trusted and not particle:
            return -1
        if not have_given:
            if not tvs and key not in self.forms:
                return -1
            if not (named or key in self.forms):
                return -1
        elif (not named and not tvs and self.common(key)) or (
            tvs and not named and (self.common(key) or key in lex.name_is_word)
        ):
            return -1
        k += 1
        # double-barrelled: "Van der Meer-Jansen", "Jansen-de Boer", "Kuipers-van Dijk"
        while k < self.n and t[k].gap == "-":
            m = k
            while m < self.n and t[m].key in TUSSENVOEGSELS and (m == k or self.joined(m)):
                m += 1
            if m < self.n and (m == k or self.joined(m)) and t[m].case in ("title", "upper"):
                if self.blocked(m):
                    break
                k = m + 1
            else:
                break
        return k

    def given_run(self, j: int, *, lower_style: bool) -> int:
        """Index after the first names starting at j ("Jan Peter ...")."""
        k = j
        while k < self.n:
            if k > j:
                if not self.joined(k) or self.t[k - 1].poss:
                    break
                tok = self.t[k]
                if lower_style != (tok.case == "lower"):
                    break
                if not self.fn_key(k) or self.blocked(k) or self.common(tok.key):
                    break
                if tok.key in self.lex.surnames and k + 1 < self.n and not self.joined(k + 1):
                    break  # "Mark Peters": Peters closes the name as its surname
            k += 1
        return k

    def make(
        self, first: int, end: int, reason: str, *, force_sur: bool = False, **kw: object
    ) -> Mention:
        """A mention over tokens first..end-1, with its name keys: leading first names are
        given names, the rest (tussenvoegsels left out) is the surname."""
        toks = self.t[first:end]
        given: list[str] = []
        sur_tokens: list[Token] = []
        if not force_sur:
            tv_at = next(
                (n for n, tok in enumerate(toks) if n > 0 and tok.key in TUSSENVOEGSELS), len(toks)
            )
            head = toks[:tv_at] if tv_at < len(toks) or len(toks) == 1 else toks[:-1]
            hyphenated_given = (
                len(toks) > 1
                and all(tok.gap == "-" for tok in toks[1:])
                and all(self.fn_key(first + n) for n in range(len(toks)))
            )
            if hyphenated_given:  # "Jan-Willem", "Anne-Fleur"
                head = toks
            for n, _tok in enumerate(head):
                key = self.fn_key(first + n)
                if not key:
                    break
                given.append(key)
        sur_tokens = [tok for tok in toks[len(given) :] if tok.key not in TUSSENVOEGSELS]
        forms: dict[str, bool] = {g: True for g in given}
        for tok in sur_tokens:
            if len(tok.key) > 1:
                forms[tok.key] = False
        mention = Mention(
            start=toks[0].start,
            end=toks[-1].end,
            reason=reason,
            given=tuple(given),
            sur="-".join(tok.key for tok in sur_tokens),
            sur_parts=tuple(tok.key for tok in sur_tokens),
            poss=self.poss_s(end - 1),
            forms=forms,
        )
        for name, value in kw.items():
            setattr(mention, name, value)
        return mention

    def chain(self, j: int, reason: str, **kw: object) -> tuple[Mention, int]:
        """A name that starts with first name(s) at j."""
        lower_style = self.t[j].case == "lower"
        upper_style = self.t[j].case == "upper"
        end = self.given_run(j, lower_style=lower_style)
        if not self.t[end - 1].poss:
            after = self.surname_at(
                end, have_given=True, lower_style=lower_style, upper_style=upper_style
            )
            if after > 0:
                end = after
        return self.make(j, end, reason, **kw), end

    # --- the scan ---------------------------------------------------------------------

    def run(self) -> list[Mention]:
        found: list[Mention] = []
        interesting = _lower_starters()
        known = self.known.keys
        forms = self.forms
        t = self.t
        i = 0
        while i < self.n:
            tok = t[i]
            if tok.case == "lower" and not (
                tok.key in interesting or tok.key in known or tok.key in forms
            ):
                i += 1  # the common case: an ordinary lower-case word
                continue
            result = (
                self.try_company(i)
                or self.try_cue(i)
                or self.try_initials(i)
                or self.try_tussenvoegsel(i)
                or self.try_first(i)
                or self.try_surname(i)
            )
            if result is None:
                i += 1
                continue
            mention, end = result
            if fold(self.text[mention.start : mention.end]) in self.allow:
                i = end
                continue
            if mention.kind == "persoon" and self.institution_after(end):
                i = end + 1  # "Johan de Witt College", "Antonius Ziekenhuis"
                continue
            self.add_role(mention, i, end)
            found.append(mention)
            i = max(end, i + 1)
        found += self.unknown_in_context(found)
        found += self.acronyms()
        return found

    def try_company(self, i: int) -> tuple[Mention, int] | None:
        tok = self.t[i]
        k = tok.key
        generic = k in _GENERIC_COMPANY_WORDS
        if generic and tok.case != "title":
            return None
        if not (k in COMPANY_WORDS or (tok.case == "title" and k.endswith(_COMPANY_SUFFIXES))):
            return None
        j = i + 1
        if j >= self.n or not self.joined(j):
            return None
        nxt = self.t[j]
        if nxt.case not in ("title", "upper", "other"):
            return None
        if nxt.key not in TUSSENVOEGSELS and self.blocked(j):
            return None
        lex = self.lex
        end = -1
        if nxt.key in TUSSENVOEGSELS:
            end = self.surname_at(j, have_given=False, lower_style=False, upper_style=False)
        elif self.fn_key(j):
            end = self.given_run(j, lower_style=False)
            after = self.surname_at(end, have_given=True, lower_style=False, upper_style=False)
            end = after if after > 0 else end
        elif nxt.key in lex.surnames or nxt.key in self.known.keys or nxt.key in self.forms:
            end = self.surname_at(j, have_given=True, lower_style=False, upper_style=False)
        if end <= j:
            return None
        span_end = self.t[end - 1].end
        tail = _COMPANY_TAIL.match(self.text, span_end)
        if tail:
            span_end = tail.end()
            while end < self.n and self.t[end].start < span_end:
                end += 1
        name = self.make(j, end, "bedrijfsnaam")
        mention = Mention(
            start=tok.start,
            end=span_end,
            reason="bedrijfsnaam",
            kind="bedrijf",
            forms=dict(name.forms),
            company=fold(self.text[tok.start : span_end]),
        )
        return mention, end

    def try_cue(self, i: int) -> tuple[Mention, int] | None:
        tok = self.t[i]
        role = CUES.get(tok.key)
        if role is None:
            return None
        j = i + 1
        if j >= self.n:
            return None
        gap = self.t[j].gap
        abbreviated = tok.key in HONORIFICS and gap in (". ", ".", ".\u00a0")  # "mevr. Jansen"
        if not abbreviated and not (gap.isspace() and "\n" not in gap):
            return None
        nxt = self.t[j]
        lex = self.lex
        if nxt.key in self.allow or self.protected(j) or nxt.key in CUES:
            return None
        if len(nxt.base) == 1 and nxt.case == "title" and self.text[nxt.end : nxt.end + 1] == ".":
            initials = self.try_initials(j)  # "dhr. P. Smit"
            if initials is not None:
                initials[0].role = role
            return initials
        reason = "bekende naam" if nxt.key in self.known.keys else "aanspreekvorm"
        if nxt.key in _TV_STARTERS and nxt.case != "upper":
            end = self.surname_at(j, have_given=True, lower_style=False, upper_style=False)
            if end < 0:
                return None
            if nxt.case == "lower" and tok.key not in HONORIFICS:
                return None  # "de moeder van Lieke", "de mentor van Sem": "van" means "of"
            return self.make(j, end, reason, force_sur=True, role=role), end
        if nxt.case == "lower":
            if not self.fn_key(j) or self.common(nxt.key):
                return None
        elif nxt.key in lex.stopwords or (
            nxt.key in lex.not_names and nxt.key not in self.known.keys
        ):
            return None
        if nxt.case == "upper" and nxt.key not in self.known.keys and not self.fn_key(j):
            return None
        role_kw = {"role": role}
        lower_style = nxt.case == "lower"
        end = self.given_run(j, lower_style=lower_style) if self.fn_key(j) else j + 1
        if not self.t[end - 1].poss:
            after = self.surname_at(
                end, have_given=True, lower_style=lower_style, upper_style=False
            )
            if after > 0:
                end = after
        # a lone word after "meneer"/"mevrouw" is a surname; after "juf"/"collega" a first name
        force_sur = end == j + 1 and (
            tok.key in ("meneer", "mevrouw", "mevr", "mvr", "mw", "dhr", "hr", "heer", "mijnheer")
            or not self.fn_key(j)
        )
        return self.make(j, end, reason, force_sur=force_sur, **role_kw), end

    def try_initials(self, i: int) -> tuple[Mention, int] | None:
        t = self.t
        tok = t[i]
        if not (
            tok.case == "title" and (len(tok.base) == 1 or tok.base in ("Th", "Ch", "Chr", "Ph"))
        ):
            return None
        if tok.start > 0 and (
            self.text[tok.start - 1].isalnum() or self.text[tok.start - 1] in ".-"
        ):
            return None
        j = i
        while j < self.n and t[j].case == "title" and len(t[j].base) <= 3:
            after = self.text[t[j].end : t[j].end + 1]
            if after != ".":
                break
            if j > i and t[j].gap not in (".", ". "):
                break
            j += 1
        if j == i or j >= self.n or t[j].gap not in (". ", ".", ".\u00a0"):
            return None
        end = self.surname_at(
            j, have_given=True, lower_style=False, upper_style=False, first_joined=True
        )
        if end < 0:
            return None
        # the word after the initials must look like a surname, not a new sentence
        core = [k for k in range(j, end) if t[k].key not in TUSSENVOEGSELS]
        if not core:
            return None
        head = t[core[0]].key
        lex = self.lex
        named = head in lex.surnames or head in lex.after_interfix or head in self.known.keys
        if not named and (self.common(head) or head in lex.name_is_word):
            return None
        mention = self.make(j, end, "initialen", force_sur=True)
        mention.start = tok.start
        mention.initial = tok.key[0]
        return mention, end

    def try_tussenvoegsel(self, i: int) -> tuple[Mention, int] | None:
        tok = self.t[i]
        if tok.key not in _TV_STARTERS or tok.case == "upper":
            return None
        if tok.key in _PREPOSITION_TVS and tok.case == "lower":
            return None  # "in Den Haag": a preposition; only "In 't Veld" is a name
        if i > 0 and self.fn_key(i - 1) and self.joined(i):
            return None  # "Sanne van den Berg" is handled from "Sanne"
        end = self.surname_at(
            i, have_given=False, lower_style=False, upper_style=False, first_joined=True
        )
        if end < 0:
            return None
        t = self.t
        core = [k for k in range(i, end) if t[k].key not in TUSSENVOEGSELS]
        if not core:
            return None
        lex = self.lex
        head = t[core[0]]
        strong = (
            head.key in lex.after_interfix or head.key in self.known.keys or head.key in self.forms
        )
        if tok.case == "lower" or tok.sent:
            # "met de Vries", "De Vries zei": only with a surname that follows tussenvoegsels
            if not strong:
                return None
        elif not (strong or head.key in lex.surnames):
            return None
        if not (head.key in self.known.keys or head.key in self.forms):
            first_tv = next((k for k in range(i, end) if t[k].key not in _PREPOSITION_TVS), i)
            if fold(self.text[t[first_tv].start : t[end - 1].end]) in lex.places:
                return None  # "Den Bosch", "De Bilt", "Ter Apel"
            if i > 0 and t[i - 1].key in _PLACE_PREPOSITIONS and head.key in lex.places:
                return None  # "in Den Bosch"
        reason = "bekende naam" if head.key in self.known.keys else "achternaam"
        return self.make(i, end, reason, force_sur=True), end

    def try_first(self, i: int) -> tuple[Mention, int] | None:
        reason = self.first_name_reason(i)
        if not reason:
            return None
        mention, end = self.chain(i, reason)
        if self.street_after(end):
            return None  # "Johan de Wittstraat", "Anna Paulownaplein"
        if mention.sur and mention.sur in self.lex.authors and mention.reason != "bekende naam":
            return None
        return mention, end

    def try_surname(self, i: int) -> tuple[Mention, int] | None:
        reason = self.surname_reason(i)
        if not reason:
            return None
        end = self.surname_at(i, have_given=True, lower_style=False, upper_style=False)
        if end < 0:
            end = i + 1
        return self.make(i, end, reason, force_sur=True), end

    def unknown_in_context(self, found: list[Mention]) -> list[Mention]:
        """Capitalised words in no list at all, named by their context: the subject of a
        verb mid-sentence ("toen Quinty vroeg"), after a verb of speech ("zei Quinty"), or
        listed together with a name that was found ("Lotte, Quinty en Sem")."""
        t = self.t
        covered = [False] * self.n
        starts = [tok.start for tok in t]
        for m in found:
            for k in range(bisect_left(starts, m.start), bisect_left(starts, m.end)):
                covered[k] = True
        lex = self.lex
        listed = (
            lex.first_names,
            lex.surnames,
            lex.after_interfix,
            lex.places,
            lex.not_names,
            lex.authors,
            lex.stopwords,
            lex.name_is_word,
            lex.common_words,
            CUES,
            TUSSENVOEGSELS,
            COMPANY_WORDS,
        )
        out: list[Mention] = []
        for j, tok in enumerate(t):
            if covered[j] or tok.case != "title" or len(tok.key) < 3 or not tok.base[1:].islower():
                continue  # ("JdV", "McKinsey": initials and brands are left to other rules)
            if any(tok.key in group for group in listed) or self.protected(j):
                continue
            if tok.key in self.allow or self.in_compound(j) or self.in_title_phrase(j):
                continue
            nxt = t[j + 1] if j + 1 < self.n else None
            prev = t[j - 1] if j > 0 else None
            verb = (
                not tok.sent
                and nxt is not None
                and nxt.gap == " "
                and nxt.case == "lower"
                and nxt.key in SUBJECT_VERBS
            )
            speech = not tok.sent and prev is not None and tok.gap == " " and prev.key in _SPEECH
            listed_with = (
                prev is not None and tok.gap in (", ", " en ", " & ") and covered[j - 1]
            ) or (nxt is not None and nxt.gap in (", ", " en ", " & ") and covered[j + 1])
            if verb or speech or listed_with:
                mention = self.make(j, j + 1, "naam uit context")
                self.add_role(mention, j, j + 1)
                out.append(mention)
                covered[j] = True
        return out

    def acronyms(self) -> list[Mention]:
        out = []
        for m in _ACRONYM.finditer(self.text):
            word = m.group()
            if word in _ACRONYM_STOP or fold(word) in self.allow:
                continue
            out.append(Mention(m.start(), m.end(), "initialen", acronym=fold(word)))
        return out

    # --- roles ------------------------------------------------------------------------

    def add_role(self, mention: Mention, i: int, end: int) -> None:
        """Role evidence around the name: a cue before it, an apposition after it."""
        if mention.kind != "persoon":
            return
        if not mention.role:
            k = i - 1
            if k >= 0 and self.t[k].key in CUES and self.joined(i):
                mention.role = CUES[self.t[k].key]
            elif (
                k >= 1
                and self.t[k].key == "van"
                and self.t[k - 1].key
                in (
                    "vader",
                    "moeder",
                    "ouders",
                    "ouder",
                    "oma",
                    "opa",
                    "broer",
                    "zus",
                    "verzorger",
                    "verzorgers",
                )
            ):
                mention.role = "student"
        after = self.text[mention.end : mention.end + 60].lower()
        m = re.match(r"\s*[(,]\s*(?:de |het |onze |mijn )?([\w'’-]+)", after)
        if m:
            word = m.group(1)
            if word.startswith(
                ("studentnummer", "studentnr", "leerlingnummer", "leerlingnr", "ov-nummer")
            ):
                mention.role = mention.role or "student"
            elif word.replace("’", "'") in CUES and CUES[word.replace("’", "'")] == "collega":
                mention.role = mention.role or "collega"
            elif re.match(r"\d\s?(?:havo|vwo|mavo|vmbo|[a-z]{1,2}\b)", word + after[m.end() :]):
                mention.role = mention.role or "student"


def find_persons(
    text: str,
    tokens: list[Token] | None = None,
    *,
    known: KnownIndex = EMPTY_KNOWN,
    allow: frozenset[str] = frozenset(),
    forms: dict[str, bool] | None = None,
) -> list[Mention]:
    """Every person and company-name mention in ``text`` (they may overlap; the caller
    resolves overlaps together with the pattern hits)."""
    if tokens is None:
        tokens = tokenize(text)
    return _Scan(text, tokens, known, allow, forms or {}).run()
