"""Consistent pseudonyms: which mentions name the same person, and what they are called.

Mentions are resolved in order of informativeness across the whole export: first the
full names ("Jan de Vries"), then initials with a surname ("J. de Vries"), then
surnames alone ("meneer De Vries"), then first names alone ("Jan"), then initials
("JdV"). A partial mention joins the entity it fits; when it fits several, the one
mentioned last before it in the same text wins. Labels are numbered in order of first
appearance: "Student 1"/"Leerling 1" (by sector), "Collega A", otherwise "Persoon 1";
company names become "Bedrijf 1".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reflectie.anonymizer.mentions import KnownIndex, Mention


@dataclass
class Entity:
    index: int
    kind: str = "persoon"
    given: set[str] = field(default_factory=set)
    surnames: set[str] = field(default_factory=set)  # cores and their parts
    initials: set[str] = field(default_factory=set)
    company: str = ""
    forced: str = ""
    known: bool = False
    known_role: str = ""
    roles: dict[str, int] = field(default_factory=dict)
    first_seen: tuple[int, int] | None = None
    last_seen: dict[int, int] = field(default_factory=dict)  # text index -> offset

    def add_name(self, given: tuple[str, ...], sur: str, parts: tuple[str, ...]) -> None:
        if given:
            self.given.add(given[0])
        if sur:
            self.surnames.add(sur)
            self.surnames.update(p for p in parts if len(p) > 1)
        if given and sur:
            self.initials.add(given[0][0] + "".join(p[0] for p in parts))

    def seen(self, text: int, offset: int) -> None:
        if self.first_seen is None or (text, offset) < self.first_seen:
            self.first_seen = (text, offset)
        self.last_seen[text] = max(self.last_seen.get(text, -1), offset)


def _letters(n: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    out = ""
    n += 1
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(ord("A") + rem) + out
    return out


class Registry:
    """Entities of one export."""

    def __init__(self, known: KnownIndex, sector: str) -> None:
        self.sector = sector
        self.entities: list[Entity] = []
        for role, given, sur, parts in known.entries:
            entity = self._new()
            entity.known = True
            entity.known_role = role
            entity.add_name(given, sur, parts)
            if not given and not sur and parts:
                entity.surnames.update(parts)

    def _new(self, kind: str = "persoon") -> Entity:
        entity = Entity(index=len(self.entities), kind=kind)
        self.entities.append(entity)
        return entity

    @staticmethod
    def _order(m: Mention) -> int:
        if m.kind == "bedrijf" or m.forced:
            return 0
        if m.given and m.sur:
            return 1
        if m.initial and m.sur:
            return 2
        if m.sur:
            return 3
        if m.given:
            return 4
        return 5

    def _pick(self, candidates: list[Entity], text: int, offset: int) -> Entity:
        before = [
            (e.last_seen[text], -e.index)
            for e in candidates
            if e.last_seen.get(text, -1) >= 0 and e.last_seen[text] <= offset
        ]
        if before:
            best = max(before)
            return next(e for e in candidates if (e.last_seen.get(text), -e.index) == best)
        seen = [e for e in candidates if e.first_seen is not None]
        return (seen or candidates)[0]

    def resolve(self, mentions: list[tuple[int, Mention]]) -> dict[int, Entity]:
        """``mentions``: (text index, mention) pairs; returns id(mention) -> entity."""
        result: dict[int, Entity] = {}
        companies: dict[str, Entity] = {}
        forced: dict[str, Entity] = {}
        ordered = sorted(mentions, key=lambda tm: (self._order(tm[1]), tm[0], tm[1].start))
        for text, m in ordered:
            entity: Entity | None = None
            persons = [e for e in self.entities if e.kind == "persoon"]
            if m.kind == "bedrijf":
                entity = companies.get(m.company)
                if entity is None:
                    entity = companies[m.company] = self._new("bedrijf")
            elif m.forced:
                entity = forced.get(m.forced)
                if entity is None:
                    entity = forced[m.forced] = self._new()
            elif m.given and m.sur:
                first = m.given[0]
                exact = [e for e in persons if first in e.given and m.sur in e.surnames]
                loose = [
                    e
                    for e in persons
                    if (m.sur in e.surnames and not e.given)
                    or (first in e.given and not e.surnames and e.known)
                ]
                if exact or loose:
                    entity = self._pick(exact or loose, text, m.start)
            elif m.sur:
                cands = [e for e in persons if m.sur in e.surnames]
                if not cands:
                    cands = [e for e in persons if any(p in e.surnames for p in m.sur_parts)]
                if not cands and not m.initial and len(m.sur_parts) == 1:
                    cands = [e for e in persons if m.sur in e.given]  # "juf Fenna"
                if not cands and not m.initial and len(m.sur_parts) == 1 and m.sur[-1:] == "s":
                    # "Jaspers vader" read as a surname: the possessive of a known Jasper
                    cands = [e for e in persons if m.sur[:-1] in e.given]
                    m.poss = m.poss or bool(cands)
                if m.initial:
                    fitting = [
                        e for e in cands if not e.given or any(g[0] == m.initial for g in e.given)
                    ]
                    cands = fitting
                if cands:
                    entity = self._pick(cands, text, m.start)
            elif m.given:
                cands = [e for e in persons if m.given[0] in e.given]
                if not cands and len(m.given) == 1:
                    cands = [e for e in persons if m.given[0] in e.surnames]  # "Yildiz" alone
                if cands:
                    entity = self._pick(cands, text, m.start)
            elif m.acronym:
                cands = [e for e in persons if m.acronym in e.initials]
                if cands:
                    entity = self._pick(cands, text, m.start)
            if entity is None:
                entity = self._new()
                if m.acronym:
                    entity.initials.add(m.acronym)
            if entity.kind == "persoon":
                entity.add_name(m.given, m.sur, m.sur_parts)
                if m.role:
                    entity.roles[m.role] = entity.roles.get(m.role, 0) + 1
            entity.seen(text, m.start)
            result[id(m)] = entity
        return result

    def labels(self) -> dict[int, str]:
        """entity index -> label, numbered by first appearance."""
        noun = "Leerling" if self.sector in ("vo", "po", "so", "vso") else "Student"
        counters = {"student": 0, "collega": 0, "persoon": 0, "bedrijf": 0}
        out: dict[int, str] = {}
        seen = sorted(
            (e for e in self.entities if e.first_seen is not None),
            key=lambda e: e.first_seen or (0, 0),
        )
        for entity in seen:
            if entity.kind == "bedrijf":
                counters["bedrijf"] += 1
                out[entity.index] = f"Bedrijf {counters['bedrijf']}"
                continue
            role = entity.known_role
            if not role or role == "persoon":
                votes = entity.roles
                explicit = {r: c for r, c in votes.items() if r in ("student", "collega")}
                if len(explicit) == 1:
                    role = next(iter(explicit))
                elif explicit:
                    role = max(explicit, key=lambda r: explicit[r])
                else:
                    role = "persoon"
            if role == "student":
                counters["student"] += 1
                out[entity.index] = f"{noun} {counters['student']}"
            elif role == "collega":
                out[entity.index] = f"Collega {_letters(counters['collega'])}"
                counters["collega"] += 1
            else:
                counters["persoon"] += 1
                out[entity.index] = f"Persoon {counters['persoon']}"
        return out
