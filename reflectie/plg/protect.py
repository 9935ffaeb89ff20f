"""Run the anonymizer around spans that are already decided.

Some spans of a text are settled before the anonymizer runs: a word the teacher marked
as "[school]" in the review, or a label the product wrote itself ("Collega A" in a
member's summary that goes into a bundle). Those spans are masked with a neutral word
(``iemand`` for a person, ``iets`` for anything else) so the anonymizer neither
replaces them again ("Persoon 1" → "Persoon 1 1") nor mistakes them for context; the
anonymizer's own replacements are then mapped back onto the original text. A
replacement that reaches into a masked span keeps only the part outside it, so nothing
the anonymizer found is dropped.

Plain Python; the public anonymizer API only (``Anonymizer.anonymize_many``,
``Replacement``, ``Suspect``, ``AnonymizedText``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from reflectie.anonymizer import AnonymizedText, Anonymizer, Replacement, Suspect

PERSON_MASK = "iemand"
THING_MASK = "iets"


@dataclass(frozen=True)
class Fixed:
    """A span decided before the anonymizer runs. ``replacement`` says what the output
    shows there (its ``start``/``end`` are the span in the original text)."""

    replacement: Replacement
    mask: str = THING_MASK

    @property
    def start(self) -> int:
        return self.replacement.start

    @property
    def end(self) -> int:
        return self.replacement.end


@dataclass(frozen=True)
class Around:
    """One text after :func:`anonymize_around`, all spans in ORIGINAL coordinates."""

    original: str
    found: tuple[Replacement, ...]  # what the anonymizer replaced
    fixed: tuple[Replacement, ...]  # the decided spans
    suspects: tuple[Suspect, ...]

    def replacements(self) -> list[Replacement]:
        return sorted((*self.found, *self.fixed), key=lambda r: r.start)


def _disjoint(fixed: Sequence[Fixed]) -> list[Fixed]:
    """Decided spans without overlaps: the earliest (then the longest) wins."""
    out: list[Fixed] = []
    end = -1
    for item in sorted(fixed, key=lambda f: (f.start, -f.end)):
        if item.start >= end and item.end > item.start:
            out.append(item)
            end = item.end
    return out


class _Mapping:
    """Offsets between a masked text and its original."""

    def __init__(self, text: str, fixed: list[Fixed]) -> None:
        parts: list[str] = []
        self.masks: list[tuple[int, int, Fixed]] = []  # span in the masked text
        pos = shift = 0
        for item in fixed:
            parts.append(text[pos : item.start])
            start = item.start + shift
            parts.append(item.mask)
            self.masks.append((start, start + len(item.mask), item))
            shift += len(item.mask) - (item.end - item.start)
            pos = item.end
        parts.append(text[pos:])
        self.masked = "".join(parts)

    def to_original(self, position: int) -> int:
        """An offset outside the masks (or at a mask's edge) in the original text."""
        shift = 0
        for start, end, item in self.masks:
            if end <= position:
                shift += (item.end - item.start) - (end - start)
            elif start >= position:
                break
        return position + shift

    def outside(self, start: int, end: int) -> list[tuple[int, int]]:
        """The parts of ``[start, end)`` of the masked text that lie outside every mask."""
        parts: list[tuple[int, int]] = []
        pos = start
        for m_start, m_end, _item in self.masks:
            if m_end <= pos or m_start >= end:
                continue
            if m_start > pos:
                parts.append((pos, m_start))
            pos = max(pos, m_end)
        if pos < end:
            parts.append((pos, end))
        return parts


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without spaces and punctuation at either edge."""
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip(" \t\n.,;:!?()'\"’-"))
    trail = len(piece) - len(piece.rstrip(" \t\n.,;:!?()'\"’-"))
    return start + lead, max(start + lead, end - trail)


def anonymize_around(
    anonymizer: Anonymizer, texts: Sequence[str], fixed: Sequence[Sequence[Fixed]]
) -> list[Around]:
    """Anonymize ``texts`` as one export, leaving each text's ``fixed`` spans alone."""
    mappings = [_Mapping(text, _disjoint(spans)) for text, spans in zip(texts, fixed, strict=True)]
    results = anonymizer.anonymize_many([m.masked for m in mappings])
    out: list[Around] = []
    for text, mapping, result in zip(texts, mappings, results, strict=True):
        found: list[Replacement] = []
        for r in result.replacements:
            parts = mapping.outside(r.start, r.end)
            whole = parts == [(r.start, r.end)]
            for m_start, m_end in parts:
                if not whole:
                    m_start, m_end = _trim(mapping.masked, m_start, m_end)
                    if m_end <= m_start:
                        continue
                start, end = mapping.to_original(m_start), mapping.to_original(m_end)
                inserted = r.inserted if whole or m_end == r.end else r.label
                found.append(
                    replace(r, start=start, end=end, original=text[start:end], inserted=inserted)
                )
        suspects = [
            replace(s, start=mapping.to_original(s.start), end=mapping.to_original(s.end))
            for s in result.suspects
            if mapping.outside(s.start, s.end) == [(s.start, s.end)]
        ]
        out.append(
            Around(
                text,
                tuple(found),
                tuple(m[2].replacement for m in mapping.masks),
                tuple(suspects),
            )
        )
    return out


def apply(
    text: str, replacements: Sequence[Replacement], suspects: Sequence[Suspect] = ()
) -> AnonymizedText:
    """The text with ``replacements`` (sorted, disjoint, original coordinates) applied."""
    parts: list[str] = []
    pos = 0
    for r in replacements:
        parts.append(text[pos : r.start])
        parts.append(r.inserted)
        pos = r.end
    parts.append(text[pos:])
    return AnonymizedText(text, "".join(parts), tuple(replacements), tuple(suspects))


def output_position(anonymized: AnonymizedText, position: int) -> int:
    """Where an offset of the original text (outside every replacement) is in the output."""
    shift = 0
    for r in anonymized.replacements:
        if r.end <= position:
            shift += len(r.inserted) - (r.end - r.start)
        else:
            break
    return position + shift
