"""Every other occurrence of a name that was found with evidence somewhere in the export.

``scan.py`` finds names where the text gives evidence (a cue, a first name with a
surname, a listed name, …). A person is then registered with every form of their name:
the given names and surname parts, and this pass replaces each occurrence of those forms
anywhere in the export, whatever the position or the case: at the start of a sentence,
in capitals ("JASPER"), as a possessive ("Jaspers vader"), inside a hyphenated compound
("het Yusuf-moment"). The one exception is clear common-noun use: a lower-case word after
an article or determiner ("als een wolf", "de roos"), or a lower-case word that is also an
ordinary word without a person context ("het bos").
"""

from __future__ import annotations

from bisect import bisect_left

from reflectie.anonymizer.citations import protected_spans
from reflectie.anonymizer.lexicon import Lexicon, dictionary_proper_nouns, is_dutch_word, lexicon
from reflectie.anonymizer.mentions import KnownIndex, Mention
from reflectie.anonymizer.tokens import Token
from reflectie.anonymizer.vocabulary import (
    CUES,
    DETERMINERS,
    MONTH_ABBREVIATIONS,
    PERSON_CONTEXT,
    PLACE_PREPOSITIONS,
    STREET_SUFFIXES,
    TUSSENVOEGSELS,
)

# determiners that are not also tussenvoegsels: "een Wolf" is an animal, "de Vries" is not
_ARTICLES = DETERMINERS - TUSSENVOEGSELS
# in lower case, "de puck" and "van jade" are things
_OF_THINGS = DETERMINERS | {"van"}


def _wordy(lex: Lexicon, key: str) -> bool:
    """An ordinary word as well as a name ("wolf", "roos", "bakker")."""
    return (
        key in lex.common_words
        or key in lex.stopwords
        or (key in lex.name_is_word and key not in lex.mostly_names)
    )


def _name_key(tok: Token, forms: dict[str, bool], known: KnownIndex) -> tuple[str, bool]:
    """The registered form this token is (its key, and whether it is a possessive)."""
    key = tok.key
    if key in forms or key in known.keys:
        return key, tok.poss
    if len(key) > 3 and key.endswith("s"):
        base = key[:-1]  # "Jaspers", "Yusufs": the possessive of a registered given name
        if forms.get(base) or base in known.given or (tok.case != "lower" and base in known.keys):
            return base, True  # "Tsions mentor" when Tsion is on the teacher's list
    return "", False


def find_occurrences(
    text: str,
    tokens: list[Token],
    *,
    forms: dict[str, bool],
    known: KnownIndex,
    covered: bytearray,
    allow: frozenset[str],
) -> list[Mention]:
    """Mentions for the registered name forms in ``text`` that no evidence rule or
    pattern took yet (``covered`` marks those characters). Adjacent forms ("Jasper de
    Graaf" written again) become one mention."""
    if not forms and not known.keys:
        return []
    lex = lexicon()
    certain, _likely = protected_spans(text, {tok.key for tok in tokens})
    starts = [tok.start for tok in tokens]
    famous = [False] * len(tokens)
    for s, e in certain:
        for i in range(bisect_left(starts, s), bisect_left(starts, e)):
            famous[i] = True
    hits: list[tuple[int, str, bool]] = []  # token index, form, possessive
    for j, tok in enumerate(tokens):
        if covered[tok.start] or len(tok.key) < 2 or tok.key in allow:
            continue
        key, poss = _name_key(tok, forms, known)
        if not key or key in TUSSENVOEGSELS:
            continue
        listed = key in known.keys
        if famous[j] and not listed:
            continue  # "Anne Frank", "(Dweck, 2006)"
        if tok.key.endswith(STREET_SUFFIXES) and tok.key not in forms and not listed:
            continue
        prev = tokens[j - 1] if j > 0 else None
        after_article = prev is not None and prev.key in _ARTICLES and not tok.sent
        if (
            prev is not None
            and prev.key in PLACE_PREPOSITIONS
            and not listed
            and (key in lex.places or key in dictionary_proper_nouns())
        ):
            continue  # "in Zeist" while "Kamp van Zeist" was taken for a name
        if tok.case == "lower":
            person_context = prev is not None and (prev.key in PERSON_CONTEXT or prev.key in CUES)
            ordinary = _wordy(lex, key) or is_dutch_word(key)
            if prev is not None and prev.key in _OF_THINGS and not listed and ordinary:
                continue  # "de puck", "een ketting van jade"
            if ordinary and (after_article or not (listed and person_context)):
                continue  # "als een wolf", "het bos"
        elif after_article and _wordy(lex, key):
            continue  # "EEN WOLF", "een Roos" (a title)
        elif (
            prev is not None
            and prev.key in ("de", "het")
            and prev.case == "title"
            and not prev.sent
            and forms.get(key, False)
            and not listed
        ):
            continue  # "Zorgcentrum De Linde", "De Storm van Shakespeare": a title
        hits.append((j, key, poss))
    return _merge(text, tokens, hits, forms, known)


def _merge(
    text: str,
    tokens: list[Token],
    hits: list[tuple[int, str, bool]],
    forms: dict[str, bool],
    known: KnownIndex,
) -> list[Mention]:
    """One mention per run of adjacent forms, tussenvoegsels between them included."""
    out: list[Mention] = []
    n = 0
    while n < len(hits):
        first = last = hits[n][0]
        keys = [hits[n][1]]
        poss = hits[n][2]
        m = n + 1
        while m < len(hits) and not poss:
            nxt = hits[m][0]
            between = tokens[last + 1 : nxt]
            if all(t.key in TUSSENVOEGSELS for t in between) and all(
                tokens[k].gap in (" ", "-", "\u00a0") for k in range(last + 1, nxt + 1)
            ):
                last = nxt
                keys.append(hits[m][1])
                poss = hits[m][2]
                m += 1
            else:
                break
        # a surname form directly after its tussenvoegsels: "van den Berg" as one mention
        while (
            first > 0
            and tokens[first - 1].key in TUSSENVOEGSELS
            and tokens[first].gap in (" ", "\u00a0")
            and not forms.get(keys[0], keys[0] in known.given)
            and not tokens[first].sent
        ):
            first -= 1
        given = tuple(k for k in keys if forms.get(k, k in known.given))
        surnames = tuple(k for k in keys if k not in given)
        if given and surnames and keys.index(surnames[0]) < keys.index(given[-1]):
            given, surnames = (), tuple(keys)  # "Bakker Jan" is no first name + surname
        listed = any(k in known.keys for k in keys)
        out.append(
            Mention(
                start=tokens[first].start,
                end=tokens[last].end,
                reason="bekende naam" if listed else "naam elders gevonden",
                given=given,
                sur="-".join(surnames),
                sur_parts=surnames,
                poss=poss,
                forms={k: k in given for k in keys},
                role=CUES.get(tokens[first - 1].key, "") if first > 0 else "",
            )
        )
        n = m
    return out


def _could_be_name_part(tok: Token, lex: Lexicon) -> bool:
    """A capitalised word that may belong to a name beside it: in a name lexicon, or no
    Dutch word, place, abbreviation or cue at all ("Rudsel", "Kovalenko")."""
    key = tok.key
    if tok.case not in ("title", "upper") or len(key) < 2 or not tok.base[1:].isalpha():
        return False
    if tok.case == "upper" and len(key) < 3:
        return False
    if (
        key in CUES
        or key in TUSSENVOEGSELS
        or key in lex.stopwords
        or key in lex.not_names
        or key in lex.abbreviations
        or key in lex.authors
        or key in MONTH_ABBREVIATIONS
        or key.endswith(STREET_SUFFIXES)
    ):
        return False
    if key in lex.places and key not in lex.surnames:
        return False
    if key in lex.first_names or key in lex.surnames or key in lex.after_interfix:
        return not _wordy(lex, key)
    return not is_dutch_word(key)


def extend_names(text: str, tokens: list[Token], mentions: list[Mention], taken: bytearray) -> None:
    """Grow person mentions over an adjacent capitalised word that can only be part of
    the same name: "Xinyi" before a found "Wang", "Kovalenko" after a found "Oleksandr".
    ``taken`` marks every replaced character (mentions and pattern hits). Updates the
    mentions (and their name forms) in place."""
    if not mentions or not tokens:
        return
    lex = lexicon()
    starts = [tok.start for tok in tokens]
    ends = {tok.end: n for n, tok in enumerate(tokens)}
    for m in mentions:
        if m.kind != "persoon" or m.forced or m.acronym or m.reason == "docentcode":
            continue
        first = bisect_left(starts, m.start)
        if first < len(tokens) and tokens[first].start == m.start and first > 0:
            prev, cur = tokens[first - 1], tokens[first]
            if (
                cur.gap == " "
                and not taken[prev.start]
                and not prev.poss
                and _could_be_name_part(prev, lex)
                and (m.given or m.sur)
            ):
                m.start = prev.start
                m.given = (prev.key, *m.given) if m.given else (prev.key,)
                m.forms[prev.key] = True
                taken[prev.start : prev.end] = b"\x01" * (prev.end - prev.start)
        _surname_first(text, tokens, m, first, taken, lex)
        last = ends.get(m.end)
        if last is not None and last + 1 < len(tokens) and not m.poss and not m.sur:
            nxt = tokens[last + 1]
            if (
                nxt.gap == " "
                and len(nxt.base) == 1
                and nxt.base.isupper()
                and text[nxt.end : nxt.end + 1] == "."
                and not taken[nxt.start]
            ):
                # "Noni S.", "Edmilson T.": a first name with the initial of the surname
                m.end = nxt.end + 1
                m.sur, m.sur_parts = nxt.key, (nxt.key,)
                taken[nxt.start : m.end] = b"\x01" * (m.end - nxt.start)
                continue
            if nxt.gap == " " and not taken[nxt.start] and _could_be_name_part(nxt, lex):
                m.end = nxt.end
                m.sur = nxt.key
                m.sur_parts = (nxt.key,)
                m.poss = nxt.poss
                m.forms[nxt.key] = False
                taken[nxt.start : nxt.end] = b"\x01" * (nxt.end - nxt.start)


def _surname_first(
    text: str, tokens: list[Token], m: Mention, first: int, taken: bytearray, lex: Lexicon
) -> None:
    """A class list written surname first: "AKHTAR, Zara", "DE JONG, Gijs", "Van der
    Heijden, Noa". The line starts with capitalised words, then a comma, then the found
    first name: the words before the comma are its surname."""
    if not (m.given and not m.sur) or first >= len(tokens) or tokens[first].start != m.start:
        return
    if tokens[first].gap not in (", ", ","):
        return
    k = first - 1
    while k >= 0:
        tok = tokens[k]
        capitalised = tok.case in ("title", "upper") or tok.key in TUSSENVOEGSELS
        if taken[tok.start] or not capitalised:
            return
        if (
            tok.key not in TUSSENVOEGSELS
            and not _could_be_name_part(tok, lex)
            and not (tok.key in lex.surnames or tok.key in lex.after_interfix)
        ):
            return
        if k == 0 or "\n" in tok.gap or tok.gap.strip() in ("-", "*", "•"):
            break
        if tok.gap != " ":
            return
        k -= 1
    parts = [t.key for t in tokens[k:first] if t.key not in TUSSENVOEGSELS]
    if not parts:
        return
    m.start = tokens[k].start
    m.sur = "-".join(parts)
    m.sur_parts = tuple(parts)
    for key in parts:
        m.forms[key] = False
    taken[m.start : tokens[first].start] = b"\x01" * (tokens[first].start - m.start)
