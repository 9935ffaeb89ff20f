"""Collect what a teacher chose to share, anonymize it, and render the summary.

Only what is marked *deelbaar* can leave: a private entry or leervraag is
skipped even if its id is asked for. Dates are reduced to week numbers, and the
teacher's own name is always replaced, so the file carries no author identity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from reflectie.anonymizer import AnonymizedText, Anonymizer, KnownNames
from reflectie.journal import EntryFilter
from reflectie.prompts import FASEN, PromptLibrary
from reflectie.session import Session

FORMAT_MARK = "<!-- reflectie-plg-samenvatting versie 1 -->"
SECTION_LEERVRAGEN = "Leervragen"
SECTION_REFLECTIES = "Reflecties"
SECTION_VOORNEMENS = "Voornemens"
SECTION_DIALOOG = "Vragen voor de reflectieve dialoog"
DIALOGUE_SET = "reflectieve-dialoog"


@dataclass(frozen=True)
class SummaryChoice:
    """What goes in. ``None`` for ids means "every deelbaar one in the period"."""

    van: date | None = None
    tot: date | None = None
    leervraag_ids: tuple[str, ...] | None = None
    entry_ids: tuple[str, ...] | None = None
    voornemens: bool = True
    fase: str | None = None


@dataclass(frozen=True)
class Item:
    """One piece of shared text; only ``text`` can contain personal data."""

    section: str
    group: str
    text: str
    note: str = ""


@dataclass
class Summary:
    """A summary before and after anonymization."""

    sector: str
    period: str
    items: list[Item]
    dialogue: list[str]
    anonymized: list[AnonymizedText] = field(default_factory=list)
    note_results: list[AnonymizedText] = field(default_factory=list)

    @property
    def replacement_count(self) -> int:
        return sum(len(a.replacements) for a in (*self.anonymized, *self.note_results))


def week_label(moment: str | date) -> str:
    day = datetime.fromisoformat(moment).date() if isinstance(moment, str) else moment
    year, week, _ = day.isocalendar()
    return f"week {week} ({year})"


def _demote_headings(markdown: str) -> str:
    """Headings inside an entry would break the summary's structure; make them bold lines."""
    return re.sub(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", r"**\1**", markdown, flags=re.M)


def collect(session: Session, choice: SummaryChoice, library: PromptLibrary) -> Summary:
    """Gather the chosen deelbaar material (not yet anonymized)."""
    settings = session.settings.load()
    sector = settings.sector or "mbo"
    items: list[Item] = []

    leervragen = [lv for lv in session.feedback.leervragen() if lv["deelbaar"]]
    if choice.leervraag_ids is not None:
        leervragen = [lv for lv in leervragen if lv["id"] in choice.leervraag_ids]
    for lv in leervragen:
        note = lv["status"] + (f"; conclusie: {lv['conclusie']}" if lv["conclusie"] else "")
        items.append(Item(SECTION_LEERVRAGEN, "", lv["tekst"], note))

    entries = session.journal.filter(EntryFilter(since=choice.van, until=choice.tot))
    entries = [e for e in entries if e.deelbaar]
    if choice.entry_ids is not None:
        entries = [e for e in entries if e.id in choice.entry_ids]
    for entry in reversed(entries):  # oldest first reads as a story
        prompt_set = library.get_set(entry.promptset) if entry.promptset else None
        prompt = library.find(entry.prompt) if entry.prompt else None
        heading = f"*Vraag: {prompt.render(sector)}*\n\n" if prompt else ""
        group = prompt_set.titel if prompt_set else "Vrije reflecties"
        items.append(
            Item(
                SECTION_REFLECTIES,
                group,
                heading + _demote_headings(entry.tekst),
                week_label(entry.aangemaakt),
            )
        )

    if choice.voornemens:
        shared_ids = {lv["id"] for lv in leervragen}
        for round_ in session.feedback.rounds():
            if round_["leervraag"] not in shared_ids:
                continue
            for v in round_["voornemens"]:
                outcome = v["evaluatie"]["uitkomst"] if v["evaluatie"] else "nog niet geëvalueerd"
                note = (
                    f"evalueren in {week_label(date.fromisoformat(v['evalueren_op']))}; {outcome}"
                )
                items.append(Item(SECTION_VOORNEMENS, "", v["tekst"], note))

    dialogue: list[str] = []
    if choice.fase:
        if choice.fase not in FASEN:
            raise ValueError(f"Onbekende fase '{choice.fase}' (kies uit {', '.join(FASEN)}).")
        questions = library.get_set(DIALOGUE_SET)
        if questions:
            dialogue = [p.render(sector) for p in questions.vragen if p.fase == choice.fase]

    period = "alles"
    if choice.van or choice.tot:
        start = week_label(choice.van) if choice.van else "het begin"
        end = week_label(choice.tot) if choice.tot else "nu"
        period = f"{start} t/m {end}"
    return Summary(sector=sector, period=period, items=items, dialogue=dialogue)


def known_names_for(session: Session) -> KnownNames:
    """The teacher's known-names list (settings and feedback partners), by role."""
    known = KnownNames()
    for doc in session.feedback.names():
        bucket = {"collega": known.collegas, "student": known.studenten}.get(doc["rol"])
        (bucket if bucket is not None else known.anderen).append(doc["naam"])
    return known


def anonymize(
    summary: Summary,
    *,
    known: KnownNames,
    own_name: str = "",
    allow: tuple[str, ...] = (),
    force: tuple[str, ...] = (),
) -> Summary:
    """A copy of ``summary`` with texts and notes anonymized in one run.

    Notes carry free text too (a leervraag's conclusie), so they go through the
    same anonymizer as the texts: one person keeps one label everywhere. The
    teacher's own name is always forced.
    """
    forced = (*force, *([own_name] if own_name.strip() else []))
    anonymizer = Anonymizer(known, sector=summary.sector, allow=allow, force=forced)
    count = len(summary.items)
    results = anonymizer.anonymize_many(
        [item.text for item in summary.items] + [item.note for item in summary.items]
    )
    notes = results[count:]
    return replace(
        summary,
        items=[replace(item, note=n.text) for item, n in zip(summary.items, notes, strict=True)],
        anonymized=results[:count],
        note_results=notes,
    )


def render_markdown(summary: Summary) -> str:
    """The summary as Markdown; its headings are what ``plg bundel`` reads back."""
    texts = [a.text for a in summary.anonymized] or [i.text for i in summary.items]
    lines = [
        "# PLG-samenvatting",
        "",
        FORMAT_MARK,
        "",
        f"*Periode: {summary.period}. Namen en andere persoonsgegevens zijn vervangen.*",
        "",
    ]
    paired = list(zip(summary.items, texts, strict=True))

    def section(name: str) -> list[tuple[Item, str]]:
        return [(item, text) for item, text in paired if item.section == name]

    if leervragen := section(SECTION_LEERVRAGEN):
        lines += [f"## {SECTION_LEERVRAGEN}", ""]
        lines += [f"- {_one_line(text)} *({item.note})*" for item, text in leervragen]
        lines.append("")
    if reflecties := section(SECTION_REFLECTIES):
        lines += [f"## {SECTION_REFLECTIES}", ""]
        groups: dict[str, list[tuple[Item, str]]] = {}
        for item, text in reflecties:
            groups.setdefault(item.group, []).append((item, text))
        for group, members in groups.items():
            lines += [f"### {group}", ""]
            for n, (item, text) in enumerate(members):
                if n:
                    lines += ["---", ""]
                lines += [f"*{item.note}*", "", text.strip(), ""]
    if voornemens := section(SECTION_VOORNEMENS):
        lines += [f"## {SECTION_VOORNEMENS}", ""]
        lines += [f"- {_one_line(text)} *({item.note})*" for item, text in voornemens]
        lines.append("")
    if summary.dialogue:
        lines += [f"## {SECTION_DIALOOG}", ""]
        lines += [f"- {q}" for q in summary.dialogue]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _one_line(text: str) -> str:
    return " ".join(text.split())
