"""Anonymizing teacher notes before they leave the machine.

Finds names of people (and of companies named after them), e-mail addresses, phone
numbers, student numbers and other ids, BSN, IBAN, postcodes and street addresses,
URLs and social handles, and replaces them by consistent pseudonyms ("Student 1",
"Collega A", "Persoon 2", "[e-mail]", …). Every replacement carries its span in the
original text and a Dutch reason, so a review screen can show and release it.

Pure Python, rule-based, with compact name lexicons shipped in ``data/`` (see
``docs/anonymizer.md``). The core never imports Textual.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

from reflectie.anonymizer.codes import find_codes
from reflectie.anonymizer.labels import Registry
from reflectie.anonymizer.lexicon import fold, lexicon
from reflectie.anonymizer.mentions import KnownIndex, Mention, build_known
from reflectie.anonymizer.occurrences import extend_names, find_occurrences
from reflectie.anonymizer.patterns import Hit, find_all
from reflectie.anonymizer.scan import find_persons
from reflectie.anonymizer.suspects import find_suspects
from reflectie.anonymizer.tokens import Token, tokenize

__all__ = [
    "AnonymizedText",
    "Anonymizer",
    "KnownNames",
    "Replacement",
    "Suspect",
    "anonymize",
]

SECTORS = ("mbo", "vo", "po", "so", "vso", "hbo", "wo")


@dataclass(frozen=True)
class Replacement:
    """One replaced span. ``start``/``end`` index the ORIGINAL text; ``inserted`` is what
    the output shows (the label, plus "'s" for a possessive such as "Ahmeds")."""

    start: int
    end: int
    original: str
    label: str
    reason: str
    kind: str  # "persoon" | "contact" | "id" | "adres" | "web"
    inserted: str = ""

    def __post_init__(self) -> None:
        if not self.inserted:
            object.__setattr__(self, "inserted", self.label)


@dataclass(frozen=True)
class Suspect:
    """A word that was KEPT but looks like it could be a name ("mogelijk een naam"):
    capitalised and unknown to the Dutch word list, or a capital code in a person
    context. ``start``/``end`` index the ORIGINAL text. The review shows these so the
    teacher sees the residual risk instead of trusting a number."""

    start: int
    end: int
    text: str
    reason: str


@dataclass(frozen=True)
class AnonymizedText:
    original: str
    text: str
    replacements: tuple[Replacement, ...]
    suspects: tuple[Suspect, ...] = ()


_PREFIXES = {
    "collega": "collegas",
    "collegas": "collegas",
    "collega's": "collegas",
    "docent": "collegas",
    "student": "studenten",
    "studenten": "studenten",
    "leerling": "studenten",
    "leerlingen": "studenten",
    "ander": "anderen",
    "anderen": "anderen",
    "persoon": "anderen",
    "ouder": "anderen",
}


@dataclass
class KnownNames:
    """The teacher's own list of names; the role helps the label."""

    collegas: list[str] = field(default_factory=list)
    studenten: list[str] = field(default_factory=list)
    anderen: list[str] = field(default_factory=list)

    @classmethod
    def from_lines(cls, lines: Iterable[str]) -> KnownNames:
        """One name per line; '#' starts a comment; optional "collega: X" / "student: X"
        ("leerling:", "ander:") prefixes. Lines without a prefix go to ``anderen``."""
        known = cls()
        for raw in lines:
            line = raw.split("#", 1)[0].strip().strip("\ufeff")
            if not line:
                continue
            target = "anderen"
            head, sep, rest = line.partition(":")
            if sep and fold(head.strip()) in _PREFIXES:
                target = _PREFIXES[fold(head.strip())]
                line = rest.strip()
            if line:
                getattr(known, target).append(line)
        return known

    def entries(self) -> list[tuple[str, str]]:
        return (
            [("collega", n) for n in self.collegas]
            + [("student", n) for n in self.studenten]
            + [("", n) for n in self.anderen]
        )


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    priority: int
    hit: Hit | None = None
    mention: Mention | None = None


_PERSON_PRIORITY = {"bedrijf": 9, "persoon": 10}


class Anonymizer:
    """Anonymizes texts with one teacher's settings. ``anonymize_many`` treats its texts as
    one export: the same person gets the same label in all of them."""

    def __init__(
        self,
        known: KnownNames | None = None,
        *,
        sector: str = "mbo",
        allow: Iterable[str] = (),
        force: Iterable[str] = (),
    ) -> None:
        self.sector = sector.strip().lower() if sector else "mbo"
        if self.sector not in SECTORS:
            raise ValueError(f"Onbekende sector: {sector!r} (kies uit {', '.join(SECTORS)})")
        self.known_names = known or KnownNames()
        self._known: KnownIndex = build_known(self.known_names.entries())
        self._allow = frozenset(fold(a.strip()) for a in allow if a.strip())
        forced = sorted({f.strip() for f in force if f.strip()}, key=len, reverse=True)
        self._force = forced
        self._force_keys = frozenset(fold(f) for f in forced)
        self._force_re = (
            re.compile(
                r"(?<![\w@.])(?:"
                + "|".join(re.escape(f) for f in forced)
                + r")(?:['’]?s)?(?![\w@])",
                re.IGNORECASE,
            )
            if forced
            else None
        )

    # --- public -----------------------------------------------------------------------

    def anonymize(self, text: str) -> AnonymizedText:
        return self.anonymize_many([text])[0]

    def anonymize_many(self, texts: Sequence[str]) -> list[AnonymizedText]:
        texts = list(texts)
        tokens = [tokenize(t) for t in texts]
        hits = [find_all(t) for t in texts]
        mentions = [
            find_persons(t, toks, known=self._known, allow=self._allow)
            for t, toks in zip(texts, tokens, strict=True)
        ]
        codes = [
            find_codes(text, toks, self._known, bytearray(len(text) + 1))
            for text, toks in zip(texts, tokens, strict=True)
        ]
        forms = self._forms([m + c[0] for m, c in zip(mentions, codes, strict=True)])
        wordy = _wordy()
        if forms:
            for n, (text, toks) in enumerate(zip(texts, tokens, strict=True)):
                covered = bytearray(len(text) + 1)
                for m in mentions[n]:
                    covered[m.start : m.end] = b"\x01" * (m.end - m.start)
                if any(
                    tok.key in forms
                    and not covered[tok.start]
                    and (tok.case != "lower" or tok.key not in wordy)
                    for tok in toks
                ):
                    mentions[n] = find_persons(
                        text, toks, known=self._known, allow=self._allow, forms=forms
                    )
        chosen = [
            self._choose(text, hits[n], mentions[n] + codes[n][0] + self._forced(text))
            for n, text in enumerate(texts)
        ]
        for n, text in enumerate(texts):
            taken = bytearray(len(text) + 1)
            for cand in chosen[n]:
                taken[cand.start : cand.end] = b"\x01" * (cand.end - cand.start)
            extend_names(text, tokens[n], [c.mention for c in chosen[n] if c.mention], taken)
            _link_codes_to_names(text, [c.mention for c in chosen[n] if c.mention])
            for cand in chosen[n]:
                if cand.mention is not None:
                    cand.start, cand.end = cand.mention.start, cand.mention.end
        self._add_occurrences(texts, tokens, chosen)
        registry = Registry(self._known, self.sector)
        entity_of = registry.resolve(
            [(n, c.mention) for n, cands in enumerate(chosen) for c in cands if c.mention]
        )
        labels = registry.labels()
        results = []
        for n, text in enumerate(texts):
            replacements = []
            for cand in chosen[n]:
                original = text[cand.start : cand.end]
                if cand.hit is not None:
                    hit = cand.hit
                    replacements.append(
                        Replacement(cand.start, cand.end, original, hit.label, hit.reason, hit.kind)
                    )
                    continue
                mention = cand.mention
                assert mention is not None
                label = labels[entity_of[id(mention)].index]
                start, inserted = _absorb_role_word(text, cand.start, label)
                if mention.poss:
                    inserted += "'s"
                replacements.append(
                    Replacement(
                        start,
                        cand.end,
                        text[start : cand.end],
                        label,
                        mention.reason,
                        "persoon",
                        inserted,
                    )
                )
            covered = bytearray(len(text) + 1)
            for r in replacements:
                covered[r.start : r.end] = b"\x01" * (r.end - r.start)
            suspects = tuple(
                Suspect(*found)
                for found in find_suspects(
                    text, tokens[n], covered, codes[n][1], self._allow | self._force_keys
                )
            )
            results.append(_apply(text, replacements, suspects))
        return results

    # --- internals --------------------------------------------------------------------

    def _forms(self, mentions: list[list[Mention]]) -> dict[str, bool]:
        """Name words found with evidence somewhere in the export, to find them again where
        the evidence is missing ("Roos" at the start of a sentence, "Demir" alone)."""
        forms: dict[str, bool] = {}
        for per_text in mentions:
            for m in per_text:
                for key, is_given in m.forms.items():
                    if len(key) > 1 and key not in self._allow:
                        forms.setdefault(key, is_given)
        return forms

    def _add_occurrences(
        self, texts: list[str], tokens: list[list[Token]], chosen: list[list[_Candidate]]
    ) -> None:
        """Register every name form that was found with evidence (and every listed name),
        then replace each further occurrence of it anywhere in the export."""
        forms: dict[str, bool] = {}
        for cands in chosen:
            for cand in cands:
                m = cand.mention
                if m is None or m.forced:
                    continue
                for key, is_given in m.forms.items():
                    if len(key) > 1 and key not in self._allow:
                        forms[key] = forms.get(key, False) or is_given
        for n, text in enumerate(texts):
            covered = bytearray(len(text) + 1)
            for cand in chosen[n]:
                covered[cand.start : cand.end] = b"\x01" * (cand.end - cand.start)
            extra = find_occurrences(
                text,
                tokens[n],
                forms=forms,
                known=self._known,
                covered=covered,
                allow=self._allow,
            )
            if extra:
                extend_names(text, tokens[n], extra, covered)
                chosen[n] = sorted(
                    chosen[n] + [_Candidate(m.start, m.end, 10, mention=m) for m in extra],
                    key=lambda c: c.start,
                )

    def _forced(self, text: str) -> list[Mention]:
        if self._force_re is None:
            return []
        return [
            Mention(m.start(), m.end(), "handmatig", forced=fold(m.group().rstrip("s'’")))
            for m in self._force_re.finditer(text)
        ]

    def _choose(self, text: str, hits: list[Hit], mentions: list[Mention]) -> list[_Candidate]:
        cands = [_Candidate(h.start, h.end, h.priority, hit=h) for h in hits if h.end > h.start]
        for m in mentions:
            if m.end <= m.start:
                continue
            if m.forced:
                cands.append(_Candidate(m.start, m.end, 0, mention=m))
            elif m.acronym:
                cands.append(_Candidate(m.start, m.end, 11, mention=m))
            elif m.reason == "docentcode":  # wins over the same span found as a surname
                cands.append(_Candidate(m.start, m.end, 9, mention=m))
            else:
                cands.append(_Candidate(m.start, m.end, _PERSON_PRIORITY[m.kind], mention=m))
        cands.sort(key=lambda c: (c.priority, c.start - c.end, c.start))
        taken: list[_Candidate] = []
        occupied = bytearray(len(text) + 1)
        for cand in cands:
            if self._allow and fold(text[cand.start : cand.end]) in self._allow:
                continue
            if occupied.find(1, cand.start, cand.end) >= 0:
                continue  # overlaps a replacement already chosen
            occupied[cand.start : cand.end] = b"\x01" * (cand.end - cand.start)
            taken.append(cand)
        taken.sort(key=lambda c: c.start)
        return taken


def _link_codes_to_names(text: str, mentions: list[Mention]) -> None:
    """ "Marloes de Vries (MVR)": a teacher code in brackets right after a name is that
    person's code, so both get one label (and "MVR" alone later, too)."""
    by_end = {m.end: m for m in mentions if m.kind == "persoon" and m.reason != "docentcode"}
    for code in mentions:
        if code.reason != "docentcode" or text[code.end : code.end + 1] != ")":
            continue
        opening = text.rfind("(", 0, code.start)
        if opening < 0 or text[opening + 1 : code.start].strip():
            continue
        person = by_end.get(len(text[:opening].rstrip()))
        if person is None or not (person.sur or person.given):
            continue
        anchor = person.sur_parts[-1] if person.sur_parts else person.given[0]
        code.sur, code.sur_parts = anchor, (anchor, code.sur)
        if person.role:
            code.role = person.role


@cache
def _wordy() -> frozenset[str]:
    """Names that are also ordinary words: in lower case never found by propagation."""
    lex = lexicon()
    return lex.common_words | lex.stopwords | (lex.name_is_word - lex.mostly_names)


# a role word right before a name that its label would only repeat
_ROLE_WORD = re.compile(r"(?<![\w-])(\w+)([ \u00a0])$")
_LABEL_NOUNS = {
    "collega": "Collega",
    "leerling": "Leerling",
    "leerlinge": "Leerling",
    "student": "Student",
    "studente": "Student",
}


def _absorb_role_word(text: str, start: int, label: str) -> tuple[int, str]:
    """ "mijn collega Marloes" reads "mijn collega A", not "mijn collega Collega A":
    when the word before a name is the label's own role noun, the replacement takes it
    in and keeps it as the teacher wrote it. Returns the new start and the text shown."""
    match = _ROLE_WORD.search(text, max(0, start - 20), start)
    noun, _, suffix = label.partition(" ")
    if match is None or not suffix:
        return start, label
    written = match.group(1)
    role = _LABEL_NOUNS.get(written.lower())
    if role is None or (role != noun and {role, noun} != {"Leerling", "Student"}):
        return start, label
    if written.isupper():
        suffix = suffix.upper()
    return match.start(), written + match.group(2) + suffix


def _apply(
    text: str, replacements: list[Replacement], suspects: tuple[Suspect, ...] = ()
) -> AnonymizedText:
    out: list[str] = []
    pos = 0
    for r in replacements:
        out.append(text[pos : r.start])
        out.append(r.inserted)
        pos = r.end
    out.append(text[pos:])
    return AnonymizedText(text, "".join(out), tuple(replacements), suspects)


def anonymize(text: str, known: KnownNames | None = None, sector: str = "mbo") -> AnonymizedText:
    """Anonymize one text with default settings."""
    return Anonymizer(known, sector=sector).anonymize(text)
