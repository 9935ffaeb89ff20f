"""Teacher codes (docentcodes): the two-to-four-letter capitals that stand for a colleague
in every vo roster ("surveillance met KLM en BRN", "BRN neemt 4H over").

A code is personal data like a name, but it looks like the school and subject
abbreviations that must stay (PTA, SE, CKV, LOB, BPV, NE, WA …). So a capital code is
taken for a colleague only when it is no known abbreviation and no Dutch word, and the
context treats it as a person: a preposition or role word before it ("met BRN", "collega
KLM"), a verb after it ("BRN neemt"), another code or name beside it ("KLM en BRN",
"KLM/BRN"), or roster words in the same line (surveillance, invallen, lokaal, …). A code
without such context is left, and listed in the review as "mogelijk een docentcode".
Codes on the teacher's own list are always replaced (``occurrences.py``).
"""

from __future__ import annotations

import re

from reflectie.anonymizer.lexicon import dutch_words, lexicon
from reflectie.anonymizer.mentions import KnownIndex, Mention
from reflectie.anonymizer.tokens import Token
from reflectie.anonymizer.vocabulary import CUES, DETERMINERS, SUBJECT_VERBS, words

_CODE = re.compile(r"[A-Z]{2,4}")
_BEFORE = words(
    "met en door van aan voor bij naast of tegen collega docent mentor coach "
    "teamleider sectievoorzitter vakdocent invaller vervanger"
)
_AFTER_VERBS = SUBJECT_VERBS | words(
    "neemt nam valt viel surveilleert surveilleerde vervangt verving geeft gaf "
    "heeft had is was doet deed en of"
)
_ROSTER = re.compile(
    r"surveil|invall|inval\b|invaller|rooster|lokaal|uitval|vervang|overname|neemt\b.*\bover|"
    r"mentoruur|mentora|toezicht|pauzedienst|duo|co-?teach|tweede lezer|corrector|sectie|"
    r"aanwezig|afwezig|taakverdeling|wie doet wat|notulist|voorzitter",
    re.IGNORECASE,
)


_LIST_ITEM = re.compile(r"\s*(?:[-*•]|\d+[.)])\s")
# "- 1A: DJK", "Beoordelaars: HFK", "do: HNS": a code right after a label and a colon
_LABEL_BEFORE = re.compile(r":\**\s+\**$")


# codes some schools write in mixed case: "OSTm", "KRAy", "vdBJ", "vRij", "LeeT", and
# consonants only: "Wbrg"
_MIXED_CODE = re.compile(
    r"[A-Z]{2,4}[a-z]|[a-z]{1,3}[A-Z]{2,3}|[a-z][A-Z][a-z]{2}|[A-Z][a-z]{2}[A-Z]"
    r"|[A-Z][bcdfghjklmnpqrstvwxz]{3}"
)


def is_code_shape(tok: Token, known: KnownIndex) -> bool:
    """Capitals only (2–4 letters) or a mixed-case code, and no abbreviation or Dutch
    word we know."""
    if tok.case == "upper":
        if not _CODE.fullmatch(tok.base):
            return False
    elif not _MIXED_CODE.fullmatch(tok.base):
        return False
    if tok.gap[-1:].isdigit():
        return False  # "4H", "3VWO": a class
    key = tok.key
    if key in known.keys:
        return True
    lex = lexicon()
    return not (
        key in lex.abbreviations
        or key in lex.stopwords
        or key in lex.not_names
        or key in dutch_words()
    )


def _shouting(tokens: list[Token], j: int) -> bool:
    """Token j stands in a run of capitalised words ("COLLEGA IS ZIEK"), not in text."""
    near = [tokens[k] for k in (j - 2, j - 1, j + 1, j + 2) if 0 <= k < len(tokens)]
    dutch = dutch_words()
    return sum(t.case == "upper" and t.key in dutch for t in near) >= 2


def find_codes(
    text: str, tokens: list[Token], known: KnownIndex, covered: bytearray
) -> tuple[list[Mention], list[int]]:
    """Docentcodes in a person context (as mentions), and the token indices of codes that
    look like one but have no such context (for the review's safety net)."""
    found: list[Mention] = []
    doubtful: list[int] = []
    shaped = [
        j
        for j, tok in enumerate(tokens)
        if not covered[tok.start]
        and is_code_shape(tok, known)
        and not text[tok.end : tok.end + 1].isalnum()  # "VZ3", "MBV1B": a class
    ]
    if not shaped:
        return found, doubtful
    shaped_set = set(shaped)
    for j in shaped:
        tok = tokens[j]
        if tok.key in known.keys:
            continue  # the occurrence pass replaces listed codes everywhere
        if _shouting(tokens, j):
            continue
        if j > 0 and tokens[j - 1].key in DETERMINERS and tok.gap == " ":
            doubtful.append(j)
            continue  # "het RIVM", "de VOC", "de LIO": an organisation or a role
        prev = tokens[j - 1] if j > 0 else None
        nxt = tokens[j + 1] if j + 1 < len(tokens) else None
        beside_code = (j - 1 in shaped_set and tok.gap.strip() in ("en", "/", ",", "&", "of")) or (
            j + 1 in shaped_set
            and nxt is not None
            and nxt.gap.strip() in ("en", "/", ",", "&", "of")
        )
        before = prev is not None and prev.key in _BEFORE and "\n" not in tok.gap
        after = nxt is not None and nxt.gap == " " and nxt.key in _AFTER_VERBS
        line_start = text.rfind("\n", 0, tok.start) + 1
        line_end = text.find("\n", tok.end)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        after_label = (
            bool(_LABEL_BEFORE.search(tok.gap)) and len(text[line_start : tok.start].split()) <= 3
        )
        roster = bool(_ROSTER.search(line))
        # "BRN coördineert": a present-tense verb after it
        verb = (
            nxt is not None
            and nxt.gap == " "
            and nxt.case == "lower"
            and nxt.key.endswith("t")
            and nxt.key in dutch_words()
        )
        # "- 1A: DJK", "**FLR**: presentatie", "Persoon (PTN)": a list or an apposition
        listed = bool(_LIST_ITEM.match(line)) and (
            len(line.split()) <= 3
            or bool(_LABEL_BEFORE.search(tok.gap))
            or text[tok.end : tok.end + 3].lstrip("*").startswith(":")
        )
        apposition = tok.gap.endswith("(") and text[tok.end : tok.end + 1] == ")"
        # "ik + HLM", "HFK / Persoon 8", "ma: Persoon 1 ipv HNS"
        joined = tok.gap.strip() in ("+", "/", "&") or (prev is not None and prev.key == "ipv")
        if (
            beside_code
            or before
            or after
            or roster
            or verb
            or listed
            or apposition
            or after_label
            or joined
        ):
            role = "collega"
            if prev is not None and prev.key in CUES and CUES[prev.key] != "persoon":
                role = CUES[prev.key]
            found.append(
                Mention(
                    start=tok.start,
                    end=tok.end,
                    reason="docentcode",
                    sur=tok.key,
                    sur_parts=(tok.key,),
                    role=role,
                    poss=tok.poss,
                    forms={tok.key: False},
                )
            )
        else:
            doubtful.append(j)
    return found, doubtful
