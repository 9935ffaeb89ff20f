"""Locate the data files (prompt sets, themes) that ship with reflectie.

In an installed wheel they live inside the package (``reflectie/_data/<kind>``);
in a source checkout or editable install they live at the repository's top level.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def shipped_dir(kind: str) -> Path:
    """Return the folder holding the shipped files of ``kind`` ("prompts" or "themes")."""
    installed = _PACKAGE_DIR / "_data" / kind
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent / kind
