"""Fixtures for the TUI tests (``paths`` comes from ``tests/conftest.py``).

The helpers (app factory, seeding, waiting, reading the screen) live in
``tui_support``, imported by name because ``tests/`` is not a package.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True, scope="module")
def _fixed_timezone() -> Iterator[None]:
    """Week buckets use the local zone; pin it so charts are the same everywhere."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/Amsterdam"
    time.tzset()
    yield
    if old is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = old
    time.tzset()
