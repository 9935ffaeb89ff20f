"""Collect what a teacher chose to share, and render the summary as Markdown.

Only what is marked *deelbaar* can leave: a private entry or leervraag is
skipped even if its id is asked for. Dates are reduced to week numbers.
Anonymizing (with the teacher's own name always replaced, so the file carries no
author identity) is :mod:`reflectie.plg.pipeline`'s work.

Deelbare monitoring notes and evaluations of a speerpunt (:mod:`reflectie.team`) are
grouped under "Speerpunt: <titel>"; every member has the same title, so ``plg
bundel`` groups them per speerpunt as well.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from reflectie.anonymizer import AnonymizedText
from reflectie.journal import EntryFilter
from reflectie.prompts import FASEN, PromptLibrary
from reflectie.session import Session
from reflectie.team.borging import DECISIONS
from reflectie.team.service import GROUP_PREFIX

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
    #: Deelbare evaluations of speerpunten in the period.
    evaluaties: bool = True


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

    @property
    def suspect_count(self) -> int:
        """Words kept that may be names ("mogelijk een naam")."""
        return sum(len(a.suspects) for a in (*self.anonymized, *self.note_results))


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

    speerpunten = session.team.titles()
    entries = session.journal.filter(EntryFilter(since=choice.van, until=choice.tot))
    entries = [e for e in entries if e.deelbaar]
    if choice.entry_ids is not None:
        entries = [e for e in entries if e.id in choice.entry_ids]
    for entry in reversed(entries):  # oldest first reads as a story
        prompt_set = library.get_set(entry.promptset) if entry.promptset else None
        prompt = library.find(entry.prompt) if entry.prompt else None
        heading = f"*Vraag: {prompt.render(sector)}*\n\n" if prompt else ""
        group = prompt_set.titel if prompt_set else "Vrije reflecties"
        if entry.speerpunt in speerpunten:
            group = GROUP_PREFIX + speerpunten[entry.speerpunt]
        items.append(
            Item(
                SECTION_REFLECTIES,
                group,
                heading + _demote_headings(entry.tekst),
                week_label(entry.aangemaakt),
            )
        )

    if choice.evaluaties:
        for speerpunt, evaluation in session.team.shared_evaluations(choice.van, choice.tot):
            note = f"evaluatie, {week_label(evaluation.datum)}: {DECISIONS[evaluation.besluit]}"
            items.append(Item(SECTION_REFLECTIES, speerpunt.group, evaluation.effect, note))

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
