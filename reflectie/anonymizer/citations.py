"""Cited authors and public figures: spans that name people we must NOT replace
("(Dweck, 2006)", "Hattie en Timperley (2007)", "volgens Rosenshine", "Anne Frank")."""

from __future__ import annotations

import re
from functools import cache

from reflectie.anonymizer.lexicon import fold, is_dutch_word, lexicon
from reflectie.anonymizer.vocabulary import words

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
        for m in famous.finditer(text):
            follower = _NEXT_WORD.match(text, m.end())
            if follower and not is_dutch_word(fold(follower.group(1))):
                continue  # "Willem-Alexander Kaptijn" is a pupil, not the king
            certain.append((m.start(), m.end()))
    if _HAS_YEAR.search(text):
        certain += [(m.start(1), m.end(1)) for m in _PAREN_CITATION.finditer(text)]
        certain += [(m.start(1), m.end(1)) for m in _NARRATIVE_CITATION.finditer(text)]
        certain += [(m.start(1), m.end(1)) for m in _REFERENCE.finditer(text)]
    certain += quoted_titles(text)
    likely = []
    for m in _LITERATURE.finditer(text):
        # "het model van X", "uit het boek van X": a work names its author. A bare
        # "volgens X" does not: "volgens Nilton was de machine al kapot" names a
        # student; cited authors after "volgens" are on the authors list.
        if _LITERATURE_BEFORE.search(text, max(0, m.start() - 90), m.start()):
            likely.append((m.start(2), m.end(2)))
    return certain, likely


@cache
def _famous_keys() -> frozenset[str]:
    """The first word of every public figure's name, to skip the big regex cheaply."""
    return frozenset(fold(name.split()[0]) for name in lexicon().famous)


# a title in quotes: 'Storm in de klas', "De wereld van Sofie", ‘Water in de stad’
_QUOTED = re.compile(r"(?:(?<=\s)|(?<=^)|(?<=\())['‘\"“]([A-Z][^'’\"”\n]{1,60}?)['’\"”](?!\w)")
_NOT_IN_TITLE = re.compile(r"[,.!?;:]")
# words that make a quoted phrase speech rather than a title ("'Tsega komt morgen'")
_SPEECH_WORDS = words(
    "is was ben bent zijn komt kwam zei zegt heeft had wil wilde moet mag kan kon "
    "ik jij je u we wij jullie hij zij ze mijn"
)


_NEXT_WORD = re.compile(r"[ \u00a0]([A-Z][^\W\d_]+)")


def quoted_titles(text: str) -> list[tuple[int, int]]:
    """Spans of titles of works and projects written in quotes: two to six words, no
    sentence punctuation, no pronoun or verb that makes it a quote of speech."""
    if "'" not in text and "‘" not in text and '"' not in text and "“" not in text:
        return []
    spans = []
    for m in _QUOTED.finditer(text):
        inner = m.group(1)
        words = inner.split()
        if not 2 <= len(words) <= 6 or _NOT_IN_TITLE.search(inner):
            continue
        if any(w.lower() in _SPEECH_WORDS for w in words):
            continue
        if all(w[:1].isupper() for w in words) and _looks_like_a_name(words):
            continue  # 'Lale Sahin', 'De Jong-Sahin': a name in quotes, not a title
        spans.append((m.start(1), m.end(1)))
    return spans


def _looks_like_a_name(words: list[str]) -> bool:
    lex = lexicon()
    keys = [fold(p) for w in words for p in w.split("-") if p]
    return keys[0] in lex.first_names or any(
        k in lex.surnames or k in lex.after_interfix for k in keys
    )
