"""Merge PLG members' summaries into one agenda in which nobody can tell who wrote what.

Summaries are parsed with markdown-it-py by their headings, so a file that was
edited by hand before the meeting (reworded, items removed, extra blank lines)
still merges. Items are shuffled within each section, the member count is the
only trace of where they came from, and the anonymizer runs again as a safety net.

The labels in the members' summaries ("Collega A", "Student 1", "[e-mail]") are the
product's own: they are masked while the safety net runs, so they are never
anonymized again ("Persoon 1 1"). Every item (a leervraag, a reflection, a
voornemen) then numbers its people afresh, from 1 (colleagues from A): the same label
in two items does not suggest one person, and labels do not show which items come
from the same member. See docs/formaten.md, "PLG-agenda".
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

from reflectie.anonymizer import Anonymizer, Replacement
from reflectie.plg import BundleError
from reflectie.plg.labels import (
    LABEL_RE,
    find_labels,
    letters,
    parse_label,
    role_word_before,
    short_form,
)
from reflectie.plg.protect import PERSON_MASK, THING_MASK, Fixed, anonymize_around
from reflectie.plg.summary import (
    SECTION_DIALOOG,
    SECTION_LEERVRAGEN,
    SECTION_REFLECTIES,
    SECTION_VOORNEMENS,
)
from reflectie.sanitize import clean_external_text
from reflectie.wording import count

MAX_FILE_BYTES = 2 * 1024 * 1024


@dataclass
class ParsedSummary:
    leervragen: list[str] = field(default_factory=list)
    reflecties: dict[str, list[str]] = field(default_factory=dict)
    voornemens: list[str] = field(default_factory=list)
    dialoog: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.leervragen or self.reflecties or self.voornemens or self.dialoog)


_SECTIONS = {
    "leervragen": SECTION_LEERVRAGEN,
    "reflecties": SECTION_REFLECTIES,
    "voornemens": SECTION_VOORNEMENS,
    "vragen": SECTION_DIALOOG,
}


def _section_of(title: str) -> str | None:
    first = title.strip().lower().split(" ")[0] if title.strip() else ""
    return _SECTIONS.get(first)


def parse_summary(markdown: str, name: str = "samenvatting") -> ParsedSummary:
    """Read a summary back into its sections (robust to hand edits)."""
    lines = markdown.splitlines()
    tokens = MarkdownIt("commonmark").parse(markdown)
    parsed = ParsedSummary()
    section: str | None = None
    group = "Reflecties"
    current: list[str] = []

    def flush() -> None:
        text = "\n\n".join(current).strip()
        if text and section == SECTION_REFLECTIES:
            parsed.reflecties.setdefault(group, []).append(text)
        current.clear()

    def raw(token: Token) -> str:
        assert token.map is not None
        return "\n".join(lines[token.map[0] : token.map[1]])

    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "heading_open" and token.level == 0:
            title = tokens[index + 1].content
            if token.tag == "h2":
                flush()
                section = _section_of(title)
            elif token.tag == "h3" and section == SECTION_REFLECTIES:
                flush()
                group = title.strip() or "Reflecties"
            index += 3
            continue
        if token.type == "hr" and token.level == 0:
            flush()
        elif (
            token.type == "list_item_open"
            and token.level == 1
            and section
            in (
                SECTION_LEERVRAGEN,
                SECTION_VOORNEMENS,
                SECTION_DIALOOG,
            )
        ):
            item = raw(token).strip()
            item = item[1:].strip() if item[:1] in "-*+" else item
            target = {
                SECTION_LEERVRAGEN: parsed.leervragen,
                SECTION_VOORNEMENS: parsed.voornemens,
                SECTION_DIALOOG: parsed.dialoog,
            }[section]
            if item:
                target.append(item)
        elif (
            token.level == 0
            and token.map is not None
            and token.nesting >= 0
            and section == SECTION_REFLECTIES
            and not token.type.startswith("heading")
        ):
            current.append(raw(token))
        index += 1
    flush()
    if parsed.empty:
        raise BundleError(f"{name} bevat geen herkenbare PLG-samenvatting (geen bekende kopjes).")
    return parsed


@dataclass
class Agenda:
    members: int
    leervragen: list[str]
    reflecties: dict[str, list[str]]
    voornemens: list[str]
    dialoog: list[str]
    safety_replacements: int = 0


def merge(
    summaries: list[ParsedSummary],
    *,
    rng: random.Random | None = None,
    default_dialogue: list[str] | None = None,
    sector: str = "mbo",
) -> Agenda:
    """Combine, deduplicate dialogue questions, shuffle every section, anonymize again."""
    rng = rng or random.SystemRandom()
    leervragen = [item for s in summaries for item in s.leervragen]
    voornemens = [item for s in summaries for item in s.voornemens]
    reflecties: dict[str, list[str]] = {}
    for s in summaries:
        for group, texts in s.reflecties.items():
            reflecties.setdefault(group, []).extend(texts)
    dialoog = list(dict.fromkeys(q for s in summaries for q in s.dialoog)) or list(
        default_dialogue or []
    )
    for bucket in (leervragen, voornemens, *reflecties.values()):
        rng.shuffle(bucket)
    group_order = list(reflecties)
    rng.shuffle(group_order)
    reflecties = {group: reflecties[group] for group in group_order}

    # Safety net: whatever a member's export missed (or a hand edit added) is caught here.
    titles = list(reflecties)
    flat = [
        *leervragen,
        *voornemens,
        *(t for texts in reflecties.values() for t in texts),
        *titles,
        *dialoog,
    ]
    checked, replaced = relabel(flat, sector=sector)
    texts = iter(checked)
    leervragen = [next(texts) for _ in leervragen]
    voornemens = [next(texts) for _ in voornemens]
    bodies = {g: [next(texts) for _ in items] for g, items in reflecties.items()}
    renamed = {g: next(texts) for g in titles}
    dialoog = list(dict.fromkeys(next(texts) for _ in dialoog))
    reflecties = {}
    for group, items in bodies.items():
        reflecties.setdefault(renamed[group], []).extend(items)
    return Agenda(len(summaries), leervragen, reflecties, voornemens, dialoog, replaced)


#: Masked as a person while the safety net runs; anything else is masked as a thing.
_PERSON_ROLES = ("collega", "student", "persoon")


def relabel(texts: list[str], *, sector: str = "mbo") -> tuple[list[str], int]:
    """Anonymize ``texts`` again around their labels, then number each text's people
    afresh. Returns the texts and how many replacements the safety net made."""
    fixed = []
    for text in texts:
        spans = []
        for label in find_labels(text):
            original = text[label.start : label.end]
            mask = PERSON_MASK if label.role in _PERSON_ROLES else THING_MASK
            spans.append(
                Fixed(
                    Replacement(label.start, label.end, original, original, "label", "label"),
                    mask,
                )
            )
        fixed.append(spans)
    arounds = anonymize_around(Anonymizer(sector=sector), texts, fixed)
    out = []
    for text, around in zip(texts, arounds, strict=True):
        out.append(_renumber(text, around.replacements()))
    return out, sum(len(a.found) for a in arounds)


def _renumber(text: str, replacements: list[Replacement]) -> str:
    """``text`` with every label numbered from 1 (colleagues from A) in order of
    appearance; a label right after its own role word is written short."""
    counters = dict.fromkeys(("collega", "student", "persoon", "bedrijf"), 0)
    assigned: dict[tuple[str, str, str], str] = {}
    parts: list[str] = []
    pos = 0
    for r in replacements:
        kept = r.kind == "label"
        # who it is: the label; how it is written: the inserted text ("collega A", "'s")
        ident = parse_label(r.original if kept else r.label)
        shown = LABEL_RE.match(r.original if kept else r.inserted)
        written = parse_label(shown.group()) if shown else None
        inserted = r.inserted
        if ident is not None and shown is not None and written is not None:
            _noun, role, suffix = ident
            key = ("kept" if kept else "new", role, suffix)
            if key not in assigned:
                number = counters[role]
                counters[role] += 1
                assigned[key] = letters(number) if role == "collega" else str(number + 1)
            label = f"{written[0]} {assigned[key]}"
            before = text[pos : r.start]
            rest = "" if kept else r.inserted[shown.end() :]
            inserted = short_form(label, role_word_before(before, len(before))) + rest
        parts.append(text[pos : r.start])
        parts.append(inserted)
        pos = r.end
    parts.append(text[pos:])
    return "".join(parts)


def render_agenda(agenda: Agenda) -> str:
    total_reflections = sum(len(v) for v in agenda.reflecties.values())
    lines = [
        "# PLG-agenda",
        "",
        f"*Samengevoegd uit {count(agenda.members, 'samenvatting')}. "
        "De volgorde binnen elk onderdeel "
        "is willekeurig en zegt niets over wie wat schreef. Namen zijn per leervraag, "
        "reflectie of voornemen opnieuw genummerd: “Collega A” of “Student 1” in het ene "
        "onderdeel is niet dezelfde persoon als in een ander.*",
        "",
        "## Overzicht",
        "",
        f"- Leervragen: {len(agenda.leervragen)}",
        f"- Reflecties: {total_reflections}",
    ]
    lines += [f"  - {group}: {len(items)}" for group, items in agenda.reflecties.items()]
    lines += [f"- Voornemens: {len(agenda.voornemens)}", ""]
    if agenda.leervragen:
        lines += [f"## {SECTION_LEERVRAGEN}", "", *(f"- {i}" for i in agenda.leervragen), ""]
    if agenda.reflecties:
        lines += [f"## {SECTION_REFLECTIES}", ""]
        for group, items in agenda.reflecties.items():
            lines += [f"### {group}", ""]
            for n, text in enumerate(items):
                if n:
                    lines += ["---", ""]
                lines += [text.strip(), ""]
    if agenda.voornemens:
        lines += [f"## {SECTION_VOORNEMENS}", "", *(f"- {i}" for i in agenda.voornemens), ""]
    if agenda.dialoog:
        lines += [f"## {SECTION_DIALOOG}", "", *(f"- {q}" for q in agenda.dialoog), ""]
    return "\n".join(lines).rstrip() + "\n"


def read_summary_file(raw: bytes, name: str) -> ParsedSummary:
    if len(raw) > MAX_FILE_BYTES:
        raise BundleError(f"{name} is te groot voor een PLG-samenvatting.")
    if b"\x00" in raw:
        raise BundleError(f"{name} is geen tekstbestand.")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BundleError(f"{name} is geen UTF-8-tekst.") from exc
    return parse_summary(clean_external_text(text), name)
