"""The word lists the anonymizer consults, loaded lazily and cached.

Every list is stored *folded* (lower case, accents removed) so lookups are one
``in`` on a frozenset. Sources and licences: ``data/BRONNEN.md``.
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"

_COMBINING = re.compile(r"[\u0300-\u036f]")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case without accents: "Zoë" and "zoe" are one key; "’" becomes "'"."""
    folded = text.casefold().replace("’", "'")
    if folded.isascii():
        return folded
    return _COMBINING.sub("", unicodedata.normalize("NFKD", folded))


@dataclass(frozen=True, slots=True)
class Lexicon:
    first_names: frozenset[str]
    surnames: frozenset[str]
    after_interfix: frozenset[str]  # surname cores that follow a tussenvoegsel ("Vries")
    places: frozenset[str]
    major_places: frozenset[str]  # countries, provinces, regions, big cities: never a surname alone
    name_is_word: frozenset[str]  # names that are also a (rare) Dutch or English word
    common_words: frozenset[str]  # names that are mostly ordinary words (roos, storm, ben)
    mostly_names: frozenset[str]  # names that are rare words, but nearly always names (kees)
    not_names: frozenset[str]  # capitalised words that are never a person on their own
    authors: frozenset[str]
    famous: tuple[str, ...]  # full names of public figures and cited authors (original case)
    stopwords: frozenset[str]
    abbreviations: frozenset[str]  # "PTA", "CKV", "SE": never a docentcode


def _read(name: str) -> list[str]:
    path = DATA_DIR / name
    if name.endswith(".gz"):
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            text = handle.read()
    else:
        text = path.read_text(encoding="utf-8")
    items: list[str] = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            items.append(line)
    return items


def _words(name: str) -> frozenset[str]:
    """A hand-made file: several words per line."""
    return frozenset(fold(word) for line in _read(name) for word in line.split())


def _folded(*names: str) -> frozenset[str]:
    return frozenset(fold(item) for name in names for item in _read(name))


@cache
def lexicon() -> Lexicon:
    """Load every list once per process (about 30k names; a few tens of milliseconds)."""
    return Lexicon(
        first_names=_folded("voornamen.txt.gz", "extra_voornamen.txt"),
        surnames=_folded("achternamen.txt.gz", "extra_achternamen.txt"),
        after_interfix=_folded("achternamen_na_tussenvoegsel.txt.gz"),
        places=_folded("plaatsen.txt.gz", "extra_plaatsen.txt"),
        major_places=_folded("extra_plaatsen.txt"),
        name_is_word=_folded("naam_is_ook_woord.txt.gz"),
        common_words=_words("gewone_woorden.txt"),
        mostly_names=_words("vooral_namen.txt"),
        not_names=_words("geen_namen.txt"),
        authors=_words("auteurs.txt"),
        famous=tuple(_read("bekende_personen.txt")),
        stopwords=_words("stopwoorden.txt"),
        abbreviations=_words("afkortingen.txt"),
    )


@cache
def dutch_words() -> frozenset[str]:
    """Every lower-case Dutch word (OpenTaal 2.20, ~356k, stored folded). A capitalised word that is
    not among them, nor a known name or place, is a *possible* name: the person rules
    accept it in a person context, and the review lists it otherwise. Loaded on the first
    call that needs it (about 80 ms)."""
    with gzip.open(DATA_DIR / "woorden.txt.gz", "rt", encoding="utf-8") as handle:
        return frozenset(handle.read().split())


@cache
def dictionary_proper_nouns() -> frozenset[str]:
    """Every capitalised Dutch dictionary entry (OpenTaal, folded): places abroad,
    countries, languages, brands, events, and also many first names ("Berlijn", "Jan")."""
    with gzip.open(DATA_DIR / "eigennamen.txt.gz", "rt", encoding="utf-8") as handle:
        return frozenset(handle.read().split())


@cache
def proper_nouns() -> frozenset[str]:
    """Capitalised dictionary entries that are no person name in our lexicons: "Berlijn"
    after "naar" is a place, and "Papiaments" is never a new name."""
    lex = lexicon()
    names = lex.first_names | lex.surnames | lex.after_interfix
    return dictionary_proper_nouns() - names


@lru_cache(maxsize=65536)
def is_dutch_word(key: str) -> bool:
    """``key`` (folded) is an ordinary Dutch word (the lower-case dictionary), or a
    compound of two ("leerlingnummer",
    "stagebegeleidersoverleg"): the word list holds only the common compounds."""
    words = dutch_words()
    if key in words:
        return True
    small = lexicon().stopwords  # "als|haar" is no compound: "Alshaar" is a name
    for cut in range(3, len(key) - 3):  # both parts at least 3 and 4 letters
        head, tail = key[:cut], key[cut:]
        if head in small or tail in small:
            continue
        if tail in words and (
            head in words
            or (head[-1] in "s-" and head[:-1] in words)
            or (head.endswith("en") and head[:-2] in words)
        ):
            return True
    return False
