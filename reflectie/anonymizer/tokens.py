"""Tokens with the facts the person rules need: case, possessive, sentence start."""

from __future__ import annotations

import re
from dataclasses import dataclass

from reflectie.anonymizer.lexicon import fold


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# "'t", "d'Hondt", and letter runs with inner apostrophes ("Zoë's", "SLB'er")
_TOKEN = re.compile(r"['’]t\b|[dDlL]['’](?=[^\W\d_])[^\W\d_]+|[^\W\d_]+(?:['’][^\W\d_]+)*")
_SENTENCE_PUNCT = set(".!?:…")
# words after which a full stop does not end the sentence
ABBREVIATIONS = _words(
    "mw mevr mvr dhr hr dr drs ir ing prof mr ds bijv bv o.a oa ca nr no evt incl excl resp "
    "vgl zgn jl a.s st tel mob ong max min ivm i.v.m m.b.t mbt t.a.v tav e.d etc enz ed mej "
    "wed fam sr jr"
)


@dataclass(slots=True)
class Token:
    start: int
    end: int  # includes a trailing possessive apostrophe ("Kees'")
    text: str  # the letters as written, possessive suffix included
    base: str  # without a possessive suffix
    poss: bool  # "Zoë's", "Kees'" (a plain "s" is decided later)
    key: str  # fold(base)
    case: str  # "lower" | "title" | "upper" | "other"
    sent: bool  # first word of a sentence, line, list item or heading
    gap: str  # the text between the previous token and this one


def _case(word: str) -> str:
    if word.islower():
        return "lower"
    if word.isupper():
        return "upper" if len(word) > 1 else "title"
    if word[0].isupper():
        return "title"
    return "other"


def _is_sentence_gap(gap: str, prev: Token | None) -> bool:
    if prev is None or "\n" in gap:
        return True
    if not any(ch in _SENTENCE_PUNCT for ch in gap):
        return False
    stripped = gap.strip()
    # "J. de Vries", "mevr. Jansen", "o.a. Jan": a full stop after an abbreviation
    return not (
        stripped.startswith(".")
        and stripped.count(".") == 1
        and not any(ch in "!?:…" for ch in stripped)
        and (len(prev.base) == 1 or prev.key in ABBREVIATIONS)
    )


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    append = tokens.append
    prev: Token | None = None
    prev_end = 0
    length = len(text)
    for m in _TOKEN.finditer(text):
        word = m.group()
        start, end = m.span()
        base, poss = word, False
        if "'" in word or "’" in word:
            cut = max(word.rfind("'"), word.rfind("’"))
            if cut > 0 and word[cut + 1 :].lower() == "s":
                base, poss = word[:cut], True
        if (
            end < length
            and text[end] in "'’"
            and (end + 1 >= length or not text[end + 1].isalnum())
            and word[-1] in "sxzSXZ"
            and word[0].isupper()
        ):  # "Kees'": a possessive apostrophe after a name ending in s, x or z
            poss = True
            end += 1
        gap = text[prev_end:start]
        token = Token(
            start,
            end,
            text[start:end] if end != m.end() else word,
            base,
            poss,
            fold(base),
            "lower" if base.islower() else _case(base),
            False if gap == " " and prev is not None else _is_sentence_gap(gap, prev),
            gap,
        )
        append(token)
        prev, prev_end = token, end
    return tokens
