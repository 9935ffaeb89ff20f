"""A name found in a text, and the teacher's own names split into matchable parts."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from reflectie.anonymizer.lexicon import fold, lexicon
from reflectie.anonymizer.vocabulary import TUSSENVOEGSELS


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
