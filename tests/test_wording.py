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


def test_os_errors_read_dutch_even_when_we_have_no_wording() -> None:
    import errno

    from reflectie.errors_text import describe_os_error, os_reason

    assert os_reason(FileNotFoundError(errno.ENOENT, "No such file or directory")) == (
        "bestand of map bestaat niet"
    )
    assert describe_os_error(PermissionError(errno.EACCES, "Permission denied", "/x")) == (
        "geen toestemming: /x"
    )
    odd = os_reason(OSError(errno.ENOLINK, "Link has been severed"))
    assert "severed" not in odd and "besturingssysteem" in odd


def test_cli_says_in_dutch_that_a_file_is_missing(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.test_cli import run

    result = run(tmp_path, "herstel", str(tmp_path / "bestaat-niet.json"))
    assert result.returncode == 1
    assert "No such file" not in result.stderr and "bestaat niet" in result.stderr
