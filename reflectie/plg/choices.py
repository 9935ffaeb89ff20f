"""The teacher's review choices, and where they are stored.

Three kinds of choice shape every PLG summary, in the review screen and in
``reflectie export plg`` alike:

* **released words** (``Settings.vrijgegeven``): never replaced (a false positive such
  as "het boek Storm"). The teacher's own name can never be released.
* **known names** (the ``namen`` table, by role): people the anonymizer always looks
  for. A name marked in the review as missed is stored there with ``bron`` ``gemist``.
* **marked words with a label** (the ``plg_woorden`` table): anything else the teacher
  marked as missed (a school, a company, a class code, …) with the label it gets:
  ``[school]``, ``[bedrijf]``, ``[klas]``, ``[plaats]`` or ``[verwijderd]``.

Marking wins over releasing: a word that is both is replaced.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace

from tinydb import Query

from reflectie.anonymizer import KnownNames
from reflectie.database import Database
from reflectie.model import ValidationError, new_id
from reflectie.session import Session
from reflectie.settings import Settings

#: Table of words marked with a non-person label.
MARKED_TABLE = "plg_woorden"
#: ``bron`` of a known name that was marked as missed in the review.
MARKED_SOURCE = "gemist"

#: Person roles (as in the known-names list) -> how the review names them.
PERSON_KINDS: dict[str, str] = {
    "collega": "Collega",
    "student": "Student / leerling",
    "anders": "Iemand anders",
}
#: Non-person kinds -> the label that replaces the word.
TERM_LABELS: dict[str, str] = {
    "school": "[school]",
    "bedrijf": "[bedrijf]",
    "klas": "[klas]",
    "plaats": "[plaats]",
    "verwijderd": "[verwijderd]",
}
#: How the review and the known-names screen name the non-person kinds.
TERM_KINDS: dict[str, str] = {
    "school": "School of opleiding → [school]",
    "bedrijf": "Bedrijf of stageplek → [bedrijf]",
    "klas": "Klas of groep → [klas]",
    "plaats": "Plaats → [plaats]",
    "verwijderd": "Iets anders → [verwijderd]",
}
MARK_KINDS: tuple[str, ...] = (*PERSON_KINDS, *TERM_LABELS)
MAX_WORD = 200


def fold(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass(frozen=True)
class MarkedWord:
    """A word the teacher marked as missed; ``kind`` is a person role or a term kind."""

    word: str
    kind: str

    @property
    def is_person(self) -> bool:
        return self.kind in PERSON_KINDS

    @property
    def label(self) -> str:
        """The label a term gets ("[school]"); empty for a person (the anonymizer labels)."""
        return TERM_LABELS.get(self.kind, "")


@dataclass(frozen=True)
class ReviewChoices:
    """Everything the teacher decided that shapes a summary.

    ``names`` are the known names as ``(name, role)``; ``marked`` the words marked as
    missed (persons among them are known names too: :meth:`known` adds them).
    """

    own_name: str = ""
    released: tuple[str, ...] = ()
    names: tuple[tuple[str, str], ...] = ()
    marked: tuple[MarkedWord, ...] = field(default=())

    def is_own_name(self, word: str) -> bool:
        own = fold(self.own_name)
        return bool(own) and fold(word) == own

    def allow(self) -> tuple[str, ...]:
        """The released words that really stay: never the own name, never a marked word."""
        marked = {fold(m.word) for m in self.marked}
        return tuple(a for a in self.released if not self.is_own_name(a) and fold(a) not in marked)

    def known(self) -> KnownNames:
        """Known names plus the persons marked as missed, by role (no doubles)."""
        known = KnownNames()
        seen: set[str] = set()
        people = [*self.names, *((m.word, m.kind) for m in self.marked if m.is_person)]
        for name, role in people:
            if fold(name) in seen:
                continue
            seen.add(fold(name))
            {"collega": known.collegas, "student": known.studenten}.get(role, known.anderen).append(
                name
            )
        return known

    def with_mark(self, word: str, kind: str) -> ReviewChoices:
        """These choices with ``word`` marked as missed (its release taken back)."""
        word = " ".join(word.split())
        if kind not in MARK_KINDS:
            raise ValidationError(f"Onbekend soort woord '{kind}'.")
        if not word:
            return self
        key = fold(word)
        return replace(
            self,
            released=tuple(a for a in self.released if fold(a) != key),
            names=tuple((n, r) for n, r in self.names if fold(n) != key),
            marked=(*(m for m in self.marked if fold(m.word) != key), MarkedWord(word, kind)),
        )

    def with_release(self, word: str) -> ReviewChoices:
        """These choices with ``word`` released (no longer marked as missed)."""
        word = word.strip()
        if not word or self.is_own_name(word):
            return self
        key = fold(word)
        released = self.released
        if key not in {fold(a) for a in released}:
            released = (*released, word)
        return replace(
            self,
            released=released,
            marked=tuple(m for m in self.marked if fold(m.word) != key),
        )

    def without_release(self, word: str) -> ReviewChoices:
        key = fold(word)
        return replace(self, released=tuple(a for a in self.released if fold(a) != key))


class MarkedWords:
    """The ``plg_woorden`` table: words marked with a non-person label."""

    def __init__(self, database: Database) -> None:
        self._table = database.db.table(MARKED_TABLE)
        self._lock = threading.RLock()

    def all(self) -> list[MarkedWord]:
        docs = sorted(self._table.all(), key=lambda d: str(d.get("woord", "")).casefold())
        return [
            MarkedWord(str(d["woord"]), str(d["soort"]))
            for d in docs
            if d.get("soort") in TERM_LABELS and str(d.get("woord", "")).strip()
        ]

    def add(self, word: str, kind: str) -> None:
        word = " ".join(word.split())
        if kind not in TERM_LABELS:
            raise ValidationError(f"Onbekend soort woord '{kind}'.")
        if not word:
            return
        if len(word) > MAX_WORD:
            raise ValidationError(f"Het woord is te lang (maximaal {MAX_WORD} tekens).")
        with self._lock:
            self.remove(word)
            self._table.insert({"id": new_id(), "woord": word, "soort": kind})

    def remove(self, word: str) -> bool:
        key = fold(word)
        with self._lock:
            return bool(self._table.remove(Query().woord.test(lambda w: fold(str(w)) == key)))


def load_choices(session: Session, *, settings: Settings | None = None) -> ReviewChoices:
    """The stored choices. ``settings`` replaces the stored settings (the TUI keeps the
    newest settings in memory and writes them in the background)."""
    settings = settings or session.settings.load()
    names: list[tuple[str, str]] = []
    marked: list[MarkedWord] = []
    for doc in session.feedback.names():
        role = doc["rol"] if doc["rol"] in PERSON_KINDS else "anders"
        if doc.get("bron") == MARKED_SOURCE:
            marked.append(MarkedWord(doc["naam"], role))
        else:
            names.append((doc["naam"], role))
    marked += MarkedWords(session.database).all()
    return ReviewChoices(
        own_name=settings.naam,
        released=tuple(settings.vrijgegeven),
        names=tuple(names),
        marked=tuple(marked),
    )


def store_mark(session: Session, word: str, kind: str) -> None:
    """Store a word marked as missed: a person as a known name, anything else with its
    label. A word is one or the other: an earlier entry for it is replaced. The release
    of the word (in the settings) is the caller's: the TUI keeps settings in memory."""
    word = " ".join(word.split())
    if kind not in MARK_KINDS:
        raise ValidationError(f"Onbekend soort woord '{kind}'.")
    if not word:
        return
    terms = MarkedWords(session.database)
    terms.remove(word)
    if kind in PERSON_KINDS:
        session.feedback.remove_name(word)
        session.feedback.add_name(word, kind, bron=MARKED_SOURCE)
    else:
        session.feedback.remove_name(word)
        terms.add(word, kind)


def unmark(session: Session, word: str) -> bool:
    """Forget that ``word`` was marked as missed (it is being released): its label entry,
    or its known-name entry when the review put it there. True if something was removed."""
    removed = MarkedWords(session.database).remove(word)
    for doc in session.feedback.names():
        if fold(doc["naam"]) == fold(word) and doc.get("bron") == MARKED_SOURCE:
            removed = session.feedback.remove_name(doc["naam"]) or removed
    return removed


@dataclass(frozen=True)
class ReviewAction:
    """One thing the teacher did in the review: mark ``word`` as missed (``kind`` is its
    person role or label kind) or release it (``kind`` empty). :meth:`store` keeps it for
    later exports; :meth:`apply` applies it to choices (also when nothing can be stored,
    in a journal opened read-only)."""

    word: str
    kind: str = ""

    @property
    def releases(self) -> bool:
        return not self.kind

    def apply(self, choices: ReviewChoices) -> ReviewChoices:
        if self.releases:
            return choices.with_release(self.word)
        return choices.with_mark(self.word, self.kind)

    def store(self, session: Session) -> None:
        """Store the names part (the released words live in the settings: the caller's)."""
        if self.releases:
            unmark(session, self.word)
        else:
            store_mark(session, self.word, self.kind)


def describe_kind(kind: str) -> str:
    """A kind as the teacher reads it."""
    return PERSON_KINDS.get(kind) or TERM_KINDS.get(kind, kind)
