"""Shared fixtures: an isolated journal per test, and a fixed clock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from reflectie.paths import AppPaths, resolve_paths
from reflectie.session import Session, open_session

CET = timezone(timedelta(hours=1))


class FakeClock:
    """A clock the test moves by hand, so nothing depends on the real time."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 11, 16, 9, 30, tzinfo=CET)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the real user folders, whatever a test forgets to pass."""
    monkeypatch.setenv("REFLECTIE_HOME", str(tmp_path / "default-home"))


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return resolve_paths(tmp_path / "data")


@pytest.fixture
def session(paths: AppPaths, clock: FakeClock) -> Iterator[Session]:
    opened = open_session(paths, clock=clock)
    yield opened
    opened.close()
