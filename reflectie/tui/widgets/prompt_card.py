"""The prompt as the teacher sees it: set name, question, and the hint under it.

Used on the start screen and above the editor, so a question looks the same in
both places. Prompt files may come from the user's config folder, so their text
is treated as data (``Content``), like everything else the user can write.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


def prompt_content(set_title: str | None, question: str | None, hint: str | None) -> Content:
    """The card's text; without a question it invites free writing."""
    parts: list[Content] = []
    if set_title:
        parts.append(Content.styled(set_title, "dim italic"))
    if question:
        parts.append(Content.styled(question, "bold"))
    else:
        parts.append(Content.styled("Vrij schrijven: geen vraag, jouw eigen onderwerp.", "bold"))
    if hint:
        parts.append(Content.styled(hint, "italic"))
    return Content("\n").join(parts)


class PromptCard(Static):
    """Shows one prompt; :meth:`show_prompt` replaces it."""

    DEFAULT_CSS = """
    PromptCard {
        height: auto;
        padding: 0 1;
        border: round $primary;
        background: $surface;
    }
    """

    def show_prompt(self, set_title: str | None, question: str | None, hint: str | None) -> None:
        self.update(prompt_content(set_title, question, hint))
