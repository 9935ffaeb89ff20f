"""Counts read as Dutch: "1 reflectie", "2 reflecties", never "1 reflecties"."""

from __future__ import annotations

import pytest

from reflectie.wording import count


@pytest.mark.parametrize(
    ("n", "noun", "expected"),
    [
        (1, "reflectie", "1 reflectie"),
        (0, "reflectie", "0 reflecties"),
        (2, "leervraag", "2 leervragen"),
        (1, "onderdeel", "1 onderdeel"),
        (3, "vervanging", "3 vervangingen"),
        (1, "samenvatting", "1 samenvatting"),
        (5, "kopie", "5 kopieën"),
    ],
)
def test_count_uses_the_right_noun_form(n: int, noun: str, expected: str) -> None:
    assert count(n, noun) == expected
