"""Turn validated theme files into Textual themes and register them with an app.

The parsing and validation live in :mod:`reflectie.theme_files` (no Textual
import there); this thin adapter is the only place that knows Textual's
``Theme`` class, so a Textual upgrade that changes the theme API touches one
small file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App
from textual.theme import Theme

from reflectie.theme_files import ThemeSpec, load_themes

__all__ = ["register_theme_specs", "register_themes", "to_textual_theme"]


def to_textual_theme(spec: ThemeSpec) -> Theme:
    """Build the Textual ``Theme`` for ``spec``.

    Colours the file leaves out stay ``None`` so Textual derives them from the
    others, exactly as for its own built-in themes. ``variables`` is copied so
    that Textual can never mutate the (frozen) spec's dictionary.
    """
    colors = spec.colors
    return Theme(
        name=spec.name,
        primary=colors["primary"],
        secondary=colors.get("secondary"),
        warning=colors.get("warning"),
        error=colors.get("error"),
        success=colors.get("success"),
        accent=colors.get("accent"),
        foreground=colors.get("foreground"),
        background=colors.get("background"),
        surface=colors.get("surface"),
        panel=colors.get("panel"),
        boost=colors.get("boost"),
        dark=spec.dark,
        variables=dict(spec.variables),
    )


def register_theme_specs(app: App[Any], user_dir: Path | None) -> tuple[list[ThemeSpec], list[str]]:
    """Register every shipped and user theme with ``app``; return them and the problems.

    The specs are returned too because the app needs their Dutch labels for the
    theme choice in the settings screen and the command palette.
    """
    specs, problems = load_themes(user_dir)
    for spec in specs:
        app.register_theme(to_textual_theme(spec))
    return list(specs), list(problems)


def register_themes(app: App[Any], user_dir: Path | None) -> list[str]:
    """Register every shipped and user theme with ``app``; return the problems.

    Broken user files are skipped rather than fatal, so the returned Dutch
    messages are meant to be shown together in one notification.
    """
    return register_theme_specs(app, user_dir)[1]
