"""Reflection rhythm: entries per week as block-character bars.

Information, not a nag: the caption states the facts (how many reflections in
how many weeks) and nothing more. Drawn with block characters rather than a
Sparkline so each week keeps a fixed column with its week number underneath,
which makes the picture readable without colour.
"""

from __future__ import annotations

from datetime import date

from textual.content import Content
from textual.widgets import Static

_BLOCKS = " ▁▂▃▄▅▆▇█"
BAR_ROWS = 4
BAR_WIDTH = 3
GAP = 1
LABEL_WIDTH = 8


def render_rhythm(weeks: list[tuple[date, int]]) -> Content:
    """The chart for ``(monday, count)`` pairs, oldest first, as plain styled content.

    Rows: the bars (scaled to the busiest week), a baseline, the count per week
    and the ISO week number, each labelled on the left; a one-line caption below.
    """
    if not weeks:
        return Content("Nog geen gegevens.")
    counts = [count for _, count in weeks]
    peak = max(counts)
    levels = BAR_ROWS * 8
    heights = [0 if peak == 0 else max(1 if c else 0, round(c / peak * levels)) for c in counts]
    gap = " " * GAP
    blank = " " * LABEL_WIDTH

    lines: list[Content] = []
    for row in range(BAR_ROWS - 1, -1, -1):
        cells = [_BLOCKS[max(0, min(8, height - row * 8))] * BAR_WIDTH for height in heights]
        lines.append(Content.assemble(blank, (gap.join(cells), "$accent")))
    baseline = gap.join("─" * BAR_WIDTH for _ in weeks)
    lines.append(Content.assemble(blank, (baseline, "dim")))
    numbers = gap.join(f"{count:>{BAR_WIDTH}}" for count in counts)
    lines.append(Content.assemble(("aantal".ljust(LABEL_WIDTH), "dim"), (numbers, "bold")))
    axis = gap.join(f"{monday.isocalendar().week:>{BAR_WIDTH}}" for monday, _ in weeks)
    lines.append(Content.assemble(("week".ljust(LABEL_WIDTH), "dim"), (axis, "dim")))

    total = sum(counts)
    active = sum(1 for c in counts if c)
    if total == 0:
        caption = f"Nog geen reflecties in de afgelopen {len(weeks)} weken."
    else:
        noun = "reflectie" if total == 1 else "reflecties"
        week_noun = "week" if active == 1 else "weken"
        caption = f"{total} {noun} in de afgelopen {len(weeks)} weken, in {active} {week_noun}."
    lines.append(Content.styled(caption, "dim italic"))
    return Content("\n").join(lines)


class RhythmChart(Static):
    """Shows :func:`render_rhythm`; call :meth:`show_weeks` with fresh counts."""

    DEFAULT_CSS = """
    RhythmChart { height: auto; }
    """

    def show_weeks(self, weeks: list[tuple[date, int]]) -> None:
        self.update(render_rhythm(weeks))
