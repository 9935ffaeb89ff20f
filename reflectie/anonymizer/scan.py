"""The evidence rules: where one text names a person (or a company built on a name).

The rules, in the order they are tried at each token:

* a company word followed by a name ("Bakkerij Van Dam", "Kapsalon Yasmina");
* a form of address or role followed by a name ("meneer Bos", "juf Fenna", "collega Priya");
* initials followed by a surname ("J. de Vries", "A.J. Hendriks", "M Bakker");
* a tussenvoegsel followed by a surname ("Van Dam", "de Vries" after a name or cue);
* a first name (from the teacher's list or the lexicon), then any further first names,
  tussenvoegsels and a surname ("Sanne van den Berg", "Jansen-de Boer");
* a surname from the lexicon, capitalised mid-sentence ("met Jansen gebeld");
* afterwards, capitalised words in no list whose context names them ("zei Quinty"),
  and acronym initials ("JdV", "MvdL").

Case matters the Dutch way: ordinary nouns are lower case, so a capitalised word in
the middle of a sentence is strong evidence, a capitalised word at the start of a
sentence is not, and a lower-case word is only a name when it is not also a common
word ("kees" yes, "roos" no). Cited authors are protected (``citations.py``). What this
module finds is *evidence*; ``occurrences.py`` then finds every other form of the same
names in the whole export.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache

from reflectie.anonymizer.citations import protected_spans
from reflectie.anonymizer.lexicon import (
    Lexicon,
    dictionary_proper_nouns,
    dutch_words,
    fold,
    is_dutch_word,
    lexicon,
    proper_nouns,
)
from reflectie.anonymizer.mentions import EMPTY_KNOWN, KnownIndex, Mention
from reflectie.anonymizer.tokens import Token, tokenize
from reflectie.anonymizer.vocabulary import (
    ACRONYM,
    ACRONYM_STOP,
    AFTER_POSTCODE,
    APPOSITION,
    BARE_INITIALS,
    COMPANY_SUFFIXES,
    COMPANY_TAIL,
    COMPANY_WORDS,
    COPULAS,
    CUES,
    DAY_BEFORE,
    DETERMINERS,
    GENERIC_COMPANY_WORDS,
    HONORIFICS,
    INITIAL_AFTER,
    INITIALS_STOP,
    INSTITUTIONS,
    LINE_NAME,
    MONTH_ABBREVIATIONS,
    NAME_PREPOSITIONS,
    PERSON_CONTEXT,
    PLACE_PREPOSITIONS,
    PREPOSITION_TVS,
    SPEECH,
    STREET_SUFFIXES,
    SUBJECT_VERBS,
    SURNAME_PREFIXES,
    TUSSENVOEGSELS,
    TV_STARTERS,
    WEAK_NAME_PREPOSITIONS,
    YEAR_AFTER,
)


@cache
def _lower_starters() -> frozenset[str]:
    """Lower-case words that can start a match: first names, cues, tussenvoegsels and
    company words."""
    return frozenset(lexicon().first_names | CUES.keys() | TV_STARTERS | COMPANY_WORDS)


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
        if k in self.known.given or self.forms.get(k):
            return k  # listed, or registered as a given name elsewhere in the export
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
        """Part of a hyphenated compound with an ordinary word ("BPV-plek", "Kwik-Fit").
        A capitalised first name that is no ordinary word still names a person inside
        one ("het Yusuf-moment", "het Thijs-en-Omar-gedoe"), and so does a listed name."""
        tok = self.t[j]
        if tok.key in self.known.keys or (
            tok.case == "title"
            and tok.key in self.lex.first_names
            and not self.wordy(tok.key)
            and tok.key not in self.lex.places
        ):
            return False
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
        return key.endswith(STREET_SUFFIXES) and key not in self.lex.surnames

    def institution_after(self, end: int) -> bool:
        if end >= self.n or not self.joined(end) or self.t[end - 1].poss:
            return False
        nxt = self.t[end]
        return nxt.case == "title" and (
            nxt.key in INSTITUTIONS or nxt.key.endswith(("college", "lyceum", "school"))
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
        prev = self.t[j - 1].key if j > 0 else ""
        if AFTER_POSTCODE.search(self.t[j].gap):
            return True  # "5102 nk Dongen"
        if k not in self.lex.places:
            # "naar Berlijn", "in Gent": a dictionary place after a place preposition
            return prev in PLACE_PREPOSITIONS and k in dictionary_proper_nouns()
        if k in self.lex.major_places or k not in self.lex.surnames:
            return True
        return prev in PLACE_PREPOSITIONS or prev == "het"

    def is_name_word(self, key: str) -> bool:
        lex = self.lex
        return key in lex.first_names or key in lex.surnames or key in lex.after_interfix

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
        if APPOSITION.match(self.text, tok.end):
            return True  # "Bas (klas 3C) zat", "Wolf (2A) was", "Tsega, die hem helpt"
        if j + 1 >= self.n:
            return False
        nxt = self.t[j + 1]
        if nxt.gap != " ":
            return False
        if nxt.case == "lower" and (nxt.key in SUBJECT_VERBS or (loose and nxt.key in COPULAS)):
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

    def is_date_part(self, j: int) -> bool:
        """A month abbreviation that belongs to a date: "15 jan.", "3 Feb", "jan. 2027"."""
        tok = self.t[j]
        if tok.key not in MONTH_ABBREVIATIONS or tok.key in self.known.keys:
            return False
        if DAY_BEFORE.search(tok.gap) or tok.case == "lower":
            return True
        return bool(YEAR_AFTER.match(self.text, tok.end))

    def first_name_reason(self, j: int) -> str:
        """Why token j starts a name as a first name (or a listed name), or ""."""
        tok = self.t[j]
        k = tok.key
        if self.is_date_part(j):
            return ""
        if AFTER_POSTCODE.search(tok.gap) and k not in self.known.keys:
            return ""  # "1234 AB Ede": the town after a postcode
        if (
            k in self.lex.places
            and j > 0
            and self.t[j - 1].key in PLACE_PREPOSITIONS
            and k not in self.known.keys
            and not tok.sent
        ):
            return ""  # "in Ede", "naar Almelo"
        if tok.key in self.allow or self.protected(j):
            return ""
        lex = self.lex
        fk = self.fn_key(j)
        known = k in self.known.keys or (fk != "" and fk in self.known.keys)
        from_form = k in self.forms or (fk != "" and fk in self.forms)
        if tok.case == "lower":
            if self.after_determiner(j) or self.in_compound(j):
                return ""
            if known and (not self.common(k) or (j > 0 and self.t[j - 1].key in PERSON_CONTEXT)):
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
            return "achternaam" if from_form else ""
        # sentence-initial: fine for real names, needs context for words ("Kies een ...")
        if known or from_form:
            wordy = self.common(k) or (fk != "" and self.common(fk))
        else:
            wordy = self.wordy(k) or (fk != "" and self.wordy(fk))
        if wordy and not self.evidence(j, loose=known):
            return ""
        if known:
            return "bekende naam"
        if fk:
            return "voornaam"
        return "achternaam" if from_form else ""

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
        if k.endswith(STREET_SUFFIXES) and not known:
            return ""  # "aan de Kerkstraat"
        role_after = bool(APPOSITION.match(self.text, tok.end))
        if not known and (k in lex.authors or (self.is_place(j) and not role_after)):
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
        if (
            have_given
            and k + 1 < self.n
            and t[k].case == "title"
            and t[k].key in SURNAME_PREFIXES
            and linked(k)
            and self.joined(k + 1)
            and t[k + 1].case == "title"
        ):
            k += 1  # "Lieke Oude Elferink", "Jan Groot Koerkamp"
            tvs += 1
        while k < self.n and t[k].key in TUSSENVOEGSELS and tvs < 3 and linked(k):
            if t[k].case == "upper" and not upper_style:
                break
            tvs += 1
            k += 1
        if tvs == 1 and t[j].key in PREPOSITION_TVS:
            return -1  # "in Breda", "op Texel": only "In 't Veld", "Op de Beeck" are names
        if k >= self.n or not linked(k):
            return -1
        tok = t[k]
        key = tok.key
        lex = self.lex
        if key.endswith(STREET_SUFFIXES) and key not in lex.surnames:
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
        particle = tvs > 0 and have_given and t[j].key not in PREPOSITION_TVS
        small_place = key not in lex.major_places and not tvs and have_given
        if key in lex.places and not trusted and not particle and not small_place:
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
            if len(tok.key) > 1 and tok.key not in SURNAME_PREFIXES:
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
        extra = self.unknown_in_context(found)
        if extra:  # a pair found late names its neighbours too: "Dimitar en Ivana Petrova"
            found += extra
            extra = self.unknown_in_context(found)
        found += extra
        found += self.lower_case_names(found)
        found += self.acronyms()
        return found

    def try_company(self, i: int) -> tuple[Mention, int] | None:
        tok = self.t[i]
        k = tok.key
        generic = k in GENERIC_COMPANY_WORDS
        if generic and tok.case != "title":
            return None
        if not (k in COMPANY_WORDS or (tok.case == "title" and k.endswith(COMPANY_SUFFIXES))):
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
        elif (
            nxt.key in lex.surnames
            or nxt.key in self.known.keys
            or nxt.key in self.forms
            or (
                nxt.case == "title"
                and not is_dutch_word(nxt.key)
                and nxt.key not in proper_nouns()
                and nxt.key not in lex.places
                and nxt.key not in lex.not_names
            )
        ):
            end = self.surname_at(j, have_given=True, lower_style=False, upper_style=False)
        if end <= j:
            return None
        span_end = self.t[end - 1].end
        tail = COMPANY_TAIL.match(self.text, span_end)
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
        if nxt.key in TV_STARTERS and nxt.case != "upper":
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
        if (
            nxt.case == "title"
            and is_dutch_word(nxt.key)
            and not self.fn_key(j)
            and nxt.key not in lex.surnames
            and nxt.key not in self.known.keys
            and nxt.key not in self.forms
        ):
            return None  # "collega's Zorg & Welzijn", "mijn student Bouw niveau 3"
        role_kw = {"role": role}
        lower_style = nxt.case == "lower"
        upper_style = nxt.case == "upper"
        end = self.given_run(j, lower_style=lower_style) if self.fn_key(j) else j + 1
        if not self.t[end - 1].poss:
            after = self.surname_at(
                end, have_given=True, lower_style=lower_style, upper_style=upper_style
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
        undotted = self.undotted_initial(i)
        if undotted is not None:
            return undotted
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

    def undotted_initial(self, i: int) -> tuple[Mention, int] | None:
        """An initial without its full stop before a known surname: "met M Bakker"."""
        t = self.t
        tok = t[i]
        if not (tok.case == "title" and len(tok.base) == 1 and i + 1 < self.n):
            return None
        if tok.start > 0 and (
            self.text[tok.start - 1].isalnum() or self.text[tok.start - 1] in ".-"
        ):
            return None
        nxt = t[i + 1]
        if nxt.gap != " " or nxt.case != "title" or self.blocked(i + 1):
            return None
        lex = self.lex
        k = nxt.key
        if not (k in lex.surnames or k in self.known.keys or k in self.forms or k in TV_STARTERS):
            return None
        end = self.surname_at(
            i + 1, have_given=True, lower_style=False, upper_style=False, first_joined=True
        )
        if end < 0:
            return None
        mention = self.make(i + 1, end, "initialen", force_sur=True)
        mention.start = tok.start
        mention.initial = tok.key[0]
        return mention, end

    def try_tussenvoegsel(self, i: int) -> tuple[Mention, int] | None:
        tok = self.t[i]
        if tok.key not in TV_STARTERS or tok.case == "upper":
            return None
        if tok.key in PREPOSITION_TVS and tok.case == "lower":
            return None  # "in Den Haag": a preposition; only "In 't Veld" is a name
        if (
            tok.key in PREPOSITION_TVS
            and i + 1 < self.n
            and (self.t[i + 1].key in self.lex.places or self.t[i + 1].key in proper_nouns())
        ):
            return None  # "In Ghana had hij", "Op Texel"
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
            head.key in lex.after_interfix
            or head.key in self.known.keys
            or (head.key in self.forms and not self.forms[head.key])  # not "van Natnael"
        )
        if tok.case == "lower" or tok.sent:
            # "met de Vries", "De Vries zei": only with a surname that follows tussenvoegsels
            if not strong:
                return None
        elif not (strong or head.key in lex.surnames):
            return None
        if not (head.key in self.known.keys or head.key in self.forms):
            first_tv = next((k for k in range(i, end) if t[k].key not in PREPOSITION_TVS), i)
            if fold(self.text[t[first_tv].start : t[end - 1].end]) in lex.places:
                return None  # "Den Bosch", "De Bilt", "Ter Apel"
            if i > 0 and t[i - 1].key in PLACE_PREPOSITIONS and head.key in lex.places:
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

    def known_word_before_unknown(self, j: int, covered: list[bool]) -> bool:
        t = self.t
        tok = t[j]
        if tok.sent or tok.gap != " " or j + 1 >= self.n or covered[j + 1]:
            return False
        if not (tok.key in self.lex.first_names or not is_dutch_word(tok.key)):
            return False
        lex = self.lex
        if (
            tok.key in lex.places
            or tok.key in lex.not_names
            or tok.key in lex.stopwords
            or tok.key in CUES
            or tok.key in COMPANY_WORDS
            or self.in_compound(j)
            or (self.in_title_phrase(j) and not t[j - 1].sent)
        ):
            return False
        nxt = t[j + 1]
        return (
            nxt.gap == " "
            and nxt.case == "title"
            and len(nxt.key) > 2
            and nxt.base[1:].islower()
            and not is_dutch_word(nxt.key)
            and nxt.key not in proper_nouns()
            and nxt.key not in lex.places
            and nxt.key not in lex.not_names
            and nxt.key not in lex.authors
            and not self.protected(j + 1)
        )

    def unknown_name_lists(self, covered: list[bool], listed: tuple[object, ...]) -> list[int]:
        """Tokens in a list of two or more capitalised words that are no Dutch word, no
        known place and in no list: "o.a. Artyom, Solomiia en Mahnoor"."""
        t = self.t
        strange = [
            not covered[j]
            and tok.case == "title"
            and len(tok.key) > 2
            and tok.base[1:].islower()
            and not any(tok.key in group for group in listed)  # type: ignore[operator]
            and not is_dutch_word(tok.key)
            and tok.key not in proper_nouns()
            and not self.protected(j)
            for j, tok in enumerate(t)
        ]
        out: list[int] = []
        run: list[int] = []
        for j in range(self.n):
            if not strange[j]:
                continue
            if run:
                last = run[-1]
                between = t[last + 1 : j]
                joined = (j == last + 1 and t[j].gap in (", ", "/", " & ", " / ")) or (
                    j == last + 2 and between[0].key in ("en", "of") and t[j].gap == " "
                )
                if not joined:
                    if len(run) >= 2:
                        out += run
                    run = []
            run.append(j)
        if len(run) >= 2:
            out += run
        return out

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
        for j in self.unknown_name_lists(covered, listed):
            mention = self.make(j, j + 1, "naam uit context")
            mention.given, mention.sur, mention.sur_parts = (t[j].key,), "", ()
            mention.forms = {t[j].key: True}
            self.add_role(mention, j, j + 1)
            out.append(mention)
            covered[j] = True
        for j, tok in enumerate(t):
            if covered[j] or tok.case != "title" or len(tok.key) < 3 or not tok.base[1:].islower():
                continue  # ("JdV", "McKinsey": initials and brands are left to other rules)
            if self.protected(j) or tok.key in self.allow:
                continue
            if self.known_word_before_unknown(j, covered):
                # "Ik heb Colin Laarse gevraagd": a capitalised word mid-sentence before a
                # capitalised word that is no Dutch word: first name and surname
                nxt = t[j + 1]
                mention = self.make(j, j + 2, "naam uit context")
                mention.given, mention.sur, mention.sur_parts = (tok.key,), nxt.key, (nxt.key,)
                mention.forms = {tok.key: True, nxt.key: False}
                self.add_role(mention, j, j + 2)
                out.append(mention)
                covered[j] = covered[j + 1] = True
                continue
            if any(tok.key in group for group in listed):
                continue
            if is_dutch_word(tok.key) and not self.is_name_word(tok.key):
                continue  # "De Avonden laat …": a capitalised ordinary word is a title
            title_phrase = self.in_title_phrase(j) and not t[j - 1].sent
            if tok.key in self.allow or self.in_compound(j) or title_phrase:
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
            speech = not tok.sent and prev is not None and tok.gap == " " and prev.key in SPEECH
            place_like = tok.key in proper_nouns() or (
                prev is not None and prev.key in PLACE_PREPOSITIONS
            )
            listed_with = not place_like and (
                (prev is not None and tok.gap in (", ", " & ", "/") and covered[j - 1])
                or (nxt is not None and nxt.gap in (", ", " & ", "/") and covered[j + 1])
                # "en"/"of" are tokens: "Dimitar en Desislava Petrova", "Sem of Dimitar"
                or (prev is not None and prev.key in ("en", "of") and j > 1 and covered[j - 2])
                or (
                    nxt is not None
                    and nxt.key in ("en", "of")
                    and j + 2 < self.n
                    and covered[j + 2]
                    and t[j + 2].gap == " "
                )
            )
            pair = (
                nxt is not None
                and nxt.gap == " "
                and nxt.case == "title"
                and len(nxt.key) > 2
                and nxt.base[1:].islower()
                and not covered[j + 1]
                and (
                    not is_dutch_word(nxt.key)
                    or (nxt.key in self.lex.surnames and not self.wordy(nxt.key))
                )
                and nxt.key not in self.lex.places
                and nxt.key not in self.lex.not_names
                and nxt.key not in self.lex.authors
                and nxt.key not in CUES
                and not self.protected(j + 1)
            )
            if pair and (not is_dutch_word(tok.key) or (not tok.sent and tok.gap == " ")):
                # "Abrehet Weldemariam", "Kiala Mbemba": Dutch capitalises no common
                # nouns, so two unknown capitalised words in a row are a full name
                mention = self.make(j, j + 2, "naam uit context")
                mention.given, mention.sur, mention.sur_parts = (tok.key,), nxt.key, (nxt.key,)
                mention.forms = {tok.key: True, nxt.key: False}
                self.add_role(mention, j, j + 2)
                out.append(mention)
                covered[j] = covered[j + 1] = True
                continue
            family_of = (
                prev is not None
                and prev.key == "van"
                and j > 1
                and t[j - 2].key in CUES
                and not tok.sent
            )
            if not (verb or speech or listed_with) and not is_dutch_word(tok.key):
                # a word that is no Dutch word at all needs less: "met Tsega", "Tsega,
                # die …", "Semhar (4B)", "Filmon zat" at the start of a sentence
                strange = tok.key not in proper_nouns()  # not "Bogotá", "Papiaments"
                verb = (
                    nxt is not None
                    and nxt.gap == " "
                    and (nxt.key in SUBJECT_VERBS or (strange and nxt.key in COPULAS))
                )
                preposition = (
                    not tok.sent
                    and prev is not None
                    and tok.gap == " "
                    and (
                        prev.key in NAME_PREPOSITIONS
                        or (strange and prev.key in WEAK_NAME_PREPOSITIONS)
                        # "werkte Asim samen", "heeft Nour zijn boek": a subject after
                        # its verb, or an object after an auxiliary
                        or prev.key in SUBJECT_VERBS
                        or prev.key in COPULAS
                    )
                )
                after = self.text[tok.end : tok.end + 4]
                line_start = "\n" in tok.gap or j == 0 or tok.gap.endswith("] ")
                # "Hiwot: ik ook!!" (a chat), "Ghebreyesus, F. – 2 tekorten" (a list)
                labelled = strange and line_start and bool(LINE_NAME.match(after))
                # "Noni S. wil overstappen": a surname initial after it
                labelled = labelled or (strange and bool(INITIAL_AFTER.match(self.text, tok.end)))
                # "Persoon 3 (Deshpande)": a name in brackets right after a name
                bracketed = (
                    strange
                    and prev is not None
                    and (covered[j - 1] or prev.key in CUES)
                    and tok.gap.endswith("(")
                    and after.startswith(")")
                )
                # "Hazel deelde", "Lindeboom belde": a verb in the past or present tense
                tense = (
                    strange
                    and nxt is not None
                    and nxt.gap == " "
                    and nxt.case == "lower"
                    and nxt.key.endswith(("t", "de", "te"))
                    and nxt.key in dutch_words()
                )
                verb = (
                    verb
                    or preposition
                    or tense
                    or family_of
                    or tok.poss
                    or labelled
                    or bracketed
                    or bool(APPOSITION.match(self.text, tok.end))
                )
            if verb or speech or listed_with:
                mention = self.make(j, j + 1, "naam uit context")
                if not tok.poss or mention.sur:
                    # a lone name in a note is nearly always a first name ("Natnael
                    # heeft", "Bohdans mentor"): register it as one
                    mention.given, mention.sur, mention.sur_parts = (tok.key,), "", ()
                    mention.forms = {tok.key: True}
                self.add_role(mention, j, j + 1)
                out.append(mention)
                covered[j] = True
        return out

    def lower_case_names(self, found: list[Mention]) -> list[Mention]:
        """Hurried notes write names in lower case ("gesprek met senait en haar moeder",
        "mevr. batbayar", "enkhjin's moeder"). A lower-case word that is no Dutch word
        at all is a name when its context says person: a form of address or "met"/"naast"
        before it, a possessive, or a verb after it."""
        t = self.t
        starts = [tok.start for tok in t]
        covered = [False] * self.n
        for m in found:
            for k in range(bisect_left(starts, m.start), bisect_left(starts, m.end)):
                covered[k] = True
        lex = self.lex
        out: list[Mention] = []
        for j, tok in enumerate(t):
            if covered[j] or tok.case != "lower":
                continue
            if (len(tok.base) < 4 or not tok.base.isalpha()) and not tok.poss:
                continue
            key = tok.key
            if (
                is_dutch_word(key)
                or key in lex.stopwords
                or key in lex.abbreviations
                or key in lex.not_names
                or key in lex.common_words
                or key in self.allow
                or self.in_compound(j)
            ):
                continue
            prev = t[j - 1] if j > 0 else None
            nxt = t[j + 1] if j + 1 < self.n else None
            addressed = prev is not None and prev.key in HONORIFICS
            # "met senait en haar moeder", "naast merhawi." (not "met feed up")
            with_whom = (
                prev is not None
                and prev.key in ("met", "naast")
                and tok.gap == " "
                and (
                    nxt is None
                    or nxt.key in ("en", "of")
                    or nxt.gap.strip()[:1] in (",", ".", ";", ":", ")")
                )
            )
            acts = (
                nxt is not None
                and nxt.gap == " "
                and (nxt.key in SUBJECT_VERBS or nxt.key in COPULAS)
                and not tok.sent
            )
            if not (addressed or with_whom or acts or tok.poss):
                continue
            mention = self.make(j, j + 1, "naam uit context")
            if addressed:
                mention.given, mention.sur, mention.sur_parts = (), key, (key,)
                mention.forms = {key: False}
            else:
                mention.given, mention.sur, mention.sur_parts = (key,), "", ()
                mention.forms = {key: True}
            self.add_role(mention, j, j + 1)
            out.append(mention)
            covered[j] = True
        return out

    def acronyms(self) -> list[Mention]:
        out = []
        for m in BARE_INITIALS.finditer(self.text):
            letters = m.group().replace(".", "")
            if fold(letters) in INITIALS_STOP or fold(letters) in self.allow:
                continue
            out.append(Mention(m.start(), m.end(), "initialen", acronym=fold(letters)))
        for m in ACRONYM.finditer(self.text):
            word = m.group()
            if word in ACRONYM_STOP or fold(word) in self.allow:
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
