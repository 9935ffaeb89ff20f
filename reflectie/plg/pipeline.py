"""One PLG pipeline for the CLI and the TUI: collect → anonymize → apply the teacher's
review choices → render.

``reflectie export plg`` calls :func:`export_summary`; the review screen collects once
and calls :func:`apply_choices` after every change the teacher makes. Both therefore
write the same text for the same choices. The rules, in order:

1. Words marked with a label ("[school]", "[bedrijf]", …) are replaced by that label
   wherever they occur, before the anonymizer runs (it never sees them).
2. The anonymizer runs over every text and note of the summary as one export, with
   the known names (plus the persons marked as missed), the released words as its
   allow list, and the teacher's own name forced.
3. Safety net: a person marked as missed (any capitalisation), a known name (as
   listed) or the own name that still occurs is replaced after all, with the label
   the same word got elsewhere in the export, or a fresh label for its role.
4. Labels are written without repeating the role word before them ("mijn collega
   Collega A" → "mijn collega A").
5. Suspects ("mogelijk een naam") that were released or replaced after all are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from reflectie.anonymizer import AnonymizedText, Anonymizer, Replacement
from reflectie.plg.choices import ReviewChoices, fold, load_choices
from reflectie.plg.html import render_html
from reflectie.plg.labels import letters, role_word_before, short_form
from reflectie.plg.protect import Fixed, anonymize_around, apply
from reflectie.plg.summary import Summary, SummaryChoice, collect, render_markdown
from reflectie.prompts import PromptLibrary
from reflectie.session import Session

SUMMARY_TITLE = "PLG-samenvatting"
#: Reason of a replacement made for the teacher's choices (shown as "door jou gemarkeerd").
MARKED_REASON = "handmatig"


def word_pattern(word: str, *, exact_case: bool = False) -> re.Pattern[str]:
    """``word`` as a whole word (spaces flexible), with an optional possessive s."""
    body = r"\s+".join(re.escape(part) for part in word.split())
    return re.compile(
        r"(?<![\w@.])" + body + r"(?P<poss>['’]?s)?(?![\w@])",
        0 if exact_case else re.IGNORECASE,
    )


def occurs(word: str, texts: Sequence[str], *, exact_case: bool = False) -> bool:
    pattern = word_pattern(word, exact_case=exact_case)
    return any(pattern.search(text) for text in texts)


def _term_spans(text: str, choices: ReviewChoices) -> list[Fixed]:
    """Where the words marked with a label occur; longer words first win."""
    spans: list[Fixed] = []
    terms = sorted((m for m in choices.marked if not m.is_person), key=lambda m: -len(m.word))
    for term in terms:
        for match in word_pattern(term.word).finditer(text):
            spans.append(
                Fixed(
                    Replacement(
                        match.start(),
                        match.end(),
                        match.group(),
                        term.label,
                        MARKED_REASON,
                        "gemarkeerd",
                    )
                )
            )
    return spans


def _overlaps(start: int, end: int, spans: Sequence[Replacement]) -> bool:
    return any(r.start < end and start < r.end for r in spans)


def _leaks(
    text: str, pattern: re.Pattern[str], spans: Sequence[Replacement]
) -> list[re.Match[str]]:
    return [m for m in pattern.finditer(text) if not _overlaps(m.start(), m.end(), spans)]


def _strip_possessive(word: str) -> str:
    return re.sub(r"['’]s$|['’]$", "", word)


def _label_for(word: str, replacements: Sequence[Sequence[Replacement]]) -> str | None:
    """The label the anonymizer gave ``word`` somewhere in the export, if any."""
    key = fold(word)
    persons = [r for rs in replacements for r in rs if r.kind == "persoon"]
    for r in persons:
        if fold(_strip_possessive(r.original)) == key:
            return r.label
    parts = key.split()
    for r in persons:
        words = fold(_strip_possessive(r.original)).split()
        if any(words[i : i + len(parts)] == parts for i in range(len(words))):
            return r.label
    return None


def _tidy(text: str, replacements: list[Replacement]) -> list[Replacement]:
    """Write a label short after its own role word ("collega Collega A" → "collega A")."""
    out: list[Replacement] = []
    previous_end = 0
    for r in replacements:
        # the role word must be the teacher's text, not part of an earlier replacement
        before = text[previous_end : r.start]
        role = role_word_before(before, len(before)) if r.kind == "persoon" else None
        if role is not None and r.inserted.startswith(r.label):
            short = short_form(r.label, role)
            if short != r.label:
                r = replace(r, inserted=short + r.inserted[len(r.label) :])
        out.append(r)
        previous_end = r.end
    return out


@dataclass(frozen=True)
class _Check:
    """A word that must not survive: the teacher's own name, a person marked as missed
    (any capitalisation) or a known name (as listed)."""

    word: str
    pattern: re.Pattern[str]
    role: str
    reason: str


def _checks(choices: ReviewChoices, released: set[str]) -> list[_Check]:
    own = choices.own_name.strip()
    checks = [_Check(own, word_pattern(own), "anders", MARKED_REASON)] if own else []
    checks += [
        _Check(m.word, word_pattern(m.word), m.kind, MARKED_REASON)
        for m in choices.marked
        if m.is_person and fold(m.word) not in released
    ]
    checks += [
        _Check(name, word_pattern(name, exact_case=True), role, "bekende naam")
        for name, role in choices.names
        if fold(name) not in released
    ]
    return sorted(checks, key=lambda check: -len(check.word))  # "Jan de Vries" before "Jan"


def _fresh_label(role: str, used: set[str], sector: str) -> str:
    """A label for ``role`` that no one in the export has yet."""
    noun = {"collega": "Collega", "student": student_noun(sector)}.get(role, "Persoon")
    n = 0
    while True:
        label = f"{noun} {letters(n) if role == 'collega' else n + 1}"
        if label not in used:
            return label
        n += 1


def student_noun(sector: str) -> str:
    return "Leerling" if sector in ("vo", "po", "so", "vso") else "Student"


def anonymize_texts(
    texts: Sequence[str], choices: ReviewChoices, *, sector: str = "mbo"
) -> list[AnonymizedText]:
    """Anonymize ``texts`` as one export under the teacher's ``choices`` (rules 1-5)."""
    texts = list(texts)
    allow = choices.allow()
    released = {fold(a) for a in allow}
    own = choices.own_name.strip()
    anonymizer = Anonymizer(choices.known(), sector=sector, allow=allow, force=[own] if own else [])
    arounds = anonymize_around(anonymizer, texts, [_term_spans(t, choices) for t in texts])
    found = [a.replacements() for a in arounds]

    # Safety net: what must not survive is replaced after all, with the label the same
    # word got elsewhere in the export, or a fresh label for its role.
    used = {r.label for spans in found for r in spans}
    for check in _checks(choices, released):
        label: str | None = None
        for n, text in enumerate(texts):
            leaks = _leaks(text, check.pattern, found[n])
            if not leaks:
                continue
            if label is None:
                label = _label_for(check.word, found) or _fresh_label(check.role, used, sector)
                used.add(label)
            added = [
                Replacement(
                    m.start(),
                    m.end(),
                    m.group(),
                    label,
                    check.reason,
                    "persoon",
                    label + ("'s" if m.group("poss") else ""),
                )
                for m in leaks
            ]
            found[n] = sorted([*found[n], *added], key=lambda r: r.start)

    results = []
    for text, spans, around in zip(texts, found, arounds, strict=True):
        spans = _tidy(text, spans)
        suspects = [
            s
            for s in around.suspects
            if not _overlaps(s.start, s.end, spans) and fold(s.text) not in released
        ]
        results.append(apply(text, spans, suspects))
    return results


def apply_choices(source: Summary, choices: ReviewChoices) -> Summary:
    """A copy of the collected ``source`` with texts and notes anonymized under
    ``choices``. Notes carry free text too (a leervraag's conclusie): they go through the
    same run, so one person keeps one label everywhere."""
    count = len(source.items)
    results = anonymize_texts(
        [item.text for item in source.items] + [item.note for item in source.items],
        choices,
        sector=source.sector,
    )
    notes = results[count:]
    return replace(
        source,
        items=[replace(item, note=n.text) for item, n in zip(source.items, notes, strict=True)],
        anonymized=results[:count],
        note_results=notes,
    )


def export_summary(
    session: Session,
    choice: SummaryChoice,
    library: PromptLibrary | None = None,
    *,
    choices: ReviewChoices | None = None,
) -> Summary:
    """Collect what ``choice`` asks for and apply the stored (or given) choices."""
    source = collect(session, choice, library or session.prompt_library())
    return apply_choices(source, choices if choices is not None else load_choices(session))


def render_summary(summary: Summary, *, html: bool = False) -> str:
    """The file's text: Markdown, or a standalone printable HTML page."""
    markdown = render_markdown(summary)
    return render_html(markdown, title=SUMMARY_TITLE) if html else markdown
