"""Rebuild the derived lexicon files in ``data/`` from their third-party sources.

Not imported at run time; run it by hand when a source is updated::

    pip download --no-deps deduce==3.0.6 faker && unzip both wheels somewhere
    apt-get download wdutch wamerican && dpkg-deb -x each .deb somewhere
    python -m reflectie.anonymizer._build_lexicons \\
        --deduce DIR/deduce/data/lookup/src --faker DIR/faker \\
        --opentaal DIR/usr/share/dict/dutch --scowl DIR/usr/share/dict/american-english

Sources and licences are listed in ``data/BRONNEN.md`` and ``docs/anonymizer.md``.
The hand-made files (``extra_*.txt``, ``gewone_woorden.txt``, ``geen_namen.txt``,
``auteurs.txt``, ``bekende_personen.txt``, ``stopwoorden.txt``) are edited directly.
"""

from __future__ import annotations

import argparse
import ast
import gzip
import re
from pathlib import Path

from reflectie.anonymizer.lexicon import DATA_DIR, fold

TUSSENVOEGSELS = {
    "van",
    "de",
    "der",
    "den",
    "het",
    "'t",
    "ten",
    "ter",
    "te",
    "in",
    "op",
    "uit",
    "bij",
    "aan",
    "la",
    "le",
    "du",
    "da",
    "di",
    "del",
    "von",
    "el",
}


def _lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _faker_lists(faker_dir: Path) -> dict[str, list[str]]:
    source = (faker_dir / "providers/person/nl_NL/__init__.py").read_text(encoding="utf-8")
    found: dict[str, list[str]] = {}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Tuple | ast.List):
            target = node.targets[0]
            if isinstance(target, ast.Name):
                found[target.id] = [
                    elt.value
                    for elt in node.value.elts
                    if isinstance(elt, ast.Constant) and isinstance(elt.value, str)
                ]
    return found


def _write(name: str, items: set[str]) -> None:
    data = "\n".join(sorted(items, key=lambda s: (fold(s), s))) + "\n"
    with gzip.GzipFile(DATA_DIR / name, "wb", mtime=0) as handle:
        handle.write(data.encode("utf-8"))
    print(f"{name}: {len(items)}")


def build(deduce: Path, faker: Path, opentaal: Path, scowl: Path) -> None:
    names = deduce / "names"
    first = set(_lines(names / "lst_first_name/items.txt"))
    surnames: set[str] = set()
    after_interfix = set(_lines(names / "lst_interfix_surname/items.txt"))
    not_surnames = set(_lines(names / "lst_surname/exceptions.txt"))
    for item in _lines(names / "lst_surname/items.txt"):
        if item in not_surnames:  # deduce's own exceptions: "Zwolle", "Maandag", "Dokter"
            continue
        surnames.add(item)
        if " " in item:  # "El Haddad", "Bruins Slot": the last part alone too
            surnames.add(item.split()[-1])
    fk = _faker_lists(faker)
    first |= set(fk.get("first_names_male", [])) | set(fk.get("first_names_female", []))
    for full in fk.get("last_names", []):
        parts = full.split()
        core = [p for p in parts if p.lower() not in TUSSENVOEGSELS]
        if not core:
            continue
        if len(core) < len(parts):
            after_interfix.add(core[-1])
        surnames.add(core[-1])
    places: set[str] = set()
    for sub in ("lst_residence", "lst_municipality", "lst_province", "lst_region"):
        places |= set(_lines(deduce / "locations/lst_placename" / sub / "items.txt"))

    words = {w for w in _lines(opentaal) if w[:1].islower()}
    words |= {w for w in _lines(scowl) if w[:1].islower() and "'" not in w}
    folded_words = {fold(w) for w in words}
    ambiguous = {fold(n) for n in first | surnames | after_interfix if fold(n) in folded_words}

    _write("voornamen.txt.gz", first)
    _write("achternamen.txt.gz", surnames)
    _write("achternamen_na_tussenvoegsel.txt.gz", after_interfix)
    _write("plaatsen.txt.gz", places)
    _write("naam_is_ook_woord.txt.gz", ambiguous)
    # the Dutch word list itself (lower-case entries only, folded): "is this capitalised
    # word an ordinary word?" for unknown names and the review's safety net
    dutch = {
        fold(w)
        for w in _lines(opentaal)
        if w == w.lower() and re.fullmatch(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", w)
    }
    _write("woorden.txt.gz", dutch)
    # capitalised OpenTaal entries: places abroad, languages, brands, events, and names
    # ("Berlijn", "Papiaments", "Holocaust", "Jan"); lexicon.py takes the names out
    proper = {
        fold(w)
        for w in _lines(opentaal)
        if w[:1].isupper() and not w.isupper() and re.fullmatch(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", w)
    }
    _write("eigennamen.txt.gz", proper)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--deduce", type=Path, required=True)
    parser.add_argument("--faker", type=Path, required=True)
    parser.add_argument("--opentaal", type=Path, required=True)
    parser.add_argument("--scowl", type=Path, required=True)
    args = parser.parse_args()
    build(args.deduce, args.faker, args.opentaal, args.scowl)


if __name__ == "__main__":
    main()
