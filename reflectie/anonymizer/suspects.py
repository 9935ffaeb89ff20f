"""The safety net: words that were KEPT but look like they could name someone.

No rule set finds every name. Rather than ask the teacher to trust a recall figure, the
review lists what might have slipped through, so they can replace it with one key:

* a capitalised word that is no Dutch word, no known place, author or abbreviation
  ("Zyrah", "Okonkwo"): "onbekend woord met hoofdletter";
* a first name from the lexicon kept in the middle of a sentence ("het boek Storm"):
  "lijkt op een voornaam";
* a capital code without a person context ("BRN"): "mogelijk een docentcode".
"""

from __future__ import annotations

from reflectie.anonymizer.citations import protected_spans
from reflectie.anonymizer.lexicon import dictionary_proper_nouns, is_dutch_word, lexicon
from reflectie.anonymizer.tokens import Token
from reflectie.anonymizer.vocabulary import (
    CUES,
    MONTH_ABBREVIATIONS,
    PLACE_PREPOSITIONS,
    TUSSENVOEGSELS,
)

UNKNOWN = "onbekend woord met hoofdletter"
FIRST_NAME = "lijkt op een voornaam"
CODE = "mogelijk een docentcode"


def find_suspects(
    text: str,
    tokens: list[Token],
    covered: bytearray,
    doubtful_codes: list[int],
    allow: frozenset[str],
) -> list[tuple[int, int, str, str]]:
    """(start, end, word, reason) for each kept word that may be a name, once per word."""
    lex = lexicon()
    certain, likely = protected_spans(text, {tok.key for tok in tokens})
    protected = bytearray(len(text) + 1)
    for s, e in certain + likely:
        protected[s:e] = b"\x01" * (e - s)
    out: list[tuple[int, int, str, str]] = []
    seen: set[str] = set()

    def add(tok: Token, reason: str) -> None:
        if tok.key not in seen:
            seen.add(tok.key)
            out.append((tok.start, tok.start + len(tok.base), tok.base, reason))

    codes = set(doubtful_codes)
    for j, tok in enumerate(tokens):
        key = tok.key
        if covered[tok.start] or protected[tok.start] or key in allow or key in seen:
            continue
        if j in codes:
            add(tok, CODE)
            continue
        if tok.case != "title" or len(key) < 3 or not tok.base[1:].islower():
            continue
        if (
            key in lex.places
            or key in lex.not_names
            or key in lex.authors
            or key in lex.abbreviations
            or key in lex.stopwords
            or key in CUES
            or key in TUSSENVOEGSELS
            or key in MONTH_ABBREVIATIONS
        ):
            continue
        prev = tokens[j - 1].key if j > 0 else ""
        if prev in PLACE_PREPOSITIONS and key in dictionary_proper_nouns():
            continue  # "naar Berlijn", "uit Aleppo"
        known_name = key in lex.first_names or key in lex.surnames
        if not is_dutch_word(key) and not (tok.poss and is_dutch_word(key[:-1])):
            if not known_name or not tok.sent:
                add(tok, UNKNOWN)
            continue
        if key in lex.first_names and not tok.sent and key not in lex.common_words:
            add(tok, FIRST_NAME)
    return out
