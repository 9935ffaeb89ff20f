"""The product's own labels: recognise them in text, say what role they stand for, and
write them without repeating the word before them.

The anonymizer labels people "Collega A", "Student 1" / "Leerling 1", "Persoon 1",
companies "Bedrijf 1", and other data "[e-mail]", "[telefoonnummer]", …; the review
adds the teacher's own labels ("[school]", "[bedrijf]", …). A label that follows its
own role word is written short: "mijn collega Marloes" becomes "mijn collega A", not
"mijn collega Collega A"; "Student Ilse vroeg" becomes "Student 1 vroeg".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Role noun (folded) -> the role it stands for. Student and Leerling are one role.
ROLE_OF_NOUN: dict[str, str] = {
    "collega": "collega",
    "student": "student",
    "leerling": "student",
    "persoon": "persoon",
    "bedrijf": "bedrijf",
}

#: Bracketed labels the product writes (anonymizer and review); protected in a bundle.
BRACKET_LABELS: tuple[str, ...] = (
    "e-mail",
    "telefoonnummer",
    "studentnummer",
    "leerlingnummer",
    "nummer",
    "BSN",
    "IBAN",
    "adres",
    "postcode",
    "url",
    "account",
    "school",
    "bedrijf",
    "klas",
    "plaats",
    "verwijderd",
    "naam",
)

# a label may stand inside a hyphenated compound: "het Persoon 1-moment",
# "Persoon 1-en-Persoon 2-gedoe" (the anonymizer replaces names inside compounds)
_PERSON_LABEL = (
    r"(?P<noun>(?i:collega))[ \u00a0](?P<letters>[A-Z]{1,2})(?!\w)"
    r"|(?P<noun2>(?i:student|leerling|persoon|bedrijf))[ \u00a0]"
    r"(?P<number>\d{1,4})(?![\w.,]\d)(?!\w)"
)
_BRACKET_LABEL = r"\[(?P<bracket>" + "|".join(re.escape(b) for b in BRACKET_LABELS) + r")\]"
#: A label in running text: "Collega A", "collega B", "Student 3", "Persoon 12", "[e-mail]".
LABEL_RE = re.compile(r"(?<![\w\[])(?:" + _PERSON_LABEL + r")|" + _BRACKET_LABEL)


@dataclass(frozen=True)
class Label:
    """A label found in text: ``noun`` as written ("Collega", "leerling"), its ``role``,
    and ``suffix`` (the letters or number); a bracketed label has ``role`` "" and
    ``suffix`` holding its whole text."""

    start: int
    end: int
    noun: str
    role: str
    suffix: str

    @property
    def text(self) -> str:
        return f"{self.noun} {self.suffix}" if self.role else self.suffix


def find_labels(text: str) -> list[Label]:
    """Every label in ``text``, in order."""
    found = []
    for match in LABEL_RE.finditer(text):
        if match.group("bracket"):
            found.append(Label(match.start(), match.end(), "", "", match.group()))
            continue
        noun = match.group("noun") or match.group("noun2")
        suffix = match.group("letters") or match.group("number")
        found.append(Label(match.start(), match.end(), noun, ROLE_OF_NOUN[noun.lower()], suffix))
    return found


def parse_label(label: str) -> tuple[str, str, str] | None:
    """``(noun, role, suffix)`` of a person or company label such as "Collega A"; None for
    anything else (a bracketed label, or text that is no label)."""
    match = LABEL_RE.fullmatch(label)
    if match is None or match.group("bracket"):
        return None
    noun = match.group("noun") or match.group("noun2")
    suffix = match.group("letters") or match.group("number")
    return noun, ROLE_OF_NOUN[noun.lower()], suffix


_ROLE_WORD_BEFORE = re.compile(r"(?i)(?<![\w-])(collega|student|leerling|persoon|bedrijf)\s+$")


def role_word_before(text: str, position: int) -> str | None:
    """The role (collega, student, persoon, bedrijf) of a role word that ends right before
    ``position`` in ``text`` ("mijn collega |Marloes"), or None."""
    match = _ROLE_WORD_BEFORE.search(text, max(0, position - 20), position)
    return ROLE_OF_NOUN[match.group(1).lower()] if match else None


def short_form(label: str, role_before: str | None) -> str:
    """``label`` as it is written after a role word: just its letters or number when the
    word before it names the same role ("collega" + "Collega A" → "A")."""
    parsed = parse_label(label)
    if parsed is None or role_before is None or parsed[1] != role_before:
        return label
    return parsed[2]


def letters(n: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA (how colleagues are lettered)."""
    out = ""
    n += 1
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(ord("A") + rem) + out
    return out
