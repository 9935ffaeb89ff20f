"""Dutch wording shared by every front end: counts with the right noun form.

"1 reflecties" reads wrong; every message that shows a count goes through
:func:`count` so the CLI, the TUI and the exports agree.
"""

from __future__ import annotations

#: singular → plural for the nouns the app counts (irregular ones spelled out)
_PLURALS = {
    "reflectie": "reflecties",
    "leervraag": "leervragen",
    "voornemen": "voornemens",
    "onderdeel": "onderdelen",
    "vervanging": "vervangingen",
    "samenvatting": "samenvattingen",
    "dialoogvraag": "dialoogvragen",
    "naam": "namen",
    "woord": "woorden",
    "dag": "dagen",
    "week": "weken",
    "speerpunt": "speerpunten",
    "feedbackvraag": "feedbackvragen",
    "antwoord": "antwoorden",
    "kopie": "kopieën",
    "item": "items",
    "notitie": "notities",
}


def plural(noun: str) -> str:
    """The plural of a noun the app counts; unknown nouns get an -s (and say so in tests)."""
    return _PLURALS.get(noun, noun + "s")


def count(n: int, noun: str) -> str:
    """ "1 reflectie", "0 reflecties", "2 reflecties"."""
    return f"{n} {noun if n == 1 else plural(noun)}"
