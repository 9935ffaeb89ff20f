"""Time, injectable: tests pass a fixed clock instead of sleeping."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """Local time with its UTC offset, so stored timestamps are unambiguous."""
    return datetime.now().astimezone()


def iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")
