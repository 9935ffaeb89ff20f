"""Run TinyDB 4.9.0's own database and table tests against our storage.

``test_tinydb.py`` and ``test_tables.py`` are copied unchanged from the TinyDB
4.9.0 sdist (MIT licence, see LICENSE-tinydb). Only the ``db`` fixture is ours:
it builds the database on :class:`LogStorage` (plain TinyDB) and on
:class:`JournalDB` (our incremental table), instead of TinyDB's own storages.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tinydb import TinyDB
from tinydb.middlewares import CachingMiddleware
from tinydb.storages import MemoryStorage

from reflectie.store import JournalDB, LogStorage


@pytest.fixture(params=["logstorage", "journaldb"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[TinyDB]:
    if request.param == "logstorage":
        db_ = TinyDB(tmp_path / "test.db", storage=LogStorage)
    else:
        db_ = JournalDB(tmp_path / "test.db")
    db_.drop_tables()
    db_.insert_multiple({"int": 1, "char": c} for c in "abc")
    yield db_
    db_.close()


@pytest.fixture
def storage() -> CachingMiddleware:
    return CachingMiddleware(MemoryStorage)()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Upstream's repr test hard-codes the names of TinyDB's own storage classes.
    for item in items:
        if item.originalname == "test_table_repr":
            item.add_marker(pytest.mark.xfail(reason="names TinyDB's own storage classes"))
