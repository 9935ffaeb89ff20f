"""Colour themes as small TOML data files, read and checked without Textual.

Themes live as data (``themes/*.toml`` in the repository, plus the user's own
``<config>/themes/*.toml``) so that contributors and teachers can add or tweak a
palette without touching Python. This module only parses and validates; the
Textual adapter in :mod:`reflectie.tui.themes` turns a :class:`ThemeSpec` into a
``textual.theme.Theme``. Keeping the parser free of Textual keeps it cheap to
test and usable from the command line (e.g. to list themes).

Validation is deliberately strict: a typo such as ``primery`` or ``#12345`` would
otherwise silently fall back to a Textual default and leave the user guessing
why their theme looks wrong. Every problem becomes one Dutch message that names
the file (and the line, when it can be found) so the user can fix it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reflectie.datafiles import DataFileError, read_toml
from reflectie.resources import shipped_dir

__all__ = [
    "COLOR_KEYS",
    "DEFAULT_THEME",
    "FORMAT_VERSION",
    "REQUIRED_COLORS",
    "ThemeFileError",
    "ThemeSpec",
    "contrast_ratio",
    "load_theme_file",
    "load_themes",
    "relative_luminance",
]

DEFAULT_THEME = "licht"
"""The theme used when the user has not chosen one (light is the calmest default)."""

FORMAT_VERSION = 1
"""The only ``formaat`` this version understands; bumped when the format changes."""

COLOR_KEYS: tuple[str, ...] = (
    "primary",
    "secondary",
    "accent",
    "foreground",
    "background",
    "surface",
    "panel",
    "boost",
    "success",
    "warning",
    "error",
)
"""Colour fields of ``textual.theme.Theme`` that a theme file may set."""

REQUIRED_COLORS: tuple[str, ...] = ("primary", "background", "foreground")
"""Colours without which a theme cannot be judged for readability."""

_META_KEYS: tuple[str, ...] = ("formaat", "name", "label", "dark", "variables")
_ALLOWED_KEYS = frozenset(_META_KEYS) | frozenset(COLOR_KEYS)

_HEX_RE = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
_NAME_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_VARIABLE_NAME_RE = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class ThemeSpec:
    """One validated theme file.

    ``colors`` maps Textual ``Theme`` field names to normalised ``#rrggbb``
    strings (lower case), so comparisons and contrast checks need no parsing.
    ``builtin`` tells shipped themes from the user's own, which matters for
    name clashes and for explaining where a theme came from.
    """

    name: str
    label: str
    dark: bool
    colors: dict[str, str]
    variables: dict[str, str]
    path: Path
    builtin: bool = False


class ThemeFileError(DataFileError):
    """A theme file that cannot be used; the message is Dutch and user-facing."""

    kind = "Themabestand"


def _normalise_hex(value: str) -> str:
    """Return ``value`` as lower-case ``#rrggbb`` (expanding ``#rgb``)."""
    digits = value[1:].lower()
    if len(digits) == 3:
        digits = "".join(ch * 2 for ch in digits)
    return f"#{digits}"


def _line_of(text: str, key: str) -> int | None:
    """Best-effort line number of ``key = ...`` in ``text``.

    tomllib reports positions only for syntax errors; for a wrong value the
    user still benefits from being pointed at the right line.
    """
    pattern = re.compile(rf"^\s*(?:{re.escape(key)}|\"{re.escape(key)}\"|'{re.escape(key)}')\s*=")
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return number
    return None


def load_theme_file(path: Path, *, builtin: bool = False) -> ThemeSpec:
    """Read and validate one theme file.

    Raises :class:`ThemeFileError` with a Dutch explanation for anything that
    would make the theme unusable or silently different from what was meant.
    """
    path = Path(path)
    data, text = read_toml(path, ThemeFileError)
    return _validate(path, text, data, builtin=builtin)


def _validate(path: Path, text: str, data: dict[str, Any], *, builtin: bool) -> ThemeSpec:
    """Check the parsed TOML table and build the spec."""

    def fail(message: str, key: str | None = None) -> ThemeFileError:
        return ThemeFileError(path, message, line=_line_of(text, key) if key else None)

    unknown = sorted(set(data) - _ALLOWED_KEYS)
    if unknown:
        names = ", ".join(repr(key) for key in unknown)
        raise fail(
            f"onbekende sleutel(s) {names}. Toegestaan zijn: {', '.join(_META_KEYS + COLOR_KEYS)}.",
            unknown[0],
        )

    version = data.get("formaat")
    if version is None:
        raise fail(f"'formaat' ontbreekt; zet 'formaat = {FORMAT_VERSION}' bovenaan.")
    if isinstance(version, bool) or version != FORMAT_VERSION:
        raise fail(
            f"'formaat' moet {FORMAT_VERSION} zijn, niet {version!r}.",
            "formaat",
        )

    name = data.get("name")
    if not isinstance(name, str) or not name:
        raise fail("'name' ontbreekt of is geen tekst.", "name")
    if name != path.stem:
        raise fail(
            f"'name' is {name!r}, maar moet gelijk zijn aan de bestandsnaam ({path.stem!r}).",
            "name",
        )
    if not _NAME_RE.fullmatch(name):
        raise fail(
            f"de naam {name!r} mag alleen kleine letters, cijfers en streepjes bevatten.",
            "name",
        )

    label = data.get("label", name)
    if not isinstance(label, str) or not label.strip():
        raise fail("'label' moet een niet-lege tekst zijn.", "label")

    if "dark" not in data:
        raise fail("'dark' ontbreekt; zet 'dark = true' of 'dark = false'.")
    dark = data["dark"]
    if not isinstance(dark, bool):
        raise fail(f"'dark' moet true of false zijn, niet {dark!r}.", "dark")

    colors: dict[str, str] = {}
    for key in COLOR_KEYS:
        if key not in data:
            continue
        value = data[key]
        if not isinstance(value, str) or not _HEX_RE.fullmatch(value):
            raise fail(
                f'kleur \'{key}\' is {value!r}; gebruik een hexkleur als "#1e2a38" of "#fff".',
                key,
            )
        colors[key] = _normalise_hex(value)
    missing = [key for key in REQUIRED_COLORS if key not in colors]
    if missing:
        raise fail(f"verplichte kleur(en) ontbreken: {', '.join(missing)}.")

    variables = _validate_variables(data.get("variables", {}), fail)

    return ThemeSpec(
        name=name,
        label=label.strip(),
        dark=dark,
        colors=colors,
        variables=variables,
        path=path,
        builtin=builtin,
    )


def _validate_variables(
    table: Any, fail: Callable[[str, str | None], ThemeFileError]
) -> dict[str, str]:
    """Accept ``[variables]`` as a table of CSS variable names to string values.

    Values are passed through to Textual as-is (they may be e.g. ``"#88c0d0 35%"``
    or ``"bold"``), so only their shape is checked here.
    """
    if not isinstance(table, dict):
        raise fail("'variables' moet een tabel zijn: [variables].", "variables")
    variables: dict[str, str] = {}
    for key, value in table.items():
        if not _VARIABLE_NAME_RE.fullmatch(key):
            raise fail(
                f"variabele {key!r} heeft een ongeldige naam (kleine letters en streepjes).",
                key,
            )
        if not isinstance(value, str) or not value.strip() or "\n" in value:
            raise fail(f"variabele {key!r} moet een niet-lege tekst op één regel zijn.", key)
        variables[key] = value.strip()
    return variables


def _theme_files(folder: Path) -> list[Path]:
    """The ``*.toml`` files in ``folder``, sorted, skipping hidden/editor files."""
    return sorted(
        candidate
        for candidate in folder.glob("*.toml")
        if candidate.is_file() and not candidate.name.startswith(".")
    )


def load_themes(
    user_dir: Path | None,
) -> tuple[tuple[ThemeSpec, ...], tuple[str, ...]]:
    """Load the shipped themes, then the user's own, collecting problems.

    A broken file never stops the app: it is skipped and yields one Dutch
    message, so the caller can show all problems in a single notification and
    carry on with the themes that do work. A user theme may not reuse a shipped
    name, because silently replacing e.g. ``licht`` would make bug reports and
    the default theme unpredictable.
    """
    themes: list[ThemeSpec] = []
    problems: list[str] = []

    shipped_names: set[str] = set()
    for path in _theme_files(shipped_dir("themes")):
        try:
            spec = load_theme_file(path, builtin=True)
        except ThemeFileError as error:
            problems.append(f"{error} Dit meegeleverde thema is overgeslagen.")
            continue
        themes.append(spec)
        shipped_names.add(spec.name)

    if user_dir is not None and Path(user_dir).is_dir():
        for path in _theme_files(Path(user_dir)):
            try:
                spec = load_theme_file(path)
            except ThemeFileError as error:
                problems.append(f"{error} Dit thema is overgeslagen.")
                continue
            if spec.name in shipped_names:
                problems.append(
                    f"Themabestand {path}: de naam {spec.name!r} hoort al bij een "
                    "meegeleverd thema; kies een andere naam (en bestandsnaam). "
                    "Dit thema is overgeslagen."
                )
                continue
            themes.append(spec)

    return tuple(themes), tuple(problems)


def relative_luminance(hex_color: str) -> float:
    """WCAG 2.x relative luminance of an ``#rgb``/``#rrggbb`` colour (0 = black, 1 = white)."""
    if not _HEX_RE.fullmatch(hex_color):
        raise ValueError(f"geen hexkleur: {hex_color!r}")
    digits = _normalise_hex(hex_color)[1:]

    def channel(pair: str) -> float:
        value = int(pair, 16) / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(digits[i : i + 2]) for i in (0, 2, 4))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(hex1: str, hex2: str) -> float:
    """WCAG 2.x contrast ratio between two colours, from 1.0 to 21.0.

    Used to keep shipped themes readable: 4.5 is AA for body text, 7 is AAA.
    """
    first, second = relative_luminance(hex1), relative_luminance(hex2)
    lighter, darker = max(first, second), min(first, second)
    return (lighter + 0.05) / (darker + 0.05)
